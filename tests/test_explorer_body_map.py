"""The body map explorers answer in the browser: at every state sampled, every model-driven part of the map
(arrow widths, fills, the ROMK brake, the numbers on the arrows), the readout and the text alternative are
the model's; the page's script reads the same as Python; the Play option travels in the spec; the saved
fragments stay small and the tables are quick to compute.

Expected values come from the model (steady_state, pump_flux, leak_flux, simulate), never from the tables.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import random
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

from mgk_helpers import model, widgets
from mgk_helpers.explorers import base, engine
from mgk_helpers.model import scenarios
from mgk_helpers.model.reference import classify_k, classify_mg
from mgk_helpers.plots import body_map as bm

# the module (mgk_helpers.explorers.body_map is the factory function, which the package exports by that name)
B = importlib.import_module("mgk_helpers.explorers.body_map")
NODE = shutil.which("node")
P = model.Params()
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@pytest.fixture(scope="module")
def steady():
    return widgets.body_map()


@pytest.fixture(scope="module")
def playback():
    return widgets.body_map(scenario="refractory_repletion_K")


@pytest.fixture(scope="module")
def trial():
    return widgets.body_map_trial()


def states(ex, n: int, seed: int) -> list[dict[str, int]]:
    rng = random.Random(seed)
    cs = ex._spec.controls
    out = [{c.name: 0 for c in cs}, {c.name: len(c.values) - 1 for c in cs}, ex._spec.default_state()]
    return out + [{c.name: rng.randrange(len(c.values)) for c in cs} for _ in range(n)]


def get(layout, path: str):
    for key in path.split("."):
        layout = layout[int(key)] if isinstance(layout, list) else layout[key]
    return layout


def same_numbers(shown: str, expected: str) -> None:
    """The numbers of two texts agree to one unit of the last digit printed (tables are float32)."""
    a, b = NUMBER.findall(shown), NUMBER.findall(expected)
    assert len(a) == len(b), (shown, expected)
    for x, y in zip(a, b, strict=True):
        decimals = len(y.split(".")[1]) if "." in y else 0
        assert float(x.replace(",", "")) == pytest.approx(
            float(y.replace(",", "")), abs=1.01 * 10**-decimals
        ), (
            shown,
            expected,
        )
    assert NUMBER.sub("#", shown) == NUMBER.sub("#", expected)


def check_map(layout, titles, panels) -> None:
    """Every link of the map at ``layout`` reads the model's ``panels`` (one dict of quantities each)."""
    for link in bm.body_map_links(titles, gain="gained" in panels[0]):
        v = panels[link.panel]
        got = get(layout, link.path)
        if link.template:
            if re.search(r"\{\w", link.template):
                same_numbers(got, link.template.format(**v))
        else:
            assert got == pytest.approx(link.offset + link.scale * v[link.quantity], rel=2e-6, abs=1e-4), link


# ---------------------------------------------------------------- steady state


def steady_model(ex) -> dict[str, float]:
    mg, intake, driver = (ex.controls[n].value for n in ("serum_mg", "k_intake", "driver"))
    ss = model.steady_state(mg, intake, driver)
    pump = model.pump_flux(ss.serum_k, ss.mg_i)
    return {
        "intake": intake, "absorbed": 0.9 * intake, "stool": 0.1 * intake, "urine": ss.urine_k, "pump": pump,
        "leak": model.leak_flux(ss.serum_k, ss.icf_k), "net": 0.0, "serum_k": ss.serum_k,
        "ecf_amount": P.v_e * ss.serum_k, "icf_k": ss.icf_k, "icf_amount": P.v_i * ss.icf_k,
        "mg_fast": ss.mg_i, "mg_i": ss.mg_i, "romk": ss.romk_factor,
    }  # fmt: skip


def test_steady_map_and_readout_are_the_model(steady):
    for state in states(steady, 60, seed=1):
        steady.state = state
        v = steady_model(steady)
        _data, layout, readout, alt = steady.view()
        check_map(layout, [""], [v])
        same_numbers(alt, bm.body_map_alt(v) + " " + model_note())
        mg, driver = steady.controls["serum_mg"].value, steady.controls["driver"].value
        k_grade = classify_k(v["serum_k"]).label
        expected = (
            f"Steady state at serum Mg {steady.controls['serum_mg'].label} {steady.mg_unit} "
            f"({classify_mg(mg).label}), K intake {v['intake']:.0f} mmol/day, driver {driver:.2f}×: serum K "
            f"{v['serum_k']:.2f} mmol/L ({k_grade}). In = out: absorbed {v['absorbed']:.0f} mmol/day and "
            f"urine {v['urine']:.0f} mmol/day (stool {v['stool']:.0f})"
        )
        head = readout.split(". The cells")[0]
        same_numbers(head, expected)
        assert f"{v['pump']:,.0f}"[:-2] in readout and "ROMK brake opened to" in readout
        assert readout.endswith(base.MG_K_NOTE)
    steady.reset()


