"""What the reference tables say about one pair of lab values, and what each cause does in the model.

The domain logic of the lab panel and the cause-preset explorer (notebooks 05 and 07), with no widgets
and no plots: :func:`lab_summary` and :func:`summary_text` (a readout in words), :func:`red_flags`,
:func:`cause_preset_table` and :func:`preset_inputs` (the illustrative presets of ``tables/causes.csv``
and the model's steady state for each), and :func:`loss_route` (renal or extrarenal, from urine K).
Teaching labels, not a diagnosis; nothing here is clinical or dosing advice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import pandas as pd

from . import data, equations
from .notices import URGENT_CARE
from .reference import K_GRADES, MG_GRADES, classify_k, classify_mg, ecg_pattern, ecg_pattern_mg_note
from .units import from_mmol_per_l, to_mmol_per_l

__all__ = [
    "MG_SYMPTOM_THRESHOLD",
    "NEAR_EDGE_MMOL_PER_L",
    "PRESET_CAUSE_IDS",
    "REFERENCE_PRESET",
    "RENAL_LOSS_URINE_K",
    "LabSummary",
    "PresetInputs",
    "cause_preset_table",
    "lab_summary",
    "loss_route",
    "preset_inputs",
    "preset_table",
    "red_flags",
    "summary_text",
]

#: The causes offered by the cause-preset explorer by default; any ``cause_id`` of
#: :func:`mgk_helpers.data.causes` can be passed instead.
PRESET_CAUSE_IDS: tuple[str, ...] = (
    "loop_diuretic",
    "thiazide",
    "long_term_ppi",
    "alcohol_use_disorder",
    "diarrhoea",
    "gitelman_syndrome",
)

#: The "no cause" preset: normal serum Mg, no driver, the baseline intake, no stool loss.
REFERENCE_PRESET = "reference"


class PresetInputs(NamedTuple):
    """The model inputs of a preset: serum Mg (mmol/L), K intake and stool K loss (mmol/day), driver (×)."""

    serum_mg: float
    k_intake: float
    driver: float
    gi_k_loss: float


@cache
def _red_flags() -> tuple[str, ...]:
    s = data.symptoms()
    rows = s[(s["kind"] == "red_flag") & ~s["text"].str.startswith("In children")]
    return tuple(rows["text"])


def red_flags() -> list[str]:
    """The red flags of :func:`mgk_helpers.data.symptoms` (adult list; seek emergency care)."""
    return list(_red_flags())


@cache
def _symptom_table(condition: str) -> tuple[tuple[float, float, str, str], ...]:
    """The banded symptom rows of ``condition`` as (lower, upper, band_text, text), read once (the explorers
    ask for thousands of values: filtering the table each time would cost milliseconds per value)."""
    s = data.symptoms()
    rows = s[(s["kind"] == "symptom") & (s["condition"] == condition)]
    has_limit = rows["lower_mmol_per_l"].notna() | rows["upper_mmol_per_l"].notna()
    rows = rows[has_limit]
    lower = rows["lower_mmol_per_l"].fillna(-math.inf)
    upper = rows["upper_mmol_per_l"].fillna(math.inf)
    return tuple(zip(lower, upper, rows["band_text"], rows["text"], strict=True))


@cache
def _unbanded_text(condition: str) -> str:
    s = data.symptoms()
    rows = s[
        (s["kind"] == "symptom")
        & (s["condition"] == condition)
        & s["lower_mmol_per_l"].isna()
        & s["upper_mmol_per_l"].isna()
    ]
    return "; ".join(rows["text"])


def _symptoms_at(condition: str, value: float) -> tuple[tuple[str, str], ...]:
    """(band_text, text) of each symptom row of ``condition`` whose band holds ``value`` (lower ≤ v < up)."""
    return tuple((band, text) for lo, hi, band, text in _symptom_table(condition) if lo <= value < hi)


@dataclass(frozen=True)
class LabSummary:
    """What the reference tables say for one serum K (mmol/L) and serum Mg (mmol/L).

    ``k_symptoms`` / ``mg_symptoms`` are ``(band_text, text)`` pairs from ``data/symptoms.csv`` for
    the band the value falls in (empty when the value is not low); ``mg_unbanded`` is the
    hypomagnesaemia row that the source gives without numeric limits. ``urgent`` is True when a
    band is moderate or severe (K < 3.0 or ≥ 6.0 mmol/L) or serum Mg is below the 0.5 mmol/L symptom
    threshold.
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


