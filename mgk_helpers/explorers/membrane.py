"""Extracellular K (and cell K, Na/K permeability) → E_K, the GHK potential and the ECG pattern."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import plots
from ..model import membrane
from ..model.reference import classify_k, ecg_pattern
from .base import Explorer, base_figure, choice_control, range_control, trace_number
from .engine import Spec, Table

__all__ = [
    "K_IN_RANGE",
    "LEGEND",
    "MEMBRANE_CAVEAT",
    "MembraneExplorer",
    "PERMEABILITY_OPTIONS",
    "membrane_explorer",
    "membrane_tables",
]


#: Valid ranges of the membrane explorer's controls (mmol/L); ICF K 120–150 mmol/L (CURRENT Diagnosis &
#: Treatment: Nephrology & Hypertension; docs/REFERENCES.md).
K_IN_RANGE: tuple[float, float] = (120.0, 150.0)
PERMEABILITY_OPTIONS: dict[str, float] = {"muscle-like (0.01)": 0.01, "neuron-like (0.05)": 0.05}

MEMBRANE_CAVEAT = (
    "Caveat: this fixed-permeability model says low K always hyperpolarises. Real skeletal muscle is "
    "bistable: below about 1–1.5 mmol/L fibres can jump to a depolarised, inexcitable state near −60 mV "
    "(Jurkat-Rott et al., PNAS 2009). In the heart, low K also lowers the conductance of the K channels "
    "that repolarise the cell (IKr, and IK1 which finishes repolarisation) and inhibits the Na⁺/K⁺ pump, so "
    "repolarisation slows (U waves, QT/QU prolongation) even though E_K is more negative (Weiss et al. 2017)."
)

LEGEND = (
    "<b>E_K</b>: the voltage at which K is in equilibrium (Nernst). <b>Vm</b>: the resting potential "
    "from the Goldman–Hodgkin–Katz equation with K and Na. Grey band: normal serum K."
)


def membrane_tables(
    k_out: tuple[float, ...], k_in: tuple[float, ...], ratios: tuple[float, ...]
) -> dict[str, Table]:
    """E_K (Nernst) over (k_out, k_in) and Vm (GHK) over (k_out, k_in, permeability), in mV, read off
    :func:`mgk_helpers.membrane.nernst` and :func:`~mgk_helpers.membrane.ghk_voltage` on the controls' grids
    (``ratios``: P_Na/P_K of each permeability option, in the control's order)."""
    k_o = np.asarray(k_out, dtype=float)[:, None, None]
    k_i = np.asarray(k_in, dtype=float)[None, :, None]
    r = np.asarray(ratios, dtype=float)[None, None, :]
    e_k = np.asarray(membrane.nernst(k_o[:, :, 0], k_i[:, :, 0]))
    vm = np.asarray(membrane.ghk_voltage(k_o, k_in=k_i, p_na_over_p_k=r))
    return {
        "e_k": Table(("k_out", "k_in"), e_k[None]),
        "vm": Table(("k_out", "k_in", "permeability"), vm[None]),
    }


class MembraneExplorer(Explorer):
    """Extracellular K (and cell K, Na/K permeability) → E_K, GHK Vm and the ECG pattern."""

    def __init__(
        self, k_out: float = 4.2, k_in: float = 140.0, permeability: str = "muscle-like (0.01)"
    ) -> None:
        k_out_c = range_control(
            "k_out", "Extracellular (serum) K", "mmol/L", k_out, *plots.MEMBRANE_K_RANGE, 0.1, 1
        )
        k_in_c = range_control("k_in", "Cell K", "mmol/L", k_in, *K_IN_RANGE, 1.0, 0)
        perm_c = choice_control(
            "permeability", "P_Na / P_K", [(name, name) for name in PERMEABILITY_OPTIONS], permeability
        )
        controls = [k_out_c, k_in_c, perm_c]
        # the default figure is drawn at the grid point the sliders start on
        fig = plots.membrane_figure(
            k_out_c.values[k_out_c.index], k_in_c.values[k_in_c.index], PERMEABILITY_OPTIONS[permeability]
        )
        figure = base_figure(fig)
        tables = membrane_tables(
            k_out_c.values, k_in_c.values, tuple(PERMEABILITY_OPTIONS[v] for v in perm_c.values)
        )
        traces = []
        for key in ("e_k", "vm"):
            # the curves on the slider's grid (0.1 mmol/L), so each point sits on a vertex of its curve
            n = trace_number(figure, key)
            traces.append({"trace": n, "prop": "x", "source": {"axis": "k_out"}})
            traces.append({"trace": n, "prop": "y", "source": {"table": key, "free": "k_out"}})
            n = trace_number(figure, key + "_point")
            traces.append({"trace": n, "prop": "x", "source": {"list": [{"control": "k_out"}]}})
            traces.append({"trace": n, "prop": "y", "source": {"list": [{"table": key}]}})
        ecg = [ecg_pattern(k) for k in k_out_c.values]
        fields = {
            "k": {"control": "k_out"},
            "grade": {"pick": "k_out", "values": [classify_k(k).label for k in k_out_c.values]},
            "e_k": {"table": "e_k"},
            "vm": {"table": "vm"},
            "band": {"pick": "k_out", "values": [e.band for e in ecg]},
            "findings": {"pick": "k_out", "values": [e.findings.rstrip(".") for e in ecg]},
        }
        readout = {
            "format": (
                "Serum K {k:.1f} mmol/L — {grade}: E_K {e_k:.1f} mV, Vm {vm:.1f} mV. "
                "Typical ECG ({band}): {findings}. The link between the ECG and the exact K level is loose."
            ),
            "fields": fields,
        }
        # the words of plots.membrane_alt (tests check the two agree)
        alt = {
            "format": (
                "Membrane potentials against extracellular K from 1 to 8 mmol/L: the K equilibrium potential "
                "E_K (Nernst) and the resting potential Vm (GHK) both become more negative as K falls. "
                "At {k:.1f} mmol/L: E_K {e_k:.0f} mV, Vm {vm:.0f} mV. "
                f"Below about {plots.BISTABLE_K} mmol/L real muscle can instead depolarise (shaded), which "
                "this fixed-permeability model does not show."
            ),
            "fields": fields,
        }
        spec = Spec(
            title="Membrane potential and serum K",
            controls=controls,
            tables=tables,
            figure=figure,
            traces=traces,
            layout=[],
            readout=readout,
            alt=alt,
            legend=LEGEND,
            caveat=MEMBRANE_CAVEAT,
        )
        super().__init__(spec)


def membrane_explorer(**kwargs: Any) -> MembraneExplorer:
    """Explorer: extracellular K (1–8 mmol/L) → E_K, GHK Vm and the typical ECG pattern.

    Keyword overrides: ``k_out``, ``k_in`` (mmol/L), ``permeability`` (a key of PERMEABILITY_OPTIONS).
    """
    return MembraneExplorer(**kwargs)
