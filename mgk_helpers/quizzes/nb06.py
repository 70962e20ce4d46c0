"""Self-checks for notebook 06 (diet and supplements): reference intakes, foods and supplement safety."""

from __future__ import annotations

from mgk_helpers.data import dri, foods
from mgk_helpers.units import mg_to_mmol

_K_AI_WOMEN = dri("K", 30, "female").value_mg_per_day
_K_AI_WOMEN_MMOL = round(float(mg_to_mmol(_K_AI_WOMEN, "K")), 1)
_MG_RDA_MEN = dri("Mg", 40, "male").value_mg_per_day
_MG_UL = dri("Mg", 40, "male").ul_mg_per_day
_SEEDS = foods().set_index("food_id").loc["pumpkin_seeds"]
_SEEDS_PERCENT = round(100 * float(_SEEDS["magnesium_mg_per_serving"]) / _MG_RDA_MEN)

QUESTIONS = [
    {
        "question": "The K Adequate Intake (AI) for women aged 19–50 is how many mmol per day?",
        "answer": _K_AI_WOMEN_MMOL,
        "tolerance": 1.0,
        "unit": "mmol/day",
        "explanation": (
            f"The AI is {_K_AI_WOMEN:,.0f} mg/day (NASEM 2019); 1 mmol of K is 39.10 mg, so "
            f"{_K_AI_WOMEN:,.0f} / 39.10 ≈ {_K_AI_WOMEN_MMOL} mmol/day. The old 4,700 mg (120 mmol) figure "
            "is "
            "from 2005 and no longer the AI."
        ),
    },
    {
        "question": (
            f"One ounce ({_SEEDS['serving_g']:.0f} g) of roasted pumpkin seeds is what percentage of the "
            f"{_MG_RDA_MEN:.0f} mg Mg RDA of a man aged 31–50?"
        ),
        "answer": _SEEDS_PERCENT,
        "tolerance": 2.0,
        "unit": "%",
        "explanation": (
            f"{_SEEDS['magnesium_mg_per_serving']:.0f} mg / {_MG_RDA_MEN:.0f} mg ≈ {_SEEDS_PERCENT}% (USDA "
            "SR28). Seeds, nuts and whole grains are the Mg-dense foods (K:Mg molar ratio about 1–2); beans "
            "and leafy greens supply both minerals (about 3–8)."
        ),
    },
    {
        "question": "For whom can potassium supplements or potassium-based salt substitutes be dangerous?",
        "options": [
            "Anyone who eats bananas every day",
            "People with kidney disease or on ACE inhibitors, ARBs or potassium-sparing diuretics",
            "Only children under 5",
            "Nobody: extra potassium is always excreted",
        ],
        "answer": 1,
        "explanation": (
            "When the kidney cannot excrete K well (kidney disease) or drugs make it hold on to K (ACE "
            "inhibitors, ARBs, mineralocorticoid antagonists, K-sparing diuretics, NSAIDs), extra K can "
            "cause dangerous hyperkalaemia; the K AIs do not apply to these people (NASEM 2019; NIH ODS "
            "potassium fact sheet; KDIGO 2024). Healthy kidneys excrete extra K from food such as bananas; "
            "that is exactly what fails in these people."
        ),
    },
    {
        "question": f"The adult upper level (UL) of {_MG_UL:.0f} mg/day of magnesium applies to …",
        "options": [
            "all magnesium, from food and supplements together",
            "magnesium from supplements and medicines only, not from food",
            "magnesium from food only",
            "any magnesium, including treatment a doctor prescribes and supervises: it is a ceiling on "
            "therapy",
        ],
        "answer": 1,
        "explanation": (
            "The UL counts only Mg from supplements and medicines: Mg in food has no known adverse effects "
            "(IOM 1997). It rests on diarrhoea and other mild gut symptoms in 6 of 21 patients taking "
            "360 mg/day of Mg chloride, so above it gut upset can occur (it is not the rule). It guides "
            "people choosing supplements themselves; it does not cap treatment of a deficiency that a "
            "clinician prescribes and supervises (IOM 2000). Serious Mg toxicity comes mainly with very "
            "large amounts (laxatives, antacids) or kidney failure."
        ),
    },
]
