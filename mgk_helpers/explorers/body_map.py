"""Where the K goes: a live body map (gut → blood ⇄ cells → kidney → urine) driven by the model.

Two factories, because their controls differ:

* :func:`body_map` — one map. Without ``scenario`` it is the steady state for serum Mg, K intake and the
  driver (the steady-state explorer's controls); with ``scenario`` it plays a ready-made scenario back day by
  day (a scenario choice and a day slider with Play/Pause).
* :func:`body_map_trial` — the three arms of the refractory-hypokalaemia trial (K, K + Mg, Mg), one map
  each, at the same day: K given alone flows out through the kidney, K given with Mg refills the cells.

The figure is :func:`mgk_helpers.plots.body_map.body_map_figure`; every part of it that follows the model is
one of :func:`~mgk_helpers.plots.body_map.body_map_links`, bound here to a table (the model's answers over
the grid, computed once in Python). The page only looks the numbers up and draws.

Steady state: serum K and the blood's K are exact products of one factor per control (see
:func:`mgk_helpers.explorers.steady_state.steady_state_tables`); cell K and the pump flux (= the leak at a
steady state) are stored in full over (serum Mg, intake, driver), so serum Mg is on a 0.05 mmol/L grid here
to keep the saved page small. Playback: every scenario is simulated once per process with one output point
per day (:func:`scenario_frames`); every run lasts :data:`PLAYBACK_DAYS` days (the 28-day scenarios keep
their last schedule values to the end).
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from .. import model
from ..model import scenarios
from ..model.equations import SERUM_MG_RANGE, SERUM_MG_REF
from ..model.notices import TEACHING_MODEL_NOTE
from ..model.reference import classify_mg
from ..model.units import CONCENTRATION_UNITS, from_mmol_per_l
from ..plotly_view import figure_json
from ..plots import body_map as bm
from .base import MG_K_NOTE, Explorer, check_mg_unit, checked_value, choice_control, k_grade, unit_control
from .engine import Control, Spec, Table
from .steady_state import driver_control, intake_control

__all__ = [
    "BODY_MAP_LEGEND",
    "MG_GRID_COARSE",
    "PLAYBACK_DAYS",
    "PLAYBACK_SCENARIOS",
    "TRIAL_ARMS",
    "BodyMapExplorer",
    "BodyMapPlayback",
    "BodyMapTrial",
    "body_map",
    "body_map_trial",
    "frame_quantities",
    "scenario_frames",
    "steady_quantities",
]

#: Serum Mg grid of the steady-state map (mmol/L): the model's range in steps of 0.05.
MG_GRID_COARSE: tuple[float, ...] = tuple(
    round(SERUM_MG_RANGE[0] + 0.05 * k, 2)
    for k in range(round((SERUM_MG_RANGE[1] - SERUM_MG_RANGE[0]) / 0.05) + 1)
)
#: Length of every played-back run (days).
PLAYBACK_DAYS = 56
#: Scenario id (as in :func:`mgk_helpers.model.scenarios.catalogue`) → the title the picker shows.
PLAYBACK_SCENARIOS: dict[str, str] = {
    "refractory_repletion_K": "Refractory low K: give K only",
    "refractory_repletion_K+Mg": "Refractory low K: give K and Mg",
    "refractory_repletion_Mg": "Refractory low K: give Mg only",
    "severe_mg_depletion": "Severe Mg depletion (serum Mg to 0.25 mmol/L)",
    "diuretic": "Diuretic-like driver, normal Mg",
    "diuretic_low_mg": "Diuretic-like driver with low Mg",
}
#: The trial's arms: scenario id → panel title.
TRIAL_ARMS: dict[str, str] = {
    f"refractory_repletion_{arm}": {"K": "K only", "K+Mg": "K + Mg", "Mg": "Mg only"}[arm]
    for arm in scenarios.REFRACTORY_ARMS
}

BODY_MAP_LEGEND = (
    "<b>Arrows</b>: K moving, in mmol/day — eaten, absorbed from the gut, lost in stool, pumped into the "
    "cells, leaking out of them, and leaving in urine. Widths: gut and kidney 1 px per "
    f"{bm.GUT_SCALE:g} mmol/day; the cells' pump and leak 1 px per {bm.CELL_SCALE:,.0f} mmol/day, their own "
    "scale, because they move about 1,500 times the daily intake (the small difference, <i>net</i>, is what "
    "the cells gain). <b>Boxes</b>: blood K (filled on 0–8 mmol/L) and cell K (0–160 mmol/L). <b>Gauges</b>: "
    "free Mg in the kidney's tubule cells (follows serum Mg within a day or so) and in muscle (weeks); the "
    "dotted mark is the usual 0.5 mM. <b>ROMK brake</b>: the model's hypothesis that cell Mg blocks the "
    "kidney's K channel ROMK; low kidney-cell Mg opens the brake and more K leaves in urine."
)
_GAIN_BANDS = [[-1e300, 0.0, True, False, "lost"], [0.0, 1e300, True, True, "gained"]]
_FIELD = re.compile(r"\{(\w+)")


def _fields(template: str) -> list[str]:
    return list(dict.fromkeys(_FIELD.findall(template)))


def _bindings(titles: list[str], source_of, gain: bool = False) -> list[dict[str, Any]]:
    """Layout bindings of every model-driven part of the map; ``source_of(panel, quantity)`` → a source."""
    out = []
    for link in bm.body_map_links(titles, gain):
        if link.template:
            names = _fields(link.template)
            if not names:
                continue
            source = {"format": link.template, "fields": {q: source_of(link.panel, q) for q in names}}
        else:
            source = {"mul": [source_of(link.panel, link.quantity), {"const": link.scale}]}
            if link.offset:
                source = {"sum": [{"const": link.offset}, source]}
        out.append({"path": link.path, "source": source})
    return out


def _figure(values: list[dict[str, float]], titles: list[str], gain: bool = False) -> dict[str, Any]:
    fig = bm.body_map_figure(values, titles if len(titles) > 1 else None, gain=gain)
    data, layout = figure_json(fig)
    return {"data": data, "layout": layout, "config": {"staticPlot": False}}


# --------------------------------------------------------------------------------------------------
# the model's numbers


def steady_quantities(
    serum_mg, k_intake, driver, params: model.Params | None = None
) -> dict[str, np.ndarray]:
    """The map's quantities (:data:`mgk_helpers.plots.body_map.BODY_MAP_QUANTITIES`) at the steady state;
    inputs broadcast like numpy."""
    p = params or model.Params()
    ss = model.steady_state(serum_mg, k_intake, driver, p)
    pump = model.pump_flux(ss.serum_k, ss.mg_i, p)
    intake = np.asarray(k_intake, dtype=float) + 0.0 * ss.serum_k
    return {
        "intake": intake,
        "absorbed": p.f_abs * intake,
        "stool": (1.0 - p.f_abs) * intake,
        "urine": ss.urine_k + 0.0 * ss.serum_k,
        "pump": pump,
        "leak": model.leak_flux(ss.serum_k, ss.icf_k, p),
        "net": 0.0 * pump,
        "serum_k": ss.serum_k,
        "ecf_amount": p.v_e * ss.serum_k,
        "icf_k": ss.icf_k,
        "icf_amount": p.v_i * ss.icf_k,
        "mg_fast": ss.mg_i + 0.0 * ss.serum_k,
        "mg_i": ss.mg_i + 0.0 * ss.serum_k,
        "romk": ss.romk_factor + 0.0 * ss.serum_k,
    }


def frame_quantities(frame: pd.DataFrame, params: model.Params | None = None) -> dict[str, np.ndarray]:
    """The map's quantities along a :func:`mgk_helpers.model.simulate` run, plus ``gained`` (K the cells
    gained since day 0, mmol) and ``serum_mg`` (mmol/L)."""
    p = params or model.Params()
    intake = frame["k_intake"].to_numpy()
    loss = frame["gi_k_loss"].to_numpy()
    icf_amount = p.v_i * frame["icf_k"].to_numpy()
    return {
        "intake": intake,
        "absorbed": p.f_abs * intake - loss,
        "stool": (1.0 - p.f_abs) * intake + loss,
        "urine": frame["urine_k"].to_numpy(),
        "pump": frame["pump_k"].to_numpy(),
        "leak": frame["leak_k"].to_numpy(),
        "net": frame["pump_k"].to_numpy() - frame["leak_k"].to_numpy(),
        "serum_k": frame["serum_k"].to_numpy(),
        "ecf_amount": p.v_e * frame["serum_k"].to_numpy(),
        "icf_k": frame["icf_k"].to_numpy(),
        "icf_amount": icf_amount,
        "mg_fast": frame["mg_fast"].to_numpy(),
        "mg_i": frame["mg_i"].to_numpy(),
        "romk": frame["romk_factor"].to_numpy(),
        "gained": icf_amount - icf_amount[0],
        "serum_mg": frame["serum_mg"].to_numpy(),
    }


@cache
def scenario_frames() -> dict[str, pd.DataFrame]:
    """Scenario id → its run over :data:`PLAYBACK_DAYS` days, one row per day (simulated once per process;
    read-only)."""
    catalogue = scenarios.catalogue()
    out = {}
    for key in PLAYBACK_SCENARIOS:
        sc = dataclasses.replace(catalogue[key], duration_days=float(PLAYBACK_DAYS))
        out[key] = model.simulate(sc, n_points=PLAYBACK_DAYS + 1)
    return out


def _day_control(day: float) -> Control:
    value = checked_value("day", day, 0, PLAYBACK_DAYS, "days")
    days = tuple(float(d) for d in range(PLAYBACK_DAYS + 1))
    return Control("day", "range", "Day", days, int(round(value)), unit="", digits=0, play=True)


def _panel_values(q: dict[str, np.ndarray], i: int) -> dict[str, float]:
    return {k: float(v[i]) for k, v in q.items()}


def _readout_part(prefix: str) -> str:
    """The words for one run at one day (fields prefixed with ``prefix``)."""
    f = prefix
    return (
        f"serum K {{{f}k:.2f}} mmol/L ({{{f}k_grade}}), serum Mg {{{f}serum_mg:.2f}} mmol/L; absorbed "
        f"{{{f}absorbed:.0f}} mmol/day, urine {{{f}urine:.0f}}, stool {{{f}stool:.0f}}; the cells "
        f"{{{f}gain_word}} {{{f}gain:.0f}} mmol of K since day 0 (pump in {{{f}pump:,.0f}}, leak out "
        f"{{{f}leak:,.0f}} mmol/day); kidney-cell Mg {{{f}mg_fast:.2f}} mM, muscle Mg {{{f}mg_i:.2f}} mM; "
        f"ROMK brake opened to {{{f}romk:.2f}}× baseline"
    )


def _readout_fields(prefix: str, table) -> dict[str, Any]:
    names = ("serum_mg", "absorbed", "urine", "stool", "pump", "leak", "mg_fast", "mg_i", "romk")
    out = {prefix + n: table(n) for n in names}
    out[prefix + "k"] = table("serum_k")
    out[prefix + "k_grade"] = k_grade(table("serum_k"))
    out[prefix + "gain_word"] = {"band": table("gained"), "bands": _GAIN_BANDS}
    out[prefix + "gain"] = table("gain_size")
    return out


# --------------------------------------------------------------------------------------------------
# the explorers


class BodyMapExplorer(Explorer):
    """The steady-state body map: serum Mg, its unit, K intake and the driver."""

    def __init__(
        self,
        serum_mg: float = SERUM_MG_REF,
        k_intake: float = model.K_INTAKE_DEFAULT,
        driver: float = 1.0,
        mg_unit: str = "mmol/L",
        params: model.Params | None = None,
    ) -> None:
        self.params = p = params or model.Params()
        check_mg_unit(mg_unit)
        value = checked_value("serum_mg", serum_mg, *SERUM_MG_RANGE, "mmol/L")
        mg = np.asarray(MG_GRID_COARSE)
        mg_c = Control(
            "serum_mg", "range", "Serum Mg", MG_GRID_COARSE, int(np.argmin(np.abs(mg - value))),
            unit="mmol/L", digits=2, unit_control="mg_unit",
            shown={u: tuple(float(x) for x in from_mmol_per_l(mg, u, "Mg")) for u in CONCENTRATION_UNITS},
        )  # fmt: skip
        i_c, d_c = intake_control(k_intake), driver_control(driver)
        controls = [mg_c, unit_control(mg_unit), i_c, d_c]
        intakes, drivers = np.asarray(i_c.values), np.asarray(d_c.values)
        full = steady_quantities(mg[:, None, None], intakes[None, :, None], drivers[None, None, :], p)
        # serum K (and the blood's K) is an exact product of one factor per control: sent as three factors
        k = full["serum_k"]
        f_mg, f_i, f_d = k[:, 0, 0] / k[0, 0, 0], k[0, :, 0], k[0, 0, :] / k[0, 0, 0]
        axes3 = ("serum_mg", "k_intake", "driver")
        tables = {
            "serum_k": Table(axes3, ([f_mg], [f_i], [f_d]), product=True),
            "ecf_amount": Table(axes3, ([f_mg], [p.v_e * f_i], [f_d]), product=True),
            "icf_k": Table(axes3, full["icf_k"][None]),
            "pump": Table(axes3, full["pump"][None]),
        }
        for name in ("absorbed", "stool", "urine"):
            tables[name] = Table(("k_intake",), full[name][0, :, 0][None])
        for name in ("mg_fast", "mg_i", "romk"):
            tables[name] = Table(("serum_mg",), full[name][:, 0, 0][None])

        def source(_panel: int, q: str) -> dict[str, Any]:
            if q == "intake":
                return {"control": "k_intake"}
            if q == "net":
                return {"const": 0.0}
            if q == "icf_amount":  # an amount from a concentration: × the cells' volume, a unit change
                return {"mul": [{"table": "icf_k"}, {"const": p.v_i}]}
            return {"table": "pump" if q == "leak" else q}  # pump = leak at a steady state

        state = (mg_c.index, i_c.index, d_c.index)
        values = {k: float(v[state]) for k, v in full.items()}
        figure = _figure([values], [""])
        mg_grades = [classify_mg(v).label for v in MG_GRID_COARSE]
        fields = {
            "mg": {"control": "serum_mg"},
            "unit": {"control": "mg_unit"},
            "mg_grade": {"pick": "serum_mg", "values": mg_grades},
            "intake": {"control": "k_intake"},
            "driver": {"control": "driver"},
            "k": {"table": "serum_k"},
            "k_grade": k_grade({"table": "serum_k"}),
            **{
                q: source(0, q)
                for q in ("absorbed", "urine", "stool", "pump", "icf_k", "mg_fast", "mg_i", "romk")
            },
        }
        readout = {
            "format": (
                "Steady state at serum Mg {mg:.2f} {unit} ({mg_grade}), K intake {intake:.0f} mmol/day, "
                "driver {driver:.2f}×: serum K {k:.2f} mmol/L ({k_grade}). In = out: absorbed "
                "{absorbed:.0f} mmol/day and urine {urine:.0f} mmol/day (stool {stool:.0f}). The cells "
                "pump in and leak out {pump:,.0f} mmol/day each, so they neither gain nor lose K; "
                "cell K {icf_k:.0f} mmol/L. "
                "Kidney-cell Mg {mg_fast:.2f} mM, muscle Mg {mg_i:.2f} mM; ROMK brake opened to {romk:.2f}× "
                f"baseline. {MG_K_NOTE}"
            ),
            "fields": fields,
        }
        alt = _alt_source([""], source)
        spec = Spec(
            title="Where the K goes: the body at a steady state",
            controls=controls,
            tables=tables,
            figure=figure,
            traces=[],
            layout=_bindings([""], source),
            readout=readout,
            alt=alt,
            legend=BODY_MAP_LEGEND,
        )
        super().__init__(spec)


def _alt_source(titles: list[str], source_of) -> dict[str, Any]:
    """A source: the figure's text alternative (every panel), read from the tables."""
    parts, fields = [], {}
    for panel, title in enumerate(titles):
        template = bm.body_map_alt_template(title)
        for q in _fields(template):
            fields[f"p{panel}_{q}"] = source_of(panel, q)
        parts.append(re.sub(r"\{(\w+)", lambda m, p=panel: "{" + f"p{p}_" + m.group(1), template))
    return {"format": " ".join(parts) + " " + TEACHING_MODEL_NOTE, "fields": fields}


