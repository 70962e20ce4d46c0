"""Tier-1 teaching model of potassium (K) balance with a hypothetical magnesium (Mg) coupling.

**Read this first.** This is an *illustrative teaching model, not a clinical prediction* and not
dosing advice. The coupling of Mg to K is a **hypothesis**: no published model couples the two
(DOMAIN §1, §3d, confidence A for the negative search). The K part follows DOMAIN §9a; its numbers
come from Stadt et al. 2022 and Guyton 1992 where those exist, and are labelled modelling
assumptions (tag D) where they do not.

Structure (DOMAIN §9a; time in days, amounts in mmol, volumes in L)::

    K_e = M_e/V_e,  K_i = M_i/V_i                     ECF and K-exchanging ICF K (mmol/L)
    J_pump = F(Mg_i)·Vmax·K_e/(Km + K_e)              Na⁺/K⁺-ATPase uptake into cells
    J_leak = P_leak·(K_i − K_e)                       passive efflux through K channels
    U_K    = U_ref·(K_e/K_e0)^n·D·R(Mg_i)             renal excretion, power-law feedback
    dM_e/dt = f_abs·I(t) − U_K − J_pump + J_leak
    dM_i/dt = J_pump − J_leak
    R(Mg_i) = (1 + Mg_i0/Kd_ROMK)/(1 + Mg_i/Kd_ROMK)  ROMK Mg-block relief (hypothesis, §2a)
    F(Mg_i) = g(Mg_i)/g(Mg_i0), g(m) = m/(m + Kd_MgATP)   MgATP supply of the pump (§2b; off by default)
    Mg_i,target = Mg_i0·(serum Mg/0.85)^γ             serum → cytosolic free Mg (assumption)
    dMg_i/dt = (Mg_i,target − Mg_i)/τ_Mg              tissue Mg changes slowly

Derived: P_leak = Vmax·K_e0/(Km + K_e0)/(K_i0 − K_e0) (0.775 L/min) makes the baseline a steady
state; U_ref = f_abs·I0 (90 mmol/day) balances the baseline intake I0 = 100 mmol/day.

Parameters and sources (DOMAIN §9b; full details in :data:`PARAM_INFO`):

* V_e 14.5 L, V_i 24 L, K_e0 4.2 and K_i0 130 mmol/L, Vmax 130 mmol/min, Km 1.4 mmol/L,
  f_abs 0.9 — Stadt et al. 2022 model code (with Guyton 1992 for comparison), A.
* I0 = 100 mmol/day — typical intake, B. Mg_i0 = 0.5 mM — free cytosolic Mg, A/B (§2a).
* n = 6 (renal feedback gain), D. Kd_ROMK = 1 mM, D (order of magnitude C, Yang 2010 /
  Lu & MacKinnon 1994). Kd_MgATP = 0.05 mM, C/D. γ = 1, D. τ_Mg = 14 days, D (B for "slow",
  Dørup 1993). The driver D (distal Na delivery / aldosterone, 1–2) is illustrative, D.
* The reference serum Mg 0.85 mmol/L is the middle of the ODS normal range 0.75–0.95 (§4, A).

What the model leaves out: acid–base shifts, insulin and catecholamines, meal-by-meal dynamics
(see the Tier-2 note in DOMAIN §9a), calcium, obligatory renal and faecal K losses (so with zero
intake K keeps falling instead of levelling off; DOMAIN §3e), the slow loss of pumps during K
depletion, and Mg balance itself (serum Mg is an *input*, not computed).

Numerics. The pump–leak exchange relaxes in about 2 minutes (rate ≈ 700 per day at baseline) while
renal balance takes about 2 days and tissue Mg about 2 weeks: the system is stiff (ratio ≈ 1,000).
:func:`simulate` integrates the *full* system (no reduction) with the stiff solver LSODA, piece by
piece between the step days of the schedules, so every step starts a fresh integration. A plain
RK45 solve (``solver="rk45"``) gives the same path to < 10⁻⁵ mmol/L but needs ~100× more time,
because an explicit method must take steps of about a minute for stability. (A quasi-steady-state
reduction, pump–leak always at equilibrium, was tried: it is faster but lags by up to ~0.007 mmol/L
just after a step of the driver, because the large ICF pool must release K through a small
pump–leak imbalance.)

Why there is no artefactual spike when Mg changes (DOMAIN §9d). Serum Mg is an input that may
step, but cytosolic Mg_i follows it with the time constant τ_Mg ≥ 7 days. If Mg_i stepped
instantly with the pump coupling on, the pump capacity would drop within minutes and the cells
would dump K into the small ECF (serum K 4.2 → above 6 mmol/L). With τ_Mg the same K leaves the
cells over weeks, a trickle that the kidney (time constant ≈ 2 days) excretes as it comes: serum K
overshoots its start by less than 0.1 mmol/L at τ_Mg = 14 days (about 0.16 at the slider minimum
of 7 days) instead of about 2 mmol/L. With the default ROMK-only coupling serum K moves
monotonically between its start and end values. One limitation remains with the pump toggle on
(DOMAIN §9d, third pitfall): Mg *repletion* from a very low serum Mg makes cells re-take K faster
than the kidney can retain it, so serum K first dips by several tenths of a mmol/L before rising.
Clinically Mg repletion raises serum K; this is why the toggle is off by default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp

from .units import check_range, format_range

__all__ = [
    "DRIVER_RANGE",
    "K_INTAKE_RANGE",
    "PARAM_INFO",
    "SERUM_MG_RANGE",
    "SERUM_MG_REF",
    "SIMULATE_K_INTAKE_RANGE",
    "SOLVERS",
    "Condition",
    "ParamInfo",
    "Params",
    "Scenario",
    "SteadyState",
    "mg_i_target",
    "pump_factor",
    "romk_factor",
    "simulate",
    "steady_state",
]

MIN_PER_DAY = 1440.0

#: Reference serum Mg (mmol/L) at which cytosolic free Mg equals Mg_i0: the middle of the ODS normal
#: range 0.75–0.95 mmol/L (DOMAIN §4, A; used in §9a).
SERUM_MG_REF = 0.85

#: Valid serum Mg inputs (mmol/L). Lower end 0.2: CTCAE grade 4 is < 0.3 mmol/L and experimental
#: human depletion reached ~1/4 of control (~0.2 mmol/L) (DOMAIN §4, §2c row 7). Upper end 1.5: covers
#: the normal range with room above it; the model is not meant for hypermagnesaemia.
SERUM_MG_RANGE: tuple[float, float] = (0.2, 1.5)

#: Valid K intakes for :func:`steady_state` (mmol/day). The Tier-1 model is built to be stable over
#: 20–200 mmol/day (DOMAIN §9a, §9b). Below that the power-law kidney, which has no obligatory loss,
#: gives an unphysical steady state (K_e → 0 as intake → 0; real kidneys still lose 6–34 mmol/day,
#: DOMAIN §3e), so no steady state is offered there.
K_INTAKE_RANGE: tuple[float, float] = (20.0, 200.0)

#: Valid K intakes in :class:`Scenario` schedules (mmol/day): the §9b slider range 0–200. Zero intake is
#: allowed in a simulation (it shows the fall of K over days), not as a steady state.
SIMULATE_K_INTAKE_RANGE: tuple[float, float] = (0.0, 200.0)

#: Valid distal Na delivery / aldosterone driver D (× baseline): §9b, 1.0–2.0 (1.5–1.7 thiazide-like,
#: 2 loop diuretic / hyperaldosteronism; illustrative, D).
DRIVER_RANGE: tuple[float, float] = (1.0, 2.0)

_UNIT_SERUM = "mmol/L"
_UNIT_INTAKE = "mmol/day"
_UNIT_DRIVER = "(× baseline)"


class ParamInfo(NamedTuple):
    """Metadata of one :class:`Params` field, for documentation and for building sliders.

    ``valid_range`` is what :class:`Params` accepts (a slider built from it cannot produce an invalid
    value); ``slider`` is False for parameters that §9b fixes (no slider range given there) and for the
    on/off toggle ``pump_coupling`` (whose ``valid_range`` is None).
    """

    label: str
    unit: str
    default: Any
    valid_range: tuple[float, float] | None
    slider: bool
    source: str
    confidence: str


def _param(default, label, unit, lo, hi, source, confidence, slider=True, lo_open=False):
    info = ParamInfo(label, unit, default, None if lo is None else (lo, hi), slider, source, confidence)
    return field(default=default, metadata={"info": info, "lo_open": lo_open})


@dataclass(frozen=True)
class Params:
    """Every Tier-1 parameter of DOMAIN §9b (frozen; invalid values raise ValueError).

    Fields (unit; default; valid range = slider range where §9b gives one; source, confidence):

    * ``v_e`` — ECF volume (L; 14.5; 12–17; Stadt 2022 code, Guyton VEC 14.9; A)
    * ``v_i`` — K-exchanging ICF volume (L; 24; 20–28; Stadt muscle 24, Guyton 25; A)
    * ``k_e0`` — baseline ECF K (mmol/L; 4.2; fixed, accepted 3.5–5.0 = normal range §4; Stadt; A)
    * ``k_i0`` — baseline ICF K (mmol/L; 130; 130–145; Stadt 130, Guyton 142; A)
    * ``vmax`` — pump Vmax (mmol/min; 130; fixed, accepted > 0; Stadt "Cheng 2013"; A)
    * ``km`` — pump Km for ECF K (mmol/L; 1.4; 0.8–1.5; Stadt; A)
    * ``k_intake0`` — baseline K intake I0 that defines U_ref (mmol/day; 100; fixed, accepted
      20–200; typical 40–120; B)
    * ``f_abs`` — fraction of K intake absorbed (dimensionless; 0.9; fixed, accepted 0 < f ≤ 1;
      Stadt faecal 0.1; A)
    * ``n`` — renal feedback exponent (dimensionless; 6; 3–8, the "uncertainty" slider; D)
    * ``mg_i0`` — reference cytosolic free Mg (mM; 0.5; fixed, accepted 0.25–1.0 = measured free Mg,
      §2a row 10; A/B)
    * ``kd_romk`` — ROMK Mg-block constant (mM; 1.0; 0.3–3; D, magnitude C)
    * ``kd_mgatp`` — MgATP dissociation constant (mM; 0.05; 0.02–0.1; C/D)
    * ``gamma`` — serum → cytosol Mg exponent (dimensionless; 1.0; 0.3–1, 0.3 = strongly buffered; D)
    * ``tau_mg_days`` — tissue Mg time constant (days; 14; 7–60; D, B for "slow", Dørup 1993)
    * ``pump_coupling`` — apply F(Mg_i) to the pump (bool; False: ROMK coupling only, §9d)

    Derived (properties): ``p_leak`` (L/min; 0.775 at defaults) and ``u_ref`` (mmol/day; 90).
    """

    v_e: float = _param(14.5, "ECF volume", "L", 12.0, 17.0, "Stadt 2022 code; Guyton VEC 14.9", "A")
    v_i: float = _param(24.0, "K-exchanging ICF volume", "L", 20.0, 28.0, "Stadt (muscle 24); Guyton 25", "A")
    k_e0: float = _param(
        4.2, "Baseline ECF K", "mmol/L", 3.5, 5.0, "Stadt / Guyton 4.44; accepted range = normal (§4)", "A",
        slider=False,
    )  # fmt: skip
    k_i0: float = _param(130.0, "Baseline ICF K", "mmol/L", 130.0, 145.0, "Stadt 130; Guyton 142", "A")
    vmax: float = _param(
        130.0, "Pump Vmax", "mmol/min", 0.0, math.inf, 'Stadt ("Cheng 2013")', "A", slider=False, lo_open=True
    )
    km: float = _param(1.4, "Pump Km for ECF K", "mmol/L", 0.8, 1.5, "Stadt", "A")
    k_intake0: float = _param(
        100.0, "Baseline K intake I0 (defines U_ref)", "mmol/day", *K_INTAKE_RANGE,
        "typical 40–120 mmol/day; Stadt steady state 70", "B", slider=False,
    )  # fmt: skip
    f_abs: float = _param(
        0.9, "Fraction of K intake absorbed", "(dimensionless)", 0.0, 1.0, "Stadt faecal 0.1", "A",
        slider=False, lo_open=True,
    )  # fmt: skip
    n: float = _param(
        6.0, "Renal feedback exponent n", "(dimensionless)", 3.0, 8.0,
        "chosen to reproduce §3e depletion data and Guyton's (CKE/4.4)^4 × aldosterone gain", "D",
    )  # fmt: skip
    mg_i0: float = _param(
        0.5, "Reference cytosolic free Mg", "mM", 0.25, 1.0, "§2a rows 10–11 (free Mg 0.25–1 mM)", "A/B",
        slider=False,
    )  # fmt: skip
    kd_romk: float = _param(
        1.0, "ROMK Mg-block constant Kd", "mM", 0.3, 3.0,
        "order of magnitude from Yang 2010 / Lu & MacKinnon", "D (C for magnitude)",
    )  # fmt: skip
    kd_mgatp: float = _param(0.05, "MgATP dissociation constant", "mM", 0.02, 0.1, "biochemistry", "C/D")
    gamma: float = _param(
        1.0, "Serum → cytosol Mg exponent γ", "(dimensionless)", 0.3, 1.0,
        "assumption; free Mg is tightly buffered", "D",
    )  # fmt: skip
    tau_mg_days: float = _param(
        14.0, "Tissue Mg time constant τ_Mg", "days", 7.0, 60.0,
        "Dørup 1993: muscle normalisation needs months of oral Mg", "D (B for 'slow')",
    )  # fmt: skip
    pump_coupling: bool = _param(
        False, "MgATP pump coupling F(Mg_i) on", "", None, None,
        "§2b modelling implication; off by default (§9d pitfalls)", "D", slider=False,
    )  # fmt: skip

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            info: ParamInfo = f.metadata["info"]
            if info.valid_range is None:
                if not isinstance(value, (bool, np.bool_)):
                    raise ValueError(f"{f.name}={value!r} must be True or False")
                continue
            if isinstance(value, (bool, np.bool_)) or not np.isscalar(value):
                raise ValueError(
                    f"{f.name}={value!r} {info.unit} must be a single number in the valid range "
                    f"{format_range(*info.valid_range, info.unit)}"
                )
            check_range(f.name, value, *info.valid_range, info.unit, lo_open=f.metadata["lo_open"])

    @property
    def p_leak(self) -> float:
        """Leak permeability P_leak (L/min) that makes the baseline a steady state (0.775; §9b, A arith.)."""
        return self.vmax * self.k_e0 / (self.km + self.k_e0) / (self.k_i0 - self.k_e0)

    @property
    def u_ref(self) -> float:
        """Renal K excretion at baseline U_ref = f_abs·I0 (mmol/day; 90 at defaults; §9b, A arith.)."""
        return self.f_abs * self.k_intake0

    @classmethod
    def field_info(cls, name: str) -> ParamInfo:
        """Metadata (label, unit, default, valid range, slider?, source, confidence) of field ``name``."""
        if name not in PARAM_INFO:
            raise ValueError(f"unknown parameter {name!r}; valid parameters are {', '.join(PARAM_INFO)}")
        return PARAM_INFO[name]


#: name → :class:`ParamInfo` for every :class:`Params` field.
PARAM_INFO: dict[str, ParamInfo] = {f.name: f.metadata["info"] for f in fields(Params)}

_DEFAULT_PARAMS = Params()


# ---------------------------------------------------------------------------------------------------
# the Mg couplings (hypotheses, DOMAIN §2a, §2b, §9a)


def mg_i_target(serum_mg, params: Params | None = None):
    """Cytosolic free Mg (mM) in equilibrium with a serum Mg (mmol/L): Mg_i0·(serum_mg/0.85)^γ (D)."""
    p = params or _DEFAULT_PARAMS
    return p.mg_i0 * (np.asarray(serum_mg, dtype=float) / SERUM_MG_REF) ** p.gamma


def romk_factor(mg_i, params: Params | None = None):
    """ROMK block relief R(Mg_i) = (1 + Mg_i0/Kd)/(1 + Mg_i/Kd); 1 at Mg_i0, > 1 below it (§2a, D)."""
    p = params or _DEFAULT_PARAMS
    return (1.0 + p.mg_i0 / p.kd_romk) / (1.0 + np.asarray(mg_i, dtype=float) / p.kd_romk)


def pump_factor(mg_i, params: Params | None = None):
    """Pump capacity F(Mg_i) = g(Mg_i)/g(Mg_i0), g(m) = m/(m + Kd_MgATP); 1 if the coupling is off (§2b)."""
    p = params or _DEFAULT_PARAMS
    mg_i = np.asarray(mg_i, dtype=float)
    if not p.pump_coupling:
        return np.ones_like(mg_i)
    g0 = p.mg_i0 / (p.mg_i0 + p.kd_mgatp)
    return mg_i / (mg_i + p.kd_mgatp) / g0


def _icf_k(k_e, f_pump, p: Params):
    """ICF K (mmol/L) at pump–leak balance: K_i = K_e + F·Vmax·K_e/(Km + K_e)/P_leak."""
    return k_e + f_pump * (p.vmax / p.p_leak) * k_e / (p.km + k_e)


# ---------------------------------------------------------------------------------------------------
# steady state


@dataclass(frozen=True)
class SteadyState:
    """Steady state of the Tier-1 model (floats for scalar inputs, numpy arrays otherwise).

    ``serum_k`` and ``icf_k`` in mmol/L, ``total_body_k`` in mmol, ``urine_k`` in mmol/day,
    ``mg_i`` (cytosolic free Mg) in mM, ``romk_factor`` R and ``pump_factor`` F dimensionless.
    """

    serum_k: Any
    icf_k: Any
    total_body_k: Any
    urine_k: Any
    mg_i: Any
    romk_factor: Any
    pump_factor: Any


def _check_inputs(serum_mg, k_intake, driver, k_intake_range=K_INTAKE_RANGE) -> None:
    check_range("serum_mg", serum_mg, *SERUM_MG_RANGE, _UNIT_SERUM)
    check_range("k_intake", k_intake, *k_intake_range, _UNIT_INTAKE)
    check_range("driver", driver, *DRIVER_RANGE, _UNIT_DRIVER)


def steady_state(serum_mg, k_intake=100.0, driver=1.0, params: Params | None = None) -> SteadyState:
    """Closed-form steady state for a serum Mg (mmol/L), K intake (mmol/day) and driver D (× baseline).

    Renal balance U_K = f_abs·I fixes K_e = K_e0·(f_abs·I/(U_ref·D·R))^(1/n); pump = leak fixes
    K_i = K_e + F·Vmax·K_e/(Km + K_e)/P_leak; Mg_i is at its target. The three inputs broadcast
    like numpy. Ranges: serum_mg in :data:`SERUM_MG_RANGE`, k_intake in :data:`K_INTAKE_RANGE`,
    driver in :data:`DRIVER_RANGE`; anything else (including NaN or inf) raises ValueError naming the
    first offending value. Illustrative teaching output, not a clinical prediction.
    """
    p = params or _DEFAULT_PARAMS
    _check_inputs(serum_mg, k_intake, driver)
    mg = np.asarray(serum_mg, dtype=float)
    intake = np.asarray(k_intake, dtype=float)
    d = np.asarray(driver, dtype=float)
    mg_i = mg_i_target(mg, p)
    r = romk_factor(mg_i, p)
    f = pump_factor(mg_i, p)
    absorbed = p.f_abs * intake
    k_e = p.k_e0 * (absorbed / (p.u_ref * d * r)) ** (1.0 / p.n)
    k_i = _icf_k(k_e, f, p)
    out = np.broadcast_arrays(
        k_e, k_i, p.v_e * k_e + p.v_i * k_i, absorbed + 0.0 * k_e, mg_i + 0.0 * k_e, r, f
    )
    scalar = all(np.ndim(x) == 0 for x in (serum_mg, k_intake, driver))
    values = [float(x) for x in out] if scalar else [np.array(x) for x in out]
    return SteadyState(*values)


# ---------------------------------------------------------------------------------------------------
# scenarios and simulation


@dataclass(frozen=True)
class Condition:
    """A constant condition whose steady state can start a :class:`Scenario`.

    ``serum_mg`` in mmol/L, ``k_intake`` in mmol/day (in :data:`K_INTAKE_RANGE`), ``driver`` × baseline.
    """

    serum_mg: float = SERUM_MG_REF
    k_intake: float = 100.0
    driver: float = 1.0

    def __post_init__(self) -> None:
        _check_inputs(self.serum_mg, self.k_intake, self.driver)


Steps = tuple[tuple[float, float], ...]


def _as_steps(name: str, steps, lo: float, hi: float, unit: str, duration: float) -> Steps:
    """Normalise a schedule (a number, or a sequence of (start_day, value)) and validate it."""
    if np.isscalar(steps):
        steps = ((0.0, steps),)
    try:
        pairs = tuple((float(t), float(v)) for t, v in steps)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a number or a sequence of (start_day, value) pairs, got {steps!r}"
        ) from None
    if not pairs or pairs[0][0] != 0.0:
        raise ValueError(f"{name}: the first step must start at day 0, got {steps!r}")
    starts = [t for t, _ in pairs]
    if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
        raise ValueError(f"{name}: step start days must increase strictly, got {starts}")
    check_range(f"{name} start day", starts, 0.0, duration, "days")
    if starts[-1] >= duration:
        raise ValueError(
            f"{name}: step starting at day {starts[-1]:g} is not before the end, day {duration:g}"
        )
    check_range(name, [v for _, v in pairs], lo, hi, unit)
    return pairs


@dataclass(frozen=True)
class Scenario:
    """Piecewise-constant schedules over time (days) for the Tier-1 model.

    Each schedule is a number (constant) or a sequence of ``(start_day, value)`` steps; the first
    step starts at day 0 and a value holds until the next step:

    * ``k_intake`` — K intake (mmol/day), in :data:`SIMULATE_K_INTAKE_RANGE` (0–200);
    * ``serum_mg`` — serum Mg (mmol/L), in :data:`SERUM_MG_RANGE`. This is the *target*: cytosolic
      Mg_i follows it with the time constant τ_Mg;
    * ``driver`` — distal Na delivery / aldosterone driver D (× baseline), in :data:`DRIVER_RANGE`.

    ``initial`` is the :class:`Condition` whose steady state the run starts from. ``None`` (default)
    means the steady state of the day-0 values of the three schedules (no transient at day 0 unless a
    step follows); give it explicitly to start from a *pre-treatment* state (as in the refractory
    repletion test of DOMAIN §9c) or when the day-0 intake is below :data:`K_INTAKE_RANGE`.
    """

    k_intake: Any = 100.0
    serum_mg: Any = SERUM_MG_REF
    driver: Any = 1.0
    duration_days: float = 28.0
    initial: Condition | None = None
    name: str = "custom"
    description: str = ""

    def __post_init__(self) -> None:
        check_range("duration_days", self.duration_days, 0.0, 3650.0, "days", lo_open=True)
        d = float(self.duration_days)
        object.__setattr__(self, "duration_days", d)
        for name, (lo, hi), unit in (
            ("k_intake", SIMULATE_K_INTAKE_RANGE, _UNIT_INTAKE),
            ("serum_mg", SERUM_MG_RANGE, _UNIT_SERUM),
            ("driver", DRIVER_RANGE, _UNIT_DRIVER),
        ):
            object.__setattr__(self, name, _as_steps(name, getattr(self, name), lo, hi, unit, d))
        if self.initial is None:
            k0 = self.k_intake[0][1]
            if k0 < K_INTAKE_RANGE[0]:
                raise ValueError(
                    f"k_intake={k0:g} mmol/day at day 0 has no steady state (valid range "
                    f"{format_range(*K_INTAKE_RANGE, _UNIT_INTAKE)}); give initial=Condition(...) explicitly"
                )
            object.__setattr__(self, "initial", Condition(self.serum_mg[0][1], k0, self.driver[0][1]))
        elif not isinstance(self.initial, Condition):
            raise ValueError(f"initial must be a Condition or None, got {self.initial!r}")

    def breakpoints(self) -> list[float]:
        """Sorted start days of all steps, plus the end of the run (days)."""
        starts = {t for sched in (self.k_intake, self.serum_mg, self.driver) for t, _ in sched}
        return sorted(starts | {self.duration_days})

    def values_at(self, day: float) -> tuple[float, float, float]:
        """(k_intake, serum_mg, driver) in force at ``day``."""
        return tuple(_step_value(s, day) for s in (self.k_intake, self.serum_mg, self.driver))


def _step_value(steps: Steps, day):
    starts = np.array([t for t, _ in steps])
    values = np.array([v for _, v in steps])
    idx = np.searchsorted(starts, day, side="right") - 1
    return values[idx] if np.ndim(day) else float(values[idx])


#: Solvers accepted by :func:`simulate`: ``"stiff"`` (LSODA, default) and ``"rk45"`` (reference only).
SOLVERS = ("stiff", "rk45")
_RTOL = 1e-7  # relative tolerance; agrees with a 1e-8 solve to ~1e-6 mmol/L
_ATOL_SCALE = 1e-9  # absolute tolerance per state, relative to the state's initial size


def _renal(k_e, mg_i, driver, p: Params):
    """Renal K excretion U_K (mmol/day) = U_ref·(K_e/K_e0)^n·D·R(Mg_i)."""
    return p.u_ref * (k_e / p.k_e0) ** p.n * driver * romk_factor(mg_i, p)


def _make_rhs(absorbed: float, mg_target: float, driver: float, p: Params):
    """Right-hand side of the full system for one constant piece of a schedule (time in days).

    y = [M_e, M_i, Mg_i, cumulative urine K, cumulative absorbed K] (mmol, mmol, mM, mmol, mmol).
    The two cumulative states make the mass balance M_e + M_i + urine − absorbed = const a *linear*
    invariant of the system, which both LSODA and RK45 conserve to rounding error.
    """
    vmax_d = p.vmax * MIN_PER_DAY  # mmol/day
    leak_d = p.p_leak * MIN_PER_DAY  # L/day
    r_num = 1.0 + p.mg_i0 / p.kd_romk
    g0 = p.mg_i0 / (p.mg_i0 + p.kd_mgatp)
    u0 = p.u_ref * driver
    v_e, v_i, km, ke0, n = p.v_e, p.v_i, p.km, p.k_e0, p.n
    kd_romk, kd_mgatp, tau, coupled = p.kd_romk, p.kd_mgatp, p.tau_mg_days, p.pump_coupling

    def rhs(t, y):
        k_e, k_i, mg_i = y[0] / v_e, y[1] / v_i, y[2]
        f = mg_i / (mg_i + kd_mgatp) / g0 if coupled else 1.0
        pump = f * vmax_d * k_e / (km + k_e)
        leak = leak_d * (k_i - k_e)
        urine = u0 * (k_e / ke0) ** n * r_num / (1.0 + mg_i / kd_romk)
        return [absorbed - urine - pump + leak, pump - leak, (mg_target - mg_i) / tau, urine, absorbed]

    return rhs


def simulate(
    scenario: Scenario,
    params: Params | None = None,
    n_points: int | None = None,
    solver: str = "stiff",
) -> pd.DataFrame:
    """Simulate a :class:`Scenario`; returns a DataFrame indexed by time in days (index name ``"day"``).

    Columns: ``serum_k`` and ``icf_k`` (mmol/L), ``total_body_k`` (mmol), ``urine_k`` (mmol/day),
    ``serum_mg`` (the scheduled serum Mg, mmol/L), ``mg_i`` (cytosolic free Mg, mM), ``k_intake``
    (mmol/day), ``driver`` (× baseline), ``romk_factor``, ``pump_factor``, ``cumulative_urine_k`` and
    ``cumulative_absorbed_k`` (mmol since day 0), so that total_body_k − total_body_k at day 0 equals
    cumulative_absorbed_k − cumulative_urine_k.

    ``n_points`` evenly spaced output times from day 0 to the end (default: 10 per day, at least 101).
    At a step day the new schedule values are reported. The run starts from the steady state of
    ``scenario.initial`` and is integrated piece by piece between the schedule's step days.
    ``solver``: ``"stiff"`` (default; LSODA on the full system) or ``"rk45"`` (plain explicit RK45 on
    the same system; about 100 times slower because of the stiffness, kept for comparison).
    Illustrative teaching output, not a clinical prediction.
    """
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario must be a Scenario, got {type(scenario).__name__}")
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; valid solvers are {', '.join(SOLVERS)}")
    if params is not None and not isinstance(params, Params):
        raise ValueError(f"params must be a Params or None, got {type(params).__name__}")
    p = params or _DEFAULT_PARAMS
    duration = scenario.duration_days
    if n_points is None:
        n_points = max(101, int(round(duration * 10)) + 1)
    if (
        isinstance(n_points, bool)
        or not isinstance(n_points, (int, np.integer))
        or not 2 <= n_points <= 10**6
    ):
        raise ValueError(
            f"n_points={n_points!r} (output times) must be an integer in the valid range 2–1000000"
        )
    grid = np.linspace(0.0, duration, int(n_points))

    init = scenario.initial
    ss = steady_state(init.serum_mg, init.k_intake, init.driver, p)
    y = np.array([p.v_e * ss.serum_k, p.v_i * ss.icf_k, ss.mg_i, 0.0, 0.0])
    atol = _ATOL_SCALE * np.maximum(np.abs(y), 1.0)
    method = "LSODA" if solver == "stiff" else "RK45"

    states = np.empty((grid.size, y.size))
    cuts = scenario.breakpoints()
    for i, (t0, t1) in enumerate(zip(cuts[:-1], cuts[1:], strict=True)):
        intake, serum_mg, driver = scenario.values_at(t0)
        rhs = _make_rhs(p.f_abs * intake, float(mg_i_target(serum_mg, p)), driver, p)
        last = i == len(cuts) - 2
        mask = (grid >= t0) & ((grid <= t1) if last else (grid < t1))
        t_eval = grid[mask]
        if t_eval.size == 0 or t_eval[-1] < t1:
            t_eval = np.append(t_eval, t1)  # also get the state at the end of the piece
        sol = solve_ivp(rhs, (t0, t1), y, method=method, t_eval=t_eval, rtol=_RTOL, atol=atol)
        if not sol.success:  # pragma: no cover - defensive
            raise RuntimeError(f"integration failed between day {t0:g} and {t1:g}: {sol.message}")
        states[mask] = sol.y[:, : int(mask.sum())].T
        y = sol.y[:, -1]

    m_e, m_i, mg_i, cum_urine, cum_absorbed = states.T
    intake, serum_mg, driver = (
        _step_value(s, grid) for s in (scenario.k_intake, scenario.serum_mg, scenario.driver)
    )
    k_e = m_e / p.v_e
    return pd.DataFrame(
        {
            "serum_k": k_e,
            "icf_k": m_i / p.v_i,
            "total_body_k": m_e + m_i,
            "urine_k": _renal(k_e, mg_i, driver, p),
            "serum_mg": serum_mg,
            "mg_i": mg_i,
            "k_intake": intake,
            "driver": driver,
            "romk_factor": romk_factor(mg_i, p),
            "pump_factor": pump_factor(mg_i, p),
            "cumulative_urine_k": cum_urine,
            "cumulative_absorbed_k": cum_absorbed,
        },
        index=pd.Index(grid, name="day"),
    )
