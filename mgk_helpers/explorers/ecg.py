"""Serum K and a serum Mg band → a schematic lead-II ECG strip, its QT and QU, and what it shows in words.

The strip is :func:`mgk_helpers.model.ecg.ecg_strip`, one beat per (K, Mg band) state in a table whose last
axis (``sample``) is the time within the beat: it is always read whole (``free``), never indexed by a
control. The three beats drawn are the same beat (the rate is fixed), so the three traces read the same row.
Serum Mg is a choice of grade band, not a slider: the strip changes with the band only (a longer QT in each
low band), and four bands keep the table small (one float32 beat of 161 samples per state). The words that
depend on both controls (the intervals' template, the arrhythmia warning, the low-Mg note) are a few distinct
texts picked per state, so the saved page stays small; the numbers in them come from tables.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..model import ecg
from ..model.equations import SERUM_MG_RANGE, SERUM_MG_REF
from ..model.notices import TEACHING_MODEL_NOTE
from ..model.reference import K_NORMAL, MG_GRADES, MG_NORMAL, classify_mg, ecg_pattern_mg_note
from ..plots import ecg as ecg_plots
from .base import Explorer, base_figure, checked_value, choice_control, range_control
from .engine import Spec, Table

__all__ = [
    "ECG_CAVEAT",
    "ECG_LEGEND",
    "JT",
    "QTC",
    "EcgStripExplorer",
    "MG_BAND_MMOL",
    "ecg_strip_explorer",
    "ecg_tables",
]

#: The serum Mg bands offered, normal first, each with the serum Mg (mmol/L) the strip is drawn at: the middle
#: of the band within the model's range (any value in a band gives the same strip). High Mg is not offered:
#: the course's ECG reference lists no pattern for it.
MG_BAND_MMOL: dict[str, float] = {
    g.label: round((max(g.lower, SERUM_MG_RANGE[0]) + g.upper) / 2, 3)
    for g in sorted(MG_GRADES, key=lambda g: -g.lower)
    if g.direction in ("normal", "low")
}
_MG_BAND_TEXT = {band: ecg_plots.ecg_mg_words(mg) for band, mg in MG_BAND_MMOL.items()}

_K_ALL_BANDS = (
    "across every ECG band of the course's reference, from severe hypokalaemia to the sine-wave pattern"
)
_MG_QT = ", ".join(f"{ms} ms ({band})" for band, ms in ecg.MG_QT_PROLONGATION_MS.items())
ECG_LEGEND = (
    f"<b>Serum K</b>: {_K_ALL_BANDS}. <b>Serum Mg</b>: a grade band; of the findings of low Mg the strip "
    f"draws only a longer QT, by a fixed amount per band ({_MG_QT}), a teaching choice (D): much of the "
    "long QT seen with low Mg comes through the low K and low Ca that usually come with it. "
    "<b>Calipers</b> on the middle beat: QT (start of the QRS to the end of the T wave, solid) and QU (to "
    "the end of the U wave, dashed); none on the sine wave, where no QT can be measured. <b>Paper</b>: "
    "small squares 0.04 s by 0.1 mV, large squares 0.2 s by 0.5 mV, kept square. Heart rate fixed at "
    f"{ecg.HEART_RATE_PER_MIN:g}/min. Cut-offs are approximate and differ between sources; the order of the "
    "changes follows Diercks 2004 and Weiss 2017."
)
ECG_CAVEAT = f"{ecg_pattern_mg_note} {ecg.ECG_STRIP_SOURCES}"


def ecg_tables(k_grid: tuple[float, ...], mg_mmol: tuple[float, ...], fs: float) -> dict[str, Table]:
    """The model over (serum K, Mg band): ``beat`` (mV, one beat from its start to the next beat's start,
    along the non-control axis ``sample``), ``qt`` and ``qu`` (ms; ``qu`` is the QT without a U wave, where
    the hidden QU caliper sits on the QT's; both as drawn on the sine wave, where the page shows neither).
    Over serum K only: ``q_on`` (s, the start of the calipers on the middle beat) and the numbers of the
    description (``d_p``, ``d_pr``, ``d_qrs``, ``d_st``, ``d_t``, ``d_u``:
    :func:`~mgk_helpers.model.ecg.ecg_description_values`). Over the Mg band only: ``jt0`` (ms, the JT at
    normal K: :func:`~mgk_helpers.plots.ecg.ecg_intervals_values`). The QTc, the JT and the caliper ends are
    read from these (:data:`QTC`, :data:`JT`, :func:`_caliper_end`)."""
    n = round(ecg.RR_S * fs) + 1
    shape = (len(k_grid), len(mg_mmol))
    beat = np.empty((*shape, n))
    qt, qu = np.empty(shape), np.empty(shape)
    for i, k in enumerate(k_grid):
        for j, mg in enumerate(mg_mmol):
            _t, beat[i, j] = ecg.ecg_strip(k, mg, seconds=ecg.RR_S, fs=fs)
            f = ecg.ecg_features(k, mg)
            qt[i, j], qu[i, j] = f.qt_ms, f.qu_ms if f.u_wave else f.qt_ms
    at_k = [ecg.ecg_features(k, mg_mmol[0]) for k in k_grid]  # what depends on K only
    q_on = [ecg_plots.ECG_CALIPER_BEAT * ecg.RR_S + ecg.P_ONSET_S + f.pr_ms / 1e3 for f in at_k]
    words = [ecg.ecg_description_values(f) for f in at_k]
    described = {f"d_{name}": [w[name] for w in words] for name in words[0]}
    at_mg = [ecg.ecg_features(sum(K_NORMAL) / 2, mg) for mg in mg_mmol]  # what depends on Mg only
    jt0 = [ecg_plots.ecg_intervals_values(f)["jt0"] for f in at_mg]
    axes = ("serum_k", "mg_band")
    return {
        "beat": Table((*axes, "sample"), beat[None]),
        "qt": Table(axes, qt[None]),
        "qu": Table(axes, qu[None]),
        "q_on": Table(("serum_k",), np.asarray(q_on)[None]),
        **{name: Table(("serum_k",), np.asarray(a, dtype=float)[None]) for name, a in described.items()},
        "jt0": Table(("mg_band",), np.asarray(jt0, dtype=float)[None]),
    }


#: Sources read from the tables (no model here): the QTc (Bazett: QT/√RR) and the JT (QT minus QRS), ms.
QTC = {"div": [{"table": "qt"}, {"const": math.sqrt(ecg.RR_S)}]}
JT = {"sum": [{"table": "qt"}, {"mul": [{"table": "d_qrs"}, {"const": -1.0}]}]}


def _caliper_end(interval: str) -> dict[str, Any]:
    """A source: where a caliper of the middle beat ends, s (its start plus the interval ``qt`` or ``qu``)."""
    return {"sum": [{"table": "q_on"}, {"div": [{"table": interval}, {"const": 1000.0}]}]}


def _lookup(controls: str | list[str], values: list[Any]) -> dict[str, Any]:
    """A source: ``values`` (one per grid point of ``controls``, nested for several) as an index into its
    distinct entries, so a long text repeated over many states travels once."""
    distinct: list[Any] = []

    def index(v: Any) -> Any:
        if isinstance(v, list):
            return [index(x) for x in v]
        if v not in distinct:
            distinct.append(v)
        return distinct.index(v)

    return {"index": {"pick": controls, "values": index(values)}, "values": distinct}


def _k_range(k_range: tuple[float, float]) -> tuple[float, float]:
    """A narrower K slider (a case notebook needs only part of the range: a smaller saved output)."""
    lo_all, hi_all = ecg.ECG_K_RANGE
    try:
        lo, hi = (float(v) for v in k_range)
    except (TypeError, ValueError):
        raise ValueError(f"k_range={k_range!r} must be two numbers (mmol/L), low and high") from None
    lo = checked_value("k_range low end", lo, lo_all, hi_all, "mmol/L")
    hi = checked_value("k_range high end", hi, lo_all, hi_all, "mmol/L")
    if hi - lo < 1.0:
        raise ValueError(f"k_range={k_range!r} mmol/L must span at least 1.0 mmol/L (low below high)")
    return lo, hi


def _k_caveat(serum_k: float) -> str:
    """The part of :func:`~mgk_helpers.model.ecg.ecg_strip_caveat` that depends on the K band: "" or a space
    and the caveat for low or high K."""
    whole = ecg.ecg_strip_caveat(serum_k)
    return whole.removeprefix(ecg.ECG_STRIP_NOTE).removesuffix(f" {TEACHING_MODEL_NOTE}")


def _mg_band_of(serum_mg: float) -> str:
    value = checked_value("serum_mg", serum_mg, SERUM_MG_RANGE[0], MG_NORMAL[1], "mmol/L")
    return classify_mg(value).label


class EcgStripExplorer(Explorer):
    """Serum K slider and serum Mg band → a schematic lead-II strip with QT and QU calipers, in words."""

    def __init__(
        self,
        serum_k: float = 4.2,
        serum_mg: float = SERUM_MG_REF,
        k_range: tuple[float, float] = ecg.ECG_K_RANGE,
    ) -> None:
        lo, hi = _k_range(k_range)
        k_c = range_control("serum_k", "Serum K", "mmol/L", serum_k, lo, hi, 0.1, 1)
        mg_c = choice_control(
            "mg_band", "Serum Mg", [(_MG_BAND_TEXT[b], b) for b in MG_BAND_MMOL], _mg_band_of(serum_mg)
        )
        controls = [k_c, mg_c]
        k_grid = k_c.values
        bands = mg_c.values
        mg_mmol = tuple(MG_BAND_MMOL[b] for b in bands)
        k0, mg0 = k_grid[k_c.index], mg_mmol[mg_c.index]
        figure = base_figure(ecg_plots.ecg_strip_figure(k0, mg0))
        tables = ecg_tables(k_grid, mg_mmol, ecg_plots.ECG_FIGURE_FS)
        traces = []
        for i in range(ecg_plots.ECG_BEATS):
            n = next(j for j, t in enumerate(figure["data"]) if t.get("uid") == f"beat{i}")
            traces.append({"trace": n, "prop": "y", "source": {"table": "beat", "free": "sample"}})
        features = {k: ecg.ecg_features(k, MG_BAND_MMOL[bands[0]]) for k in k_grid}  # K-only words
        u_wave = [features[k].u_wave for k in k_grid]
        measurable = [features[k].qt_measurable for k in k_grid]
        layout = self._caliper_bindings(figure["layout"], u_wave, measurable)
        both = [[ecg.ecg_features(k, mg) for mg in mg_mmol] for k in k_grid]  # words that depend on both
        normal_k = [ecg.ecg_features(sum(K_NORMAL) / 2, mg) for mg in mg_mmol]  # the low-Mg note per band
        intervals = {
            "format": _lookup(
                ["serum_k", "mg_band"], [[ecg_plots.ecg_intervals_template(f) for f in row] for row in both]
            ),
            "fields": {
                "qt": {"table": "qt"},
                "qtc": QTC,
                "qu": {"table": "qu"},
                "jt": JT,
                "jt0": {"table": "jt0"},
            },
        }
        warnings = [[f" {w}" if (w := ecg.ecg_warning(f)) else "" for f in row] for row in both]
        fields = {
            "k": {"control": "serum_k"},
            "k_grade": _lookup("serum_k", [features[k].k_grade for k in k_grid]),
            "mg": {"pick": "mg_band", "values": [_MG_BAND_TEXT[b] for b in bands]},
            "band": _lookup("serum_k", [features[k].band for k in k_grid]),
            "findings": _lookup("serum_k", [features[k].findings for k in k_grid]),
            "description": {
                "format": _lookup("serum_k", [ecg.ecg_description_template(features[k]) for k in k_grid]),
                "fields": {name: {"table": f"d_{name}"} for name in ecg.ecg_description_values(features[k0])},
            },
            "intervals": intervals,
            # the low-Mg note depends on the band only, and is left out on the sine wave
            "mg_qt": {
                "format": _lookup("serum_k", ["{m}" if shown else "" for shown in measurable]),
                "fields": {
                    "m": {"pick": "mg_band", "values": [ecg_plots.ecg_mg_qt_words(f) for f in normal_k]}
                },
            },
            "warning": _lookup(["serum_k", "mg_band"], warnings),
            # ecg.ecg_strip_caveat: what every strip says, and what depends on the K band between
            "caveat": {
                "format": f"{ecg.ECG_STRIP_NOTE}{{c}} {TEACHING_MODEL_NOTE}",
                "fields": {"c": _lookup("serum_k", [_k_caveat(k) for k in k_grid])},
            },
        }
        readout = {"format": ecg_plots.ECG_STRIP_ALT, "fields": fields}
        spec = Spec(
            title="Schematic ECG strip: serum K and Mg",
            controls=controls,
            tables=tables,
            figure=figure,
            traces=traces,
            layout=layout,
            readout=readout,
            alt=readout,
            legend=ECG_LEGEND
            if (lo, hi) == ecg.ECG_K_RANGE
            else ECG_LEGEND.replace(_K_ALL_BANDS, f"{lo:g}–{hi:g} mmol/L here (all bands: 1.5–9.0 mmol/L)"),
            caveat=ECG_CAVEAT,
        )
        super().__init__(spec)

    @staticmethod
    def _caliper_bindings(
        layout: dict[str, Any], u_wave: list[bool], measurable: list[bool]
    ) -> list[dict[str, Any]]:
        """Layout bindings: the caliper paths, their labels (text and position) and their visibility (the QT
        hidden on the sine wave, the QU without a U wave)."""
        shapes = {s.get("name"): i for i, s in enumerate(layout.get("shapes", []))}
        notes = {a.get("name"): i for i, a in enumerate(layout.get("annotations", []))}
        out = []
        for name, template, shown in (
            ("qt", ecg_plots.QT_CALIPER_PATH, measurable),
            ("qu", ecg_plots.QU_CALIPER_PATH, u_wave),
        ):
            show = {"pick": "serum_k", "values": shown}
            shape, note = shapes[f"{name}_caliper"], notes[f"{name}_label"]
            end = _caliper_end(name)
            fields = {"a": {"table": "q_on"}, "b": end}
            out.append({"path": f"shapes.{shape}.path", "source": {"format": template, "fields": fields}})
            out.append({"path": f"annotations.{note}.x", "source": {"sum": [end, {"const": 0.03}]}})
            text = {"format": f"{name.upper()} {{v:.0f}} ms", "fields": {"v": {"table": name}}}
            out.append({"path": f"annotations.{note}.text", "source": text})
            out.append({"path": f"shapes.{shape}.visible", "source": show})
            out.append({"path": f"annotations.{note}.visible", "source": show})
        return out


def ecg_strip_explorer(**kwargs: Any) -> EcgStripExplorer:
    """Explorer: serum K (1.5–9.0 mmol/L) and a serum Mg band → a schematic lead-II ECG strip.

    Keyword overrides: ``serum_k`` (mmol/L), ``serum_mg`` (mmol/L, up to the top of the normal range; the
    explorer starts on its grade band), ``k_range`` (mmol/L: a narrower K slider within 1.5–9.0, at least
    1.0 wide).
    """
    return EcgStripExplorer(**kwargs)
