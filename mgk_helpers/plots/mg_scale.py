"""Serum Mg as a marker on a scale of its grades, in any unit (the unit converter of notebook 00)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from ..model import equations as model
from ..model.equations import SERUM_MG_REF
from ..model.reference import classify_mg
from ..model.units import from_mmol_per_l
from .theme import (
    FONT_SIZE,
    GRADE_COLOURS,
    OKABE_ITO,
    checked_mg_unit,
    finish,
    grade_word,
    mg_axis_title,
    rgba,
    visible_mg_grades,
)

__all__ = [
    "mg_scale_alt",
    "mg_scale_data",
    "mg_scale_figure",
]


def mg_scale_data(serum_mg: float, mg_unit: str = "mmol/L") -> dict[str, Any]:
    """Marker position, grade-band shapes and axis for :func:`mg_scale_figure` in ``mg_unit``."""
    unit = checked_mg_unit(mg_unit)
    lo, hi = (float(from_mmol_per_l(v, unit, "Mg")) for v in model.SERUM_MG_RANGE)
    shapes = []
    for grade in visible_mg_grades():
        colour = GRADE_COLOURS[(grade.direction, grade.severity)]
        g_lo = max(grade.lower, model.SERUM_MG_RANGE[0])
        g_hi = min(grade.upper, model.SERUM_MG_RANGE[1])
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y domain",
                "x0": float(from_mmol_per_l(g_lo, unit, "Mg")),
                "x1": float(from_mmol_per_l(g_hi, unit, "Mg")),
                "y0": 0,
                "y1": 1,
                "fillcolor": rgba(OKABE_ITO[colour], 0.35),
                "line": {"width": 0},
                "layer": "below",
            }
        )
    value = float(from_mmol_per_l(serum_mg, unit, "Mg"))
    return {
        "traces": {"value": {"x": [value], "y": [0.5], "text": [f"{value:.2f} {unit}"]}},
        "layout": {
            "shapes": shapes,
            "xaxis": {"title": {"text": mg_axis_title(unit)}, "range": [lo, hi]},
        },
    }


def mg_scale_alt(serum_mg: float, mg_unit: str = "mmol/L") -> str:
    """Text alternative of :func:`mg_scale_figure`."""
    value = float(from_mmol_per_l(serum_mg, mg_unit, "Mg"))
    grades = ", ".join(grade_word(g) for g in visible_mg_grades())
    return (
        f"A scale of serum magnesium in {mg_unit} coloured by grade ({grades}); "
        f"the marker is at {value:.2f} {mg_unit}: {classify_mg(serum_mg).label}."
    )


def mg_scale_figure(serum_mg: float = SERUM_MG_REF, mg_unit: str = "mmol/L") -> go.Figure:
    """Serum Mg as a marker on a horizontal scale of grade bands (reference.MG_GRADES), in ``mg_unit``.

    Trace uid: ``value``. The band labels are annotations placed in mmol/L-independent paper space.
    """
    d = mg_scale_data(serum_mg, mg_unit)
    fig = go.Figure()
    fig.add_scatter(
        uid="value",
        **d["traces"]["value"],
        mode="markers+text",
        textposition="top center",
        marker={"color": "black", "size": 22, "symbol": "diamond"},
        showlegend=False,
        hovertemplate="%{text}<extra></extra>",
    )
    fig.update_layout(shapes=d["layout"]["shapes"])
    fig.update_xaxes(**d["layout"]["xaxis"])
    fig.update_yaxes(visible=False, range=[0, 1.2], fixedrange=True)
    for grade in visible_mg_grades():
        label = grade_word(grade)
        mid = (max(grade.lower, model.SERUM_MG_RANGE[0]) + min(grade.upper, model.SERUM_MG_RANGE[1])) / 2
        span = model.SERUM_MG_RANGE[1] - model.SERUM_MG_RANGE[0]
        fig.add_annotation(
            x=(mid - model.SERUM_MG_RANGE[0]) / span,
            xref="paper",
            y=0.08,
            yref="paper",
            text=label,
            showarrow=False,
            font={"size": FONT_SIZE - 4},
        )
    return finish(fig, mg_scale_alt(serum_mg, mg_unit), "Serum magnesium: units and grades", 260)
