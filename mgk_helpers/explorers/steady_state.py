"""Serum Mg, K intake and driver → steady-state serum K and urine K, with the uncertainty band."""

from __future__ import annotations

from typing import Any

from .. import model, plots
from ..model.equations import SERUM_MG_REF
from ..model.reference import classify_mg
from ..model.units import from_mmol_per_l
from ..plotly_view import PlotlyView
from .base import (
    MG_K_NOTE,
    Explorer,
    check_mg_unit,
    intake_and_driver_sliders,
    k_phrase,
    units_toggle,
)

__all__ = [
    "SteadyStateExplorer",
    "mg_k_steady_state",
]


class SteadyStateExplorer(Explorer):
    """Serum Mg, K intake and driver sliders → steady-state serum K and urine K (see
    :func:`mgk_helpers.plots.steady_state_figure`)."""

    title = "Low Mg and potassium: steady state"

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
        controls = {
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": units_toggle(mg_unit),
            **intake_and_driver_sliders(k_intake, driver),
        }
        fig = plots.steady_state_figure(serum_mg, k_intake, driver, self.params, mg_unit)
        legend = (
            "<b>Serum Mg</b>: blood magnesium. <b>K intake</b>: potassium eaten per day. "
            "<b>Driver</b>: distal sodium delivery / aldosterone, 1 = none; about 1.5–1.7 thiazide-like and "
            "2 loop-like are illustrative (which diuretic wastes more K is not settled). Shaded: normal "
            "ranges (grey) and the model's uncertainty (colour) over the unmeasured renal Mg effect and K "
            "handling."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def _update(self) -> None:
        c = self.controls
        mg = self.serum_mg_mmol()
        unit = self.mg_unit
        k_intake, driver = c["k_intake"].value, c["driver"].value
        d = plots.steady_state_data(mg, k_intake, driver, self.params, unit)
        point = d.pop("point")
        alt = plots.steady_state_alt(mg, k_intake, driver, point, unit)
        self.figure.patch(
            traces=d,
            layout={
                "xaxis2": {"title": {"text": plots.mg_axis_title(unit)}},
                "shapes": plots.with_mg_bands_in(self.figure.figure_layout.get("shapes", []), unit),
            },
            alt_text=alt,
        )
        serum_k, urine_k = float(point.serum_k), float(point.urine_k)
        mg_shown = float(from_mmol_per_l(mg, unit, "Mg"))
        self._set_readout(
            f"{k_phrase(serum_k)}; urine K {urine_k:.0f} mmol/day "
            f"(serum Mg {mg_shown:.2f} {unit}, {classify_mg(mg).label}; K intake {k_intake:.0f} mmol/day; "
            f"driver {driver:.2f}×). {MG_K_NOTE}"
        )


def mg_k_steady_state(**kwargs: Any) -> SteadyStateExplorer:
    """Explorer: serum Mg, K intake and driver → steady-state serum K and urine K.

    Keyword overrides set the starting values, e.g. ``mg_k_steady_state(serum_mg=0.45, driver=1.7)``
    (``serum_mg`` in mmol/L; ``mg_unit`` one of mmol/L, mg/dL, mEq/L; ``params`` a model.Params).
    """
    return SteadyStateExplorer(**kwargs)
