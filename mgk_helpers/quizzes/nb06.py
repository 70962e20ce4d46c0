"""Self-checks for notebook 06 (diet and supplements): reference intakes, K:Mg food families, food first for whom,
supplement and salt-substitute safety, the Mg upper level."""

from __future__ import annotations

from mgk_helpers.data import dri, foods
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.units import milligrams_to_mmol

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    k_ai_women = dri("K", 30, "female").value_mg_per_day
    k_ai_women_mmol = round(float(milligrams_to_mmol(k_ai_women, "K")), 1)
    old_k_mmol = round(float(milligrams_to_mmol(4700, "K")))
    mg_ul = dri("Mg", 40, "male").ul_mg_per_day

    table = foods().set_index("food_id")
    ratio = table["k_to_mg_molar_ratio"]
    banana = table.loc["banana"]
    banana_mmol = float(milligrams_to_mmol(banana["potassium_mg_per_serving"], "K"))
    #: A K deficit of about 200–400 mmol per 1 mmol/L fall in serum K (Sterns et al. 1981), in bananas.
    bananas_low, bananas_high = round(200 / banana_mmol), round(400 / banana_mmol)
    seeds, lentils, spinach = table.loc["pumpkin_seeds"], table.loc["lentils"], table.loc["spinach_boiled"]
    #: The molar K:Mg ratio of the adult AI (K) and RDA (Mg), women 19–50 and men 31–50: about 5.
    need_ratio = (
        sum(
            float(milligrams_to_mmol(dri("K", age, sex).value_mg_per_day, "K"))
            / float(milligrams_to_mmol(dri("Mg", age, sex).value_mg_per_day, "Mg"))
            for age, sex in ((30, "female"), (40, "male"))
        )
        / 2
    )

    return (
        NumericQuestion(
            prompt=(
                "The K Adequate Intake (AI) for women aged 19–50 is how many mmol per day? (The notebook gives "
                "it in mg/day; convert it.)"
            ),
            answer=k_ai_women_mmol,
            tolerance=1.0,
            unit="mmol/day",
            hint=(
                "Use today's AI (NASEM 2019), not the old 4,700 mg figure, and divide mg by the molar mass of K, "
                "39.10 mg per mmol."
            ),
            tolerance_why=(
                "±1 mmol/day: rounding the molar mass of K (39 or 39.10) or the answer; the old 4,700 mg "
                "figure or the men's AI lands well outside."
            ),
            explanation=(
                f"The AI is {k_ai_women:,.0f} mg/day for women aged 19 and over (NASEM 2019); 1 mmol of K is "
                f"39.10 mg, so {k_ai_women:,.0f} / 39.10 ≈ {k_ai_women_mmol} mmol/day. The 4,700 mg "
                f"({old_k_mmol} mmol) figure still quoted on many pages is the 2005 value. The AIs are for healthy "
                "people; they do not apply when the kidneys or medicines limit K excretion."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "You want foods that give a fair amount of both Mg and K in one serving. Use the molar K:Mg ratio "
                "(mmol K per mmol Mg): which group supplies both in about the proportion you need (about 5 mmol K "
                "per mmol Mg, from AI/RDA)?"
            ),
            options=[
                "Seeds and nuts (about 1–2): the richest foods in both minerals",
                "Fruit such as bananas (about 8–23): K-rich foods are Mg-rich too",
                "Any of them: as the article says, these foods are all high in both",
                "Beans, lentils and leafy greens (about 3–8): neither mineral dominates",
            ],
            answer=3,
            feedback=[
                f"Seeds and nuts are the Mg-dense family (about {ratio['pumpkin_seeds']:.1f} mmol K per mmol Mg for "
                "pumpkin seeds, far below the 5 you need), and their K per serving is modest: 1 oz of pumpkin seeds "
                f"gives {seeds['magnesium_mg_per_serving']:.0f} mg Mg and only {seeds['potassium_mg_per_serving']:.0f} "
                "mg K.",
                f"A low ratio means relatively more Mg, a high one relatively more K. A banana gives "
                f"{banana['potassium_mg_per_serving']:.0f} mg K but only {banana['magnesium_mg_per_serving']:.0f} "
                f"mg Mg, {ratio['banana']:.1f} mmol K per mmol Mg: a good K source, a modest Mg one.",
                f"This is the article's claim, and the foods table corrects it: the molar ratio runs from "
                f"{ratio.min():.1f} (chia seeds) to {ratio.max():.1f} (dried apricots), so most foods lean clearly "
                "one way.",
                "The middle family supplies both in about the proportion you need: boiled spinach "
                f"(ratio {ratio['spinach_boiled']:.1f}; {spinach['magnesium_mg_per_serving']:.0f} mg Mg, "
                f"{spinach['potassium_mg_per_serving']:.0f} mg K per ½ cup), lentils ({ratio['lentils']:.1f}), "
                f"black beans ({ratio['black_beans']:.1f}), against about {need_ratio:.0f} from the AI and RDA.",
            ],
            explanation=(
                "The ratio is molar: mmol K per mmol Mg (mg ÷ 39.10 for K, ÷ 24.31 for Mg). The adult AI for K and "
                f"RDA for Mg are about {need_ratio:.0f} mmol K per mmol Mg. Three rough families from the foods "
                "table (USDA SR28), as in the food explorer's bands: seeds, nuts and whole grains about 1–2 "
                "(Mg-dense); beans, lentils and leafy greens about 3–8 (both); fruit, potatoes and root "
                "vegetables, juice and dairy about 8–23 (K-dense). The ratio says which mineral dominates, not how "
                f"much a serving holds: ½ cup of lentils ({ratio['lentils']:.1f}) gives "
                f"{lentils['potassium_mg_per_serving']:.0f} mg K and {lentils['magnesium_mg_per_serving']:.0f} mg "
                "Mg. A day that mixes the families does the job."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A man on a diuretic has cramps and a serum K of 2.9 mmol/L. He plans to eat two extra bananas a "
                "day instead of seeing his clinician. Which response fits what this notebook teaches?"
            ),
            options=[
                "Food is right for prevention; a diagnosed low K like his needs a clinician",
                "Fine: it is always best to try food first, before any supplement",
                "Fine: bananas are the best K source, so two a day will soon fix it",
                "He should use a potassium salt substitute instead: it is safe for anyone",
            ],
            answer=0,
            feedback=[
                "Symptoms with a K below 3.0 call for replacement directed by a clinician, with blood tests "
                f"(Gennari 1998). His deficit is likely hundreds of mmol: {bananas_low}–{bananas_high} bananas "
                "per 1 mmol/L fall, and his diuretic excretes much of any extra K.",
                "This is the article's advice, and it is right only for preventing low K in healthy people. For "
                "a diagnosed deficiency with symptoms and a K below 3.0, food first delays what he needs.",
                f"Per serving, potatoes, squash, dried apricots and beet greens give more K than a banana "
                f"({banana_mmol:.1f} mmol). And a deficit of 200–400 mmol per 1 mmol/L fall is "
                f"{bananas_low}–{bananas_high} bananas, not two a day.",
                "Salt substitutes are dangerous for people with kidney disease or on drugs that make the kidney "
                "keep K; they are not safe for anyone, and they do not replace a clinician's assessment.",
            ],
            explanation=(
                "Food first is right for preventing low K and low Mg in healthy people; it is wrong for a diagnosed "
                "deficiency. Symptoms, a K below 3.0 mmol/L, a Mg below about 0.5 mmol/L, heart disease or digoxin "
                "call for clinician-directed replacement without delay (Gennari 1998; NHS Lothian). A K deficit is "
                "about 200–400 mmol for each 1 mmol/L fall (Sterns et al. 1981); one banana holds "
                f"{banana_mmol:.1f} mmol. After diuretics the body is short of chloride, so the chosen salt matters "
                "too. Nothing here is a dose: that is the clinician's decision."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt="Which person is most at risk of dangerous high K from a potassium-based salt substitute?",
            options=[
                "A healthy 25-year-old who also eats two bananas a day",
                "A 60-year-old on a thiazide whose serum K is low-normal",
                "A 70-year-old with kidney disease who takes an ACE inhibitor",
                "A 50-year-old who has taken a proton-pump inhibitor for years",
            ],
            answer=2,
            feedback=[
                "Healthy kidneys excrete extra K from food and salt substitutes; there is no upper level for K "
                "from food in healthy people (NASEM 2019). That excretion is what fails in kidney disease.",
                "A thiazide makes the kidney lose K, so it pushes the other way. (Any supplement is still a "
                "clinician's decision.) The danger comes from kidneys or drugs that make the body keep K.",
                "Kidney disease limits K excretion and an ACE inhibitor makes the kidney keep K: together "
                "extra K can cause dangerous hyperkalaemia (NIH ODS; KDIGO 2024).",
                "A long-term PPI lowers Mg, through the gut; it does not make the kidney keep K. The drugs that "
                "raise K are others: ACE inhibitors, ARBs, K-sparing diuretics, NSAIDs.",
            ],
            explanation=(
                "K supplements and potassium-based salt substitutes can cause dangerous hyperkalaemia in chronic "
                "kidney disease and with drugs that make the kidney keep K: ACE inhibitors, ARBs, "
                "mineralocorticoid antagonists, K-sparing diuretics and NSAIDs, and also trimethoprim, heparin "
                "and the calcineurin inhibitors (Ben Salem et al. 2014). The K AIs do not apply to these people "
                "(NASEM 2019; NIH ODS potassium fact sheet; KDIGO 2024)."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt=f"The adult upper level (UL) of {mg_ul:.0f} mg/day of magnesium applies to …",
            options=[
                "all magnesium, from food and supplements added together",
                "magnesium from supplements and medicines only, not food",
                "magnesium from food only; supplements have a separate limit",
                "any magnesium, including a treatment a clinician prescribes",
            ],
            answer=1,
            feedback=[
                "Food Mg does not count: Mg in food has no known adverse effects, so the UL covers only Mg from "
                "supplements and medicines (IOM 1997).",
                "It rests on gut symptoms in 6 of 21 patients taking 360 mg/day of Mg chloride (IOM 1997, "
                "p. 244): above it diarrhoea can occur, though many people take more without it.",
                "The other way round: the UL is exactly the limit for supplements and medicines, and food Mg is "
                "left out of it.",
                "The UL guides people choosing supplements for themselves; it is not a ceiling on therapy. The "
                'IOM allows more "under the supervision of a physician" (IOM 2000, p. 63).',
            ],
            explanation=(
                "The UL counts only Mg from supplements and medicines: Mg in food has no known adverse effects "
                "(IOM 1997). It was set just below the lowest intake at which gut symptoms were seen, so above it "
                "diarrhoea, nausea and cramps can occur; it is not the rule. It does not cap treatment of a "
                "deficiency that a clinician prescribes and supervises (IOM 2000). Serious Mg toxicity comes mainly "
                "with very large amounts (laxatives, antacids) or kidney failure (NIH ODS)."
            ),
            kind="understanding",
        ),
    )
