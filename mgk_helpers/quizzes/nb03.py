"""Self-checks for notebook 03 (muscle, nerve, heart): Nernst, the ECG of low K and its limits, repolarisation
at low K, why low Mg excites nerves, how heart disease moves K."""

from __future__ import annotations

from mgk_helpers.membrane import nernst
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.reference import ecg_pattern

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    e_k_lost = round(nernst(3.0, 120.0), 1)
    e_k_normal = round(nernst(4.2, 140.0), 1)
    e_k_outside_only = round(nernst(3.0, 140.0), 1)
    low_k_ecg = ecg_pattern(2.7).findings.split(" (")[0]
    g_k1_25 = round(100 * (2.5 / 4.2) ** 0.5)

    return (
        NumericQuestion(
            prompt=(
                "In the membrane explorer, set serum K to 3.0 mmol/L and cell K to 120 mmol/L (someone who has lost "
                "K from blood and cells). What is E_K at 37 °C?"
            ),
            answer=e_k_lost,
            tolerance=0.5,
            unit="mV",
            hint=(
                "E_K depends only on the ratio outside/inside: 61.54 mV × log10([K]o/[K]i). Work out the ratio "
                "first and compare it with the membrane explorer's normal 4.2/140 to see which way E_K "
                "moves; the answer is negative."
            ),
            tolerance_why=(
                "±0.5 mV: the readout prints E_K to 0.1 mV, and using 61.5 or 61.54 mV, or rounding the logarithm, "
                "moves the answer by a few tenths of a millivolt."
            ),
            explanation=(
                f"E_K = 61.54 mV × log10(3.0/120) ≈ {e_k_lost:.1f} mV: still more negative than the "
                f"{e_k_normal:.1f} mV at normal values, though less than the {e_k_outside_only:.1f} mV with cell K "
                "unchanged. The fall outside (−29%) is the larger change in relative terms, so it wins. Nernst is "
                "mechanism; it leaves out the currents that decide how the heart repolarises."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "Open the schematic ECG strip, keep Mg normal and set serum K to 2.7 mmol/L. Which findings are "
                "typical of this moderate hypokalaemia?"
            ),
            options=(
                low_k_ecg[:1].upper() + low_k_ecg[1:],
                "Tall, peaked and tented T waves, a short QT and, later, a longer PR interval",
                "A long QT from a lengthened ST segment, with a normal T wave after it",
                "Loss of P waves, a widening QRS and, at the extreme, a sine-wave pattern",
            ),
            answer=0,
            feedback=(
                "Low K slows repolarisation: the ST segment sags, T flattens and the U wave grows; when K falls "
                "further T and U fuse into an apparent long QT that is really a QU (Diercks et al. 2004).",
                "Peaked T waves belong to high K, the mirror image of this picture. Mixing the two up is a "
                "common mistake with potassium.",
                "A long ST segment with a normal T wave is the pattern of low calcium. The long 'QT' of low K comes "
                "from a U wave merging with a flat T wave, so it is really a QU interval.",
                "These are later signs of high K, in the order the strip shows as K rises. Low K leaves the P wave "
                "and QRS until it is severe, and then it makes P waves larger, not absent.",
            ),
            explanation=(
                "Low K: ST depression, flat or inverted T waves, prominent U waves, and at worse levels T–U fusion "
                "(Diercks et al. 2004; Weiss et al. 2017). Peaked T waves, loss of P waves and the sine wave belong "
                "to high K. The link between the ECG and the exact K level is loose."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "E_K is *more* negative when serum K is low, yet heart cells repolarise more slowly and are more "
                "prone to extra beats. Why?"
            ),
            options=(
                "Low K raises the cells' Na⁺ permeability, so Na⁺ keeps them depolarised.",
                "Low K removes the Mg²⁺ block of the K channel IK1, so it stops rectifying.",
                "Low K weakens the K currents that end the beat (IKr, IK1) and slows the pump.",
                "The voltage has further to travel back to a more negative E_K, so it takes longer.",
            ),
            answer=2,
            feedback=(
                "Low K does not open Na⁺ channels, and the GHK curve in the explorer holds P_Na/P_K fixed. The "
                "slowing comes from the K side: weaker repolarising K currents.",
                "IK1 rectifies (passes current inwards more easily than outwards) because polyamines "
                "(spermine, small charged molecules in cells) and Mg²⁺ plug it from inside (Ficker et al. 1994; "
                "Lopatin et al. 1994). Vandenberg (1987) abolished rectification only below 1 µmol/L internal Mg, "
                "far below any patient, and low [K]o does not remove the block.",
                "Phase 3, the return to rest, is carried mainly by the K currents IKr and IKs, and IK1 "
                "finishes it. Low [K]o lowers the IKr and IK1 "
                f"conductances (IK1 to about {g_k1_25}% at 2.5 mmol/L; Luo & Rudy 1994) and inhibits the pump, so "
                "Na and then Ca build up and trigger after-depolarisations (Weiss et al. 2017; Tazmini et al. 2020).",
                "A few extra millivolts add little time. A more negative E_K gives K⁺ a larger push outwards; what "
                "is missing is the current, because the K conductances fall.",
            ),
            explanation=(
                "An equation is right about what it includes and silent about what it leaves out. Nernst gives the "
                "K balance point; repolarisation needs K current, and low [K]o lowers the IKr and IK1 conductances "
                "and slows the Na⁺/K⁺ pump, so Ca overload and after-depolarisations follow: U waves, a long QT "
                "(really QU), torsades (Weiss et al. 2017; Tazmini et al. 2020). Mechanism."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A patient's serum K is 6.4 mmol/L, and the ECG shows no changes. What should you make of the "
                "normal ECG?"
            ),
            options=(
                "Reassuring: with no ECG changes at all, the K cannot yet be at a dangerous level.",
                "Reassuring as long as the T waves are not peaked, the first sign to appear.",
                "It proves the K result is wrong: a K of 6.4 always gives peaked T waves.",
                "Not reassuring: the ECG is insensitive, and arrest can come with few changes.",
            ),
            answer=3,
            feedback=(
                "That is the 'normal ECG = safe K' error. In a review of 90 patients admitted with K of 6 mmol/L or "
                "more, the typical changes were often missing (Montague et al. 2008).",
                "Peaked T waves are the usual first sign when changes appear, but many people with a high K show "
                "none at all, so their absence is no safety check (Montague et al. 2008).",
                "A falsely high result (for example from a haemolysed sample) does happen, but the ECG cannot tell "
                "you that: many real high K values come with a normal ECG.",
                "The ECG is an insensitive test: dangerous arrhythmias or cardiac arrest can occur with few or no "
                "warning changes (Montague et al. 2008; UK Kidney Association 2020).",
            ),
            explanation=(
                "The ECG is insensitive, especially in hyperkalaemia: the 'typical' changes were often missing and "
                "no T-wave threshold could be set (Montague et al. 2008). A normal ECG never makes a high K safe; "
                "urgency comes from the K level, symptoms and context together. A K of 6.4 needs urgent same-day "
                "medical assessment, with a repeat sample and ECG monitoring, changes or not (UK Kidney "
                "Association 2020: 6.0–6.4 moderate; 6.5 or more severe)."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "Severe low Mg tends to cause tremor, twitching and tetany, while severe low K tends to cause "
                "weakness. Why does low Mg make nerves and muscles over-excitable?"
            ),
            options=(
                "Low Mg lowers serum K, and it is really the low K that causes the tetany.",
                "Mg²⁺ damps Ca²⁺ channels and blocks NMDA (glutamate) receptors; less Mg lifts both.",
                "Low Mg hyperpolarises nerve membranes, as low K does, so they fire in bursts.",
                "Low Mg raises serum calcium, and the extra calcium makes muscles contract.",
            ),
            answer=1,
            feedback=(
                "Low K makes muscle weak or, when severe, inexcitable; it does not cause tetany. The "
                "over-excitability of low Mg has its own causes, and low calcium adds to it.",
                "Mg²⁺ is a physiological calcium blocker (Iseri & French 1984) and sits in the pore of the "
                "NMDA receptor, a glutamate-gated channel, at "
                "rest (Mayer et al. 1984; Nowak et al. 1984). With less Mg, more Ca enters, more transmitter is "
                "released and neurons fire more easily.",
                "Hyperpolarisation makes cells harder, not easier, to fire; that is the low-K story. Low Mg works "
                "through calcium channels and NMDA receptors instead.",
                "The direction is reversed: severe Mg deficiency lowers serum calcium, by impairing PTH secretion "
                "and action, and that low calcium adds its own tetany (Tong & Rude 2005; de Baaij et al. 2015).",
            ),
            explanation=(
                "Mechanism: Mg²⁺ competes with Ca²⁺ at calcium channels and blocks NMDA receptors, so low Mg makes "
                "nerve and muscle over-excitable (tremor, twitching, tetany, seizures). Severe deficiency also "
                "lowers calcium through PTH, which corrects only once Mg is given (Tong & Rude 2005; de Baaij et al. "
                "2015). Low K instead hyperpolarises muscle or, when severe, makes it inexcitable."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A man with heart failure already takes a loop diuretic. Which of these changes would tend to "
                "*raise* his serum K?"
            ),
            options=(
                "His aldosterone level rises further.",
                "He has a heart attack and a surge of adrenaline follows.",
                "Spironolactone is added, which blocks aldosterone's receptor.",
                "He develops a fast, irregular heartbeat (atrial fibrillation).",
            ),
            answer=2,
            feedback=(
                "Aldosterone makes the kidney secrete more K, so secondary aldosteronism lowers serum K; with "
                "diuretics it is a main reason low K is common in heart failure (Leier et al. 1994).",
                "Adrenaline drives K into cells through β₂ receptors, so serum K falls: by about 0.8 mmol/L in "
                "volunteers given heart-attack levels (Brown, Brown & Murphy 1983).",
                "Blocking the mineralocorticoid receptor removes aldosterone's push on K secretion, so serum K rises; "
                "ACE inhibitors and angiotensin-receptor blockers do the same (Palmer 2004), which is why K is "
                "checked soon after spironolactone is added (Juurlink et al., N Engl J Med 2004).",
                "The heart's rhythm is a target of serum K, not a regulator: a fast or irregular beat does not set "
                "serum K. Only the hormones and drugs that come with heart disease reach it.",
            ),
            explanation=(
                "Heart disease reaches serum K through the regulators, not the heartbeat: aldosterone in heart "
                "failure (Leier et al. 1994), adrenaline shifts (Brown, Brown & Murphy 1983), and drugs, which lower "
                "K (diuretics) or raise it (ACE inhibitors, angiotensin-receptor blockers, spironolactone; Palmer "
                "2004). So the article's 'indirectly' is vague rather than baseless. Mechanism, not Mg → K."
            ),
            kind="transfer",
        ),
    )
