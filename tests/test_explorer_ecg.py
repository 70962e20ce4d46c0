"""The schematic ECG explorer answers in the browser: its strip, calipers, readout and text alternative are
the model's (mgk_helpers.model.ecg) and the plots' (mgk_helpers.plots.ecg) at every state; the caveat for the
K band is always there; the arrhythmia warning is there exactly when the model gives one; no QT is read on the
sine wave; the paper's squares are square; bad input is refused by name.

Expected values come from the model and the plots module, never from the explorer's tables.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess

import numpy as np
import pytest

from mgk_helpers import plots, widgets
from mgk_helpers.explorers import base, engine
from mgk_helpers.explorers.ecg import MG_BAND_MMOL
from mgk_helpers.model import ecg
from mgk_helpers.model.notices import TEACHING_MODEL_NOTE
from mgk_helpers.model.reference import (
    ECG_HYPERKALAEMIA_CAVEAT,
    ECG_HYPERKALAEMIA_TABLE,
    ECG_HYPOKALAEMIA_TABLE,
    K_NORMAL,
    MG_GRADES,
    classify_mg,
    ecg_pattern,
    ecg_pattern_mg_note,
)

NAMES = ("serum_k", "mg_band")
FS = plots.ecg.ECG_FIGURE_FS
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def ex():
    return widgets.ecg_strip_explorer()


def all_states(ex) -> list[dict[str, int]]:
    sizes = [len(ex.controls[n].options) for n in NAMES]
    return [dict(zip(NAMES, s, strict=True)) for s in itertools.product(*(range(n) for n in sizes))]


def inputs(ex) -> tuple[float, float]:
    """(serum K, serum Mg) in mmol/L at the explorer's state: the Mg the model is asked at for its band."""
    return ex.controls["serum_k"].value, MG_BAND_MMOL[ex.controls["mg_band"].value]


def inputs_at(ex, state: dict[str, int]) -> tuple[float, float]:
    """:func:`inputs` at ``state``, without moving the explorer."""
    k = ex.controls["serum_k"].options[state["serum_k"]][1]
    return k, MG_BAND_MMOL[ex.controls["mg_band"].options[state["mg_band"]][1]]


def by_uid(data: list[dict]) -> dict[str, dict]:
    return {t["uid"]: t for t in data}


def path_xs(path: str) -> list[float]:
    """The x of every move (M x,y) and horizontal line (H x) of an SVG path."""
    return [float(x) for cmd, x, _y in re.findall(r"([MHV])(-?[\d.]+)(?:,(-?[\d.]+))?", path) if cmd != "V"]


def named(items: list[dict], name: str) -> dict:
    return next(i for i in items if i.get("name") == name)


# --- controls ----------------------------------------------------------------------------------------------


def test_controls_span_every_ecg_band_and_the_low_and_normal_mg_bands(ex):
    assert isinstance(ex, base.Explorer)
    assert tuple(ex.controls) == NAMES
    k = ex.controls["serum_k"]
    assert k.description == "Serum K (mmol/L)"
    assert (k.min, k.max) == ecg.ECG_K_RANGE
    assert np.allclose(np.diff([v for _label, v in k.options]), 0.1)
    # every ECG band of the reference has slider positions strictly inside it
    rows = [*ECG_HYPOKALAEMIA_TABLE, *ECG_HYPERKALAEMIA_TABLE]
    bands = {ecg_pattern(v).band for _label, v in k.options}
    assert bands >= {p.band for _lo, _hi, p in rows} | {ecg_pattern(sum(K_NORMAL) / 2).band}
    mg = ex.controls["mg_band"]
    assert mg.kind == "choice" and mg.description == "Serum Mg"
    low_and_normal = [g for g in MG_GRADES if g.direction in ("low", "normal")]
    assert sorted(v for _label, v in mg.options) == sorted(g.label for g in low_and_normal)
    for label, value in mg.options:
        grade = next(g for g in MG_GRADES if g.label == value)
        assert label == f"{grade.label} ({grade.range_text})"
        assert classify_mg(MG_BAND_MMOL[value]).label == value  # the Mg drawn is inside its band
    assert mg.options[0][1] == "normal"


