"""Where the body's K is: extracellular, cell and total-body K, with the pump-coupling toggle."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from .. import model, plots
from ..model.equations import SERUM_MG_REF
from ..model.notices import TEACHING_MODEL_NOTE
from .base import (
    MG_GRID_MMOL,
    MG_K_NOTE,
    Explorer,
    base_figure,
    check_mg_unit,
    choice_control,
    k_grade,
    mg_control,
    trace_number,
    unit_control,
)
from .engine import Spec, Table
from .steady_state import driver_control, intake_control, steady_state_tables

__all__ = [
    "CellDistributionExplorer",
    "LEGEND",
    "PUMP_CAVEAT",
    "PUMP_OPTIONS",
    "cell_distribution",
    "cell_tables",
    "separable_expansion",
]


PUMP_CAVEAT = (
    "Pump coupling (MgATP) is on by default: a hypothesis that low muscle Mg slows the Na⁺/K⁺-ATPase, so "
    "cells hold less K (muscle K rose after Mg, not K, infusion: Wester & Dyckner 1981). The model's "
    "factor counts only the share of ATP bound to Mg; because the pump is normally saturated with MgATP "
    "the real direct effect is probably about ten times smaller, so read it as an upper bound that may "
    "stand in for other cellular effects (such as fewer pumps). Switch it off to see the kidney-only effect."
)

LEGEND = (
    "Grey hatched bars: reference (normal Mg, 100 mmol/day, no driver). Blue bars: your settings. "
    "About 98% of the body's K is inside cells."
)

#: The pump-coupling control's options, (label, value), in the order the buttons show them.
PUMP_OPTIONS: tuple[tuple[str, bool], ...] = (("on", True), ("off", False))

_AXES = ("serum_mg", "k_intake", "driver", "pump_coupling")


def separable_expansion(values: np.ndarray, atol: float) -> list[np.ndarray]:
    """Factors (one ``(terms, grid size)`` array per axis) of a short sum of products equal to ``values``
    (shape ``(serum_mg, k_intake, driver, pump_coupling)``) within ``atol`` on every grid point, with the
    factors rounded to float32 as the browser reads them.

    Cell K, total-body K and the share in cells are smooth functions of serum K and the pump factor, not
    products of one factor per control, and their grids are numerically of low rank. For each pump-coupling
    option: a basis over serum Mg from the singular value decomposition of 32 columns spread over the range
    of the answer (the singular values fall fast, so they span the grid to rounding error), the grid's
    coordinates in it, and each coordinate's decomposition over (intake) × (driver); each term carries an
    indicator of its option. Terms are taken down to a relative singular value of 1e-7, 1e-8, … until the
    float32 sum is within ``atol`` on every grid point (ValueError if none is). Read the result with
    ``reduce: "sum"``. Products go through ``einsum``: threaded BLAS calls stall on a busy machine.
    """
    n_mg, n_i, n_d, n_c = values.shape
    svds = []
    for c in range(n_c):
        x = values[..., c].reshape(n_mg, n_i * n_d)
        # the columns' span from 32 of them spread over the range of the answer (small SVDs only)
        order = np.argsort(x[n_mg // 2])
        columns = x[:, order[np.linspace(0, x.shape[1] - 1, 32).round().astype(int)]]
        u, s, _vt = np.linalg.svd(columns, full_matrices=False)
        keep = int(np.sum(s > 1e-11 * s[0]))
        w = np.einsum("ji,jk->ik", u[:, :keep], x)  # x ≈ u w
        svds.append((u[:, :keep], s, np.linalg.svd(w.reshape(keep, n_i, n_d), full_matrices=False)))
    target = values.reshape(n_mg, -1)
    for tol in (1e-7, 1e-8, 1e-9, 1e-10):
        terms = []
        for c, (u, s, (a, s2, bt)) in enumerate(svds):
            indicator = (np.arange(n_c) == c).astype(float)
            for r in range(int(np.sum(s > tol * s[0]))):
                for k in range(int(np.sum(s2[r] > tol * s2[r, 0]))):
                    terms.append((u[:, r] * s2[r, k], a[r, :, k], bt[r, k], indicator))
        factors = [np.asarray([t[axis] for t in terms], dtype=np.float32) for axis in range(4)]
        f_mg, f_i, f_d, f_c = (f.astype(np.float64) for f in factors)
        rest = np.einsum("mi,md,mc->midc", f_i, f_d, f_c).reshape(len(terms), -1)
        if np.max(np.abs(np.einsum("ma,mb->ab", f_mg, rest) - target)) <= atol:
            return factors
    raise ValueError(f"no separable expansion within {atol:g} of the model's values")  # pragma: no cover


def cell_tables(
    params: model.Params, intakes: tuple[float, ...], drivers: tuple[float, ...]
) -> dict[str, Table]:
    """Steady-state serum K (an exact product, :func:`.steady_state.steady_state_tables`), cell K, total-body
    K and the share of body K in cells over (serum Mg, intake, driver, pump coupling).

    The last three are read off :func:`mgk_helpers.model.steady_state` on the whole grid (both pump-coupling
    options) and sent as separable expansions (``reduce: "sum"``, 10–34 terms), each within two float32
    steps of its largest value on every grid point: about the precision of a full float32 table (814 KB per
    quantity) in a few per cent of its size.
    """
    serum = steady_state_tables(params, intakes, drivers)["serum_k"]
    mg = np.asarray(MG_GRID_MMOL)[:, None, None]
    i_arr, d_arr = np.asarray(intakes)[None, :, None], np.asarray(drivers)[None, None, :]
    states = [
        model.steady_state(mg, i_arr, d_arr, replace(params, pump_coupling=on)) for _l, on in PUMP_OPTIONS
    ]
    icf = np.stack([s.icf_k for s in states], axis=-1)
    total = np.stack([s.total_body_k for s in states], axis=-1)
    serum_k = np.stack([s.serum_k for s in states], axis=-1)
    share = 100.0 * (1.0 - params.v_e * serum_k / total)
    eps = float(np.finfo(np.float32).eps)
    return {
        "serum_k": Table(serum.axes, [f[:1] for f in serum.data], product=True),  # member 0: params
        **{
            name: Table(_AXES, separable_expansion(x, 2 * eps * float(np.max(np.abs(x)))), product=True)
            for name, x in (("icf_k", icf), ("total_body_k", total), ("share", share))
        },
    }


class CellDistributionExplorer(Explorer):
    """Serum Mg, K intake, driver and the pump-coupling toggle → ECF K, ICF K and total-body K."""

    def __init__(
        self,
        serum_mg: float = SERUM_MG_REF,
        k_intake: float = model.K_INTAKE_DEFAULT,
        driver: float = 1.0,
        pump_coupling: bool = True,
        mg_unit: str = "mmol/L",
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        check_mg_unit(mg_unit)
        if not isinstance(pump_coupling, (bool, np.bool_)):
            raise ValueError(f"pump_coupling={pump_coupling!r} must be True or False")
        controls = [
            mg_control(serum_mg),
            unit_control(mg_unit),
            intake_control(k_intake),
            driver_control(driver),
            choice_control(
                "pump_coupling",
                "Pump coupling (hypothesis: low muscle Mg slows the Na/K pump)",
                PUMP_OPTIONS,
                bool(pump_coupling),
            ),
        ]
        mg_c, _u, i_c, d_c, _p = controls
        # the default figure is drawn at the grid point the sliders start on
        fig = plots.cell_distribution_figure(
            mg_c.values[mg_c.index],
            i_c.values[i_c.index],
            d_c.values[d_c.index],
            replace(self.params, pump_coupling=bool(pump_coupling)),
        )
        figure = base_figure(fig)
        tables = cell_tables(self.params, i_c.values, d_c.values)
        # the reference (normal Mg, 100 mmol/day, driver 1) for each pump-coupling option
        refs = [
            plots.cell_distribution_data(params=replace(self.params, pump_coupling=on))["reference_state"]
            for _label, on in PUMP_OPTIONS
        ]
        ref = {
            key: {"pick": "pump_coupling", "values": [float(getattr(r, key)) for r in refs]}
            for key in ("serum_k", "icf_k", "total_body_k")
        }
        cur = {key: {"table": key, "reduce": "first" if key == "serum_k" else "sum"} for key in ref}
        traces = []
        for panel, key, digits in (
            ("serum", "serum_k", 2),
            ("icf", "icf_k", 0),
            ("total", "total_body_k", 0),
        ):
            for name, source in (("reference", ref[key]), ("current", cur[key])):
                n = trace_number(figure, f"{name}_{panel}")
                text = {"format": f"{{v:.{digits}f}}", "fields": {"v": source}}
                traces.append({"trace": n, "prop": "y", "source": {"list": [source]}})
                traces.append({"trace": n, "prop": "text", "source": {"list": [text]}})
        fields = {
            "k": cur["serum_k"],
            "k_grade": k_grade(cur["serum_k"]),
            "icf": cur["icf_k"],
            "total": cur["total_body_k"],
            "share": {"table": "share", "reduce": "sum"},
            "ref_k": ref["serum_k"],
            "ref_icf": ref["icf_k"],
            "ref_total": ref["total_body_k"],
            "mg": {"control": "serum_mg"},
            "unit": {"control": "mg_unit"},
            "pump": {"pick": "pump_coupling", "values": [label for label, _on in PUMP_OPTIONS]},
        }
        readout = {
            "format": (
                "Serum K {k:.2f} mmol/L — {k_grade}; cell K {icf:.0f} mmol/L (reference {ref_icf:.0f}); "
                "total-body K {total:.0f} mmol (reference {ref_total:.0f}); {share:.1f}% of body K is in "
                f"cells. Serum Mg {{mg:.2f}} {{unit}}; pump coupling {{pump}}. {MG_K_NOTE}"
            ),
            "fields": fields,
        }
        # the words of plots.cell_distribution_alt (tests check the two agree)
        alt = {
            "format": (
                "Three bar panels comparing the current steady state with the reference (normal Mg, "
                "100 mmol/day, no driver): serum K {k:.2f} vs {ref_k:.2f} mmol/L; cell K {icf:.0f} vs "
                "{ref_icf:.0f} mmol/L; total-body K {total:.0f} vs {ref_total:.0f} mmol. "
                f"{TEACHING_MODEL_NOTE}"
            ),
            "fields": fields,
        }
        spec = Spec(
            title="Where the body's potassium is",
            controls=controls,
            tables=tables,
            figure=figure,
            traces=traces,
            layout=[],
            readout=readout,
            alt=alt,
            legend=LEGEND,
            caveat=PUMP_CAVEAT,
        )
        super().__init__(spec)


def cell_distribution(**kwargs: Any) -> CellDistributionExplorer:
    """Explorer: ECF vs ICF K and total-body K with the pump-coupling toggle and its caveat.

    Keyword overrides: ``serum_mg`` (mmol/L), ``k_intake``, ``driver``, ``pump_coupling``, ``mg_unit``.
    """
    return CellDistributionExplorer(**kwargs)
