"""Self-checks for notebook 02 (cellular transport): MgATP and the pump, body K, when serum K misleads."""

from __future__ import annotations

from mgk_helpers.model import Params, steady_state
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    p = Params()
    ss = steady_state(0.85)
    icf = p.v_i * ss.icf_k
    share = round(100.0 * icf / ss.total_body_k, 1)

    # K lost per mmol/L fall in serum K when nothing shifts K (a thiazide-like driver, Mg normal).
    low = steady_state(0.85, driver=1.7)
    per_mmol = (ss.total_body_k - low.total_body_k) / (ss.serum_k - low.serum_k)

    # Pump rate with MgATP saturation (textbook numbers: ATP 6 mM, MgATP Kd 0.05 mM, pump K0.5 0.40 mM).
    atp, kd, k_half = 6.0, 0.05, 0.40

    def pump_rate(mg_free: float) -> float:
        mg_atp = atp * mg_free / (mg_free + kd)
        return mg_atp / (mg_atp + k_half)

    slower_02 = 100.0 * (1.0 - pump_rate(0.2) / pump_rate(0.5))
    slower_01 = 100.0 * (1.0 - pump_rate(0.1) / pump_rate(0.5))

    return (
        NumericQuestion(
            prompt=(
                "In the model's normal steady state (ECF 14.5 L at 4.2 mmol/L, cell water 24 L at 130 "
                "mmol/L), what percentage of the body's exchangeable K is inside cells?"
            ),
            answer=share,
            tolerance=0.5,
            unit="%",
            explanation=(
                f"Cells hold {icf:.0f} of {ss.total_body_k:.0f} mmol, about {share:.1f}%, matching the "
                "commonly cited ~98%. A blood test samples the other 2%. That alone does not make serum K a "
                "poor window on body K: when nothing shifts K between cells and blood, each 1 mmol/L fall in "
                "serum K stands for roughly 200–400 mmol lost (Sterns et al. 1981; the model gives about "
                f"{per_mmol:.0f}). The window fails with shifts: insulin, β₂-agonists, alkalosis, diabetic "
                "ketoacidosis, and muscle K loss in Mg deficiency."
            ),
        ),
        ChoiceQuestion(
            prompt="What does 'magnesium is a cofactor' mean for the Na⁺/K⁺ pump?",
            options=[
                "The pump carries Mg²⁺ into cells together with K⁺.",
                "The pump's fuel is the Mg–ATP complex; normally there is plenty, so the pump is saturated.",
                "Mg²⁺ switches the pump off when serum K is low.",
            ],
            answer=1,
            explanation=(
                "Mg²⁺ is needed for the pump to split ATP but is not transported (Apell et al. 2017). With "
                "about 6 mmol/L ATP, about 90% bound to Mg, and a K0.5 for ATP of about 0.40 mmol/L "
                "(Spontarelli et al. 2022), the pump runs near full speed: through its fuel supply alone it "
                f"would slow by only about {slower_02:.0f}% at 0.2 mmol/L free Mg and {slower_01:.1f}% at "
                "0.1 mmol/L. The model's pump coupling slows it far more, which is why it is labelled a "
                "hypothesis, and an upper bound for what a shortage of MgATP fuel could do."
            ),
        ),
        ChoiceQuestion(
            prompt=(
                "During an asthma attack a patient receives repeated salbutamol (a β₂-agonist) nebulisers, "
                "and serum K falls from 4.2 to 3.3 mmol/L within hours. Does the rule '200–400 mmol lost per "
                "1 mmol/L fall' say the body has lost about 180–360 mmol of K?"
            ),
            options=[
                "Yes: the rule applies whenever serum K falls.",
                "No: β₂-stimulation drives K into cells. Body K has hardly changed; it has moved, so the "
                "rule does not apply.",
                "No: the deficit is larger, because salbutamol makes the kidney excrete K within hours.",
            ],
            answer=1,
            explanation=(
                "The rule holds only when K leaves the body and nothing shifts it. β₂-agonists (and "
                "adrenaline in stress, which lowered plasma K by about 0.8 mmol/L in healthy volunteers: "
                "Brown et al. 1983), insulin and alkalosis move K into cells within "
                "minutes to hours, so serum K falls with little or no deficit and rises again as the effect "
                "wears off. A renal loss of several hundred mmol within hours is not what happens here. The "
                "opposite error occurs in diabetic ketoacidosis: serum K can be normal while the body has "
                "lost hundreds of mmol."
            ),
        ),
        ChoiceQuestion(
            prompt=(
                "Patients on long-term diuretics had low muscle K, Mg and pump numbers. In those who then "
                "took oral Mg, how long did it take to normalise these values in most of them (Dørup et al. "
                "1993)?"
            ),
            options=["About 2 days", "About 2 weeks", "About 26 weeks", "It never helped"],
            answer=2,
            explanation=(
                "76 patients were assessed; the 36 with low muscle Mg or K took oral Mg. In the 20 who took "
                "it for 2–12 weeks the values rose but stayed far from normal; in the 16 who took it for 26 "
                "weeks they were normal in most. Muscle K and Mg recover over months, not days."
            ),
        ),
    )
