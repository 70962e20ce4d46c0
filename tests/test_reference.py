"""Reference ranges, grades and ECG bands (mgk_helpers.reference).

Expected values are written out by hand from the sources named in the module (NIH ODS, CTCAE v5.0, Kardalas
2018, UK Kidney Association 2020, Montague 2008), so a changed number makes a test fail.
"""

from __future__ import annotations

import dataclasses
import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgk_helpers import data, reference
from mgk_helpers.reference import (
    ECG_ABOVE_NORMAL,
    ECG_HYPERKALAEMIA_CAVEAT,
    ECG_HYPERKALAEMIA_TABLE,
    ECG_HYPOKALAEMIA_TABLE,
    ECG_NORMAL,
    K_GRADES,
    K_NORMAL,
    MG_GRADES,
    MG_NORMAL,
    MG_TOXICITY_SYMPTOMS_MMOL_PER_L,
    Classification,
    EcgPattern,
    Grade,
    classify_k,
    classify_mg,
    ecg_pattern,
    ecg_pattern_mg_note,
)

SEVERITIES = {"normal", "mild", "moderate", "severe"}


def test_normal_ranges():
    assert K_NORMAL == (3.5, 5.0)
    assert MG_NORMAL == (0.75, 0.95)


@pytest.mark.parametrize(
    ("k", "label", "severity", "direction"),
    [
        (2.0, "severe hypokalaemia", "severe", "low"),
        (2.49, "severe hypokalaemia", "severe", "low"),
        (2.5, "moderate hypokalaemia", "moderate", "low"),
        (2.9, "moderate hypokalaemia", "moderate", "low"),
        (3.0, "mild hypokalaemia", "mild", "low"),
        (3.45, "mild hypokalaemia", "mild", "low"),
        (3.5, "normal", "normal", "normal"),
        (4.2, "normal", "normal", "normal"),
        (5.0, "normal", "normal", "normal"),
        (5.2, "above the reference range", "mild", "high"),
        (5.5, "mild hyperkalaemia", "mild", "high"),
        (6.1, "moderate hyperkalaemia", "moderate", "high"),
        (6.5, "severe hyperkalaemia", "severe", "high"),
        (9.0, "severe hyperkalaemia", "severe", "high"),
    ],
)
def test_classify_k_grades(k, label, severity, direction):
    c = classify_k(k)
    assert (c.label, c.severity, c.direction) == (label, severity, direction)
    assert "mmol/L" in c.range_text and c.source


def test_classify_k_range_text_example():
    assert classify_k(3.2).range_text == "3.0–3.4 mmol/L"


@pytest.mark.parametrize(
    ("mg", "label", "severity"),
    [
        (0.2, "severe hypomagnesaemia", "severe"),
        (0.39, "severe hypomagnesaemia", "severe"),
        (0.45, "moderate hypomagnesaemia", "moderate"),
        (0.6, "mild hypomagnesaemia", "mild"),
        (0.75, "normal", "normal"),
        (0.95, "normal", "normal"),
        # high Mg by the NIH ODS toxicity range: symptoms usually develop above 1.74–2.61 mmol/L
        (0.96, "mild hypermagnesaemia", "mild"),
        (1.2, "mild hypermagnesaemia", "mild"),
        (1.73, "mild hypermagnesaemia", "mild"),
        (1.74, "moderate hypermagnesaemia", "moderate"),
        (2.0, "moderate hypermagnesaemia", "moderate"),
        (2.6, "moderate hypermagnesaemia", "moderate"),
        (2.61, "severe hypermagnesaemia", "severe"),
        (3.0, "severe hypermagnesaemia", "severe"),
        (6.0, "severe hypermagnesaemia", "severe"),
    ],
)
def test_classify_mg_grades(mg, label, severity):
    c = classify_mg(mg)
    assert (c.label, c.severity) == (label, severity)