class BodyMapPlayback(Explorer):
    """A ready-made scenario played back day by day on the body map (a day slider with Play/Pause)."""

    def __init__(self, scenario: str = "refractory_repletion_K", day: float = 0) -> None:
        if scenario not in PLAYBACK_SCENARIOS:
            raise ValueError(
                f"scenario={scenario!r} is not offered; valid scenarios are {', '.join(PLAYBACK_SCENARIOS)}"
            )
        frames = scenario_frames()
        ids = list(PLAYBACK_SCENARIOS)
        sc_c = choice_control(
            "scenario", "Scenario", [(PLAYBACK_SCENARIOS[k], k) for k in ids], scenario, kind="select"
        )
        day_c = _day_control(day)
        quantities = {k: frame_quantities(frames[k]) for k in ids}
        names = list(quantities[ids[0]])
        tables = {
            q: Table(("scenario", "day"), np.stack([quantities[k][q] for k in ids])[None]) for q in names
        }
        tables["gain_size"] = Table(("scenario", "day"), np.abs(tables["gained"].data))

        def source(_panel: int, q: str) -> dict[str, Any]:
            return {"table": q}

        values = _panel_values(quantities[scenario], day_c.index)
        figure = _figure([values], [""], gain=True)
        fields = {
            "day": {"control": "day"},
            "title": {"pick": "scenario", "values": [PLAYBACK_SCENARIOS[k] for k in ids]},
            **_readout_fields("", lambda q: {"table": q}),
        }
        readout = {
            "format": "Day {day:.0f} of “{title}”: " + _readout_part("") + f". {MG_K_NOTE}",
            "fields": fields,
        }
        spec = Spec(
            title="Where the K goes: a scenario day by day",
            controls=[sc_c, day_c],
            tables=tables,
            figure=figure,
            traces=[],
            layout=_bindings([""], source, gain=True),
            readout=readout,
            alt=_alt_source([""], source),
            legend=BODY_MAP_LEGEND,
            caveat=(
                f"Each run lasts {PLAYBACK_DAYS} days here; treatments and the driver stay on to the end. "
                "On day 0 the change has just begun: the body is still as it was before."
            ),
        )
        super().__init__(spec)


