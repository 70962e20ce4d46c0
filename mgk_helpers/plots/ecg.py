"""The schematic ECG strip: three beats of lead II on ECG paper, with QT and QU calipers on the middle beat.

The numbers come from :mod:`mgk_helpers.model.ecg`; this module draws them and words the intervals. ECG paper:
minor grid lines every 0.04 s and 0.1 mV in a translucent vermillion (pink on white, still visible on a dark
page), major lines every 0.2 s and 0.5 mV (the explorers' front end recolours major grid lines for the page's
theme); the axes are locked so that a small square is square at any width (0.04 s spans as many pixels as
0.1 mV: where the figure is wide the paper narrows, where it is narrow more millivolts of paper show). The
trace is the Okabe–Ito blue; the calipers are vermillion (QT, solid) and bluish green (QU, dashed), told apart
by dash and label as well as colour, and hidden on the sine wave, where no QT can be measured. Everything is
labelled schematic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from ..model.ecg import (
    HEART_RATE_PER_MIN,
    P_ONSET_S,
    QTC_LONG_MS,
    RR_S,
    EcgFeatures,
    ecg_description,
    ecg_features,
    ecg_strip,
    ecg_strip_caveat,
    ecg_warning,
)
from ..model.equations import SERUM_MG_REF
from ..model.reference import K_NORMAL, classify_mg
from .theme import FONT_SIZE, OKABE_ITO, finish, rgba

__all__ = [
    "ECG_BEATS",
    "ECG_CALIPER_BEAT",
    "ECG_FIGURE_FS",
    "ECG_SCALE_RATIO",
    "ECG_STRIP_ALT",
    "ECG_X_RANGE",
    "ECG_Y_RANGE",
    "QT_CALIPER_PATH",
    "QU_CALIPER_PATH",
    "ecg_calipers",
    "ecg_intervals_template",
    "ecg_intervals_values",
    "ecg_mg_qt_words",
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
#: Pixels per mV over pixels per s (the y axis's ``scaleratio``): 0.1 mV spans as many pixels as 0.04 s.
ECG_SCALE_RATIO = 0.04 / 0.1

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
#: ecg_description`), ``intervals`` (:func:`ecg_intervals_template`, filled in), ``mg_qt``
#: (:func:`ecg_mg_qt_words`), ``warning`` ("" or a space and :func:`~mgk_helpers.model.ecg.ecg_warning`) and
#: ``caveat`` (:func:`~mgk_helpers.model.ecg.ecg_strip_caveat`).
ECG_STRIP_ALT = (
    f"Schematic lead II ECG, {ECG_BEATS} beats at {HEART_RATE_PER_MIN:g}/min on ECG paper (small squares "
    "0.04 s by 0.1 mV). Serum K {k:.1f} mmol/L ({k_grade}); serum Mg {mg}. Typical ECG for {band}: "
    "{findings}. This schematic strip: {description}. {intervals}.{mg_qt}{warning} {caveat}"
)
_QTC_LIMITS = f"{QTC_LONG_MS[0]} ms in men, {QTC_LONG_MS[1]} ms in women"
_NORMAL_K = sum(K_NORMAL) / 2


def ecg_intervals_values(f: EcgFeatures) -> dict[str, int]:
    """The numbers of :func:`ecg_intervals_template`, ms: ``qt``, ``qtc``, ``qu`` (0 without a U wave), ``jt``
    (QT minus QRS) and ``jt0`` (the JT at normal K and the same Mg)."""
    ref = ecg_features(_NORMAL_K, f.serum_mg)
    return {"qt": f.qt_ms, "qtc": f.qtc_ms, "qu": f.qu_ms or 0, "jt": f.jt_ms, "jt0": ref.jt_ms}


def ecg_intervals_template(f: EcgFeatures) -> str:
    """The intervals of features ``f`` in words, as a template with the fields of :func:`ecg_intervals_values`
    (``{qt:.0f}`` …): a few distinct templates cover every state.

    On the sine wave: the QT is not measurable. With a wide QRS: the QT is longer than at normal K (same Mg)
    only because the QRS is wide, and the JT is shorter (the QTc limits do not apply). Otherwise the QTc
    against the clinical limits (:data:`~mgk_helpers.model.ecg.QTC_LONG_MS`), and where high K has shortened
    the QT, that it has. Then the QU, if there is a U wave, and whether it is long.
    """
    if not f.qt_measurable:
        return (
            "QT not measurable (sine-wave pattern): with no end to the QRS or to the T wave, there is no QT "
            "or QTc to read; no U wave"
        )
    ref = ecg_features(_NORMAL_K, f.serum_mg)
    qt = "QT {qt:.0f} ms"
    if f.qrs_wide:
        why = (
            "longer than at normal K only because"
            if f.qt_ms > ref.qt_ms
            else "no longer than at normal K, although"
        )
        qt += (
            f", QTc {{qtc:.0f}} ms (Bazett): {why} the QRS is wide; the JT (QT minus QRS) is {{jt:.0f}} ms, "
            "shorter than the {jt0:.0f} ms at normal K (with a wide QRS the QTc limits do not apply)"
        )
    else:
        if f.qt_ms < ref.qt_ms:
            qt += " (shorter than at normal K: high K speeds repolarisation)"
        if f.qtc_ms >= QTC_LONG_MS[1]:
            words = f"prolonged (limits {_QTC_LIMITS})"
        elif f.qtc_ms >= QTC_LONG_MS[0]:
            words = (
                f"prolonged for a man ({QTC_LONG_MS[0]} ms or more), not for a woman ({QTC_LONG_MS[1]} ms)"
            )
        else:
            words = f"not prolonged (limits {_QTC_LIMITS})"
        qt += f", QTc {{qtc:.0f}} ms (Bazett), {words}"
    if not f.u_wave:
        return f"{qt}; no U wave"
    qu = "QU {qu:.0f} ms, what a QT measured by mistake to the end of the U wave would read"
    if f.qu_long:
        qu += " (an easy mistake where the U wave is as tall as the T wave or taller; this QU is long)"
    return f"{qt}; {qu}"


def ecg_mg_qt_words(f: EcgFeatures) -> str:
    """Nothing at normal Mg or on the sine wave; otherwise a space and what the strip's low Mg does to the QT
    (a fixed amount per band, a teaching choice) and where much of the long QT of low Mg comes from."""
    if not f.mg_low or not f.qt_measurable:
        return ""
    return (
        f" Low Mg: the strip adds a fixed {f.mg_qt_ms} ms to the QT for {f.mg_grade}, a teaching choice (D); "
        "much of the long QT seen with low Mg comes through the low K and low Ca that usually come with it."
    )


def ecg_mg_words(serum_mg: float) -> str:
    """Serum Mg as the strip reads it: its grade band and the band's range (the strip changes by band)."""
    c = classify_mg(serum_mg)
    return f"{c.label} ({c.range_text})"


