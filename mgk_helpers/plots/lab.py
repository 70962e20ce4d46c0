"""The lab panel's figure: serum K and serum Mg scales coloured by grade band, with a marker at each value."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..model.clinical import NEAR_EDGE_MMOL_PER_L, LabSummary, lab_summary
from ..model.equations import SERUM_MG_RANGE, SERUM_MG_REF
from ..model.reference import K_GRADES, MG_GRADES
from ..model.units import check_range, from_mmol_per_l
from .theme import GRADE_COLOURS, OKABE_ITO, TEMPLATE, checked_mg_unit, mg_axis_title

__all__ = ["LAB_K_RANGE", "lab_alt", "lab_figure", "lab_figure_data"]

#: Serum K range of the lab panel (mmol/L): from severe hypokalaemia to severe hyperkalaemia (the ECG
#: bands reach above 8.5 mmol/L).
LAB_K_RANGE: tuple[float, float] = (1.5, 9.0)

_SHORT = {"severe": "severe", "moderate": "mod.", "mild": "mild", "normal": "normal"}


def _band_shapes(grades, lo: float, hi: float, convert, xref: str, yref: str) -> list[dict[str, Any]]:
    shapes = []
    for g in grades:
        a, b = max(g.lower, lo), min(g.upper, hi)
        if a >= b:
            continue
        shapes.append(
            {
                "type": "rect", "xref": xref, "yref": yref,
                "x0": convert(a), "x1": convert(b), "y0": 0, "y1": 1,
                "fillcolor": OKABE_ITO[GRADE_COLOURS[(g.direction, g.severity)]], "opacity": 0.45,
                "line": {"width": 1, "color": "white"}, "layer": "below",
            }
        )  # fmt: skip
    return shapes


def _band_labels(grades, lo: float, hi: float, convert) -> dict[str, list]:
    xs, texts = [], []
    for g in grades:
        a, b = max(g.lower, lo), min(g.upper, hi)
        if a >= b:
            continue
        xs.append(convert((a + b) / 2))
        if g.direction == "normal":
            texts.append("normal")
        elif g.label.startswith("above"):  # the band between the reference range and the first grade
            texts.append("above")
        else:  # the direction is part of the word wherever mild low and mild high could be confused
            texts.append(
                f"{_SHORT[g.severity]} {g.direction}" if g.severity == "mild" else _SHORT[g.severity]
            )
    return {"x": xs, "y": [0.82] * len(xs), "text": texts}


def _uncertainty_shape(name: str, value: float, half_width: float, convert, xref: str, yref: str) -> dict:
    """A hatched band of ± ``half_width`` mmol/L around a marker: how far a repeat sample could land."""
    return {
        "type": "rect", "name": name, "xref": xref, "yref": yref,
        "x0": convert(value - half_width), "x1": convert(value + half_width), "y0": 0.05, "y1": 0.65,
        "fillcolor": "rgba(0, 0, 0, 0.18)", "line": {"width": 1.5, "color": "#000", "dash": "dot"},
        "layer": "above",
    }  # fmt: skip


def _mg_converter(mg_unit: str):
    return lambda v: float(from_mmol_per_l(v, mg_unit, "Mg"))


def lab_figure_data(serum_k: float, serum_mg_mmol: float, mg_unit: str) -> dict[str, Any]:
    """Trace arrays (by uid) and layout pieces of :func:`lab_figure` for the current values."""
    conv = _mg_converter(checked_mg_unit(mg_unit))
    mg_lo, mg_hi = SERUM_MG_RANGE
    return {
        "traces": {
            "k_marker": {"x": [serum_k], "y": [0.35], "text": [f"{serum_k:.1f}"]},
            "mg_marker": {"x": [conv(serum_mg_mmol)], "y": [0.35], "text": [f"{conv(serum_mg_mmol):.2f}"]},
            "k_bands": _band_labels(K_GRADES, *LAB_K_RANGE, float),
            "mg_bands": _band_labels(MG_GRADES, mg_lo, mg_hi, conv),
        },
        "shapes": _band_shapes(K_GRADES, *LAB_K_RANGE, float, "x", "y domain")
        + _band_shapes(MG_GRADES, mg_lo, mg_hi, conv, "x2", "y2 domain")
        + [
            _uncertainty_shape("k_uncertainty", serum_k, NEAR_EDGE_MMOL_PER_L["K"], float, "x", "y domain"),
            _uncertainty_shape(
                "mg_uncertainty", serum_mg_mmol, NEAR_EDGE_MMOL_PER_L["Mg"], conv, "x2", "y2 domain"
            ),
        ],
        "xaxis2": {"range": [conv(mg_lo), conv(mg_hi)], "title": {"text": mg_axis_title(mg_unit)}},
    }


def lab_alt(s: LabSummary, mg_unit: str) -> str:
    """Text alternative of the lab figure."""
    mg_shown = float(from_mmol_per_l(s.serum_mg, mg_unit, "Mg"))
    return (
        "Two scales coloured by grade band (severe, moderate, mild low; normal; high). "
        f"Marker on the K scale at {s.serum_k:.1f} mmol/L ({s.k_label}); marker on the Mg scale at "
        f"{mg_shown:.2f} {mg_unit} ({s.mg_label}). A dotted band around each marker shows how far a repeat "
        "sample could land (measurement uncertainty)."
    )


def lab_figure(serum_k: float = 4.2, serum_mg: float = SERUM_MG_REF, mg_unit: str = "mmol/L") -> go.Figure:
    """Serum K and serum Mg scales with their grade bands (reference module) and a marker at each value.

    ``serum_mg`` in mmol/L; ``mg_unit`` is the unit of the Mg axis. Trace uids ``k_marker``,
    ``mg_marker``, ``k_bands``, ``mg_bands`` (band labels); the shapes ``k_uncertainty`` and
    ``mg_uncertainty`` are the ± measurement-uncertainty bands around the markers.
    """
    check_range("serum_k", serum_k, *LAB_K_RANGE, "mmol/L")
    check_range("serum_mg", serum_mg, *SERUM_MG_RANGE, "mmol/L")
    d = lab_figure_data(serum_k, serum_mg, mg_unit)
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.32, subplot_titles=("Serum K", "Serum Mg"))
    for row, prefix in ((1, "k"), (2, "mg")):
        fig.add_scatter(
            uid=f"{prefix}_bands", mode="text", textfont={"size": 14, "color": "#111"}, hoverinfo="skip",
            showlegend=False, row=row, col=1, **d["traces"][f"{prefix}_bands"],
        )  # fmt: skip
        fig.add_scatter(
            uid=f"{prefix}_marker", mode="markers+text", textposition="bottom center",
            marker={"symbol": "diamond", "size": 22, "color": "#000", "line": {"color": "white", "width": 2}},
            textfont={"size": 16, "color": "#000"}, showlegend=False, row=row, col=1,
            hovertemplate="%{x:.2f}<extra></extra>", **d["traces"][f"{prefix}_marker"],
        )  # fmt: skip
    for shape in d["shapes"]:
        fig.add_shape(shape)
    fig.update_yaxes(range=[0, 1], visible=False, fixedrange=True)
    fig.update_xaxes(range=list(LAB_K_RANGE), title_text="Serum K (mmol/L)", row=1, col=1)
    fig.update_xaxes(range=d["xaxis2"]["range"], title_text=d["xaxis2"]["title"]["text"], row=2, col=1)
    s = lab_summary(serum_k, serum_mg)
    fig.update_layout(
        template=TEMPLATE, height=360, hovermode="closest", margin={"t": 60, "b": 60},
        title={"text": "Where the values fall"}, meta={"alt_text": lab_alt(s, mg_unit)},
    )  # fmt: skip
    return fig
