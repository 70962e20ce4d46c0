"""Static plotly figures for the notebooks: theme, palette, reference bands and figure factories.

Every factory returns a plain :class:`plotly.graph_objects.Figure` (no widgets; this module never
imports ipywidgets or anywidget). Its text alternative — one or two sentences that say what the
figure shows and the current values — is stored in ``fig.layout.meta["alt_text"]``; read it with
:func:`alt_text`. :class:`mgk_helpers.figure.PlotlyView` uses it as the figure's ``aria-label``.

The numbers behind each figure come from a ``*_data`` function that returns plain numpy arrays
keyed by trace ``uid``; the factory styles them, and the explorers in :mod:`mgk_helpers.widgets`
call the same function on every control change and patch only those arrays into the figure
that is already on screen (no new figure per move).

Style: the Okabe–Ito colour-blind-safe palette, fonts ≥ 16 px and thick lines for a classroom
projector, normal ranges as grey shaded bands (K 3.5–5.0 mmol/L, Mg 0.75–0.95 mmol/L shown in
whatever Mg unit the figure uses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from html import escape
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import membrane, model, sufficiency
from .reference import K_NORMAL, MG_GRADES, MG_NORMAL, classify_k, classify_mg
from .units import CONCENTRATION_UNITS, from_mmol_per_l

__all__ = [
    "DISCLAIMER_SHORT",
    "K_INTAKE_DEFAULT",
    "KD_ROMK_RANGE",
    "MEMBRANE_K_RANGE",
    "N_RANGE",
    "OKABE_ITO",
    "PALETTE",
    "TEMPLATE",
    "alt_text",
    "add_k_band",
    "add_mg_band",
    "cell_distribution_data",
    "cell_distribution_figure",
    "membrane_data",
    "membrane_figure",
    "steady_state_data",
    "steady_state_figure",
    "sufficiency_table",
    "time_course_figure",
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

#: Short disclaimer used in figure captions.
DISCLAIMER_SHORT = "Illustrative teaching model, not a clinical prediction."

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

#: Ranges of the uncertain parameters spanned by the uncertainty band (one home: the model layer).
KD_ROMK_RANGE: tuple[float, float] = sufficiency.UNCERTAINTY_RANGES["kd_romk"]
N_RANGE: tuple[float, float] = sufficiency.UNCERTAINTY_RANGES["n"]
#: Default K intake in mmol/day (DOMAIN §9b).
K_INTAKE_DEFAULT = 100.0
#: Extracellular K range of the membrane figure, mmol/L (Nernst/GHK are fine here; see the caveat band).
MEMBRANE_K_RANGE: tuple[float, float] = (1.0, 8.0)
#: Below this extracellular K real muscle fibres can flip to a depolarised state (DOMAIN §2d).
BISTABLE_K = 1.5

_N_GRID = 81

#: Fixed axis ranges, so a curve that moves is seen to move (the axes do not rescale). They contain
#: every steady state the model gives for valid inputs and parameters (serum K 1.57–6.03 mmol/L,
#: ICF K 70–148 mmol/L, total-body K 1,700–3,630 mmol, urine K ≤ 180 mmol/day).
SERUM_K_AXIS: tuple[float, float] = (1.5, 6.5)
URINE_K_AXIS: tuple[float, float] = (0.0, 200.0)
ICF_K_AXIS: tuple[float, float] = (0.0, 160.0)
TOTAL_K_AXIS: tuple[float, float] = (0.0, 4000.0)


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _mg_unit(unit: str) -> str:
    if unit not in CONCENTRATION_UNITS:
        raise ValueError(
            f"mg_unit={unit!r} is not a known unit; valid units are {', '.join(CONCENTRATION_UNITS)}"
        )
    return unit


def _fmt(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}"


def alt_text(fig: go.Figure) -> str:
    """The text alternative stored by a factory in ``fig.layout.meta["alt_text"]`` ("" if none)."""
    meta = fig.layout.meta
    if isinstance(meta, Mapping):
        return str(meta.get("alt_text", ""))
    return ""


def _finish(fig: go.Figure, alt: str, title: str, height: int) -> go.Figure:
    fig.update_layout(template=TEMPLATE, title={"text": title}, height=height, meta={"alt_text": alt})
    return fig


def add_k_band(fig: go.Figure, row: int | None = None, col: int | None = None) -> go.Figure:
    """Shade the normal serum K range (3.5–5.0 mmol/L) horizontally on a K axis."""
    kw = {} if row is None else {"row": row, "col": col or 1}
    fig.add_hrect(y0=K_NORMAL[0], y1=K_NORMAL[1], fillcolor=BAND_COLOUR, line_width=0, layer="below", **kw)
    return fig


def mg_band_shape(mg_unit: str, xref: str = "x", yref: str = "y domain") -> dict[str, Any]:
    """Layout shape (plain dict) of the normal serum Mg range along an x axis, in ``mg_unit``."""
    lo, hi = (float(from_mmol_per_l(v, _mg_unit(mg_unit), "Mg")) for v in MG_NORMAL)
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
    lo, hi = (float(from_mmol_per_l(v, _mg_unit(mg_unit), "Mg")) for v in MG_NORMAL)
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
        lo, hi = (float(from_mmol_per_l(v, _mg_unit(mg_unit), "Mg")) for v in MG_NORMAL)
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


# ---------------------------------------------------------------------------------------------
# Steady state: serum K and urine K against serum Mg
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _uncertainty_params(params: model.Params) -> tuple[model.Params, ...]:
    """The corners of :data:`mgk_helpers.sufficiency.UNCERTAINTY_RANGES` (they bound the band)."""
    return sufficiency.uncertainty_corners(params)


def steady_state_data(
    serum_mg: float = 0.85,
    k_intake: float = K_INTAKE_DEFAULT,
    driver: float = 1.0,
    params: model.Params | None = None,
    mg_unit: str = "mmol/L",
    gi_k_loss: float = 0.0,
) -> dict[str, Any]:
    """Numbers of :func:`steady_state_figure`: per-trace ``{"x", "y"}`` arrays keyed by trace uid,
    plus ``"point"`` (the :class:`mgk_helpers.model.SteadyState` at ``serum_mg``, in mmol/L).

    The uncertainty envelope is the min/max over Kd_ROMK 0.1–0.5 mM, n 3.5–5, γ 0.5–1 and φ 0.45–0.65
    (the corners of that box bound it; see :func:`mgk_helpers.sufficiency.uncertainty_corners`).
    """
    params = params or model.Params()
    lo, hi = model.SERUM_MG_RANGE
    grid = np.linspace(lo, hi, _N_GRID)
    x = np.asarray(from_mmol_per_l(grid, _mg_unit(mg_unit), "Mg"))
    nominal = model.steady_state(grid, k_intake, driver, params, gi_k_loss=gi_k_loss)
    runs = [
        model.steady_state(grid, k_intake, driver, p, gi_k_loss=gi_k_loss)
        for p in _uncertainty_params(params)
    ]
    serum = np.array([r.serum_k for r in runs] + [nominal.serum_k])
    urine = np.array([r.urine_k for r in runs] + [nominal.urine_k])
    point = model.steady_state(serum_mg, k_intake, driver, params, gi_k_loss=gi_k_loss)
    x_point = [float(from_mmol_per_l(serum_mg, mg_unit, "Mg"))]
    return {
        "serum_k_lo": {"x": x, "y": serum.min(axis=0)},
        "serum_k_hi": {"x": x, "y": serum.max(axis=0)},
        "serum_k": {"x": x, "y": np.asarray(nominal.serum_k)},
        "serum_k_point": {"x": x_point, "y": [float(point.serum_k)]},
        "urine_k_lo": {"x": x, "y": urine.min(axis=0)},
        "urine_k_hi": {"x": x, "y": urine.max(axis=0)},
        "urine_k": {"x": x, "y": np.asarray(nominal.urine_k)},
        "urine_k_point": {"x": x_point, "y": [float(point.urine_k)]},
        "point": point,
    }


def mg_axis_title(mg_unit: str) -> str:
    """Axis title for serum Mg in ``mg_unit``."""
    return f"Serum Mg ({mg_unit})"


def steady_state_alt(
    serum_mg: float, k_intake: float, driver: float, point: Any, mg_unit: str, gi_k_loss: float = 0.0
) -> str:
    """Text alternative of the steady-state figure."""
    mg_shown = float(from_mmol_per_l(serum_mg, mg_unit, "Mg"))
    stool = f", extra stool K loss {gi_k_loss:.0f} mmol/day" if gi_k_loss else ""
    return (
        "Two panels against serum Mg: steady-state serum K (top) and urine K (bottom), each with a shaded "
        "uncertainty band over the renal Mg effect (Kd_ROMK, γ: hypotheses) and the renal K handling "
        f"(n, φ: calibrations). {model.MG_K_LABEL}. "
        f"Marked point: serum Mg {_fmt(mg_shown)} {mg_unit}, K intake {k_intake:.0f} mmol/day{stool}, "
        f"driver {driver:.2f}×: serum K {float(point.serum_k):.2f} mmol/L "
        f"({classify_k(float(point.serum_k)).label}), "
        f"urine K {float(point.urine_k):.0f} mmol/day. {DISCLAIMER_SHORT}"
    )


def steady_state_figure(
    serum_mg: float = 0.85,
    k_intake: float = K_INTAKE_DEFAULT,
    driver: float = 1.0,
    params: model.Params | None = None,
    mg_unit: str = "mmol/L",
    gi_k_loss: float = 0.0,
) -> go.Figure:
    """Serum K and urine K at steady state against serum Mg, current point marked, with an
    uncertainty band over Kd_ROMK, γ, n and φ (:data:`mgk_helpers.sufficiency.UNCERTAINTY_RANGES`).

    Trace uids: ``serum_k_lo``, ``serum_k_hi``, ``serum_k``, ``serum_k_point``, and the same
    with ``urine_k``. Normal ranges of K (y, top) and Mg (x, both panels) are shaded.
    """
    d = steady_state_data(serum_mg, k_intake, driver, params, mg_unit, gi_k_loss)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=(
            "Serum K at steady state (Mg → K: hypothesis)",
            "Urine K at steady state (= K absorbed: balance)",
        ),
    )
    colours = {"serum_k": OKABE_ITO["blue"], "urine_k": OKABE_ITO["vermillion"]}
    units = {"serum_k": "mmol/L", "urine_k": "mmol/day"}
    for row, key in ((1, "serum_k"), (2, "urine_k")):
        c = colours[key]
        fmt = ".2f" if key == "serum_k" else ".0f"
        fig.add_scatter(
            uid=f"{key}_lo",
            **d[f"{key}_lo"],
            mode="lines",
            line={"width": 0, "color": c},
            hoverinfo="skip",
            showlegend=False,
            row=row,
            col=1,
        )
        fig.add_scatter(
            uid=f"{key}_hi",
            **d[f"{key}_hi"],
            mode="lines",
            line={"width": 0, "color": c},
            fill="tonexty",
            fillcolor=_rgba(c, ENVELOPE_ALPHA),
            hoverinfo="skip",
            name="uncertainty (ROMK Kd 0.3–3 mM, n 3–8)",
            showlegend=row == 1,
            legendgroup="band",
            row=row,
            col=1,
        )
        fig.add_scatter(
            uid=key,
            **d[key],
            mode="lines",
            line={"color": c, "width": LINE_WIDTH},
            name="serum K" if key == "serum_k" else "urine K",
            hovertemplate=f"%{{y:{fmt}}} {units[key]}<extra></extra>",
            row=row,
            col=1,
        )
        fig.add_scatter(
            uid=f"{key}_point",
            **d[f"{key}_point"],
            mode="markers",
            marker={"color": c, "size": 16, "symbol": "circle", "line": {"color": "black", "width": 2}},
            name="current",
            showlegend=False,
            hovertemplate=f"%{{y:{fmt}}} {units[key]}<extra>current</extra>",
            row=row,
            col=1,
        )
    add_k_band(fig, row=1, col=1)
    fig.add_shape(mg_band_shape(mg_unit, "x", "y domain"))
    fig.add_shape(mg_band_shape(mg_unit, "x2", "y2 domain"))
    fig.update_yaxes(title_text="Serum K (mmol/L)", range=list(SERUM_K_AXIS), row=1, col=1)
    fig.update_yaxes(title_text="Urine K (mmol/day)", range=list(URINE_K_AXIS), row=2, col=1)
    fig.update_xaxes(title_text=mg_axis_title(mg_unit), row=2, col=1)
    alt = steady_state_alt(serum_mg, k_intake, driver, d["point"], mg_unit, gi_k_loss)
    return _finish(fig, alt, "Low Mg and potassium: steady state", 680)


# ---------------------------------------------------------------------------------------------
# Time course
# ---------------------------------------------------------------------------------------------


def time_course_figure(
    runs: pd.DataFrame | Mapping[str, pd.DataFrame], mg_unit: str = "mmol/L", title: str | None = None
) -> go.Figure:
    """Serum K, serum Mg and urine K against time (days) for one run or several overlaid runs.

    ``runs`` is a :func:`mgk_helpers.model.simulate` DataFrame (indexed by day) or a mapping
    label → DataFrame (e.g. the arms of the refractory-repletion scenario), one colour per run.
    Trace uids: ``"run{i}_serum_k"``, ``"run{i}_serum_mg"``, ``"run{i}_urine_k"``
    (i = 0, 1, … in the order of ``runs``).
    """
    if isinstance(runs, pd.DataFrame):
        runs = {"model run": runs}
    if not runs:
        raise ValueError("runs={} is empty; give at least one simulate() DataFrame")
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        subplot_titles=("Serum K (Mg → K: hypothesis)", "Serum Mg (input)", "Urine K"),
    )
    for i, (label, df) in enumerate(runs.items()):
        c = PALETTE[i % len(PALETTE)]
        days = df.index.to_numpy(dtype=float)
        mg = np.asarray(from_mmol_per_l(df["serum_mg"].to_numpy(dtype=float), _mg_unit(mg_unit), "Mg"))
        series = (
            ("serum_k", df["serum_k"].to_numpy(dtype=float), "mmol/L", ".2f"),
            ("serum_mg", mg, mg_unit, ".2f"),
            ("urine_k", df["urine_k"].to_numpy(dtype=float), "mmol/day", ".0f"),
        )
        for row, (key, y, unit, fmt) in enumerate(series, start=1):
            fig.add_scatter(
                uid=f"run{i}_{key}",
                x=days,
                y=y,
                mode="lines",
                name=str(label),
                legendgroup=str(label),
                showlegend=row == 1 and len(runs) > 1,
                line={"color": c, "width": LINE_WIDTH, "dash": ("solid", "dash", "dot")[i % 3]},
                hovertemplate=f"{label}: %{{y:{fmt}}} {unit}<extra></extra>",
                row=row,
                col=1,
            )
    add_k_band(fig, row=1, col=1)
    add_mg_band(fig, mg_unit, axis="x2", vertical=False, yaxis="y2")
    fig.update_yaxes(title_text="mmol/L", row=1, col=1)
    # from zero, so that a change of 1 mmol/day in urine K does not look like a surge
    fig.update_yaxes(title_text=mg_unit, rangemode="tozero", row=2, col=1)
    fig.update_yaxes(title_text="mmol/day", rangemode="tozero", row=3, col=1)
    fig.update_xaxes(title_text="Day", row=3, col=1)
    fig.update_layout(hovermode="x unified")
    return _finish(fig, time_course_alt(runs), title or "Time course", 760)


def time_course_in_unit(
    data: Sequence[Mapping[str, Any]], layout: Mapping[str, Any], mg_unit: str
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Plain JSON of a :func:`time_course_figure` built in mmol/L, with serum Mg moved to ``mg_unit``.

    Rescales the serum Mg traces, their hover text, the Mg band and the Mg axis title — much
    cheaper than building the figure again, so a units switch stays within the frame budget.
    """
    unit = _mg_unit(mg_unit)
    if unit == "mmol/L":
        return list(data), dict(layout)
    factor = float(from_mmol_per_l(1.0, unit, "Mg"))
    out = []
    for trace in data:
        if str(trace.get("uid", "")).endswith("_serum_mg"):
            trace = {
                **trace,
                "y": [v * factor for v in trace["y"]],
                "hovertemplate": trace.get("hovertemplate", "").replace("mmol/L", unit),
            }
        out.append(trace)
    yaxis2 = {**layout.get("yaxis2", {}), "title": {"text": unit}}
    new_layout = {**layout, "yaxis2": yaxis2, "shapes": with_mg_bands_in(layout.get("shapes", []), unit)}
    return out, new_layout


