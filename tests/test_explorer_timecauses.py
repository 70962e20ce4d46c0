"""The time-course and cause-preset explorers on the browser-side layer: what they show equals what the model
and the plots give for the same state; every reachable state has a readout; bad input is refused by name.

Expected values come from the model (``model.steady_state``, ``model.simulate`` through the scenario runs),
the plots (``time_course_figure``, ``time_course_in_unit``, ``time_course_alt``) and the reference and
clinical functions (``classify_k``, ``classify_mg``, ``loss_route``), never from the explorers' tables.
"""

from __future__ import annotations

import importlib
import json
import random
import re

import numpy as np
import pytest

from mgk_helpers import model, plots, sufficiency
from mgk_helpers.explorers.engine import fill, resolve
from mgk_helpers.model.clinical import loss_route
from mgk_helpers.plotly_view import figure_json
from mgk_helpers.reference import K_NORMAL, classify_k, classify_mg
from mgk_helpers.units import CONCENTRATION_UNITS, from_mmol_per_l
from mgk_helpers.widgets import REFRACTORY, cause_presets, time_course

causes_module = importlib.import_module("mgk_helpers.explorers.causes")
time_course_module = importlib.import_module("mgk_helpers.explorers.time_course")

UNITS = tuple(CONCENTRATION_UNITS)


def shown(x: float, digits: int) -> str:
    """``x`` as the page shows it (rounded half away from zero, like JavaScript's toFixed)."""
    return fill(f"{{x:.{digits}f}}", {"x": x})


def trace(ex, uid: str) -> dict:
    return ex.figure.data[ex.figure.trace_index(uid)]


# --------------------------------------------------------------------------------------------------
# time course


@pytest.fixture(scope="module")
def tc():
    return time_course()


def test_time_course_every_scenario_and_unit_shows_the_plots_figure(tc):
    s, u = tc.controls["scenario"], tc.controls["mg_unit"]
    for _title, key in s.options:
        runs = tc.runs(key)
        data, layout = figure_json(plots.time_course_figure(runs, "mmol/L"))
        for unit in UNITS:
            s.value, u.value = key, unit
            want, want_layout = plots.time_course_in_unit(data, layout, unit)
            visible = [t for t in tc.figure.data if t.get("visible", True)]
            assert [t["uid"] for t in visible] == [t["uid"] for t in want]
            for got, exp in zip(visible, want, strict=True):
                assert {k: v for k, v in got.items() if k != "visible"} == exp
            for t in tc.figure.data:
                if t not in visible:
                    assert t["visible"] is False and t["x"] == [] and t["y"] == []
            lay = tc.figure.figure_layout
            assert lay["shapes"] == want_layout["shapes"] and lay["yaxis2"] == want_layout["yaxis2"]
            assert tc.figure.alt_text == plots.time_course_alt(runs)
            text = tc.readout_text
            for label, df in runs.items():
                k0, k1 = float(df["serum_k"].iloc[0]), float(df["serum_k"].iloc[-1])
                mg0 = df.attrs.get("initial", {}).get("serum_mg", df["serum_mg"].iloc[0])
                mg1 = float(df["serum_mg"].iloc[-1])
                part = (
                    f"serum K {k0:.2f} → {k1:.2f} mmol/L ({classify_k(k1).label}) by day "
                    f"{float(df.index[-1]):g}, serum Mg {float(from_mmol_per_l(mg0, unit, 'Mg')):.2f} → "
                    f"{float(from_mmol_per_l(mg1, unit, 'Mg')):.2f} {unit}"
                )
                assert part in text.replace("Serum K", "serum K"), (label, part, text)
            assert "not a clinical prediction" in text


def test_time_course_simulates_once_per_process_and_stays_small():
    first = time_course(scenario=REFRACTORY)
    second = time_course(mg_unit="mEq/L")
    assert first.runs(REFRACTORY) is second.runs(REFRACTORY)  # cached at module level
    assert len(first.static_html()) < 200_000, "the whole explorer (spec, every scenario) in one page"
    assert len(json.dumps(first.spec)) < 150_000
    assert first.readout_text.startswith(time_course_module.scenario_views()[REFRACTORY].title)


