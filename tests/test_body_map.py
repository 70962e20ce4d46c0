"""The cells' pump and leak fluxes of the model, and the body map figure drawn from the model's numbers.

Model layer: pump − leak is the rate of change of the cells' K in a simulation and zero at every steady
state; the new columns ``pump_k`` and ``leak_k`` leave every other column as it was. Plot layer: every
model-driven part of the map (:func:`body_map_links`) is where its path says and reads its quantity.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mgk_helpers import model
from mgk_helpers.model import scenarios
from mgk_helpers.model.notices import TEACHING_MODEL_NOTE
from mgk_helpers.plotly_view import figure_json
from mgk_helpers.plots import body_map as bm

P = model.Params()


# ---------------------------------------------------------------- the model's fluxes


def test_pump_and_leak_are_public_model_functions():
    assert {"pump_flux", "leak_flux"} <= set(model.__all__)
    # baseline: F = 1, K_e = 4.2 mmol/L: Vmax·1440·4.2/(1.4 + 4.2) mmol/day
    assert model.pump_flux(4.2, 0.5) == pytest.approx(130 * 1440 * 4.2 / 5.6)
    assert model.leak_flux(4.2, 130.0) == pytest.approx(P.p_leak * 1440 * (130 - 4.2))


@pytest.mark.parametrize("mg", [0.2, 0.45, 0.85, 1.5])
@pytest.mark.parametrize("intake", [20.0, 100.0, 200.0])
@pytest.mark.parametrize("driver", [1.0, 1.7, 2.0])
def test_pump_equals_leak_at_every_steady_state(mg, intake, driver):
    ss = model.steady_state(mg, intake, driver)
    pump = model.pump_flux(ss.serum_k, ss.mg_i)
    assert pump > 50_000
    assert model.leak_flux(ss.serum_k, ss.icf_k) == pytest.approx(pump, rel=1e-12)


def test_pump_follows_the_pump_coupling_switch():
    off = dataclasses.replace(P, pump_coupling=False)
    assert model.pump_flux(3.0, 0.2, off) == pytest.approx(130 * 1440 * 3.0 / 4.4)
    assert model.pump_flux(3.0, 0.2) < model.pump_flux(3.0, 0.2, off)


@pytest.mark.parametrize(
    "key", ["refractory_repletion_K+Mg", "refractory_repletion_Mg", "severe_mg_depletion"]
)
def test_pump_minus_leak_is_the_cells_k_gain_in_a_simulation(key):
    sc = scenarios.catalogue()[key]
    days = sc.duration_days
    df = model.simulate(sc, n_points=int(days * 100) + 1)
    t = df.index.to_numpy()
    amount = P.v_i * df["icf_k"].to_numpy()
    net = (df["pump_k"] - df["leak_k"]).to_numpy()
    # the derivative of the cells' K amount (central differences, away from the schedule's step days)
    rate = np.gradient(amount, t)
    steps = np.array(sc.breakpoints())
    away = np.min(np.abs(t[:, None] - steps[None, :]), axis=1) > 0.05
    assert np.abs(rate - net)[away].max() < 0.05
    assert np.abs(net).max() > 1.0, "the scenario should move K into or out of the cells"
    # and integrated: the K the cells gained is the area under pump − leak (the trapezoid rule misses a
    # fraction of a mmol in the minutes after a step, where the exchange relaxes)
    gained = np.concatenate([[0.0], np.cumsum((net[1:] + net[:-1]) / 2 * np.diff(t))])
    assert gained == pytest.approx(amount - amount[0], abs=0.5)
    assert np.abs(amount[-1] - amount[0]) > 20


def test_new_columns_leave_the_old_ones_unchanged():
    df = model.simulate(scenarios.diuretic(), n_points=57)
    assert list(df.columns[-2:]) == ["pump_k", "leak_k"]
    assert df["pump_k"].to_numpy() == pytest.approx(model.pump_flux(df["serum_k"], df["mg_i"]), rel=1e-12)
    assert df["leak_k"].to_numpy() == pytest.approx(model.leak_flux(df["serum_k"], df["icf_k"]), rel=1e-12)
    first = df.iloc[0]
    assert first["pump_k"] == pytest.approx(first["leak_k"], rel=1e-9)  # it starts from a steady state


# ---------------------------------------------------------------- the figure


def values(**over: float) -> dict[str, float]:
    ss = model.steady_state(0.45, 100.0, 1.0)
    pump = float(model.pump_flux(ss.serum_k, ss.mg_i))
    out = {
        "intake": 100.0, "absorbed": 90.0, "stool": 10.0, "urine": 90.0, "pump": pump, "leak": pump,
        "net": 0.0, "serum_k": ss.serum_k, "ecf_amount": P.v_e * ss.serum_k, "icf_k": ss.icf_k,
        "icf_amount": P.v_i * ss.icf_k, "mg_fast": ss.mg_i, "mg_i": ss.mg_i, "romk": ss.romk_factor,
        "gained": 12.0,
    }  # fmt: skip
    out.update(over)
    return out


def get(layout: dict, path: str):
    obj = layout
    for key in path.split("."):
        obj = obj[int(key)] if isinstance(obj, list) else obj[key]
    return obj


@pytest.mark.parametrize("titles", [None, ["K only", "K + Mg", "Mg only"]])
def test_every_link_reads_its_quantity(titles):
    n = 1 if titles is None else len(titles)
    panels = [values(urine=80.0 + 10 * i, romk=1.0 + 0.3 * i, serum_k=3.0 + 0.2 * i) for i in range(n)]
    fig = bm.body_map_figure(panels, titles, gain=True)
    _data, layout = figure_json(fig)
    links = bm.body_map_links(titles or [""], gain=True)
    assert {link.quantity for link in links if link.quantity} >= {
        "intake", "absorbed", "stool", "urine", "pump", "leak", "serum_k", "icf_k", "mg_fast", "mg_i", "romk"
    }  # fmt: skip
    for link in links:
        v = panels[link.panel]
        got = get(layout, link.path)
        if link.template:
            assert got == link.template.format(**v)
        else:
            assert got == pytest.approx(link.offset + link.scale * v[link.quantity], abs=1e-3)
    # the arrows' widths are the fluxes on the stated scales
    notes = {(a.get("name"), a["xref"]): a for a in layout["annotations"]}
    assert notes[("arrow_absorbed", "x")]["arrowwidth"] == pytest.approx(90 / bm.GUT_SCALE)
    assert notes[("arrow_pump", "x")]["arrowwidth"] == pytest.approx(
        panels[0]["pump"] / bm.CELL_SCALE, abs=1e-3
    )
    assert bm.BODY_MAP_SCALE_NOTE in [a["text"] for a in layout["annotations"]]


def test_the_romk_brake_opens_as_r_rises():
    def gap(romk: float) -> float:
        _d, layout = figure_json(bm.body_map_figure([values(romk=romk)]))
        jaws = [s for s in layout["shapes"] if s.get("fillcolor") == bm.OKABE_ITO["vermillion"]]
        upper, lower = sorted(jaws, key=lambda s: -s["y0"])
        return upper["y0"] - lower["y1"]

    assert gap(1.0) > 0 and gap(1.6) == pytest.approx(1.6 * gap(1.0))
    texts = [a["text"] for a in figure_json(bm.body_map_figure([values(romk=1.6)]))[1]["annotations"]]
    assert any("ROMK brake" in t and "hypothesis: Mg block" in t and "1.60×" in t for t in texts)


def test_alt_text_and_bad_input():
    fig = bm.body_map_figure([values()])
    alt = fig.layout.meta["alt_text"]
    assert alt.startswith("Body map of K: blood K") and alt.endswith(TEACHING_MODEL_NOTE)
    with pytest.raises(ValueError, match="missing.*romk"):
        bm.body_map_figure([{k: v for k, v in values().items() if k != "romk"}])
    with pytest.raises(ValueError, match="2 titles for 1 panels"):
        bm.body_map_figure([values()], ["a", "b"])
