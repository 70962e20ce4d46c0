"""The membrane and cell-distribution explorers answer in the browser: readouts, figures = the model's."""

from __future__ import annotations

import itertools
import json
import re
import time
from dataclasses import replace

import numpy as np
import pytest

from mgk_helpers import membrane, model, plots, widgets
from mgk_helpers.explorers.base import MG_K_NOTE
from mgk_helpers.explorers.base import Explorer as BrowserExplorer
from mgk_helpers.explorers.membrane import K_IN_RANGE, PERMEABILITY_OPTIONS
from mgk_helpers.reference import classify_k, ecg_pattern
from mgk_helpers.units import from_mmol_per_l

# --- membrane ---------------------------------------------------------------------------------------


def old_membrane_readout(k_out: float, k_in: float, permeability: str) -> str:
    """The readout the kernel-driven explorer wrote (its ``_update``), from the model in float64."""
    e_k = membrane.nernst(k_out, k_in)
    vm = membrane.ghk_voltage(k_out, k_in=k_in, p_na_over_p_k=PERMEABILITY_OPTIONS[permeability])
    ecg = ecg_pattern(k_out)
    return (
        f"Serum K {k_out:.1f} mmol/L — {classify_k(k_out).label}: E_K {e_k:.1f} mV, Vm {vm:.1f} mV. "
        f"Typical ECG ({ecg.band}): {ecg.findings.rstrip('.')}. "
        "The link between the ECG and the exact K level is loose."
    )


def by_uid(data: list[dict]) -> dict[str, dict]:
    return {t["uid"]: t for t in data}


def test_membrane_explorer_answers_in_the_browser_with_the_same_controls_and_traces():
    ex = widgets.membrane_explorer()
    assert isinstance(ex, BrowserExplorer)
    assert list(ex.controls) == ["k_out", "k_in", "permeability"]
    assert ex.controls["k_out"].description == "Extracellular (serum) K (mmol/L)"
    assert ex.controls["k_in"].description == "Cell K (mmol/L)"
    assert ex.controls["permeability"].description == "P_Na / P_K"
    assert {t["uid"] for t in ex.figure.data} == {"e_k", "vm", "e_k_point", "vm_point"}
    assert ex.controls["permeability"].kind == "choice"  # native radio buttons: long labels wrap
    # the whole option labels travel to the page (the old toggle buttons cut them off: "muscle-like (0…")
    spec = next(c for c in ex.spec["controls"] if c["name"] == "permeability")
    assert spec["labels"] == list(PERMEABILITY_OPTIONS) == spec["values"]
    assert ex.spec["caveat"] == widgets.MEMBRANE_CAVEAT


def test_membrane_readout_is_the_models_at_every_state():
    """Every grid point of every control (71 × 31 × 2 states): the readout is the old one, character for
    character, from the model in float64 (the float32 tables cross no display-rounding edge)."""
    ex = widgets.membrane_explorer()
    c = ex.controls
    names = ("k_out", "k_in", "permeability")
    sizes = [len(c[n].options) for n in names]
    for state in itertools.product(*(range(n) for n in sizes)):
        ex.state = dict(zip(names, state, strict=True))
        expected = old_membrane_readout(c["k_out"].value, c["k_in"].value, c["permeability"].value)
        assert ex.readout_text == expected


