"""Serum Mg in three units and where it falls among the grades (notebook 00)."""

from __future__ import annotations

from typing import Any

from .. import plots
from ..model.equations import SERUM_MG_REF
from ..model.reference import classify_mg
from ..model.units import CONCENTRATION_UNITS
from .base import (
    MG_GRID_MMOL,
    Explorer,
    base_figure,
    check_mg_unit,
    mg_control,
    mg_grade_of_control,
    trace_number,
    unit_control,
)
from .engine import Spec

__all__ = [
    "LEGEND",
    "UnitConverterExplorer",
    "unit_converter",
]

LEGEND = (
    "<b>Serum Mg</b>: the blood magnesium value, in the unit chosen with the buttons. "
    "Coloured bands: severe, moderate and mild low Mg, normal (0.75–0.95 mmol/L), above range."
)


class UnitConverterExplorer(Explorer):
    """Serum Mg slider and units choice → the value in all three units and its grade."""

    def __init__(self, serum_mg: float = SERUM_MG_REF, mg_unit: str = "mmol/L") -> None:
        check_mg_unit(mg_unit)
        mg_c, unit_c = mg_control(serum_mg), unit_control(mg_unit)
        figure = base_figure(plots.mg_scale_figure(mg_c.values[mg_c.index], mg_unit))
        units = tuple(CONCENTRATION_UNITS)
        per_unit = [plots.mg_scale_data(MG_GRID_MMOL[0], u)["layout"] for u in units]
        marker = trace_number(figure, "value")
        in_unit = {u: {"pick": "serum_mg", "values": list(mg_c.shown[u])} for u in units}
        fields = {f"v{i}": in_unit[u] for i, u in enumerate(units)}
        fields |= {
            "grade": mg_grade_of_control(),
            "range": {"pick": "serum_mg", "values": [classify_mg(v).range_text for v in MG_GRID_MMOL]},
            "mg": {"control": "serum_mg"},
            "unit": {"control": "mg_unit"},
        }
        values = " = ".join(f"{{v{i}:.2f}} {u}" for i, u in enumerate(units))
        grades = ", ".join(plots.grade_word(g) for g in plots.visible_mg_grades())
        spec = Spec(
            title="Serum magnesium: a unit converter",
            controls=[mg_c, unit_c],
            tables={},
            figure=figure,
            traces=[
                {"trace": marker, "prop": "x", "source": {"list": [{"control": "serum_mg"}]}},
                {
                    "trace": marker,
                    "prop": "text",
                    "source": {"list": [{"format": "{mg:.2f} {unit}", "fields": fields}]},
                },
            ],
            layout=[
                {"path": "shapes", "source": {"pick": "mg_unit", "values": [p["shapes"] for p in per_unit]}},
                {
                    "path": "xaxis.title.text",
                    "source": {"pick": "mg_unit", "values": [p["xaxis"]["title"]["text"] for p in per_unit]},
                },
                {
                    "path": "xaxis.range",
                    "source": {"pick": "mg_unit", "values": [p["xaxis"]["range"] for p in per_unit]},
                },
            ],
            readout={"format": f"Serum Mg {values} — {{grade}} ({{range}}).", "fields": fields},
            alt={
                "format": (
                    f"A scale of serum magnesium in {{unit}} coloured by grade ({grades}); "
                    "the marker is at {mg:.2f} {unit}: {grade}."
                ),
                "fields": fields,
            },
            legend=LEGEND,
        )
        super().__init__(spec)


def unit_converter(**kwargs: Any) -> UnitConverterExplorer:
    """Explorer: serum Mg in mmol/L, mg/dL and mEq/L, with its grade (``serum_mg`` in mmol/L)."""
    return UnitConverterExplorer(**kwargs)
