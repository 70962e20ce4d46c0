"""Self-checks for notebook 03 (muscle, nerve, heart): Nernst, repolarisation at low K, ECG, heart disease."""

from __future__ import annotations

from mgk_helpers.membrane import nernst
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.reference import ecg_pattern

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    e_k_25 = round(nernst(2.5, 140.0), 1)
    e_k_42 = round(nernst(4.2, 140.0), 1)

    return (
        NumericQuestion(
            prompt="Cell K is 140 mmol/L. What is E_K at 37 °C when serum K is 2.5 mmol/L?",
            answer=e_k_25,
            tolerance=0.5,
            unit="mV",
            explanation=(
                f"E_K = 61.54 mV × log10(2.5/140) ≈ {e_k_25:.1f} mV, more negative than the {e_k_42:.1f} mV "
                "at a normal 4.2 mmol/L: low extracellular K hyperpolarises the K equilibrium potential."
            ),
        ),
        ChoiceQuestion(
            prompt="Which ECG findings are typical of moderate hypokalaemia (serum K 2.5–3.0 mmol/L)?",
            options=[
                "Tall, tented T waves",
                ecg_pattern(2.7).findings[:1].upper() + ecg_pattern(2.7).findings[1:],
                "Loss of P waves and a sine-wave pattern",
            ],
            answer=1,
            explanation=(
                "Low K slows repolarisation: the ST segment sags, T waves flatten and U waves grow. Tall "
                "tented T waves, loss of P waves and the sine wave belong to *high* K. The link with the "
                "exact K level is loose."
            ),
        ),
        ChoiceQuestion(
            prompt=(
                "E_K is *more* negative when serum K is low, yet heart cells repolarise more slowly and are "
                "more prone to extra beats. Why?"
            ),
            options=[
                "Low K raises the Na permeability of heart cells.",
                "Low extracellular K lowers the conductance of the repolarising K currents (IKr and IK1) and "
                "slows the Na⁺/K⁺ pump, so less repolarising current flows and Ca builds up in the cells.",
                "Low K removes the Mg²⁺ block of IK1, so the channel stops rectifying.",
            ],
            answer=1,
            explanation=(
                "Phase-3 repolarisation is carried mainly by IKr and IKs; IK1 finishes it and sets the "
                "resting potential. Low [K]o lowers the IKr and IK1 conductances (cardiac models scale IK1 "
                "with √([K]o/5.4 mmol/L); Luo & Rudy 1994) and inhibits the Na⁺/K⁺ pump, so Na and then Ca "
                "build up and trigger after-depolarisations (Weiss et al. 2017; Tazmini et al. 2020): U "
                "waves, QT/QU prolongation, torsades. IK1 rectification comes from block by polyamines "
                "(spermine) and Mg²⁺ from inside; it was abolished only below 1 µmol/L internal Mg "
                "(Vandenberg 1987), far below any patient's cell Mg, and low [K]o does not remove it."
            ),
        ),
        ChoiceQuestion(
            prompt="The article says the heart 'can indirectly affect potassium levels'. What is correct?",
            options=[
                "It is baseless: nothing to do with the heart can change serum K.",
                "The heartbeat does not set serum K, but heart disease changes it indirectly: heart failure "
                "raises aldosterone, the adrenaline of a heart attack drives K into cells, and heart drugs "
                "push K down (diuretics) or up (ACE inhibitors, spironolactone, digoxin toxicity).",
                "A fast heart rate uses up K, so palpitations by themselves cause hypokalaemia.",
            ],
            answer=1,
            explanation=(
                "Serum K is set by intake, the kidney and shifts into and out of cells; the heart's rhythm "
                "is a target, not a regulator. Heart disease reaches serum K through those regulators: "
                "secondary aldosteronism in heart failure (Leier et al. 1994), β₂-driven shifts from "
                "adrenaline (Brown et al. 1983), and drugs (diuretics lower K; ACE inhibitors, "
                "angiotensin-receptor blockers and mineralocorticoid-receptor antagonists raise it; "
                "digoxin toxicity blocks the Na⁺/K⁺ pump and raises it). So the article is vague rather "
                "than baseless."
            ),
        ),
    )
