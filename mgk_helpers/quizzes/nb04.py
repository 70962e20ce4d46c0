"""Self-checks for notebook 04 (interrelated deficiencies): co-occurrence, refractory repletion, stores."""

from __future__ import annotations

from mgk_helpers.model import Params, simulate
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.scenarios import refractory_repletion

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""

    def serum_k_day28(arm: str, params: Params | None = None) -> float:
        return float(simulate(refractory_repletion(arm), params)["serum_k"].iloc[-1])

    day28 = {arm: serum_k_day28(arm) for arm in ("K", "K+Mg")}
    gain = round(day28["K+Mg"] - day28["K"], 2)
    #: The same arms at the rough ROMK channel estimate (Kd_ROMK 0.5 mM; Chepilko et al. 1995; Yang et al. 2010).
    weak = Params(kd_romk=0.5)
    day28_weak = {arm: serum_k_day28(arm, weak) for arm in ("K", "K+Mg")}

    return (
        ChoiceQuestion(
            prompt=(
                "In Whang's 1984 study of hospital inpatients, what share of patients with low K also had low Mg?"
            ),
            options=["About 5%", "About 20%", "About 42%", "About 90%"],
            answer=2,
            explanation=(
                "42% of hypokalaemic inpatients were hypomagnesaemic (Whang et al., Arch Intern Med 1984; a 1984 "
                "assay and reference range). Seen from the other side, 40–60% of patients with low Mg have low K "
                '(Agus, J Am Soc Nephrol 1999). Huang & Kuo\'s "more than 50%" is their estimate, with no study '
                'cited. These are hospital figures; the article\'s "not uncommon" understates them.'
            ),
        ),
        NumericQuestion(
            prompt=(
                "In the model's refractory-repletion scenario, how much higher is serum K at day 28 when Mg is "
                "corrected together with K (K + Mg) than with K alone?"
            ),
            answer=gain,
            tolerance=0.02,
            unit="mmol/L",
            explanation=(
                f"Day 28: K alone {day28['K']:.2f} (still below 3.5), K + Mg {day28['K+Mg']:.2f} mmol/L, a "
                f"difference of {gain:.2f} mmol/L. In the model K alone stalls because the kidney excretes most "
                "extra K (mechanism) while low Mg holds the renal set point down (hypothesis, with a calibrated "
                "Kd_ROMK of 0.125 mM, and kidney-cell Mg assumed to follow serum Mg). With the weaker block that "
                "ROMK channel studies suggest (Kd_ROMK about 0.5 mM) K alone reaches "
                f"{day28_weak['K']:.2f} and K + Mg {day28_weak['K+Mg']:.2f} mmol/L: no refractoriness. "
                "Illustrative model numbers, not clinical effect sizes: the model shows what would be enough to "
                "produce refractoriness, not that this is how it happens in patients."
            ),
        ),
        ChoiceQuestion(
            prompt="Why can a normal serum Mg not rule out Mg deficiency?",
            options=[
                "Because serum Mg is measured in mg/dL",
                "Because less than 1% of body Mg is in serum, which can stay normal while stores are low",
                "Because Mg is mostly in red blood cells only",
                "Because serum Mg is always normal",
            ],
            answer=1,
            explanation=(
                "Most body Mg is in bone and muscle; less than 1% is in serum, so serum Mg is a poor guide to "
                "total-body Mg (NIH ODS). In long-term diuretic users serum Mg and K are usually normal, yet "
                "muscle Mg and K are low in about half (Dørup & Skajaa 1989). For K, about 98% is inside cells."
            ),
        ),
        ChoiceQuestion(
            prompt="A patient on a loop diuretic has low K and low Mg. What is the most likely explanation?",
            options=[
                "The low Mg alone caused the low K",
                "The diuretic causes both losses, and the low Mg may then make the K loss worse",
                "The heart lowered the K",
                "The low K caused the low Mg",
            ],
            answer=1,
            explanation=(
                "Much co-occurrence is shared causation: the same drug makes the kidney lose both ions. Low Mg "
                "alone does not necessarily cause hypokalaemia, but with a driver it may add to the K loss "
                "(Huang & Kuo 2007; the renal mechanism is a hypothesis). Low K does not cause low Mg: in "
                "K-depleted rats plasma Mg rose."
            ),
        ),
    )
