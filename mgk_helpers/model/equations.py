"""Teaching model of potassium (K) balance with a hypothetical magnesium (Mg) coupling (model v2).

**Read this first.** This is an *illustrative teaching model, not a clinical prediction* and not
dosing advice. No published model couples Mg to K; every Mg → K link here is labelled as a
**mechanism** (known physiology), a **hypothesis** (proposed, unproven) or a **calibration** (a
number chosen so the model reproduces an observation). The model card, ``docs/MODEL_CARD.md``, lists
every parameter with unit, range, source and confidence, and what the model leaves out.

Structure (time in days, amounts in mmol, volumes in L, ``x = K_e/K_e0``)::

    K_e = M_e/V_e,  K_i = M_i/V_i                       ECF and K-exchanging ICF K (mmol/L)
    A      = f_abs·I − L_gi                             K absorbed from the gut (L_gi: extra stool loss)
    U_K    = U_ref · D · Φ(A) · R(Mg_f) · x^n           renal excretion
    Φ(A)   = 1 + φ·(A/U_ref − 1)                        intake feed-forward (gut–kidney signal); 1 at baseline
    R(Mg_f) = (1 + Mg_i0/Kd_ROMK)/(1 + Mg_f/Kd_ROMK)    renal Mg sensitivity (ROMK block relief; hypothesis)
    F(Mg_i) = g(Mg_i)/g(Mg_i0),  g(m) = m/(m + Kd_MgATP)  MgATP supply of the muscle pump (hypothesis)
    J_pump = F(Mg_i)·Vmax·K_e/(Km + K_e),  J_leak = P_leak·(K_i − K_e)
    dM_e/dt = A − U_K − J_pump + J_leak,  dM_i/dt = J_pump − J_leak
    Mg_tgt  = Mg_i0·(serum Mg/0.85)^γ                   serum → cytosolic free Mg (assumption)
    dMg_f/dt = (Mg_tgt − Mg_f)/τ_f                      fast pool: renal tubule cells (hours–days)
    dMg_i/dt = (Mg_f − Mg_i)/τ_Mg                       slow pool: muscle, fed by the fast pool (weeks)

Derived: P_leak = Vmax·K_e0/(Km + K_e0)/(K_i0 − K_e0) (0.775 L/min) makes the baseline a steady
state; U_ref = f_abs·I0 (90 mmol/day) balances the baseline intake I0 = 100 mmol/day. The steady
state is closed form: ``K_e = K_e0·(A/(U_ref·D·Φ(A)·R))^(1/n)``.

Why these pieces (the model card has the full account):

* **Feed-forward Φ** (mechanism: dietary K raises urinary K before plasma K rises; Preston et al.,
  Kidney Int 2015; Stadt et al., PLOS Comput Biol 2022). Its share φ = 0.55 is a *calibration* to
  the meta-analysis of K supplementation trials (Cappuccio et al., BMJ Open 2016: +0.14 mmol/L for
  about +46 mmol/day). Without it the kidney would be far too sensitive to intake.
* **Renal feedback exponent n = 4**: the form of Guyton's distal K secretion, (K/4.4)⁴ (Guyton 1992
  model), checked against total K fasting (Squires & Huth, J Clin Invest 1959) — a calibration.
* **Kd_ROMK = 0.125 mM** is a *calibration* to experimental human Mg depletion (Shils 1964, 1969):
  single-channel data suggest a weaker block (≈ 0.5 mM; Chepilko et al., Am J Physiol 1995). At 0.5 mM
  the model shows neither Mg-induced hypokalaemia nor refractory hypokalaemia: see
  :func:`mgk_helpers.sufficiency.sufficiency_map`.
* **Two Mg pools**: renal tubule Mg follows serum Mg within a day or so (τ_f, assumption); muscle Mg
  takes weeks to months (τ_Mg = 30 days; Dørup et al., J Intern Med 1993: muscle Mg, K and pumps
  normalised after about 26 weeks of oral Mg). The kidney responds first and the cells later, which
  also removes the artefactual dip in serum K that a single pool produced on Mg repletion.
* **Pump coupling on**: muscle K rose after Mg, not K, infusion (Wester & Dyckner, Acta Med Scand
  Suppl 1981; Dyckner & Wester, J Am Coll Nutr 1982). F is the MgATP *fraction* only; since the
  pump's ATP site is normally saturated, it is an upper bound on the direct MgATP effect.

What the model leaves out: acid–base shifts, insulin and catecholamines, meal-by-meal dynamics,
calcium, obligatory renal and faecal K losses (so with zero intake K keeps falling instead of
levelling off), the slow loss of pumps during K depletion, and Mg balance itself (serum Mg is an
*input*, not computed).

Numerics. The pump–leak exchange relaxes in about 2 minutes (rate ≈ 700 per day) while renal
balance takes days and muscle Mg weeks: the system is stiff (ratio ≈ 10,000). :func:`simulate`
integrates the *full* system with the stiff solver LSODA, piece by piece between the step days of
the schedules. A plain RK45 solve (``solver="rk45"``) gives the same path but needs about 100× more
time, because an explicit method must take steps of about a minute for stability.

Why there is no artefactual spike when Mg changes. Serum Mg is an input that may step, but the
pools follow it with their time constants. If muscle Mg stepped instantly, the pump capacity would
drop within minutes and the cells would dump K into the small ECF. With τ_Mg the same K leaves the
cells over weeks, a trickle that the kidney excretes as it comes. One real effect remains: Mg
repletion from a very low serum Mg at a low K intake (≤ 60 mmol/day) lets cells re-take K faster
than the kidney can retain it, so serum K dips by a few tenths before rising — a lesson for giving
K with Mg, not a bug.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp

from .notices import MG_K_LABEL
from .units import check_range, format_range

__all__ = [
    "DRIVER_RANGE",
    "GI_K_LOSS_RANGE",
    "K_INTAKE_DEFAULT",
    "K_INTAKE_RANGE",
    "MG_K_LABEL",
    "MIN_PER_DAY",
    "PARAM_INFO",
    "SERUM_MG_RANGE",
    "SERUM_MG_REF",
    "SIMULATE_K_INTAKE_RANGE",
    "SOLVERS",
    "Inputs",
    "ParamInfo",
    "Params",
    "Scenario",
    "SteadyState",
    "feedforward_factor",
    "leak_flux",
    "mg_i_target",
    "pump_factor",
    "pump_flux",
    "romk_factor",
    "simulate",
    "steady_state",
]

MIN_PER_DAY = 1440.0

#: Reference serum Mg (mmol/L) at which cytosolic free Mg equals Mg_i0: the middle of the normal
#: range 0.75–0.95 mmol/L (NIH Office of Dietary Supplements, Magnesium fact sheet).
SERUM_MG_REF = 0.85

#: Valid serum Mg inputs (mmol/L). Lower end 0.2: CTCAE grade 4 is < 0.3 mmol/L and experimental
#: human depletion reached 10–30 % of control (Shils 1969). Upper end 1.5: covers the normal range
#: with room above it; the model is not meant for hypermagnesaemia.
SERUM_MG_RANGE: tuple[float, float] = (0.2, 1.5)

#: Valid K intakes for :func:`steady_state` (mmol/day). Below 20 the power-law kidney, which has no
#: obligatory loss, gives an unphysical steady state (K_e → 0 as intake → 0; real kidneys still lose
#: 6–34 mmol/day on a K-free diet, Squires & Huth 1959), so no steady state is offered there.
K_INTAKE_RANGE: tuple[float, float] = (20.0, 200.0)

#: Valid K intakes in :class:`Scenario` schedules (mmol/day). Zero intake is allowed in a simulation
#: (it shows the fall of K over days), not as a steady state.
SIMULATE_K_INTAKE_RANGE: tuple[float, float] = (0.0, 200.0)

#: Valid distal Na delivery / aldosterone driver D (× baseline): 1 = none; about 1.5–1.7 is
#: thiazide-like and 2 loop-diuretic-like or hyperaldosteronism (illustrative values; which diuretic
#: class wastes more K is not settled, and long-acting thiazides are the commonest cause).
DRIVER_RANGE: tuple[float, float] = (1.0, 2.0)

#: Valid extra K lost in stool (mmol/day), for diarrhoea and laxative abuse. Normal stool K is about
#: 10 % of intake (already in f_abs); stool K in secretory diarrhoea can reach 100 mmol/day or more
#: (Agarwal et al., Gastroenterology 1994). The loss may not exceed what is absorbed.
GI_K_LOSS_RANGE: tuple[float, float] = (0.0, 100.0)

#: Default K intake (mmol/day): a typical adult intake, the baseline I0 of :class:`Params`.
K_INTAKE_DEFAULT = 100.0

_UNIT_SERUM = "mmol/L"
_UNIT_INTAKE = "mmol/day"
_UNIT_DRIVER = "(× baseline)"


class ParamInfo(NamedTuple):
    """Metadata of one :class:`Params` field, for documentation and for building sliders.

    ``valid_range`` is what :class:`Params` accepts (a slider built from it cannot produce an invalid
    value); ``slider`` is False for parameters the model fixes and for the on/off toggle
    ``pump_coupling`` (whose ``valid_range`` is None). ``tag`` says how the value is known:
    "measured", "typical value", "textbook value", "calibration" or "hypothesis".
    """

    label: str
    unit: str
    default: Any
    valid_range: tuple[float, float] | None
    slider: bool
    source: str
    confidence: str
    tag: str = "measured"


def _param(default, label, unit, lo, hi, source, confidence, slider=True, lo_open=False, tag="measured"):
    info = ParamInfo(label, unit, default, None if lo is None else (lo, hi), slider, source, confidence, tag)
    return field(default=default, metadata={"info": info, "lo_open": lo_open})


@dataclass(frozen=True)
class Params:
    """Every parameter of the teaching model (frozen; invalid values raise ValueError).

    Each field carries its label, unit, default, valid range, source, confidence (A measured in a
    primary source, B secondary, C background, D modelling choice) and tag in :data:`PARAM_INFO`;
    ``docs/MODEL_CARD.md`` prints them as a table. Derived (properties): ``p_leak`` (L/min; 0.775
    at defaults) and ``u_ref`` (mmol/day; 90).
    """

    v_e: float = _param(
        14.5, "ECF volume", "L", 12.0, 17.0, "Stadt et al. 2022 model code; Guyton 1992 VEC 14.9", "A"
    )
    v_i: float = _param(
        24.0,
        "K-exchanging ICF volume",
        "L",
        20.0,
        28.0,
        "Stadt et al. 2022 (muscle 24 L); Guyton 1992 (25 L)",
        "A",
    )
    k_e0: float = _param(
        4.2, "Baseline ECF K", "mmol/L", 3.5, 5.0, "Stadt et al. 2022; Guyton 1992 4.44", "A", slider=False,
    )  # fmt: skip
    k_i0: float = _param(
        130.0, "Baseline ICF K", "mmol/L", 130.0, 145.0, "Stadt et al. 2022 (130); Guyton 1992 (142)", "A"
    )
    vmax: float = _param(
        130.0, "Pump Vmax", "mmol/min", 0.0, math.inf, "Stadt et al. 2022 (after Cheng et al. 2013)", "A",
        slider=False, lo_open=True,
    )  # fmt: skip
    km: float = _param(1.4, "Pump Km for ECF K", "mmol/L", 0.8, 1.5, "Stadt et al. 2022", "A")
    k_intake0: float = _param(
        K_INTAKE_DEFAULT, "Baseline K intake I0 (defines U_ref)", "mmol/day", *K_INTAKE_RANGE,
        "typical adult intake 40–120 mmol/day (NASEM 2019)", "B", slider=False, tag="typical value",
    )  # fmt: skip
    f_abs: float = _param(
        0.9, "Fraction of K intake absorbed", "(dimensionless)", 0.0, 1.0,
        "Stadt et al. 2022 (10 % faecal)", "A", slider=False, lo_open=True,
    )  # fmt: skip
    n: float = _param(
        4.0, "Renal feedback exponent n", "(dimensionless)", 3.0, 6.0,
        "form of Guyton 1992 distal secretion (K/4.4)^4; checked on Squires & Huth 1959 and thiazides",
        "D", tag="calibration",
    )  # fmt: skip
    phi: float = _param(
        0.55, "Intake feed-forward share φ", "(dimensionless)", 0.3, 0.7,
        "mechanism Preston et al. 2015, Stadt et al. 2022; value fitted to Cappuccio et al. 2016",
        "D", tag="calibration",
    )  # fmt: skip
    mg_i0: float = _param(
        0.5, "Reference cytosolic free Mg", "mM", 0.25, 1.0,
        "free cytosolic Mg 0.25–1 mM (Grubbs 2002; Romani 2011)", "A/B", slider=False,
    )  # fmt: skip
    kd_romk: float = _param(
        0.125, "Renal Mg-block constant Kd_ROMK", "mM", 0.1, 1.0,
        "calibrated to experimental human Mg depletion (Shils 1964, 1969); ROMK single-channel data "
        "suggest about 0.5 mM (Chepilko et al. 1995)", "D", tag="calibration",
    )  # fmt: skip
    kd_mgatp: float = _param(
        0.05,
        "MgATP dissociation constant",
        "mM",
        0.02,
        0.1,
        "biochemistry textbooks (0.05–0.1 mM)",
        "C/D",
        tag="textbook value",
    )
    gamma: float = _param(
        1.0, "Serum → cytosol Mg exponent γ", "(dimensionless)", 0.3, 1.0,
        "assumption: how far cytosolic free Mg follows serum Mg (free Mg is strongly buffered)",
        "D", tag="hypothesis",
    )  # fmt: skip
    tau_f_days: float = _param(
        1.0, "Renal-cell Mg time constant τ_f", "days", 0.25, 3.0,
        "assumption: Mg alone lowers urine K within days (Huang & Kuo 2007)", "D", tag="hypothesis",
    )  # fmt: skip
    tau_mg_days: float = _param(
        30.0, "Muscle Mg time constant τ_Mg", "days", 14.0, 90.0,
        "Dørup et al. 1993: muscle Mg, K and pumps normal only after months of oral Mg", "D (B for 'slow')",
        tag="calibration",
    )  # fmt: skip
    pump_coupling: bool = _param(
        True, "MgATP pump coupling F(Mg_i) on", "", None, None,
        "muscle K rose after Mg, not K, infusion (Wester & Dyckner 1981; Dyckner & Wester 1982)", "D",
        slider=False, tag="hypothesis",
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
        """Leak permeability P_leak (L/min) that makes the baseline a steady state (0.775 at defaults)."""
        return self.vmax * self.k_e0 / (self.km + self.k_e0) / (self.k_i0 - self.k_e0)

    @property
    def u_ref(self) -> float:
        """Renal K excretion at baseline U_ref = f_abs·I0 (mmol/day; 90 at defaults)."""
        return self.f_abs * self.k_intake0

    @classmethod
    def field_info(cls, name: str) -> ParamInfo:
        """Metadata (label, unit, default, valid range, slider?, source, confidence, tag) of ``name``."""
        if name not in PARAM_INFO:
            raise ValueError(f"unknown parameter {name!r}; valid parameters are {', '.join(PARAM_INFO)}")
        return PARAM_INFO[name]


#: name → :class:`ParamInfo` for every :class:`Params` field.
PARAM_INFO: dict[str, ParamInfo] = {f.name: f.metadata["info"] for f in fields(Params)}

_DEFAULT_PARAMS = Params()


# ---------------------------------------------------------------------------------------------------
# the couplings


def _feedforward(absorbed, p: Params):
    """Φ as a function of absorbed K (mmol/day): 1 + φ·(A/U_ref − 1)."""
    return 1.0 + p.phi * (np.asarray(absorbed, dtype=float) / p.u_ref - 1.0)


def feedforward_factor(k_intake, params: Params | None = None, gi_k_loss=0.0):
    """Intake feed-forward Φ = 1 + φ·(A/U_ref − 1), A = f_abs·k_intake − gi_k_loss (mechanism; φ calibrated).

    Dietary K raises renal K excretion through a gut–kidney signal before plasma K rises (Preston et
    al. 2015), so in people with normal kidneys extra K intake raises serum K only a little
    (Cappuccio et al. 2016). Φ = 1 at the baseline intake of 100 mmol/day. ``k_intake`` in mmol/day
    (0–200), ``gi_k_loss`` in mmol/day (:data:`GI_K_LOSS_RANGE`); both broadcast like numpy.
    """
    p = params or _DEFAULT_PARAMS
    check_range("k_intake", k_intake, *SIMULATE_K_INTAKE_RANGE, _UNIT_INTAKE)
    absorbed = _absorbed(k_intake, gi_k_loss, p, strict=False)
    return _feedforward(absorbed, p)


def mg_i_target(serum_mg, params: Params | None = None):
    """Cytosolic free Mg (mM) in equilibrium with serum Mg (mmol/L): Mg_i0·(serum_mg/0.85)^γ (hypothesis)."""
    p = params or _DEFAULT_PARAMS
    return p.mg_i0 * (np.asarray(serum_mg, dtype=float) / SERUM_MG_REF) ** p.gamma


def romk_factor(mg_f, params: Params | None = None):
    """Renal Mg sensitivity R = (1 + Mg_i0/Kd)/(1 + Mg_f/Kd); 1 at Mg_i0, > 1 below it (hypothesis).

    ``mg_f`` is the free Mg (mM) of the renal tubule cells (the fast pool). Lower cell Mg relieves the
    Mg block of ROMK and K secretion rises (Huang & Kuo 2007); Kd is calibrated, see :class:`Params`.
    """
    p = params or _DEFAULT_PARAMS
    return (1.0 + p.mg_i0 / p.kd_romk) / (1.0 + np.asarray(mg_f, dtype=float) / p.kd_romk)


def pump_factor(mg_i, params: Params | None = None):
    """Muscle pump capacity F(Mg_i) = g(Mg_i)/g(Mg_i0), g(m) = m/(m + Kd_MgATP); 1 if the coupling is off.

    ``mg_i`` is the free Mg (mM) of muscle (the slow pool). F is the MgATP fraction of ATP only; it
    ignores that the pump's ATP site is normally saturated, so it is an upper bound (hypothesis).
    """
    p = params or _DEFAULT_PARAMS
    mg_i = np.asarray(mg_i, dtype=float)
    if not p.pump_coupling:
        return np.ones_like(mg_i)
    g0 = p.mg_i0 / (p.mg_i0 + p.kd_mgatp)
    return mg_i / (mg_i + p.kd_mgatp) / g0


def pump_flux(serum_k, mg_i, params: Params | None = None):
    """K pumped into the cells J_pump = F(Mg_i)·Vmax·K_e/(Km + K_e), in mmol/day.

    ``serum_k`` is ECF K (mmol/L), ``mg_i`` muscle free Mg (mM, the slow pool). About 140,000 mmol/day at
    baseline: far more than the daily intake, and balanced by :func:`leak_flux` to within a few mmol/day.
    """
    p = params or _DEFAULT_PARAMS
    k_e = np.asarray(serum_k, dtype=float)
    return pump_factor(mg_i, p) * p.vmax * MIN_PER_DAY * k_e / (p.km + k_e)


def leak_flux(serum_k, icf_k, params: Params | None = None):
    """K leaking out of the cells J_leak = P_leak·(K_i − K_e), in mmol/day (``icf_k``, ``serum_k`` in mmol/L).

    pump − leak is the rate of change of the cells' K (mmol/day); at a steady state the two are equal.
    """
    p = params or _DEFAULT_PARAMS
    return p.p_leak * MIN_PER_DAY * (np.asarray(icf_k, dtype=float) - np.asarray(serum_k, dtype=float))


def _icf_k(k_e, f_pump, p: Params):
    """ICF K (mmol/L) at pump–leak balance: K_i = K_e + F·Vmax·K_e/(Km + K_e)/P_leak."""
    return k_e + f_pump * (p.vmax / p.p_leak) * k_e / (p.km + k_e)


def _absorbed(k_intake, gi_k_loss, p: Params, strict: bool):
    """Absorbed K A = f_abs·I − L_gi (mmol/day); the loss may not exceed f_abs·I (strict: must be below)."""
    check_range("gi_k_loss", gi_k_loss, *GI_K_LOSS_RANGE, _UNIT_INTAKE)
    gross = p.f_abs * np.asarray(k_intake, dtype=float)
    loss = np.asarray(gi_k_loss, dtype=float)
    bad = loss >= gross if strict else loss > gross
    if np.any(bad):
        first_loss, first_gross = np.broadcast_arrays(loss, gross)
        i = np.flatnonzero(np.broadcast_to(bad, first_loss.shape))[0] if np.ndim(bad) else 0
        lv, gv = float(np.ravel(first_loss)[i]), float(np.ravel(first_gross)[i])
        word = "below" if strict else "at most"
        raise ValueError(
            f"gi_k_loss={lv:g} mmol/day must be {word} the K absorbed from the intake, "
            f"f_abs × k_intake = {gv:g} mmol/day (valid range {format_range(0.0, gv, _UNIT_INTAKE)}"
            f"{', excluding the top' if strict else ''})"
        )
    return gross - loss


# ---------------------------------------------------------------------------------------------------
# steady state


@dataclass(frozen=True)
class SteadyState:
    """Steady state of the model (floats for scalar inputs, numpy arrays otherwise).

    ``serum_k`` and ``icf_k`` in mmol/L, ``total_body_k`` in mmol, ``urine_k`` in mmol/day, ``mg_i``
    (cytosolic free Mg, both pools at their target) in mM, ``romk_factor`` R, ``pump_factor`` F and
    ``feedforward_factor`` Φ dimensionless.
    """

    serum_k: Any
    icf_k: Any
    total_body_k: Any
    urine_k: Any
    mg_i: Any
    romk_factor: Any
    pump_factor: Any
    feedforward_factor: Any


def _check_inputs(serum_mg, k_intake, driver, k_intake_range=K_INTAKE_RANGE) -> None:
    check_range("serum_mg", serum_mg, *SERUM_MG_RANGE, _UNIT_SERUM)
    check_range("k_intake", k_intake, *k_intake_range, _UNIT_INTAKE)
    check_range("driver", driver, *DRIVER_RANGE, _UNIT_DRIVER)


def steady_state(
    serum_mg, k_intake=K_INTAKE_DEFAULT, driver=1.0, params: Params | None = None, gi_k_loss=0.0
) -> SteadyState:
    """Closed-form steady state for a serum Mg (mmol/L), K intake (mmol/day) and driver D (× baseline).

    Renal balance U_K = A fixes K_e = K_e0·(A/(U_ref·D·Φ(A)·R))^(1/n) with A = f_abs·I − gi_k_loss;
    pump = leak fixes K_i = K_e + F·Vmax·K_e/(Km + K_e)/P_leak; both Mg pools are at their target.
    The inputs broadcast like numpy. Ranges: serum_mg in :data:`SERUM_MG_RANGE`, k_intake in
    :data:`K_INTAKE_RANGE`, driver in :data:`DRIVER_RANGE`, gi_k_loss in :data:`GI_K_LOSS_RANGE` and
    below f_abs·k_intake; anything else (including NaN or inf) raises ValueError naming the first
    offending value. Illustrative teaching output, not a clinical prediction.
    """
    p = params or _DEFAULT_PARAMS
    _check_inputs(serum_mg, k_intake, driver)
    absorbed = _absorbed(k_intake, gi_k_loss, p, strict=True)
    mg = np.asarray(serum_mg, dtype=float)
    d = np.asarray(driver, dtype=float)
    mg_i = mg_i_target(mg, p)
    r = romk_factor(mg_i, p)
    f = pump_factor(mg_i, p)
    phi = _feedforward(absorbed, p)
    k_e = p.k_e0 * (absorbed / (p.u_ref * d * phi * r)) ** (1.0 / p.n)
    k_i = _icf_k(k_e, f, p)
    out = np.broadcast_arrays(
        k_e, k_i, p.v_e * k_e + p.v_i * k_i, absorbed + 0.0 * k_e, mg_i + 0.0 * k_e, r, f, phi + 0.0 * k_e
    )
    scalar = all(np.ndim(x) == 0 for x in (serum_mg, k_intake, driver, gi_k_loss))
    values = [float(x) for x in out] if scalar else [np.array(x) for x in out]
    return SteadyState(*values)


# ---------------------------------------------------------------------------------------------------
# scenarios and simulation


@dataclass(frozen=True)
class Inputs:
    """Constant model inputs whose steady state can start a :class:`Scenario`.

    ``serum_mg`` in mmol/L, ``k_intake`` in mmol/day (in :data:`K_INTAKE_RANGE`), ``driver`` × baseline,
    ``gi_k_loss`` in mmol/day (extra stool K loss).
    """

    serum_mg: float = SERUM_MG_REF
    k_intake: float = K_INTAKE_DEFAULT
    driver: float = 1.0
    gi_k_loss: float = 0.0

    def __post_init__(self) -> None:
        _check_inputs(self.serum_mg, self.k_intake, self.driver)
        _absorbed(self.k_intake, self.gi_k_loss, _DEFAULT_PARAMS, strict=True)


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
    """Piecewise-constant schedules over time (days) for the model.

    Each schedule is a number (constant) or a sequence of ``(start_day, value)`` steps; the first
    step starts at day 0 and a value holds until the next step:

    * ``k_intake`` — K intake (mmol/day), in :data:`SIMULATE_K_INTAKE_RANGE` (0–200);
    * ``serum_mg`` — serum Mg (mmol/L), in :data:`SERUM_MG_RANGE`. This is the *target*: renal-cell
      Mg follows it within about a day (τ_f) and muscle Mg over weeks (τ_Mg);
    * ``driver`` — distal Na delivery / aldosterone driver D (× baseline), in :data:`DRIVER_RANGE`;
    * ``gi_k_loss`` — extra K lost in stool (mmol/day), in :data:`GI_K_LOSS_RANGE` and never more
      than the K absorbed from the intake in force.

    ``initial`` is the :class:`Inputs` whose steady state the run starts from. ``None`` (default)
    means the steady state of the day-0 values of the schedules; give it explicitly to start from a
    *pre-treatment* state (as in :func:`mgk_helpers.scenarios.refractory_repletion`) or when the
    day-0 intake is below :data:`K_INTAKE_RANGE`.
    """

    k_intake: Any = K_INTAKE_DEFAULT
    serum_mg: Any = SERUM_MG_REF
    driver: Any = 1.0
    duration_days: float = 28.0
    initial: Inputs | None = None
    name: str = "custom"
    description: str = ""
    gi_k_loss: Any = 0.0

    def __post_init__(self) -> None:
        check_range("duration_days", self.duration_days, 0.0, 3650.0, "days", lo_open=True)
        d = float(self.duration_days)
        object.__setattr__(self, "duration_days", d)
        for name, (lo, hi), unit in (
            ("k_intake", SIMULATE_K_INTAKE_RANGE, _UNIT_INTAKE),
            ("serum_mg", SERUM_MG_RANGE, _UNIT_SERUM),
            ("driver", DRIVER_RANGE, _UNIT_DRIVER),
            ("gi_k_loss", GI_K_LOSS_RANGE, _UNIT_INTAKE),
        ):
            object.__setattr__(self, name, _as_steps(name, getattr(self, name), lo, hi, unit, d))
        for t0 in self.breakpoints()[:-1]:
            intake, _, _, loss = self.values_at(t0)
            _absorbed(intake, loss, _DEFAULT_PARAMS, strict=False)
        if self.initial is None:
            k0 = self.k_intake[0][1]
            if k0 < K_INTAKE_RANGE[0]:
                raise ValueError(
                    f"k_intake={k0:g} mmol/day at day 0 has no steady state (valid range "
                    f"{format_range(*K_INTAKE_RANGE, _UNIT_INTAKE)}); give initial=Inputs(...) explicitly"
                )
            initial = Inputs(self.serum_mg[0][1], k0, self.driver[0][1], self.gi_k_loss[0][1])
            object.__setattr__(self, "initial", initial)
        elif not isinstance(self.initial, Inputs):
            raise ValueError(f"initial must be an Inputs or None, got {self.initial!r}")

    def _schedules(self):
        return (self.k_intake, self.serum_mg, self.driver, self.gi_k_loss)

    def breakpoints(self) -> list[float]:
        """Sorted start days of all steps, plus the end of the run (days)."""
        starts = {t for sched in self._schedules() for t, _ in sched}
        return sorted(starts | {self.duration_days})

    def values_at(self, day: float) -> tuple[float, float, float, float]:
        """(k_intake, serum_mg, driver, gi_k_loss) in force at ``day``."""
        return tuple(_step_value(s, day) for s in self._schedules())


def _step_value(steps: Steps, day):
    starts = np.array([t for t, _ in steps])
    values = np.array([v for _, v in steps])
    idx = np.searchsorted(starts, day, side="right") - 1
    return values[idx] if np.ndim(day) else float(values[idx])


#: Solvers accepted by :func:`simulate`: ``"stiff"`` (LSODA, default) and ``"rk45"`` (reference only).
SOLVERS = ("stiff", "rk45")
_RTOL = 1e-7  # relative tolerance; agrees with a 1e-8 solve to ~1e-6 mmol/L
_ATOL_SCALE = 1e-9  # absolute tolerance per state, relative to the state's initial size


def _renal(k_e, mg_f, driver, absorbed, p: Params):
    """Renal K excretion U_K (mmol/day) = U_ref·D·Φ(A)·R(Mg_f)·(K_e/K_e0)^n."""
    return p.u_ref * driver * _feedforward(absorbed, p) * romk_factor(mg_f, p) * (k_e / p.k_e0) ** p.n


def _make_rhs(absorbed: float, mg_target: float, driver: float, p: Params):
    """Right-hand side of the full system for one constant piece of a schedule (time in days).

    y = [M_e, M_i, Mg_f, Mg_i, cumulative urine K, cumulative absorbed K] (mmol, mmol, mM, mM, mmol,
    mmol). The two cumulative states make the mass balance M_e + M_i + urine − absorbed = const a
    *linear* invariant of the system, which both LSODA and RK45 conserve to rounding error.
    """
    vmax_d = p.vmax * MIN_PER_DAY  # mmol/day
    leak_d = p.p_leak * MIN_PER_DAY  # L/day
    r_num = 1.0 + p.mg_i0 / p.kd_romk
    g0 = p.mg_i0 / (p.mg_i0 + p.kd_mgatp)
    u0 = p.u_ref * driver * float(_feedforward(absorbed, p))
    v_e, v_i, km, ke0, n = p.v_e, p.v_i, p.km, p.k_e0, p.n
    kd_romk, kd_mgatp, coupled = p.kd_romk, p.kd_mgatp, p.pump_coupling
    tau_f, tau_i = p.tau_f_days, p.tau_mg_days

    def rhs(t, y):
        k_e, k_i, mg_f, mg_i = y[0] / v_e, y[1] / v_i, y[2], y[3]
        f = mg_i / (mg_i + kd_mgatp) / g0 if coupled else 1.0
        pump = f * vmax_d * k_e / (km + k_e)
        leak = leak_d * (k_i - k_e)
        urine = u0 * (k_e / ke0) ** n * r_num / (1.0 + mg_f / kd_romk)
        return [
            absorbed - urine - pump + leak,
            pump - leak,
            (mg_target - mg_f) / tau_f,
            (mg_f - mg_i) / tau_i,
            urine,
            absorbed,
        ]

    return rhs


def simulate(
    scenario: Scenario,
    params: Params | None = None,
    n_points: int | None = None,
    solver: str = "stiff",
) -> pd.DataFrame:
    """Simulate a :class:`Scenario`; returns a DataFrame indexed by time in days (index name ``"day"``).

    Columns: ``serum_k`` and ``icf_k`` (mmol/L), ``total_body_k`` (mmol), ``urine_k`` (mmol/day),
    ``serum_mg`` (the scheduled serum Mg, mmol/L), ``mg_fast`` (renal-cell free Mg, mM), ``mg_i``
    (muscle free Mg, mM), ``k_intake`` (mmol/day), ``driver`` (× baseline), ``gi_k_loss``
    (mmol/day), ``romk_factor``, ``pump_factor``, ``feedforward_factor``, ``cumulative_urine_k`` and
    ``cumulative_absorbed_k`` (mmol since day 0), so that total_body_k − total_body_k at day 0 equals
    cumulative_absorbed_k − cumulative_urine_k; ``pump_k`` and ``leak_k`` (mmol/day, :func:`pump_flux` and
    :func:`leak_flux`: K pumped into and leaking out of the cells; pump_k − leak_k is the cells' K gain per
    day). ``frame.attrs["initial"]`` holds the condition the run
    starts from (serum_mg, k_intake, driver, gi_k_loss), which may differ from the day-0 schedule values.

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
    ss = steady_state(init.serum_mg, init.k_intake, init.driver, p, gi_k_loss=init.gi_k_loss)
    y = np.array([p.v_e * ss.serum_k, p.v_i * ss.icf_k, ss.mg_i, ss.mg_i, 0.0, 0.0])
    atol = _ATOL_SCALE * np.maximum(np.abs(y), 1.0)
    method = "LSODA" if solver == "stiff" else "RK45"

    states = np.empty((grid.size, y.size))
    cuts = scenario.breakpoints()
    for i, (t0, t1) in enumerate(zip(cuts[:-1], cuts[1:], strict=True)):
        intake, serum_mg, driver, gi_loss = scenario.values_at(t0)
        absorbed = p.f_abs * intake - gi_loss
        rhs = _make_rhs(absorbed, float(mg_i_target(serum_mg, p)), driver, p)
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

    m_e, m_i, mg_f, mg_i, cum_urine, cum_absorbed = states.T
    intake, serum_mg, driver, gi_loss = (_step_value(s, grid) for s in scenario._schedules())
    absorbed = p.f_abs * intake - gi_loss
    k_e = m_e / p.v_e
    frame = pd.DataFrame(
        {
            "serum_k": k_e,
            "icf_k": m_i / p.v_i,
            "total_body_k": m_e + m_i,
            "urine_k": _renal(k_e, mg_f, driver, absorbed, p),
            "serum_mg": serum_mg,
            "mg_fast": mg_f,
            "mg_i": mg_i,
            "k_intake": intake,
            "driver": driver,
            "gi_k_loss": gi_loss,
            "romk_factor": romk_factor(mg_f, p),
            "pump_factor": pump_factor(mg_i, p),
            "feedforward_factor": _feedforward(absorbed, p),
            "cumulative_urine_k": cum_urine,
            "cumulative_absorbed_k": cum_absorbed,
            "pump_k": pump_flux(k_e, mg_i, p),
            "leak_k": leak_flux(k_e, m_i / p.v_i, p),
        },
        index=pd.Index(grid, name="day"),
    )
    # the condition before day 0 (a scheduled value at day 0 is already the new one)
    frame.attrs["initial"] = {
        "serum_mg": init.serum_mg,
        "k_intake": init.k_intake,
        "driver": init.driver,
        "gi_k_loss": init.gi_k_loss,
    }
    return frame
