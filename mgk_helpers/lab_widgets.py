"""Explorers for notebook 05 (causes and symptoms): a lab panel and a cause-preset picker.

* :func:`lab_panel` — serum K and serum Mg (Mg in mmol/L, mg/dL or mEq/L) → the classification
  (:func:`mgk_helpers.reference.classify_k` / :func:`~mgk_helpers.reference.classify_mg`), the typical
  symptoms of that band (:func:`mgk_helpers.data.symptoms`), the typical ECG pattern
  (:func:`mgk_helpers.reference.ecg_pattern`) and, when relevant, the red flags that need urgent care.
* :func:`cause_presets` — pick a cause from :func:`mgk_helpers.data.causes` (loop diuretic, thiazide,
  long-term PPI, alcohol use disorder, diarrhoea, Gitelman syndrome); the preset sets the model's
  driver, serum Mg and K intake (an *illustrative* mapping, confidence D) and the figure shows the
  steady-state serum K of the teaching model.

Both build on :class:`mgk_helpers.widgets.Explorer` and :class:`mgk_helpers.figure.PlotlyView` and
follow their conventions (controls named with their unit, Reset, a readout in words, a static
fallback, the figure patched in place, the Okabe–Ito palette). Teaching labels, not a diagnosis;
nothing here is clinical or dosing advice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import data, model, plots
from .figure import PlotlyView
from .plots import OKABE_ITO, TEMPLATE
from .reference import (
    K_GRADES,
    K_NORMAL,
    MG_GRADES,
    classify_k,
    classify_mg,
    ecg_pattern,
    ecg_pattern_mg_note,
)
from .units import check_range, from_mmol_per_l
from .widgets import (
    _LAYOUT,
    _STYLE,
    MG_K_NOTE,
    Explorer,
    _check_unit,
    _checked,
    _intake_and_driver,
    _k_phrase,
    _slider,
    _units_toggle,
)

__all__ = [
    "LAB_K_RANGE",
    "PRESET_CAUSE_IDS",
    "REFERENCE_PRESET",
    "CausePresetExplorer",
    "LabPanel",
    "LabSummary",
    "RENAL_LOSS_URINE_K",
    "cause_preset_table",
    "cause_presets",
    "lab_figure",
    "lab_panel",
    "lab_summary",
    "loss_route",
    "red_flags",
]

#: Serum K range of the lab panel (mmol/L): from severe hypokalaemia to severe hyperkalaemia
#: (DOMAIN §4 grades; §2d ECG bands reach > 8.5 mmol/L).
LAB_K_RANGE: tuple[float, float] = (1.5, 9.0)

#: The causes offered by :func:`cause_presets` by default (issue 7); any ``cause_id`` of
#: :func:`mgk_helpers.data.causes` can be passed instead.
PRESET_CAUSE_IDS: tuple[str, ...] = (
    "loop_diuretic",
    "thiazide",
    "long_term_ppi",
    "alcohol_use_disorder",
    "diarrhoea",
    "gitelman_syndrome",
)

#: Range of the explorer's extra stool K loss slider (mmol/day): none to a heavy diarrhoeal loss.
STOOL_LOSS_SLIDER: tuple[float, float] = (0.0, 50.0)

#: The "no cause" option of the preset picker: normal serum Mg, no driver, 100 mmol/day (DOMAIN §9b).
REFERENCE_PRESET = "reference"

_BAND_COLOURS = {
    ("low", "severe"): OKABE_ITO["vermillion"],
    ("low", "moderate"): OKABE_ITO["orange"],
    ("low", "mild"): OKABE_ITO["yellow"],
    ("normal", "normal"): OKABE_ITO["bluish_green"],
    ("high", "mild"): OKABE_ITO["sky_blue"],
    ("high", "moderate"): OKABE_ITO["blue"],
    ("high", "severe"): OKABE_ITO["reddish_purple"],
}
_SHORT = {"severe": "severe", "moderate": "mod.", "mild": "mild", "normal": "normal"}


# =============================================================================================
# What the tables say for one pair of lab values (no widgets)
# =============================================================================================


def red_flags() -> list[str]:
    """The red flags of :func:`mgk_helpers.data.symptoms` (adult list; seek urgent care)."""
    s = data.symptoms()
    rows = s[(s["kind"] == "red_flag") & ~s["text"].str.startswith("In children")]
    return rows["text"].tolist()


def _symptom_rows(condition: str, value: float) -> pd.DataFrame:
    s = data.symptoms()
    rows = s[(s["kind"] == "symptom") & (s["condition"] == condition)]
    lower = rows["lower_mmol_per_l"].fillna(-math.inf)
    upper = rows["upper_mmol_per_l"].fillna(math.inf)
    has_limit = rows["lower_mmol_per_l"].notna() | rows["upper_mmol_per_l"].notna()
    return rows[has_limit & (lower <= value) & (value < upper)]


@dataclass(frozen=True)
class LabSummary:
    """What the reference tables say for one serum K (mmol/L) and serum Mg (mmol/L).

    ``k_symptoms`` / ``mg_symptoms`` are ``(band_text, text)`` pairs from ``data/symptoms.csv`` for
    the band the value falls in (empty when the value is not low); ``mg_unbanded`` is the
    hypomagnesaemia row that the source gives without numeric limits. ``urgent`` is True when a
    band is moderate or severe (K < 3.0 or ≥ 6.0 mmol/L) or serum Mg is below the 0.5 mmol/L symptom
    threshold (DOMAIN §4, §7).
    """

    serum_k: float
    serum_mg: float
    k_label: str
    k_range: str
    mg_label: str
    mg_range: str
    k_symptoms: tuple[tuple[str, str], ...]
    mg_symptoms: tuple[tuple[str, str], ...]
    mg_unbanded: str
    ecg_band: str
    ecg_findings: str
    ecg_mg_note: str
    urgent: bool
    red_flags: tuple[str, ...]
    near_edge: str = ""


#: Serum Mg below which symptoms typically appear (mmol/L; NHS Lothian, DOMAIN §4, A).
MG_SYMPTOM_THRESHOLD = 0.5

#: How close to a grade edge a result is treated as "on the edge" (mmol/L): about the size of a lab's
#: measurement uncertainty plus the day-to-day variation within one person (for serum K that variation alone
#: is about 4–5 %, ≈ 0.2 mmol/L: EFLM Biological Variation Database). A step smaller than this changes the
#: label, not the patient.
NEAR_EDGE_MMOL_PER_L: dict[str, float] = {"K": 0.1, "Mg": 0.03}


def _near_edge(ion: str, value: float, grades) -> float | None:
    """The grade edge (mmol/L) that ``value`` lies within :data:`NEAR_EDGE_MMOL_PER_L` of, if any."""
    edges = {g.lower for g in grades if math.isfinite(g.lower) and g.lower > 0}
    close = [e for e in sorted(edges) if abs(value - e) <= NEAR_EDGE_MMOL_PER_L[ion] + 1e-9]
    return close[0] if close else None


def lab_summary(serum_k: float, serum_mg: float, mg_unit: str = "mmol/L") -> LabSummary:
    """Classification, typical symptoms, ECG pattern and red flags for a serum K and Mg.

    ``serum_k`` in mmol/L (= mEq/L); ``serum_mg`` in ``mg_unit``. Raises ValueError for negative,
    NaN or infinite values or an unknown unit (as the reference module does).
    """
    k_class = classify_k(serum_k)
    mg_class = classify_mg(serum_mg, mg_unit)
    mg = float(to_mmol(serum_mg, mg_unit))
    k = float(serum_k)
    k_rows = _symptom_rows("hypokalaemia", k)
    mg_rows = _symptom_rows("hypomagnesaemia", mg) if mg_class.direction == "low" else k_rows.iloc[0:0]
    s = data.symptoms()
    unbanded = s[
        (s["kind"] == "symptom")
        & (s["condition"] == "hypomagnesaemia")
        & s["lower_mmol_per_l"].isna()
        & s["upper_mmol_per_l"].isna()
    ]
    ecg = ecg_pattern(k)
    urgent = k_class.severity in ("moderate", "severe") or mg < MG_SYMPTOM_THRESHOLD
    notes = []
    for ion, value, grades, fmt in (("K", k, K_GRADES, ".1f"), ("Mg", mg, MG_GRADES, ".2f")):
        edge = _near_edge(ion, value, grades)
        if edge is not None:
            notes.append(
                f"serum {ion} is within measurement uncertainty of the {edge:{fmt}} mmol/L grade edge"
            )
    near_edge = ""
    if notes:
        joined = "; ".join(notes)
        near_edge = (
            f"{joined[0].upper()}{joined[1:]}: the label could flip on a repeat sample. How urgent it is "
            "depends on symptoms, the ECG and the setting, not on the second decimal."
        )
    return LabSummary(
        serum_k=k,
        serum_mg=mg,
        k_label=k_class.label,
        k_range=k_class.range_text,
        mg_label=mg_class.label,
        mg_range=mg_class.range_text,
        k_symptoms=tuple(zip(k_rows["band_text"], k_rows["text"], strict=True)),
        mg_symptoms=tuple(zip(mg_rows["band_text"], mg_rows["text"], strict=True)),
        mg_unbanded="; ".join(unbanded["text"]) if mg_class.direction == "low" else "",
        ecg_band=ecg.band,
        ecg_findings=ecg.findings,
        ecg_mg_note=ecg_pattern_mg_note if mg_class.direction == "low" else "",
        urgent=urgent,
        red_flags=tuple(red_flags()),
        near_edge=near_edge,
    )


def to_mmol(value: float, unit: str) -> float:
    """Serum Mg in ``unit`` → mmol/L."""
    from .units import to_mmol_per_l

    return float(to_mmol_per_l(value, unit, "Mg"))


def summary_text(s: LabSummary, mg_unit: str = "mmol/L") -> str:
    """The lab panel's readout in words for a :class:`LabSummary`."""
    mg_shown = float(from_mmol_per_l(s.serum_mg, mg_unit, "Mg"))
    parts = [
        f"Serum K {s.serum_k:.1f} mmol/L — {s.k_label} ({s.k_range}).",
        f"Serum Mg {mg_shown:.2f} {mg_unit}{'' if mg_unit == 'mmol/L' else f' ({s.serum_mg:.2f} mmol/L)'} "
        f"— {s.mg_label} ({s.mg_range}).",
    ]
    if s.k_symptoms:
        parts += [f"Typical symptoms of low K at {band}: {text}." for band, text in s.k_symptoms]
    elif s.serum_k > 5.0:
        parts.append("High K: this course has no symptom table for it; the ECG is the main concern.")
    if s.mg_symptoms:
        parts += [f"Typical symptoms of low Mg at {band}: {text}." for band, text in s.mg_symptoms]
    if s.mg_unbanded:
        parts.append(f"The source also lists, without numeric limits: {s.mg_unbanded}.")
    if not s.k_symptoms and not s.mg_symptoms and s.serum_k <= 5.0 and not s.mg_unbanded:
        parts.append("Both values are in their reference ranges: no deficiency symptoms are expected.")
    if s.near_edge:
        parts.append(s.near_edge)
    parts.append(f"Typical ECG for serum K {s.ecg_band}: {s.ecg_findings.rstrip('.')}.")
    if s.ecg_mg_note:
        parts.append(s.ecg_mg_note)
    if s.urgent:
        parts.append(
            "Check for red flags — any of these needs urgent care: "
            + "; ".join(f.lower() for f in s.red_flags)
            + "."
        )
    else:
        parts.append(
            "At any level, chest pain or tightness, palpitations, fainting, trouble breathing or "
            "severe weakness need urgent care."
        )
    parts.append("Teaching labels, not a diagnosis; the symptom and ECG links to exact values are loose.")
    return " ".join(parts)