#: Serum Mg below which symptoms typically appear (mmol/L; NHS Lothian hypomagnesaemia guideline, A).
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
    mg = float(to_mmol_per_l(serum_mg, mg_unit, "Mg"))
    k = float(serum_k)
    k_rows = _symptoms_at("hypokalaemia", k)
    mg_rows = _symptoms_at("hypomagnesaemia", mg) if mg_class.direction == "low" else ()
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
        k_symptoms=k_rows,
        mg_symptoms=mg_rows,
        mg_unbanded=_unbanded_text("hypomagnesaemia") if mg_class.direction == "low" else "",
        ecg_band=ecg.band,
        ecg_findings=ecg.findings,
        ecg_mg_note=ecg_pattern_mg_note if mg_class.direction == "low" else "",
        urgent=urgent,
        red_flags=_red_flags(),
        near_edge=near_edge,
    )


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
            "Check for red flags — any of these needs emergency care: "
            + "; ".join(f.lower() for f in s.red_flags)
            + "."
        )
    else:
        parts.append(f"At any level: {URGENT_CARE[0].lower()}{URGENT_CARE[1:]}")
    parts.append("Teaching labels, not a diagnosis; the symptom and ECG links to exact values are loose.")
    return " ".join(parts)


def preset_table(cause_ids: Sequence[str] = PRESET_CAUSE_IDS) -> pd.DataFrame:
    """The rows of the causes table for ``cause_ids`` (indexed by cause id), in that order."""
    table = data.causes().set_index("cause_id")
    unknown = [c for c in cause_ids if c not in table.index]
    if unknown:
        raise ValueError(
            f"cause_ids {unknown} are not in the causes table (tables/causes.csv); "
            f"valid ids are {', '.join(table.index)}"
        )
    return table.loc[list(cause_ids)]


def cause_preset_table(
    cause_ids: Sequence[str] = PRESET_CAUSE_IDS, params: equations.Params | None = None
) -> pd.DataFrame:
    """The illustrative presets with the teaching model's steady state for each (no widgets).

    Columns: ``cause``, ``driver`` (×), ``serum_mg`` (mmol/L), ``k_intake`` (mmol/day), ``gi_k_loss``
    (extra stool K, mmol/day), ``serum_k`` (mmol/L) and ``urine_k`` (mmol/day) of the model steady state,
    ``k_label`` (:func:`mgk_helpers.reference.classify_k`) and ``loss_route`` ("renal" when urine K is
    at least 25 mmol/day, else "extrarenal or low intake": the first split of a hypokalaemia work-up),
    indexed by cause id. Illustrative teaching output (presets are confidence D), not a clinical prediction.
    """
    table = preset_table(cause_ids)
    ss = equations.steady_state(
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


def preset_inputs(cause: str, table: pd.DataFrame | None = None) -> PresetInputs:
    """The model inputs of ``cause`` (a cause id, or :data:`REFERENCE_PRESET` for no cause).

    ``table`` defaults to :func:`preset_table` over every cause of the causes table.
    """
    if cause == REFERENCE_PRESET:
        return PresetInputs(equations.SERUM_MG_REF, equations.K_INTAKE_DEFAULT, 1.0, 0.0)
    table = preset_table(tuple(data.causes()["cause_id"])) if table is None else table
    if cause not in table.index:
        valid = ", ".join([REFERENCE_PRESET, *table.index])
        raise ValueError(f"cause={cause!r} is not a preset; valid presets are {valid}")
    row = table.loc[cause]
    return PresetInputs(
        float(row["model_serum_mg_mmol_per_l"]),
        float(row["model_k_intake_mmol_per_day"]),
        float(row["model_driver"]),
        float(row["model_gi_k_loss_mmol_per_day"]),
    )