def test_title_legend_and_caveat_say_schematic_and_cite(ex):
    assert "schematic" in ex.title.lower()
    legend = ex.spec["legend"]
    assert "Calipers" in legend and "0.04 s" in legend and "kept square" in legend
    # low Mg's longer QT: a fixed amount per band, a teaching choice, much of it through low K and low Ca
    assert "teaching choice (D)" in legend and "low K and low Ca" in legend
    assert all(f"{ms} ms ({band})" in legend for band, ms in ecg.MG_QT_PROLONGATION_MS.items())
    cut_offs = "Cut-offs are approximate and differ between sources; the order of the changes follows"
    assert cut_offs in legend and cut_offs in ex.spec["caveat"]
    assert ex.spec["caveat"].startswith(ecg_pattern_mg_note)
    for source in ("Diercks", "Montague", "Harrison", "Bazett", "Kusumoto", "Surawicz", "Rautaharju"):
        assert source in ex.spec["caveat"]


# --- the readout ------------------------------------------------------------------------------------------


def test_readout_and_alt_are_the_plots_text_at_every_state(ex):
    """All 76 × 4 states: the readout is :func:`plots.ecg_strip_alt` of the model, character for character;
    the figure's text alternative is the readout; the caveat of the K band is there once; the arrhythmia
    warning iff the model gives one; the QT, QTc and QU as the model has them, and none on the sine wave."""
    warned = {"low": 0, "high": 0, "none": 0}
    for state in all_states(ex):
        ex.state = state
        k, mg = inputs(ex)
        text = ex.readout_text
        assert text == plots.ecg_strip_alt(k, mg), state
        assert ex.figure.alt_text == text
        assert text.startswith("Schematic") and text.endswith(ecg.ecg_strip_caveat(k))
        assert text.count(ECG_HYPERKALAEMIA_CAVEAT) == (k > K_NORMAL[1])
        assert text.count(ecg.ECG_LOW_K_CAVEAT) == (k < K_NORMAL[0])
        assert text.count(ecg.ECG_STRIP_NOTE) == 1 and text.endswith(TEACHING_MODEL_NOTE)
        features = ecg.ecg_features(k, mg)
        warning = ecg.ecg_warning(features)
        assert (f" {warning} " in text) if warning else ("Arrhythmia warning" not in text), state
        assert ("torsades de pointes and ventricular fibrillation" in text) == features.low_k_mg_warning
        warned["high" if features.high_k_warning else "low" if features.low_k_mg_warning else "none"] += 1
        if features.qt_measurable:
            assert f"QT {features.qt_ms} ms" in text and f"QTc {features.qtc_ms} ms" in text, state
        else:
            assert "QT not measurable (sine-wave pattern)" in text, state
            assert not re.search(r"\b(QT|QTc|QU) \d", text), state
        assert (f"QU {features.qu_ms} ms" in text) == features.u_wave
        assert features.band in text and ecg.ecg_description(features) in text
        assert ("Low Mg: the strip adds a fixed" in text) == (features.mg_low and features.qt_measurable)
    assert all(warned.values()), warned


