"""The lab panel: a serum K and a serum Mg (any unit) → grade, typical symptoms, ECG pattern, red flags."""

from __future__ import annotations

from typing import Any

from ..model.clinical import lab_summary, summary_text
from ..model.equations import SERUM_MG_REF
from ..plotly_view import PlotlyView
from ..plots.lab import LAB_K_RANGE, lab_alt, lab_figure, lab_figure_data
from .legacy import Explorer, check_mg_unit, checked_value, slider, units_toggle

__all__ = ["LabPanel", "lab_panel"]


class LabPanel(Explorer):
    """Serum K and serum Mg (any unit) → classification, typical symptoms, ECG pattern, red flags."""

    title = "Lab panel: read a serum K and Mg"

    def __init__(self, serum_k: float = 4.2, serum_mg: float = SERUM_MG_REF, mg_unit: str = "mmol/L") -> None:
        serum_k = checked_value("serum_k", serum_k, *LAB_K_RANGE, "mmol/L")
        check_mg_unit(mg_unit)
        controls = {
            "serum_k": slider("Serum K (mmol/L)", serum_k, *LAB_K_RANGE, 0.1, ".1f", True),
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": units_toggle(mg_unit),
        }
        legend = (
            "<b>Serum K</b>: blood potassium (1 mmol/L = 1 mEq/L). <b>Serum Mg</b>: blood magnesium, in the "
            "unit chosen with <b>Mg unit</b>. Coloured bands: severe, moderate and mild low values, normal, "
            "and high values (reference ranges of NIH ODS and the published grades). Dotted band around each "
            "marker: where a repeat sample could land (measurement uncertainty), so a value near an edge "
            "could carry either label."
        )
        fig = lab_figure(serum_k, self._default_mg_mmol, mg_unit)
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def _update(self) -> None:
        unit = self.mg_unit
        k, mg = float(self.controls["serum_k"].value), self.serum_mg_mmol()
        s = lab_summary(k, mg)
        d = lab_figure_data(k, mg, unit)
        self.figure.patch(
            traces=d["traces"],
            layout={"shapes": d["shapes"], "xaxis2": d["xaxis2"]},
            alt_text=lab_alt(s, unit),
        )
        self._set_readout(summary_text(s, unit))


def lab_panel(**kwargs: Any) -> LabPanel:
    """Explorer: serum K (mmol/L) and serum Mg (mmol/L, mg/dL or mEq/L) → classification, typical
    symptoms, ECG pattern and the red flags when relevant.

    Keyword overrides: ``serum_k`` (mmol/L, 1.5–9.0), ``serum_mg`` (mmol/L, 0.2–1.5), ``mg_unit``.
    """
    return LabPanel(**kwargs)