def test_high_mg_is_never_called_mild_in_the_toxic_range():
    """A student calling the API must not get "mild" where Mg toxicity is expected (3.0 was "mild")."""
    assert MG_TOXICITY_SYMPTOMS_MMOL_PER_L == (1.74, 2.61)
    for mg in (1.74, 2.2, 3.0, 4.5):
        c = classify_mg(mg)
        assert c.direction == "high" and c.severity != "mild", mg
    three = classify_mg(3.0)
    assert three.severity == "severe" and "cardiac arrest" in three.note
    assert "no symptoms" in classify_mg(1.2).note
    assert "lethargy" in classify_mg(2.0).note
    assert classify_mg(3.0, unit="mEq/L").label == "mild hypermagnesaemia"  # 1.5 mmol/L
    assert classify_mg(5.0, unit="mg/dL").label == "moderate hypermagnesaemia"  # 2.06 mmol/L
    assert classify_mg(7.0, unit="mg/dL").label == "severe hypermagnesaemia"  # 2.88 mmol/L


def test_classify_mg_other_units():
    # 1.5–1.9 mEq/L and 1.82–2.31 mg/dL are the normal range (NIH ODS)
    assert classify_mg(1.6, unit="mEq/L").label == "normal"
    assert classify_mg(2.0, unit="mg/dL").label == "normal"
    assert classify_mg(1.0, unit="mg/dL").direction == "low"  # 0.41 mmol/L
    with pytest.raises(ValueError, match="valid units"):
        classify_mg(0.8, unit="mmol")


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 20, allow_nan=False))
def test_every_k_value_is_classified(k):
    c = classify_k(k)
    assert isinstance(c, Classification)
    assert c.severity in SEVERITIES and c.direction in {"low", "normal", "high"}
    assert (c.direction == "normal") == (K_NORMAL[0] <= k <= K_NORMAL[1])
    assert isinstance(ecg_pattern(k), EcgPattern)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 5, allow_nan=False))
def test_every_mg_value_is_classified(mg):
    c = classify_mg(mg)
    assert c.severity in SEVERITIES
    assert (c.direction == "normal") == (MG_NORMAL[0] <= mg <= MG_NORMAL[1])


def test_grade_tables_are_contiguous_and_sourced():
    for table in (K_GRADES, MG_GRADES):
        for lower, upper in zip(table, table[1:], strict=False):
            assert lower.upper == upper.lower
        assert table[0].lower == 0.0
        assert all(g.source for g in table)


def test_classification_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        classify_k(4.0).label = "x"


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), "abc", None])
def test_invalid_input(bad):
    for func, name in ((classify_k, "serum_k"), (classify_mg, "serum_mg"), (ecg_pattern, "serum_k")):
        with pytest.raises(ValueError) as err:
            func(bad)
        assert name in str(err.value) and "mmol/L" in str(err.value)


@pytest.mark.parametrize(
    ("k", "words"),
    [
        (2.0, "torsades"),
        (2.7, "U waves"),
        (3.2, "often normal"),
        (4.2, "normal ECG expected"),
        (5.2, "normal ECG expected"),
        (6.0, "tented T"),
        (7.0, "loss of P"),
        (8.0, "QRS widening"),
        (9.0, "sine"),
    ],
)
def test_ecg_bands(k, words):
    pattern = ecg_pattern(k)
    assert words in pattern.findings
    assert pattern.source and pattern.confidence == "B"


def test_normal_ecg_band_matches_the_normal_range():
    assert ECG_NORMAL.band == "3.5–5.0 mmol/L (no K-related changes expected up to about 5.5)"
    assert ecg_pattern(3.5) is ECG_NORMAL and ecg_pattern(5.0) is ECG_NORMAL
    assert ecg_pattern(5.01) is ECG_ABOVE_NORMAL and ecg_pattern(5.49) is ECG_ABOVE_NORMAL
    assert ecg_pattern(5.5) is ECG_HYPERKALAEMIA_TABLE[0][2]


def test_hyperkalaemia_caveat_text_and_source():
    caveat = ECG_HYPERKALAEMIA_CAVEAT.lower()
    assert "insensitive" in caveat
    assert "few or no ecg changes" in caveat
    assert "cardiac arrest" in caveat
    assert "a normal ecg does not mean" in caveat
    assert "Montague" in ECG_HYPERKALAEMIA_CAVEAT and "UK Kidney Association" in ECG_HYPERKALAEMIA_CAVEAT
    assert "CJN.04611007" in reference.ECG_HYPERKALAEMIA_CAVEAT_SOURCE


