"""Self-checks for notebook 06 (diet and supplements): reference intakes, foods and supplement safety."""

from __future__ import annotations

from mgk_helpers.data import dri, foods
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.units import milligrams_to_mmol

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    k_ai_women = dri("K", 30, "female").value_mg_per_day
    k_ai_women_mmol = round(float(milligrams_to_mmol(k_ai_women, "K")), 1)
    mg_rda_men = dri("Mg", 40, "male").value_mg_per_day
    mg_ul = dri("Mg", 40, "male").ul_mg_per_day
    seeds = foods().set_index("food_id").loc["pumpkin_seeds"]
    seeds_percent = round(100 * float(seeds["magnesium_mg_per_serving"]) / mg_rda_men)

    return (
        NumericQuestion(
            prompt="The K Adequate Intake (AI) for women aged 19–50 is how many mmol per day?",
            answer=k_ai_women_mmol,
            tolerance=1.0,
            unit="mmol/day",
            explanation=(
                f"The AI is {k_ai_women:,.0f} mg/day (NASEM 2019); 1 mmol of K is 39.10 mg, so "
                f"{k_ai_women:,.0f} / 39.10 ≈ {k_ai_women_mmol} mmol/day. The old 4,700 mg (120 mmol) figure "
                "is "
                "from 2005 and no longer the AI."
            ),
        ),
        NumericQuestion(
            prompt=(
                f"One ounce ({seeds['serving_g']:.0f} g) of roasted pumpkin seeds is what percentage of the "
                f"{mg_rda_men:.0f} mg Mg RDA of a man aged 31–50?"
            ),
            answer=seeds_percent,
            tolerance=2.0,
            unit="%",
            explanation=(
                f"{seeds['magnesium_mg_per_serving']:.0f} mg / {mg_rda_men:.0f} mg ≈ {seeds_percent}% (USDA "
                "SR28). Seeds, nuts and whole grains are the Mg-dense foods (K:Mg molar ratio about 1–2); beans "
                "and leafy greens supply both minerals (about 3–8)."
            ),
        ),
        ChoiceQuestion(
            prompt="For whom can potassium supplements or potassium-based salt substitutes be dangerous?",
            options=[
                "Anyone who eats bananas every day",
                "People with kidney disease or on ACE inhibitors, ARBs or potassium-sparing diuretics",
                "Only children under 5",
                "Nobody: extra potassium is always excreted",
            ],
            answer=1,
            explanation=(
                "When the kidney cannot excrete K well (kidney disease) or drugs make it hold on to K (ACE "
                "inhibitors, ARBs, mineralocorticoid antagonists, K-sparing diuretics, NSAIDs), extra K can "
                "cause dangerous hyperkalaemia; the K AIs do not apply to these people (NASEM 2019; NIH ODS "
                "potassium fact sheet; KDIGO 2024). Healthy kidneys excrete extra K from food such as bananas; "
                "that is exactly what fails in these people."
            ),
        ),
        ChoiceQuestion(
            prompt=f"The adult upper level (UL) of {mg_ul:.0f} mg/day of magnesium applies to …",
            options=[
                "all magnesium, from food and supplements together",
                "magnesium from supplements and medicines only, not from food",
                "magnesium from food only",
                "any magnesium, including treatment a doctor prescribes and supervises: it is a ceiling on "
                "therapy",
            ],
            answer=1,
            explanation=(
                "The UL counts only Mg from supplements and medicines: Mg in food has no known adverse effects "
                "(IOM 1997). It rests on diarrhoea and other mild gut symptoms in 6 of 21 patients taking "
                "360 mg/day of Mg chloride, so above it gut upset can occur (it is not the rule). It guides "
                "people choosing supplements themselves; it does not cap treatment of a deficiency that a "
                "clinician prescribes and supervises (IOM 2000). Serious Mg toxicity comes mainly with very "
                "large amounts (laxatives, antacids) or kidney failure."
            ),
        ),
    )