def test_time_course_draws_the_models_own_values_at_fewer_times():
    run = model.simulate(model.scenarios.mg_depletion())
    thin = time_course_module.thinned(run)
    days = thin.index.to_numpy(dtype=float)
    assert np.allclose(days[days <= 3.0], run.index[run.index <= 3.0])  # every row while K moves fastest
    assert days[-1] == run.index[-1] and days[0] == run.index[0]
    assert np.allclose(np.diff(days[days >= 14.0]), 0.5)
    assert len(thin) < len(run) / 3
    assert thin.equals(run.loc[thin.index])  # the model's values, not interpolated
    assert thin.attrs == run.attrs and "initial" in thin.attrs  # the readout's starting Mg


def test_time_course_rejects_bad_input_by_name():
    with pytest.raises(ValueError, match=r"scenario='nope'.*mg_depletion"):
        time_course(scenario="nope")
    with pytest.raises(ValueError, match=r"mg_unit='mg/L'.*mmol/L"):
        time_course(mg_unit="mg/L")
    ex = time_course()
    with pytest.raises(ValueError, match="scenario"):
        ex.controls["scenario"].value = "refractory_repletion_K"  # an arm is not an entry of its own
    with pytest.raises(ValueError, match="scenario"):
        ex.runs("nope")


# --------------------------------------------------------------------------------------------------
# cause presets


@pytest.fixture(scope="module")
def cp():
    return cause_presets()


MEMBERS = (model.Params(), *sufficiency.uncertainty_corners(model.Params()))


def _inputs(ex) -> tuple[float, float, float, float]:
    c = ex.controls
    return c["serum_mg"].value, c["k_intake"].value, c["driver"].value, c["gi_k_loss"].value


def _check_state(ex) -> None:
    """Readout, alt text and figure of the current state against the model."""
    mg, intake, driver, loss = _inputs(ex)
    unit = ex.controls["mg_unit"].value
    text, alt = ex.readout_text, ex.figure.alt_text
    mg_shown = float(from_mmol_per_l(mg, unit, "Mg"))
    settings = (
        f"Serum Mg {shown(mg_shown, 2)} {unit} ({classify_mg(mg).label}), K intake {intake:.0f} mmol/day, "
        f"driver {driver:.2f}×, extra stool K loss {loss:.0f} mmol/day."
    )
    assert settings in text
    if intake < ex.min_intake(loss):
        assert f"the K intake must be at least {ex.min_intake(loss):.0f} mmol/day" in text
        assert "No steady state is drawn" in alt
        drawn = [t for t in ex.figure.data if not t["uid"].endswith("_lo")]  # _lo: an undrawn band edge
        assert not any(t.get("visible", True) for t in drawn)
        absorbed = model.Params().f_abs * intake - loss
        assert absorbed < 5.0  # below what the explorer offers (at least 5 mmol/day absorbed)
        if absorbed <= 0.0:
            with pytest.raises(ValueError, match="gi_k_loss"):  # which the model would refuse
                model.steady_state(mg, intake, driver, gi_k_loss=loss)
        return
    s = model.steady_state(mg, intake, driver, gi_k_loss=loss)
    assert f"Model steady state: Serum K {shown(s.serum_k, 2)} mmol/L — {classify_k(s.serum_k).label}" in text
    assert f"urine K {shown(s.urine_k, 0)} mmol/day." in text
    words = {"renal": "a loss through the kidney", "extrarenal or low intake": "a gut loss or a low intake"}
    low = f"With low serum K, this urine K points to {words[loss_route(s.urine_k)]}."
    assert (low in text) == (s.serum_k < K_NORMAL[0])
    assert f"serum K {shown(s.serum_k, 2)} mmol/L ({classify_k(s.serum_k).label})" in alt
    assert trace(ex, "serum_k_point")["y"][0] == pytest.approx(s.serum_k, rel=1e-5)
    assert trace(ex, "serum_k_point")["x"][0] == pytest.approx(mg_shown, rel=1e-6)
    assert trace(ex, "urine_k_point")["y"][0] == pytest.approx(s.urine_k, rel=1e-6)
    grid = np.asarray(model.SERUM_MG_RANGE[0] + 0.01 * np.arange(131))
    runs = [model.steady_state(grid, intake, driver, p, gi_k_loss=loss) for p in MEMBERS]
    serum = np.array([r.serum_k for r in runs])
    assert np.allclose(trace(ex, "serum_k")["y"], serum[0], rtol=1e-5)
    assert np.allclose(trace(ex, "serum_k_lo")["y"], serum.min(axis=0), rtol=1e-5)
    assert np.allclose(trace(ex, "serum_k_hi")["y"], serum.max(axis=0), rtol=1e-5)
    assert np.allclose(trace(ex, "urine_k_lo")["y"], min(r.urine_k[0] for r in runs), rtol=1e-6)
    assert np.allclose(trace(ex, "serum_k")["x"], from_mmol_per_l(grid, unit, "Mg"), rtol=1e-6)