def test_intervals_are_worded_against_the_clinical_limits():
    """QTc prolonged from 450 ms (men) and 460 ms (women; Rautaharju 2009); a wide QRS (120 ms or more) read
    by its JT; high K's shorter QT said; the QU called long only where the model has it long."""
    seen = set()
    for k in np.round(np.arange(1.5, 9.0 + 1e-9, 0.1), 1):
        for mg in MG_BAND_MMOL.values():
            f = ecg.ecg_features(float(k), mg)
            text = plots.ecg.ecg_intervals_template(f).format(**plots.ecg.ecg_intervals_values(f))
            ref = ecg.ecg_features(4.2, mg)
            if not f.qt_measurable:
                assert text.startswith("QT not measurable")
                seen.add("sine")
                continue
            if f.qrs_wide:
                assert "only because the QRS is wide" in text and f"JT (QT minus QRS) is {f.jt_ms} ms" in text
                assert f"shorter than the {ref.jt_ms} ms at normal K" in text and "prolonged" not in text
                seen.add("wide")
            elif f.qtc_ms >= 460:
                assert "prolonged (limits 450 ms in men, 460 ms in women)" in text, (k, mg)
                seen.add("long")
            elif f.qtc_ms >= 450:
                assert "prolonged for a man (450 ms or more), not for a woman (460 ms)" in text, (k, mg)
                seen.add("men")
            else:
                assert "not prolonged" in text, (k, mg)
            assert ("shorter than at normal K: high K" in text) == (f.qt_ms < ref.qt_ms and not f.qrs_wide)
            seen |= {"short"} if f.qt_ms < ref.qt_ms else set()
            assert ("this QU is long" in text) == f.qu_long, (k, mg)
    assert seen == {"sine", "wide", "long", "men", "short"}


def test_readout_words_follow_the_bands():
    cases = {
        (4.2, "normal"): ("(normal)", "no U wave", "upright T wave"),
        (2.7, "normal"): ("moderate hypokalaemia", "prominent U wave", "QU "),
        (2.0, "severe hypomagnesaemia"): ("T–U fusion", "Arrhythmia warning: severe hypokalaemia, here with"),
        (1.8, "normal"): (
            "Arrhythmia warning: severe hypokalaemia, here with a long QU,",
            "unreliable guide",
        ),
        (4.2, "severe hypomagnesaemia"): ("Arrhythmia warning: a long QT with low Mg", "adds a fixed 50 ms"),
        (6.8, "severe hypomagnesaemia"): (ecg.HIGH_K_WARNING, "QT 390 ms (shorter than at normal K"),
        (8.8, "normal"): ("QT not measurable (sine-wave pattern)", ecg.HIGH_K_WARNING),
        (6.0, "normal"): ("peaked T wave", "5.5–6.5 mmol/L"),
        (8.7, "mild hypomagnesaemia"): ("sine-wave", "mild hypomagnesaemia (0.50–0.74 mmol/L)"),
    }
    for (k, band), words in cases.items():
        ex = widgets.ecg_strip_explorer(serum_k=k, serum_mg=MG_BAND_MMOL[band])
        for word in words:
            assert word in ex.readout_text, (k, band, word)


# --- the figure -------------------------------------------------------------------------------------------


def test_strip_and_calipers_are_the_models_at_sampled_states(ex):
    rng = np.random.default_rng(3)
    states = all_states(ex)
    picked = [states[0], states[-1], *(states[i] for i in rng.choice(len(states), 40, replace=False))]
    assert any(not ecg.ecg_features(*inputs_at(ex, s)).qt_measurable for s in picked)  # the sine wave too
    n = round(ecg.RR_S * FS)
    for state in picked:
        ex.state = state
        k, mg = inputs(ex)
        t, mv = ecg.ecg_strip(k, mg, seconds=plots.ecg.ECG_BEATS * ecg.RR_S, fs=FS)
        traces = by_uid(ex.figure.data)
        assert list(traces) == [f"beat{i}" for i in range(plots.ecg.ECG_BEATS)]
        for i in range(plots.ecg.ECG_BEATS):
            part = slice(i * n, (i + 1) * n + 1)
            assert traces[f"beat{i}"]["x"] == pytest.approx(t[part], abs=1e-9)
            assert traces[f"beat{i}"]["y"] == pytest.approx(mv[part], abs=1e-6)  # float32
        features = ecg.ecg_features(k, mg)
        data = plots.ecg.ecg_strip_data(k, mg)
        layout = ex.figure.figure_layout
        for name in ("qt", "qu"):
            shape = named(layout["shapes"], f"{name}_caliper")
            label = named(layout["annotations"], f"{name}_label")
            shown = features.qt_measurable if name == "qt" else features.u_wave
            assert (data[name] is not None) == shown
            assert shape.get("visible", True) == shown and label.get("visible", True) == shown
            if not shown:
                continue
            a, b = data[name]
            assert path_xs(shape["path"]) == pytest.approx([a, a, b, b], abs=1e-4)
            assert label["x"] == pytest.approx(b + 0.03, abs=1e-6)
            interval = features.qt_ms if name == "qt" else features.qu_ms
            assert label["text"] == f"{name.upper()} {interval} ms"


