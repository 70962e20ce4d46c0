"""Serum K and a serum Mg band → a schematic lead-II ECG strip, its QT and QU, and what it shows in words.

The strip is :func:`mgk_helpers.model.ecg.ecg_strip`, one beat per (K, Mg band) state in a table whose last
axis (``sample``) is the time within the beat: it is always read whole (``free``), never indexed by a
control. The three beats drawn are the same beat (the rate is fixed), so the three traces read the same row.
Serum Mg is a choice of grade band, not a slider: the strip changes with the band only (a longer QT in each
low band), and four bands keep the table small (one float32 beat of 161 samples per state).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model import ecg
from ..model.equations import SERUM_MG_RANGE, SERUM_MG_REF
from ..model.reference import MG_GRADES, MG_NORMAL, classify_mg, ecg_pattern_mg_note
from ..plots import ecg as ecg_plots
from .base import Explorer, base_figure, checked_value, choice_control, range_control
from .engine import Spec, Table

__all__ = [
    "ECG_CAVEAT",
    "ECG_INTERVALS",
    "ECG_LEGEND",
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
ECG_LEGEND = (
    f"<b>Serum K</b>: {_K_ALL_BANDS}. <b>Serum Mg</b>: a grade band; of the findings of low Mg the strip "
    "draws only the longer QT. <b>Calipers</b> on the middle beat: QT (start of the QRS to the end of the T "
    "wave, solid) and QU (to the end of the U wave, dashed). <b>Paper</b>: small squares 0.04 s by 0.1 mV, "
    f"large squares 0.2 s by 0.5 mV. Heart rate fixed at {ecg.HEART_RATE_PER_MIN:g}/min."
)
ECG_CAVEAT = f"{ecg_pattern_mg_note} {ecg.ECG_STRIP_SOURCES}"


def ecg_tables(k_grid: tuple[float, ...], mg_mmol: tuple[float, ...], fs: float) -> dict[str, Table]:
    """The model over (serum K, Mg band): ``beat`` (mV, one beat from its start to the next beat's start,
    along the non-control axis ``sample``), the intervals ``qt``, ``qtc``, ``qu`` (ms; 0 without a U wave)
    and the caliper ends on the middle beat ``q_on``, ``t_end``, ``u_end`` (s; ``u_end`` = ``t_end`` without
    a U wave)."""
    n = round(ecg.RR_S * fs) + 1
    shape = (len(k_grid), len(mg_mmol))
    beat = np.empty((*shape, n))
    numbers = {name: np.empty(shape) for name in ("qt", "qtc", "qu", "q_on", "t_end", "u_end")}
    for i, k in enumerate(k_grid):
        for j, mg in enumerate(mg_mmol):
            _t, beat[i, j] = ecg.ecg_strip(k, mg, seconds=ecg.RR_S, fs=fs)
            f = ecg.ecg_features(k, mg)
            calipers = ecg_plots.ecg_calipers(f)
            q_on, t_end = calipers["qt"]
            values = {
                "qt": f.qt_ms,
                "qtc": f.qtc_ms,
                "qu": f.qu_ms if f.u_wave else 0,
                "q_on": q_on,
                "t_end": t_end,
                "u_end": calipers["qu"][1] if f.u_wave else t_end,
            }
            for name, v in values.items():
                numbers[name][i, j] = v
    axes = ("serum_k", "mg_band")
    return {
        "beat": Table((*axes, "sample"), beat[None]),
        **{name: Table(axes, a[None]) for name, a in numbers.items()},
    }


#: The intervals' words with a U wave (True) and without one (False).
ECG_INTERVALS = {True: ecg_plots.ECG_INTERVALS_U, False: ecg_plots.ECG_INTERVALS_NO_U}


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
        layout = self._caliper_bindings(figure["layout"], u_wave)
        intervals = {
            "format": _lookup("serum_k", [ECG_INTERVALS[u] for u in u_wave]),
            "fields": {"qt": {"table": "qt"}, "qtc": {"table": "qtc"}, "qu": {"table": "qu"}},
        }
        warnings = [
            [f" {ecg.TORSADES_WARNING}" if ecg.ecg_features(k, mg).torsades_warning else "" for mg in mg_mmol]
            for k in k_grid
        ]
        fields = {
            "k": {"control": "serum_k"},
            "k_grade": _lookup("serum_k", [features[k].k_grade for k in k_grid]),
            "mg": {"pick": "mg_band", "values": [_MG_BAND_TEXT[b] for b in bands]},
            "band": _lookup("serum_k", [features[k].band for k in k_grid]),
            "findings": _lookup("serum_k", [features[k].findings for k in k_grid]),
            "description": {"pick": "serum_k", "values": [ecg.ecg_description(features[k]) for k in k_grid]},
            "intervals": intervals,
            "warning": _lookup(["serum_k", "mg_band"], warnings),
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
    def _caliper_bindings(layout: dict[str, Any], u_wave: list[bool]) -> list[dict[str, Any]]:
        """Layout bindings: the caliper paths, their labels (text and position) and the QU's visibility."""
        shapes = {s.get("name"): i for i, s in enumerate(layout.get("shapes", []))}
        notes = {a.get("name"): i for i, a in enumerate(layout.get("annotations", []))}
        show_u = {"pick": "serum_k", "values": u_wave}
        out = []
        for name, template, end, show in (
            ("qt", ecg_plots.QT_CALIPER_PATH, "t_end", None),
            ("qu", ecg_plots.QU_CALIPER_PATH, "u_end", show_u),
        ):
            shape, note = shapes[f"{name}_caliper"], notes[f"{name}_label"]
            fields = {"a": {"table": "q_on"}, "b": {"table": end}}
            out.append({"path": f"shapes.{shape}.path", "source": {"format": template, "fields": fields}})
            out.append(
                {"path": f"annotations.{note}.x", "source": {"sum": [{"table": end}, {"const": 0.03}]}}
            )
            text = {"format": f"{name.upper()} {{v:.0f}} ms", "fields": {"v": {"table": name}}}
            out.append({"path": f"annotations.{note}.text", "source": text})
            if show is not None:
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
