"""Drive every explorer from Python: controls → model → figure and readout; Reset; units; quiz."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

from mgk_helpers import membrane, model, widgets
from mgk_helpers.explorers import base
from mgk_helpers.explorers.base import Explorer as BrowserExplorer
from mgk_helpers.plotly_view import PlotlyView
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion
from mgk_helpers.reference import classify_k, ecg_pattern
from mgk_helpers.units import convert_concentration, from_mmol_per_l

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class FakeComm:
    """Records what a widget would send over the kernel websocket."""

    kernel = object()
    comm_id = "fake"

    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, data=None, buffers=None, **_kw) -> None:
        json.dumps(data, allow_nan=False)  # what the kernel would do; must not fail
        self.sent.append(data)

    def on_msg(self, *_a) -> None: ...

    def on_close(self, *_a) -> None: ...

    def close(self, *_a, **_kw) -> None: ...


def trace(view: PlotlyView, uid: str) -> dict:
    return view.data[view.trace_index(uid)]


def readout_number(text: str, label: str) -> float:
    m = re.search(rf"{label} (-?[0-9.]+)", text)
    assert m, f"{label!r} not in readout {text!r}"
    return float(m.group(1))


# --- PlotlyView ---------------------------------------------------------------------------------


def test_plotly_view_esm_is_small_and_loads_plotly_once_from_the_server():
    esm = PlotlyView._esm
    assert len(esm.encode()) < 50_000
    assert not re.search(r"https?://", esm)
    assert "mgk-helpers/static/plotly.min.js" in esm and "jupyter-config-data" in esm
    assert "request-plotly-js" in esm and "Plotly.react" in esm and "aria-label" in esm
    config = PlotlyView().config
    assert config["displaylogo"] is False and config["showLink"] is False
    assert "plotlyServerURL" not in config and config["typesetMath"] is False


def test_a_control_moved_from_python_sends_one_small_state_message():
    ex = widgets.mg_k_steady_state()
    view = ex.figure
    json.dumps({"data": view.data, "layout": view.figure_layout}, allow_nan=False)
    comm = FakeComm()
    ex.comm = comm
    ex.controls["driver"].value = 1.6
    updates = [m for m in comm.sent if m.get("method") == "update"]
    assert len(updates) == 1, "one control move must send exactly one message"
    assert set(updates[0]["state"]) == {"state"}, "the browser looks the answer up: only the state travels"
    assert len(json.dumps(updates[0])) < 200


def test_plotly_view_sends_plotly_js_when_the_script_cannot_load():
    view = PlotlyView()
    comm = FakeComm()
    view.comm = comm
    view._on_frontend_msg(view, {"type": "request-plotly-js"}, [])
    (msg,) = comm.sent
    assert msg["method"] == "custom" and msg["content"]["type"] == "plotly-js"
    assert "window.Plotly" in msg["content"]["source"]


def test_plotly_view_patch_rejects_unknown_trace():
    view = PlotlyView.from_figure(go_figure())  # the membrane explorer now answers in the browser
    with pytest.raises(ValueError, match="uid"):
        view.patch(traces={"nope": {"y": [1]}})
    with pytest.raises(ValueError, match="uid"):
        widgets.membrane_explorer().figure.trace_index("nope")


# --- the explorers: CSS contract, static fallback, reset -----------------------------------------


EXPLORERS = {
    "steady": widgets.mg_k_steady_state,
    "time": widgets.time_course,
    "cell": widgets.cell_distribution,
    "membrane": widgets.membrane_explorer,
}


@pytest.fixture(scope="module", params=list(EXPLORERS))
def any_explorer(request):
    return EXPLORERS[request.param]()


def test_explorer_structure_and_css_contract(any_explorer):
    ex = any_explorer
    if isinstance(
        ex, BrowserExplorer
    ):  # answered in the browser: the page builds the DOM (static/explorer.js)
        assert "mgk-explorer-host" in ex._dom_classes
        assert "mgk-readout" in ex.readout._dom_classes and "mgk-reset" in ex.reset_button._dom_classes
        assert ex.readout_text and html.escape(ex.readout_text) in ex.readout.value
        assert ex.figure.alt_text
        for name, control in ex.controls.items():
            assert control.description, f"control {name} has no label"
        js = ex._esm
        for contract in ("mgk-explorer", "mgk-readout", "mgk-reset", "mgk-units", "mgk-figure"):
            assert f'"{contract}' in js or f"{contract}" in js, contract
        return
    assert "mgk-explorer" in ex._dom_classes
    assert "mgk-readout" in ex.readout._dom_classes
    assert "mgk-reset" in ex.reset_button._dom_classes
    assert "mgk-figure" in ex.figure._dom_classes
    assert ex.figure in ex.children and ex.readout in ex.children
    assert 'role="status"' in ex.readout.value and 'aria-live="polite"' in ex.readout.value
    assert ex.readout_text and ex.readout_text in ex.readout.value.replace("&#x27;", "'")
    assert ex.figure.alt_text
    for name, control in ex.controls.items():
        assert control.description, f"control {name} has no label"
        if "mg_unit" in ex.controls:
            assert "mgk-units" in ex.controls["mg_unit"]._dom_classes


def test_explorer_static_fallback_is_a_run_this_cell_card(any_explorer):
    if isinstance(any_explorer, BrowserExplorer):
        data, _meta = any_explorer._repr_mimebundle_()
        assert WIDGET_VIEW in data
        page = data["text/html"]
        assert 'data-mgk-explorer="1"' in page and 'class="mgk-spec"' in page and 'class="mgk-tables"' in page
        assert html.escape(any_explorer.readout_text) in page  # the fallback shows the default readout
        urls = set(re.findall(r"https?://[^\s\"']+", page))
        assert urls == {base.PLOTLY_WHERE["cdn"]}, (
            f"the only address off the page is plotly's CDN, last: {urls}"
        )
        return
    bundle = any_explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    card = bundle["text/html"]
    assert "Run this cell" in card
    assert "<script" not in card and not re.search(r"https?://", card)
    first_words = any_explorer._default_readout.split(" ")[0]
    assert first_words in card


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_reset_restores_every_default(name):
    ex = EXPLORERS[name]()
    defaults = dict(ex.defaults)
    readout, data = ex.readout_text, json.dumps(ex.figure.data)
    for control in ex.controls.values():
        if hasattr(control, "options"):
            options = _values(control)
            control.value = options[-1] if control.value != options[-1] else options[0]
        elif isinstance(control.value, bool):
            control.value = not control.value
        else:
            control.value = control.min + 0.37 * (control.max - control.min)
    assert ex.readout_text != readout
    ex.reset_button.click()
    assert {n: c.value for n, c in ex.controls.items()} == pytest.approx(defaults)
    assert ex.readout_text == readout
    assert json.dumps(ex.figure.data) == data


def _values(control) -> list:
    """The values a selection control can take (options may be (label, value) pairs)."""
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def _ends(control) -> tuple:
    """(lowest, highest) value a control can reach: min/max of a slider, first/last option."""
    if hasattr(control, "options"):
        values = _values(control)
        return values[0], values[-1]
    return control.min, control.max


# --- steady state ---------------------------------------------------------------------------------


def test_steady_state_controls_move_figure_and_readout_as_the_model_says():
    ex = widgets.mg_k_steady_state()
    c = ex.controls
    for name, value in (("serum_mg", 0.4), ("k_intake", 60.0), ("driver", 1.7)):
        before_text = ex.readout_text
        before_y = list(trace(ex.figure, "serum_k_point")["y"])
        c[name].value = value
        s = model.steady_state(ex.serum_mg_mmol(), c["k_intake"].value, c["driver"].value)
        assert trace(ex.figure, "serum_k_point")["y"][0] == pytest.approx(s.serum_k, rel=1e-4)
        assert readout_number(ex.readout_text, "Serum K") == pytest.approx(s.serum_k, abs=0.006)
        assert classify_k(s.serum_k).label in ex.readout_text
        assert f"urine K {s.urine_k:.0f} mmol/day" in ex.readout_text
        assert ex.readout_text != before_text
        # lowering Mg, lowering intake and raising the driver all lower serum K in this model
        assert trace(ex.figure, "serum_k_point")["y"][0] < before_y[0]
    grid = np.asarray(trace(ex.figure, "serum_k")["x"])
    curve = model.steady_state(grid, 60.0, 1.7).serum_k
    assert np.allclose(trace(ex.figure, "serum_k")["y"], curve, rtol=2e-4)
    assert "not a clinical prediction" in ex.readout_text


def test_steady_state_keyword_overrides_and_rejects_out_of_range():
    ex = widgets.mg_k_steady_state(serum_mg=0.45, driver=1.7)
    assert ex.controls["serum_mg"].value == pytest.approx(0.45)
    assert ex.controls["driver"].value == pytest.approx(1.7)
    assert ex.defaults["driver"] == pytest.approx(1.7)
    with pytest.raises(ValueError, match="serum_mg"):
        widgets.mg_k_steady_state(serum_mg=0.1)
    with pytest.raises(ValueError, match="driver"):
        widgets.mg_k_steady_state(driver=3.0)
    with pytest.raises(ValueError, match="mg_unit"):
        widgets.mg_k_steady_state(mg_unit="mg/L")


@pytest.mark.parametrize("factory", [widgets.mg_k_steady_state, widgets.cell_distribution])
def test_slider_limits_are_the_models_valid_ranges(factory):
    ex = factory()
    c = ex.controls
    assert _ends(c["serum_mg"]) == pytest.approx(model.SERUM_MG_RANGE)
    assert (c["k_intake"].min, c["k_intake"].max) == pytest.approx(model.K_INTAKE_RANGE)
    assert (c["driver"].min, c["driver"].max) == pytest.approx(model.DRIVER_RANGE)
    for unit in ("mg/dL", "mEq/L", "mmol/L"):
        c["mg_unit"].value = unit
        assert _ends(c["serum_mg"]) == pytest.approx(model.SERUM_MG_RANGE)  # values stay in mmol/L
        for end in (0, 1):
            for name in ("serum_mg", "k_intake", "driver"):
                c[name].value = _ends(c[name])[end]
            # the model accepts every extreme a student can reach (no ValueError)
            model.steady_state(ex.serum_mg_mmol(), c["k_intake"].value, c["driver"].value)
            assert "Serum K" in ex.readout_text


def test_units_toggle_converts_slider_axis_and_readout_and_round_trips():
    ex = widgets.mg_k_steady_state(serum_mg=0.62)
    s, units = ex.controls["serum_mg"], ex.controls["mg_unit"]
    k_before = trace(ex.figure, "serum_k_point")["y"][0]
    index = s.index
    for unit in ("mg/dL", "mEq/L"):
        units.value = unit
        shown = convert_concentration(0.62, "mmol/L", unit, "Mg")
        # the slider is relabelled in the new unit and does not move
        assert s.index == index and s.value == 0.62
        assert s.label == f"{shown:.2f}"
        grid = convert_concentration(np.asarray(widgets.MG_GRID_MMOL), "mmol/L", unit, "Mg")
        assert [float(label) for label in s._options_labels] == pytest.approx(grid, abs=0.006)
        assert s.description == f"Serum Mg ({unit})"
        assert ex.figure.figure_layout["xaxis2"]["title"]["text"] == f"Serum Mg ({unit})"
        assert f"{shown:.2f} {unit}" in ex.readout_text
        assert trace(ex.figure, "serum_k_point")["x"][0] == pytest.approx(shown, rel=1e-4)
        band = next(sh for sh in ex.figure.figure_layout["shapes"] if sh.get("name") == "mg_normal")
        assert band["x0"] == pytest.approx(from_mmol_per_l(0.75, unit, "Mg"), rel=1e-4)
        # the underlying state does not change
        assert ex.serum_mg_mmol() == pytest.approx(0.62)
        assert trace(ex.figure, "serum_k_point")["y"][0] == pytest.approx(k_before)
    units.value = "mmol/L"
    assert s.value == 0.62 and s.label == "0.62"


def test_units_toggle_at_the_slider_ends_stays_inside_the_valid_range():
    ex = widgets.mg_k_steady_state()
    s, units = ex.controls["serum_mg"], ex.controls["mg_unit"]
    for end, expected in ((-1, model.SERUM_MG_RANGE[1]), (0, model.SERUM_MG_RANGE[0])):
        units.value = "mmol/L"
        s.value = _values(s)[end]
        for unit in ("mg/dL", "mEq/L", "mmol/L", "mg/dL"):
            units.value = unit
            assert s.value == _values(s)[end]
            assert ex.serum_mg_mmol() == expected


def test_a_value_off_the_slider_grid_starts_at_the_nearest_grid_point_and_says_so():
    ex = widgets.mg_k_steady_state(serum_mg=0.456)
    assert ex.serum_mg_mmol() == 0.46  # the 0.01 mmol/L grid the browser looks answers up on
    assert "serum Mg 0.46 mmol/L" in ex.readout_text  # the readout states the value it shows
    ex.controls["mg_unit"].value = "mg/dL"
    ex.controls["mg_unit"].value = "mmol/L"
    assert ex.serum_mg_mmol() == 0.46
    with pytest.raises(ValueError, match=r"serum_mg.*mmol/L"):
        ex.controls["serum_mg"].value = 1.6


# --- time course ------------------------------------------------------------------------------------


def test_time_course_scenarios_and_overlaid_arms():
    SERIES = ("serum_k", "serum_mg", "urine_k")
    ex = widgets.time_course()
    dd = ex.controls["scenario"]
    ids = [value for _title, value in dd.options]
    assert widgets.REFRACTORY in ids
    seen = set()
    for title, name in dd.options:
        dd.value = name
        runs = ex.runs(name)
        # a fixed set of trace slots (answered in the browser): the scenario's runs are the visible ones
        shown = [t for t in ex.figure.data if t.get("visible", True)]
        assert len(shown) == 3 * len(runs)
        assert {t["uid"] for t in shown} == {f"run{i}_{s}" for i in range(len(runs)) for s in SERIES}
        assert all(not t["x"] and not t["y"] for t in ex.figure.data if t not in shown)
        for i, df in enumerate(runs.values()):
            assert np.allclose(trace(ex.figure, f"run{i}_serum_k")["y"], df["serum_k"], rtol=2e-4)
            assert f"{df['serum_k'].iloc[-1]:.2f} mmol/L" in ex.readout_text
        assert title in ex.readout_text
        seen.add(ex.readout_text)
    assert len(seen) == len(dd.options)
    dd.value = widgets.REFRACTORY
    assert len(ex.runs(widgets.REFRACTORY)) == 3
    assert ex.runs(widgets.REFRACTORY) is ex.runs(widgets.REFRACTORY)  # cached
    ex.controls["mg_unit"].value = "mg/dL"
    df = ex.runs(widgets.REFRACTORY)["K + Mg"]
    assert np.allclose(
        trace(ex.figure, "run1_serum_mg")["y"],
        from_mmol_per_l(df["serum_mg"].to_numpy(), "mg/dL", "Mg"),
        rtol=2e-4,
    )
    with pytest.raises(ValueError, match="scenario"):
        widgets.time_course(scenario="nope")


# --- cell distribution ------------------------------------------------------------------------------


def test_cell_distribution_pump_toggle_and_sliders_follow_the_model():
    from dataclasses import replace

    ex = widgets.cell_distribution()
    c = ex.controls
    assert c["pump_coupling"].value is True  # the model's default (a hypothesis)
    assert "Pump coupling" in ex.spec["caveat"]  # the caveat is shown (the page puts it under the figure)
    c["serum_mg"].value = 0.3
    c["pump_coupling"].value = False
    off = model.steady_state(0.3, params=replace(model.Params(), pump_coupling=False))
    assert trace(ex.figure, "current_icf")["y"][0] == pytest.approx(off.icf_k, rel=1e-4)
    assert "pump coupling off" in ex.readout_text
    c["pump_coupling"].value = True
    on = model.steady_state(0.3, params=replace(model.Params(), pump_coupling=True))
    assert trace(ex.figure, "current_icf")["y"][0] == pytest.approx(on.icf_k, rel=1e-4)
    assert on.icf_k < off.icf_k
    assert f"cell K {on.icf_k:.0f} mmol/L" in ex.readout_text and "pump coupling on" in ex.readout_text
    c["k_intake"].value = 150.0
    s = model.steady_state(0.3, 150.0, params=replace(model.Params(), pump_coupling=True))
    assert trace(ex.figure, "current_total")["y"][0] == pytest.approx(s.total_body_k, rel=1e-4)
    assert readout_number(ex.readout_text, "Serum K") == pytest.approx(s.serum_k, abs=0.006)


# --- membrane -----------------------------------------------------------------------------------------


def test_membrane_explorer_readout_and_points():
    ex = widgets.membrane_explorer()
    c = ex.controls
    assert (c["k_out"].min, c["k_out"].max) == (1.0, 8.0)
    for k_out in (c["k_out"].min, 2.7, c["k_out"].max):
        c["k_out"].value = k_out
        e_k = membrane.nernst(k_out, c["k_in"].value)
        vm = membrane.ghk_voltage(k_out, k_in=c["k_in"].value)
        assert trace(ex.figure, "e_k_point")["y"][0] == pytest.approx(e_k, rel=1e-4)
        assert trace(ex.figure, "vm_point")["y"][0] == pytest.approx(vm, rel=1e-4)
        assert f"E_K {e_k:.1f} mV" in ex.readout_text and f"Vm {vm:.1f} mV" in ex.readout_text
        assert ecg_pattern(k_out).findings in ex.readout_text
    c["permeability"].value = "neuron-like (0.05)"
    vm = membrane.ghk_voltage(8.0, k_in=c["k_in"].value, p_na_over_p_k=0.05)
    assert trace(ex.figure, "vm_point")["y"][0] == pytest.approx(vm, rel=1e-4)
    c["k_in"].value = 120.0
    assert trace(ex.figure, "e_k_point")["y"][0] == pytest.approx(membrane.nernst(8.0, 120.0), rel=1e-4)
    with pytest.raises(ValueError, match="k_out"):
        widgets.membrane_explorer(k_out=0.5)


# --- quiz ---------------------------------------------------------------------------------------------

QUESTIONS = (
    ChoiceQuestion("Which ion is 98% inside cells?", ("Na", "K", "Cl"), 1, "K is mostly intracellular."),
    NumericQuestion("0.5 mmol/L Mg in mEq/L?", 1.0, 0.05, "mEq/L", "Mg carries two charges."),
)


def test_quiz_marks_right_and_wrong_answers():
    q = widgets.quiz(QUESTIONS)
    choice, numeric = q.questions
    assert "mgk-quiz" in q._dom_classes and "mgk-question" in choice._dom_classes
    assert "mgk-options" in choice.input._dom_classes and "mgk-numeric" in numeric.input._dom_classes
    assert "mgk-check" in choice.check_button._dom_classes
    assert "mgk-feedback" in choice.feedback_widget._dom_classes
    assert choice.check() == "Pick an option first."
    assert choice.answer(0).startswith("Not quite") and choice.correct is False
    assert choice.answer("K").startswith("Correct") and choice.correct is True
    assert "mostly intracellular" in choice.feedback and "Correct" in choice.feedback_widget.value
    assert numeric.answer(1.04).startswith("Correct")
    assert numeric.answer(1.2).startswith("Not quite") and "1 mEq/L" in numeric.feedback
    numeric.input.value = 0.96
    numeric.check_button.click()
    assert numeric.feedback.startswith("Correct")


def test_quiz_static_fallback_and_validation():
    bundle, _meta = widgets.quiz(QUESTIONS)._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    html = bundle["text/html"]
    assert "Run this cell" in html and "98% inside cells" in html
    # the live fragment works without a kernel; what a renderer that strips scripts shows is the fallback
    assert 'data-mgk-quiz="1"' in html and not re.search(r"https?://", html)
    fallback = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
    assert "<details>" not in fallback  # no answer in sight without the script
    assert "<script" not in fallback and "98% inside cells" in fallback
    assert "mostly intracellular" not in fallback and "Correct" not in fallback
    with pytest.raises(ValueError, match="answer"):
        ChoiceQuestion("?", ("a", "b"), 2, "")
    with pytest.raises(ValueError, match="ChoiceQuestion or NumericQuestion"):
        widgets.quiz([{"question": "?", "options": ["a", "b"], "answer": 1}])
    with pytest.raises(ValueError, match="empty"):
        widgets.quiz([])


def test_project_quizzes_load():
    from mgk_helpers.quizzes import nb00

    specs = nb00.questions()
    q = widgets.quiz(specs)
    for question, spec in zip(q.questions, specs, strict=True):
        assert question.answer(spec.answer).startswith("Correct")


def test_unit_converter_converts_and_classifies():
    from mgk_helpers.reference import classify_mg
    from mgk_helpers.units import from_mmol_per_l
    from mgk_helpers.widgets import unit_converter

    conv = unit_converter(serum_mg=0.6)
    for unit in ("mmol/L", "mg/dL", "mEq/L"):
        assert f"{float(from_mmol_per_l(0.6, unit, 'Mg')):.2f} {unit}" in conv.readout_text
    assert classify_mg(0.6).label in conv.readout_text
    marker = conv.figure.data[conv.figure.trace_index("value")]["x"][0]
    conv.controls["mg_unit"].value = "mg/dL"
    slider = conv.controls["serum_mg"]
    assert slider.value == 0.6 and slider.label == f"{float(from_mmol_per_l(0.6, 'mg/dL', 'Mg')):.2f}"
    assert _ends(slider) == pytest.approx(model.SERUM_MG_RANGE)
    assert conv.figure.data[conv.figure.trace_index("value")]["x"][0] != marker  # axis now in mg/dL
    assert "mg/dL" in conv.figure.figure_layout["xaxis"]["title"]["text"]
    slider.value = _values(slider)[0]
    assert classify_mg(model.SERUM_MG_RANGE[0]).label in conv.readout_text
    conv.reset()
    assert conv.controls["mg_unit"].value == "mmol/L"
    assert "0.60 mmol/L" in conv.readout_text


def test_quiz_static_fallback_shows_questions_but_never_answers():
    questions = [
        ChoiceQuestion("Pick B", ("alpha", "beta"), 1, "Because EXPLAINED-1."),
        NumericQuestion("How many?", 4.25, 0.01, "mmol/L", "EXPLAINED-2"),
    ]
    bundle, _meta = widgets.quiz(questions)._repr_mimebundle_()
    # the answers are in the live fragment's data (fine for self-checks); the fallback never shows them
    page = re.sub(r"<script\b.*?</script>", "", bundle["text/html"], flags=re.S)
    assert "Pick B" in page and "How many?" in page and "alpha" in page and "beta" in page
    assert "EXPLAINED" not in page and "4.25" not in page and "Show the answer" not in page


def test_plotly_view_keeps_the_ipywidgets_css_layout():
    """The plotly layout travels as ``figure_layout``: ``layout`` is every DOM widget's CSS Layout
    (a widget reference), and shadowing it with a dict breaks the view in JupyterLab."""
    import ipywidgets

    view = PlotlyView.from_figure(go_figure())
    assert isinstance(view.layout, ipywidgets.Layout)
    assert "figure_layout" in view.keys and view.figure_layout["title"]["text"] == "t"
    assert view.get_state()["layout"].startswith("IPY_MODEL_")


def go_figure():
    import plotly.graph_objects as go

    return go.Figure(go.Scatter(x=[0, 1], y=[1, 2], uid="s"), layout={"title": {"text": "t"}})


@pytest.mark.parametrize(
    "factory", [widgets.mg_k_steady_state, widgets.cell_distribution, widgets.unit_converter]
)
def test_units_switch_only_relabels_the_serum_mg_slider(factory):
    """A units switch must not move the slider (the browser's slider would snap and echo a moved
    value back): only its labels change, so a round trip brings back the same readout."""
    ex = factory()
    s, units = ex.controls["serum_mg"], ex.controls["mg_unit"]
    before, index, values = ex.readout_text, s.index, _values(s)
    for unit in ("mg/dL", "mEq/L", "mmol/L"):
        units.value = unit
        assert s.index == index and _values(s) == values
    assert ex.readout_text == before
    s.index = index + 1  # a real move by one position is a move
    assert ex.readout_text != before


def test_time_course_readout_starts_from_the_pre_treatment_mg():
    ex = widgets.time_course(scenario=widgets.REFRACTORY)
    assert "K + Mg: serum K 3.06 → 3.79" in ex.readout_text
    assert ex.readout_text.count("serum Mg 0.45 → 0.85 mmol/L") == 2  # K + Mg and Mg only
    assert "hypothesis" in ex.readout_text