def time_course_alt(runs: Mapping[str, pd.DataFrame]) -> str:
    """Text alternative of :func:`time_course_figure`: start and end serum K of every run."""
    parts = []
    for label, df in runs.items():
        k0, k1 = float(df["serum_k"].iloc[0]), float(df["serum_k"].iloc[-1])
        day = float(df.index[-1])
        parts.append(f"{label}: serum K {k0:.2f} → {k1:.2f} mmol/L by day {day:g}")
    return (
        "Three panels against time in days: serum K, serum Mg and urine K. "
        + "; ".join(parts)
        + f". {model.MG_K_LABEL}. "
        + DISCLAIMER_SHORT
    )


# ---------------------------------------------------------------------------------------------
# Where the body's K is: ECF vs ICF
# ---------------------------------------------------------------------------------------------


def cell_distribution_data(
    serum_mg: float = 0.85,
    k_intake: float = K_INTAKE_DEFAULT,
    driver: float = 1.0,
    params: model.Params | None = None,
) -> dict[str, Any]:
    """Numbers of :func:`cell_distribution_figure`: bars (uid ``"reference"`` and ``"current"``,
    y = [serum K, cell K, total-body K]) and the two :class:`~mgk_helpers.model.SteadyState`.

    The reference is normal Mg (0.85 mmol/L), 100 mmol/day intake, driver 1, same parameters.
    """
    params = params or model.Params()
    ref = model.steady_state(0.85, k_intake=K_INTAKE_DEFAULT, driver=1.0, params=params)
    cur = model.steady_state(serum_mg, k_intake=k_intake, driver=driver, params=params)
    x = ["Serum (ECF) K", "Cell (ICF) K", "Total-body K"]

    def ys(s: Any) -> list[float]:
        return [float(s.serum_k), float(s.icf_k), float(s.total_body_k)]

    return {
        "reference": {"x": x, "y": ys(ref)},
        "current": {"x": x, "y": ys(cur)},
        "state": cur,
        "reference_state": ref,
    }