def model_note() -> str:
    from mgk_helpers.model.notices import TEACHING_MODEL_NOTE

    return TEACHING_MODEL_NOTE


def test_steady_serum_k_factors_are_the_model_on_the_whole_grid(steady):
    spec = steady._spec
    mg, i, d = (np.asarray(spec.control(n).values) for n in ("serum_mg", "k_intake", "driver"))
    want = model.steady_state(mg[:, None, None], i[None, :, None], d[None, None, :]).serum_k
    for name, scale in (("serum_k", 1.0), ("ecf_amount", P.v_e)):
        f_mg, f_i, f_d = (a[0].astype(float) for a in spec.tables[name].arrays())
        got = f_mg[:, None, None] * f_i[None, :, None] * f_d[None, None, :]
        assert got == pytest.approx(scale * want, rel=3e-7)
    icf = spec.tables["icf_k"].arrays()[0][0]
    ss = model.steady_state(mg[:, None, None], i[None, :, None], d[None, None, :])
    assert icf == pytest.approx(ss.icf_k, rel=1e-7)


def test_the_mg_unit_changes_the_words_not_the_map(steady):
    steady.controls["serum_mg"].value = 0.45
    layout_mmol, readout_mmol = steady.view()[1], steady.readout_text
    steady.controls["mg_unit"].value = "mg/dL"
    assert steady.view()[1] == layout_mmol
    assert "serum Mg 1.09 mg/dL" in steady.readout_text and readout_mmol != steady.readout_text
    steady.reset()


# ---------------------------------------------------------------- runs


@pytest.fixture(scope="module")
def runs() -> dict[str, dict[str, np.ndarray]]:
    out = {}
    for key in B.PLAYBACK_SCENARIOS:
        sc = dataclasses.replace(scenarios.catalogue()[key], duration_days=56.0)
        df = model.simulate(sc, n_points=57)
        intake, icf = df["k_intake"].to_numpy(), P.v_i * df["icf_k"].to_numpy()
        out[key] = {
            "intake": intake, "absorbed": 0.9 * intake - df["gi_k_loss"].to_numpy(),
            "stool": 0.1 * intake + df["gi_k_loss"].to_numpy(), "urine": df["urine_k"].to_numpy(),
            "pump": model.pump_flux(df["serum_k"], df["mg_i"]), "serum_k": df["serum_k"].to_numpy(),
            "leak": model.leak_flux(df["serum_k"], df["icf_k"]),
            "ecf_amount": P.v_e * df["serum_k"].to_numpy(),
            "icf_k": df["icf_k"].to_numpy(), "icf_amount": icf, "mg_fast": df["mg_fast"].to_numpy(),
            "mg_i": df["mg_i"].to_numpy(), "romk": model.romk_factor(df["mg_fast"]), "gained": icf - icf[0],
            "serum_mg": df["serum_mg"].to_numpy(),
        }  # fmt: skip
        out[key]["net"] = out[key]["pump"] - out[key]["leak"]
    return out


def at(run: dict[str, np.ndarray], day: int) -> dict[str, float]:
    return {k: float(v[day]) for k, v in run.items()}


def run_words(v: dict[str, float]) -> str:
    word = "gained" if v["gained"] >= 0 else "lost"
    return (
        f"serum K {v['serum_k']:.2f} mmol/L, serum Mg {v['serum_mg']:.2f} mmol/L; absorbed "
        f"{v['absorbed']:.0f} mmol/day, urine {v['urine']:.0f}, stool {v['stool']:.0f}; the cells {word} "
        f"{abs(v['gained']):.0f} mmol of K since day 0 (pump in {v['pump']:,.0f}, leak out {v['leak']:,.0f} "
        f"mmol/day); kidney-cell Mg {v['mg_fast']:.2f} mM, muscle Mg {v['mg_i']:.2f} mM; ROMK brake opened "
        f"to {v['romk']:.2f}× baseline"
    )


def test_playback_is_the_simulation_day_by_day(playback, runs):
    ids = list(B.PLAYBACK_SCENARIOS)
    for state in states(playback, 40, seed=2):
        playback.state = state
        key, day = ids[state["scenario"]], state["day"]
        v = at(runs[key], day)
        _data, layout, readout, alt = playback.view()
        check_map(layout, [""], [v])
        grade = classify_k(v["serum_k"]).label
        words = re.sub(r" \([a-z][^)]*\),", ",", readout.split("”: ", 1)[1].split(". Mg → K")[0])
        same_numbers(words, run_words(v).replace(f" ({grade})", ""))
        assert readout.startswith(f"Day {day} of “{B.PLAYBACK_SCENARIOS[key]}”") and readout.endswith(
            base.MG_K_NOTE
        )
        same_numbers(alt, bm.body_map_alt(v) + " " + model_note())
    playback.reset()