def test_membrane_figure_and_alt_text_are_the_models():
    ex = widgets.membrane_explorer()
    c = ex.controls
    names = ("k_out", "k_in", "permeability")
    states = list(itertools.product(*(range(len(c[n].options)) for n in names)))
    for state in [*states[::97], states[-1]]:  # 47 states across the grid
        ex.state = dict(zip(names, state, strict=True))
        k_out, k_in, perm = c["k_out"].value, c["k_in"].value, c["permeability"].value
        ratio = PERMEABILITY_OPTIONS[perm]
        t = by_uid(ex.figure.data)
        e_k = membrane.nernst(k_out, k_in)
        vm = membrane.ghk_voltage(k_out, k_in=k_in, p_na_over_p_k=ratio)
        assert t["e_k_point"]["x"] == pytest.approx([k_out], rel=1e-6)
        assert t["e_k_point"]["y"] == pytest.approx([e_k], rel=1e-6)
        assert t["vm_point"]["y"] == pytest.approx([vm], rel=1e-6)
        # the curves run over the slider's grid (every other point of the old 141-point curve)
        grid = np.asarray(t["e_k"]["x"])
        assert grid == pytest.approx(np.linspace(*plots.MEMBRANE_K_RANGE, 71), rel=1e-6)
        assert t["e_k"]["y"] == pytest.approx(membrane.nernst(grid, k_in), rel=1e-6)
        assert t["vm"]["y"] == pytest.approx(
            membrane.ghk_voltage(grid, k_in=k_in, p_na_over_p_k=ratio), rel=1e-6
        )
        old = plots.membrane_data(k_out, k_in, ratio)
        for key in ("e_k", "vm"):
            assert t[key]["y"] == pytest.approx(old[key]["y"][::2], rel=1e-6)
        assert ex.figure.alt_text == plots.membrane_alt(k_out, e_k, vm)


def test_membrane_starts_at_the_nearest_grid_point_and_resets():
    ex = widgets.membrane_explorer(k_out=2.53, k_in=131.4, permeability="neuron-like (0.05)")
    c = ex.controls
    assert (c["k_out"].value, c["k_in"].value) == (2.5, 131.0)
    assert ex.readout_text == old_membrane_readout(2.5, 131.0, "neuron-like (0.05)")
    c["k_out"].value = 7.0
    c["permeability"].value = "muscle-like (0.01)"
    assert ex.readout_text == old_membrane_readout(7.0, 131.0, "muscle-like (0.01)")
    ex.reset()
    assert ex.readout_text == old_membrane_readout(2.5, 131.0, "neuron-like (0.05)")


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"k_out": 0.5}, ("k_out=0.5", "mmol/L", "1–8")),
        ({"k_out": 8.05}, ("k_out=8.05", "mmol/L", "1–8")),
        ({"k_out": float("nan")}, ("k_out=nan", "mmol/L", "1–8")),
        ({"k_out": "four"}, ("k_out='four'", "mmol/L", "1–8")),
        ({"k_in": 119.0}, ("k_in=119", "mmol/L", "120–150")),
        ({"k_in": 151.0}, ("k_in=151", "mmol/L", "120–150")),
        ({"permeability": "muscle-like"}, ("permeability='muscle-like'", "muscle-like (0.01)")),
        ({"permeability": 0.01}, ("permeability=0.01", "neuron-like (0.05)")),
    ],
)
def test_membrane_rejects_bad_input_naming_parameter_value_unit_and_range(kwargs, words):
    with pytest.raises(ValueError) as err:
        widgets.membrane_explorer(**kwargs)
    for word in words:
        assert word in str(err.value)


def test_membrane_controls_reject_values_off_their_range():
    ex = widgets.membrane_explorer()
    with pytest.raises(ValueError, match=r"k_out=9 mmol/L .*1–8 mmol/L"):
        ex.controls["k_out"].value = 9
    lo, hi = K_IN_RANGE
    with pytest.raises(ValueError, match=rf"k_in=100 mmol/L .*{lo:g}–{hi:g} mmol/L"):
        ex.controls["k_in"].value = 100
    with pytest.raises(ValueError, match="permeability"):
        ex.controls["permeability"].value = 0.05


def test_membrane_tables_are_small_and_quick_to_build():
    best = min(_build_time(widgets.membrane_explorer) for _ in range(3))
    assert best < 0.25, f"precompute took {best:.3f} s"
    ex = widgets.membrane_explorer()
    assert len(ex.tables) < 40_000
    assert len(ex.static_html()) < 200_000
    json.dumps(ex.spec, allow_nan=False)


def _build_time(factory) -> float:
    t = time.perf_counter()
    factory()
    return time.perf_counter() - t


