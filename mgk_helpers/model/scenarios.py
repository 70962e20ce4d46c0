"""Ready-made scenarios for the Tier-1 model, for the notebooks and a scenario picker.

The runs are those behind the checks of docs/MODEL_CARD.md ("How it was checked"). Every scenario
is an illustrative teaching run, not a clinical prediction. The driver values are
the illustrative ones of docs/MODEL_CARD.md (1.5–1.7 ≈ thiazide-like; 2 ≈ loop diuretic or
hyperaldosteronism; tag D). Each function returns a :class:`~mgk_helpers.model.Scenario`;
:func:`catalogue` lists them by id; :data:`TITLES` holds the titles a picker shows.
:func:`k_then_mg` (notebook 07's serial K values) is not in the picker: the time-course explorer
already overlays the refractory arms, and every picker entry adds to the saved size of the notebooks
that show it.
"""

from __future__ import annotations

from collections.abc import Callable

from .equations import K_INTAKE_RANGE, SERUM_MG_RANGE, SERUM_MG_REF, Inputs, Scenario
from .units import check_range

__all__ = [
    "ALL",
    "TITLES",
    "REFRACTORY_ARMS",
    "catalogue",
    "diuretic",
    "k_then_mg",
    "mg_depletion",
    "refractory_repletion",
    "severe_mg_depletion",
    "zero_k_intake",
]

#: Treatment arms of :func:`refractory_repletion`.
REFRACTORY_ARMS: tuple[str, ...] = ("K", "K+Mg", "Mg")

_NORMAL_INTAKE = 100.0  # mmol/day, the model's baseline intake I0
_THIAZIDE_LIKE = 1.7  # × baseline, the thiazide-like driver of docs/MODEL_CARD.md
_LOW_MG = 0.45  # mmol/L, moderate hypomagnesaemia
_PRE_TREATMENT_INTAKE = 60.0  # mmol/day, a poor diet
_K_DOSE = 140.0  # mmol/day total intake in the K arms: the usual diet plus about 80 mmol/day of supplement


def mg_depletion(serum_mg: float = _LOW_MG, days: float = 56.0) -> Scenario:
    """Mg deficiency alone: serum Mg falls from 0.85 to ``serum_mg`` on day 2, no diuretic.

    Intake stays 100 mmol/day and D = 1. The renal-cell Mg pool follows within days, so urine K rises
    briefly and serum K settles lower within about a week (4.20 → about 3.75 at 0.45 mmol/L at the
    default parameters). How far it falls rests on the renal Mg hypothesis and the calibrated Kd_ROMK.
    """
    return Scenario(
        k_intake=_NORMAL_INTAKE,
        serum_mg=((0.0, SERUM_MG_REF), (2.0, serum_mg)),
        driver=1.0,
        duration_days=days,
        name="mg_depletion",
        description=(
            f"Serum Mg falls from {SERUM_MG_REF} to {serum_mg} mmol/L on day 2; K intake "
            f"{_NORMAL_INTAKE:.0f} mmol/day; no diuretic. In the model (renal Mg effect a hypothesis, "
            "its strength calibrated) serum K settles lower within about a week."
        ),
    )