def cell_distribution_alt(cur: Any, ref: Any) -> str:
    """Text alternative of :func:`cell_distribution_figure`."""
    return (
        "Three bar panels comparing the current steady state with the reference (normal Mg, 100 mmol/day, "
        f"no driver): serum K {float(cur.serum_k):.2f} vs {float(ref.serum_k):.2f} mmol/L; cell K "
        f"{float(cur.icf_k):.0f} vs {float(ref.icf_k):.0f} mmol/L; "
        f"total-body K {float(cur.total_body_k):.0f} vs "
        f"{float(ref.total_body_k):.0f} mmol. {DISCLAIMER_SHORT}"
    )


def cell_distribution_figure(
    serum_mg: float = 0.85,
    k_intake: float = K_INTAKE_DEFAULT,
    driver: float = 1.0,
    params: model.Params | None = None,
) -> go.Figure:
    """ECF (serum) K, ICF (cell) K and total-body K as three panels with their own axes, so the
    small ECF value is as visible as the large ICF one; each panel compares the current steady
    state with the reference (normal Mg, 100 mmol/day, driver 1).

    Trace uids: ``"reference"`` / ``"current"`` in each panel,
    suffixed ``_serum``, ``_icf``, ``_total`` (uids must be valid CSS identifiers).
    """
    d = cell_distribution_data(serum_mg, k_intake, driver, params)
    titles = ("Serum (ECF) K, mmol/L", "Cell (ICF) K, mmol/L", "Total-body K, mmol")
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.1)
    for col, key in enumerate(("serum", "icf", "total"), start=1):
        for name, colour, pattern in (("reference", "#9a9a9a", "/"), ("current", OKABE_ITO["blue"], "")):
            y = d[name]["y"][col - 1]
            fig.add_bar(
                uid=f"{name}_{key}",
                x=[name],
                y=[y],
                name=name,
                legendgroup=name,
                showlegend=col == 1,
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern},
                    "line": {"color": "black", "width": 1.5},
                },
                text=[f"{y:.2f}" if key == "serum" else f"{y:.0f}"],
                textposition="outside",
                cliponaxis=False,
                hoverinfo="skip",
                row=1,
                col=col,
            )
    add_k_band(fig, row=1, col=1)
    for col, y_range in enumerate((SERUM_K_AXIS, ICF_K_AXIS, TOTAL_K_AXIS), start=1):
        fig.update_yaxes(range=list(y_range), row=1, col=col)
    fig.update_layout(bargap=0.25, hovermode=False)
    alt = cell_distribution_alt(d["state"], d["reference_state"])
    return _finish(fig, alt, "Where the body's potassium is", 520)