# --- cell distribution ------------------------------------------------------------------------------

CELL_NAMES = ("serum_mg", "mg_unit", "k_intake", "driver", "pump_coupling")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def old_cell_readout(ex) -> tuple[str, list[float]]:
    """The readout the kernel-driven explorer wrote (its ``_update``), from the model in float64, and the
    model's numbers in it (in order)."""
    c = ex.controls
    params = replace(model.Params(), pump_coupling=c["pump_coupling"].value)
    d = plots.cell_distribution_data(c["serum_mg"].value, c["k_intake"].value, c["driver"].value, params)
    cur, ref = d["state"], d["reference_state"]
    unit = c["mg_unit"].value
    mg_shown = float(from_mmol_per_l(c["serum_mg"].value, unit, "Mg"))
    share = 100.0 * (1.0 - params.v_e * float(cur.serum_k) / float(cur.total_body_k))
    text = (
        f"Serum K {float(cur.serum_k):.2f} mmol/L — {classify_k(float(cur.serum_k)).label}; cell K "
        f"{float(cur.icf_k):.0f} mmol/L (reference {float(ref.icf_k):.0f}); total-body K "
        f"{float(cur.total_body_k):.0f} mmol (reference {float(ref.total_body_k):.0f}); {share:.1f}% of body "
        f"K is in cells. Serum Mg {mg_shown:.2f} {unit}; "
        f"pump coupling {'on' if c['pump_coupling'].value else 'off'}. {MG_K_NOTE}"
    )
    numbers = [cur.serum_k, cur.icf_k, ref.icf_k, cur.total_body_k, ref.total_body_k, share, mg_shown]
    return text, [float(x) for x in numbers]


def assert_same_to_display_rounding(got: str, expected: str, values: list[float]) -> None:
    """``got`` reads as ``expected`` word for word, and each number in it is the model's value to the
    digits shown (a float32 table may round the other way only at a rounding edge)."""
    assert NUMBER.sub("#", got) == NUMBER.sub("#", expected)
    shown = [m for m in NUMBER.findall(got) if m not in ("0", "9", "2007")][: len(values)]
    for text, value in zip(shown, values, strict=True):
        digits = len(text.split(".")[1]) if "." in text else 0
        assert abs(float(text) - value) <= 0.5 * 10.0**-digits + 1e-3, (text, value)


def test_cell_distribution_answers_in_the_browser_with_the_same_controls_and_traces():
    ex = widgets.cell_distribution()
    assert isinstance(ex, BrowserExplorer)
    assert tuple(ex.controls) == CELL_NAMES
    assert ex.controls["pump_coupling"].options == [("on", True), ("off", False)]
    assert ex.controls["pump_coupling"].description.startswith("Pump coupling")
    uids = {f"{n}_{k}" for n in ("reference", "current") for k in ("serum", "icf", "total")}
    assert {t["uid"] for t in ex.figure.data} == uids
    assert ex.spec["caveat"] == widgets.PUMP_CAVEAT


def test_cell_tables_are_the_model_on_the_whole_grid():
    """Serum K is an exact product; cell K, total-body K and the share in cells are separable expansions
    (``reduce: "sum"``) within two float32 steps of the model on every one of the 203,574 states."""
    ex = widgets.cell_distribution()
    c = ex._spec
    mg = np.asarray(c.control("serum_mg").values)[:, None, None]
    intake = np.asarray(c.control("k_intake").values)[None, :, None]
    driver = np.asarray(c.control("driver").values)[None, None, :]
    states = [
        model.steady_state(mg, intake, driver, replace(model.Params(), pump_coupling=on))
        for on in c.control("pump_coupling").values
    ]
    f = [a.astype(np.float64) for a in c.tables["serum_k"].arrays()]
    assert np.einsum("ma,mb,mc->abc", *f) == pytest.approx(states[0].serum_k, abs=2e-6)
    assert np.allclose(states[0].serum_k, states[1].serum_k)  # the pump does not change serum K
    total = np.stack([s.total_body_k for s in states], axis=-1)
    expected = {
        "icf_k": np.stack([s.icf_k for s in states], axis=-1),
        "total_body_k": total,
        "share": 100.0 * (1.0 - model.Params().v_e * np.stack([s.serum_k for s in states], -1) / total),
    }
    eps = float(np.finfo(np.float32).eps)
    for name, want in expected.items():
        f = [a.astype(np.float64) for a in c.tables[name].arrays()]
        got = np.einsum("ma,mb,mc,md->abcd", *f)
        assert np.max(np.abs(got - want)) <= 2 * eps * np.max(want), name


