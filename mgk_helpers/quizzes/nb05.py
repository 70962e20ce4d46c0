"""Self-checks for notebook 05 (causes and symptoms): renal or extrarenal loss, units, urgency near a cut-off,
causes in the model, red flags."""

from __future__ import annotations

from mgk_helpers.model import Params, steady_state
from mgk_helpers.model.clinical import cause_preset_table
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.reference import classify_mg
from mgk_helpers.units import to_mmol_per_l

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    presets = cause_preset_table()
    weak_presets = cause_preset_table(params=Params(kd_romk=0.5))
    reference_k = float(steady_state(0.85).serum_k)

    def preset(cause_id: str, column: str) -> float:
        return float(presets.loc[cause_id, column])

    # Loop-diuretic preset (driver 2.0, Mg 0.70) with a poor diet: K intake 100 → 60 mmol/day.
    loop = steady_state(preset("loop_diuretic", "serum_mg"), [100, 60], preset("loop_diuretic", "driver"))
    loop_k, loop_urine = [float(x) for x in loop.serum_k], [float(x) for x in loop.urine_k]

    mg_dl = 1.4
    mg_mmol = round(float(to_mmol_per_l(mg_dl, "mg/dL", "Mg")), 2)

    return (
        ChoiceQuestion(
            prompt=(
                "Two people both have serum K 3.2 mmol/L. One has had diarrhoea for a week; the other started a "
                "thiazide diuretic a month ago. Which one most likely has the low urine K?"
            ),
            options=[
                "The person on the thiazide, because the diuretic has already emptied the body of K",
                "The person with diarrhoea, because the kidney conserves K while K is lost in the stool",
                "Neither: both are losing K, so both will have a high urine K",
                "Both: serum K is low in both, so the kidney filters and excretes less K in both",
            ],
            answer=1,
            feedback=[
                "A diuretic makes the kidney keep losing K: urine K stays ordinary or high despite the low serum "
                "K. That is the renal pattern, not the conserving one.",
                "With a low serum K a working kidney cuts urine K below about 20–25 mmol/day; the K is going "
                "out in the stool (Gennari 1998). In the causes explorer the diarrhoea preset shows it.",
                "This assumes every K loss shows in the urine. In diarrhoea the K leaves in the stool and the "
                "kidney holds on to K, so the urine K is low.",
                "This treats urine K as a copy of serum K. Urine K depends on what the kidney secretes: on a "
                "thiazide it keeps secreting, in diarrhoea it conserves. Only one of them has the low urine K.",
            ],
            explanation=(
                "A low urine K (below about 20–25 mmol/day) while serum K is low means the kidney is conserving: "
                "a gut loss or very low intake. An ordinary or high urine K despite a low serum K means a renal "
                "loss: diuretics, vomiting, Gitelman or Bartter syndrome, Mg deficiency (Gennari 1998; Rastegar & "
                f"Soleimani 2001). In the model the diarrhoea preset gives urine K {preset('diarrhoea', 'urine_k'):.0f} "
                f"mmol/day, the thiazide preset {preset('thiazide', 'urine_k'):.0f}. The cut-offs are rough "
                "guides, read with the history."
            ),
            kind="transfer",
        ),
        NumericQuestion(
            prompt=(
                f"A US lab reports serum Mg {mg_dl} mg/dL. What is that in mmol/L? (Use the lab panel's Mg unit "
                "buttons, or convert by hand.)"
            ),
            answer=mg_mmol,
            tolerance=0.02,
            unit="mmol/L",
            hint=(
                "Mg weighs 24.3 mg per mmol. Turn mg/dL into mg/L first (there are 10 dL in a litre), then divide "
                "by 24.3."
            ),
            tolerance_why=(
                "±0.02 mmol/L: rounding the factor (about 0.41) or reading the lab panel to two decimals; a "
                "slip in the dL-to-L step lands far outside."
            ),
            explanation=(
                f"mg/dL × 0.4114 = mmol/L, so {mg_dl} mg/dL ≈ {mg_mmol:.2f} mmol/L: "
                f"{classify_mg(mg_dl, 'mg/dL').label} on this course's scale, low but above the level of about "
                "0.5 mmol/L under which symptoms become more likely (NHS Lothian). The grade alone does not say "
                "how urgent it is: symptoms, the ECG and the setting (heart disease, digoxin, low K or calcium as "
                "well) do."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "A woman's serum Mg was 0.51 mmol/L last week and is 0.49 today. The lab panel's label changes "
                "from mild to moderate, and its red-flag list appears. She has no new symptoms and her ECG is "
                "unchanged. What has changed for her?"
            ),
            options=[
                "She is now moderately low, so she needs emergency care today",
                "Her Mg is falling quickly and will be in the severe range within days",
                "The panel has found a red flag in her, since its red-flag list is showing",
                "Probably nothing: 0.02 mmol/L is within the test's measurement error",
            ],
            answer=3,
            feedback=[
                "This lets a label decide. Nothing about her changes when a value crosses a line; urgency comes "
                "from symptoms (above all the red flags), the ECG and the setting.",
                "Two results 0.02 apart cannot show a trend: the same blood measured twice can differ by that "
                "much. A real fall would show over several tests, together with her losses and symptoms.",
                "The list is a prompt to look for red flags, not a finding. Red flags are things in the patient "
                "and on the ECG (palpitations, fainting, chest pain …), and she has none.",
                'A step of 0.01–0.02 mmol/L is within measurement error; read both as "about 0.5". What '
                "decides urgency is her symptoms, her ECG and her setting. She still has a low Mg (about "
                "0.5 mmol/L) that her clinician should follow up.",
            ],
            explanation=(
                "Grades are lines drawn through a smooth change, and a value has its own uncertainty: two tubes of "
                "the same blood can fall on either side of 0.50. Urgency depends on symptoms (red flags first), "
                "the ECG (U waves, long QT, arrhythmias) and the setting: heart disease, digoxin or other "
                "QT-prolonging drugs, low K and low Mg together, low calcium, how fast the value fell, and whether "
                "losses continue (NHS Lothian; the CTCAE grades low K partly by symptoms). She still has a low Mg "
                "(about 0.5 mmol/L) that her clinician should follow up."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "In the causes explorer, pick Loop diuretics, then lower K intake from 100 to 60 mmol/day, as "
                "if the person also ate poorly. Predict first, then check: what happens to serum K and urine K?"
            ),
            options=[
                "Serum K falls further; urine K falls too but stays well above 25 mmol/day",
                "Serum K falls further; urine K rises, because the diuretic keeps pushing K out",
                "Serum K barely moves: when intake falls, the kidney simply conserves more K",
                "Urine K drops below 25 mmol/day, so the pattern now points to a gut loss",
            ],
            answer=0,
            feedback=[
                f"Serum K {loop_k[0]:.2f} → {loop_k[1]:.2f} mmol/L, urine K {loop_urine[0]:.0f} → "
                f"{loop_urine[1]:.0f} mmol/day. In a steady state urine K equals the K absorbed, yet it stays "
                "far above what a conserving kidney would allow at this serum K: still a renal loss.",
                "A diuretic does not raise urine K for ever. Serum K falls until the kidney again excretes only "
                "what is absorbed; with less eaten, less is absorbed, so urine K falls.",
                "That is true of a healthy kidney, not of one driven by a diuretic. Low intake matters mostly on "
                "top of another cause, and here it lowers serum K further.",
                f"Urine K falls, but only to about {loop_urine[1]:.0f} mmol/day: that is not a conserving kidney "
                "at this serum K. The diuretic still makes it a renal pattern.",
            ],
            explanation=(
                f"Loop preset (driver {preset('loop_diuretic', 'driver'):.1f}×, Mg "
                f"{preset('loop_diuretic', 'serum_mg'):.2f} mmol/L): serum K {loop_k[0]:.2f} at intake 100 and "
                f"{loop_k[1]:.2f} mmol/L at 60; urine K {loop_urine[0]:.0f} and {loop_urine[1]:.0f} mmol/day "
                "(90% of intake, the absorbed share). Diet alone rarely causes low K because the kidney conserves "
                "(Gennari 1998), but on top of a driver a poor intake does lower it. The part of the fall that "
                "comes from the low Mg rests on the renal Mg hypothesis (Huang & Kuo 2007) at a calibrated "
                "strength. Illustrative model numbers, not a prediction for a patient."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt=(
                "In the causes explorer the long-term PPI preset has the lowest serum Mg of all (0.45 mmol/L), "
                "yet the highest serum K. What explains that in the model?"
            ),
            options=[
                "PPIs raise K directly, which cancels most of the effect of the low Mg",
                "Low Mg has no effect at all on serum K in the model; only the driver does",
                "It has no driver: low Mg alone lowers K only a little, and only by a hypothesis",
                "Its K intake is higher than in the other presets, which makes up for the low Mg",
            ],
            answer=2,
            feedback=[
                "PPIs act on K only indirectly, through the low Mg; nothing in the model (or the causes table) "
                "gives them a direct effect on K.",
                f"Compare the reference: {reference_k:.2f} mmol/L with normal Mg against "
                f"{preset('long_term_ppi', 'serum_k'):.2f} for the PPI preset. Low Mg does lower K in the model, "
                "just not much without a driver.",
                "Without a driver the only route from Mg to K is the renal Mg effect, a hypothesis whose "
                "strength is a calibration. Add a 1.7× driver and the same Mg gives the Gitelman result.",
                "Read the printed presets: its K intake is 100 mmol/day, the same as the diuretic and Gitelman "
                "presets. The difference is the driver.",
            ],
            explanation=(
                f"PPI preset {preset('long_term_ppi', 'serum_k'):.2f} mmol/L; Gitelman preset (same Mg and intake, "
                f"driver 1.7×) {preset('gitelman_syndrome', 'serum_k'):.2f}; reference {reference_k:.2f}. The "
                "PPI's only route to K in the model is the renal Mg effect: a hypothesis (relief of the Mg block "
                "of ROMK, Huang & Kuo 2007) whose strength is a calibration to experimental Mg depletion (Shils "
                "1964). With the weaker block that single-channel data suggest, the PPI preset stays at "
                f"{float(weak_presets.loc['long_term_ppi', 'serum_k']):.2f}. In people, Mg depletion alone can "
                "lower K, but a driver such as a diuretic makes it much more likely."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt="Which of these needs emergency care, rather than a same-day report or a routine visit?",
            options=[
                "Tiredness for a month, with a serum Mg of 0.70 mmol/L",
                "Palpitations, with feeling about to faint",
                "Night cramps in the calves, with a serum K of 3.3 mmol/L",
                "Tiredness and constipation, with a serum K of 2.9 mmol/L",
            ],
            answer=1,
            feedback=[
                "Worth raising at a routine visit and a blood test; no red flag here.",
                "Palpitations and fainting or near-fainting are red flags: low K and low Mg can cause "
                "dangerous arrhythmias.",
                "Cramps with a mildly low K are worth a same-day report and a blood test, not an ambulance, unless "
                "a red flag comes with them.",
                "A K of 2.9 needs same-day medical assessment (usually an ECG and a Mg level); it becomes an "
                "emergency with red flags, ECG changes, K below 2.5, or heart disease or digoxin.",
            ],
            explanation=(
                "Red flags: chest pain or tightness; palpitations or a racing, irregular or very slow heartbeat; "
                "fainting or near-fainting; trouble breathing; severe or rapidly worsening weakness or paralysis; "
                "seizures; new confusion. For people on a PPI the FDA advises immediate care for muscle spasm, "
                "tremor or convulsions as well as heart-rhythm symptoms (FDA 2011). Cramps or tingling with no red "
                "flag: report the same day (NHS Lothian). This is a teaching summary, not medical advice."
            ),
            kind="recall",
        ),
    )
