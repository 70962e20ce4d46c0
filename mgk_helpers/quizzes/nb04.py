"""Self-checks for notebook 04 (interrelated deficiencies): co-occurrence, shared cause, refractory repletion,
what the model would need, K deficits and stores."""

from __future__ import annotations

from mgk_helpers.model import Params, simulate, steady_state
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.scenarios import refractory_repletion

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""

    def serum_k_day28(arm: str, params: Params | None = None) -> float:
        return float(simulate(refractory_repletion(arm), params)["serum_k"].iloc[-1])

    day28 = {arm: serum_k_day28(arm) for arm in ("K", "K+Mg", "Mg")}
    #: The same arms at the rough ROMK channel estimate (Kd_ROMK 0.5 mM; Chepilko et al. 1995; Yang et al. 2010).
    weak = Params(kd_romk=0.5)
    day28_weak = {arm: serum_k_day28(arm, weak) for arm in ("K", "K+Mg")}
    #: Why K alone stalls: steady states at the refractory scenario's driver and Mg, for rising K intakes.
    stall_200 = float(steady_state(0.45, 200, 1.7).serum_k)
    k_alone = simulate(refractory_repletion("K"))
    kept_share = float(k_alone["total_body_k"].iloc[-1] - k_alone["total_body_k"].iloc[0]) / ((140 - 60) * 28)
    fixed_70 = float(steady_state(0.85, 70, 1.7).serum_k)

    #: The notebook's K-deficit check (cell "Serum values and body stores"): driver 1.7 with normal Mg.
    ref = steady_state(0.85, 100, 1.0)
    driven = steady_state(0.85, 100, 1.7)
    per_mmol = float((ref.total_body_k - driven.total_body_k) / (ref.serum_k - driven.serum_k))
    low_mg = steady_state(0.45, 100, 1.7)
    per_mmol_low_mg = float((ref.total_body_k - low_mg.total_body_k) / (ref.serum_k - low_mg.serum_k))
    k_from, k_to = 4.2, 3.7
    deficit = round(per_mmol * (k_from - k_to))

    return (
        ChoiceQuestion(
            prompt=(
                "Whang and colleagues (1984) found low Mg in 42% of hospital inpatients who had low K. Which "
                "conclusion does that finding support?"
            ),
            options=[
                "In about 42% of people with low K, the low Mg is what caused it",
                "About 4 in 10 people with low K in the community also have low Mg",
                "In inpatients with low K, low Mg is common enough to check for",
                "In these patients the low K probably pulled their serum Mg down",
            ],
            answer=2,
            feedback=[
                "This reads co-occurrence as causation. The study counted how often the two results came "
                "together; much of that overlap is shared causation (one diuretic or one diarrhoea removes both "
                "ions), and it says nothing about which came first.",
                "This stretches the finding to a population that was not studied. These were hospital "
                "inpatients, measured with a 1984 assay and reference range; the figures do not tell you how "
                "often the pair occurs outside hospital.",
                "The figure describes hospital patients, and in them low Mg is common enough that checking "
                "Mg when K is low is the rule; it says nothing on its own about cause.",
                "This runs the arrow the wrong way. Low K does not lower serum Mg: in K-depleted rats plasma Mg "
                "went up, not down. When both are low, a shared cause is the usual story.",
            ],
            explanation=(
                "42% of hypokalaemic inpatients were hypomagnesaemic (Whang et al., Arch Intern Med 1984; a 1984 "
                "assay and reference range). From the other side, 40–60% of patients with low Mg have low K (Agus, "
                'J Am Soc Nephrol 1999); Huang & Kuo\'s "more than 50%" is their estimate, with no study cited. '
                "These are hospital figures: they justify checking Mg, not a claim about cause."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A man taking a thiazide diuretic has low K and low Mg on the same blood test. Which explanation "
                "fits best?"
            ),
            options=[
                "The diuretic removes both; the low Mg may then add to the K loss",
                "The low Mg alone caused the low K; the diuretic is a coincidence",
                "The low K came first and then made the kidney waste Mg",
                "The two results are unrelated; each just happens to be common",
            ],
            answer=0,
            feedback=[
                "Shared causation first: the same drug makes the kidney lose both ions (thiazide users have about "
                "3 times the odds of low Mg; Kieboom et al. 2018). On top of that, low "
                "Mg may make the K loss worse (a hypothesis: relief of the Mg block of ROMK, Huang & Kuo 2007).",
                'This skips the obvious shared cause. Low Mg alone "does not necessarily" cause hypokalaemia '
                "(Huang & Kuo 2007), and a thiazide diuretic drives K secretion and Mg loss by itself.",
                "This reverses the direction. Low K does not lower serum Mg: in K-depleted rats plasma Mg rose. "
                "Both usually follow from one cause, here the diuretic.",
                "This misses the link the patient's medicine gives you. Both are common in hospital, but a "
                "thiazide diuretic removes both ions, so finding them together is expected, not chance.",
            ],
            explanation=(
                "Much co-occurrence is shared causation: the same diuretic makes the kidney lose K and Mg; thiazide "
                "users have about 3.1 times the odds of low Mg, loop-diuretic users no clear excess (Kieboom et al. "
                "2018). Low Mg "
                "may then add to the K loss (hypothesis: renal Mg block relief, Huang & Kuo 2007), mostly when "
                "something such as a diuretic is already driving K secretion. Low K does not lower serum Mg (in "
                "K-depleted rats plasma Mg rose, though muscle Mg fell). What "
                "would separate the stories: whether K improves when Mg is corrected while the diuretic and the "
                "diet stay the same."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt=(
                "In the time-course explorer's refractory scenario, K alone raises K intake from 60 to 140 "
                "mmol/day, yet serum K levels off below 3.5 mmol/L. Use the urine K panel: why does it stall in "
                "the model?"
            ),
            options=[
                "With Mg low, the gut cannot absorb the extra K, so it never reaches the blood",
                "The extra K is too small: a larger K intake would bring serum K into the normal range",
                "The cells are already full of K, so the extra K has nowhere to go and stays in the blood",
                "The kidney excretes most of the extra K, and low Mg holds its set point down",
            ],
            answer=3,
            feedback=[
                "The urine K panel rules this out: urine K climbs to about the absorbed amount (90% of 140), so "
                "the K is absorbed and then leaves in the urine. Refractory does not mean malabsorbed.",
                "The printed steady states say otherwise: with Mg at 0.45 mmol/L even 200 mmol/day gives only "
                f"{stall_200:.2f} mmol/L. The K-intake lever is too weak to undo the moved set point.",
                "The opposite is true: the cells are K-depleted, and without Mg they take little back "
                "(hypothesis: low muscle Mg slows the pump). If the K stayed in the blood, serum K would rise.",
                "The kidney excretes most extra K in anyone (mechanism: the gut–kidney feed-forward), and "
                "low Mg keeps the renal set point low (hypothesis, with a calibrated strength).",
            ],
            explanation=(
                f"Day 28: K alone {day28['K']:.2f}, K + Mg {day28['K+Mg']:.2f}, Mg alone {day28['Mg']:.2f} "
                f"mmol/L. The K-alone arm keeps only about {kept_share:.0%} of the extra K: the kidney "
                "excretes most extra K in "
                "anyone (mechanism; Preston et al. 2015, Cappuccio et al. 2016), and low Mg holds the kidney's set "
                "point down (hypothesis: relief of the Mg block of ROMK, Huang & Kuo 2007; its strength, Kd_ROMK "
                f"0.125 mM, is a calibration to Shils). With Mg corrected, about 70 mmol/day already gives "
                f"{fixed_70:.2f} mmol/L. Illustrative model numbers, not clinical effect sizes."
            ),
            kind="understanding",
        ),
        NumericQuestion(
            prompt=(
                f"Over months on a diuretic, a woman's serum K drifts from {k_from} to {k_to} mmol/L. Her Mg is "
                "normal and nothing is shifting K into her cells. Using the model's rule printed in "
                '"Serum values and body stores" (mmol of body K lost per 1 mmol/L fall, with normal Mg), about '
                "how much K has her body lost?"
            ),
            answer=deficit,
            tolerance=15.0,
            unit="mmol",
            hint=(
                "Read the line for serum Mg 0.85: it gives mmol lost per mmol/L fall. Multiply that by her fall "
                "in serum K (in mmol/L, not the new value)."
            ),
            tolerance_why=(
                f"±15 mmol: reading the printed ratio ({per_mmol:.0f} mmol per mmol/L) as anything from about "
                "210 to 265 still lands inside; using the low-Mg line or the new serum K value does not."
            ),
            explanation=(
                f"{per_mmol:.0f} mmol per mmol/L × {k_from - k_to:.1f} mmol/L ≈ {deficit} mmol (about 240 mmol "
                "per mmol/L; the ratio shifts a little with the size of the fall). The model sits "
                "inside Sterns' rule of thumb of about 200–400 mmol per 1 mmol/L fall (Sterns et al., Medicine "
                "1981), which would give about 100–200 mmol here. The rule holds only when K is not shifting: "
                "insulin, β₂-agonists and alkalosis lower serum K with little loss, and in Mg deficiency muscle "
                f"can lose K too (the model's low-Mg line gives about {per_mmol_low_mg:.0f} mmol per mmol/L, a "
                "hypothesis: the pump's MgATP supply). A deficit is an estimate to re-check with repeat blood "
                "tests, not a number to compute once."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt=(
                "At Kd_ROMK 0.5 mM, the rough reading of ROMK channel studies, the notebook prints K alone "
                f"reaching {day28_weak['K']:.2f} mmol/L by day 28 (K + Mg {day28_weak['K+Mg']:.2f}). What does "
                "that say about the model's refractory result at the default 0.125 mM?"
            ),
            options=[
                "It proves that Mg deficiency makes low K refractory, whatever Kd_ROMK is",
                "It rests on a strong renal Mg effect not yet measured in kidney cells",
                "The channel studies must be wrong, because clinicians do see refractoriness",
                "Mg has no effect on serum K at all once Kd_ROMK is 0.5 mM",
            ],
            answer=1,
            feedback=[
                "The printed numbers contradict this: at 0.5 mM K alone reaches the normal range, so there is no "
                "refractoriness. The model gives a sufficiency argument, not a proof.",
                "Refractoriness appears only where the renal Mg effect is strong (Kd_ROMK up to about "
                "0.3 mM) and kidney-cell Mg follows serum Mg closely: what would be enough, not what is true.",
                "This lets the conclusion overrule the data. Refractoriness in patients could come by other "
                "routes (K lost from cells, as in the rats, or through the gut); the clinic does not fix Kd.",
                f"Too far the other way: K + Mg is still ahead ({day28_weak['K+Mg']:.2f} against "
                f"{day28_weak['K']:.2f} on day 28). A weaker block shrinks the Mg effect; it does not remove it.",
            ],
            explanation=(
                "The default Kd_ROMK of 0.125 mM is a calibration chosen so the model reproduces Shils' Mg-depleted "
                "volunteers; channel studies point to a weaker block (Chepilko et al. 1995; Yang et al. 2010). The "
                "sufficiency table shows refractory low K only with a strong renal effect and kidney-cell Mg "
                "that follows serum Mg closely (γ 0.7 or more, a hypothesis). So the model says what would "
                "be enough to produce what Whang saw, not that this is "
                "how it happens in patients."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "Two men on the same diuretic both have a serum K of 3.2 mmol/L, down from 4.2. One has a serum "
                "Mg of 0.85 mmol/L, the other 0.45. Using the model's two lines in \"Serum values and body "
                'stores" (mmol of body K lost per 1 mmol/L fall), who has probably lost more body K?'
            ),
            options=[
                "The one with low Mg: his muscle loses K too, so the same serum K hides more loss",
                "Neither: the same fall in serum K means the same body K lost, whatever the Mg level",
                "The one with normal Mg, because low Mg holds K inside the cells and less of it is lost",
                "Neither has lost K from the body: a diuretic only shifts K from the blood into cells",
            ],
            answer=0,
            feedback=[
                f"For this 1 mmol/L fall the model's lines give about {per_mmol_low_mg:.0f} mmol of body K lost "
                f"at low Mg against {per_mmol:.0f} with normal Mg. The size rests on a hypothesis (the "
                "pump's MgATP supply, an upper bound); "
                "low muscle K in diuretic users is seen in patients too (Dørup & Skajaa 1989).",
                "Sterns' rule of about 200–400 mmol per mmol/L holds only when nothing else moves K between cells "
                "and blood. With low Mg muscle can lose K as well, so the same fall can hide a larger deficit.",
                "The other way round: with low Mg the cells hold K less well (in the model, a slower pump), so "
                "more of the loss comes out of muscle, on top of what the kidney loses.",
                "A diuretic makes the kidney excrete K, so it leaves the body; shifts into cells come from "
                "insulin, β₂-agonists or alkalosis. Both men have lost body K.",
            ],
            explanation=(
                "Serum K is a rough window on body K only when nothing else moves K between cells and blood "
                f"(Sterns et al. 1981). The model's lines: {per_mmol:.0f} mmol per mmol/L with normal Mg, "
                f"{per_mmol_low_mg:.0f} at serum Mg 0.45 (driver 1.7). The extra loss at low Mg is a hypothesis "
                "(the pump's MgATP supply, an upper bound), but in patients low muscle K with low Mg is common "
                "(Dørup & Skajaa 1989) and muscle K rose after Mg, not after K (Wester & Dyckner 1981). So with "
                "low Mg the same serum K can hide a larger deficit. Illustrative model numbers."
            ),
            kind="transfer",
        ),
    )
