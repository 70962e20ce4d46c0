"""Serum Mg, K intake and driver → steady-state serum K and urine K, with the uncertainty band."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import model, plots, sufficiency
from ..model.equations import SERUM_MG_REF
from .base import (
    MG_GRID_MMOL,
    MG_K_NOTE,
    Explorer,
    base_figure,
    check_mg_unit,
    k_grade,
    mg_axis_binding,
    mg_band_bindings,
    mg_control,
    mg_grade_of_control,
    range_control,
    trace_number,
    unit_control,
)
from .engine import Spec, Table

__all__ = [
    "LEGEND",
    "SteadyStateExplorer",
    "driver_control",
    "intake_control",
    "mg_k_steady_state",
    "steady_state_tables",
]

LEGEND = (
    "<b>Serum Mg</b>: blood magnesium. <b>K intake</b>: potassium eaten per day. "
    "<b>Driver</b>: distal sodium delivery / aldosterone, 1 = none; about 1.5–1.7 thiazide-like and "
    "2 loop-like are illustrative (which diuretic wastes more K is not settled). Shaded: normal "
    "ranges (grey) and the model's uncertainty (colour) over the unmeasured renal Mg effect and K "
    f"handling ({plots.kidney.UNCERTAINTY_SPAN})."
)


def intake_control(value: float) -> Any:
    return range_control("k_intake", "K intake", "mmol/day", value, *model.K_INTAKE_RANGE, 5.0, 0)


def driver_control(value: float) -> Any:
    return range_control("driver", "Diuretic / aldosterone driver", "×", value, *model.DRIVER_RANGE, 0.05, 2)


def steady_state_tables(
    params: model.Params, intakes: tuple[float, ...], drivers: tuple[float, ...]
) -> dict[str, Table]:
    """Steady-state serum K over (serum Mg, K intake, driver) and urine K over intake; member 0 is ``params``,
    members 1–16 the corners of the uncertainty box.

    Serum K at steady state is an exact product of one factor per control (K_e = K_e0·(A/(U_ref·Φ(A)))^(1/n)
    · D^(−1/n) · R(Mg)^(−1/n)), so it is sent as three short factors read off the model itself:
    K(Mg, I, D) = K(Mg₀, I, D₀) · K(Mg, I₀, D₀)/K(Mg₀, I₀, D₀) · K(Mg₀, I₀, D)/K(Mg₀, I₀, D₀)
    (``tests/test_explorers_browser_tables.py`` checks the product against the model on the whole grid).
    """
    members = (params, *sufficiency.uncertainty_corners(params))
    mg = np.asarray(MG_GRID_MMOL)
    i_arr, d_arr = np.asarray(intakes), np.asarray(drivers)
    mg0, i0, d0 = SERUM_MG_REF, model.K_INTAKE_DEFAULT, 1.0
    f_mg, f_i, f_d, urine = [], [], [], []
    for p in members:
        ref = model.steady_state(mg0, i0, d0, p).serum_k
        f_mg.append(model.steady_state(mg, i0, d0, p).serum_k / ref)
        by_intake = model.steady_state(mg0, i_arr, d0, p)
        f_i.append(by_intake.serum_k)
        urine.append(by_intake.urine_k)
        f_d.append(model.steady_state(mg0, i0, d_arr, p).serum_k / ref)
    return {
        "serum_k": Table(("serum_mg", "k_intake", "driver"), (f_mg, f_i, f_d), product=True),
        "urine_k": Table(("k_intake",), np.asarray(urine)),
    }


class SteadyStateExplorer(Explorer):
    """Serum Mg, K intake and driver sliders → steady-state serum K and urine K (see
    :func:`mgk_helpers.plots.steady_state_figure`)."""

    def __init__(
        self,
        serum_mg: float = SERUM_MG_REF,
        k_intake: float = model.K_INTAKE_DEFAULT,
        driver: float = 1.0,
        mg_unit: str = "mmol/L",
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        check_mg_unit(mg_unit)
        controls = [
            mg_control(serum_mg),
            unit_control(mg_unit),
            intake_control(k_intake),
            driver_control(driver),
        ]
        mg_c, _u, i_c, d_c = controls
        # the default figure is drawn at the grid point the sliders start on
        fig = plots.steady_state_figure(
            mg_c.values[mg_c.index], i_c.values[i_c.index], d_c.values[d_c.index], self.params, mg_unit
        )
        figure = base_figure(fig)
        tables = steady_state_tables(self.params, i_c.values, d_c.values)
        traces = []
        for key in ("serum_k", "urine_k"):
            free = "serum_mg" if key == "serum_k" else None
            for suffix, reduce in (("_lo", "min"), ("_hi", "max"), ("", "first")):
                n = trace_number(figure, key + suffix)
                traces.append({"trace": n, "prop": "x", "source": {"axis": "serum_mg"}})
                if free:
                    y = {"table": key, "free": free, "reduce": reduce}
                else:  # urine K does not depend on serum Mg: a flat line at the intake's value
                    y = {"repeat": {"table": key, "reduce": reduce}, "along": "serum_mg"}
                traces.append({"trace": n, "prop": "y", "source": y})
            n = trace_number(figure, key + "_point")
            traces.append({"trace": n, "prop": "x", "source": {"list": [{"control": "serum_mg"}]}})
            traces.append({"trace": n, "prop": "y", "source": {"list": [{"table": key}]}})
        fields = {
            "k": {"table": "serum_k"},
            "k_grade": k_grade({"table": "serum_k"}),
            "urine": {"table": "urine_k"},
            "mg": {"control": "serum_mg"},
            "unit": {"control": "mg_unit"},
            "mg_grade": mg_grade_of_control(),
            "intake": {"control": "k_intake"},
            "driver": {"control": "driver"},
        }
        readout = {
            "format": (
                "Serum K {k:.2f} mmol/L — {k_grade}; urine K {urine:.0f} mmol/day "
                "(serum Mg {mg:.2f} {unit}, {mg_grade}; K intake {intake:.0f} mmol/day; "
                f"driver {{driver:.2f}}×). {MG_K_NOTE}"
            ),
            "fields": fields,
        }
        alt = {"format": plots.STEADY_STATE_ALT, "fields": {**fields, "stool": {"const": ""}}}
        spec = Spec(
            title="Low Mg and potassium: steady state",
            controls=controls,
            tables=tables,
            figure=figure,
            traces=traces,
            layout=[mg_axis_binding("xaxis2.title.text"), *mg_band_bindings(figure["layout"])],
            readout=readout,
            alt=alt,
            legend=LEGEND,
        )
        super().__init__(spec)


def mg_k_steady_state(**kwargs: Any) -> SteadyStateExplorer:
    """Explorer: serum Mg, K intake and driver → steady-state serum K and urine K.

    Keyword overrides set the starting values, e.g. ``mg_k_steady_state(serum_mg=0.45, driver=1.7)``
    (``serum_mg`` in mmol/L; ``mg_unit`` one of mmol/L, mg/dL, mEq/L; ``params`` a model.Params).
    """
    return SteadyStateExplorer(**kwargs)
