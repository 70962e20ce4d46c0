"""The schematic ECG strip: three beats of lead II on ECG paper, with QT and QU calipers on the middle beat.

The numbers come from :mod:`mgk_helpers.model.ecg`; this module draws them. ECG paper: minor grid lines every
0.04 s and 0.1 mV in a translucent vermillion (pink on white, still visible on a dark page), major lines every
0.2 s and 0.5 mV (the explorers' front end recolours major grid lines for the page's theme). The trace is the
Okabe–Ito blue; the calipers are vermillion (QT, solid) and bluish green (QU, dashed), told apart by dash and
label as well as colour. Everything is labelled schematic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from ..model.ecg import (
    ECG_STRIP_CAVEAT,
    HEART_RATE_PER_MIN,
    P_ONSET_S,
    RR_S,
    TORSADES_WARNING,
    EcgFeatures,
    ecg_description,
    ecg_features,
    ecg_strip,
)
from ..model.equations import SERUM_MG_REF
from ..model.reference import classify_mg
from .theme import FONT_SIZE, OKABE_ITO, finish, rgba

__all__ = [
    "ECG_BEATS",
    "ECG_CALIPER_BEAT",
    "ECG_FIGURE_FS",
    "ECG_INTERVALS_NO_U",
    "ECG_INTERVALS_U",
    "ECG_STRIP_ALT",
    "ECG_X_RANGE",
    "ECG_Y_RANGE",
    "QT_CALIPER_PATH",
    "QU_CALIPER_PATH",
    "ecg_calipers",
    "ecg_mg_words",
    "ecg_strip_alt",
    "ecg_strip_data",
    "ecg_strip_figure",
]

#: Beats drawn, the beat that carries the calipers, and the sampling rate of the drawn strip (Hz).
ECG_BEATS = 3
ECG_CALIPER_BEAT = 1
ECG_FIGURE_FS = 100.0
#: Axis ranges: time (s) and voltage (mV).
ECG_X_RANGE: tuple[float, float] = (0.0, ECG_BEATS * RR_S)
ECG_Y_RANGE: tuple[float, float] = (-1.0, 2.0)

_QT_Y, _QU_Y, _TICK = 1.5, 1.8, 0.08  # mV: height of each caliper, half-height of its end ticks


def _caliper(y: float) -> str:
    """An SVG path template (fields ``a``, ``b``: start and end in s): a horizontal bar with end ticks."""
    lo, hi = y - _TICK, y + _TICK
    return f"M{{a:.4f}},{lo:g}V{hi:g}M{{a:.4f}},{y:g}H{{b:.4f}}M{{b:.4f}},{lo:g}V{hi:g}"


#: Caliper shapes (SVG paths in data units): the QT from the onset of the QRS to the end of the T wave, the QU
#: to the end of the U wave. Templates with fields ``a`` (start, s) and ``b`` (end, s).
QT_CALIPER_PATH = _caliper(_QT_Y)
QU_CALIPER_PATH = _caliper(_QU_Y)

#: The figure's text alternative, which is also the explorer's readout. Fields: ``k`` (mmol/L), ``k_grade``,
#: ``mg`` (:func:`ecg_mg_words`), ``band``, ``findings``, ``description`` (:func:`~mgk_helpers.model.ecg.
#: ecg_description`), ``intervals`` (:data:`ECG_INTERVALS_U` or :data:`ECG_INTERVALS_NO_U`, filled in) and
#: ``warning`` ("" or a space and :data:`~mgk_helpers.model.ecg.TORSADES_WARNING`).
ECG_STRIP_ALT = (
    f"Schematic lead II ECG, {ECG_BEATS} beats at {HEART_RATE_PER_MIN:g}/min on ECG paper (small squares "
    "0.04 s by 0.1 mV). Serum K {k:.1f} mmol/L ({k_grade}); serum Mg {mg}. Typical ECG for {band}: "
    "{findings}. This schematic strip: {description}. {intervals}.{warning} " + ECG_STRIP_CAVEAT
)
#: The intervals in words, with a U wave and without one. Fields ``qt``, ``qtc`` and ``qu`` (ms).
ECG_INTERVALS_U = (
    "QT {qt:.0f} ms, QTc {qtc:.0f} ms (Bazett); QU {qu:.0f} ms, what a QT measured by mistake to the end of "
    "the U wave would read"
)
ECG_INTERVALS_NO_U = "QT {qt:.0f} ms, QTc {qtc:.0f} ms (Bazett); no U wave"


def ecg_mg_words(serum_mg: float) -> str:
    """Serum Mg as the strip reads it: its grade band and the band's range (the strip changes by band)."""
    c = classify_mg(serum_mg)
    return f"{c.label} ({c.range_text})"


def ecg_strip_alt(serum_k: float, serum_mg: float) -> str:
    """Text alternative of :func:`ecg_strip_figure` (:data:`ECG_STRIP_ALT`)."""
    f = ecg_features(serum_k, serum_mg)
    template = ECG_INTERVALS_U if f.u_wave else ECG_INTERVALS_NO_U
    return ECG_STRIP_ALT.format(
        k=f.serum_k,
        k_grade=f.k_grade,
        mg=ecg_mg_words(f.serum_mg),
        band=f.band,
        findings=f.findings,
        description=ecg_description(f),
        intervals=template.format(qt=f.qt_ms, qtc=f.qtc_ms, qu=f.qu_ms or 0),
        warning=f" {TORSADES_WARNING}" if f.torsades_warning else "",
    )


