"""Nernst and GHK potentials against a reference table computed independently (to 0.1 mV)."""

from __future__ import annotations

import numpy as np
import pytest

from mgk_helpers.membrane import E_NA, ghk_voltage, nernst, rt_over_f_mv
from mgk_helpers.model import membrane

# [K]o, E_K, GHK (0.01), GHK (0.05) at 37 °C; Ki 140, Nai 12, Nao 145 mM; Cl passively distributed
TABLE = np.array(
    [
        [6.0, -84.2, -78.4, -63.1],
        [5.0, -89.1, -82.3, -65.2],
        [4.2, -93.7, -85.8, -67.0],
        [3.5, -98.6, -89.3, -68.7],
        [3.0, -102.7, -92.2, -70.0],
        [2.5, -107.6, -95.4, -71.3],
        [2.0, -113.5, -99.0, -72.7],
        [1.5, -121.2, -103.2, -74.2],
        [1.0, -132.1, -108.1, -75.8],
    ]
)
TOL = 0.1 + 1e-9  # table printed to 0.1 mV


def test_constants():
    assert rt_over_f_mv(37.0) == pytest.approx(26.73, abs=0.005)
    assert rt_over_f_mv(37.0) * np.log(10) == pytest.approx(61.54, abs=0.005)
    assert pytest.approx(66.6, abs=0.05) == E_NA


def test_nernst_table():
    np.testing.assert_allclose(nernst(TABLE[:, 0], 140.0), TABLE[:, 1], atol=TOL)


def test_ghk_table():
    np.testing.assert_allclose(ghk_voltage(TABLE[:, 0]), TABLE[:, 2], atol=TOL)
    np.testing.assert_allclose(ghk_voltage(TABLE[:, 0], p_na_over_p_k=0.05), TABLE[:, 3], atol=TOL)


def test_other_rows_of_section_2d():
    assert nernst(110.0, 4.0, z=-1) == pytest.approx(-88.6, abs=0.05)  # E_Cl
    assert nernst(4.2, 120.0) == pytest.approx(-89.6, abs=0.05)  # Ki falls to 120


def test_broadcasting():
    k_o = np.linspace(1, 6, 5)[:, None]
    ratio = np.array([0.01, 0.05])[None, :]
    assert ghk_voltage(k_o, p_na_over_p_k=ratio).shape == (5, 2)
    assert nernst(k_o, np.array([120.0, 140.0])).shape == (5, 2)
    assert isinstance(nernst(4.0, 140.0), float)


def test_low_k_hyperpolarises_monotonically():
    k = np.linspace(1.0, 6.0, 50)
    assert np.all(np.diff(nernst(k, 140.0)) > 0)
    assert np.all(np.diff(ghk_voltage(k)) > 0)


def test_mg_valence_halves_potential():
    assert nernst(0.5, 0.25, z=2) == pytest.approx(nernst(0.5, 0.25) / 2)


def test_caveats_documented():
    doc = membrane.__doc__
    assert "Jurkat-Rott" in doc and "bistable" in doc and "G_K1" in doc


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_invalid_concentrations(bad):
    with pytest.raises(ValueError, match="c_out") as err:
        nernst(np.array([4.0, bad]), 140.0)
    assert "mM" in str(err.value)
    with pytest.raises(ValueError, match="k_out"):
        ghk_voltage(bad)


def test_invalid_other_arguments():
    with pytest.raises(ValueError, match="z="):
        nernst(4.0, 140.0, z=0)
    with pytest.raises(ValueError, match="temp_c"):
        nernst(4.0, 140.0, temp_c=-300)
    with pytest.raises(ValueError, match="p_na_over_p_k"):
        ghk_voltage(4.0, p_na_over_p_k=-0.01)
