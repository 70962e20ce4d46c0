"""What every explorer shares: the base class, the controls it is built from, the static fallback card.

An explorer is labelled controls (name and unit), one figure (:class:`~mgk_helpers.plotly_view.PlotlyView`,
patched in place) and a readout in words that doubles as the figure's description; a Reset button; serum Mg
shown in mmol/L, mg/dL or mEq/L; the explorer's stylesheet (``static/explorers.css``) for projector sizes.
Every explorer is drivable from Python: ``controls``, ``figure``, ``readout_text`` and ``reset()``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any

import ipywidgets as w
import numpy as np

from .. import model, plots
from ..model.notices import MG_K_LABEL, TEACHING_MODEL_NOTE
from ..model.reference import classify_k
from ..model.units import CONCENTRATION_UNITS, check_range, from_mmol_per_l
from ..plotly_view import PlotlyView

__all__ = [
    "LAYOUT",
    "MG_GRID_MMOL",
    "MG_K_NOTE",
    "RUN_HINT",
    "STYLE",
    "Explorer",
    "check_mg_unit",
    "checked_value",
    "intake_and_driver_sliders",
    "k_phrase",
    "mg_options",
    "nearest_mg",
    "slider",
    "static_card",
    "style_tag",
    "units_toggle",
]


@cache
def style_tag() -> str:
    """The explorers' stylesheet (``static/explorers.css``) as a ``<style>`` element."""
    css = resources.files("mgk_helpers.explorers").joinpath("static", "explorers.css").read_text("utf-8")
    return f"<style>{css}</style>"


#: The note under every readout that shows a Mg → K result: the label, then the disclaimer.
MG_K_NOTE = f"{MG_K_LABEL}. {TEACHING_MODEL_NOTE}"
RUN_HINT = "▶ Run this cell to load the interactive explorer."
STYLE = {"description_width": "initial"}
LAYOUT = w.Layout(width="min(100%, 560px)")

#: The serum Mg slider's positions, in mmol/L: the model's valid range in steps of 0.01 mmol/L.
#: The slider is a SelectionSlider over these values whose *labels* are in the unit shown, so a
#: units switch relabels it without moving it (a FloatSlider would change min/max/step, and the
#: browser's slider, which snaps to its grid and echoes the result, could shift the value).
MG_GRID_MMOL: tuple[float, ...] = tuple(
    round(model.SERUM_MG_RANGE[0] + 0.01 * k, 2)
    for k in range(round((model.SERUM_MG_RANGE[1] - model.SERUM_MG_RANGE[0]) / 0.01) + 1)
)

#: Caveat for the Na/K-ATPase (MgATP) coupling toggle.


def slider(description: str, value: float, lo: float, hi: float, step: float, fmt: str, continuous: bool):
    """A labelled FloatSlider over [lo, hi]: the model's valid range, so no value it reaches is rejected."""
    return w.FloatSlider(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        readout_format=fmt,
        continuous_update=continuous,
        style=STYLE,
        layout=LAYOUT,
    )


@cache
def mg_options(unit: str) -> tuple[tuple[str, float], ...]:
    """(label in ``unit``, value in mmol/L) for every serum Mg slider position (computed once per unit)."""
    shown = from_mmol_per_l(np.asarray(MG_GRID_MMOL), unit, "Mg")
    return tuple((f"{x:.2f}", v) for x, v in zip(shown.tolist(), MG_GRID_MMOL, strict=True))


def nearest_mg(value_mmol: float) -> float:
    """The slider position nearest ``value_mmol`` (mmol/L)."""
    return min(MG_GRID_MMOL, key=lambda v: abs(v - value_mmol))


def intake_and_driver_sliders(k_intake: float, driver: float) -> dict[str, w.FloatSlider]:
    """K intake and driver sliders (checked values; limits = the model's valid ranges)."""
    k_lo, k_hi = model.K_INTAKE_RANGE
    d_lo, d_hi = model.DRIVER_RANGE
    k_intake = checked_value("k_intake", k_intake, k_lo, k_hi, "mmol/day")
    driver = checked_value("driver", driver, d_lo, d_hi, "×")
    return {
        "k_intake": slider("K intake (mmol/day)", k_intake, k_lo, k_hi, 5.0, ".0f", True),
        "driver": slider("Diuretic / aldosterone driver (×)", driver, d_lo, d_hi, 0.05, ".2f", True),
    }


def checked_value(name: str, value: float, lo: float, hi: float, unit: str) -> float:
    """``value`` as a float if it is in [lo, hi], else ValueError naming it, its unit and the range."""
    check_range(name, value, lo, hi, unit)
    return float(value)


def check_mg_unit(mg_unit: str) -> str:
    """``mg_unit`` if it is one of the concentration units, else ValueError naming them."""
    if mg_unit not in CONCENTRATION_UNITS:
        raise ValueError(
            f"mg_unit={mg_unit!r} is not a known unit; valid units are {', '.join(CONCENTRATION_UNITS)}"
        )
    return mg_unit


#: Larger control labels and values than the ipywidgets default (13 px), for a classroom projector.


def k_phrase(serum_k: float) -> str:
    """ "Serum K 3.30 mmol/L — mild hypokalaemia": the value and its grade in words."""
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
            w.HTML(style_tag() + f"<h3 style='margin:0.2em 0'>{html.escape(self.title)}</h3>")
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
        value_mmol = checked_value("serum_mg", value_mmol, lo, hi, "mmol/L")
        self._default_mg_mmol = value_mmol
        self._mg_mmol = value_mmol
        s = w.SelectionSlider(
            options=mg_options(unit),
            value=nearest_mg(value_mmol),
            description=plots.mg_axis_title(unit),
            continuous_update=continuous,
            style=STYLE,
            layout=LAYOUT,
        )
        return s

    @staticmethod
    def _configure_mg(s: w.SelectionSlider, unit: str, value_mmol: float) -> None:
        with s.hold_sync():
            s.options = mg_options(unit)  # same values, new labels
            s.value = nearest_mg(value_mmol)
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
        if value != nearest_mg(self._mg_mmol):
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
        bundle["text/html"] = static_card(self.title, RUN_HINT, self._default_readout)
        return bundle


def static_card(title: str, hint: str, body_html: str, escape_body: bool = True) -> str:
    """The HTML shown where the live widget cannot run (no kernel): title, a hint, the default readout."""
    body = html.escape(body_html) if escape_body else body_html
    return (
        '<div class="mgk-static" style="border:1px solid #bbb;border-radius:6px;padding:0.8em 1em;'
        'max-width:720px;font-size:16px;line-height:1.45">'
        f"<strong>{html.escape(title)}</strong><br>"
        f'<span style="font-weight:bold">{html.escape(hint)}</span>'
        f'<div style="margin-top:0.5em">{body}</div></div>'
    )


def units_toggle(unit: str) -> w.ToggleButtons:
    """The mmol/L · mg/dL · mEq/L toggle for serum Mg."""
    t = w.ToggleButtons(
        options=list(CONCENTRATION_UNITS),
        value=unit,
        description="Mg unit",
        style=STYLE,
        tooltips=["millimoles per litre", "milligrams per decilitre", "milliequivalents per litre"],
    )
    t.add_class("mgk-units")
    return t
