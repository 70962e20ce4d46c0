"""Unit conversions for Mg and K (NIH ODS Magnesium fact sheet; NASEM 2019; see docs/REFERENCES.md)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgk_helpers.model import units
from mgk_helpers.units import (
    CONCENTRATION_UNITS,
    MOLAR_MASS_G_PER_MOL,
    VALENCE,
    convert_concentration,
    from_mmol_per_l,
    milligrams_to_mmol,
    mmol_to_milligrams,
    to_mmol_per_l,
)


def test_constants_match_domain():
    assert MOLAR_MASS_G_PER_MOL == {"Mg": 24.305, "K": 39.10}
    assert VALENCE == {"Mg": 2, "K": 1}
    assert CONCENTRATION_UNITS == ("mmol/L", "mg/dL", "mEq/L")


def test_mg_normal_range_in_three_units():
    # NIH ODS Magnesium fact sheet (A): 0.75–0.95 mmol/L = 1.82–2.31 mg/dL = 1.5–1.9 mEq/L
    mmol = np.array([0.75, 0.95])
    np.testing.assert_allclose(convert_concentration(mmol, "mmol/L", "mg/dL", "Mg"), [1.82, 2.31], atol=0.005)
    np.testing.assert_allclose(convert_concentration(mmol, "mmol/L", "mEq/L", "Mg"), [1.5, 1.9], atol=1e-12)


def test_mg_published_factors():
    # the usual factors, from M(Mg) = 24.305 g/mol: mg/dL × 0.4114 = mmol/L; mmol/L × 2.431 = mg/dL;
    # mg/dL × 0.8229 = mEq/L. Last line: 1.2 mg/dL ≈ 0.5 mmol/L, below which symptoms typically appear
    # (NHS Lothian hypomagnesaemia guideline).
    assert to_mmol_per_l(1.0, "mg/dL", "Mg") == pytest.approx(0.4114, abs=1e-4)
    assert from_mmol_per_l(1.0, "mg/dL", "Mg") == pytest.approx(2.431, abs=1e-3)
    assert convert_concentration(1.0, "mg/dL", "mEq/L", "Mg") == pytest.approx(0.8229, abs=1e-4)
    assert convert_concentration(1.2, "mg/dL", "mmol/L", "Mg") == pytest.approx(0.49, abs=0.01)


def test_k_meq_equals_mmol():
    assert convert_concentration(4.2, "mmol/L", "mEq/L", "K") == pytest.approx(4.2)


def test_k_intakes():
    # K AIs (A): 3,400 mg = 87 mmol; 2,600 mg = 66.5 mmol (NASEM 2019); 4,700 mg = 120 mmol (IOM 2004/2005)
    assert milligrams_to_mmol(3400, "K") == pytest.approx(87, abs=0.5)
    assert milligrams_to_mmol(2600, "K") == pytest.approx(66.5, abs=0.05)
    assert milligrams_to_mmol(4700, "K") == pytest.approx(120, abs=0.5)
    assert mmol_to_milligrams(1.0, "Mg") == pytest.approx(24.305)
    assert mmol_to_milligrams(1.0, "K") == pytest.approx(39.10)


def test_vectorized_numpy_in_numpy_out():
    x = np.linspace(0.2, 1.5, 7)
    y = from_mmol_per_l(x, "mg/dL")
    assert isinstance(y, np.ndarray) and y.shape == x.shape
    assert isinstance(from_mmol_per_l(0.8, "mg/dL"), float)
    assert milligrams_to_mmol(np.array([[100.0, 200.0]]), "Mg").shape == (1, 2)


@settings(max_examples=60, deadline=None)
@given(
    value=st.floats(0, 1e4, allow_nan=False),
    ion=st.sampled_from(["Mg", "K"]),
    a=st.sampled_from(CONCENTRATION_UNITS),
    b=st.sampled_from(CONCENTRATION_UNITS),
)
def test_round_trip(value, ion, a, b):
    back = convert_concentration(convert_concentration(value, a, b, ion), b, a, ion)
    assert back == pytest.approx(value, rel=1e-12, abs=1e-12)


def test_uses_pint_not_hand_written_factors():
    # the conversion factor comes from the pint registry with the module's molar mass
    assert units._factor("mmol/L", "mg/dL", "Mg") == pytest.approx(MOLAR_MASS_G_PER_MOL["Mg"] / 10)


@pytest.mark.parametrize("bad_unit", ["mmol", "mg/L", "meq/l", ""])
def test_unknown_unit_lists_valid_ones(bad_unit):
    with pytest.raises(ValueError) as err:
        convert_concentration(1.0, bad_unit, "mmol/L")
    assert repr(bad_unit) in str(err.value)
    assert all(u in str(err.value) for u in CONCENTRATION_UNITS)


@pytest.mark.parametrize("bad_ion", ["Na", "mg", "Ca"])
def test_unknown_ion_lists_valid_ones(bad_ion):
    for call in (
        lambda: convert_concentration(1.0, "mmol/L", "mg/dL", bad_ion),
        lambda: milligrams_to_mmol(1.0, bad_ion),
        lambda: mmol_to_milligrams(1.0, bad_ion),
    ):
        with pytest.raises(ValueError, match="valid ions are Mg, K"):
            call()


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf")])
def test_bad_values_raise(bad):
    with pytest.raises(ValueError, match="value=") as err:
        convert_concentration(np.array([0.5, bad]), "mg/dL", "mmol/L")
    assert "mg/dL" in str(err.value)
    with pytest.raises(ValueError, match="milligrams="):
        milligrams_to_mmol(bad, "K")