def test_cell_readout_figure_and_alt_text_are_the_models():
    ex = widgets.cell_distribution()
    c = ex.controls
    rng = np.random.default_rng(1)
    sizes = [len(c[n].options) for n in CELL_NAMES]
    for _ in range(60):
        ex.state = {n: int(rng.integers(size)) for n, size in zip(CELL_NAMES, sizes, strict=True)}
        expected, values = old_cell_readout(ex)
        assert_same_to_display_rounding(ex.readout_text, expected, values)
        params = replace(model.Params(), pump_coupling=c["pump_coupling"].value)
        d = plots.cell_distribution_data(c["serum_mg"].value, c["k_intake"].value, c["driver"].value, params)
        t = by_uid(ex.figure.data)
        for i, key in enumerate(("serum", "icf", "total")):
            for name in ("reference", "current"):
                want = d[name]["y"][i]
                assert t[f"{name}_{key}"]["y"] == pytest.approx([want], rel=1e-6)
                digits = 2 if key == "serum" else 0
                assert abs(float(t[f"{name}_{key}"]["text"][0]) - want) <= 0.5 * 10.0**-digits + 1e-3
        alt = plots.cell_distribution_alt(d["state"], d["reference_state"])
        assert NUMBER.sub("#", ex.figure.alt_text) == NUMBER.sub("#", alt)


def test_every_grid_point_of_every_cell_control_gives_a_readout():
    ex = widgets.cell_distribution()
    for name in CELL_NAMES:
        for i in range(len(ex.controls[name].options)):
            ex.state = {**ex._spec.default_state(), name: i}
            assert ex.readout_text.startswith("Serum K ") and "% of body K is in cells" in ex.readout_text


def test_cell_distribution_starts_at_the_nearest_grid_point():
    ex = widgets.cell_distribution(serum_mg=0.456, k_intake=62.0, driver=1.63, pump_coupling=False)
    c = ex.controls
    assert (c["serum_mg"].value, c["k_intake"].value, c["driver"].value) == (0.46, 60.0, 1.65)
    assert c["pump_coupling"].value is False and "pump coupling off" in ex.readout_text
    expected, values = old_cell_readout(ex)
    assert_same_to_display_rounding(ex.readout_text, expected, values)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"serum_mg": 0.1}, ("serum_mg=0.1", "mmol/L", "0.2–1.5")),
        ({"k_intake": 10.0}, ("k_intake=10", "mmol/day", "20–200")),
        ({"driver": 3.0}, ("driver=3", "2")),
        ({"mg_unit": "mg/L"}, ("mg_unit='mg/L'", "mmol/L, mg/dL, mEq/L")),
        ({"pump_coupling": "yes"}, ("pump_coupling='yes'", "True or False")),
    ],
)
def test_cell_distribution_rejects_bad_input(kwargs, words):
    with pytest.raises(ValueError) as err:
        widgets.cell_distribution(**kwargs)
    for word in words:
        assert word in str(err.value)


def test_cell_tables_are_small_and_quick_to_build():
    best = min(_build_time(widgets.cell_distribution) for _ in range(3))
    assert best < 0.25, f"precompute took {best:.3f} s"
    ex = widgets.cell_distribution()
    assert len(ex.tables) < 100_000  # full float32 tables over the 4 controls: 814 KB each
    assert len(ex.static_html()) < 250_000
    json.dumps(ex.spec, allow_nan=False)
