"""Membrane potentials: the Nernst equilibrium potential and the Goldman–Hodgkin–Katz voltage.

Both functions return millivolts and broadcast like numpy. With the defaults they reproduce the
reference table in tests/test_membrane.py (K_i = 140, Na_i = 12, Na_o = 145 mM, 37 °C, Cl ignored)
to 0.1 mV; e.g. at [K]o = 4.2 mM: E_K = −93.7 mV, GHK V = −85.8 mV (P_Na/P_K = 0.01) or −67.0 mV (0.05).
The gas constant R and the Faraday constant F come from :mod:`scipy.constants`.

Caveats — say them next to any "V_m vs [K]o" slider:

* The fixed-permeability GHK curve says "low K hyperpolarises". Real skeletal muscle is bistable:
  below [K]o ≈ 1.0 mM fibres can jump to a second stable, depolarised potential near −60 mV and
  become inexcitable; in rat fibres 50 % were depolarised at 1.5 mM (Jurkat-Rott et al., PNAS 2009;
  A). This function cannot show that.
* The cardiac inward rectifier conductance falls with low K (G_K1 ∝ √([K]o/5.4 mM) in Luo–Rudy-type
  models, Luo & Rudy 1994; B/C). Less repolarising current prolongs repolarisation (U waves, QT/QU
  prolongation, arrhythmia) even though E_K is more negative (Weiss et al. 2017).
"""

from __future__ import annotations

import numpy as np
from scipy.constants import R, physical_constants, zero_Celsius

from .units import check_range

__all__ = ["E_NA", "ghk_voltage", "nernst", "rt_over_f_mv"]

_F = physical_constants["Faraday constant"][0]  # C/mol
_TEMP_RANGE = (0.0, 45.0)  # °C; body and laboratory temperatures


def rt_over_f_mv(temp_c: float = 37.0) -> float:
    """RT/F in millivolts at ``temp_c`` °C (26.73 mV at 37 °C, from R and F in :mod:`scipy.constants`)."""
    check_range("temp_c", temp_c, *_TEMP_RANGE, "°C")
    return 1000.0 * R * (np.asarray(temp_c, dtype=float) + zero_Celsius) / _F


def _positive(name: str, value) -> np.ndarray:
    check_range(name, value, 0.0, np.inf, "mM", lo_open=True)
    return np.asarray(value, dtype=float)


def _out(result: np.ndarray):
    return float(result) if result.ndim == 0 else result


def nernst(c_out, c_in, z: int = 1, temp_c: float = 37.0):
    """Nernst equilibrium potential E = (RT/zF)·ln(c_out/c_in), in mV (vectorized).

    ``c_out`` and ``c_in`` are concentrations in mM (> 0); ``z`` the valence (non-zero);
    ``temp_c`` in °C (0–45). Example: nernst(4.2, 140) = −93.7 mV at 37 °C (tests/test_membrane.py).
    """
    c_out = _positive("c_out", c_out)
    c_in = _positive("c_in", c_in)
    if not np.isfinite(z) or z == 0:
        raise ValueError(f"z={z} is not a valid valence; use a non-zero integer such as 1 (K⁺) or 2 (Mg²⁺)")
    return _out(rt_over_f_mv(temp_c) / z * np.log(c_out / c_in))


def ghk_voltage(
    k_out,
    k_in=140.0,
    na_out=145.0,
    na_in=12.0,
    p_na_over_p_k=0.01,
    temp_c: float = 37.0,
):
    """Goldman–Hodgkin–Katz resting potential for K⁺ and Na⁺ only (Cl passively distributed), in mV.

    V = (RT/F)·ln[(K_o + r·Na_o)/(K_i + r·Na_i)] with r = P_Na/P_K. Concentrations in mM (> 0),
    ``p_na_over_p_k`` ≥ 0 (0.01 muscle-like, 0.05 neuron-like; teaching values), ``temp_c`` in °C.
    All arguments broadcast. See the module docstring for the low-K caveats.
    """
    k_out = _positive("k_out", k_out)
    k_in = _positive("k_in", k_in)
    na_out = _positive("na_out", na_out)
    na_in = _positive("na_in", na_in)
    check_range("p_na_over_p_k", p_na_over_p_k, 0.0, np.inf, "")
    r = np.asarray(p_na_over_p_k, dtype=float)
    return _out(rt_over_f_mv(temp_c) * np.log((k_out + r * na_out) / (k_in + r * na_in)))


#: Na⁺ equilibrium potential for Na_o = 145, Na_i = 12 mM at 37 °C: +66.6 mV (computed by :func:`nernst`).
E_NA: float = nernst(145.0, 12.0)