def test_every_hyperkalaemia_table_row_carries_the_caveat():
    for _lower, _upper, pattern in ECG_HYPERKALAEMIA_TABLE:
        assert ECG_HYPERKALAEMIA_CAVEAT in pattern.findings
        assert "Montague" in pattern.source
    assert ECG_HYPERKALAEMIA_CAVEAT in ECG_ABOVE_NORMAL.findings


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 12, allow_nan=False))
def test_caveat_appears_exactly_for_k_above_the_normal_range(k):
    """A normal ECG must not read as "safe K": every band above 5.0 mmol/L carries the caveat, no other."""
    findings = ecg_pattern(k).findings
    assert (ECG_HYPERKALAEMIA_CAVEAT in findings) == (k > K_NORMAL[1])


def test_mg_ecg_note():
    assert "torsades de pointes" in ecg_pattern_mg_note
    assert "QT" in ecg_pattern_mg_note


# ---------------------------------------------------------------------------------------------
# sources: primary papers, guidelines, textbooks, official fact sheets only

#: Hosts and words of answer sites, mirrors, personal notes and content farms that must not be cited.
NOT_SOURCES = re.compile(
    r"droracle|wilddata|healthjade|cjdbarlow|Part-One|wikipedia|labtests\.co|kelmac|ecgedu|scribd|slideplayer|"
    r"studylib|benchchem|rrnursing|globalrph|issuhub|guidelinegenius|acutegp|DOMAIN|teaching notes",
    re.IGNORECASE,
)


def _all_sources() -> list[str]:
    texts = [g.source for g in K_GRADES + MG_GRADES]
    texts += [p.source for _lo, _hi, p in ECG_HYPOKALAEMIA_TABLE + ECG_HYPERKALAEMIA_TABLE]
    texts += [ECG_NORMAL.source, ECG_ABOVE_NORMAL.source, ECG_HYPERKALAEMIA_CAVEAT, ecg_pattern_mg_note]
    texts += [
        reference.K_NORMAL_SOURCE,
        reference.MG_NORMAL_SOURCE,
        reference.ECG_HYPERKALAEMIA_CAVEAT_SOURCE,
    ]
    return texts


def test_sources_are_citable():
    for text in _all_sources():
        assert text.strip()
        assert not NOT_SOURCES.search(text), text
    assert not NOT_SOURCES.search(reference.__doc__ or "")
    # the named replacements are there
    joined = " ".join(_all_sources())
    for name in ("Kardalas", "UK Kidney Association", "NIH", "Diercks", "Weiss", "Montague", "CTCAE"):
        assert name in joined, name


# ---------------------------------------------------------------------------------------------
# the grades ARE the "course grades" rows of model/tables/reference_ranges.csv (one home)

#: Today's bands written out by hand: (lower, upper, label, severity, direction, range_text).
EXPECTED_K_GRADES = [
    (0.0, 2.5, "severe hypokalaemia", "severe", "low", "< 2.5 mmol/L"),
    (2.5, 3.0, "moderate hypokalaemia", "moderate", "low", "2.5–2.9 mmol/L"),
    (3.0, 3.5, "mild hypokalaemia", "mild", "low", "3.0–3.4 mmol/L"),
    (3.5, 5.0, "normal", "normal", "normal", "3.5–5.0 mmol/L"),
    (5.0, 5.5, "above the reference range", "mild", "high", "> 5.0 and < 5.5 mmol/L"),
    (5.5, 6.0, "mild hyperkalaemia", "mild", "high", "5.5–5.9 mmol/L"),
    (6.0, 6.5, "moderate hyperkalaemia", "moderate", "high", "6.0–6.4 mmol/L"),
    (6.5, math.inf, "severe hyperkalaemia", "severe", "high", "≥ 6.5 mmol/L"),
]
EXPECTED_MG_GRADES = [
    (0.0, 0.4, "severe hypomagnesaemia", "severe", "low", "< 0.40 mmol/L"),
    (0.4, 0.5, "moderate hypomagnesaemia", "moderate", "low", "0.40–0.49 mmol/L"),
    (0.5, 0.75, "mild hypomagnesaemia", "mild", "low", "0.50–0.74 mmol/L"),
    (0.75, 0.95, "normal", "normal", "normal", "0.75–0.95 mmol/L"),
    (0.95, 1.74, "mild hypermagnesaemia", "mild", "high", "> 0.95 and < 1.74 mmol/L"),
    (1.74, 2.61, "moderate hypermagnesaemia", "moderate", "high", "1.74 to < 2.61 mmol/L"),
    (2.61, math.inf, "severe hypermagnesaemia", "severe", "high", "≥ 2.61 mmol/L"),
]