def test_cause_presets_sample_of_states_equals_the_model(cp):
    c = cp.controls
    rng = random.Random(12)
    for _ in range(40):
        c["cause"].value = rng.choice([v for _label, v in c["cause"].options])
        c["mg_unit"].value = rng.choice(UNITS)
        for name in ("serum_mg", "k_intake", "driver", "gi_k_loss"):
            c[name].index = rng.randrange(len(c[name].options))
        _check_state(cp)


def test_cause_presets_every_preset_in_every_unit_is_its_own_steady_state(cp):
    for _label, cause in cp.controls["cause"].options:
        for unit in UNITS:
            cp.controls["mg_unit"].value = unit
            cp.controls["cause"].value = cause
            assert tuple(cp.preset_values(cause)) == pytest.approx(_inputs(cp))
            assert "moved away from the preset" not in cp.readout_text
            _check_state(cp)
            before = cp.readout_text
            cp.controls["driver"].index = (cp.controls["driver"].index + 1) % 21  # one step off the preset
            mg, intake, driver, loss = cp.preset_values(cause)
            mg_shown = shown(float(from_mmol_per_l(mg, unit, "Mg")), 2)
            assert (
                f"Sliders moved away from the preset (its values: serum Mg {mg_shown} {unit}, K intake "
                f"{intake:.0f} mmol/day, driver {driver:.2f}×, extra stool K loss {loss:.0f} mmol/day)."
            ) in cp.readout_text
            cp.controls["cause"].value = "reference" if cause != "reference" else "thiazide"
            cp.controls["cause"].value = cause  # choosing the cause again brings the sliders back
            assert cp.readout_text == before


def test_cause_presets_whole_grid_tables_equal_the_model():
    """Central curve and uncertainty band over every (Mg, intake, driver, loss) against all 17 members."""
    ex = cause_presets()
    tables, c = ex._spec.tables, ex.controls
    mg = np.asarray(c["serum_mg"]._control.values)
    intakes, drivers, losses = (np.asarray(c[n]._control.values) for n in ("k_intake", "driver", "gi_k_loss"))
    pairs = [(i, ell) for i in range(len(intakes)) for ell in range(len(losses))]
    possible = [intakes[i] >= causes_module.min_intake(losses[ell]) for i, ell in pairs]
    for (i, ell), ok in zip(pairs, possible, strict=True):
        state = {**ex.state, "k_intake": i, "gi_k_loss": ell}
        assert tables["possible"].values(state)[0] == ok
        if not ok:
            assert tables["serum_k"].values(state, "serum_mg").max(axis=0) == pytest.approx(0.0)
            assert tables["urine_k"].values(state) == pytest.approx([0.0] * 3)
    pairs = [p for p, ok in zip(pairs, possible, strict=True) if ok]
    i_pos = intakes[[i for i, _ in pairs]]
    l_pos = losses[[ell for _, ell in pairs]]
    central = lo = hi = None
    for p in MEMBERS:  # (Mg, driver, possible (intake, loss) pair)
        s = model.steady_state(mg[:, None, None], i_pos, drivers[None, :, None], p, gi_k_loss=l_pos)
        if central is None:
            central = lo = hi = s.serum_k
            urine = s.urine_k[0, 0]
        lo, hi = np.minimum(lo, s.serum_k), np.maximum(hi, s.serum_k)
    for a, (i, ell) in enumerate(pairs):
        state = {**ex.state, "k_intake": i, "gi_k_loss": ell}
        assert tables["urine_k"].values(state) == pytest.approx([urine[a]] * 3, rel=1e-6)
        for j in range(len(drivers)):
            state["driver"] = j
            got = [tables[name].values(state, "serum_mg") for name in ("serum_k", "serum_k_lo", "serum_k_hi")]
            assert np.allclose(got[0].max(axis=0), central[:, j, a], rtol=1e-6)
            assert np.allclose(got[1].min(axis=0), lo[:, j, a], rtol=1e-6)
            assert np.allclose(got[2].max(axis=0), hi[:, j, a], rtol=1e-6)