# =============================================================================================
# The lab panel figure: two scales with the grade bands and a marker
# =============================================================================================


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
                "fillcolor": _BAND_COLOURS[(g.direction, g.severity)], "opacity": 0.45,
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
        else:  # the direction is part of the word wherever mild low and mild high could be confused
            texts.append(
                f"{_SHORT[g.severity]} {g.direction}" if g.severity == "mild" else _SHORT[g.severity]
            )
    return {"x": xs, "y": [0.82] * len(xs), "text": texts}


def _mg_converter(mg_unit: str):
    return lambda v: float(from_mmol_per_l(v, mg_unit, "Mg"))


def lab_figure_data(serum_k: float, serum_mg_mmol: float, mg_unit: str) -> dict[str, Any]:
    """Trace arrays (by uid) and layout pieces of :func:`lab_figure` for the current values."""
    conv = _mg_converter(_check_unit(mg_unit))
    mg_lo, mg_hi = model.SERUM_MG_RANGE
    return {
        "traces": {
            "k_marker": {"x": [serum_k], "y": [0.35], "text": [f"{serum_k:.1f}"]},
            "mg_marker": {"x": [conv(serum_mg_mmol)], "y": [0.35], "text": [f"{conv(serum_mg_mmol):.2f}"]},
            "k_bands": _band_labels(K_GRADES, *LAB_K_RANGE, float),
            "mg_bands": _band_labels(MG_GRADES, mg_lo, mg_hi, conv),
        },
        "shapes": _band_shapes(K_GRADES, *LAB_K_RANGE, float, "x", "y domain")
        + _band_shapes(MG_GRADES, mg_lo, mg_hi, conv, "x2", "y2 domain"),
        "xaxis2": {"range": [conv(mg_lo), conv(mg_hi)], "title": {"text": plots.mg_axis_title(mg_unit)}},
    }


