"""Reference ranges, severity grades and typical ECG findings for serum K and Mg.

The grades (:data:`K_GRADES`, :data:`MG_GRADES`) are not written here: they are the rows of
``mgk_helpers/model/tables/reference_ranges.csv`` whose ``system`` is ``course grades``, one row per band,
read once at import by :func:`grades_from_table` (edit the CSV to change a grade; the table's README says
how). Every grade and every ECG row below carries its source and a confidence tag (A checked in a primary
or authoritative source, B checked only in a secondary page, C background knowledge not re-checked,
D modelling assumption or teaching choice; see ``model/tables/README.md``).

How the bands are read
----------------------
Tables print bands as, e.g., "3.0–3.4 mmol/L" (mild hypokalaemia) and "2.5–2.9" (moderate). On a
continuous scale we read every band as half-open, *lower ≤ value < next band's lower*, so 3.45 is
"mild hypokalaemia" (3.0 ≤ K < 3.5) and 2.95 is "moderate" (2.5 ≤ K < 3.0). The normal ranges are
closed at both ends (3.5 ≤ K ≤ 5.0; 0.75 ≤ Mg ≤ 0.95). Every non-negative finite value gets exactly
one class; nothing is left unclassified. One word set is used for every grade: ``"mild"``,
``"moderate"``, ``"severe"`` (and ``"normal"``), for low and for high values of both ions.

Sources of the grades
---------------------
Why the course grades in the CSV are drawn where they are:

* **Serum K.** Normal 3.5–5.0 mmol/L (CURRENT Diagnosis & Treatment: Nephrology & Hypertension;
  hypokalaemia is K < 3.5 mmol/L, Gennari 1998; some laboratories use 5.3 as the upper limit).
  Hypokalaemia mild 3.0–3.4, moderate 2.5–2.9, severe < 2.5 mmol/L (Kardalas et al. 2018).
  Hyperkalaemia mild 5.5–5.9, moderate 6.0–6.4, severe ≥ 6.5 mmol/L (UK Kidney Association 2020).
* **K above 5.0 and below 5.5 mmol/L** is a gap between the normal range and the UK Kidney
  Association grades. We label it ``"above the reference range"``, direction ``"high"``, severity
  ``"mild"`` (a labelling decision, not a new fact).
* **Low serum Mg.** The NIH ODS fact sheet puts hypomagnesaemia below 0.75 mmol/L; symptoms are
  usually absent above 0.5 mmol/L (NHS Lothian guideline); NCI CTCAE v5.0 grades G1 < LLN–0.5,
  G2 < 0.5–0.4, G3 < 0.4–0.3, G4 < 0.3 mmol/L. We map them to three words: mild = 0.50–0.74
  (CTCAE G1; usually no symptoms), moderate = 0.40–0.49 (G2), severe = below 0.40 (G3–G4).
* **High serum Mg** is graded by the NIH ODS Magnesium fact sheet for health professionals:
  symptoms of Mg toxicity "usually develop after serum concentrations exceed 1.74–2.61 mmol/L"
  (hypotension, nausea, vomiting, facial flushing, urine retention, ileus, depression, lethargy),
  and can progress to muscle weakness, difficulty breathing, extreme hypotension, irregular
  heartbeat and cardiac arrest. So: mild hypermagnesaemia = above 0.95 and below 1.74 mmol/L
  (usually no symptoms); moderate = 1.74 to below 2.61 (the range in which toxicity symptoms usually
  start); severe = 2.61 mmol/L and above (above that whole range: risk of the life-threatening
  effects). The ODS gives a range, not sharp cut-offs, and other schemes draw the lines elsewhere;
  the words are teaching labels. ``classify_mg(3.0)`` is "severe hypermagnesaemia".

The ECG is a loose guide to the K level. In hyperkalaemia it is also **insensitive**: arrhythmia or
cardiac arrest can occur with few or no ECG changes, so every ECG pattern for K above the normal
range carries :data:`ECG_HYPERKALAEMIA_CAVEAT`.

These are teaching labels, not a diagnosis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .data import COURSE_GRADES_SYSTEM, reference_ranges
from .units import check_range, to_mmol_per_l

__all__ = [
    "ECG_ABOVE_NORMAL",
    "ECG_HYPERKALAEMIA_CAVEAT",
    "ECG_HYPERKALAEMIA_CAVEAT_SOURCE",
    "ECG_HYPERKALAEMIA_TABLE",
    "ECG_HYPOKALAEMIA_TABLE",
    "ECG_NORMAL",
    "K_GRADES",
    "K_NORMAL",
    "K_NORMAL_SOURCE",
    "MG_GRADES",
    "MG_NORMAL",
    "MG_NORMAL_SOURCE",
    "MG_TOXICITY_SYMPTOMS_MMOL_PER_L",
    "Classification",
    "EcgPattern",
    "Grade",
    "classify_k",
    "classify_mg",
    "ecg_pattern",
    "ecg_pattern_mg_note",
    "grades_from_table",
]

_UKKA = "UK Kidney Association, Clinical Practice Guideline: Treatment of Acute Hyperkalaemia in Adults, 2020"


@dataclass(frozen=True)
class Grade:
    """One grade band: ``lower ≤ value < upper`` (mmol/L), with its label and source.

    Built by :func:`grades_from_table` from one ``course grades`` row of ``reference_ranges.csv``.
    ``source`` is the row's source followed by its confidence tag in parentheses; ``note`` (may be empty)
    says what the band usually means for symptoms, in the source's words.
    """

    lower: float
    upper: float
    label: str
    severity: str
    direction: str
    range_text: str
    source: str
    note: str = ""


#: condition of a course-grades row → direction of the band
_DIRECTIONS = {
    "normal": "normal",
    "above the reference range": "high",
    "hypokalaemia": "low",
    "hypomagnesaemia": "low",
    "hyperkalaemia": "high",
    "hypermagnesaemia": "high",
}
#: conditions that name a disorder take the grade word in front ("mild hypokalaemia"); the others are
#: their own label ("normal", "above the reference range")
_GRADED_CONDITIONS = {"hypokalaemia", "hypomagnesaemia", "hyperkalaemia", "hypermagnesaemia"}


def _grade_of(row: dict) -> Grade:
    condition, grade = str(row["condition"]), str(row["grade"])
    if condition not in _DIRECTIONS:
        raise ValueError(f"condition={condition!r} has no direction; valid: {sorted(_DIRECTIONS)}")
    upper = float(row["upper"])
    return Grade(
        lower=float(row["lower"]),
        upper=math.inf if math.isnan(upper) else upper,
        label=f"{grade} {condition}" if condition in _GRADED_CONDITIONS else condition,
        severity=grade,
        direction=_DIRECTIONS[condition],
        range_text=f"{row['range_text']} {row['unit']}",
        source=f"{row['source']} ({row['confidence']})",
        note="" if pd.isna(row["notes"]) else str(row["notes"]),
    )


def grades_from_table(table: pd.DataFrame, analyte: str) -> tuple[Grade, ...]:
    """The grade bands of ``analyte`` (``"K"`` or ``"Mg"``), low to high, from a reference-ranges table.

    ``table`` is a table validated by ``data.load_table("reference_ranges", path)`` (the shipped one is
    ``data.reference_ranges()``); its rows with ``system`` :data:`~mgk_helpers.data.COURSE_GRADES_SYSTEM`
    are the bands, one row per band. The label is the grade word and the condition ("mild hypokalaemia"),
    or the condition alone for ``normal`` and ``above the reference range``; ``range_text`` is the row's
    with its unit. Raises ValueError if the table has no such rows for ``analyte``, no normal band, or a
    band not in mmol/L.
    """
    rows = table[(table["system"] == COURSE_GRADES_SYSTEM) & (table["analyte"] == analyte)]
    if rows.empty:
        raise ValueError(
            f"analyte={analyte!r} has no {COURSE_GRADES_SYSTEM!r} rows in the reference-ranges table"
        )
    if (rows["condition"] == "normal").sum() != 1:
        raise ValueError(f"the {COURSE_GRADES_SYSTEM!r} rows of {analyte} need exactly one normal band")
    if not (rows["unit"] == "mmol/L").all():
        raise ValueError(f"the {COURSE_GRADES_SYSTEM!r} rows of {analyte} must be in mmol/L")
    return tuple(_grade_of(row) for row in rows.sort_values("lower", kind="stable").to_dict("records"))


def _normal_of(grades: tuple[Grade, ...]) -> Grade:
    return next(g for g in grades if g.direction == "normal")


_TABLE = reference_ranges()  # read and validated once (cached in mgk_helpers.data)

#: Serum K grades, low to high (mmol/L): the K ``course grades`` rows of ``reference_ranges.csv``.
#: Half-open bands [lower, upper); the normal band is closed.
K_GRADES: tuple[Grade, ...] = grades_from_table(_TABLE, "K")
#: Serum total Mg grades, low to high (mmol/L): the Mg ``course grades`` rows of ``reference_ranges.csv``.
#: Half-open bands [lower, upper); the normal band is closed.
MG_GRADES: tuple[Grade, ...] = grades_from_table(_TABLE, "Mg")

#: Normal serum K, mmol/L (= mEq/L), the normal band of :data:`K_GRADES`; some laboratories use 3.5–5.3.
K_NORMAL: tuple[float, float] = (_normal_of(K_GRADES).lower, _normal_of(K_GRADES).upper)
#: Source of :data:`K_NORMAL` (with its confidence tag).
K_NORMAL_SOURCE: str = _normal_of(K_GRADES).source
#: Normal serum total Mg, mmol/L (= 1.82–2.31 mg/dL = 1.5–1.9 mEq/L), the normal band of :data:`MG_GRADES`.
MG_NORMAL: tuple[float, float] = (_normal_of(MG_GRADES).lower, _normal_of(MG_GRADES).upper)
#: Source of :data:`MG_NORMAL` (with its confidence tag).
MG_NORMAL_SOURCE: str = _normal_of(MG_GRADES).source
#: Serum Mg (mmol/L) above which symptoms of Mg toxicity usually develop, "1.74–2.61 mmol/L" (NIH ODS, A):
#: the moderate hypermagnesaemia band of :data:`MG_GRADES`.
MG_TOXICITY_SYMPTOMS_MMOL_PER_L: tuple[float, float] = next(
    (g.lower, g.upper) for g in MG_GRADES if g.label == "moderate hypermagnesaemia"
)


@dataclass(frozen=True)
class Classification:
    """Result of :func:`classify_k` / :func:`classify_mg`.

    ``label`` uses British spelling ("mild hypokalaemia"); ``severity`` is one of
    ``"normal"``, ``"mild"``, ``"moderate"``, ``"severe"``; ``direction`` is ``"low"``,
    ``"normal"`` or ``"high"``; ``range_text`` is the band in mmol/L; ``source`` names the original source
    with its confidence tag; ``note`` (may be empty) says what the band usually means for symptoms.
    """

    label: str
    severity: str
    direction: str
    range_text: str
    source: str
    note: str = ""


def _classify(value: float, grades: tuple[Grade, ...], normal: tuple[float, float]) -> Classification:
    if normal[0] <= value <= normal[1]:
        row = next(g for g in grades if g.direction == "normal")
    else:
        row = next(g for g in grades if g.direction != "normal" and g.lower <= value < g.upper)
    return Classification(row.label, row.severity, row.direction, row.range_text, row.source, row.note)


def _scalar(name: str, value, unit: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} {unit} is not a number; the valid range is ≥ 0 {unit}") from None
    check_range(name, x, 0.0, math.inf, unit)
    return x


def classify_k(serum_k: float) -> Classification:
    """Classify a serum K concentration in mmol/L (= mEq/L) by :data:`K_GRADES`.

    Raises ValueError for NaN, infinite or negative input.
    """
    return _classify(_scalar("serum_k", serum_k, "mmol/L"), K_GRADES, K_NORMAL)


def classify_mg(serum_mg: float, unit: str = "mmol/L") -> Classification:
    """Classify a serum total Mg concentration in ``unit`` (mmol/L, mg/dL or mEq/L) by :data:`MG_GRADES`.

    Low values are graded from CTCAE v5.0; high values by the NIH ODS toxicity range (mild
    hypermagnesaemia below 1.74 mmol/L, moderate 1.74 to < 2.61, severe ≥ 2.61). The value is
    converted to mmol/L first (:mod:`mgk_helpers.units`); ``range_text`` is always in mmol/L.
    Raises ValueError for NaN, infinite or negative input or an unknown unit.
    """
    x = _scalar("serum_mg", serum_mg, unit)
    return _classify(float(to_mmol_per_l(x, unit, "Mg")), MG_GRADES, MG_NORMAL)


@dataclass(frozen=True)
class EcgPattern:
    """Typical ECG findings for a serum K band: usual associations, loose with the exact K level.

    For K above the normal range ``findings`` ends with :data:`ECG_HYPERKALAEMIA_CAVEAT`.
    """

    band: str
    findings: str
    source: str
    confidence: str


_DIERCKS = "Diercks DB et al., J Emerg Med 2004;27:153–160 (https://pubmed.ncbi.nlm.nih.gov/15261358/)"
_WEISS = "Weiss JN et al., Circ Arrhythm Electrophysiol 2017;10:e004667 (https://pubmed.ncbi.nlm.nih.gov/28314851/)"

#: Source of :data:`ECG_HYPERKALAEMIA_CAVEAT`.
ECG_HYPERKALAEMIA_CAVEAT_SOURCE = (
    "Montague BT, Ouellette JR, Buller GK, Clin J Am Soc Nephrol 2008;3:324–330 (doi:10.2215/CJN.04611007); "
    f"{_UKKA}"
)
#: The ECG is insensitive in hyperkalaemia: shown with every ECG pattern for K above the normal range.
ECG_HYPERKALAEMIA_CAVEAT = (
    "Caution: the ECG is an insensitive guide to high K. Dangerous arrhythmias or cardiac arrest can occur "
    "with few or no ECG changes, so a normal ECG does not mean that the K level is safe (Montague et al. "
    "2008; UK Kidney Association 2020)."
)

_ECG_HYPOK_SOURCE = f"{_DIERCKS}; {_WEISS} (B)"
_ECG_HYPERK_SOURCE = f"{_DIERCKS}; {_WEISS}; caveat: {ECG_HYPERKALAEMIA_CAVEAT_SOURCE} (B)"


def _with_caveat(findings: str) -> str:
    return f"{findings}. {ECG_HYPERKALAEMIA_CAVEAT}"


#: (lower, upper, pattern) rows, mmol/L, read as lower ≤ K < upper: usual ECG findings in hypokalaemia.
ECG_HYPOKALAEMIA_TABLE: tuple[tuple[float, float, EcgPattern], ...] = (
    (
        0.0,
        2.5,
        EcgPattern(
            "< 2.5 mmol/L (severe hypokalaemia)",
            "T–U fusion with apparent QT (really QU) prolongation; PR prolongation, larger P waves, QRS "
            "widening; ventricular ectopy, VT/VF, torsades de pointes (especially with digoxin or low Mg)",
            _ECG_HYPOK_SOURCE,
            "B",
        ),
    ),
    (
        2.5,
        3.0,
        EcgPattern(
            "2.5–3.0 mmol/L (moderate hypokalaemia)",
            "ST sagging or depression, T-wave flattening or inversion, prominent U waves (U may exceed T)",
            _ECG_HYPOK_SOURCE,
            "B",
        ),
    ),
    (
        3.0,
        3.5,
        EcgPattern(
            "3.0–3.5 mmol/L (mild hypokalaemia)",
            "often normal; T-wave flattening, early or subtle U wave",
            _ECG_HYPOK_SOURCE,
            "B",
        ),
    ),
)

#: Normal band 3.5 ≤ K ≤ 5.0 mmol/L (the normal range); the hyperkalaemia table starts at 5.5.
ECG_NORMAL = EcgPattern(
    "3.5–5.0 mmol/L (no K-related changes expected up to about 5.5)",
    "normal ECG expected (no potassium-related changes listed for this band)",
    "normal range 3.5–5.0 mmol/L; the hypokalaemia table ends at 3.5 and the hyperkalaemia table starts at "
    f"5.5 mmol/L ({_DIERCKS})",
    "B",
)

#: 5.0 < K < 5.5 mmol/L: above the normal range, below the hyperkalaemia table; carries the caveat.
ECG_ABOVE_NORMAL = EcgPattern(
    "> 5.0 and < 5.5 mmol/L (above the reference range)",
    _with_caveat("normal ECG expected (no potassium-related changes listed below about 5.5 mmol/L)"),
    f"the hyperkalaemia table starts at 5.5 mmol/L ({_DIERCKS}); caveat: {ECG_HYPERKALAEMIA_CAVEAT_SOURCE}",
    "B",
)

#: (lower, upper, pattern) rows, mmol/L, lower ≤ K < upper: usual ECG findings in hyperkalaemia. The
#: cut-offs between bands vary between sources; every row carries :data:`ECG_HYPERKALAEMIA_CAVEAT`.
ECG_HYPERKALAEMIA_TABLE: tuple[tuple[float, float, EcgPattern], ...] = (
    (5.5, 6.5, EcgPattern("5.5–6.5 mmol/L", _with_caveat("tall, tented T waves"), _ECG_HYPERK_SOURCE, "B")),
    (
        6.5,
        7.5,
        EcgPattern(
            "6.5–7.5 mmol/L", _with_caveat("loss of P waves, PR lengthening"), _ECG_HYPERK_SOURCE, "B"
        ),
    ),
    (7.5, 8.5, EcgPattern("7.5–8.5 mmol/L", _with_caveat("QRS widening"), _ECG_HYPERK_SOURCE, "B")),
    (8.5, math.inf, EcgPattern("> 8.5 mmol/L", _with_caveat("sine-wave pattern"), _ECG_HYPERK_SOURCE, "B")),
)

#: ECG note for hypomagnesaemia (Harrison's Manual of Medicine, A).
ecg_pattern_mg_note: str = (
    "Hypomagnesaemia (often with low K or Ca): prolonged PR and QT, QRS widening, atrial and ventricular "
    "arrhythmias, torsades de pointes. Source: Harrison's Manual of Medicine (A)."
)


def ecg_pattern(serum_k: float) -> EcgPattern:
    """Typical ECG findings for a serum K (mmol/L).

    Bands read as lower ≤ K < upper: the hypokalaemia table below 3.5, :data:`ECG_NORMAL` for
    3.5 ≤ K ≤ 5.0 (the normal range), :data:`ECG_ABOVE_NORMAL` for 5.0 < K < 5.5, the hyperkalaemia
    table from 5.5. The link between ECG and the exact K level is loose; for every K above the normal
    range ``findings`` includes :data:`ECG_HYPERKALAEMIA_CAVEAT` (a normal ECG does not mean a safe K).
    Raises ValueError for NaN, infinite or negative K.
    """
    k = _scalar("serum_k", serum_k, "mmol/L")
    if K_NORMAL[0] <= k <= K_NORMAL[1]:
        return ECG_NORMAL
    for lower, upper, pattern in ECG_HYPOKALAEMIA_TABLE + ECG_HYPERKALAEMIA_TABLE:
        if lower <= k < upper:
            return pattern
    return ECG_ABOVE_NORMAL
