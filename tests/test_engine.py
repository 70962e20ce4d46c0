"""The lookup engine: Python's reading of the tables, the same reading in the page's script (run with Node),
and the tables themselves against the model."""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import numpy as np
import pytest

from mgk_helpers import model
from mgk_helpers.explorers import base, engine
from mgk_helpers.explorers.steady_state import steady_state_tables
from mgk_helpers.model.reference import classify_k, classify_mg

NODE = shutil.which("node")


def test_fill_rounds_half_away_from_zero_like_javascript_tofixed():
    # 0.125 and 2.5 are exact in binary: Python's format() would round them to even, toFixed away from zero
    assert engine.fill("{x:.2f}", {"x": 0.125}) == "0.13"
    assert engine.fill("{x:.0f}", {"x": 2.5}) == "3"
    assert engine.fill("{x:.0f}", {"x": -2.5}) == "-3"
    assert engine.fill("{x:.2f}", {"x": 1.005}) == "1.00"  # 1.00499999999999989… in binary
    assert engine.fill("{x:,.0f} mg", {"x": 2600.4}) == "2,600 mg"
    assert engine.fill("{x:,.1f}", {"x": -1234567.25}) == "-1,234,567.3"
    assert engine.fill("{name} and {n}", {"name": "K", "n": 3}) == "K and 3"


@pytest.mark.parametrize("value", np.round(np.arange(0.0, 9.0, 0.01), 2).tolist())
def test_k_bands_read_like_classify_k(value):
    assert engine.band_label(value, base.K_BANDS) == classify_k(value).label


@pytest.mark.parametrize("value", np.round(np.arange(0.0, 3.0, 0.01), 2).tolist())
def test_mg_bands_read_like_classify_mg(value):
    assert engine.band_label(value, base.MG_BANDS) == classify_mg(value).label


def test_band_label_can_fail():
    with pytest.raises(ValueError, match="no band"):
        engine.band_label(-1.0, base.K_BANDS)


def test_steady_state_product_table_is_the_model_on_the_whole_grid():
    """Serum K sent as three factors equals the model at every (Mg, intake, driver) state, every member."""
    intakes = base.grid(*model.K_INTAKE_RANGE, 5.0)
    drivers = base.grid(*model.DRIVER_RANGE, 0.05)
    params = model.Params()
    table = steady_state_tables(params, intakes, drivers)["serum_k"]
    mg, i, d = np.meshgrid(
        np.asarray(base.MG_GRID_MMOL), np.asarray(intakes), np.asarray(drivers), indexing="ij"
    )
    direct = model.steady_state(mg, i, d, params).serum_k
    f_mg, f_i, f_d = (a.astype(np.float64) for a in table.arrays())
    product = f_mg[0][:, None, None] * f_i[0][None, :, None] * f_d[0][None, None, :]
    assert np.max(np.abs(product - direct)) < 2e-6  # float32 factors: 1e-7 relative each
    # and a change of parameters changes the tables (nothing is cached across Params)
    other = steady_state_tables(model.Params(n=3.5), intakes, drivers)["serum_k"]
    assert not np.allclose(other.arrays()[0], table.arrays()[0])


def test_tables_round_trip_through_the_binary_buffer():
    tables = steady_state_tables(model.Params(), (20.0, 100.0), (1.0, 2.0))
    layout, buffer = engine.pack_tables(tables)
    back = engine.unpack_tables(layout, buffer)
    for name, t in tables.items():
        for a, b in zip(t.arrays(), back[name].arrays(), strict=True):
            assert np.array_equal(a, b)


def _spec() -> engine.Spec:
    c1 = engine.Control("a", "range", "A", (0.0, 1.0, 2.0), 1, unit="u", digits=1)
    c2 = engine.Control("b", "choice", "B", ("x", "y"), 0, labels=("x", "y"), sets=({}, {"a": 2}))
    table = engine.Table(("a", "b"), np.asarray([[[1.5, 2.5], [3.5, 4.5], [5.5, 6.5]]]))
    readout = {
        "format": "{a:.1f} {t:.2f} {s:,.0f} {q:.3f} {p}",
        "fields": {
            "a": {"control": "a"},
            "t": {"table": "t"},
            "s": {"sum": [{"table": "t"}, {"const": 1000.0}]},
            "q": {"div": [{"mul": [{"table": "t"}, {"const": 3.0}]}, {"const": 7.0}]},
            "p": {"pick": ["a", "b"], "values": [["00", "01"], ["10", "11"], ["20", "21"]]},
        },
    }
    figure = {"data": [{"x": [0], "y": [0]}], "layout": {}}
    traces = [{"trace": 0, "prop": "y", "source": {"table": "t", "free": "a"}}]
    return engine.Spec("T", [c1, c2], {"t": table}, figure, traces, [], readout, {"const": "alt"})


def test_python_reading_of_a_small_spec():
    spec = _spec()
    data, _layout, readout, alt = spec.view({"a": 1, "b": 1})
    assert readout == "1.0 4.50 1,005 1.929 11" and alt == "alt"
    assert data[0]["y"] == [2.5, 4.5, 6.5]


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed (it is, wherever make test runs)")
def test_the_page_script_reads_the_same_as_python():
    """explorer.js's Reader, run in Node, reads the same readout and traces as engine.Spec.view."""
    spec = _spec()
    spec_json, buffer = spec.to_json()
    states = [{"a": a, "b": b} for a in range(3) for b in range(2)]
    script = (
        "globalThis.window = globalThis; globalThis.addEventListener = () => {};\n"
        + base.explorer_js()
        + "\nconst {Reader, decodeTables} = globalThis.mgkExplorers;\n"
        + f"const spec = {json.dumps(spec_json)};\n"
        + f"const bytes = Buffer.from('{engine.b64(buffer)}', 'base64');\n"
        + "const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);\n"
        + "const r = new Reader(spec, decodeTables(spec.tables, ab));\n"
        + f"console.log(JSON.stringify({json.dumps(states)}.map(s => r.view(s))));\n"
    )
    proc = subprocess.run([NODE, "-e", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    for state, page in zip(states, json.loads(out), strict=True):
        data, _layout, readout, alt = spec.view(state)
        assert page["readout"] == readout and page["alt"] == alt, state
        assert page["data"][0]["y"] == pytest.approx(data[0]["y"], rel=0, abs=0)


def test_a_preset_option_moves_the_controls_it_names():
    spec = _spec()

    class Fake(base.Explorer):
        pass

    ex = Fake(spec)
    assert ex.controls["a"].value == 1.0
    ex.controls["b"].value = "y"  # its preset moves a to position 2
    assert ex.controls["a"].value == 2.0 and ex.readout_text.endswith("21")
    with pytest.raises(ValueError, match=r"a.*u"):
        ex.controls["a"].value = 5.0
    assert not math.isnan(ex.controls["a"].value)


def test_the_front_end_can_be_inlined_in_a_script_element():
    """The fragment inlines the scripts: a '</script' inside them would end the element early."""
    from mgk_helpers.explorers.quiz import quiz_js

    for source in (base.explorer_js(), quiz_js()):
        assert "</script" not in source.lower() and "<!--" not in source
