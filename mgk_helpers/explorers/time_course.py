"""Ready-made scenarios day by day; the refractory-repletion arms overlaid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import ipywidgets as w
import pandas as pd

from .. import model, plots
from ..model import scenarios
from ..model.reference import classify_k
from ..model.units import from_mmol_per_l
from ..plotly_view import PlotlyView, figure_json
from .legacy import (
    LAYOUT,
    MG_K_NOTE,
    STYLE,
    Explorer,
    check_mg_unit,
    units_toggle,
)

__all__ = [
    "REFRACTORY",
    "TimeCourseExplorer",
    "time_course",
]


#: Id of the picker entry that overlays the three arms of the refractory-repletion scenario.
REFRACTORY = "refractory_repletion"
_REFRACTORY_TITLE = "Refractory low K: give K, K + Mg or Mg (arms overlaid)"
_ARM_LABEL = {"K": "K only", "K+Mg": "K + Mg", "Mg": "Mg only"}
_SCENARIO_LEGEND = (
    "Pick a scenario; the figure shows serum K, serum Mg and urine K day by day. For the refractory "
    "hypokalaemia scenario the three treatment arms (K alone, K + Mg, Mg alone) are overlaid."
)


class _Entry(NamedTuple):
    title: str
    description: str
    runs: Callable[[], dict[str, pd.DataFrame]]


def _entries() -> dict[str, _Entry]:
    """Scenario id → picker entry: every single scenario of :mod:`mgk_helpers.scenarios`, and the
    refractory-repletion arms as one entry whose runs are overlaid."""
    entries: dict[str, _Entry] = {}
    for key, scenario in scenarios.catalogue().items():
        if key.startswith(REFRACTORY):
            continue
        entries[key] = _Entry(
            scenarios.TITLES[key], scenario.description, lambda sc=scenario: {"model": model.simulate(sc)}
        )
    arms = {arm: scenarios.refractory_repletion(arm) for arm in scenarios.REFRACTORY_ARMS}
    description = arms["K"].description.split("Treatment")[0].strip() + " Three treatment arms from day 0."
    entries[REFRACTORY] = _Entry(
        _REFRACTORY_TITLE, description, lambda: {_ARM_LABEL[a]: model.simulate(sc) for a, sc in arms.items()}
    )
    return entries


class TimeCourseExplorer(Explorer):
    """A scenario picker over the ready-made scenarios; the refractory-repletion arms are overlaid."""

    title = "Over days and weeks: ready-made scenarios"

    def __init__(self, scenario: str | None = None, mg_unit: str = "mmol/L") -> None:
        self._entries = _entries()
        ids = list(self._entries)
        scenario = scenario or ids[0]
        if scenario not in self._entries:
            raise ValueError(f"scenario={scenario!r} is not a scenario id; valid ids are {', '.join(ids)}")
        check_mg_unit(mg_unit)
        self._runs: dict[str, dict[str, pd.DataFrame]] = {}
        self._figures: dict[str, tuple[list, dict, str]] = {}
        options = [(entry.title, key) for key, entry in self._entries.items()]
        controls = {
            "scenario": w.Dropdown(
                options=options, value=scenario, description="Scenario", style=STYLE, layout=LAYOUT
            ),
            "mg_unit": units_toggle(mg_unit),
        }
        # Simulate and build every scenario's figure now, so that no change of the picker or the units
        # ever waits for a simulation.
        for key in ids:
            self._figure_json(key)
        super().__init__(controls, PlotlyView(), legend=_SCENARIO_LEGEND)

    def runs(self, scenario: str) -> dict[str, pd.DataFrame]:
        """The simulation(s) of scenario id ``scenario`` (label → DataFrame), computed once and cached."""
        if scenario not in self._runs:
            self._runs[scenario] = self._entries[scenario].runs()
        return self._runs[scenario]

    def _figure_json(self, scenario: str) -> tuple[list, dict, str]:
        """Plain JSON of a scenario's figure in mmol/L, built once (unit switches rescale it)."""
        if scenario not in self._figures:
            fig = plots.time_course_figure(self.runs(scenario), "mmol/L", title=self._entries[scenario].title)
            data, layout = figure_json(fig)
            layout = {**layout, "title": {"text": ""}, "margin": {**layout.get("margin", {}), "t": 50}}
            self._figures[scenario] = (data, layout, plots.alt_text(fig))
        return self._figures[scenario]

    def _update(self) -> None:
        key, unit = self.controls["scenario"].value, self.mg_unit
        runs = self.runs(key)
        base_data, base_layout, alt = self._figure_json(key)
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
        entry = self._entries[key]
        self._set_readout(f"{entry.title}. {entry.description} " + "; ".join(parts) + f". {MG_K_NOTE}")


def time_course(**kwargs: Any) -> TimeCourseExplorer:
    """Explorer: pick a ready-made scenario and see serum K, serum Mg and urine K over days.

    Keyword overrides: ``scenario`` (a scenario id: one of :func:`mgk_helpers.scenarios.catalogue`'s
    keys other than the refractory arms, or ``"refractory_repletion"`` for the three arms overlaid),
    ``mg_unit``.
    """
    return TimeCourseExplorer(**kwargs)
