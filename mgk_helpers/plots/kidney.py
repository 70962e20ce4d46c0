"""The kidney's figures: steady-state serum and urine K against serum Mg (with the uncertainty band), the time
course of a scenario, and the sufficiency map as an accessible HTML table.
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

from ..model import equations as model
from ..model import sufficiency
from ..model.equations import SERUM_MG_REF
from ..model.notices import TEACHING_MODEL_NOTE
from ..model.reference import classify_k
from ..model.units import from_mmol_per_l
from .theme import (
    ENVELOPE_ALPHA,
    LINE_WIDTH,
    OKABE_ITO,
    PALETTE,
    SERUM_K_AXIS,
    URINE_K_AXIS,
    add_k_band,
    add_mg_band,
    checked_mg_unit,
    finish,
    mg_axis_title,
    mg_band_shape,
    rgba,
    with_mg_bands_in,
)

__all__ = [
    "KD_ROMK_RANGE",
    "STEADY_STATE_ALT",
    "N_RANGE",
    "UNCERTAINTY_NAME",
    "UNCERTAINTY_SPAN",
    "PHENOMENON_WORDS",
    "steady_state_alt",
    "steady_state_data",
    "steady_state_figure",
    "sufficiency_table",
    "time_course_alt",
    "time_course_figure",
    "time_course_in_unit",
]

#: Ranges of the uncertain parameters spanned by the uncertainty band (one home: the model layer).
#: The uncertainty band's legend entry (short: a plotly legend does not wrap) and what it spans, in words.
UNCERTAINTY_NAME = "model uncertainty"
UNCERTAINTY_SPAN = "Kd_ROMK {0}–{1} mM, γ {4}–{5}, n {2}–{3}, φ {6}–{7}".format(
    *(f"{v:g}" for key in ("kd_romk", "n", "gamma", "phi") for v in sufficiency.UNCERTAINTY_RANGES[key])
)
KD_ROMK_RANGE: tuple[float, float] = sufficiency.UNCERTAINTY_RANGES["kd_romk"]
N_RANGE: tuple[float, float] = sufficiency.UNCERTAINTY_RANGES["n"]

_N_GRID = 81


@lru_cache(maxsize=32)
def _uncertainty_params(params: model.Params) -> tuple[model.Params, ...]:
    """The corners of :data:`mgk_helpers.sufficiency.UNCERTAINTY_RANGES` (they bound the band)."""
    return sufficiency.uncertainty_corners(params)


def steady_state_data(
    serum_mg: float = SERUM_MG_REF,
    k_intake: float = model.K_INTAKE_DEFAULT,
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
    x = np.asarray(from_mmol_per_l(grid, checked_mg_unit(mg_unit), "Mg"))
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


#: The steady-state figure's text alternative, one template for :func:`steady_state_alt` and for the explorers
#: that fill it in the page (``{stool}`` is "" or ", extra stool K loss N mmol/day").
STEADY_STATE_ALT = (
    "Two panels against serum Mg: steady-state serum K (top) and urine K (bottom), each with a shaded "
    "uncertainty band over the renal Mg effect (γ: a hypothesis; Kd_ROMK, its strength: a calibration) and "
    f"the renal K handling (n, φ: calibrations). {model.MG_K_LABEL}. "
    "Marked point: serum Mg {mg:.2f} {unit}, K intake {intake:.0f} mmol/day{stool}, driver {driver:.2f}×: "
    "serum K {k:.2f} mmol/L ({k_grade}), urine K {urine:.0f} mmol/day. " + TEACHING_MODEL_NOTE
)


def steady_state_alt(
    serum_mg: float, k_intake: float, driver: float, point: Any, mg_unit: str, gi_k_loss: float = 0.0
) -> str:
    """Text alternative of the steady-state figure (:data:`STEADY_STATE_ALT`)."""
    serum_k = float(point.serum_k)
    return STEADY_STATE_ALT.format(
        mg=float(from_mmol_per_l(serum_mg, mg_unit, "Mg")),
        unit=mg_unit,
        intake=k_intake,
        stool=f", extra stool K loss {gi_k_loss:.0f} mmol/day" if gi_k_loss else "",
        driver=driver,
        k=serum_k,
        k_grade=classify_k(serum_k).label,
        urine=float(point.urine_k),
    )


def steady_state_figure(
    serum_mg: float = SERUM_MG_REF,
    k_intake: float = model.K_INTAKE_DEFAULT,
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
            fillcolor=rgba(c, ENVELOPE_ALPHA),
            hoverinfo="skip",
            name=UNCERTAINTY_NAME,
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
    return finish(fig, alt, "Low Mg and potassium: steady state", 680)


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
        mg = np.asarray(from_mmol_per_l(df["serum_mg"].to_numpy(dtype=float), checked_mg_unit(mg_unit), "Mg"))
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
    return finish(fig, time_course_alt(runs), title or "Time course", 760)


def time_course_in_unit(
    data: Sequence[Mapping[str, Any]], layout: Mapping[str, Any], mg_unit: str
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Plain JSON of a :func:`time_course_figure` built in mmol/L, with serum Mg moved to ``mg_unit``.

    Rescales the serum Mg traces, their hover text, the Mg band and the Mg axis title — much
    cheaper than building the figure again, so a units switch stays within the frame budget.
    """
    unit = checked_mg_unit(mg_unit)
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
        + TEACHING_MODEL_NOTE
    )


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
