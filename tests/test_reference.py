"""Reference ranges, grades and ECG bands (DOMAIN §4, §2d)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgk_helpers.reference import (
    K_GRADES,
    K_NORMAL,
    MG_GRADES,
    MG_NORMAL,
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
        (1.2, "above the reference range", "mild"),
    ],
)
def test_classify_mg_grades(mg, label, severity):
    c = classify_mg(mg)
    assert (c.label, c.severity) == (label, severity)


def test_classify_mg_other_units():
    # 1.5–1.9 mEq/L and 1.82–2.31 mg/dL are the normal range (DOMAIN §4)
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


def test_mg_ecg_note():
    assert "torsades de pointes" in ecg_pattern_mg_note
    assert "QT" in ecg_pattern_mg_note