def ecg_calipers(f: EcgFeatures) -> dict[str, tuple[float, float] | None]:
    """The calipers of :func:`ecg_strip_figure` for features ``f``: ``qt`` and ``qu`` as (start, end) in s on
    the middle beat (``qu`` None without a U wave)."""
    q_on = ECG_CALIPER_BEAT * RR_S + P_ONSET_S + f.pr_ms / 1e3
    return {
        "qt": (q_on, q_on + f.qt_ms / 1e3),
        "qu": (q_on, q_on + f.qu_ms / 1e3) if f.qu_ms is not None else None,
    }


def ecg_strip_data(serum_k: float, serum_mg: float, fs: float = ECG_FIGURE_FS) -> dict[str, Any]:
    """Numbers of :func:`ecg_strip_figure`: ``beat0`` … ``beat2`` (``x`` in s, ``y`` in mV; each beat from
    its start to the next beat's start, so the traces join), the calipers ``qt`` and ``qu`` as (start, end) in
    s on the middle beat (``qu`` None without a U wave), and ``features``
    (:class:`~mgk_helpers.model.ecg.EcgFeatures`).
    """
    n = round(RR_S * fs)
    if abs(RR_S * fs - n) > 1e-9:
        raise ValueError(f"fs={fs:g} Hz does not give a whole number of samples per beat of {RR_S:g} s")
    t, mv = ecg_strip(serum_k, serum_mg, seconds=ECG_BEATS * RR_S, fs=fs)
    out: dict[str, Any] = {
        f"beat{i}": {"x": t[i * n : (i + 1) * n + 1], "y": mv[i * n : (i + 1) * n + 1]}
        for i in range(ECG_BEATS)
    }
    f = ecg_features(serum_k, serum_mg)
    return {**out, **ecg_calipers(f), "features": f}


def _paper_axis(major: float, minor: float, labelled: float, lo: float, hi: float) -> dict[str, Any]:
    ticks = np.round(np.arange(lo, hi + major / 2, major), 6)
    labels = [f"{v:g}" if abs(v / labelled - round(v / labelled)) < 1e-6 else "" for v in ticks]
    return {
        "range": [lo, hi],
        "tickmode": "array",
        "tickvals": [float(v) for v in ticks],
        "ticktext": labels,
        "gridcolor": rgba(OKABE_ITO["vermillion"], 0.35),
        "gridwidth": 1,
        "minor": {
            "dtick": minor,
            "tick0": 0,
            "showgrid": True,
            "gridcolor": rgba(OKABE_ITO["vermillion"], 0.18),
        },
        "zeroline": False,
        "fixedrange": True,
    }


def ecg_strip_figure(serum_k: float = 4.2, serum_mg: float = SERUM_MG_REF) -> go.Figure:
    """Three beats of schematic lead II on ECG paper at ``serum_k`` and ``serum_mg`` (mmol/L), with QT and QU
    calipers on the middle beat (shapes named ``qt_caliper``, ``qu_caliper``; the QU hidden without a U wave)
    and their labels (annotations named ``qt_label``, ``qu_label``).

    Trace uids: ``beat0``, ``beat1``, ``beat2``.
    """
    d = ecg_strip_data(serum_k, serum_mg)
    f: EcgFeatures = d["features"]
    fig = go.Figure()
    for i in range(ECG_BEATS):
        fig.add_scatter(
            uid=f"beat{i}",
            x=[round(float(x), 6) for x in d[f"beat{i}"]["x"]],
            y=d[f"beat{i}"]["y"],
            mode="lines",
            name="Schematic lead II",
            showlegend=False,
            line={"color": OKABE_ITO["blue"], "width": 2.5},
            hovertemplate="%{x:.2f} s, %{y:.2f} mV<extra>schematic</extra>",
        )
    qu = d["qu"] or d["qt"]
    for name, template, (a, b), colour, dash, visible in (
        ("qt", QT_CALIPER_PATH, d["qt"], OKABE_ITO["vermillion"], "solid", True),
        ("qu", QU_CALIPER_PATH, qu, OKABE_ITO["bluish_green"], "dash", d["qu"] is not None),
    ):
        fig.add_shape(
            type="path",
            name=f"{name}_caliper",
            xref="x",
            yref="y",
            path=template.format(a=a, b=b),
            line={"color": colour, "width": 3, "dash": dash},
            visible=visible,
        )
    labels = (
        ("qt", f"QT {f.qt_ms} ms", d["qt"][1], _QT_Y, True),
        ("qu", f"QU {f.qu_ms or 0} ms", qu[1], _QU_Y, d["qu"] is not None),
    )
    for name, text, x, y, visible in labels:
        fig.add_annotation(
            name=f"{name}_label",
            x=x + 0.03,
            y=y,
            xanchor="left",
            showarrow=False,
            text=text,
            font={"size": FONT_SIZE - 2},
            visible=visible,
        )
    fig.add_annotation(
        name="schematic",
        x=0,
        y=1.0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        text="Schematic drawing, not a recording",
        font={"size": FONT_SIZE - 4},
    )
    fig.update_xaxes(title_text="Time (s)", **_paper_axis(0.2, 0.04, 0.4, *ECG_X_RANGE))
    fig.update_yaxes(title_text="Schematic lead II (mV)", **_paper_axis(0.5, 0.1, 0.5, *ECG_Y_RANGE))
    fig.update_layout(hovermode="closest")
    title = f"Schematic ECG strip (lead II), serum K {f.serum_k:.1f} mmol/L"
    return finish(fig, ecg_strip_alt(serum_k, serum_mg), title, 460)