# ---------------------------------------------------------------------------------------------
# Membrane potential: Nernst E_K and GHK Vm against extracellular K
# ---------------------------------------------------------------------------------------------


def membrane_data(k_out: float = 4.2, k_in: float = 140.0, p_na_over_p_k: float = 0.01) -> dict[str, Any]:
    """Numbers of :func:`membrane_figure`: curves ``e_k``/``vm`` over 1–8 mmol/L and the current
    points ``e_k_point``/``vm_point``; also ``"e_k_mv"`` and ``"vm_mv"`` (floats, mV)."""
    k = np.linspace(*MEMBRANE_K_RANGE, 141)
    e_k = np.asarray(membrane.nernst(k, k_in))
    vm = np.asarray(membrane.ghk_voltage(k, k_in=k_in, p_na_over_p_k=p_na_over_p_k))
    e0 = float(membrane.nernst(k_out, k_in))
    v0 = float(membrane.ghk_voltage(k_out, k_in=k_in, p_na_over_p_k=p_na_over_p_k))
    return {
        "e_k": {"x": k, "y": e_k},
        "vm": {"x": k, "y": vm},
        "e_k_point": {"x": [k_out], "y": [e0]},
        "vm_point": {"x": [k_out], "y": [v0]},
        "e_k_mv": e0,
        "vm_mv": v0,
    }


