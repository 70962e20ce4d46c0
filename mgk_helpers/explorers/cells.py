"""Where the body's K is: extracellular, cell and total-body K, with the pump-coupling toggle."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import model, plots
from ..model.equations import SERUM_MG_REF
from ..model.units import from_mmol_per_l
from ..plotly_view import PlotlyView
from .legacy import (
    MG_K_NOTE,
    STYLE,
    Explorer,
    check_mg_unit,
    intake_and_driver_sliders,
    k_phrase,
    units_toggle,
)

__all__ = [
    "CellDistributionExplorer",
    "PUMP_CAVEAT",
    "cell_distribution",
]


PUMP_CAVEAT = (
    "Pump coupling (MgATP) is on by default: a hypothesis that low muscle Mg slows the Na⁺/K⁺-ATPase, so "
    "cells hold less K (muscle K rose after Mg, not K, infusion: Wester & Dyckner 1981). The model's "
    "factor counts only the share of ATP bound to Mg; because the pump is normally saturated with MgATP "
    "the real direct effect is probably about ten times smaller, so read it as an upper bound that may "
    "stand in for other cellular effects (such as fewer pumps). Switch it off to see the kidney-only effect."
)


class CellDistributionExplorer(Explorer):
    """Serum Mg, K intake, driver and the pump-coupling toggle → ECF K, ICF K and total-body K."""

    title = "Where the body's potassium is"

    def __init__(
        self,
        serum_mg: float = SERUM_MG_REF,
        k_intake: float = model.K_INTAKE_DEFAULT,
        driver: float = 1.0,
        pump_coupling: bool = True,
        mg_unit: str = "mmol/L",
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        check_mg_unit(mg_unit)
        controls = {
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": units_toggle(mg_unit),
            **intake_and_driver_sliders(k_intake, driver),
            "pump_coupling": w.Checkbox(
                value=bool(pump_coupling),
                description="Pump coupling (hypothesis: low muscle Mg slows the Na/K pump)",
                style=STYLE,
                indent=False,
            ),
        }
        fig = plots.cell_distribution_figure(serum_mg, k_intake, driver, self._params(bool(pump_coupling)))
        legend = (
            "Grey hatched bars: reference (normal Mg, 100 mmol/day, no driver). Blue bars: your settings. "
            "About 98% of the body's K is inside cells."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend, caveat=PUMP_CAVEAT)

    def _params(self, pump_coupling: bool) -> model.Params:
        from dataclasses import replace

        return replace(self.params, pump_coupling=pump_coupling)

    def _update(self) -> None:
        c = self.controls
        mg = self.serum_mg_mmol()
        k_intake, driver = c["k_intake"].value, c["driver"].value
        params = self._params(c["pump_coupling"].value)
        d = plots.cell_distribution_data(mg, k_intake, driver, params)
        cur, ref = d["state"], d["reference_state"]
        traces = {}
        for i, key in enumerate(("serum", "icf", "total")):
            for name in ("reference", "current"):
                y = d[name]["y"][i]
                traces[f"{name}_{key}"] = {"y": [y], "text": [f"{y:.2f}" if key == "serum" else f"{y:.0f}"]}
        self.figure.patch(traces=traces, alt_text=plots.cell_distribution_alt(cur, ref))
        unit = self.mg_unit
        mg_shown = float(from_mmol_per_l(mg, unit, "Mg"))
        share = 100.0 * (1.0 - params.v_e * float(cur.serum_k) / float(cur.total_body_k))
        self._set_readout(
            f"{k_phrase(float(cur.serum_k))}; cell K {float(cur.icf_k):.0f} mmol/L "
            f"(reference {float(ref.icf_k):.0f}); total-body K {float(cur.total_body_k):.0f} mmol "
            f"(reference {float(ref.total_body_k):.0f}); {share:.1f}% of body K is in cells. "
            f"Serum Mg {mg_shown:.2f} {unit}; "
            f"pump coupling {'on' if c['pump_coupling'].value else 'off'}. {MG_K_NOTE}"
        )


def cell_distribution(**kwargs: Any) -> CellDistributionExplorer:
    """Explorer: ECF vs ICF K and total-body K with the pump-coupling toggle and its caveat.

    Keyword overrides: ``serum_mg`` (mmol/L), ``k_intake``, ``driver``, ``pump_coupling``, ``mg_unit``.
    """
    return CellDistributionExplorer(**kwargs)
