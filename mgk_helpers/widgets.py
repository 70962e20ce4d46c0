"""Explorers: labelled controls + one figure + a readout in words, wired to the teaching model.

Every explorer is an :class:`Explorer` (an ``ipywidgets.VBox``) with

* ``controls`` — dict name → widget (sliders, dropdowns, toggles, checkboxes; all keyboard operable,
  each ``description`` names the quantity and its unit);
* ``figure`` — a :class:`mgk_helpers.figure.PlotlyView` updated *in place* (one message per change);
* ``readout`` — an ``ipywidgets.HTML`` holding the result in words inside an ARIA live region, which
  doubles as the screen-reader description of the figure; ``readout_text`` is the same as plain text;
* ``defaults``, ``reset()`` and a Reset button.

Every control observes one ``_update()`` that recomputes the model, patches the figure's arrays
and sets the readout. Slider limits are the model's published valid ranges (converted to the unit
shown), so no control can reach a value the model rejects. A units toggle switches serum Mg between
mmol/L, mg/dL and mEq/L in the slider, the axis and the readout.

Opened without a kernel, an explorer's saved output falls back to ``text/html``: a short "run this
cell" card with the default result in words (see :meth:`Explorer._repr_mimebundle_`).

CSS classes (used by the browser tests): ``mgk-explorer`` (root), ``mgk-readout``, ``mgk-reset``,
``mgk-units``, ``mgk-figure``; quiz: ``mgk-quiz``, ``mgk-question``, ``mgk-options``, ``mgk-numeric``,
``mgk-check``, ``mgk-feedback``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd

from . import model, plots
from .figure import PlotlyView
from .reference import classify_k, classify_mg, ecg_pattern
from .units import CONCENTRATION_UNITS, check_range, from_mmol_per_l

__all__ = [
    "Explorer",
    "Quiz",
    "QuizQuestion",
    "cell_distribution",
    "membrane_explorer",
    "mg_k_steady_state",
    "quiz",
    "time_course",
    "unit_converter",
]  # plus lab_panel, cause_presets, food_explorer, diet_planner: forwarded by __getattr__ below

#: Explorers that live in their own modules (they build on this one), forwarded lazily so that
#: ``from mgk_helpers.widgets import diet_planner`` works without a circular import.
_FORWARDED = {
    "lab_panel": "lab_widgets",
    "cause_presets": "lab_widgets",
    "food_explorer": "diet_widgets",
    "diet_planner": "diet_widgets",
}


def __getattr__(name: str) -> Any:
    if name in _FORWARDED:
        import importlib

        return getattr(importlib.import_module(f"mgk_helpers.{_FORWARDED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


NOTE = "Illustrative teaching model, not a clinical prediction."
#: The note under every readout that shows a Mg → K result: the label, then the disclaimer.
MG_K_NOTE = f"{model.MG_K_LABEL}. {NOTE}"
RUN_HINT = "▶ Run this cell to load the interactive explorer."
_STYLE = {"description_width": "initial"}
_LAYOUT = w.Layout(width="min(100%, 560px)")

#: The serum Mg slider's positions, in mmol/L: the model's valid range in steps of 0.01 mmol/L.
#: The slider is a SelectionSlider over these values whose *labels* are in the unit shown, so a
#: units switch relabels it without moving it (a FloatSlider would change min/max/step, and the
#: browser's slider, which snaps to its grid and echoes the result, could shift the value).
MG_GRID_MMOL: tuple[float, ...] = tuple(
    round(model.SERUM_MG_RANGE[0] + 0.01 * k, 2)
    for k in range(round((model.SERUM_MG_RANGE[1] - model.SERUM_MG_RANGE[0]) / 0.01) + 1)
)

#: Caveat for the Na/K-ATPase (MgATP) coupling toggle.
PUMP_CAVEAT = (
    "Pump coupling (MgATP) is on by default: a hypothesis that low muscle Mg slows the Na⁺/K⁺-ATPase, so "
    "cells hold less K (muscle K rose after Mg, not K, infusion: Wester & Dyckner 1981). The model's "
    "factor counts only the share of ATP bound to Mg; because the pump is normally saturated with MgATP "
    "the real direct effect is probably about ten times smaller, so read it as an upper bound that may "
    "stand in for other cellular effects (such as fewer pumps). Switch it off to see the kidney-only effect."
)


def _slider(description: str, value: float, lo: float, hi: float, step: float, fmt: str, continuous: bool):
    return w.FloatSlider(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        readout_format=fmt,
        continuous_update=continuous,
        style=_STYLE,
        layout=_LAYOUT,
    )


@cache
def _mg_options(unit: str) -> tuple[tuple[str, float], ...]:
    """(label in ``unit``, value in mmol/L) for every serum Mg slider position (computed once per unit)."""
    shown = from_mmol_per_l(np.asarray(MG_GRID_MMOL), unit, "Mg")
    return tuple((f"{x:.2f}", v) for x, v in zip(shown.tolist(), MG_GRID_MMOL, strict=True))


def _nearest_mg(value_mmol: float) -> float:
    """The slider position nearest ``value_mmol`` (mmol/L)."""
    return min(MG_GRID_MMOL, key=lambda v: abs(v - value_mmol))


def _intake_and_driver(k_intake: float, driver: float) -> dict[str, w.FloatSlider]:
    """K intake and driver sliders (checked values; limits = the model's valid ranges)."""
    k_lo, k_hi = model.K_INTAKE_RANGE
    d_lo, d_hi = model.DRIVER_RANGE
    k_intake = _checked("k_intake", k_intake, k_lo, k_hi, "mmol/day")
    driver = _checked("driver", driver, d_lo, d_hi, "×")
    return {
        "k_intake": _slider("K intake (mmol/day)", k_intake, k_lo, k_hi, 5.0, ".0f", True),
        "driver": _slider("Diuretic / aldosterone driver (×)", driver, d_lo, d_hi, 0.05, ".2f", True),
    }


def _checked(name: str, value: float, lo: float, hi: float, unit: str) -> float:
    check_range(name, value, lo, hi, unit)
    return float(value)


def _check_unit(mg_unit: str) -> str:
    if mg_unit not in CONCENTRATION_UNITS:
        raise ValueError(
            f"mg_unit={mg_unit!r} is not a known unit; valid units are {', '.join(CONCENTRATION_UNITS)}"
        )
    return mg_unit


#: Larger control labels and values than the ipywidgets default (13 px), for a classroom projector.
_PROJECTOR_CSS = (
    "<style>.mgk-explorer .widget-label, .mgk-explorer .widget-readout, .mgk-explorer .widget-button, "
    ".mgk-explorer .widget-toggle-button, .mgk-explorer select, .mgk-explorer .widget-dropdown, "
    ".mgk-explorer .widget-label-basic {font-size: 16px;}</style>"
)


def _k_phrase(serum_k: float) -> str:
    return f"Serum K {serum_k:.2f} mmol/L — {classify_k(serum_k).label}"


class Explorer(w.VBox):
    """Base class: controls, a figure and a readout wired to one :meth:`_update`.

    Subclasses build ``controls`` and the figure, call :meth:`_wire`, and implement :meth:`_update`
    (compute the model, :meth:`PlotlyView.patch` the figure, :meth:`_set_readout`).
    Serum Mg, if present, is the control ``"serum_mg"`` and its unit the toggle ``"mg_unit"``.
    """

    title: str = "Explorer"

    def __init__(
        self,
        controls: Mapping[str, w.Widget],
        figure: PlotlyView,
        *,
        legend: str = "",
        caveat: str = "",
    ) -> None:
        self.controls: dict[str, w.Widget] = dict(controls)
        self.figure = figure
        self.readout = w.HTML()
        self.readout.add_class("mgk-readout")
        self._readout_text = ""
        self._busy = False
        self.reset_button = w.Button(description="Reset", icon="undo", tooltip="Restore the starting values")
        self.reset_button.add_class("mgk-reset")
        self.reset_button.on_click(lambda _b: self.reset())
        self.defaults: dict[str, Any] = {name: c.value for name, c in self.controls.items()}
        if "mg_unit" in self.controls:
            self.controls["mg_unit"].add_class("mgk-units")
        parts: list[w.Widget] = [
            w.HTML(_PROJECTOR_CSS + f"<h3 style='margin:0.2em 0'>{html.escape(self.title)}</h3>")
        ]
        parts += list(self.controls.values())
        parts.append(self.reset_button)
        if legend:
            parts.append(w.HTML(f"<div class='mgk-legend' style='font-size:15px'>{legend}</div>"))
        parts += [self.readout, self.figure]
        if caveat:
            parts.append(
                w.HTML(f"<div class='mgk-caveat' style='font-size:15px'>{html.escape(caveat)}</div>")
            )
        super().__init__(parts)
        self.add_class("mgk-explorer")
        for name, control in self.controls.items():
            handler = self._on_unit_change if name == "mg_unit" else self._on_change
            control.observe(handler, names="value")
        self._update()
        # the explorer's heading names the figure; drop the figure's own title to save space
        self.figure.patch(layout={"title": {"text": ""}, "margin": {"t": 50}})
        self._default_readout = self._readout_text
        self._default_alt = self.figure.alt_text

    # --- wiring -------------------------------------------------------------------------------
    @contextmanager
    def _quiet(self):
        """Change controls without triggering an update per change."""
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    def _on_change(self, _change: Mapping[str, Any]) -> None:
        if not self._busy:
            self._update()

    def _update(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def reset(self) -> None:
        """Restore every control to its starting value (units first), then update once."""
        with self._quiet():
            if "mg_unit" in self.defaults:
                self.controls["mg_unit"].value = self.defaults["mg_unit"]
            for name, value in self.defaults.items():
                control = self.controls[name]
                if name == "serum_mg":
                    self._set_mg_slider(self.defaults.get("mg_unit", "mmol/L"), self._default_mg_mmol)
                else:
                    control.value = value
        self._update()

    # --- serum Mg and its unit ------------------------------------------------------------------
    # The explorer keeps serum Mg in mmol/L (``_mg_mmol``, exact). The slider is a SelectionSlider over
    # MG_GRID_MMOL labelled in the chosen unit; it shows the grid point nearest the exact value.
    def _mg_slider(self, unit: str, value_mmol: float, continuous: bool) -> w.SelectionSlider:
        """A serum Mg slider over the model's valid range, labelled in ``unit``."""
        lo, hi = model.SERUM_MG_RANGE
        value_mmol = _checked("serum_mg", value_mmol, lo, hi, "mmol/L")
        self._default_mg_mmol = value_mmol
        self._mg_mmol = value_mmol
        s = w.SelectionSlider(
            options=_mg_options(unit),
            value=_nearest_mg(value_mmol),
            description=plots.mg_axis_title(unit),
            continuous_update=continuous,
            style=_STYLE,
            layout=_LAYOUT,
        )
        return s

    @staticmethod
    def _configure_mg(s: w.SelectionSlider, unit: str, value_mmol: float) -> None:
        with s.hold_sync():
            s.options = _mg_options(unit)  # same values, new labels
            s.value = _nearest_mg(value_mmol)
            s.description = plots.mg_axis_title(unit)

    def _set_mg_slider(self, unit: str, value_mmol: float) -> None:
        self._mg_mmol = value_mmol
        self._configure_mg(self.controls["serum_mg"], unit, value_mmol)

    @property
    def mg_unit(self) -> str:
        """The unit serum Mg is shown in."""
        c = self.controls.get("mg_unit")
        return c.value if c is not None else "mmol/L"

    def serum_mg_mmol(self) -> float:
        """Serum Mg in mmol/L: the exact value while the slider shows it, else the slider's value."""
        value = self.controls["serum_mg"].value
        if value != _nearest_mg(self._mg_mmol):
            self._mg_mmol = value
        return self._mg_mmol

    def _on_unit_change(self, change: Mapping[str, Any]) -> None:
        if "serum_mg" in self.controls:
            value_mmol = self.serum_mg_mmol()
            with self._quiet():
                self._configure_mg(self.controls["serum_mg"], change["new"], value_mmol)
        if not self._busy:
            self._update()

    # --- readout --------------------------------------------------------------------------------
    def _set_readout(self, text: str) -> None:
        self._readout_text = text
        self.readout.value = (
            f'<div role="status" aria-live="polite" class="mgk-readout-text" style="font-size:17px">'
            f"{html.escape(text)}</div>"
        )

    @property
    def readout_text(self) -> str:
        """The readout as plain text."""
        return self._readout_text

    # --- static fallback ------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = _card(self.title, RUN_HINT, self._default_readout)
        return bundle


def _card(title: str, hint: str, body_html: str, escape_body: bool = True) -> str:
    body = html.escape(body_html) if escape_body else body_html
    return (
        '<div class="mgk-static" style="border:1px solid #bbb;border-radius:6px;padding:0.8em 1em;'
        'max-width:720px;font-size:16px;line-height:1.45">'
        f"<strong>{html.escape(title)}</strong><br>"
        f'<span style="font-weight:bold">{html.escape(hint)}</span>'
        f'<div style="margin-top:0.5em">{body}</div></div>'
    )


# =============================================================================================
# Steady state: serum K against serum Mg
# =============================================================================================


class SteadyStateExplorer(Explorer):
    """Serum Mg, K intake and driver sliders → steady-state serum K and urine K (see
    :func:`mgk_helpers.plots.steady_state_figure`)."""

    title = "Low Mg and potassium: steady state"

    def __init__(
        self,
        serum_mg: float = 0.85,
        k_intake: float = plots.K_INTAKE_DEFAULT,
        driver: float = 1.0,
        mg_unit: str = "mmol/L",
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        _check_unit(mg_unit)
        controls = {
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": _units_toggle(mg_unit),
            **_intake_and_driver(k_intake, driver),
        }
        fig = plots.steady_state_figure(serum_mg, k_intake, driver, self.params, mg_unit)
        legend = (
            "<b>Serum Mg</b>: blood magnesium. <b>K intake</b>: potassium eaten per day. "
            "<b>Driver</b>: distal sodium delivery / aldosterone, 1 = none; about 1.5–1.7 thiazide-like and "
            "2 loop-like are illustrative (which diuretic wastes more K is not settled). Shaded: normal "
            "ranges (grey) and the model's uncertainty (colour) over the unmeasured renal Mg effect and K "
            "handling."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def _update(self) -> None:
        c = self.controls
        mg = self.serum_mg_mmol()
        unit = self.mg_unit
        k_intake, driver = c["k_intake"].value, c["driver"].value
        d = plots.steady_state_data(mg, k_intake, driver, self.params, unit)
        point = d.pop("point")
        alt = plots.steady_state_alt(mg, k_intake, driver, point, unit)
        self.figure.patch(
            traces=d,
            layout={
                "xaxis2": {"title": {"text": plots.mg_axis_title(unit)}},
                "shapes": plots.with_mg_bands_in(self.figure.figure_layout.get("shapes", []), unit),
            },
            alt_text=alt,
        )
        serum_k, urine_k = float(point.serum_k), float(point.urine_k)
        mg_shown = float(from_mmol_per_l(mg, unit, "Mg"))
        self._set_readout(
            f"{_k_phrase(serum_k)}; urine K {urine_k:.0f} mmol/day "
            f"(serum Mg {mg_shown:.2f} {unit}, {classify_mg(mg).label}; K intake {k_intake:.0f} mmol/day; "
            f"driver {driver:.2f}×). {MG_K_NOTE}"
        )


def _units_toggle(unit: str) -> w.ToggleButtons:
    t = w.ToggleButtons(
        options=list(CONCENTRATION_UNITS),
        value=unit,
        description="Mg unit",
        style=_STYLE,
        tooltips=["millimoles per litre", "milligrams per decilitre", "milliequivalents per litre"],
    )
    t.add_class("mgk-units")
    return t


def mg_k_steady_state(**kwargs: Any) -> SteadyStateExplorer:
    """Explorer: serum Mg, K intake and driver → steady-state serum K and urine K.

    Keyword overrides set the starting values, e.g. ``mg_k_steady_state(serum_mg=0.45, driver=1.7)``
    (``serum_mg`` in mmol/L; ``mg_unit`` one of mmol/L, mg/dL, mEq/L; ``params`` a model.Params).
    """
    return SteadyStateExplorer(**kwargs)


# =============================================================================================
# Unit converter (notebook 00)
# =============================================================================================


class UnitConverterExplorer(Explorer):
    """Serum Mg slider and units toggle → the value in all three units and its grade."""

    title = "Serum magnesium: a unit converter"

    def __init__(self, serum_mg: float = 0.85, mg_unit: str = "mmol/L") -> None:
        _check_unit(mg_unit)
        controls = {
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": _units_toggle(mg_unit),
        }
        fig = plots.mg_scale_figure(serum_mg, mg_unit)
        legend = (
            "<b>Serum Mg</b>: the blood magnesium value, in the unit chosen with the buttons. "
            "Coloured bands: severe, moderate and mild low Mg, normal (0.75–0.95 mmol/L), above range."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

    def _update(self) -> None:
        mg = self.serum_mg_mmol()
        d = plots.mg_scale_data(mg, self.mg_unit)
        self.figure.patch(
            traces=d["traces"], layout=d["layout"], alt_text=plots.mg_scale_alt(mg, self.mg_unit)
        )
        values = " = ".join(f"{float(from_mmol_per_l(mg, u, 'Mg')):.2f} {u}" for u in CONCENTRATION_UNITS)
        grade = classify_mg(mg)
        self._set_readout(f"Serum Mg {values} — {grade.label} ({grade.range_text}).")


def unit_converter(**kwargs: Any) -> UnitConverterExplorer:
    """Explorer: serum Mg in mmol/L, mg/dL and mEq/L, with its grade (``serum_mg`` in mmol/L)."""
    return UnitConverterExplorer(**kwargs)


# =============================================================================================
# Time course
# =============================================================================================


class TimeCourseExplorer(Explorer):
    """A scenario picker over the ready-made scenarios; the refractory-repletion arms are overlaid."""

    title = "Over days and weeks: ready-made scenarios"

    def __init__(self, scenario: str | None = None, mg_unit: str = "mmol/L") -> None:
        self._catalogue = _scenario_runs()
        names = list(self._catalogue)
        scenario = scenario or names[0]
        if scenario not in self._catalogue:
            raise ValueError(f"scenario={scenario!r} is not in the catalogue; choose one of {names}")
        _check_unit(mg_unit)
        self._runs: dict[str, dict[str, pd.DataFrame]] = {}
        self._figures: dict[str, tuple[list, dict, str]] = {}
        controls = {
            "scenario": w.Dropdown(
                options=names, value=scenario, description="Scenario", style=_STYLE, layout=_LAYOUT
            ),
            "mg_unit": _units_toggle(mg_unit),
        }
        # Simulate and build every scenario's figure now (≈ 30 ms each), so that no change of the
        # picker or the units ever waits for a simulation (time-course frame budget: 15 ms).
        for name in names:
            self._figure_json(name)
        super().__init__(controls, PlotlyView(), legend=_SCENARIO_LEGEND)

    def runs(self, name: str) -> dict[str, pd.DataFrame]:
        """The simulation(s) of scenario ``name`` (label → DataFrame), computed once and cached."""
        if name not in self._runs:
            self._runs[name] = self._catalogue[name][1]()
        return self._runs[name]

    def _figure_json(self, name: str) -> tuple[list, dict, str]:
        """Plain JSON of scenario ``name``'s figure in mmol/L, built once (unit switches rescale it)."""
        if name not in self._figures:
            from .figure import figure_json

            fig = plots.time_course_figure(self.runs(name), "mmol/L", title=name)
            data, layout = figure_json(fig)
            layout = {**layout, "title": {"text": ""}, "margin": {**layout.get("margin", {}), "t": 50}}
            self._figures[name] = (data, layout, plots.alt_text(fig))
        return self._figures[name]

    def _update(self) -> None:
        name, unit = self.controls["scenario"].value, self.mg_unit
        runs = self.runs(name)
        base_data, base_layout, alt = self._figure_json(name)
        data, layout = plots.time_course_in_unit(base_data, base_layout, unit)
        with self.figure.hold_sync():
            self.figure.data = data
            self.figure.figure_layout = layout
            self.figure.alt_text = alt
        single = len(runs) == 1

        def mg(x: float) -> str:
            return f"{float(from_mmol_per_l(x, unit, 'Mg')):.2f}"

        parts = [
            ("Serum K" if single else f"{label}: serum K")
            + f" {df['serum_k'].iloc[0]:.2f} → {df['serum_k'].iloc[-1]:.2f} mmol/L "
            f"({classify_k(float(df['serum_k'].iloc[-1])).label}) by day {float(df.index[-1]):g}, "
            f"serum Mg {mg(df.attrs.get('initial', {}).get('serum_mg', df['serum_mg'].iloc[0]))} → "
            f"{mg(df['serum_mg'].iloc[-1])} {unit}"
            for label, df in runs.items()
        ]
        description = self._catalogue[name][0]
        self._set_readout(f"{name}. {description} " + "; ".join(parts) + f". {MG_K_NOTE}")


_SCENARIO_LEGEND = (
    "Pick a scenario; the figure shows serum K, serum Mg and urine K day by day. For the refractory "
    "hypokalaemia scenario the three treatment arms (K alone, K + Mg, Mg alone) are overlaid."
)


REFRACTORY_TITLE = "Refractory low K: give K, K + Mg or Mg (arms overlaid)"


def _scenario_runs() -> dict[str, tuple[str, Callable[[], dict[str, pd.DataFrame]]]]:
    """Picker title → (description, function returning label → simulate() DataFrame).

    Single scenarios come from :func:`mgk_helpers.scenarios.catalogue`; the three arms of the
    refractory-repletion scenario are one entry whose runs are overlaid.
    """
    from . import scenarios

    out: dict[str, tuple[str, Callable[[], dict[str, pd.DataFrame]]]] = {}
    for title, scenario in scenarios.catalogue().items():
        if scenario.name.startswith("refractory_repletion"):
            continue
        out[title] = (scenario.description, lambda sc=scenario: {"model": model.simulate(sc)})
    arms = {arm: scenarios.refractory_repletion(arm) for arm in scenarios.REFRACTORY_ARMS}
    description = arms["K"].description.split("Treatment")[0].strip() + " Three treatment arms from day 0."
    out[REFRACTORY_TITLE] = (
        description,
        lambda: {_ARM_LABEL[a]: model.simulate(sc) for a, sc in arms.items()},
    )
    return out


_ARM_LABEL = {"K": "K only", "K+Mg": "K + Mg", "Mg": "Mg only"}


def time_course(**kwargs: Any) -> TimeCourseExplorer:
    """Explorer: pick a ready-made scenario and see serum K, serum Mg and urine K over days.

    Keyword overrides: ``scenario`` (a catalogue name), ``mg_unit``.
    """
    return TimeCourseExplorer(**kwargs)


# =============================================================================================
# Where the body's K is
# =============================================================================================


class CellDistributionExplorer(Explorer):
    """Serum Mg, K intake, driver and the pump-coupling toggle → ECF K, ICF K and total-body K."""

    title = "Where the body's potassium is"

    def __init__(
        self,
        serum_mg: float = 0.85,
        k_intake: float = plots.K_INTAKE_DEFAULT,
        driver: float = 1.0,
        pump_coupling: bool = True,
        mg_unit: str = "mmol/L",
        params: model.Params | None = None,
    ) -> None:
        self.params = params or model.Params()
        _check_unit(mg_unit)
        controls = {
            "serum_mg": self._mg_slider(mg_unit, serum_mg, continuous=True),
            "mg_unit": _units_toggle(mg_unit),
            **_intake_and_driver(k_intake, driver),
            "pump_coupling": w.Checkbox(
                value=bool(pump_coupling),
                description="Pump coupling (hypothesis: low muscle Mg slows the Na/K pump)",
                style=_STYLE,
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
            f"{_k_phrase(float(cur.serum_k))}; cell K {float(cur.icf_k):.0f} mmol/L "
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


# =============================================================================================
# Membrane potential
# =============================================================================================

#: Valid ranges of the membrane explorer's controls (mmol/L); ICF K 120–150 mmol/L (DOMAIN §2d).
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
        k_out = _checked("k_out", k_out, *plots.MEMBRANE_K_RANGE, "mmol/L")
        k_in = _checked("k_in", k_in, *K_IN_RANGE, "mmol/L")
        if permeability not in PERMEABILITY_OPTIONS:
            raise ValueError(f"permeability={permeability!r}; choose one of {list(PERMEABILITY_OPTIONS)}")
        controls = {
            "k_out": _slider(
                "Extracellular (serum) K (mmol/L)", k_out, *plots.MEMBRANE_K_RANGE, 0.1, ".1f", True
            ),
            "k_in": _slider("Cell K (mmol/L)", k_in, *K_IN_RANGE, 1.0, ".0f", True),
            "permeability": w.ToggleButtons(
                options=list(PERMEABILITY_OPTIONS), value=permeability, description="P_Na / P_K", style=_STYLE
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


# =============================================================================================
# Quiz
# =============================================================================================


class QuizQuestion(w.VBox):
    """One self-check question: multiple choice (RadioButtons) or numeric (FloatText), a Check
    button, and feedback that starts with "Correct" or "Not quite" followed by the explanation."""

    def __init__(self, spec: Mapping[str, Any], number: int) -> None:
        self.spec = dict(spec)
        self.number = number
        text = spec.get("question")
        if not isinstance(text, str) or not text:
            raise ValueError(f"question {number}: 'question' must be a non-empty string, got {text!r}")
        self.explanation = str(spec.get("explanation", ""))
        self.kind = "choice" if "options" in spec else "numeric"
        if self.kind == "choice":
            options = list(spec["options"])
            answer = spec.get("answer")
            if not isinstance(answer, int) or not 0 <= answer < len(options) or len(options) < 2:
                raise ValueError(
                    f"question {number}: answer={answer!r} must be the index of one of "
                    f"{len(options)} options "
                    f"(0–{len(options) - 1})"
                )
            self.input = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"))
            self.input.add_class("mgk-options")
        else:
            answer, tol = spec.get("answer"), spec.get("tolerance", 0.0)
            if not isinstance(answer, (int, float)) or not math.isfinite(answer):
                raise ValueError(f"question {number}: answer={answer!r} must be a finite number")
            if not isinstance(tol, (int, float)) or not tol >= 0:
                raise ValueError(f"question {number}: tolerance={tol!r} must be a number ≥ 0")
            unit = str(spec.get("unit", ""))
            self.input = w.FloatText(
                value=0.0, description=f"Answer ({unit})" if unit else "Answer", style=_STYLE
            )
            self.input.add_class("mgk-numeric")
        self.check_button = w.Button(description="Check", tooltip="Check your answer")
        self.check_button.add_class("mgk-check")
        self.check_button.on_click(lambda _b: self.check())
        self.feedback_widget = w.HTML()
        self.feedback_widget.add_class("mgk-feedback")
        self.feedback = ""
        self.correct: bool | None = None
        prompt = w.HTML(f"<p style='font-size:17px;margin:0.3em 0'><b>{number}.</b> {html.escape(text)}</p>")
        super().__init__([prompt, self.input, self.check_button, self.feedback_widget])
        self.add_class("mgk-question")

    def is_correct(self, value: Any) -> bool:
        """Whether ``value`` (an option index or text for multiple choice, a number otherwise) is right."""
        if self.kind == "choice":
            options = list(self.spec["options"])
            index = options.index(value) if isinstance(value, str) and value in options else value
            return index == self.spec["answer"]
        try:
            x = float(value)
        except (TypeError, ValueError):
            return False
        return math.isfinite(x) and abs(x - float(self.spec["answer"])) <= float(
            self.spec.get("tolerance", 0.0)
        )

    def answer(self, value: Any) -> str:
        """Enter ``value`` (option index/text or number), press Check, and return the feedback text."""
        if self.kind == "choice":
            options = list(self.spec["options"])
            self.input.value = options[value] if isinstance(value, int) else value
        else:
            self.input.value = float(value)
        return self.check()

    def check(self) -> str:
        """Mark the current input and show the feedback (returned as plain text)."""
        value = self.input.value
        if self.kind == "choice" and value is None:
            self.correct = None
            self.feedback = "Pick an option first."
        else:
            self.correct = self.is_correct(value)
            if self.correct:
                head = "Correct."
            elif self.kind == "choice":
                head = "Not quite."
            else:
                unit = self.spec.get("unit", "")
                head = f"Not quite: the answer is {self.spec['answer']:g} {unit}".rstrip() + "."
            self.feedback = f"{head} {self.explanation}".strip()
        colour = {True: "#009E73", False: "#D55E00", None: "#444"}[self.correct]
        self.feedback_widget.value = (
            f'<div role="status" aria-live="polite" style="font-size:16px;border-left:4px solid {colour};'
            f'padding-left:0.6em">{html.escape(self.feedback)}</div>'
        )
        return self.feedback

    def static_html(self) -> str:
        """The question and its options as HTML that needs no JavaScript — never the answer.

        This is what a saved notebook shows without a kernel (on GitHub, nbviewer, or before the cell
        runs); the answer and its explanation stay behind the live quiz widget (issue 9).
        """
        s = self.spec
        parts = [f"<p><b>{self.number}.</b> {html.escape(s['question'])}</p>"]
        if self.kind == "choice":
            items = "".join(f"<li>{html.escape(str(o))}</li>" for o in s["options"])
            parts.append(f"<ol type='A'>{items}</ol>")
        else:
            unit = s.get("unit", "")
            parts.append(f"<p><i>Answer with a number{' in ' + html.escape(unit) if unit else ''}.</i></p>")
        return "".join(parts)


#: Quiz options wrap onto as many lines as they need (ipywidgets gives each radio label one fixed-height
#: line, so a long option would spill over the next one and hide its button) and read on a projector.
_QUIZ_CSS = (
    "<style>.mgk-quiz .widget-radio-box label {display: flex; height: auto; min-height: 24px; "
    "line-height: 1.35; white-space: normal; align-items: flex-start; margin-bottom: 6px; font-size: 16px;} "
    ".mgk-quiz .widget-radio-box input {order: -1; margin: 0.2em 0.5em 0 0; flex: 0 0 auto;} "
    ".mgk-quiz .widget-radio-box {flex-wrap: nowrap; height: auto;}</style>"
)


class Quiz(w.VBox):
    """A list of :class:`QuizQuestion`; ``questions`` holds them in order."""

    def __init__(
        self, questions: Sequence[Mapping[str, Any]], title: str = "Check your understanding"
    ) -> None:
        if not questions:
            raise ValueError("questions=[] is empty; give at least one question dict")
        self.title = title
        self.questions = [QuizQuestion(q, i) for i, q in enumerate(questions, start=1)]
        heading = w.HTML(f"{_QUIZ_CSS}<h3 style='margin:0.2em 0'>{html.escape(title)}</h3>")
        super().__init__([heading, *self.questions])
        self.add_class("mgk-quiz")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        body = "".join(q.static_html() for q in self.questions)
        bundle["text/html"] = _card(
            self.title, "▶ Run this cell to check your answers interactively.", body, escape_body=False
        )
        return bundle


def quiz(questions: Sequence[Mapping[str, Any]], title: str = "Check your understanding") -> Quiz:
    """Self-check questions with immediate feedback and an explanation (no server needed).

    Each question is a dict: multiple choice ``{"question", "options", "answer" (index), "explanation"}``
    or numeric ``{"question", "answer" (float), "tolerance", "unit", "explanation"}``.
    """
    return Quiz(questions, title)