def membrane_alt(k_out: float, e_k: float, vm: float) -> str:
    """Text alternative of :func:`membrane_figure`."""
    return (
        "Membrane potentials against extracellular K from 1 to 8 mmol/L: the K equilibrium potential E_K "
        "(Nernst) and the resting potential Vm (GHK) both become more negative as K falls. "
        f"At {k_out:.1f} mmol/L: E_K {e_k:.0f} mV, Vm {vm:.0f} mV. Below about {BISTABLE_K} mmol/L real "
        "muscle can instead depolarise (shaded), which this fixed-permeability model does not show."
    )


def membrane_figure(k_out: float = 4.2, k_in: float = 140.0, p_na_over_p_k: float = 0.01) -> go.Figure:
    """E_K (Nernst) and GHK resting potential against extracellular K, current point marked, the
    normal K range shaded, and a hatched region below 1.5 mmol/L where real muscle is bistable.

    Trace uids: ``e_k``, ``vm``, ``e_k_point``, ``vm_point``.
    """
    d = membrane_data(k_out, k_in, p_na_over_p_k)
    fig = go.Figure()
    for key, name, colour, dash in (
        ("e_k", "E_K (Nernst)", OKABE_ITO["blue"], "solid"),
        ("vm", "Vm (GHK)", OKABE_ITO["vermillion"], "dash"),
    ):
        fig.add_scatter(
            uid=key,
            **d[key],
            mode="lines",
            name=name,
            line={"color": colour, "width": LINE_WIDTH, "dash": dash},
            hovertemplate=f"{name}: %{{y:.1f}} mV<extra></extra>",
        )
        fig.add_scatter(
            uid=f"{key}_point",
            **d[f"{key}_point"],
            mode="markers",
            showlegend=False,
            marker={"color": colour, "size": 16, "line": {"color": "black", "width": 2}},
            hovertemplate=f"{name}: %{{y:.1f}} mV<extra>current</extra>",
        )
    fig.add_vrect(x0=K_NORMAL[0], x1=K_NORMAL[1], fillcolor=BAND_COLOUR, line_width=0, layer="below")
    fig.add_vrect(
        x0=MEMBRANE_K_RANGE[0],
        x1=BISTABLE_K,
        fillcolor=_rgba(OKABE_ITO["orange"], 0.18),
        line_width=0,
        layer="below",
    )
    fig.add_annotation(
        x=(MEMBRANE_K_RANGE[0] + BISTABLE_K) / 2,
        y=1.0,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text="real muscle<br>may depolarise",
        font={"size": FONT_SIZE - 4},
    )
    fig.add_annotation(
        x=sum(K_NORMAL) / 2,
        y=1.0,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text="normal K",
        font={"size": FONT_SIZE - 4},
    )
    fig.update_xaxes(title_text="Extracellular (serum) K (mmol/L)", range=list(MEMBRANE_K_RANGE))
    fig.update_yaxes(title_text="Membrane potential (mV)")
    alt = membrane_alt(k_out, d["e_k_mv"], d["vm_mv"])
    return _finish(fig, alt, "Membrane potential and extracellular K", 560)