def severe_mg_depletion(serum_mg: float = 0.25, ramp_days: float = 28.0, days: float = 56.0) -> Scenario:
    """Experimental Mg depletion, no diuretic: serum Mg falls from 0.85 to ``serum_mg`` in 2-day steps.

    Modelled on the human depletion studies of Shils (Am J Clin Nutr 1964; Medicine 1969), where a
    Mg-deficient diet with ordinary K intake took plasma Mg to about 10–30 % of control over weeks and
    hypokalaemia with negative K balance followed. Intake 100 mmol/day, D = 1. The fall is spread over
    ``ramp_days`` (a step every 2 days; at least one step) and the run lasts ``days``. That the model
    reproduces hypokalaemia here rests on a calibrated renal Mg effect (Kd_ROMK) and on the hypothesis
    that renal-cell Mg follows serum Mg: a sufficiency argument, not a prediction.
    """
    check_range("serum_mg", serum_mg, *SERUM_MG_RANGE, "mmol/L")
    check_range("ramp_days", ramp_days, 2.0, 365.0, "days")
    check_range("days", days, ramp_days + 1.0, 3650.0, "days")
    n_steps = max(1, int(ramp_days // 2))
    steps = tuple(
        (2.0 * i, round(SERUM_MG_REF + (serum_mg - SERUM_MG_REF) * i / n_steps, 4))
        for i in range(n_steps + 1)
    )
    return Scenario(
        k_intake=_NORMAL_INTAKE,
        serum_mg=steps,
        driver=1.0,
        duration_days=days,
        name="severe_mg_depletion",
        description=(
            f"Serum Mg falls in 2-day steps from {SERUM_MG_REF} to {serum_mg} mmol/L over "
            f"{2 * n_steps:g} days; K intake {_NORMAL_INTAKE:.0f} mmol/day; no diuretic "
            "(like Shils' experimental depletion)."
        ),
    )


def diuretic(driver: float = _THIAZIDE_LIKE, serum_mg: float = SERUM_MG_REF, days: float = 28.0) -> Scenario:
    """A K-wasting driver starts at day 2 (thiazide-like D = 1.7 by default), with a given serum Mg.

    Intake stays 100 mmol/day. Run it with ``serum_mg=0.45`` to see low Mg add to the fall.
    """
    return Scenario(
        k_intake=_NORMAL_INTAKE,
        serum_mg=serum_mg,
        driver=((0.0, 1.0), (2.0, driver)),
        duration_days=days,
        name="diuretic",
        description=(
            f"A diuretic-like driver D = {driver:g} starts on day 2 (serum Mg {serum_mg} mmol/L, K intake "
            f"{_NORMAL_INTAKE:.0f} mmol/day). Serum K settles lower within a few days."
        ),
    )


def refractory_repletion(arm: str, k_dose: float = _K_DOSE) -> Scenario:
    """Refractory hypokalaemia, one treatment arm (illustrative, not a dosing regimen).

    Starts from the steady state of the *pre-treatment* condition: driver D = 1.7, serum Mg
    0.45 mmol/L, K intake 60 mmol/day (serum K ≈ 3.06 mmol/L). At day 0 the treatment starts and
    runs for 28 days:

    * ``"K"``: total K intake raised to ``k_dose`` mmol/day (default 140), serum Mg stays 0.45;
    * ``"K+Mg"``: K intake → ``k_dose`` and serum Mg → 0.85 mmol/L;
    * ``"Mg"``: serum Mg → 0.85 mmol/L only (intake stays 60).

    ``k_dose`` (mmol/day) must be in 20–200. Any other ``arm`` raises ValueError. The Mg → K effect
    rests on two hypotheses (renal Mg block relief, and muscle pump supply) and a calibrated Kd.
    """
    if arm not in REFRACTORY_ARMS:
        raise ValueError(f"unknown arm {arm!r}; valid arms are {', '.join(map(repr, REFRACTORY_ARMS))}")
    check_range("k_dose", k_dose, *K_INTAKE_RANGE, "mmol/day")
    k_intake = _PRE_TREATMENT_INTAKE if arm == "Mg" else float(k_dose)
    serum_mg = _LOW_MG if arm == "K" else SERUM_MG_REF
    what = {
        "K": f"K intake raised to {k_dose:g} mmol/day, Mg not corrected",
        "K+Mg": f"K intake raised to {k_dose:g} mmol/day and serum Mg corrected to 0.85 mmol/L",
        "Mg": "serum Mg corrected to 0.85 mmol/L, K intake unchanged (60 mmol/day)",
    }[arm]
    return Scenario(
        k_intake=k_intake,
        serum_mg=serum_mg,
        driver=_THIAZIDE_LIKE,
        duration_days=28.0,
        initial=Inputs(serum_mg=_LOW_MG, k_intake=_PRE_TREATMENT_INTAKE, driver=_THIAZIDE_LIKE),
        name=f"refractory_repletion_{arm}",
        description=(
            "Start: diuretic-like driver 1.7, serum Mg 0.45 mmol/L, K intake 60 mmol/day. "
            f"Treatment from day 0: {what}."
        ),
    )


def k_then_mg(mg_day: float = 5.0, days: float = 14.0) -> Scenario:
    """K first, Mg later: serial serum K values that stall on K until Mg is corrected (illustrative).

    Starts from the same pre-treatment steady state as :func:`refractory_repletion` (driver D = 1.7,
    serum Mg 0.45 mmol/L, K intake 60 mmol/day; serum K ≈ 3.06 mmol/L). From day 0 the K intake is
    raised to 140 mmol/day (as in the ``"K"`` arm; an illustrative amount, not a dose); serum Mg stays
    0.45 mmol/L until ``mg_day`` and is then stepped to 0.85 mmol/L; the run lasts ``days``.
    ``days`` must be in 1–365 and ``mg_day`` (days) in 0 up to, not including, ``days``. That serum K
    stalls below 3.5 before ``mg_day`` and rises after it is the model's version of refractory K repletion
    (Whang 1985, 1992): it rests on the renal Mg hypothesis (its strength a calibration, Kd_ROMK; the
    muscle-pump hypothesis changes the series little), and it is not a prediction for any patient.
    """
    check_range("days", days, 1.0, 365.0, "days")
    check_range("mg_day", mg_day, 0.0, float(days), "days")
    mg_day, days = float(mg_day), float(days)
    if mg_day >= days:
        raise ValueError(
            f"mg_day={mg_day:g} days is outside the valid range 0–{days:g} days (excluding {days:g}): "
            "Mg must be corrected before the run ends"
        )
    serum_mg = SERUM_MG_REF if mg_day == 0.0 else ((0.0, _LOW_MG), (mg_day, SERUM_MG_REF))
    return Scenario(
        k_intake=_K_DOSE,
        serum_mg=serum_mg,
        driver=_THIAZIDE_LIKE,
        duration_days=days,
        initial=Inputs(serum_mg=_LOW_MG, k_intake=_PRE_TREATMENT_INTAKE, driver=_THIAZIDE_LIKE),
        name="k_then_mg",
        description=(
            "Start: diuretic-like driver 1.7, serum Mg 0.45 mmol/L, K intake 60 mmol/day. From day 0 K "
            f"intake {_K_DOSE:g} mmol/day; serum Mg corrected to {SERUM_MG_REF} mmol/L from day {mg_day:g}."
        ),
    )


def zero_k_intake(days: float = 7.0) -> Scenario:
    """No K intake for ``days`` days, starting from the normal steady state (100 mmol/day, Mg 0.85).

    The power-law kidney has no obligatory K loss, so K falls ever more slowly instead of
    levelling off at the 6–34 mmol/day minimum urine K of real kidneys (Squires & Huth 1959;
    see :data:`~mgk_helpers.model.equations.K_INTAKE_RANGE`).
    """
    return Scenario(
        k_intake=0.0,
        serum_mg=SERUM_MG_REF,
        driver=1.0,
        duration_days=days,
        initial=Inputs(serum_mg=SERUM_MG_REF, k_intake=_NORMAL_INTAKE, driver=1.0),
        name="zero_k_intake",
        description=(
            f"K intake stops for {days:g} days (normal Mg, no diuretic). Urine K falls, and serum K with it."
        ),
    )


#: Scenario id → function with no required argument.
ALL: dict[str, Callable[[], Scenario]] = {
    "mg_depletion": mg_depletion,
    "severe_mg_depletion": severe_mg_depletion,
    "diuretic": diuretic,
    "diuretic_low_mg": lambda: diuretic(serum_mg=_LOW_MG),
    "refractory_repletion_K": lambda: refractory_repletion("K"),
    "refractory_repletion_K+Mg": lambda: refractory_repletion("K+Mg"),
    "refractory_repletion_Mg": lambda: refractory_repletion("Mg"),
    "zero_k_intake": zero_k_intake,
}

#: Scenario id → the title a picker shows (display only; code chooses scenarios by id).
TITLES: dict[str, str] = {
    "mg_depletion": "Low Mg alone (serum Mg 0.45 mmol/L)",
    "severe_mg_depletion": "Severe Mg depletion alone, like Shils' volunteers (serum Mg to 0.25 mmol/L)",
    "diuretic": "Diuretic-like driver, normal Mg",
    "diuretic_low_mg": "Diuretic-like driver with low Mg",
    "refractory_repletion_K": "Refractory low K: give K only",
    "refractory_repletion_K+Mg": "Refractory low K: give K and Mg",
    "refractory_repletion_Mg": "Refractory low K: give Mg only",
    "zero_k_intake": "No K intake for a week",
}


def catalogue() -> dict[str, Scenario]:
    """Scenario id → :class:`Scenario`, in a sensible teaching order (titles: :data:`TITLES`)."""
    return {key: make() for key, make in ALL.items()}
