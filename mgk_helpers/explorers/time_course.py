"""Ready-made scenarios day by day; the refractory-repletion arms overlaid.

Every scenario is simulated once per process (:func:`scenario_views`, cached at module level, so a second
explorer is built without simulating again) and its figure is built by :func:`mgk_helpers.plots.
time_course_figure` in every Mg unit. The figure has a fixed set of trace slots, ``run{i}_serum_k``,
``run{i}_serum_mg`` and ``run{i}_urine_k`` for i = 0, 1, 2 (the most runs a scenario overlays); a scenario
with one run hides the slots it does not use (``visible: false``, empty data). Every trace property that
changes with the scenario or the unit is a pick over those controls of the values the plots module gave;
the readout is the old readout text for each scenario and unit, written here in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

import pandas as pd

from .. import model, plots
from ..model import scenarios
from ..model.reference import classify_k
from ..model.units import CONCENTRATION_UNITS, from_mmol_per_l
from ..plotly_view import figure_json
from .base import MG_K_NOTE, Explorer, check_mg_unit, choice_control, unit_control
from .engine import Spec

__all__ = [
    "REFRACTORY",
    "SERIES",
    "TimeCourseExplorer",
    "ScenarioView",
    "scenario_views",
    "thinned",
    "time_course",
    "time_course_readout",
]


#: Id of the picker entry that overlays the three arms of the refractory-repletion scenario.
REFRACTORY = "refractory_repletion"
_REFRACTORY_TITLE = "Refractory low K: give K, K + Mg or Mg (arms overlaid)"
_ARM_LABEL = {"K": "K only", "K+Mg": "K + Mg", "Mg": "Mg only"}
_SCENARIO_LEGEND = (
    "Pick a scenario; the figure shows serum K, serum Mg and urine K day by day. For the refractory "
    "hypokalaemia scenario the three treatment arms (K alone, K + Mg, Mg alone) are overlaid."
)
#: The series of one run, in the order :func:`mgk_helpers.plots.time_course_figure` draws them.
SERIES: tuple[str, ...] = ("serum_k", "serum_mg", "urine_k")
#: Trace properties that stay those of the figure (never bound to a control).
_FIXED_PROPS = {"uid", "type", "xaxis", "yaxis"}


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


def thinned(run: pd.DataFrame) -> pd.DataFrame:
    """``run`` (a :func:`mgk_helpers.model.simulate` frame, one row per 0.1 day) at the times a figure needs:
    every row for the first 3 days, where serum K moves fastest, then every 0.3 day to day 14 and every
    0.5 day after, and always the last row. The values are the model's own at those times; the explorer
    carries every scenario in its page, and 10 rows a day for eight weeks were several times what a line
    of a few hundred pixels can show."""
    tenths = (run.index.to_numpy(dtype=float) * 10).round().astype(int)
    keep = (tenths <= 30) | ((tenths <= 140) & (tenths % 3 == 0)) | (tenths % 5 == 0)
    keep[-1] = True
    out = run[keep]
    out.attrs = dict(run.attrs)
    return out


class ScenarioView(NamedTuple):
    """One picker entry, simulated: its runs and its figure (plain JSON) in every Mg unit."""

    title: str
    description: str
    runs: dict[str, pd.DataFrame]
    figures: dict[str, tuple[list[dict[str, Any]], dict[str, Any]]]  # unit → (data, layout)
    alt: str


@cache
def scenario_views() -> dict[str, ScenarioView]:
    """Scenario id → :class:`ScenarioView`, simulated and drawn once per process (read-only: shared by
    every time-course explorer)."""
    out = {}
    for key, entry in _entries().items():
        runs = {label: thinned(df) for label, df in entry.runs().items()}
        fig = plots.time_course_figure(runs, "mmol/L", title=entry.title)
        data, layout = figure_json(fig)
        layout = {**layout, "title": {"text": ""}, "margin": {**layout.get("margin", {}), "t": 50}}
        figures = {u: plots.time_course_in_unit(data, layout, u) for u in CONCENTRATION_UNITS}
        out[key] = ScenarioView(entry.title, entry.description, runs, figures, plots.alt_text(fig))
    return out


def time_course_readout(view: ScenarioView, unit: str) -> str:
    """The readout for one scenario in Mg unit ``unit``: title, description, and per run serum K and serum Mg
    from the first to the last day."""
    single = len(view.runs) == 1

    def mg(x: float) -> str:
        return f"{float(from_mmol_per_l(x, unit, 'Mg')):.2f}"

    parts = [
        ("Serum K" if single else f"{label}: serum K")
        + f" {df['serum_k'].iloc[0]:.2f} → {df['serum_k'].iloc[-1]:.2f} mmol/L "
        f"({classify_k(float(df['serum_k'].iloc[-1])).label}) by day {float(df.index[-1]):g}, "
        f"serum Mg {mg(df.attrs.get('initial', {}).get('serum_mg', df['serum_mg'].iloc[0]))} → "
        f"{mg(df['serum_mg'].iloc[-1])} {unit}"
        for label, df in view.runs.items()
    ]
    return f"{view.title}. {view.description} " + "; ".join(parts) + f". {MG_K_NOTE}"


def _source(values: list[list[Any]]) -> dict[str, Any] | None:
    """A pick over (scenario, mg_unit) of ``values[s][u]``; over one control if the other does not matter,
    None if nothing does."""
    first = values[0][0]
    if all(v == first for row in values for v in row):
        return None
    if all(row == [row[0]] * len(row) for row in values):
        return {"pick": "scenario", "values": [row[0] for row in values]}
    if all(row == values[0] for row in values):
        return {"pick": "mg_unit", "values": values[0]}
    return {"pick": ["scenario", "mg_unit"], "values": values}


class TimeCourseExplorer(Explorer):
    """A scenario picker over the ready-made scenarios; the refractory-repletion arms are overlaid."""

    def __init__(self, scenario: str | None = None, mg_unit: str = "mmol/L") -> None:
        views = scenario_views()
        ids = list(views)
        scenario = ids[0] if scenario is None else scenario
        if scenario not in views:
            raise ValueError(f"scenario={scenario!r} is not a scenario id; valid ids are {', '.join(ids)}")
        check_mg_unit(mg_unit)
        self._views = views
        units = list(CONCENTRATION_UNITS)
        controls = [
            choice_control(
                "scenario", "Scenario", [(v.title, k) for k, v in views.items()], scenario, kind="select"
            ),
            unit_control(mg_unit),
        ]
        # every (scenario, unit): uid → trace, and the layout
        per_state = [[{t["uid"]: t for t in views[k].figures[u][0]} for u in units] for k in ids]
        n_runs = max(len(v.runs) for v in views.values())
        slots = [f"run{i}_{key}" for i in range(n_runs) for key in SERIES]
        default = (ids.index(scenario), units.index(mg_unit))
        data, traces = [], []
        for n, uid in enumerate(slots):
            shown = [t[uid] for row in per_state for t in row if uid in t]
            template = shown[0]
            keys = set(template)
            if any(set(t) != keys for t in shown):
                raise RuntimeError(f"trace {uid}: its properties differ between scenarios")
            hidden = {**template, "x": [], "y": [], "visible": False}
            states = [[{**t[uid], "visible": True} if uid in t else hidden for t in row] for row in per_state]
            s0, u0 = default
            data.append(dict(states[s0][u0]))
            for prop in sorted(keys | {"visible"}):
                if prop in _FIXED_PROPS:
                    continue
                source = _source([[state[prop] for state in row] for row in states])
                if source is not None:
                    traces.append({"trace": n, "prop": prop, "source": source})
        layouts = [[views[k].figures[u][1] for u in units] for k in ids]
        base_layout = layouts[default[0]][default[1]]
        layout_bindings = []
        for key in sorted({key for row in layouts for lay in row for key in lay}):
            source = _source([[lay.get(key) for lay in row] for row in layouts])
            if source is not None:
                layout_bindings.append({"path": key, "source": source})
        readouts = [[time_course_readout(views[k], u) for u in units] for k in ids]
        spec = Spec(
            title="Over days and weeks: ready-made scenarios",
            controls=controls,
            tables={},
            figure={"data": data, "layout": base_layout},
            traces=traces,
            layout=layout_bindings,
            readout={"pick": ["scenario", "mg_unit"], "values": readouts},
            alt={"pick": "scenario", "values": [views[k].alt for k in ids]},
            legend=_SCENARIO_LEGEND,
        )
        super().__init__(spec)

    def runs(self, scenario: str) -> dict[str, pd.DataFrame]:
        """The simulation(s) of scenario id ``scenario`` (label → DataFrame), computed once and cached."""
        if scenario not in self._views:
            raise ValueError(
                f"scenario={scenario!r} is not a scenario id; valid ids are {', '.join(self._views)}"
            )
        return self._views[scenario].runs


def time_course(**kwargs: Any) -> TimeCourseExplorer:
    """Explorer: pick a ready-made scenario and see serum K, serum Mg and urine K over days.

    Keyword overrides: ``scenario`` (a scenario id: one of :func:`mgk_helpers.scenarios.catalogue`'s
    keys other than the refractory arms, or ``"refractory_repletion"`` for the three arms overlaid),
    ``mg_unit``.
    """
    return TimeCourseExplorer(**kwargs)
