"""Unit conversions for magnesium (Mg) and potassium (K), done with pint.

Serum concentrations are reported in three units (the NIH ODS Magnesium fact sheet gives all three):

* ``mmol/L`` — amount of substance per litre (the SI unit used by the model);
* ``mg/dL``  — mass per decilitre (common in US laboratories);
* ``mEq/L``  — milliequivalents of charge per litre: 1 mmol of an ion of valence z carries z mEq.

Nothing here uses hand-written conversion factors. A private pint registry defines the
*equivalent* as its own dimension and two contexts do the chemistry:

* pint's built-in ``chemistry`` context turns mass into amount of substance with the molar mass
  ``mw`` (confidence A: Mg 24.305 g/mol, K 39.10 g/mol; CIAAW standard atomic weights, Prohaska
  et al. 2022);
* our ``valence`` context turns amount of substance into equivalents with the valence ``z``
  (Mg²⁺ and K⁺: Mg 1 mmol = 2 mEq, K 1 mmol = 1 mEq).

Pint is asked once for the factor of each (from, to, ion) combination; the factor is cached and
applied to numpy arrays, so conversions are vectorized and cheap.

Checks (A): Mg 0.75–0.95 mmol/L = 1.82–2.31 mg/dL = 1.5–1.9 mEq/L (NIH ODS Magnesium fact sheet);
K 3,400 mg = 87 mmol (the adult male AI, NASEM 2019); 4,700 mg = 120 mmol (the former AI,
IOM 2004/2005). Sources: docs/REFERENCES.md.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pint

__all__ = [
    "CONCENTRATION_UNITS",
    "IONS",
    "MOLAR_MASS_G_PER_MOL",
    "VALENCE",
    "check_range",
    "convert_concentration",
    "format_range",
    "from_mmol_per_l",
    "milligrams_to_mmol",
    "mmol_to_milligrams",
    "to_mmol_per_l",
]

#: Molar masses in g/mol (CIAAW standard atomic weights, confidence A).
MOLAR_MASS_G_PER_MOL: dict[str, float] = {"Mg": 24.305, "K": 39.10}
#: Ionic valences (Mg²⁺: 1 mmol = 2 mEq; K⁺: 1 mmol = 1 mEq).
VALENCE: dict[str, int] = {"Mg": 2, "K": 1}
#: The ions this module knows.
IONS: tuple[str, ...] = tuple(MOLAR_MASS_G_PER_MOL)
#: Concentration units accepted by :func:`convert_concentration`.
CONCENTRATION_UNITS: tuple[str, ...] = ("mmol/L", "mg/dL", "mEq/L")

# pint spellings of our unit names
_PINT_UNIT = {"mmol/L": "mmol/L", "mg/dL": "mg/dL", "mEq/L": "milliequivalent/L"}

_UREG = pint.UnitRegistry()
_UREG.define("equivalent = [charge_equivalent] = eq = Eq")
_VALENCE_CONTEXT = pint.Context("valence", defaults={"z": 1})
_VALENCE_CONTEXT.add_transformation(
    "[substance]", "[charge_equivalent]", lambda ureg, x, z, **_: x * z * ureg.equivalent / ureg.mol
)
_VALENCE_CONTEXT.add_transformation(
    "[charge_equivalent]", "[substance]", lambda ureg, x, z, **_: x * ureg.mol / (z * ureg.equivalent)
)
_VALENCE_CONTEXT.add_transformation(
    "[substance] / [length] ** 3",
    "[charge_equivalent] / [length] ** 3",
    lambda ureg, x, z, **_: x * z * ureg.equivalent / ureg.mol,
)
_VALENCE_CONTEXT.add_transformation(
    "[charge_equivalent] / [length] ** 3",
    "[substance] / [length] ** 3",
    lambda ureg, x, z, **_: x * ureg.mol / (z * ureg.equivalent),
)
_UREG.add_context(_VALENCE_CONTEXT)


def format_range(lo: float, hi: float, unit: str) -> str:
    """Format a closed range as text, e.g. ``"0.2–1.5 mmol/L"`` (infinite ends become ``≥``/``≤``)."""
    unit_txt = f" {unit}" if unit else ""
    if np.isinf(hi) and np.isinf(lo):
        return "any finite number"
    if np.isinf(hi):
        return f"≥ {lo:g}{unit_txt}"
    if np.isinf(lo):
        return f"≤ {hi:g}{unit_txt}"
    return f"{lo:g}–{hi:g}{unit_txt}"


def check_range(name: str, value, lo: float, hi: float, unit: str, *, lo_open: bool = False):
    """Raise ValueError unless every element of ``value`` is finite and within ``[lo, hi]``.

    The message names the parameter, the (first) offending value, its unit and the valid range,
    e.g. ``serum_mg=-0.1 mmol/L is outside the valid range 0.2–1.5 mmol/L``. Nothing is clipped.
    With ``lo_open=True`` the lower end is excluded (``value > lo``). Returns ``value`` unchanged.
    """
    unit_txt = f" {unit}" if unit else ""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name}={value!r}{unit_txt} is not a number; the valid range is {format_range(lo, hi, unit)}"
        ) from None
    too_low = arr <= lo if lo_open else arr < lo
    bad = ~np.isfinite(arr) | too_low | (arr > hi)
    if np.any(bad):
        first = float(arr[bad].flat[0]) if arr.ndim else float(arr)
        range_txt = format_range(lo, hi, unit)
        if lo_open and np.isfinite(lo):
            range_txt = f"> {lo:g}{unit_txt}" if np.isinf(hi) else f"{range_txt} (excluding {lo:g})"
        if not np.isfinite(first):
            raise ValueError(f"{name}={first}{unit_txt} is not a finite number; valid range {range_txt}")
        raise ValueError(f"{name}={first:g}{unit_txt} is outside the valid range {range_txt}")
    return value


def _check_ion(ion: str) -> str:
    if ion not in MOLAR_MASS_G_PER_MOL:
        raise ValueError(f"unknown ion {ion!r}; valid ions are {', '.join(IONS)}")
    return ion


def _check_unit(unit: str, name: str = "unit") -> str:
    if unit not in CONCENTRATION_UNITS:
        raise ValueError(f"unknown {name} {unit!r}; valid units are {', '.join(CONCENTRATION_UNITS)}")
    return unit


@lru_cache(maxsize=64)
def _factor(from_unit: str, to_unit: str, ion: str) -> float:
    """Multiplicative factor from ``from_unit`` to ``to_unit`` for ``ion``, computed by pint."""
    mw = MOLAR_MASS_G_PER_MOL[ion] * _UREG("g/mol")
    one = _UREG.Quantity(1.0, _PINT_UNIT[from_unit])
    with _UREG.context("chemistry", "valence", mw=mw, z=VALENCE[ion]):
        return float(one.to(_PINT_UNIT[to_unit]).magnitude)


def _as_output(result: np.ndarray, value):
    return float(result) if np.ndim(value) == 0 else result


def convert_concentration(value, from_unit: str, to_unit: str, ion: str = "Mg"):
    """Convert a concentration of ``ion`` between ``mmol/L``, ``mg/dL`` and ``mEq/L``.

    ``value`` may be a number or an array (numpy in, numpy out; a scalar gives a float).
    Raises ValueError for an unknown unit or ion (listing the valid ones) and for negative,
    NaN or infinite values.
    """
    _check_ion(ion)
    _check_unit(from_unit, "from_unit")
    _check_unit(to_unit, "to_unit")
    check_range("value", value, 0.0, np.inf, from_unit)
    result = np.asarray(value, dtype=float) * _factor(from_unit, to_unit, ion)
    return _as_output(result, value)


def to_mmol_per_l(value, unit: str, ion: str = "Mg"):
    """Convert a concentration of ``ion`` given in ``unit`` to mmol/L (vectorized)."""
    return convert_concentration(value, unit, "mmol/L", ion)


def from_mmol_per_l(value, unit: str, ion: str = "Mg"):
    """Convert a concentration of ``ion`` in mmol/L to ``unit`` (vectorized)."""
    return convert_concentration(value, "mmol/L", unit, ion)


@lru_cache(maxsize=8)
def _milligrams_per_mmol(ion: str) -> float:
    mw = MOLAR_MASS_G_PER_MOL[ion] * _UREG("g/mol")
    with _UREG.context("chemistry", mw=mw):
        return float(_UREG.Quantity(1.0, "mmol").to("mg").magnitude)


def milligrams_to_mmol(milligrams, ion: str):
    """Convert an intake in milligrams of ``ion`` to millimoles (vectorized).

    Example: 3,400 mg K (the adult male AI, NASEM 2019) ≈ 87 mmol.
    """
    _check_ion(ion)
    check_range("milligrams", milligrams, 0.0, np.inf, "mg")
    return _as_output(np.asarray(milligrams, dtype=float) / _milligrams_per_mmol(ion), milligrams)


def mmol_to_milligrams(mmol, ion: str):
    """Convert an intake in millimoles of ``ion`` to milligrams (vectorized)."""
    _check_ion(ion)
    check_range("mmol", mmol, 0.0, np.inf, "mmol")
    return _as_output(np.asarray(mmol, dtype=float) * _milligrams_per_mmol(ion), mmol)
