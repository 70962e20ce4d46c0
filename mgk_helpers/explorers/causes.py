"""Cause presets: pick a cause and its illustrative preset sets the model's inputs; see serum and urine K."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w

from .. import model, plots
from ..model.clinical import (
    PRESET_CAUSE_IDS,
    REFERENCE_PRESET,
    PresetInputs,
    loss_route,
    preset_inputs,
    preset_table,
)
from ..model.reference import K_NORMAL, classify_mg
from ..model.units import from_mmol_per_l
from ..plotly_view import PlotlyView
from .legacy import (
    LAYOUT,
    MG_K_NOTE,
    STYLE,
    Explorer,
    check_mg_unit,
    intake_and_driver_sliders,
    k_phrase,
    slider,
    units_toggle,
)

__all__ = ["STOOL_LOSS_SLIDER", "CausePresetExplorer", "cause_presets"]

#: Range of the explorer's extra stool K loss slider (mmol/day): none to a heavy diarrhoeal loss.
STOOL_LOSS_SLIDER: tuple[float, float] = (0.0, 50.0)


class CausePresetExplorer(Explorer):
    """Pick a cause; its illustrative preset sets serum Mg, K intake, driver and stool K loss of the model."""

    title = "Causes: what each one does in the teaching model"

    def __init__(
        self,
        cause: str = REFERENCE_PRESET,
        mg_unit: str = "mmol/L",
        cause_ids: Sequence[str] = PRESET_CAUSE_IDS,
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        self.table = preset_table(cause_ids)
        options = [("None (reference: normal Mg, no driver)", REFERENCE_PRESET)] + [
            (str(row["cause"]), cid) for cid, row in self.table.iterrows()
        ]
        valid = [v for _, v in options]
        if cause not in valid:
            raise ValueError(f"cause={cause!r} is not a preset; valid presets are {', '.join(valid)}")
        check_mg_unit(mg_unit)
        mg, intake, driver, loss = self.preset_values(cause)
        lo, hi = STOOL_LOSS_SLIDER
        controls = {
            "cause": w.Dropdown(options=options, value=cause, description="Cause (preset)", style=STYLE,
                                layout=LAYOUT),
            "serum_mg": self._mg_slider(mg_unit, mg, continuous=True),
            "mg_unit": units_toggle(mg_unit),
            **intake_and_driver_sliders(intake, driver),
            "gi_k_loss": slider("Extra K lost in stool (mmol/day)", loss, lo, hi, 5.0, ".0f", True),
        }  # fmt: skip
        controls["k_intake"].min = self.min_intake(loss)
        fig = plots.steady_state_figure(mg, intake, driver, self.params, mg_unit, loss)
        legend = (
            "<b>Cause</b>: picks an illustrative preset (a teaching choice, confidence D, not a patient "
            "value) that sets the sliders. <b>Serum Mg</b>: blood magnesium. <b>K intake</b>: "
            "potassium eaten per day. <b>Driver</b>: distal sodium delivery / aldosterone "
            "(1 = none, about 1.5–1.7 thiazide-like, 2 loop-like; which diuretic wastes more K is not "
            "settled). <b>Extra K lost in stool</b>: diarrhoea; the K intake slider cannot go below what "
            "that loss needs (the gut cannot lose more K than it absorbs). Watch urine K: below about "
            "25 mmol/day the loss is not renal."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def min_intake(self, gi_k_loss: float) -> float:
        """Lowest K intake (mmol/day, on the slider's 5 mmol/day grid) the model accepts with this loss."""
        lo = model.K_INTAKE_RANGE[0]
        need = (gi_k_loss + 5.0) / self.params.f_abs if gi_k_loss > 0 else lo
        return float(max(lo, 5.0 * math.ceil(need / 5.0)))

    def preset_values(self, cause: str) -> PresetInputs:
        """The model inputs of a preset (a cause id, or ``"reference"``)."""
        return preset_inputs(cause, self.table)

    def _on_change(self, change: Mapping[str, Any]) -> None:
        if self._busy:
            return
        if change.get("owner") is self.controls["cause"]:
            self.apply_preset(change["new"])
            return
        if change.get("owner") is self.controls["gi_k_loss"]:
            with self._quiet():
                self.controls["k_intake"].min = self.min_intake(float(change["new"]))
        self._update()

    def apply_preset(self, cause: str) -> None:
        """Set the sliders to the preset of ``cause`` (a cause id or ``"reference"``) and update once."""
        mg, intake, driver, loss = self.preset_values(cause)
        with self._quiet():
            self.controls["cause"].value = cause
            self._set_mg_slider(self.mg_unit, mg)
            self.controls["k_intake"].min = model.K_INTAKE_RANGE[0]
            self.controls["k_intake"].value = intake
            self.controls["gi_k_loss"].value = loss
            self.controls["k_intake"].min = self.min_intake(loss)
            self.controls["driver"].value = driver
        self._update()

    def _update(self) -> None:
        c = self.controls
        mg, unit = self.serum_mg_mmol(), self.mg_unit
        k_intake, driver = float(c["k_intake"].value), float(c["driver"].value)
        loss = float(c["gi_k_loss"].value)
        d = plots.steady_state_data(mg, k_intake, driver, self.params, unit, loss)
        point = d.pop("point")
        self.figure.patch(
            traces=d,
            layout={
                "xaxis2": {"title": {"text": plots.mg_axis_title(unit)}},
                "shapes": plots.with_mg_bands_in(self.figure.figure_layout.get("shapes", []), unit),
            },
            alt_text=plots.steady_state_alt(mg, k_intake, driver, point, unit, loss),
        )
        cause = c["cause"].value
        p_mg, p_intake, p_driver, p_loss = self.preset_values(cause)
        moved = not (
            math.isclose(mg, p_mg, abs_tol=0.006)
            and math.isclose(k_intake, p_intake)
            and math.isclose(driver, p_driver)
            and math.isclose(loss, p_loss)
        )
        mg_shown = float(from_mmol_per_l(mg, unit, "Mg"))
        settings = (
            f"Serum Mg {mg_shown:.2f} {unit} ({classify_mg(mg).label}), K intake {k_intake:.0f} mmol/day, "
            f"driver {driver:.2f}×, extra stool K loss {loss:.0f} mmol/day"
        )
        if cause == REFERENCE_PRESET:
            head = "No cause selected (reference)."
        else:
            row = self.table.loc[cause]
            head = f"{row['cause']}. K: {row['k_mechanism']}. Mg: {row['mg_mechanism']}. Illustrative preset."
        if moved:
            head += " Sliders moved away from the preset."
        serum_k, urine_k = float(point.serum_k), float(point.urine_k)
        route = ""
        if serum_k < K_NORMAL[0]:
            route = f" With low serum K, this urine K points to {loss_route(urine_k)} loss."
        self._set_readout(
            f"{head} {settings}. Model steady state: {k_phrase(serum_k)}; "
            f"urine K {urine_k:.0f} mmol/day.{route} {MG_K_NOTE}"
        )


def cause_presets(**kwargs: Any) -> CausePresetExplorer:
    """Explorer: pick a cause (loop diuretic, thiazide, long-term PPI, alcohol use disorder, diarrhoea,
    Gitelman syndrome); its illustrative preset sets the model's driver, serum Mg, K intake and stool K loss.

    Keyword overrides: ``cause`` (a cause id or ``"reference"``), ``mg_unit``, ``cause_ids``, ``params``.
    """
    return CausePresetExplorer(**kwargs)
