"""What would have to be true? The sufficiency map and the uncertainty band of the teaching model.

The series is built around three clinical phenomena:

* **P1** — Mg depletion alone can cause hypokalaemia (experimental human Mg depletion, Shils 1964
  and 1969): here, serum K averaged over days 42–56 of :func:`~mgk_helpers.scenarios.severe_mg_depletion`
  is below 3.5 mmol/L.
* **P2** — hypokalaemia refractory to K until Mg is given (Whang et al. 1985, 1992): here, in
  :func:`~mgk_helpers.scenarios.refractory_repletion`, K alone leaves serum K below 3.5 mmol/L at
  day 28 while K + Mg brings it to 3.5 or above.
* **P3** — cell K needs Mg (muscle K rose after Mg, not K, infusion: Wester & Dyckner 1981): here,
  by day 14 Mg alone has raised muscle (ICF) K by at least :data:`P3_MARGIN` mmol/L more than K alone.

Whether the model shows them depends almost entirely on two unmeasured parameters: how strongly
renal-cell Mg restrains K secretion (Kd_ROMK, a calibration) and how far cytosolic Mg follows serum Mg
(γ, a hypothesis). :func:`sufficiency_map` evaluates the three over a grid of the two. The honest
reading is a *sufficiency argument*: **if** the renal Mg effect is this strong and renal-cell Mg tracks
serum Mg, the known physiology is enough to produce what Shils and Whang saw. It is not a prediction.

:func:`uncertainty_corners` gives the parameter sets that bound the steady-state uncertainty band
(:data:`UNCERTAINTY_RANGES`). This module is part of the model layer: numpy and pandas only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

import numpy as np
import pandas as pd

from . import equations as model
from . import scenarios

__all__ = [
    "GAMMA_GRID",
    "HYPOKALAEMIA_BELOW",
    "KD_ROMK_GRID",
    "P3_MARGIN",
    "PHENOMENA",
    "UNCERTAINTY_RANGES",
    "Phenomena",
    "clear_cache",
    "phenomena",
    "sufficiency_map",
    "uncertainty_corners",
]

#: Serum K below which the model calls the result hypokalaemia (mmol/L): the lower end of normal.
HYPOKALAEMIA_BELOW = 3.5
#: P3 needs Mg alone to beat K alone on muscle K by this much at day 14 (mmol/L), so that a rounding
#: difference is not counted as the phenomenon.
P3_MARGIN = 0.5
#: Default grid of the renal Mg-block constant (mM); 0.125 is the calibrated default and about 0.5
#: the single-channel ROMK estimate (Chepilko et al. 1995).
KD_ROMK_GRID: tuple[float, ...] = (0.1, 0.125, 0.2, 0.3, 0.5, 1.0)
#: Default grid of the serum → cytosol Mg exponent γ (1 = cytosol follows serum in proportion).
GAMMA_GRID: tuple[float, ...] = (0.5, 0.6, 0.7, 0.85, 1.0)
#: The three phenomena, with the words a table or readout uses for them.
PHENOMENA: dict[str, str] = {
    "p1": "P1 Mg depletion alone causes hypokalaemia",
    "p2": "P2 hypokalaemia refractory to K until Mg is given",
    "p3": "P3 Mg, not K, refills muscle K",
}

#: Ranges of the uncertain parameters that the steady-state uncertainty band spans.
UNCERTAINTY_RANGES: dict[str, tuple[float, float]] = {
    "kd_romk": (0.1, 0.5),
    "n": (3.5, 5.0),
    "gamma": (0.5, 1.0),
    "phi": (0.45, 0.65),
}


@dataclass(frozen=True)
class Phenomena:
    """Whether one parameter set shows P1, P2 and P3, with the numbers behind each verdict.

    Serum K in mmol/L, muscle K gains in mmol/L (ICF K at day 14 minus day 0).
    """

    kd_romk: float
    gamma: float
    p1: bool
    p2: bool
    p3: bool
    depletion_serum_k: float
    k_alone_day28: float
    k_and_mg_day28: float
    muscle_gain_mg_alone: float
    muscle_gain_k_alone: float


def phenomena(params: model.Params | None = None) -> Phenomena:
    """Run the depletion course and the three refractory arms with ``params``; say which phenomena hold.

    Four simulations (about 20 ms). Illustrative teaching output, not a clinical prediction.
    """
    p = params or model.Params()
    depletion = model.simulate(scenarios.severe_mg_depletion(), p, n_points=57)
    serum_k_late = float(depletion.serum_k.loc[42.0:].mean())
    arms = {
        arm: model.simulate(scenarios.refractory_repletion(arm), p, n_points=29)
        for arm in ("K", "K+Mg", "Mg")
    }
    day28 = {arm: float(run.serum_k.iloc[-1]) for arm, run in arms.items()}
    gain = {arm: float(run.icf_k.loc[14.0] - run.icf_k.loc[0.0]) for arm, run in arms.items()}
    return Phenomena(
        kd_romk=p.kd_romk,
        gamma=p.gamma,
        p1=serum_k_late < HYPOKALAEMIA_BELOW,
        p2=day28["K"] < HYPOKALAEMIA_BELOW <= day28["K+Mg"],
        p3=gain["Mg"] - gain["K"] >= P3_MARGIN,
        depletion_serum_k=serum_k_late,
        k_alone_day28=day28["K"],
        k_and_mg_day28=day28["K+Mg"],
        muscle_gain_mg_alone=gain["Mg"],
        muscle_gain_k_alone=gain["K"],
    )


@lru_cache(maxsize=8)
def _map(kd_grid: tuple[float, ...], gamma_grid: tuple[float, ...], params: model.Params) -> pd.DataFrame:
    rows = [phenomena(replace(params, kd_romk=kd, gamma=g)) for kd, g in product(kd_grid, gamma_grid)]
    return pd.DataFrame([r.__dict__ for r in rows])


def sufficiency_map(
    kd_romk=KD_ROMK_GRID, gamma=GAMMA_GRID, params: model.Params | None = None
) -> pd.DataFrame:
    """Which of P1, P2, P3 hold over a grid of Kd_ROMK (mM) × γ, the other parameters as in ``params``.

    One row per grid cell, with the columns of :class:`Phenomena`. The result is cached per grid and
    parameter set, so a notebook pays the ≈ 30 × 4 simulations (under a second) once. Every value is
    checked against the valid range of :class:`~mgk_helpers.model.Params` before anything runs.
    """
    p = params or model.Params()
    kd_grid = tuple(float(x) for x in np.atleast_1d(kd_romk))
    gamma_grid = tuple(float(x) for x in np.atleast_1d(gamma))
    if not kd_grid or not gamma_grid:
        raise ValueError("kd_romk and gamma must each hold at least one value")
    for kd, g in product(kd_grid, gamma_grid):
        replace(p, kd_romk=kd, gamma=g)  # validates, naming the parameter, value, unit and range
    return _map(kd_grid, gamma_grid, p).copy()


def clear_cache() -> None:
    """Forget the cached maps, so the next :func:`sufficiency_map` call computes afresh (for benchmarks)."""
    _map.cache_clear()


def uncertainty_corners(params: model.Params | None = None) -> tuple[model.Params, ...]:
    """The 16 corners of :data:`UNCERTAINTY_RANGES` around ``params``.

    The steady state K_e = K_e0·(A/(U_ref·D·Φ·R))^(1/n) is monotonic in Φ (so in φ), in R (so in
    Kd_ROMK and in γ, at any fixed serum Mg) and, for a fixed ratio, in n: its minimum and maximum over
    the box therefore lie on these corners (the tests check it against random samples).
    """
    p = params or model.Params()
    names = list(UNCERTAINTY_RANGES)
    return tuple(
        replace(p, **dict(zip(names, values, strict=True)))
        for values in product(*(UNCERTAINTY_RANGES[name] for name in names))
    )
