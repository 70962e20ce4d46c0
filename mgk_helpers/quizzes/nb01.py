"""Self-checks for notebook 01 (electrolytes and the kidney): body stores, ROMK, Mg alone vs a driver."""

from __future__ import annotations

import numpy as np

from mgk_helpers.model import Params, romk_factor, steady_state
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    # Q1: the serum Mg at which the model's steady-state serum K (no driver, K intake 100 mmol/day, calibrated
    # defaults) reaches the lower end of normal, 3.5 mmol/L. Serum K rises with serum Mg, so interpolate.
    mg_grid = np.linspace(0.2, 0.85, 651)
    k_grid = steady_state(mg_grid).serum_k
    mg_at_3_5 = round(float(np.interp(3.5, k_grid, mg_grid)), 2)
    k_low_mg = steady_state(0.25).serum_k
    k_low_mg_kd05 = steady_state(0.25, params=Params(kd_romk=0.5)).serum_k
    k_lowest_kd05 = steady_state(0.2, params=Params(kd_romk=0.5)).serum_k

    kd = Params().kd_romk
    kd_romk_only = 0.5
    r_02 = round(float(romk_factor(0.2)), 2)
    r_02_kd05 = round(float(romk_factor(0.2, Params(kd_romk=kd_romk_only))), 2)

    return (
        NumericQuestion(
            prompt=(
                "Use the explorer (driver 1.0×, K intake 100 mmol/day). As you lower serum Mg, at about what "
                "serum Mg does the model's steady-state serum K reach the lower end of normal, 3.5 mmol/L?"
            ),
            answer=mg_at_3_5,
            tolerance=0.02,
            unit="mmol/L",
            explanation=(
                f"At about {mg_at_3_5:.2f} mmol/L of serum Mg, close to the severe hypomagnesaemia of Shils' "
                f"volunteers; at 0.25 mmol/L serum K is {k_low_mg:.2f} mmol/L. This is what the model shows "
                f"*if* its calibrated renal Mg effect (Kd_ROMK {kd:g} mM, a calibration chosen to reproduce "
                "Shils' experimental Mg depletion) and the hypothesis that kidney-cell Mg follows serum Mg both "
                f"hold. At the single-channel ROMK estimate (Kd ≈ {kd_romk_only:g} mM) Mg alone never takes "
                f"serum K below 3.5 in the explorer's range ({k_low_mg_kd05:.2f} mmol/L at 0.25, "
                f"{k_lowest_kd05:.2f} at 0.20). Illustrative model numbers, not a prediction for a patient."
            ),
        ),
        ChoiceQuestion(
            prompt=(
                'Huang & Kuo (2007) wrote that magnesium deficiency alone "does not necessarily" cause '
                "hypokalaemia. Yet in experimental human Mg depletion (Shils 1964: two elderly men fed a "
                "Mg-deficient diet by tube, no diuretic) hypokalaemia developed. Which statement fits both?"
            ),
            options=[
                "One of them must be wrong: low Mg either always or never lowers serum K.",
                "Severe, prolonged Mg depletion alone can cause hypokalaemia; milder deficiency often does not, "
                "and a driver (diuretic, vomiting, high aldosterone) makes it much more likely.",
                "Any low serum Mg causes hypokalaemia within a few days.",
                "Low K causes low Mg, so the two studies measured the reverse effect.",
            ],
            answer=1,
            explanation=(
                '"Not necessarily" is not "never". In Shils\' two tube-fed men, plasma Mg fell over months to '
                "about a third to a quarter of normal; hypokalaemia developed and large extra K intakes were "
                "needed until Mg was given back (two people, both with gut problems during the depletion: "
                "a small study). Huang & Kuo "
                'add that more sodium reaching the distal nephron or high aldosterone "may be required". '
                "The deeper the Mg deficit and the stronger the driver, the more likely hypokalaemia is; in the "
                "model the driver and the renal Mg effect (a hypothesis) multiply. Low K does not cause low Mg: "
                "both usually share a cause."
            ),
        ),
        NumericQuestion(
            prompt=(
                "Going further. In the model, the kidney's K-secretory capacity is R = (1 + 0.5/Kd)/(1 + Mg/Kd), "
                f"with Kd = {kd:g} mmol/L (a calibration, not a measurement). By what factor does R rise when "
                "free Mg in kidney cells falls from 0.5 to 0.2 mmol/L?"
            ),
            answer=r_02,
            tolerance=0.02,
            unit="× normal",
            explanation=(
                f"R = (1 + 0.5/{kd:g})/(1 + 0.2/{kd:g}) = {r_02:.2f}: the kidney can secrete "
                f"{round((r_02 - 1) * 100):.0f}% more K at the same serum K. At the single-channel ROMK "
                f"estimate (Kd ≈ {kd_romk_only:g} mmol/L) the rise is only × {r_02_kd05:.2f}. How strongly "
                "cell Mg blocks ROMK at real urine K levels is still uncertain (Yang et al. 2010), and whether "
                "free Mg in kidney cells falls this far in Mg deficiency is itself a hypothesis."
            ),
        ),
        ChoiceQuestion(
            prompt=(
                "A patient on long-term diuretics has a serum Mg of 0.80 mmol/L, inside the normal range. "
                "Does that rule out magnesium deficiency?"
            ),
            options=[
                "Yes: a normal serum Mg means body Mg is normal.",
                "No: less than 1% of body Mg is in serum, and muscle Mg can be low while serum Mg is normal.",
                "Only if serum K is normal too.",
            ],
            answer=1,
            explanation=(
                "Mg deficiency (the body is short of Mg) and hypomagnesaemia (a low serum Mg result) are not the "
                "same thing. Serum holds less than 1% of body Mg (NIH ODS; Rude 1998). In long-term diuretic "
                "patients muscle Mg and K are low in about half, although serum K and Mg are usually normal "
                "(Dørup & Skajaa 1989)."
            ),
        ),
    )
