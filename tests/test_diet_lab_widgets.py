"""Drive the lab panel, cause presets, food explorer and diet planner programmatically.

Expected values come from the data and reference layers (classify_k, data.symptoms, data.dri,
data.foods, model.steady_state), never from numbers typed in here.
"""

from __future__ import annotations

import re

import pytest

from mgk_helpers import data, model, widgets
from mgk_helpers.explorers.diet import N_SLOTS, diet_planner, food_explorer
from mgk_helpers.model.clinical import cause_preset_table, lab_summary, red_flags
from mgk_helpers.model.foods import food_label
from mgk_helpers.plots.lab import LAB_K_RANGE
from mgk_helpers.reference import classify_k, classify_mg, ecg_pattern
from mgk_helpers.units import convert_concentration, to_mmol_per_l
from mgk_helpers.widgets import cause_presets, lab_panel

#: Advice phrasing that must never appear in a readout (the explorers never recommend a dose).
ADVICE = re.compile(r"\b(take|takes|taking|dose|doses|dosage|you should|recommended amount)\b", re.I)


def _assert_explorer_conventions(ex):
    # answered in the browser (explorers.base.Explorer): the page builds the DOM, Python sees the same view
    assert "mgk-explorer-host" in ex._dom_classes
    assert "mgk-readout" in ex.readout._dom_classes
    assert "mgk-reset" in ex.reset_button._dom_classes
    assert "mgk-figure" in ex.figure._dom_classes
    assert ex.readout_text and ex.figure.alt_text
    for name, control in ex.controls.items():
        assert control.description, f"control {name} has no label"
    html = ex._repr_mimebundle_()[0]["text/html"]
    assert 'data-mgk-explorer="1"' in html and "run the cell" in html


def _settle_trace(ex, uid):
    return ex.figure.data[ex.figure.trace_index(uid)]


# ---------------------------------------------------------------------------------------------
# lab panel


def test_lab_panel_conventions_and_slider_limits():
    import html

    from mgk_helpers.explorers.base import FALLBACK_HINT

    p = lab_panel()
    # answered in the browser (explorers/base.py): the page builds the DOM from static/explorer.js
    assert "mgk-explorer-host" in p._dom_classes
    assert "mgk-readout" in p.readout._dom_classes and "mgk-reset" in p.reset_button._dom_classes
    assert "mgk-figure" in p.figure._dom_classes
    assert p.readout_text and p.figure.alt_text
    for name, control in p.controls.items():
        assert control.description, f"control {name} has no label"
    for contract in ("mgk-explorer", "mgk-readout", "mgk-reset", "mgk-units", "mgk-figure"):
        assert contract in p._esm, contract
    page = p._repr_mimebundle_()[0]["text/html"]  # the saved output: a live page, a readout without one
    assert 'class="mgk-spec"' in page and html.escape(FALLBACK_HINT) in page
    assert html.escape(p.readout_text) in page
    assert "mgk-units" in p.controls["mg_unit"]._dom_classes
    assert (p.controls["serum_k"].min, p.controls["serum_k"].max) == LAB_K_RANGE
    mg_lo, mg_hi = model.SERUM_MG_RANGE
    mg_values = [v for _label, v in p.controls["serum_mg"].options]
    assert (mg_values[0], mg_values[-1]) == pytest.approx((mg_lo, mg_hi))


@pytest.mark.parametrize("k, mg", [(3.1, 0.5), (2.2, 0.35), (2.8, 0.8), (6.8, 0.9), (4.2, 0.85)])
def test_lab_panel_readout_follows_reference_and_data(k, mg):
    p = lab_panel()
    before = p.readout_text
    p.controls["serum_k"].value = k
    p.controls["serum_mg"].value = mg
    text = p.readout_text
    assert classify_k(k).label in text
    assert classify_mg(mg).label in text
    assert ecg_pattern(k).findings in text
    s = lab_summary(k, mg)
    for _band, symptom in s.k_symptoms + s.mg_symptoms:
        assert symptom in text
    flags_listed = all(f.lower() in text for f in red_flags())
    urgent = classify_k(k).severity in ("moderate", "severe") or mg < 0.5
    assert flags_listed == urgent
    assert not ADVICE.search(text)
    if (k, mg) != (4.2, 0.85):
        assert text != before
    assert _settle_trace(p, "k_marker")["x"] == [pytest.approx(k)]


