"""Extracellular K (and cell K, Na/K permeability) → E_K, the GHK potential and the ECG pattern."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import plots
from ..model.reference import classify_k, ecg_pattern
from ..plotly_view import PlotlyView
from .legacy import (
    STYLE,
    Explorer,
    checked_value,
    slider,
)

__all__ = [
    "K_IN_RANGE",
    "MEMBRANE_CAVEAT",
    "MembraneExplorer",
    "PERMEABILITY_OPTIONS",
    "membrane_explorer",
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


class MembraneExplorer(Explorer):
    """Extracellular K (and cell K, Na/K permeability) → E_K, GHK Vm and the ECG pattern."""

    title = "Membrane potential and serum K"

    def __init__(
        self, k_out: float = 4.2, k_in: float = 140.0, permeability: str = "muscle-like (0.01)"
    ) -> None:
        k_out = checked_value("k_out", k_out, *plots.MEMBRANE_K_RANGE, "mmol/L")
        k_in = checked_value("k_in", k_in, *K_IN_RANGE, "mmol/L")
        if permeability not in PERMEABILITY_OPTIONS:
            raise ValueError(f"permeability={permeability!r}; choose one of {list(PERMEABILITY_OPTIONS)}")
        controls = {
            "k_out": slider(
                "Extracellular (serum) K (mmol/L)", k_out, *plots.MEMBRANE_K_RANGE, 0.1, ".1f", True
            ),
            "k_in": slider("Cell K (mmol/L)", k_in, *K_IN_RANGE, 1.0, ".0f", True),
            "permeability": w.ToggleButtons(
                options=list(PERMEABILITY_OPTIONS), value=permeability, description="P_Na / P_K", style=STYLE
            ),
        }
        fig = plots.membrane_figure(k_out, k_in, PERMEABILITY_OPTIONS[permeability])
        legend = (
            "<b>E_K</b>: the voltage at which K is in equilibrium (Nernst). <b>Vm</b>: the resting potential "
            "from the Goldman–Hodgkin–Katz equation with K and Na. Grey band: normal serum K."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend, caveat=MEMBRANE_CAVEAT)

    def _update(self) -> None:
        c = self.controls
        k_out, k_in = c["k_out"].value, c["k_in"].value
        d = plots.membrane_data(k_out, k_in, PERMEABILITY_OPTIONS[c["permeability"].value])
        e_k, vm = d.pop("e_k_mv"), d.pop("vm_mv")
        self.figure.patch(traces=d, alt_text=plots.membrane_alt(k_out, e_k, vm))
        ecg = ecg_pattern(k_out)
        self._set_readout(
            f"Serum K {k_out:.1f} mmol/L — {classify_k(k_out).label}: E_K {e_k:.1f} mV, Vm {vm:.1f} mV. "
            f"Typical ECG ({ecg.band}): {ecg.findings.rstrip('.')}. "
            "The link between the ECG and the exact K level is loose."
        )


def membrane_explorer(**kwargs: Any) -> MembraneExplorer:
    """Explorer: extracellular K (1–8 mmol/L) → E_K, GHK Vm and the typical ECG pattern.

    Keyword overrides: ``k_out``, ``k_in`` (mmol/L), ``permeability`` (a key of PERMEABILITY_OPTIONS).
    """
    return MembraneExplorer(**kwargs)