class BodyMapTrial(Explorer):
    """The three arms of the refractory-hypokalaemia trial side by side (stacked maps) at the same day."""

    def __init__(self, day: float = 14) -> None:
        frames = scenario_frames()
        day_c = _day_control(day)
        arms = list(TRIAL_ARMS)
        titles = [TRIAL_ARMS[a] for a in arms]
        quantities = {a: frame_quantities(frames[a]) for a in arms}
        tables = {}
        for n, a in enumerate(arms):
            for q, v in quantities[a].items():
                tables[f"a{n}_{q}"] = Table(("day",), np.asarray(v)[None])
            tables[f"a{n}_gain_size"] = Table(("day",), np.abs(quantities[a]["gained"])[None])

        def source(panel: int, q: str) -> dict[str, Any]:
            return {"table": f"a{panel}_{q}"}

        values = [_panel_values(quantities[a], day_c.index) for a in arms]
        figure = _figure(values, titles, gain=True)
        fields: dict[str, Any] = {"day": {"control": "day"}}
        parts = []
        for n, title in enumerate(titles):
            fields.update(_readout_fields(f"a{n}_", lambda q, n=n: {"table": f"a{n}_{q}"}))
            parts.append(f"{title}: " + _readout_part(f"a{n}_"))
        start = (
            "Refractory low K (before day 0: diuretic-like driver 1.7, serum Mg 0.45 mmol/L, K intake "
            "60 mmol/day), day {day:.0f} of treatment. "
        )
        readout = {"format": start + ". ".join(parts) + f". {MG_K_NOTE}", "fields": fields}
        spec = Spec(
            title="Where the K goes: the three treatment arms side by side",
            controls=[day_c],
            tables=tables,
            figure=figure,
            traces=[],
            layout=_bindings(titles, source, gain=True),
            readout=readout,
            alt=_alt_source(titles, source),
            legend=BODY_MAP_LEGEND,
            caveat=(
                "K only: K intake 140 mmol/day, serum Mg stays 0.45 mmol/L. K + Mg: the same K and serum Mg "
                "corrected to 0.85 mmol/L. Mg only: serum Mg corrected, K intake stays 60 mmol/day. "
                f"Each arm runs {PLAYBACK_DAYS} days here. Illustrative, not a dosing regimen."
            ),
        )
        super().__init__(spec)


def body_map(scenario: str | None = None, **kwargs: Any) -> Explorer:
    """Explorer: the body map of K (gut → blood ⇄ cells → kidney → urine) with the two Mg pools and the ROMK
    brake.

    Without ``scenario``: the steady state, with keyword overrides ``serum_mg`` (mmol/L), ``k_intake``
    (mmol/day), ``driver``, ``mg_unit`` and ``params``. With ``scenario`` (one of
    :data:`PLAYBACK_SCENARIOS`): that scenario day by day, with a Play button; keyword ``day``.
    """
    if scenario is None:
        return BodyMapExplorer(**kwargs)
    return BodyMapPlayback(scenario=scenario, **kwargs)


def body_map_trial(**kwargs: Any) -> BodyMapTrial:
    """Explorer: the refractory-hypokalaemia trial's three arms (K, K + Mg, Mg) as body maps at the same day,
    with a day slider and a Play button. Keyword ``day`` (0–56) sets the starting day."""
    return BodyMapTrial(**kwargs)