def test_lab_panel_symptoms_come_from_the_symptoms_table():
    rows = data.symptoms()
    severe_k = rows[(rows["condition"] == "hypokalaemia") & (rows["severity"] == "severe")]["text"].iloc[0]
    p = lab_panel(serum_k=2.0)
    assert severe_k in p.readout_text
    p.controls["serum_k"].value = 4.0
    assert severe_k not in p.readout_text


def test_lab_panel_units_toggle_round_trips_and_reset():
    p = lab_panel(serum_mg=0.5)
    start = p.readout_text
    p.controls["serum_k"].value = 3.1
    readout = p.readout_text
    for unit in ("mg/dL", "mEq/L", "mmol/L"):
        p.controls["mg_unit"].value = unit
        s = p.controls["serum_mg"]
        assert s.description.endswith(f"({unit})")
        assert s.value == 0.5  # the slider's value stays in mmol/L; its label is in the unit shown
        assert s.label == f"{float(convert_concentration(0.5, 'mmol/L', unit, 'Mg')):.2f}"
        assert p.figure.figure_layout["xaxis2"]["title"]["text"].endswith(f"({unit})")
        assert classify_mg(0.5).label in p.readout_text
    assert p.readout_text == readout
    p.controls["mg_unit"].value = "mg/dL"
    s = p.controls["serum_mg"]
    s.index = [label for label, _value in s.options].index("1.00")  # what a student reads in mg/dL
    assert s.label == "1.00"
    assert p.serum_mg_mmol() == pytest.approx(float(to_mmol_per_l(1.0, "mg/dL", "Mg")), abs=0.005)
    p.reset()
    assert p.controls["mg_unit"].value == "mmol/L"
    assert p.controls["serum_mg"].value == pytest.approx(0.5)
    assert p.controls["serum_k"].value == pytest.approx(4.2)
    assert p.readout_text == start


def test_lab_panel_rejects_values_outside_its_range():
    with pytest.raises(ValueError, match="serum_k"):
        lab_panel(serum_k=12.0)
    with pytest.raises(ValueError, match="serum_mg"):
        lab_panel(serum_mg=0.05)


# ---------------------------------------------------------------------------------------------
# cause presets


@pytest.mark.parametrize("cause_id", ["loop_diuretic", "thiazide", "long_term_ppi", "alcohol_use_disorder",
                                      "diarrhoea", "gitelman_syndrome"])  # fmt: skip
def test_cause_presets_set_the_model_inputs_from_the_causes_table(cause_id):
    import html

    ex = cause_presets()
    # answered in the browser (explorers.base.Explorer): the page builds the DOM, Python sees the same view
    assert "mgk-explorer-host" in ex._dom_classes
    assert "mgk-readout" in ex.readout._dom_classes and "mgk-reset" in ex.reset_button._dom_classes
    assert "mgk-figure" in ex.figure._dom_classes
    assert ex.readout_text and ex.figure.alt_text
    for name, control in ex.controls.items():
        assert control.description, f"control {name} has no label"
    page = ex._repr_mimebundle_()[0]["text/html"]
    assert 'data-mgk-explorer="1"' in page and html.escape(ex.readout_text) in page
    row = data.causes().set_index("cause_id").loc[cause_id]
    ex.controls["cause"].value = cause_id
    assert ex.serum_mg_mmol() == pytest.approx(row["model_serum_mg_mmol_per_l"])
    assert ex.controls["driver"].value == pytest.approx(row["model_driver"])
    assert ex.controls["k_intake"].value == pytest.approx(row["model_k_intake_mmol_per_day"])
    assert ex.controls["gi_k_loss"].value == pytest.approx(row["model_gi_k_loss_mmol_per_day"])
    ss = model.steady_state(row["model_serum_mg_mmol_per_l"], row["model_k_intake_mmol_per_day"],
                            row["model_driver"], gi_k_loss=row["model_gi_k_loss_mmol_per_day"])  # fmt: skip
    text = ex.readout_text
    assert f"Serum K {ss.serum_k:.2f} mmol/L" in text
    assert f"urine K {ss.urine_k:.0f} mmol/day" in text and "hypothesis" in text
    assert row["cause"] in text and "Illustrative" in text
    assert not ADVICE.search(text)
    point = _settle_trace(ex, "serum_k_point")
    assert point["y"][0] == pytest.approx(ss.serum_k, rel=1e-4)