def _band(g: Grade) -> tuple:
    return (g.lower, g.upper, g.label, g.severity, g.direction, g.range_text)


def test_grades_are_the_bands_written_out_by_hand():
    assert [_band(g) for g in K_GRADES] == EXPECTED_K_GRADES
    assert [_band(g) for g in MG_GRADES] == EXPECTED_MG_GRADES
    assert [g.note for g in MG_GRADES] == [
        "symptoms typically appear below 0.5 mmol/L",
        "symptoms typically appear below 0.5 mmol/L",
        "symptoms are usually absent above 0.5 mmol/L",
        "",
        "usually no symptoms (symptoms of Mg toxicity usually start only above 1.74–2.61 mmol/L)",
        "symptoms of Mg toxicity usually develop in this range: low blood pressure, nausea, vomiting, facial "
        "flushing, urine retention, ileus, depression and lethargy",
        "above the range in which Mg toxicity usually starts: risk of muscle weakness, difficulty breathing, "
        "extreme hypotension, irregular heartbeat and cardiac arrest",
    ]
    assert all(g.note == "" for g in K_GRADES)
    assert all(isinstance(v, float) for g in K_GRADES + MG_GRADES for v in (g.lower, g.upper))


def test_grade_sources_name_the_source_and_its_confidence():
    for g in K_GRADES[:3]:
        assert g.source == "Kardalas E et al., Endocr Connect 2018;7:R135–R146 (doi:10.1530/EC-18-0109) (B)"
    for g in K_GRADES[5:]:
        assert g.source.startswith("UK Kidney Association") and g.source.endswith("2020 (B)")
    assert K_GRADES[3].source == reference.K_NORMAL_SOURCE and "Gennari" in K_GRADES[3].source
    assert K_GRADES[4].source.endswith("labelled by this course (D)")
    assert all("CTCAE" in g.source and g.source.endswith("(C)") for g in MG_GRADES[:3])
    assert MG_GRADES[3].source == reference.MG_NORMAL_SOURCE
    assert MG_GRADES[3].source.startswith("NIH Office of Dietary Supplements") and MG_GRADES[
        3
    ].source.endswith("(A)")
    assert all("1.74–2.61 mmol/L (A)" in g.source and g.source.endswith("(D)") for g in MG_GRADES[4:])


def _course_rows(table, analyte: str):
    rows = table[(table["system"] == data.COURSE_GRADES_SYSTEM) & (table["analyte"] == analyte)]
    return rows.sort_values("lower").to_dict("records")


@pytest.mark.parametrize(("analyte", "grades", "count"), [("K", K_GRADES, 8), ("Mg", MG_GRADES, 7)])
def test_the_code_grades_are_the_csv_rows(analyte, grades, count):
    rows = _course_rows(data.reference_ranges(), analyte)
    assert len(rows) == len(grades) == count
    for g, row in zip(grades, rows, strict=True):
        assert row["unit"] == "mmol/L"
        assert g.lower == row["lower"]
        assert g.upper == (math.inf if math.isnan(row["upper"]) else row["upper"])
        assert g.severity == row["grade"]
        assert g.range_text == f"{row['range_text']} mmol/L"
        assert g.source == f"{row['source']} ({row['confidence']})"
        assert g.note == ("" if isinstance(row["notes"], float) else row["notes"])
    assert reference.grades_from_table(data.reference_ranges(), analyte) == grades


