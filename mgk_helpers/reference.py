"""Reference ranges, severity grades and typical ECG findings for serum K and Mg.

All numbers come from DOMAIN §4 (ranges, grades) and §2d (ECG tables); each table row below
carries its source and confidence tag (A primary, B secondary, C background knowledge,
D modelling assumption; see DOMAIN §0).

How the bands are read
----------------------
Tables print bands as, e.g., "3.0–3.4 mmol/L" (mild hypokalaemia) and "2.5–2.9" (moderate). On a
continuous scale we read every band as half-open, *lower ≤ value < next band's lower*, so 3.45 is
"mild hypokalaemia" (3.0 ≤ K < 3.5) and 2.95 is "moderate" (2.5 ≤ K < 3.0). The normal ranges are
closed at both ends (3.5 ≤ K ≤ 5.0; 0.75 ≤ Mg ≤ 0.95). Every non-negative finite value gets exactly
one class; nothing is left unclassified.

Two gaps in the published tables are filled explicitly (a labelling decision, not a new fact):

* **K above 5.0 and below 5.5 mmol/L.** The normal range ends at 5.0 (some labs 5.3, DOMAIN §4)
  but the UK Kidney Association grades start at 5.5. We label 5.0 < K < 5.5 as
  ``"above the reference range"``, direction ``"high"``, severity ``"mild"``.
* **Mg above 0.95 mmol/L.** DOMAIN gives no grades for hypermagnesaemia, so every value above the
  ODS range is ``"above the reference range"``, direction ``"high"``, severity ``"mild"``.

Hypomagnesaemia grades: DOMAIN §4 gives the ODS cut-off (< 0.75 mmol/L, A), the symptom threshold
(< 0.5 mmol/L, A/B) and CTCAE v5 grades (G1 < LLN–0.5, G2 < 0.5–0.4, G3 < 0.4–0.3, G4 < 0.3; C).
We map them to three words: mild = 0.50–0.74 (CTCAE G1; usually no symptoms above 0.5),
moderate = 0.40–0.49 (G2), severe = below 0.40 (G3–G4).

These are teaching labels, not a diagnosis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .units import check_range, to_mmol_per_l

__all__ = [
    "ECG_HYPERKALAEMIA_TABLE",
    "ECG_HYPOKALAEMIA_TABLE",
    "K_GRADES",
    "K_NORMAL",
    "K_NORMAL_SOURCE",
    "MG_GRADES",
    "MG_NORMAL",
    "MG_NORMAL_SOURCE",
    "Classification",
    "EcgPattern",
    "Grade",
    "classify_k",
    "classify_mg",
    "ecg_pattern",
    "ecg_pattern_mg_note",
]

#: Normal serum K, mmol/L (= mEq/L). DOMAIN §4 (A); some labs use 3.5–5.3.
K_NORMAL: tuple[float, float] = (3.5, 5.0)
K_NORMAL_SOURCE = "AccessMedicine (CURRENT Dx&Tx Nephrology); NHS pathway (A)"
#: Normal serum total Mg, mmol/L (= 1.82–2.31 mg/dL = 1.5–1.9 mEq/L). DOMAIN §4, NIH ODS (A).
MG_NORMAL: tuple[float, float] = (0.75, 0.95)
MG_NORMAL_SOURCE = "NIH ODS magnesium fact sheet for health professionals (A)"

_HYPOK_SOURCE = "hypokalaemia grades, globalrph; droracle (B)"
_HYPERK_SOURCE = "UK Kidney Association hyperkalaemia guideline 2020/2023 (B)"
_GAP_K_SOURCE = (
    "normal 3.5–5.0 mmol/L (A); hyperkalaemia grades start at 5.5 (UK Kidney Association, B); "
    "the 5.0–5.5 gap is labelled by this module"
)
_HYPOMG_SOURCE = (
    "ODS cut-off < 0.75 mmol/L (A); symptoms usually < 0.5 (NHS Lothian, A/B); "
    "grades mapped from CTCAE v5 (C)"
)
_HIGH_MG_SOURCE = "above the ODS normal range 0.75–0.95 mmol/L (A); no grades given"


@dataclass(frozen=True)
class Grade:
    """One row of a grade table: ``lower ≤ value < upper`` (mmol/L), with its label and source."""

    lower: float
    upper: float
    label: str
    severity: str
    direction: str
    range_text: str
    source: str


#: Serum K grades, low to high (mmol/L). Half-open bands [lower, upper); the normal band is closed.
K_GRADES: tuple[Grade, ...] = (
    Grade(0.0, 2.5, "severe hypokalaemia", "severe", "low", "< 2.5 mmol/L", _HYPOK_SOURCE),
    Grade(2.5, 3.0, "moderate hypokalaemia", "moderate", "low", "2.5–2.9 mmol/L", _HYPOK_SOURCE),
    Grade(3.0, 3.5, "mild hypokalaemia", "mild", "low", "3.0–3.4 mmol/L", _HYPOK_SOURCE),
    Grade(3.5, 5.0, "normal", "normal", "normal", "3.5–5.0 mmol/L", K_NORMAL_SOURCE),
    Grade(5.0, 5.5, "above the reference range", "mild", "high", "> 5.0 and < 5.5 mmol/L", _GAP_K_SOURCE),
    Grade(5.5, 6.0, "mild hyperkalaemia", "mild", "high", "5.5–5.9 mmol/L", _HYPERK_SOURCE),
    Grade(6.0, 6.5, "moderate hyperkalaemia", "moderate", "high", "6.0–6.4 mmol/L", _HYPERK_SOURCE),
    Grade(6.5, math.inf, "severe hyperkalaemia", "severe", "high", "≥ 6.5 mmol/L", _HYPERK_SOURCE),
)

#: Serum total Mg grades, low to high (mmol/L). Half-open bands [lower, upper); normal is closed.
MG_GRADES: tuple[Grade, ...] = (
    Grade(0.0, 0.4, "severe hypomagnesaemia", "severe", "low", "< 0.40 mmol/L", _HYPOMG_SOURCE),
    Grade(0.4, 0.5, "moderate hypomagnesaemia", "moderate", "low", "0.40–0.49 mmol/L", _HYPOMG_SOURCE),
    Grade(0.5, 0.75, "mild hypomagnesaemia", "mild", "low", "0.50–0.74 mmol/L", _HYPOMG_SOURCE),
    Grade(0.75, 0.95, "normal", "normal", "normal", "0.75–0.95 mmol/L", MG_NORMAL_SOURCE),
    Grade(0.95, math.inf, "above the reference range", "mild", "high", "> 0.95 mmol/L", _HIGH_MG_SOURCE),
)


@dataclass(frozen=True)
class Classification:
    """Result of :func:`classify_k` / :func:`classify_mg`.

    ``label`` uses British spelling ("mild hypokalaemia"); ``severity`` is one of
    ``"normal"``, ``"mild"``, ``"moderate"``, ``"severe"``; ``direction`` is ``"low"``,
    ``"normal"`` or ``"high"``; ``range_text`` is the band in mmol/L; ``source`` names the original source
    with its confidence tag.
    """

    label: str
    severity: str
    direction: str
    range_text: str
    source: str


def _classify(value: float, grades: tuple[Grade, ...], normal: tuple[float, float]) -> Classification:
    if normal[0] <= value <= normal[1]:
        row = next(g for g in grades if g.direction == "normal")
    else:
        row = next(g for g in grades if g.direction != "normal" and g.lower <= value < g.upper)
    return Classification(row.label, row.severity, row.direction, row.range_text, row.source)


def _scalar(name: str, value, unit: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} {unit} is not a number; the valid range is ≥ 0 {unit}") from None
    check_range(name, x, 0.0, math.inf, unit)
    return x


def classify_k(serum_k: float) -> Classification:
    """Classify a serum K concentration in mmol/L (= mEq/L) by DOMAIN §4.

    Raises ValueError for NaN, infinite or negative input.
    """
    return _classify(_scalar("serum_k", serum_k, "mmol/L"), K_GRADES, K_NORMAL)


def classify_mg(serum_mg: float, unit: str = "mmol/L") -> Classification:
    """Classify a serum total Mg concentration given in ``unit`` (mmol/L, mg/dL or mEq/L).

    The value is converted to mmol/L first (:mod:`mgk_helpers.units`); ``range_text`` is always
    in mmol/L. Raises ValueError for NaN, infinite or negative input or an unknown unit.
    """
    x = _scalar("serum_mg", serum_mg, unit)
    return _classify(float(to_mmol_per_l(x, unit, "Mg")), MG_GRADES, MG_NORMAL)


@dataclass(frozen=True)
class EcgPattern:
    """Typical ECG findings for a serum K band (DOMAIN §2d): usual associations, loose with exact K."""

    band: str
    findings: str
    source: str
    confidence: str


_ECG_HYPOK_SOURCE = "droracle, globalrph, Kelmac ECG text, ECG pocket guide, ecgedu (B)"
_ECG_HYPERK_SOURCE = "teaching notes, GitHub cjdbarlow/Part-One potassium.md (B)"

#: (lower, upper, pattern) rows, mmol/L, read as lower ≤ K < upper. DOMAIN §2d, hypokalaemia table.
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

#: Normal band: no K-related ECG change is listed below the hyperkalaemia table (which starts at 5.5).
ECG_NORMAL = EcgPattern(
    "3.5–5.5 mmol/L",
    "normal ECG expected (no potassium-related changes listed for this band)",
    "the hypokalaemia table ends at 3.5 and the hyperkalaemia table starts at 5.5 mmol/L",
    "B",
)

#: (lower, upper, pattern) rows, mmol/L, lower ≤ K < upper. DOMAIN §2d, hyperkalaemia table.
ECG_HYPERKALAEMIA_TABLE: tuple[tuple[float, float, EcgPattern], ...] = (
    (5.5, 6.5, EcgPattern("5.5–6.5 mmol/L", "tall, tented T waves", _ECG_HYPERK_SOURCE, "B")),
    (6.5, 7.5, EcgPattern("6.5–7.5 mmol/L", "loss of P waves, PR lengthening", _ECG_HYPERK_SOURCE, "B")),
    (7.5, 8.5, EcgPattern("7.5–8.5 mmol/L", "QRS widening", _ECG_HYPERK_SOURCE, "B")),
    (8.5, math.inf, EcgPattern("> 8.5 mmol/L", "sine-wave pattern", _ECG_HYPERK_SOURCE, "B")),
)

#: ECG note for hypomagnesaemia (DOMAIN §2d, last row of the hypokalaemia table; Harrison's Manual, A).
ecg_pattern_mg_note: str = (
    "Hypomagnesaemia (often with low K or Ca): prolonged PR and QT, QRS widening, atrial and ventricular "
    "arrhythmias, torsades de pointes. Source: Harrison's Manual of Medicine (A)."
)


def ecg_pattern(serum_k: float) -> EcgPattern:
    """Typical ECG findings for a serum K (mmol/L), by the bands of DOMAIN §2d.

    Bands read as lower ≤ K < upper; 3.5 ≤ K < 5.5 gives the normal pattern. The link between ECG
    and the exact K level is loose (DOMAIN §2d). Raises ValueError for NaN, infinite or negative K.
    """
    k = _scalar("serum_k", serum_k, "mmol/L")
    for lower, upper, pattern in ECG_HYPOKALAEMIA_TABLE + ECG_HYPERKALAEMIA_TABLE:
        if lower <= k < upper:
            return pattern
    return ECG_NORMAL