def test_diarrhoea_preset_shows_low_urine_k_and_the_kidney_presets_do_not():
    table = cause_preset_table()
    assert table.loc["diarrhoea", "urine_k"] < 25.0 and table.loc["diarrhoea", "serum_k"] < 3.5
    assert table.loc["diarrhoea", "loss_route"] == "extrarenal or low intake"
    for renal in ("loop_diuretic", "thiazide", "gitelman_syndrome"):
        assert table.loc[renal, "urine_k"] >= 25.0 and table.loc[renal, "loss_route"] == "renal"
    ex = cause_presets(cause="diarrhoea")
    assert "points to a gut loss or a low intake" in ex.readout_text


def test_stool_loss_beyond_what_the_intake_covers_is_marked_not_rejected():
    """The sliders keep their ranges (the page only looks answers up); an intake below what the stool loss
    needs is a state the model has no steady state for: the readout says so and names the lowest intake."""
    ex = cause_presets()
    c = ex.controls
    c["k_intake"].value = 20.0
    c["gi_k_loss"].value = 50.0  # would exceed what 20 mmol/day can supply
    need = ex.min_intake(50.0)
    assert need >= (50.0 + 5.0) / 0.9 and need % 5 == 0
    assert "No steady state" in ex.readout_text and f"at least {need:.0f} mmol/day" in ex.readout_text
    assert "Serum K" not in ex.readout_text
    drawn = [t for t in ex.figure.data if t["uid"] not in ("serum_k_lo", "urine_k_lo")]  # lo: width-0 edges
    assert not any(t.get("visible", True) for t in drawn)  # no curve drawn from an impossible state
    c["k_intake"].value = need  # the lowest intake the explorer offers is valid for the model
    assert "Serum K" in ex.readout_text
    assert all(t.get("visible", True) for t in ex.figure.data)
    c["gi_k_loss"].value = 0.0
    assert ex.min_intake(0.0) == 20.0
    c["k_intake"].value = 20.0
    assert "Serum K" in ex.readout_text


def test_cause_presets_moving_a_slider_and_reset():
    ex = cause_presets()
    default = ex.readout_text
    ex.controls["cause"].value = "gitelman_syndrome"
    ex.controls["driver"].value = 1.0
    assert "moved away from the preset" in ex.readout_text
    ex.controls["mg_unit"].value = "mEq/L"
    ex.controls["mg_unit"].value = "mmol/L"
    assert ex.serum_mg_mmol() == pytest.approx(0.45)
    ex.reset()
    assert ex.controls["cause"].value == "reference"
    assert ex.readout_text == default


# ---------------------------------------------------------------------------------------------
# food explorer


def test_food_explorer_sorts_and_filters_like_the_data():
    ex = food_explorer()
    # answered in the browser (explorers.base.Explorer): the page builds the DOM, Python sees the same view
    assert "mgk-explorer-host" in ex._dom_classes
    assert "mgk-readout" in ex.readout._dom_classes and "mgk-reset" in ex.reset_button._dom_classes
    assert "mgk-figure" in ex.figure._dom_classes
    assert ex.readout_text and ex.figure.alt_text
    for name, control in ex.controls.items():
        assert control.description, f"control {name} has no label"
    html = ex._repr_mimebundle_()[0]["text/html"]
    assert 'data-mgk-explorer="1"' in html and "run the cell" in html
    default_readout = ex.readout_text
    foods = data.foods()
    top_mg = foods.sort_values("magnesium_mg_per_serving", ascending=False).iloc[0]
    assert ex.table().iloc[0]["food_id"] == top_mg["food_id"]
    assert food_label(top_mg["food_id"]) in ex.readout_text
    ex.controls["sort_by"].value = "K per serving, highest first"
    top_k = foods.sort_values("potassium_mg_per_serving", ascending=False).iloc[0]
    assert ex.table().iloc[0]["food_id"] == top_k["food_id"]
    bars = _settle_trace(ex, "k")
    assert bars["x"][0] == pytest.approx(top_k["potassium_mg_per_serving"])
    assert list(bars["x"]) == sorted(bars["x"], reverse=True)
    ex.controls["ratio_range"].value = (0.0, 2.0)
    shown = ex.table()
    assert (shown["k_to_mg_molar_ratio"] <= 2.0).all() and len(shown) > 0
    ex.controls["n"].value = 3
    assert len(_settle_trace(ex, "mg")["y"]) == min(3, len(shown))
    with pytest.raises(ValueError, match="ratio_range"):  # the ratio is chosen among bands now
        ex.controls["ratio_range"].value = (0.0, 0.5)
    ex.controls["food_group"].value = "Fruits and Fruit Juices"  # no fruit has a K:Mg ratio ≤ 2
    assert ex.table().empty and "No food matches" in ex.readout_text
    assert _settle_trace(ex, "mg")["y"] == [] and "No food matches" in ex.figure.alt_text
    ex.reset()
    assert ex.table().iloc[0]["food_id"] == top_mg["food_id"]
    assert ex.readout_text == default_readout


