"""The look every figure shares: the Okabe–Ito palette, the projector template, normal-range bands, axes.

Plot layer: plotly, numpy and pandas; never ipywidgets or anywidget. Each figure factory in this package
returns a plain :class:`plotly.graph_objects.Figure` whose text alternative — one or two sentences saying
what it shows and the current values — is stored in ``fig.layout.meta["alt_text"]`` (read it with
:func:`alt_text`); the generic figure widget uses it as the figure's ``aria-label``.

Style: the Okabe–Ito colour-blind-safe palette, fonts of 18 px or more and thick lines for a classroom
projector, normal ranges as grey shaded bands (K 3.5–5.0 mmol/L, Mg 0.75–0.95 mmol/L shown in whatever Mg
unit the figure uses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from ..model.equations import SERUM_MG_RANGE
from ..model.reference import K_NORMAL, MG_GRADES, MG_NORMAL
from ..model.units import CONCENTRATION_UNITS, from_mmol_per_l

__all__ = [
    "BAND_COLOUR",
    "BISTABLE_K",
    "ENVELOPE_ALPHA",
    "FONT_SIZE",
    "GRADE_COLOURS",
    "ICF_K_AXIS",
    "LINE_WIDTH",
    "MEMBRANE_K_RANGE",
    "OKABE_ITO",
    "PALETTE",
    "SERUM_K_AXIS",
    "TEMPLATE",
    "TOTAL_K_AXIS",
    "URINE_K_AXIS",
    "add_k_band",
    "add_mg_band",
    "alt_text",
    "checked_mg_unit",
    "finish",
    "fmt_number",
    "grade_word",
    "mg_axis_title",
    "mg_band_shape",
    "rgba",
    "visible_mg_grades",
    "with_mg_bands_in",
]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Trace colour order (yellow last: it is weak on a white background and on projectors).
PALETTE: list[str] = [
    OKABE_ITO[c]
    for c in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black")
]
BAND_COLOUR = "rgba(0, 0, 0, 0.09)"
ENVELOPE_ALPHA = 0.22
FONT_SIZE = 18
LINE_WIDTH = 3.5

#: A compact projector-friendly template (it replaces plotly's default, so figures stay small).
TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": "Arial, Helvetica, sans-serif", "size": FONT_SIZE, "color": "#111111"},
        title={"font": {"size": FONT_SIZE + 4}, "x": 0.0, "xanchor": "left"},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hovermode="x unified",
        hoverlabel={"font": {"size": FONT_SIZE - 2}},
        legend={"font": {"size": FONT_SIZE - 2}, "orientation": "h", "y": -0.18, "x": 0.0},
        margin={"l": 80, "r": 30, "t": 70, "b": 90},
        xaxis={
            "showline": True,
            "linecolor": "#222",
            "linewidth": 2,
            "ticks": "outside",
            "gridcolor": "#e5e5e5",
            "zeroline": False,
            "title": {"standoff": 8},
        },
        yaxis={
            "showline": True,
            "linecolor": "#222",
            "linewidth": 2,
            "ticks": "outside",
            "gridcolor": "#e5e5e5",
            "zeroline": False,
            "title": {"standoff": 8},
        },
    ),
    data={"scatter": [go.Scatter(line={"width": LINE_WIDTH}, marker={"size": 14})]},
)

#: Extracellular K range of the membrane figure, mmol/L (Nernst/GHK are fine here; see the caveat band).
MEMBRANE_K_RANGE: tuple[float, float] = (1.0, 8.0)
#: Below this extracellular K real muscle fibres can flip to a depolarised state (Jurkat-Rott et al. 2009).
BISTABLE_K = 1.5


#: Fixed axis ranges, so a curve that moves is seen to move (the axes do not rescale). They contain
#: every steady state the model gives for valid inputs and parameters (serum K 1.57–6.03 mmol/L,
#: ICF K 70–148 mmol/L, total-body K 1,700–3,630 mmol, urine K ≤ 180 mmol/day).
SERUM_K_AXIS: tuple[float, float] = (1.5, 6.5)
URINE_K_AXIS: tuple[float, float] = (0.0, 200.0)
ICF_K_AXIS: tuple[float, float] = (0.0, 160.0)
TOTAL_K_AXIS: tuple[float, float] = (0.0, 4000.0)


def rgba(hex_colour: str, alpha: float) -> str:
    """A ``#rrggbb`` colour as a CSS ``rgba()`` string with opacity ``alpha``."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def checked_mg_unit(unit: str) -> str:
    """``unit`` if it is a known concentration unit, else ValueError naming the valid ones."""
    if unit not in CONCENTRATION_UNITS:
        raise ValueError(
            f"mg_unit={unit!r} is not a known unit; valid units are {', '.join(CONCENTRATION_UNITS)}"
        )
    return unit