# =============================================================================================
# Serum Mg on a scale of grades (the unit converter of notebook 00)
# =============================================================================================

#: Band colours for the Mg grade scale, low to high (Okabe–Ito, light).
#: Colour of each grade band, by (direction, severity).
_GRADE_COLOURS = {
    ("low", "severe"): "vermillion",
    ("low", "moderate"): "orange",
    ("low", "mild"): "yellow",
    ("normal", "normal"): "bluish_green",
    ("high", "mild"): "sky_blue",
    ("high", "moderate"): "blue",
    ("high", "severe"): "reddish_purple",
}


def _visible_mg_grades() -> list[Any]:
    """The serum Mg grades that overlap the model's serum Mg range (the scale's axis)."""
    lo, hi = model.SERUM_MG_RANGE
    return [g for g in MG_GRADES if g.upper > lo and g.lower < hi]


def _grade_word(grade: Any) -> str:
    if grade.direction == "normal":
        return "normal"
    return f"{grade.severity} {grade.direction}" if grade.severity == "mild" else grade.severity


def mg_scale_data(serum_mg: float, mg_unit: str = "mmol/L") -> dict[str, Any]:
    """Marker position, grade-band shapes and axis for :func:`mg_scale_figure` in ``mg_unit``."""
    unit = _mg_unit(mg_unit)
    lo, hi = (float(from_mmol_per_l(v, unit, "Mg")) for v in model.SERUM_MG_RANGE)
    shapes = []
    for grade in _visible_mg_grades():
        colour = _GRADE_COLOURS[(grade.direction, grade.severity)]
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
                "fillcolor": _rgba(OKABE_ITO[colour], 0.35),
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
    grades = ", ".join(_grade_word(g) for g in _visible_mg_grades())
    return (
        f"A scale of serum magnesium in {mg_unit} coloured by grade ({grades}); "
        f"the marker is at {value:.2f} {mg_unit}: {classify_mg(serum_mg).label}."
    )