# ---------------------------------------------------------------------------------------------
# diet planner


def test_diet_planner_totals_follow_foods_and_dri():
    foods = data.foods().set_index("food_id")
    ex = diet_planner(foods={"pumpkin_seeds": 2, "banana": 1}, age=72, sex="female")
    _assert_explorer_conventions(ex)
    mg = (
        2 * foods.loc["pumpkin_seeds", "magnesium_mg_per_serving"]
        + foods.loc["banana", "magnesium_mg_per_serving"]
    )
    k = (
        2 * foods.loc["pumpkin_seeds", "potassium_mg_per_serving"]
        + foods.loc["banana", "potassium_mg_per_serving"]
    )
    rda = data.dri("Mg", 72, "female").value_mg_per_day
    ai = data.dri("K", 72, "female").value_mg_per_day
    text = ex.readout_text
    assert f"Mg {mg:.0f} mg" in text and f"{100 * mg / rda:.0f}% of the RDA" in text
    assert f"K {k:,.0f} mg" in text and f"{100 * k / ai:.0f}% of the AI" in text
    assert f"{mg / 24.305:.1f} mmol" in text
    slot0 = _settle_trace(ex, "slot0")
    assert slot0["x"][0] == pytest.approx(
        100 * 2 * foods.loc["pumpkin_seeds", "magnesium_mg_per_serving"] / rda
    )
    ex.controls["sex"].value = "male"
    rda_m = data.dri("Mg", 72, "male").value_mg_per_day
    assert f"RDA {rda_m:.0f} mg/day" in ex.readout_text
    assert not ADVICE.search(ex.readout_text)


def test_diet_planner_pregnancy_only_where_the_table_has_it_and_reset():
    ex = diet_planner(age=30, sex="female")
    default_readout = ex.readout_text
    ex.controls["life_stage"].value = "pregnant"
    preg = data.dri("K", 30, "female", pregnant=True).value_mg_per_day
    assert f"K AI {preg:,.0f} mg/day" in ex.readout_text
    # pregnancy does not apply to a male: the reference intake is the one for "neither", and the readout says
    # so (a native control cannot be greyed out; the old planner forced the control back to "neither")
    ex.controls["sex"].value = "male"
    male = data.dri("K", 30, "male").value_mg_per_day
    assert f"K AI {male:,.0f} mg/day" in ex.readout_text
    assert "applies only to females aged 14–50" in ex.readout_text
    assert ex.references()[1].value_mg_per_day == male and ex.life_stage() == "neither"
    assert "a male aged 30 (" in ex.readout_text  # the person is not called pregnant
    ex.controls["sex"].value = "female"
    ex.controls["age"].value = 60
    assert "applies only to females aged 14–50" in ex.readout_text
    assert f"K AI {data.dri('K', 60, 'female').value_mg_per_day:,.0f} mg/day" in ex.readout_text
    for age in (ex.controls["age"].min, ex.controls["age"].max):  # every reachable age has a DRI
        ex.controls["age"].value = age
        assert "life stage" in ex.readout_text
    ex.controls["life_stage"].value = "neither"
    assert "applies only to" not in ex.readout_text
    ex.controls["food_1"].value = ""
    ex.reset()
    assert ex.readout_text == default_readout
    assert ex.controls["life_stage"].value == "neither" and "applies only to" not in ex.readout_text