def lab_alt(s: LabSummary, mg_unit: str) -> str:
    """Text alternative of the lab figure."""
    mg_shown = float(from_mmol_per_l(s.serum_mg, mg_unit, "Mg"))
    return (
        "Two scales coloured by grade band (severe, moderate, mild low; normal; high). "
        f"Marker on the K scale at {s.serum_k:.1f} mmol/L ({s.k_label}); marker on the Mg scale at "
        f"{mg_shown:.2f} {mg_unit} ({s.mg_label})."
    )


def lab_figure(serum_k: float = 4.2, serum_mg: float = 0.85, mg_unit: str = "mmol/L") -> go.Figure:
    """Serum K and serum Mg scales with their grade bands (reference module) and a marker at each value.

    ``serum_mg`` in mmol/L; ``mg_unit`` is the unit of the Mg axis. Trace uids ``k_marker``,
    ``mg_marker``, ``k_bands``, ``mg_bands`` (band labels).
    """
    check_range("serum_k", serum_k, *LAB_K_RANGE, "mmol/L")
    check_range("serum_mg", serum_mg, *model.SERUM_MG_RANGE, "mmol/L")
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


# =============================================================================================
# Lab panel explorer
# =============================================================================================


class LabPanel(Explorer):
    """Serum K and serum Mg (any unit) → classification, typical symptoms, ECG pattern, red flags."""

    title = "Lab panel: read a serum K and Mg"

    def __init__(self, serum_k: float = 4.2, serum_mg: float = 0.85, mg_unit: str = "mmol/L") -> None:
        serum_k = _checked("serum_k", serum_k, *LAB_K_RANGE, "mmol/L")
        _check_unit(mg_unit)
        controls = {
            "serum_k": _slider("Serum K (mmol/L)", serum_k, *LAB_K_RANGE, 0.1, ".1f", True),
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": _units_toggle(mg_unit),
        }
        legend = (
            "<b>Serum K</b>: blood potassium (1 mmol/L = 1 mEq/L). <b>Serum Mg</b>: blood magnesium, in the "
            "unit chosen with <b>Mg unit</b>. Coloured bands: severe, moderate and mild low values, normal, "
            "and high values (reference ranges of NIH ODS and the published grades)."
        )
        fig = lab_figure(serum_k, self._default_mg_mmol, mg_unit)
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def summary(self) -> LabSummary:
        """The :class:`LabSummary` of the current control values."""
        return lab_summary(self.controls["serum_k"].value, self.serum_mg_mmol())

    def _update(self) -> None:
        unit = self.mg_unit
        k, mg = float(self.controls["serum_k"].value), self.serum_mg_mmol()
        s = lab_summary(k, mg)
        d = lab_figure_data(k, mg, unit)
        self.figure.patch(
            traces=d["traces"],
            layout={"shapes": d["shapes"], "xaxis2": d["xaxis2"]},
            alt_text=lab_alt(s, unit),
        )
        self._set_readout(summary_text(s, unit))