def test_trial_shows_the_three_arms_at_the_same_day(trial, runs):
    arms = list(B.TRIAL_ARMS)
    titles = [B.TRIAL_ARMS[a] for a in arms]
    for state in states(trial, 20, seed=3):
        trial.state = state
        panels = [at(runs[a], state["day"]) for a in arms]
        _data, layout, readout, _alt = trial.view()
        check_map(layout, titles, panels)
        for title, v in zip(titles, panels, strict=True):
            assert f"{title}: serum K {v['serum_k']:.2f}"[:-1] in readout
    trial.reset()


def test_the_trial_tells_the_lesson(runs):
    """Day 14: K given alone mostly leaves in urine; given with Mg it refills the cells (the model's tale)."""
    k_only, k_mg = at(runs["refractory_repletion_K"], 14), at(runs["refractory_repletion_K+Mg"], 14)
    assert k_only["urine"] == pytest.approx(k_only["absorbed"], rel=0.02)
    assert k_mg["gained"] > 2 * k_only["gained"] > 0
    assert k_only["romk"] > 1.5 and k_mg["romk"] == pytest.approx(1.0, abs=0.01)


# ---------------------------------------------------------------- the spec, the page, sizes


def test_play_is_a_range_option_in_the_spec(playback, trial, steady):
    for ex in (playback, trial):
        day = next(c for c in ex.spec["controls"] if c["name"] == "day")
        assert day["play"] is True and day["kind"] == "range" and len(day["values"]) == B.PLAYBACK_DAYS + 1
    assert all("play" not in c for c in steady.spec["controls"])
    with pytest.raises(ValueError, match="play=True needs kind='range'"):
        engine.Control("x", "choice", "X", ("a", "b"), 0, play=True)
    control = engine.Control("x", "range", "X", (0.0, 1.0), 0, play=True)
    assert control.to_json()["play"] is True
    assert engine.Control("x", "range", "X", (0.0, 1.0), 0).to_json().get("play") is None


def test_bad_input_is_refused_by_name():
    with pytest.raises(ValueError, match="scenario='nope'.*refractory_repletion_K"):
        widgets.body_map(scenario="nope")
    with pytest.raises(ValueError, match="day"):
        widgets.body_map_trial(day=57)
    with pytest.raises(ValueError, match="serum_mg"):
        widgets.body_map(serum_mg=0.1)
    with pytest.raises(ValueError, match="mg_unit"):
        widgets.body_map(mg_unit="g")


def test_fragments_are_small(steady, playback, trial):
    for ex in (steady, playback, trial):
        assert len(ex.static_html()) <= 400_000


def test_precompute_is_quick_in_a_fresh_process():
    code = (
        "import time; from mgk_helpers import widgets as w; t = time.perf_counter(); "
        "w.body_map(); w.body_map(scenario='severe_mg_depletion'); w.body_map_trial(); "
        "print(time.perf_counter() - t)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(proc.stdout.strip()) < 3.0  # about 0.2 s on the development machine


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed (it is, wherever make test runs)")
def test_the_page_script_reads_the_same_as_python(steady, playback, trial):
    """explorer.js's Reader, run in Node, reads the same layout, readout and alt text as engine.Spec.view."""
    for k, ex in enumerate((steady, playback, trial)):
        spec = ex._spec
        spec_json, buffer = spec.to_json()
        sample = states(ex, 8, seed=10 + k)
        script = (
            "globalThis.window = globalThis; globalThis.addEventListener = () => {};\n"
            + base.explorer_js()
            + "\nconst {Reader, decodeTables} = globalThis.mgkExplorers;\n"
            + f"const spec = {json.dumps(spec_json)};\n"
            + f"const bytes = Buffer.from('{engine.b64(buffer)}', 'base64');\n"
            + "const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);\n"
            + "const r = new Reader(spec, decodeTables(spec.tables, ab));\n"
            + f"console.log(JSON.stringify({json.dumps(sample)}.map(s => r.view(s))));\n"
        )
        proc = subprocess.run([NODE, "-"], input=script, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-2000:]
        for state, page in zip(sample, json.loads(proc.stdout), strict=True):
            _data, layout, readout, alt = spec.view(state)
            assert page["readout"] == readout and page["alt"] == alt, state
            for b in spec.layout:
                want, got = get(layout, b["path"]), get(page["layout"], b["path"])
                if isinstance(want, float):
                    assert got == pytest.approx(want, rel=1e-12, abs=1e-12), (state, b["path"])
                else:
                    assert got == want, (state, b["path"])