def test_diet_planner_never_recommends_a_dose_whatever_the_choice():
    ex = diet_planner()
    ids = data.foods()["food_id"].tolist()
    for i in range(N_SLOTS):
        ex.controls[f"food_{i + 1}"].value = ids[i * 7 % len(ids)]
        ex.controls[f"servings_{i + 1}"].value = ex.controls[f"servings_{i + 1}"].max
        assert not ADVICE.search(ex.readout_text)
    assert "not advice on supplements" in ex.readout_text


def test_planner_rejects_bad_overrides():
    with pytest.raises(ValueError, match="food id"):
        diet_planner(foods={"chips": 1})
    with pytest.raises(ValueError, match="life_stage"):
        diet_planner(sex="male", life_stage="pregnant")
    with pytest.raises(ValueError, match="age"):
        diet_planner(age=0)


def test_diet_planner_servings_of_empty_slots_have_no_effect_and_say_so():
    # the old planner greyed these sliders out; a native slider cannot be, so the readout says they do nothing
    planner = widgets.diet_planner()
    c = planner.controls
    empty = next(i for i in range(1, N_SLOTS + 1) if c[f"food_{i}"].value == "")
    traces = [planner.figure.data[planner.figure.trace_index(f"slot{i}")] for i in range(N_SLOTS)]
    assert "have no effect" not in planner.readout_text
    c[f"servings_{empty}"].value = 2.5
    text = planner.readout_text
    assert f"The servings of Food {empty} have no effect: no food is chosen in that slot." in text
    assert [planner.figure.data[planner.figure.trace_index(f"slot{i}")] for i in range(N_SLOTS)] == traces
    note = f" The servings of Food {empty} have no effect: no food is chosen in that slot."
    assert text.replace(note, "") == widgets.diet_planner().readout_text
    c[f"food_{empty}"].value = "banana"
    assert "have no effect" not in planner.readout_text and "Banana × 2.5" in planner.readout_text
    c[f"food_{empty}"].value = ""
    assert "have no effect" in planner.readout_text


def test_lab_summary_says_when_a_value_sits_on_a_grade_edge():
    on_edge = lab_summary(3.1, 0.49)
    assert "3.0 mmol/L grade edge" in on_edge.near_edge and "0.50 mmol/L grade edge" in on_edge.near_edge
    assert "symptoms, the ECG and the setting" in on_edge.near_edge
    assert lab_summary(4.2, 0.85).near_edge == ""
    assert "Mg" not in lab_summary(3.1, 0.70).near_edge  # 0.70 is 0.05 from the 0.75 edge: beyond 0.03
    panel = lab_panel(serum_k=3.1, serum_mg=0.5)
    assert "could flip on a repeat sample" in panel.readout_text


def test_lab_figure_shades_measurement_uncertainty_around_each_marker():
    from mgk_helpers.model.clinical import NEAR_EDGE_MMOL_PER_L
    from mgk_helpers.units import from_mmol_per_l

    panel = lab_panel(serum_k=3.1, serum_mg=0.5)
    shapes = {s.get("name"): s for s in panel.figure.figure_layout["shapes"] if s.get("name")}
    k_band, mg_band = shapes["k_uncertainty"], shapes["mg_uncertainty"]
    assert (k_band["x0"], k_band["x1"]) == pytest.approx((3.1 - NEAR_EDGE_MMOL_PER_L["K"], 3.1 + 0.1))
    assert (mg_band["x0"], mg_band["x1"]) == pytest.approx((0.5 - NEAR_EDGE_MMOL_PER_L["Mg"], 0.53))
    panel.controls["serum_k"].value = 4.0
    panel.controls["mg_unit"].value = "mg/dL"
    shapes = {s.get("name"): s for s in panel.figure.figure_layout["shapes"] if s.get("name")}
    assert shapes["k_uncertainty"]["x0"] == pytest.approx(3.9)
    lo = float(from_mmol_per_l(0.47, "mg/dL", "Mg"))
    assert shapes["mg_uncertainty"]["x0"] == pytest.approx(lo, rel=1e-3)
    assert "measurement uncertainty" in panel.figure.alt_text