def lab_panel(**kwargs: Any) -> LabPanel:
    """Explorer: serum K (mmol/L) and serum Mg (mmol/L, mg/dL or mEq/L) → classification, typical
    symptoms, ECG pattern and the red flags when relevant.

    Keyword overrides: ``serum_k`` (mmol/L, 1.5–9.0), ``serum_mg`` (mmol/L, 0.2–1.5), ``mg_unit``.
    """
    return LabPanel(**kwargs)


# =============================================================================================
# Cause presets → the teaching model's steady state
# =============================================================================================


def _preset_table(cause_ids: Sequence[str]) -> pd.DataFrame:
    table = data.causes().set_index("cause_id")
    unknown = [c for c in cause_ids if c not in table.index]
    if unknown:
        raise ValueError(
            f"cause_ids {unknown} are not in data/causes.csv; valid ids are {', '.join(table.index)}"
        )
    return table.loc[list(cause_ids)]


def cause_preset_table(
    cause_ids: Sequence[str] = PRESET_CAUSE_IDS, params: model.Params | None = None
) -> pd.DataFrame:
    """The illustrative presets with the teaching model's steady state for each (no widgets).

    Columns: ``cause``, ``driver`` (×), ``serum_mg`` (mmol/L), ``k_intake`` (mmol/day), ``gi_k_loss``
    (extra stool K, mmol/day), ``serum_k`` (mmol/L) and ``urine_k`` (mmol/day) of the model steady state,
    ``k_label`` (:func:`mgk_helpers.reference.classify_k`) and ``loss_route`` ("renal" when urine K is
    at least 25 mmol/day, else "extrarenal or low intake": the first split of a hypokalaemia work-up),
    indexed by cause id. Illustrative teaching output (presets are confidence D), not a clinical prediction.
    """
    table = _preset_table(cause_ids)
    ss = model.steady_state(
        table["model_serum_mg_mmol_per_l"].to_numpy(float),
        table["model_k_intake_mmol_per_day"].to_numpy(float),
        table["model_driver"].to_numpy(float),
        params,
        gi_k_loss=table["model_gi_k_loss_mmol_per_day"].to_numpy(float),
    )
    out = pd.DataFrame(
        {
            "cause": table["cause"],
            "driver": table["model_driver"],
            "serum_mg": table["model_serum_mg_mmol_per_l"],
            "k_intake": table["model_k_intake_mmol_per_day"],
            "gi_k_loss": table["model_gi_k_loss_mmol_per_day"],
            "serum_k": ss.serum_k,
            "urine_k": ss.urine_k,
        },
        index=table.index,
    )
    out["k_label"] = [classify_k(float(k)).label for k in out["serum_k"]]
    out["loss_route"] = [loss_route(float(u)) for u in out["urine_k"]]
    return out