def test_paper_squares_are_square():
    """0.04 s spans as many pixels as 0.1 mV at any width: the y axis is anchored to the x axis."""
    for fig in (plots.ecg_strip_figure(4.2, 0.85), plots.ecg_strip_figure(8.8, 0.3)):
        y, x = fig.layout.yaxis, fig.layout.xaxis
        assert y.scaleanchor == "x" and y.scaleratio == pytest.approx(0.04 / 0.1)
        assert x.constrain == "domain" and y.constrain == "domain"  # ranges as set: same each draw
        assert x.minor.dtick == 0.04 and y.minor.dtick == 0.1
    layout = widgets.ecg_strip_explorer().figure.figure_layout
    assert layout["yaxis"]["scaleanchor"] == "x"


def test_default_figure_is_the_plots_figure():
    ex = widgets.ecg_strip_explorer(serum_k=2.3, serum_mg=0.3)
    fig = plots.ecg_strip_figure(2.3, MG_BAND_MMOL["severe hypomagnesaemia"])
    assert "Schematic" in fig.layout.title.text
    assert plots.alt_text(fig) == ex.readout_text
    want = by_uid([t.to_plotly_json() for t in fig.data])
    got = by_uid(ex.figure.data)
    for uid, trace in want.items():
        assert got[uid]["y"] == pytest.approx(list(trace["y"]), abs=1e-6)
    layout = ex.figure.figure_layout
    assert layout["yaxis"]["title"]["text"].startswith("Schematic")
    assert named(layout["annotations"], "schematic")["text"].startswith("Schematic")


