"""Self-checks for notebook 01 (electrolytes and the kidney): Mg alone vs a driver, body stores, steady state,
the principal cell."""

from __future__ import annotations

import numpy as np

from mgk_helpers.model import Params, steady_state
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question

__all__ = ["questions"]


def _mg_at_k(k_target: float, driver: float, params: Params | None = None) -> float:
    """Serum Mg at which the model's steady-state serum K reaches ``k_target`` (K intake 100 mmol/day).

    Serum K rises with serum Mg, so interpolate over the explorer's low-Mg range.
    """
    mg_grid = np.linspace(0.2, 0.85, 651)
    k_grid = steady_state(mg_grid, driver=driver, params=params).serum_k
    return float(np.interp(k_target, k_grid, mg_grid))


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    kd = Params().kd_romk
    kd_romk_only = 0.5
    mg_cross_driver = round(_mg_at_k(3.5, driver=1.7), 2)
    mg_cross_alone = round(_mg_at_k(3.5, driver=1.0), 2)
    mg_cross_driver_kd05 = round(_mg_at_k(3.5, driver=1.7, params=Params(kd_romk=kd_romk_only)), 2)
    k_start_driver = steady_state(0.85, driver=1.7).serum_k

    normal = steady_state(0.85)
    low = steady_state(0.25)

    return (
        ChoiceQuestion(
            prompt=(
                'Huang & Kuo (2007) wrote that magnesium deficiency alone "does not necessarily" cause '
                "hypokalaemia. Yet in Shils' experimental Mg depletion (two elderly men fed a Mg-deficient diet by "
                "tube, no diuretic) hypokalaemia developed. Which statement fits both?"
            ),
            options=(
                "One of them must be wrong: low Mg either always lowers serum K or never does.",
                "Any serum Mg below 0.75 mmol/L lowers serum K below normal within days.",
                "Severe, long depletion alone can; milder deficiency often needs a driver.",
                "Low K causes low Mg, so both studies were really seeing the reverse effect.",
            ),
            answer=2,
            feedback=(
                '"Does not necessarily" is not "never". The two statements describe different degrees of '
                "deficiency, and they fit together once severity and a second driver are taken into account.",
                "Most people with a mildly low serum Mg have a normal serum K. In Shils' volunteers plasma Mg fell "
                "over months to about a third to a quarter of normal before hypokalaemia appeared.",
                "Shils' two men became hypokalaemic only after months of deep depletion; Huang & Kuo add that more "
                'sodium reaching the distal nephron or high aldosterone "may be required" for milder deficiency.',
                "In Shils' study Mg was removed from the diet, K fell, and serum K rose once Mg was given back: the "
                "order runs from Mg to K. When both are low in patients, a shared cause (a diuretic, diarrhoea, "
                "alcohol) is the usual link.",
            ),
            explanation=(
                '"Not necessarily" is not "never". Shils (1964) is two people, both with gut problems during the '
                "depletion, so a small study; Huang & Kuo (2007) describe the usual case. The deeper the Mg deficit "
                "and the stronger the driver, the more likely hypokalaemia is. In the model the driver and the renal "
                "Mg effect multiply: the renal effect is a hypothesis, its strength a calibration to Shils."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A patient on long-term diuretics has serum Mg 0.80 mmol/L, inside the normal range. Does that "
                "rule out magnesium deficiency?"
            ),
            options=(
                "No: serum holds under 1% of body Mg, and muscle Mg can be low anyway.",
                "Yes: serum Mg is kept in step with the Mg in bone and muscle.",
                "Yes, provided serum K is also normal: low Mg would show up as low K first.",
                "No, but only because lab tests of Mg are too imprecise to trust.",
            ),
            answer=0,
            feedback=(
                "Mg deficiency (the body) and hypomagnesaemia (the serum) are different things. In long-term "
                "diuretic users muscle Mg and K were low in about half, with serum K and Mg usually normal "
                "(Dørup & Skajaa 1989).",
                "Serum is a tiny, well-defended pool: less than 1% of body Mg (NIH ODS; Rude 1998). Bone and muscle "
                "can be short while serum Mg stays in range.",
                "In the same diuretic users serum K was usually normal too, while muscle Mg and K were low (Dørup & "
                "Skajaa 1989). A normal serum K does not show that body Mg is normal.",
                "Imprecision is small beside the real reason: serum Mg samples less than 1% of the body's Mg. Even "
                "a perfect measurement of serum Mg could miss a deficit in the tissues.",
            ),
            explanation=(
                "Mg deficiency (the body is short of Mg) and hypomagnesaemia (a low serum result) are not the same "
                "thing. Serum holds less than 1% of body Mg (NIH ODS; Rude 1998). In long-term diuretic users "
                "muscle Mg and K were low in about half although serum K and Mg were usually normal (Dørup & "
                "Skajaa 1989)."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "Predict, then check in the steady-state explorer: lower serum Mg from 0.85 to 0.25 mmol/L with the "
                "driver at 1.0× and K intake 100 mmol/day. Once the body has settled, how does urine K compare with "
                "before?"
            ),
            options=(
                "Higher: low Mg releases the ROMK block, so more K leaves every day.",
                "Lower: the kidney senses the low serum K and holds K back for good.",
                "Near zero: the kidney keeps all K until serum K is back to normal.",
                "The same: at steady state urine K equals the K the gut absorbs.",
            ),
            answer=3,
            feedback=(
                "More K does leave, but only while Mg and serum K are falling. Once serum K has settled lower, the "
                f"weaker feedback balances the stronger secretion and urine K is back to {low.urine_k:.0f} mmol/day.",
                "The low serum K does slow secretion, but only until output again equals input. If urine K stayed "
                "below the absorbed K, body K would keep rising and serum K would climb back.",
                "A kidney that is not losing K can cut urine K below about 20–25 mmol/day (Gennari 1998), but here "
                f"the body still absorbs {normal.urine_k:.0f} mmol/day and must excrete it.",
                f"In equals out: {normal.urine_k:.0f} of the 100 mmol/day eaten is absorbed and leaves in the urine "
                f"at every steady state. What changes is the serum K at which that balance is reached "
                f"({normal.serum_k:.2f} → {low.serum_k:.2f} mmol/L in the model).",
            ),
            explanation=(
                f"Urine K stays at {low.urine_k:.0f} mmol/day while serum K settles from {normal.serum_k:.2f} to "
                f"{low.serum_k:.2f} mmol/L: that the low Mg raises K secretion is the ROMK hypothesis (Huang & Kuo "
                "2007), its size a calibration to Shils. The extra K leaves only while Mg falls, mostly as a "
                "trickle over weeks that a single 24-hour urine would not show. Illustrative model numbers."
            ),
            kind="understanding",
        ),
        NumericQuestion(
            prompt=(
                "In the steady-state explorer, set the driver to 1.7× (thiazide-like; K intake 100 mmol/day) and "
                "lower serum Mg slowly from 0.85 mmol/L. At about what serum Mg does the model's serum K first fall "
                "below 3.5 mmol/L?"
            ),
            answer=mg_cross_driver,
            tolerance=0.02,
            unit="mmol/L",
            hint=(
                "Watch the readout's class change from 'normal' to 'mild hypokalaemia'. With no driver, Mg alone "
                f"has to fall to about {mg_cross_alone:.2f} mmol/L: should the crossing with a driver come at a "
                "higher or a lower serum Mg?"
            ),
            tolerance_why=(
                "±0.02 mmol/L: the slider moves in steps of 0.01 mmol/L and the readout rounds serum K to "
                "0.01 mmol/L, so the crossing can be read only to within a step or two."
            ),
            explanation=(
                f"At about {mg_cross_driver:.2f} mmol/L, against about {mg_cross_alone:.2f} with no driver. The "
                f"driver alone takes serum K to {k_start_driver:.2f} mmol/L; low Mg lowers it by about the same "
                "proportion as without a driver, so from that lower start a much smaller Mg deficit crosses 3.5. "
                f"This rests on the renal Mg hypothesis (Huang & Kuo 2007) at its calibrated strength (Kd_ROMK "
                f"{kd:g} mM, fitted to Shils); at the ROMK-channel estimate ({kd_romk_only:g} mM) the crossing is "
                f"at about {mg_cross_driver_kd05:.2f}. Illustrative model numbers, not a prediction."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "Amiloride blocks ENaC, the Na⁺ channel on the urine side of the principal cell (see the figure). "
                "Predict what happens to serum K and, once the body has settled, to urine K."
            ),
            options=(
                "Serum K falls: like other diuretics it makes more urine and washes out K.",
                "Serum K rises; once settled, urine K is back to the absorbed intake.",
                "Serum K rises, and urine K stays below intake for as long as it is taken.",
                "Nothing changes: amiloride acts on sodium, and K secretion is separate.",
            ),
            answer=1,
            feedback=(
                "Thiazide and loop diuretics lower K because they send more Na⁺ to the principal cell, which speeds "
                "K secretion. Amiloride acts at that very cell and does the opposite: it is a K-sparing diuretic.",
                "With less Na⁺ entering through ENaC the urine side is less negative, so less K⁺ is pulled out "
                "through ROMK. Serum K rises until the stronger feedback of a higher serum K brings secretion back "
                "to the K absorbed: in equals out, at a higher serum K.",
                "Urine K falls below intake only while K is building up. Serum K then settles higher, where the "
                "feedback restores secretion to match the absorbed K; a lasting gap would make body K rise for ever.",
                "In the principal cell Na⁺ and K⁺ are linked: Na⁺ entry through ENaC makes the urine side negative, "
                "and that voltage drives K⁺ secretion. Blocking ENaC removes much of the pull on K⁺.",
            ),
            explanation=(
                "Mechanism (Palmer & Clegg 2016): Na⁺ entering through ENaC leaves the urine side negative, and "
                "that voltage pulls K⁺ out through ROMK. Blocking ENaC lowers K secretion, so amiloride is a "
                "K-sparing diuretic and can raise serum K too far, above all with kidney disease or other drugs "
                "that raise K (Rastegar & Soleimani 2001). At the new steady state urine K again equals absorbed K."
            ),
            kind="transfer",
        ),
    )