def test_cause_presets_every_grid_point_of_every_control_gives_a_readout():
    ex = cause_presets()
    spec, c = ex._spec, ex.controls
    unfilled = re.compile(r"\{\w+(:\.\d+f)?\}|nan|None")

    def texts(state):
        return resolve(spec, spec.readout, state) + " " + resolve(spec, spec.alt, state)

    for cause in range(len(c["cause"].options)):
        for name in ("serum_mg", "mg_unit", "k_intake", "driver", "gi_k_loss"):
            for k in range(len(c[name].options)):
                text = texts({**ex.state, "cause": cause, name: k})
                assert "Serum Mg" in text and not unfilled.search(text)
    # every (intake, stool loss) pair: a steady state, or a readout that says why there is none
    for i in range(len(c["k_intake"].options)):
        for ell in range(len(c["gi_k_loss"].options)):
            text = texts({**ex.state, "k_intake": i, "gi_k_loss": ell})
            assert ("Model steady state: Serum K" in text) != ("No steady state" in text)
            assert not unfilled.search(text)


def test_cause_presets_a_cause_moves_the_sliders_in_the_page_and_in_python():
    """The cause control carries each option's preset as slider positions (``sets``): the page applies them
    (with or without a kernel) and sends the whole state; Python does the same when the cause is set there."""
    ex = cause_presets()
    cause = next(c for c in ex.spec["controls"] if c["name"] == "cause")
    options = [v for _label, v in ex.controls["cause"].options]
    k = options.index("diarrhoea")
    want = ex.preset_values("diarrhoea")
    names = ("serum_mg", "k_intake", "driver", "gi_k_loss")
    for name, value in zip(names, want, strict=True):
        assert ex.controls[name]._control.values[cause["sets"][k][name]] == pytest.approx(value)
    # what the page sends after the student picks diarrhoea: the cause and the moved sliders, in one state
    ex.set_state({"state": {**ex.state, **cause["sets"][k], "cause": k}})
    assert "Diarrhoea" in ex.readout_text and "moved away" not in ex.readout_text
    ex.reset()
    ex.controls["cause"].value = "diarrhoea"  # from Python
    for name, value in zip(names, want, strict=True):
        assert ex.controls[name].value == pytest.approx(value, abs=0.006)
    assert "moved away" not in ex.readout_text


def test_cause_presets_size_and_reset():
    ex = cause_presets(cause="diarrhoea", mg_unit="mg/dL")
    assert len(ex.tables) < 150_000 and len(ex.static_html()) < 300_000
    default = ex.readout_text
    ex.controls["gi_k_loss"].value = 0.0
    ex.controls["cause"].value = "thiazide"
    ex.controls["mg_unit"].value = "mmol/L"
    ex.reset()
    assert ex.controls["cause"].value == "diarrhoea" and ex.controls["mg_unit"].value == "mg/dL"
    assert ex.readout_text == default


def test_cause_presets_reject_bad_input_by_name():
    with pytest.raises(ValueError, match=r"cause='nope'.*reference.*loop_diuretic"):
        cause_presets(cause="nope")
    with pytest.raises(ValueError, match=r"mg_unit='x'"):
        cause_presets(mg_unit="x")
    with pytest.raises(ValueError, match=r"cause_ids.*nope"):
        cause_presets(cause_ids=["nope"])
    ex = cause_presets()
    with pytest.raises(ValueError, match=r"k_intake.*mmol/day.*20.*200"):
        ex.controls["k_intake"].value = 10.0
    with pytest.raises(ValueError, match=r"gi_k_loss.*mmol/day.*0.*50"):
        ex.controls["gi_k_loss"].value = 60.0
    with pytest.raises(ValueError, match=r"serum_mg.*mmol/L"):
        ex.controls["serum_mg"].value = 0.1
    with pytest.raises(ValueError, match=r"driver"):
        ex.controls["driver"].value = 2.5
    with pytest.raises(ValueError, match=r"cause='nope'"):
        ex.controls["cause"].value = "nope"