def test_beat_table_is_the_model_on_the_whole_grid(ex):
    spec = ex._spec
    beat = spec.tables["beat"].arrays()[0][0].astype(np.float64)
    ks = spec.control("serum_k").values
    bands = spec.control("mg_band").values
    assert beat.shape == (len(ks), len(bands), round(ecg.RR_S * FS) + 1)
    worst = 0.0
    for i, k in enumerate(ks):
        for j, band in enumerate(bands):
            _t, mv = ecg.ecg_strip(k, MG_BAND_MMOL[band], seconds=ecg.RR_S, fs=FS)
            worst = max(worst, float(np.max(np.abs(beat[i, j] - mv))))
    assert worst < 1e-6


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed (it is, wherever make test runs)")
def test_the_page_script_reads_the_strip_as_python_does(ex, tmp_path):
    """explorer.js's Reader, run in Node, reads this spec (a table read along its non-control ``sample``
    axis, caliper paths, nested templates) as engine.Spec.view does."""
    spec_json, buffer = ex._spec.to_json()
    states = all_states(ex)[::37]
    script = tmp_path / "read.js"
    script.write_text(
        "globalThis.window = globalThis; globalThis.addEventListener = () => {};\n"
        + base.explorer_js()
        + "\nconst {Reader, decodeTables} = globalThis.mgkExplorers;\n"
        + f"const spec = {json.dumps(spec_json)};\n"
        + f"const bytes = Buffer.from('{engine.b64(buffer)}', 'base64');\n"
        + "const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);\n"
        + "const r = new Reader(spec, decodeTables(spec.tables, ab));\n"
        + f"console.log(JSON.stringify({json.dumps(states)}.map(s => r.view(s))));\n",
        encoding="utf-8",
    )
    proc = subprocess.run([NODE, str(script)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for state, page in zip(states, json.loads(proc.stdout), strict=True):
        data, layout, readout, alt = ex._spec.view(state)
        assert page["readout"] == readout and page["alt"] == alt, state
        for got, want in zip(page["data"], data, strict=True):
            assert got["y"] == pytest.approx(want["y"], rel=0, abs=0)
        assert page["layout"]["shapes"] == layout["shapes"]
        assert page["layout"]["annotations"] == layout["annotations"]


# --- input, reset, size -----------------------------------------------------------------------------------


def test_starts_at_the_nearest_grid_point_and_band_and_resets():
    ex = widgets.ecg_strip_explorer(serum_k=2.53, serum_mg=0.45)
    assert ex.controls["serum_k"].value == 2.5
    assert ex.controls["mg_band"].value == "moderate hypomagnesaemia"
    first = ex.readout_text
    assert first == plots.ecg_strip_alt(2.5, MG_BAND_MMOL["moderate hypomagnesaemia"])
    ex.controls["serum_k"].value = 7.0
    ex.controls["mg_band"].value = "normal"
    assert ex.readout_text == plots.ecg_strip_alt(7.0, MG_BAND_MMOL["normal"])
    ex.reset()
    assert ex.readout_text == first


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"serum_k": 1.4}, ("serum_k=1.4", "mmol/L", "1.5–9")),
        ({"serum_k": 9.5}, ("serum_k=9.5", "mmol/L", "1.5–9")),
        ({"serum_k": float("nan")}, ("serum_k=nan", "mmol/L", "1.5–9")),
        ({"serum_k": "four"}, ("serum_k='four'", "mmol/L", "1.5–9")),
        ({"serum_mg": 0.1}, ("serum_mg=0.1", "mmol/L", "0.2–0.95")),
        ({"serum_mg": 1.2}, ("serum_mg=1.2", "mmol/L", "0.2–0.95")),
    ],
)
def test_rejects_bad_input_naming_parameter_value_unit_and_range(kwargs, words):
    with pytest.raises(ValueError) as err:
        widgets.ecg_strip_explorer(**kwargs)
    for word in words:
        assert word in str(err.value), str(err.value)


def test_controls_reject_values_off_their_range(ex):
    with pytest.raises(ValueError, match=r"serum_k=10 mmol/L .*1\.5–9 mmol/L"):
        ex.controls["serum_k"].value = 10
    with pytest.raises(ValueError, match="mg_band"):
        ex.controls["mg_band"].value = "mild hypermagnesaemia"


def test_tables_stay_small(ex):
    assert len(engine.b64(ex.tables)) <= 300_000
    assert len(ex.static_html()) < 226_000  # the saved output of a notebook cell (219 kB today)
    json.dumps(ex.spec, allow_nan=False)


def test_a_narrower_k_range_keeps_answers_and_says_so():
    """A case notebook's smaller strip: the same answers, a legend naming its range; bad ranges refused."""
    from mgk_helpers.widgets import ecg_strip_explorer

    full = ecg_strip_explorer(serum_k=3.1, serum_mg=0.5)
    narrow = ecg_strip_explorer(serum_k=3.1, serum_mg=0.5, k_range=(2.0, 5.5))
    options = narrow.controls["serum_k"].options
    assert options[0][1] == 2.0 and options[-1][1] == 5.5
    assert narrow.readout_text == full.readout_text
    assert "2–5.5 mmol/L here" in narrow._spec.legend and "2–5.5" not in full._spec.legend
    assert len(narrow.tables) < 0.6 * len(full.tables)
    for bad, words in (((1.0, 3.0), "k_range low end=1"), ((3.0, 3.5), "at least 1.0"), ("x", "two numbers")):
        with pytest.raises(ValueError, match=words):
            ecg_strip_explorer(k_range=bad)