def test_normal_ranges_and_toxicity_range_come_from_the_grades():
    assert (K_GRADES[3].lower, K_GRADES[3].upper) == K_NORMAL
    assert (MG_GRADES[3].lower, MG_GRADES[3].upper) == MG_NORMAL
    assert (MG_GRADES[5].lower, MG_GRADES[5].upper) == MG_TOXICITY_SYMPTOMS_MMOL_PER_L
    # the ODS row of the catalogue that the high-Mg grades are drawn from
    table = data.reference_ranges()
    ods = table[(table["system"] == "NIH ODS") & (table["condition"] == "hypermagnesaemia")].iloc[0]
    assert ods["lower"] == MG_TOXICITY_SYMPTOMS_MMOL_PER_L[0]
    assert f"{MG_TOXICITY_SYMPTOMS_MMOL_PER_L[1]:.2f}" in ods["range_text"]


def _shipped_csv() -> pd.DataFrame:
    return pd.read_csv(data.DATA_DIR / "reference_ranges.csv", dtype=str, keep_default_na=False)


def _course_mask(frame: pd.DataFrame, analyte: str, condition: str, grade: str) -> pd.Series:
    return (
        (frame["system"] == data.COURSE_GRADES_SYSTEM)
        & (frame["analyte"] == analyte)
        & (frame["condition"] == condition)
        & (frame["grade"] == grade)
    )


def test_grade_builder_follows_an_edited_copy_of_the_csv(tmp_path):
    """Move the moderate/mild hypokalaemia edge from 3.0 to 2.8 in a copy: the grades move with it."""
    frame = _shipped_csv()
    frame.loc[_course_mask(frame, "K", "hypokalaemia", "moderate"), ["upper", "range_text"]] = [
        "2.8",
        "2.5–2.7",
    ]
    frame.loc[_course_mask(frame, "K", "hypokalaemia", "mild"), ["lower", "range_text"]] = ["2.8", "2.8–3.4"]
    note = "an edited note"
    frame.loc[_course_mask(frame, "Mg", "hypermagnesaemia", "severe"), "notes"] = note
    path = tmp_path / "reference_ranges.csv"
    frame.to_csv(path, index=False, encoding="utf-8")

    edited = data.load_table("reference_ranges", path=path)
    k = reference.grades_from_table(edited, "K")
    assert _band(k[1]) == (2.5, 2.8, "moderate hypokalaemia", "moderate", "low", "2.5–2.7 mmol/L")
    assert _band(k[2]) == (2.8, 3.5, "mild hypokalaemia", "mild", "low", "2.8–3.4 mmol/L")
    assert k[:1] + k[3:] == K_GRADES[:1] + K_GRADES[3:]
    assert reference.grades_from_table(edited, "Mg")[-1].note == note
    # the shipped grades are untouched, and 2.9 mmol/L is still "moderate" by them
    assert reference.grades_from_table(data.reference_ranges(), "K") == K_GRADES
    assert classify_k(2.9).label == "moderate hypokalaemia"


def test_an_edited_copy_whose_bands_leave_a_gap_is_refused(tmp_path):
    frame = _shipped_csv()
    mask = _course_mask(frame, "Mg", "hypomagnesaemia", "moderate")
    frame.loc[mask, "upper"] = "0.45"  # 0.45–0.5 would be unclassified
    path = tmp_path / "reference_ranges.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    row = int(frame.index[mask][0]) + 1
    with pytest.raises(data.DataValidationError) as err:
        data.load_table("reference_ranges", path=path)
    assert (row, "upper") in [(r, c) for r, c, _ in err.value.problems]
    assert "each end where the next one starts" in str(err.value)


def test_grade_builder_needs_course_grade_rows():
    table = data.reference_ranges()
    with pytest.raises(ValueError, match="'Mg' has no 'course grades' rows"):
        reference.grades_from_table(table[table["system"] != data.COURSE_GRADES_SYSTEM], "Mg")
    no_normal = table[~((table["system"] == data.COURSE_GRADES_SYSTEM) & (table["condition"] == "normal"))]
    with pytest.raises(ValueError, match="exactly one normal band"):
        reference.grades_from_table(no_normal, "K")