def ecg_strip_alt(serum_k: float, serum_mg: float) -> str:
    """Text alternative of :func:`ecg_strip_figure` (:data:`ECG_STRIP_ALT`)."""
    f = ecg_features(serum_k, serum_mg)
    warning = ecg_warning(f)
    return ECG_STRIP_ALT.format(
        k=f.serum_k,
        k_grade=f.k_grade,
        mg=ecg_mg_words(f.serum_mg),
        band=f.band,
        findings=f.findings,
        description=ecg_description(f),
        intervals=ecg_intervals_template(f).format(**ecg_intervals_values(f)),
        mg_qt=ecg_mg_qt_words(f),
        warning=f" {warning}" if warning else "",
        caveat=ecg_strip_caveat(f.serum_k),
    )


def ecg_calipers(f: EcgFeatures) -> dict[str, tuple[float, float] | None]:
    """The calipers of :func:`ecg_strip_figure` for features ``f``: ``qt`` and ``qu`` as (start, end) in s on
    the middle beat (``qt`` None on the sine wave, where no QT can be measured; ``qu`` None without a U
    wave)."""
    q_on = ECG_CALIPER_BEAT * RR_S + P_ONSET_S + f.pr_ms / 1e3
    return {
        "qt": (q_on, q_on + f.qt_ms / 1e3) if f.qt_measurable else None,
        "qu": (q_on, q_on + f.qu_ms / 1e3) if f.qu_ms is not None else None,
    }


def ecg_strip_data(serum_k: float, serum_mg: float, fs: float = ECG_FIGURE_FS) -> dict[str, Any]:
    """Numbers of :func:`ecg_strip_figure`: ``beat0`` … ``beat2`` (``x`` in s, ``y`` in mV; each beat from
    its start to the next beat's start, so the traces join), the calipers ``qt`` and ``qu`` as (start, end) in
    s on the middle beat (:func:`ecg_calipers`: ``qt`` None on the sine wave, ``qu`` None without a U wave),
    and ``features``
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


def _paper_axis(
    major: float, minor: float, labelled: float, lo: float, hi: float, extra: float = 0.0
) -> dict[str, Any]:
    """An ECG-paper axis over ``lo``–``hi``, with major lines (and labels) ``extra`` beyond each end, for a
    range that the locked aspect widens."""
    ticks = np.round(np.arange(lo - extra, hi + extra + major / 2, major), 6)
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
    calipers on the middle beat (shapes named ``qt_caliper``, ``qu_caliper``; the QT hidden on the sine wave,
    the QU without a U wave) and their labels (annotations named ``qt_label``, ``qu_label``). The axes keep
    the paper's small squares square (:data:`ECG_SCALE_RATIO`).

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
    # a hidden caliper still has a place: where it would be (the QT as drawn; the QU on the QT)
    q_on = ECG_CALIPER_BEAT * RR_S + P_ONSET_S + f.pr_ms / 1e3
    drawn_qt = d["qt"] or (q_on, q_on + f.qt_ms / 1e3)
    qu = d["qu"] or drawn_qt
    for name, template, (a, b), colour, dash, visible in (
        ("qt", QT_CALIPER_PATH, drawn_qt, OKABE_ITO["vermillion"], "solid", d["qt"] is not None),
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
        ("qt", f"QT {f.qt_ms} ms", drawn_qt[1], _QT_Y, d["qt"] is not None),
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
        x=1,
        y=1.0,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        text="Schematic drawing, not a recording",
        font={"size": FONT_SIZE - 4},
    )
    fig.update_xaxes(title_text="Time (s)", **_paper_axis(0.2, 0.04, 0.4, *ECG_X_RANGE))
    fig.update_xaxes(constrain="domain")  # a wide figure: narrower paper, centred
    fig.update_yaxes(
        title_text="Schematic lead II (mV)",
        scaleanchor="x",
        scaleratio=ECG_SCALE_RATIO,
        constrain="domain",  # a narrow figure: a shorter strip; the ranges stay as set (same each draw)
        **_paper_axis(0.5, 0.1, 0.5, *ECG_Y_RANGE, extra=5.0),
    )
    fig.update_layout(hovermode="closest")
    title = f"Schematic ECG strip (lead II), serum K {f.serum_k:.1f} mmol/L"
    return finish(fig, ecg_strip_alt(serum_k, serum_mg), title, 460)
