"""Self-checks for notebook 00 (start here): units, the three labels, what the model can show, the heart and K."""

from __future__ import annotations

from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.units import convert_concentration

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    us_mg_dl = 1.1
    us_mmol = round(float(convert_concentration(us_mg_dl, "mg/dL", "mmol/L", ion="Mg")), 2)
    normal_meq = (
        round(float(convert_concentration(0.75, "mmol/L", "mEq/L", ion="Mg")), 2),
        round(float(convert_concentration(0.95, "mmol/L", "mEq/L", ion="Mg")), 2),
    )
    same_meq = round(float(convert_concentration(0.85, "mmol/L", "mEq/L", ion="Mg")), 2)

    return (
        NumericQuestion(
            prompt=(
                f"A lab in the USA reports serum Mg as {us_mg_dl} mg/dL. Use the unit converter (switch it to "
                "mg/dL and find that value) or the table of units: what is it in mmol/L?"
            ),
            answer=us_mmol,
            tolerance=0.02,
            unit="mmol/L",
            hint=(
                "For Mg, 1 mmol/L is 2.431 mg/dL, so the mmol/L number is the smaller of the two: divide by "
                "2.431 (or multiply by 0.4114). Then place the result against the normal range 0.75–0.95 mmol/L."
            ),
            tolerance_why=(
                "±0.02 mmol/L: the converter moves in steps of 0.01 mmol/L, so a value typed from a report falls "
                "between two steps, and rounding the factor (0.41 or 0.4114) can shift the second decimal."
            ),
            explanation=(
                f"{us_mg_dl} ÷ 2.431 ≈ {us_mmol:.2f} mmol/L. The factor comes from the molar mass of Mg, "
                "24.305 g/mol (IUPAC): mg/dL × 10 gives mg/L, and ÷ 24.305 gives mmol/L. That is below the "
                "normal 0.75–0.95 mmol/L (NIH ODS) and below 0.5 mmol/L, under which symptoms of low Mg become "
                "more likely (NHS Lothian). The unit changes the number, not the blood."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "Two labs measure serum Mg in the same blood sample. One prints 1.70 mEq/L, the other "
                "0.85 mmol/L. What explains the two numbers?"
            ),
            options=(
                "The mEq/L lab found more Mg, so one of the two results must be an error.",
                "1.70 is high: mEq/L and mmol/L are the same number for every ion.",
                "mEq/L counts only free Mg²⁺, so the two labs measured different things.",
                "The same normal value: Mg²⁺ has two charges, so 1 mmol is 2 mEq.",
            ),
            answer=3,
            feedback=(
                "The numbers differ because the units differ, not the blood. An equivalent counts charges, and "
                "Mg²⁺ has two, so 0.85 mmol/L is exactly 1.70 mEq/L.",
                "That holds only for ions with one charge, such as K⁺ (3.8 mmol/L = 3.8 mEq/L). Mg²⁺ has two "
                "charges, so its mEq/L value is twice its mmol/L value.",
                "Both units describe the same total serum Mg; the unit says how it is counted (ions or charges), "
                "not which Mg is counted. Free (ionised) Mg is a different, less common test.",
                f"Each Mg²⁺ carries two charges: 0.85 mmol/L × 2 = {same_meq:.2f} mEq/L, in the middle of the "
                f"normal range ({normal_meq[0]:.2f}–{normal_meq[1]:.2f} mEq/L).",
            ),
            explanation=(
                "An equivalent counts charge: 1 mmol of a doubly charged ion is 2 mEq, of a singly charged ion "
                "1 mEq. So the normal serum Mg range 0.75–0.95 mmol/L (NIH ODS) is "
                f"{normal_meq[0]:.2f}–{normal_meq[1]:.2f} mEq/L, while K in mmol/L and mEq/L is the same number."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "How strongly low Mg speeds up K secretion in the model is set by one number, Kd_ROMK = "
                "0.125 mM (mmol/L), and that value has not been measured in kidney cells. Which label from the "
                "notebook's table fits it?"
            ),
            options=(
                "Mechanism: it is established kidney physiology.",
                "Hypothesis: it is the proposed ROMK Mg effect itself.",
                "Calibration: it was chosen to match an observation.",
                "Measurement: it was recorded from ROMK channels.",
            ),
            answer=2,
            feedback=(
                "A mechanism is physiology established by evidence, such as the kidney excreting more K when "
                "aldosterone is high. Nobody has measured this number in a kidney; it was chosen, not found.",
                "Close, but the label goes on the idea, not the number. That Mg²⁺ blocks ROMK is measured in "
                "channel studies (mechanism). The hypothesis is that losing Mg relieves that block enough to "
                "waste K in patients (Huang & Kuo 2007). How strong the model makes it is a chosen number "
                "(calibration).",
                "It was set so that the model's output matches an observation (Shils 1964), which is what a "
                "calibration is. Reproducing Shils is then built into the model, not a test of it.",
                "Recordings from the ROMK channel itself point to a weaker effect (Chepilko et al. 1995); at that "
                "weaker value the model's falls in K are much smaller. The 0.125 was chosen to fit Shils instead.",
            ),
            explanation=(
                "Mechanism: established physiology with a source; that Mg²⁺ blocks ROMK is measured in channel "
                "studies. Hypothesis: proposed, not proven; that losing Mg relieves that block enough to waste K "
                "in patients, with kidney-cell Mg following serum Mg (Huang & Kuo 2007). Calibration: a number "
                "chosen so that the model reproduces an observation; how strong the model makes the block "
                "(Kd_ROMK, fitted to Shils 1964). The label tells you how far to trust a model number."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "At its calibrated settings the model reproduces what Shils saw: Mg depletion alone takes serum K "
                "below 3.5 mmol/L. What does that result show?"
            ),
            options=(
                "That known K physiology could be enough, if its two unmeasured Mg assumptions hold.",
                "That low Mg lowers K through ROMK: a model matching the data confirms its mechanism.",
                "What serum K a real patient with the same serum Mg will have, to guide treatment.",
                "Nothing useful: a model that was tuned to data can be made to show anything at all.",
            ),
            answer=0,
            feedback=(
                "This is the 'what would have to be true' reading: the result holds only if the renal Mg effect is "
                "as strong as its calibration and kidney-cell Mg follows serum Mg, and neither has been measured. "
                "It shows sufficiency, not proof.",
                "The renal Mg effect was tuned to reproduce Shils, so matching Shils cannot test it. Over much of "
                "the plausible range of the unmeasured numbers, including the weaker ROMK-channel estimate, Mg alone "
                "does not take serum K below 3.5 mmol/L in the model.",
                "The model is a teaching model with labelled guesses inside. Its numbers are never a prediction for "
                "a patient and never a guide to treatment or doses.",
                "Too cynical. A model can still show which assumptions an explanation needs and how much rests on "
                "them, which is what the explorers' uncertainty band draws. Read it as 'what would be enough'.",
            ),
            explanation=(
                "Mg → K in the model is a hypothesis (Huang & Kuo 2007) with a calibrated strength (fitted to "
                "Shils 1964). Reproducing the observation it was fitted to shows that the known physiology *could* "
                "explain it if the hypothesis and the calibration hold; ROMK channel recordings (Chepilko et al. "
                "1995) suggest a weaker effect, at which it does not. Illustrative, never clinical advice."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A man's serum K is 4.1 mmol/L at a routine visit. Hours later, during a heart attack, it is "
                "3.4 mmol/L. Using what this notebook says about the heart and K, which explanation fits best?"
            ),
            options=(
                "His heart's disturbed rhythm used up potassium from the blood.",
                "Adrenaline released in the heart attack drove K into cells.",
                "He lost about 200 mmol of K in his urine within those hours.",
                "The damaged heart muscle soaked up the K that the blood lost.",
            ),
            answer=1,
            feedback=(
                "The heart's rhythm does not set serum K, and beating faster does not consume it: the kidney and "
                "the cells' Na⁺/K⁺ pumps set serum K. The heart is a target of K, not a regulator.",
                "Adrenaline acts on β₂ receptors and drives K into cells all over the body. Infused to levels like "
                "those after a severe heart attack it lowered plasma K by about 0.8 mmol/L in healthy volunteers "
                "(Brown, Brown & Murphy 1983): a shift, not a loss.",
                "The kidney cannot lose hundreds of mmol in a few hours, and nothing here increased K loss. A fast "
                "fall like this is a shift between blood and cells, so body K has hardly changed.",
                "Injured heart cells leak K out rather than take it up, and the heart is a small share of the body's "
                "cells. The K went into cells everywhere, driven by adrenaline.",
            ),
            explanation=(
                "The heartbeat does not set serum K, but heart disease reaches it indirectly: the adrenaline surge of "
                "a heart attack shifts K into cells (Brown, Brown & Murphy 1983), heart failure raises aldosterone, "
                "and heart drugs move K both ways (Rastegar & Soleimani 2001). This is mechanism, not Mg → K."
            ),
            kind="transfer",
        ),
    )
