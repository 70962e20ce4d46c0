"""Serum Mg in three units and where it falls among the grades (notebook 00)."""

from __future__ import annotations

from typing import Any

from .. import plots
from ..model.equations import SERUM_MG_REF
from ..model.reference import classify_mg
from ..model.units import CONCENTRATION_UNITS, from_mmol_per_l
from ..plotly_view import PlotlyView
from .base import (
    Explorer,
    check_mg_unit,
    units_toggle,
)

__all__ = [
    "UnitConverterExplorer",
    "unit_converter",
]


class UnitConverterExplorer(Explorer):
    """Serum Mg slider and units toggle → the value in all three units and its grade."""

    title = "Serum magnesium: a unit converter"

    def __init__(self, serum_mg: float = SERUM_MG_REF, mg_unit: str = "mmol/L") -> None:
        check_mg_unit(mg_unit)
        controls = {
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": units_toggle(mg_unit),
        }
        fig = plots.mg_scale_figure(serum_mg, mg_unit)
        legend = (
            "<b>Serum Mg</b>: the blood magnesium value, in the unit chosen with the buttons. "
            "Coloured bands: severe, moderate and mild low Mg, normal (0.75–0.95 mmol/L), above range."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def _update(self) -> None:
        mg = self.serum_mg_mmol()
        d = plots.mg_scale_data(mg, self.mg_unit)
        self.figure.patch(
            traces=d["traces"], layout=d["layout"], alt_text=plots.mg_scale_alt(mg, self.mg_unit)
        )
        values = " = ".join(f"{float(from_mmol_per_l(mg, u, 'Mg')):.2f} {u}" for u in CONCENTRATION_UNITS)
        grade = classify_mg(mg)
        self._set_readout(f"Serum Mg {values} — {grade.label} ({grade.range_text}).")


def unit_converter(**kwargs: Any) -> UnitConverterExplorer:
    """Explorer: serum Mg in mmol/L, mg/dL and mEq/L, with its grade (``serum_mg`` in mmol/L)."""
    return UnitConverterExplorer(**kwargs)
