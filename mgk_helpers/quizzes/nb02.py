"""Self-checks for notebook 02 (cellular transport): MgATP and the pump, the K deficit rule and when it fails,
cell K at low Mg, how long muscle takes to recover."""

from __future__ import annotations

from mgk_helpers.model import steady_state
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    # Pump rate with MgATP saturation (textbook numbers: ATP 6 mM, MgATP Kd 0.05 mM, pump K0.5 0.40 mM).
    atp, kd, k_half = 6.0, 0.05, 0.40

    def pump_rate(mg_free: float) -> float:
        mg_atp = atp * mg_free / (mg_free + kd)
        return mg_atp / (mg_atp + k_half)

    slower_02 = 100.0 * (1.0 - pump_rate(0.2) / pump_rate(0.5))
    slower_01 = 100.0 * (1.0 - pump_rate(0.1) / pump_rate(0.5))

    # K lost per mmol/L fall in serum K when nothing shifts K: the explorer's driver 2 with Mg normal.
    ref = steady_state(0.85)
    lossy = steady_state(0.85, driver=2.0)
    lost = ref.total_body_k - lossy.total_body_k
    fall = ref.serum_k - lossy.serum_k
    per_mmol = round(lost / fall)

    # More K in the diet while Mg stays low (pump coupling on, the model's default).
    low_mg = steady_state(0.45)
    low_mg_more_k = steady_state(0.45, k_intake=200)

    return (
        ChoiceQuestion(
            prompt=(
                "The article calls magnesium a cofactor of the enzymes that transport K. For the Na⁺/K⁺ pump, "
                "what does that mean, and what follows when cell Mg falls?"
            ),
            options=(
                "The pump carries Mg²⁺ into cells along with K⁺, so less Mg means less K in.",
                "Mg is the pump's cofactor, so low Mg stops the pump and cells lose their K.",
                "Mg²⁺ plugs the pump from inside, just as it plugs K channels such as ROMK.",
                "Its fuel is Mg–ATP and it normally has plenty, so it hardly slows.",
            ),
            answer=3,
            feedback=(
                "Mg²⁺ is bound to the ATP the pump splits; it is not transported. The pump moves Na⁺ out and K⁺ in, "
                "and Mg²⁺ helps it split ATP (Apell et al. 2017).",
                "This is the leap from 'cofactor' to 'switch'. With about 90% of cell ATP bound to Mg, and half "
                "speed reached at only about 0.40 mmol/L ATP, the pump is saturated: through its fuel it "
                "slows by only about "
                f"{slower_02:.0f}% at 0.2 mmol/L free Mg.",
                "That is Mg²⁺'s other job, on channels: with polyamines (small charged molecules in cells) it "
                "plugs inward-rectifier K channels from inside (Ficker et al. 1994; Lopatin et al. 1994). A "
                "channel is not an enzyme, and Mg²⁺ does not plug "
                "the pump.",
                "The substrate is the Mg–ATP complex, and cells hold more than ten times the fuel the pump needs for "
                f"half speed: about {slower_02:.0f}% slower at 0.2 and {slower_01:.1f}% at 0.1 mmol/L free Mg.",
            ),
            explanation=(
                "Mg²⁺ is needed for the pump to split ATP but is not transported (Apell et al. 2017). With about "
                "6 mmol/L ATP, about 90% bound to Mg, and a K0.5 for ATP (the level giving half speed) of about "
                "0.40 mmol/L (Spontarelli et al. 2022), the pump runs near full speed. The model's pump "
                "coupling slows it far more: a hypothesis, "
                "and an upper bound for what a shortage of MgATP fuel could do."
            ),
            kind="understanding",
        ),
        NumericQuestion(
            prompt=(
                "In the explorer 'Where the body's potassium is', press Reset and set the driver to 2 (a "
                "loop-diuretic-like K loss, Mg normal). From the readout's serum K and total-body K and their "
                "reference values, how many mmol of body K are lost per 1 mmol/L fall in serum K?"
            ),
            answer=per_mmol,
            tolerance=10,
            unit="mmol per mmol/L",
            hint=(
                "Divide the K lost (reference total-body K minus yours) by the fall in serum K (reference minus "
                "yours). Then compare with the rule of 200–400 mmol per mmol/L from people."
            ),
            tolerance_why=(
                "±10 mmol per mmol/L: the readout rounds serum K to 0.01 mmol/L and body K to whole mmol, and a "
                "rounding of 0.01 in a fall of about 0.7 mmol/L moves the ratio by about 4."
            ),
            explanation=(
                f"{lost:.0f} mmol lost for a fall of {fall:.2f} mmol/L: {per_mmol} mmol per mmol/L, so about 240 "
                "mmol per mmol/L (the ratio shifts a little with the size of the fall), at the low end of "
                "the 200–400 seen in people when K simply leaves the body (Sterns et al. 1981). With no "
                "shift, cells and serum lose K together (mechanism), so serum K is a fair, rough window on body K. "
                "The rule fails when something shifts K: insulin, β₂-agonists, alkalosis, diabetic ketoacidosis."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "In the same explorer (pump coupling on), press Reset (driver 1.0×), then lower serum Mg to 0.45 "
                "mmol/L. Predict before you move the next slider: if K intake now doubles from 100 to 200 mmol/day "
                "while Mg stays low, what happens?"
            ),
            options=(
                "Serum K rises a little, but cell K barely moves.",
                "Serum K and cell K both return to their reference values.",
                "Neither moves: the kidney excretes all the extra K eaten.",
                "Cell K refills, but serum K stays low until Mg is given.",
            ),
            answer=0,
            feedback=(
                f"In the model serum K goes {low_mg.serum_k:.2f} → {low_mg_more_k.serum_k:.2f} mmol/L, but cell K "
                f"only {low_mg.icf_k:.0f} → {low_mg_more_k.icf_k:.0f} mmol/L (reference {ref.icf_k:.0f}). That "
                "rests on the pump-coupling hypothesis, whose strength is an upper bound.",
                "'Eating more K refills the cells' is the trap. In the model the cells stay short while muscle Mg is "
                "low, and in patients K supplements did not restore muscle K while Mg was low (Wester & Dyckner 1981).",
                "The urine does carry the extra absorbed K at steady state, but the kidney needs a higher serum K to "
                f"excrete it, so serum K settles about {low_mg_more_k.serum_k - low_mg.serum_k:.2f} mmol/L higher.",
                "Half right about serum K, which rises only about "
                f"{low_mg_more_k.serum_k - low_mg.serum_k:.2f} mmol/L for double the intake, but cell K does not "
                "refill: in the model it waits for muscle Mg (pump hypothesis, upper bound), as in patients "
                "(Wester & Dyckner 1981).",
            ),
            explanation=(
                "Serum K follows the kidney (mechanism, with the ROMK hypothesis at its calibrated strength); cell K "
                "follows muscle Mg through the pump-coupling hypothesis, an upper bound. In patients, muscle K rose "
                "after Mg infusion but not after K infusion (Wester & Dyckner 1981), and low muscle K with normal "
                "serum K was common in diuretic users (Dørup & Skajaa 1989). Illustrative model numbers."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A young man with diabetic ketoacidosis (days without insulin, very high glucose, heavy urine "
                "output) has serum K 5.2 mmol/L. What does that value say about the K in his body?"
            ),
            options=(
                "His body K is fine: a serum K in or above the normal range rules out a deficit.",
                "He has too much K: a high serum K means his kidneys have been holding K back.",
                "A big deficit can hide: K has left his cells, and serum K falls with insulin.",
                "Nothing at all: serum K never tells you anything about the K in the body.",
            ),
            answer=2,
            feedback=(
                "The 200–400 mmol rule needs no shift. In diabetic ketoacidosis lack of insulin and high glucose "
                "move K out of cells, so serum K can be normal or high while the body has lost hundreds of mmol.",
                "The heavy urine of uncontrolled diabetes carries K out of the body: the kidney has been losing K, "
                "not keeping it. The high serum K comes from K leaving the cells, a shift.",
                "Without insulin, K moves out of cells and serum K overstates body K. Once insulin is given it "
                "drives K back into cells and serum K falls fast, revealing the deficit (Sterns et al. 1981; "
                "Gennari 1998).",
                "Too far. With no shift serum K is a fair, rough window on body K (about 200–400 mmol per mmol/L; "
                f"the model gives about {per_mmol}). It misleads here because something is shifting K.",
            ),
            explanation=(
                "Serum K tracks body K only when nothing moves K between cells and blood. Lack of insulin and high "
                "glucose move it out of cells, hiding a deficit of hundreds of mmol; insulin, β₂-agonists and "
                "alkalosis move it in, lowering serum K with little loss (Sterns et al. 1981; Gennari 1998). This is "
                "mechanism, not Mg → K."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt=(
                "Patients on long-term diuretics with low muscle K, Mg and pump numbers start oral Mg. After 8 weeks "
                "their muscle values have risen but are still well below normal. How do the studies in this "
                "notebook read that?"
            ),
            options=(
                "Mg has failed: if it worked, muscle K would be normal within days.",
                "As expected: muscle K and Mg recovered over months, not weeks.",
                "Their serum Mg must still be low, or muscle would have caught up.",
                "K supplements alone would have refilled their muscle K faster.",
            ),
            answer=1,
            feedback=(
                "Days are the time scale of kidney-cell Mg in the model, not of muscle. In Dørup et al. (1993) the "
                "values of patients who took Mg for 2–12 weeks rose but stayed far from normal.",
                "In Dørup et al. (1993) 36 of 76 patients took oral Mg: after 2–12 weeks values were still far from "
                "normal, after 26 weeks normal in most of the 16 who took it that long.",
                "Serum Mg returns long before muscle Mg: serum is a small pool and muscle refills slowly. Normal "
                "serum Mg with low muscle Mg was common in such patients (Dørup & Skajaa 1989).",
                "In Mg-deficient patients K supplements did not restore muscle K, and muscle K rose after Mg "
                "infusion but not after K infusion (Wester & Dyckner 1981).",
            ),
            explanation=(
                "Muscle K, Mg and pump numbers recover over months (Dørup et al. 1993); the model's muscle Mg time "
                "constant of 30 days is a calibration to that, and the model still recovers faster than the "
                "patients did. These are small, older studies without randomised controls: good for the direction, "
                "not the size."
            ),
            kind="understanding",
        ),
    )