#: Urine K (mmol/day) at or above which hypokalaemia points to renal loss; below it, to extrarenal
#: (gut) loss or low intake (Gennari, NEJM 1998; Rastegar & Soleimani, Postgrad Med J 2001).
RENAL_LOSS_URINE_K = 25.0


def loss_route(urine_k: float) -> str:
    """Where K is being lost, read from the urine K (mmol/day) of a person with hypokalaemia."""
    return "renal" if urine_k >= RENAL_LOSS_URINE_K else "extrarenal or low intake"


class CausePresetExplorer(Explorer):
    """Pick a cause; its illustrative preset sets serum Mg, K intake, driver and stool K loss of the model."""

    title = "Causes: what each one does in the teaching model"

    def __init__(
        self,
        cause: str = REFERENCE_PRESET,
        mg_unit: str = "mmol/L",
        cause_ids: Sequence[str] = PRESET_CAUSE_IDS,
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        self.table = _preset_table(cause_ids)
        options = [("None (reference: normal Mg, no driver)", REFERENCE_PRESET)] + [
            (str(row["cause"]), cid) for cid, row in self.table.iterrows()
        ]
        valid = [v for _, v in options]
        if cause not in valid:
            raise ValueError(f"cause={cause!r} is not a preset; valid presets are {', '.join(valid)}")
        _check_unit(mg_unit)
        mg, intake, driver, loss = self.preset_values(cause)
        lo, hi = STOOL_LOSS_SLIDER
        controls = {
            "cause": w.Dropdown(options=options, value=cause, description="Cause (preset)", style=_STYLE,
                                layout=_LAYOUT),
            "serum_mg": self._mg_slider(mg_unit, mg, continuous=True),
            "mg_unit": _units_toggle(mg_unit),
            **_intake_and_driver(intake, driver),
            "gi_k_loss": _slider("Extra K lost in stool (mmol/day)", loss, lo, hi, 5.0, ".0f", True),
        }  # fmt: skip
        controls["k_intake"].min = self.min_intake(loss)
        fig = plots.steady_state_figure(mg, intake, driver, self.params, mg_unit, loss)
        legend = (
            "<b>Cause</b>: picks an illustrative preset (a teaching choice, confidence D, not a patient "
            "value) that sets the sliders. <b>Serum Mg</b>: blood magnesium. <b>K intake</b>: "
            "potassium eaten per day. <b>Driver</b>: distal sodium delivery / aldosterone "
            "(1 = none, about 1.5–1.7 thiazide-like, 2 loop-like; which diuretic wastes more K is not "
            "settled). <b>Extra K lost in stool</b>: diarrhoea; the K intake slider cannot go below what "
            "that loss needs (the gut cannot lose more K than it absorbs). Watch urine K: below about "
            "25 mmol/day the loss is not renal."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def min_intake(self, gi_k_loss: float) -> float:
        """Lowest K intake (mmol/day, on the slider's 5 mmol/day grid) the model accepts with this loss."""
        lo = model.K_INTAKE_RANGE[0]
        need = (gi_k_loss + 5.0) / self.params.f_abs if gi_k_loss > 0 else lo
        return float(max(lo, 5.0 * math.ceil(need / 5.0)))

    def preset_values(self, cause: str) -> tuple[float, float, float, float]:
        """(serum Mg mmol/L, K intake mmol/day, driver ×, stool K loss mmol/day) of a preset."""
        if cause == REFERENCE_PRESET:
            return model.SERUM_MG_REF, plots.K_INTAKE_DEFAULT, 1.0, 0.0
        row = self.table.loc[cause]
        return (
            float(row["model_serum_mg_mmol_per_l"]),
            float(row["model_k_intake_mmol_per_day"]),
            float(row["model_driver"]),
            float(row["model_gi_k_loss_mmol_per_day"]),
        )

    def _on_change(self, change: Mapping[str, Any]) -> None:
        if self._busy:
            return
        if change.get("owner") is self.controls["cause"]:
            self.apply_preset(change["new"])
            return
        if change.get("owner") is self.controls["gi_k_loss"]:
            with self._quiet():
                self.controls["k_intake"].min = self.min_intake(float(change["new"]))
        self._update()

    def apply_preset(self, cause: str) -> None:
        """Set the sliders to the preset of ``cause`` (a cause id or ``"reference"``) and update once."""
        mg, intake, driver, loss = self.preset_values(cause)
        with self._quiet():
            self.controls["cause"].value = cause
            self._set_mg_slider(self.mg_unit, mg)
            self.controls["k_intake"].min = model.K_INTAKE_RANGE[0]
            self.controls["k_intake"].value = intake
            self.controls["gi_k_loss"].value = loss
            self.controls["k_intake"].min = self.min_intake(loss)
            self.controls["driver"].value = driver
        self._update()

    def _update(self) -> None:
        c = self.controls
        mg, unit = self.serum_mg_mmol(), self.mg_unit
        k_intake, driver = float(c["k_intake"].value), float(c["driver"].value)
        loss = float(c["gi_k_loss"].value)
        d = plots.steady_state_data(mg, k_intake, driver, self.params, unit, loss)
        point = d.pop("point")
        self.figure.patch(
            traces=d,
            layout={
                "xaxis2": {"title": {"text": plots.mg_axis_title(unit)}},
                "shapes": plots.with_mg_bands_in(self.figure.figure_layout.get("shapes", []), unit),
            },
            alt_text=plots.steady_state_alt(mg, k_intake, driver, point, unit, loss),
        )
        cause = c["cause"].value
        p_mg, p_intake, p_driver, p_loss = self.preset_values(cause)
        moved = not (
            math.isclose(mg, p_mg, abs_tol=0.006)
            and math.isclose(k_intake, p_intake)
            and math.isclose(driver, p_driver)
            and math.isclose(loss, p_loss)
        )
        mg_shown = float(from_mmol_per_l(mg, unit, "Mg"))
        settings = (
            f"Serum Mg {mg_shown:.2f} {unit} ({classify_mg(mg).label}), K intake {k_intake:.0f} mmol/day, "
            f"driver {driver:.2f}×, extra stool K loss {loss:.0f} mmol/day"
        )
        if cause == REFERENCE_PRESET:
            head = "No cause selected (reference)."
        else:
            row = self.table.loc[cause]
            head = f"{row['cause']}. K: {row['k_mechanism']}. Mg: {row['mg_mechanism']}. Illustrative preset."
        if moved:
            head += " Sliders moved away from the preset."
        serum_k, urine_k = float(point.serum_k), float(point.urine_k)
        route = ""
        if serum_k < K_NORMAL[0]:
            route = f" With low serum K, this urine K points to {loss_route(urine_k)} loss."
        self._set_readout(
            f"{head} {settings}. Model steady state: {_k_phrase(serum_k)}; "
            f"urine K {urine_k:.0f} mmol/day.{route} {MG_K_NOTE}"
        )


def cause_presets(**kwargs: Any) -> CausePresetExplorer:
    """Explorer: pick a cause (loop diuretic, thiazide, long-term PPI, alcohol use disorder, diarrhoea,
    Gitelman syndrome); its illustrative preset sets the model's driver, serum Mg, K intake and stool K loss.

    Keyword overrides: ``cause`` (a cause id or ``"reference"``), ``mg_unit``, ``cause_ids``, ``params``.
    """
    return CausePresetExplorer(**kwargs)