def mg_scale_figure(serum_mg: float = 0.85, mg_unit: str = "mmol/L") -> go.Figure:
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
    for grade in _visible_mg_grades():
        label = _grade_word(grade)
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
    return _finish(fig, mg_scale_alt(serum_mg, mg_unit), "Serum magnesium: units and grades", 260)


# ---------------------------------------------------------------------------------------------
# The sufficiency map: which phenomena the model shows over Kd_ROMK × γ (an HTML table)
# ---------------------------------------------------------------------------------------------


def sufficiency_table(table: pd.DataFrame | None = None) -> Any:
    """The sufficiency map as an accessible HTML table (an ``IPython.display.HTML`` object).

    Rows: Kd_ROMK (mM) with the largest renal effect it allows (R_max); columns: γ. Each cell names
    the phenomena that hold (P1, P2, P3) in words as well as in colour, so it reads in print, on
    GitHub and with a screen reader. ``table`` defaults to :func:`mgk_helpers.sufficiency.sufficiency_map`.
    """
    from IPython.display import HTML

    table = sufficiency.sufficiency_map() if table is None else table
    default = model.Params()
    kds = sorted(table["kd_romk"].unique())
    gammas = sorted(table["gamma"].unique())
    cells = table.set_index(["kd_romk", "gamma"])
    head = "".join(f'<th scope="col">γ = {g:g}</th>' for g in gammas)
    rows = []
    for kd in kds:
        r_max = 1 + default.mg_i0 / kd
        marks = []
        for g in gammas:
            c = cells.loc[(kd, g)]
            held = [name.upper() for name in ("p1", "p2", "p3") if bool(c[name])]
            label = " ".join(held) if held else "none"
            shade = (
                ("#0072B2", "#ffffff")
                if c["p1"]
                else ("#56B4E9", "#000000")
                if c["p2"]
                else (("#F0E442", "#000000") if c["p3"] else ("#ffffff", "#000000"))
            )
            here = kd == default.kd_romk and g == default.gamma
            title = (
                f"Kd_ROMK {kd:g} mM, γ {g:g}: Mg-depleted serum K {c['depletion_serum_k']:.2f}; "
                f"day 28 K alone {c['k_alone_day28']:.2f}, K + Mg {c['k_and_mg_day28']:.2f} mmol/L"
            )
            marks.append(
                f'<td style="background:{shade[0]};color:{shade[1]};text-align:center;padding:6px 10px;'
                f'border:1px solid #777" title="{escape(title)}">{label}{" (default)" if here else ""}</td>'
            )
        rows.append(
            f'<tr><th scope="row" style="text-align:left;padding:6px 10px">Kd {kd:g} mM '
            f"(R<sub>max</sub> {r_max:.1f})</th>{''.join(marks)}</tr>"
        )
    legend = "; ".join(PHENOMENON_WORDS)
    html = (
        '<table class="mgk-sufficiency" style="border-collapse:collapse;font-size:16px">'
        '<caption style="caption-side:top;text-align:left;padding-bottom:6px">'
        "What would have to be true? Phenomena the teaching model shows for each renal Mg-block constant "
        "Kd_ROMK (calibration; rows) and serum → cell Mg exponent γ (hypothesis; columns). "
        f"{escape(legend)}. A sufficiency argument, not a prediction.</caption>"
        f'<thead><tr><th scope="col">Kd_ROMK \\ γ</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return HTML(html)


PHENOMENON_WORDS: tuple[str, ...] = tuple(sufficiency.PHENOMENA.values())