def fmt_number(x: float, digits: int = 2) -> str:
    """``x`` with ``digits`` decimals."""
    return f"{x:.{digits}f}"


def alt_text(fig: go.Figure) -> str:
    """The text alternative stored by a factory in ``fig.layout.meta["alt_text"]`` ("" if none)."""
    meta = fig.layout.meta
    if isinstance(meta, Mapping):
        return str(meta.get("alt_text", ""))
    return ""


def finish(fig: go.Figure, alt: str, title: str, height: int) -> go.Figure:
    """Apply the template, title and height, and store the text alternative ``alt``."""
    fig.update_layout(template=TEMPLATE, title={"text": title}, height=height, meta={"alt_text": alt})
    return fig


def add_k_band(fig: go.Figure, row: int | None = None, col: int | None = None) -> go.Figure:
    """Shade the normal serum K range (3.5–5.0 mmol/L) horizontally on a K axis."""
    kw = {} if row is None else {"row": row, "col": col or 1}
    fig.add_hrect(y0=K_NORMAL[0], y1=K_NORMAL[1], fillcolor=BAND_COLOUR, line_width=0, layer="below", **kw)
    return fig


def mg_band_shape(mg_unit: str, xref: str = "x", yref: str = "y domain") -> dict[str, Any]:
    """Layout shape (plain dict) of the normal serum Mg range along an x axis, in ``mg_unit``."""
    lo, hi = (float(from_mmol_per_l(v, checked_mg_unit(mg_unit), "Mg")) for v in MG_NORMAL)
    return {
        "type": "rect",
        "name": "mg_normal",
        "xref": xref,
        "yref": yref,
        "x0": lo,
        "x1": hi,
        "y0": 0,
        "y1": 1,
        "fillcolor": BAND_COLOUR,
        "line": {"width": 0},
        "layer": "below",
    }


def with_mg_bands_in(shapes: Sequence[Mapping[str, Any]], mg_unit: str) -> list[dict[str, Any]]:
    """Plain layout shapes with every serum Mg band (``name == "mg_normal"``) moved to ``mg_unit``."""
    lo, hi = (float(from_mmol_per_l(v, checked_mg_unit(mg_unit), "Mg")) for v in MG_NORMAL)
    out = []
    for shape in shapes:
        shape = dict(shape)
        if shape.get("name") == "mg_normal":
            horizontal = str(shape.get("xref", "")).endswith("domain")
            shape.update({"y0": lo, "y1": hi} if horizontal else {"x0": lo, "x1": hi})
        out.append(shape)
    return out


def add_mg_band(
    fig: go.Figure, mg_unit: str = "mmol/L", axis: str = "x", vertical: bool = True, yaxis: str = "y"
) -> go.Figure:
    """Shade the normal serum Mg range (0.75–0.95 mmol/L, converted to ``mg_unit``).

    ``vertical=True`` shades along x axis ``axis`` (Mg on x); otherwise along y axis ``yaxis``.
    """
    if vertical:
        fig.add_shape(mg_band_shape(mg_unit, xref=axis, yref=f"{yaxis} domain"))
    else:
        lo, hi = (float(from_mmol_per_l(v, checked_mg_unit(mg_unit), "Mg")) for v in MG_NORMAL)
        fig.add_shape(
            type="rect",
            name="mg_normal",
            xref=f"{axis} domain",
            yref=yaxis,
            x0=0,
            x1=1,
            y0=lo,
            y1=hi,
            fillcolor=BAND_COLOUR,
            line_width=0,
            layer="below",
        )
    return fig


def mg_axis_title(mg_unit: str) -> str:
    """Axis title for serum Mg in ``mg_unit``."""
    return f"Serum Mg ({mg_unit})"


#: Colour (an :data:`OKABE_ITO` name) of each grade band, by (direction, severity).
GRADE_COLOURS = {
    ("low", "severe"): "vermillion",
    ("low", "moderate"): "orange",
    ("low", "mild"): "yellow",
    ("normal", "normal"): "bluish_green",
    ("high", "mild"): "sky_blue",
    ("high", "moderate"): "blue",
    ("high", "severe"): "reddish_purple",
}


def visible_mg_grades() -> list[Any]:
    """The serum Mg grades that overlap the model's serum Mg range (the scale's axis)."""
    lo, hi = SERUM_MG_RANGE
    return [g for g in MG_GRADES if g.upper > lo and g.lower < hi]


def grade_word(grade: Any) -> str:
    """A short name for a grade band: "normal", "mild low", "moderate", "severe", "mild high"."""
    if grade.direction == "normal":
        return "normal"
    return f"{grade.severity} {grade.direction}" if grade.severity == "mild" else grade.severity
