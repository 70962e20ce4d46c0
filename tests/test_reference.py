"""Reference ranges, grades and ECG bands (mgk_helpers.reference).

Expected values are written out by hand from the sources named in the module (NIH ODS, CTCAE v5.0, Kardalas
2018, UK Kidney Association 2020, Montague 2008), so a changed number makes a test fail.
"""

from __future__ import annotations

import dataclasses
import math
import re

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
# the grades agree with data/reference_ranges.csv (one set of numbers until the two are unified)


def _range_rows(analyte: str, condition: str, system: str, unit: str = "mmol/L"):
    table = data.reference_ranges()
    return table[
        (table["analyte"] == analyte)
        & (table["condition"] == condition)
        & (table["system"] == system)
        & (table["unit"] == unit)
    ].set_index("grade")


def _grade(grades, label: str):
    return next(g for g in grades if g.label == label)


def test_k_grades_agree_with_reference_ranges_csv():
    hypo = _range_rows("K", "hypokalaemia", "clinical grading")
    assert _grade(K_GRADES, "mild hypokalaemia").lower == hypo.loc["mild", "lower"] == 3.0
    assert _grade(K_GRADES, "moderate hypokalaemia").lower == hypo.loc["moderate", "lower"] == 2.5
    assert _grade(K_GRADES, "severe hypokalaemia").upper == hypo.loc["severe", "upper"] == 2.5
    hyper = _range_rows("K", "hyperkalaemia", "UK Kidney Association")
    for word, lower in (("mild", 5.5), ("moderate", 6.0), ("severe", 6.5)):
        assert _grade(K_GRADES, f"{word} hyperkalaemia").lower == hyper.loc[word, "lower"] == lower
    normal = _range_rows("K", "normal", "reference interval")
    assert (normal.loc["normal", "lower"], normal.loc["normal", "upper"]) == K_NORMAL


def test_mg_grades_agree_with_reference_ranges_csv():
    normal = _range_rows("Mg", "normal", "NIH ODS")
    assert (normal.loc["normal", "lower"], normal.loc["normal", "upper"]) == MG_NORMAL
    ctcae = _range_rows("Mg", "hypomagnesaemia", "CTCAE v5")
    assert _grade(MG_GRADES, "mild hypomagnesaemia").lower == ctcae.loc["grade 1", "lower"] == 0.5
    assert _grade(MG_GRADES, "moderate hypomagnesaemia").lower == ctcae.loc["grade 2", "lower"] == 0.4
    assert _grade(MG_GRADES, "severe hypomagnesaemia").upper == ctcae.loc["grade 3", "upper"] == 0.4
    ods_high = _range_rows("Mg", "hypermagnesaemia", "NIH ODS")
    assert ods_high.loc["symptomatic", "lower"] == MG_TOXICITY_SYMPTOMS_MMOL_PER_L[0]
    assert math.isnan(ods_high.loc["symptomatic", "upper"])
    assert "2.61" in ods_high.loc["symptomatic", "range_text"]
    assert _grade(MG_GRADES, "moderate hypermagnesaemia").lower == MG_TOXICITY_SYMPTOMS_MMOL_PER_L[0]
    assert _grade(MG_GRADES, "severe hypermagnesaemia").lower == MG_TOXICITY_SYMPTOMS_MMOL_PER_L[1]
