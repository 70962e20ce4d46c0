"""The diet planner on the browser-side layer: for a sample of states its readout, text alternative, axis
title and stacked bars are what the data and plots functions give for that state (``data.dri``,
``plots.intake_data``, ``plots.intake_alt``), to display rounding, read through the same lookup the page uses
(``engine.Spec.view``); its tables match those functions on their whole grid; every control position gives a
view; bad input is refused with a message naming it.
"""

from __future__ import annotations

import itertools
import json
import random
import re

import numpy as np
import pytest

from mgk_helpers import data, plots
from mgk_helpers.explorers.diet import (
    AGE_RANGE,
    LIFE_STAGE_NOTE,
    LIFE_STAGES,
    N_SLOTS,
    SEXES,
    SLOT_TABLES,
    DietPlanner,
    diet_planner,
    planner_person_table,
)
from mgk_helpers.explorers.engine import unpack_tables
from mgk_helpers.model.foods import food_label

FOODS = data.foods()
DIET_NOTE = (
    "Food values are USDA SR28 estimates. The RDA/AI is a population reference, not a personal target; "
    "this planner shows what foods contain and is not advice on supplements."
)
#: notebook 07's call
NB07 = {"foods": {"oats": 1, "banana": 1, "potato_baked": 1, "yogurt_low_fat": 1}, "age": 72, "sex": "female"}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def dri_pair(sex: str, age: int, stage: str) -> tuple[data.DRIValue, data.DRIValue]:
    """The reference intakes straight from ``data.dri`` (pregnancy, breastfeeding: only for females 14–50)."""
    if not (sex == "female" and 14 <= age <= 50):
        stage = "neither"
    kw = {"pregnant": stage == "pregnant", "lactating": stage == "breastfeeding"}
    return data.dri("Mg", age, sex, **kw), data.dri("K", age, sex, **kw)


def expected_view(selection, sex: str, age: int, stage: str) -> dict:
    """Readout, alt text, axis title and slot traces as the kernel-driven planner's ``_update`` wrote them,
    plus what the port adds: a note when the life stage does not apply, and one when an empty slot's servings
    are above 0."""
    mg_ref, k_ref = dri_pair(sex, age, stage)
    used = stage if (sex == "female" and 14 <= age <= 50) else "neither"
    rda, ai = mg_ref.value_mg_per_day, k_ref.value_mg_per_day
    d = plots.intake_data(selection, FOODS, rda, ai)
    who = f"a {sex} aged {age}" + ("" if used == "neither" else f", {used}")
    text = (
        f"For {who} (life stage {mg_ref.life_stage}): Mg {mg_ref.kind} {rda:.0f} mg/day, "
        f"K {k_ref.kind} {ai:,.0f} mg/day."
    )
    if used != stage:
        text += LIFE_STAGE_NOTE.format(stage=stage)
    text += (
        f" Your foods give Mg {d['magnesium_mg']:.0f} mg "
        f"({d['magnesium_mmol']:.1f} mmol) = {d['magnesium_percent']:.0f}% of the {mg_ref.kind}, and K "
        f"{d['potassium_mg']:,.0f} mg ({d['potassium_mmol']:.1f} mmol) = "
        f"{d['potassium_percent']:.0f}% of the {k_ref.kind}."
    )
    if d["shares"]:
        mg_tot, k_tot = d["magnesium_mg"] or 1.0, d["potassium_mg"] or 1.0
        shares = "; ".join(
            f"{label} × {s:g}: {100 * mg / mg_tot:.0f}% of the Mg, {100 * k / k_tot:.0f}% of the K"
            for label, s, mg, k in d["shares"]
        )
        text += f" Share from each food: {shares}."
    else:
        text += " No food chosen yet."
    idle = [f"Food {i + 1}" for i, (f, s) in enumerate(selection) if f is None and s > 0]
    if idle:
        names = idle[0] if len(idle) == 1 else ", ".join(idle[:-1]) + " and " + idle[-1]
        where = "that slot" if len(idle) == 1 else "those slots"
        text += f" The servings of {names} have no effect: no food is chosen in {where}."
    waiting = [f"Food {i + 1}" for i, (f, s) in enumerate(selection) if f is not None and s == 0]
    if waiting:
        names = waiting[0] if len(waiting) == 1 else ", ".join(waiting[:-1]) + " and " + waiting[-1]
        verb, it = ("has", "it") if len(waiting) == 1 else ("have", "them")
        text += f" {names} {verb} a food chosen but 0 servings: raise the servings to count {it}."
    if mg_ref.ul_mg_per_day is not None:
        text += (
            f" The Mg upper level ({mg_ref.ul_mg_per_day:.0f} mg/day) applies to supplements and "
            "medicines, not to Mg in food."
        )
    axis = (
        f"% of the reference intake for<br>{who} ({mg_ref.life_stage}):<br>"
        f"Mg {mg_ref.kind} {rda:.0f} mg, K {k_ref.kind} {ai:,.0f} mg"
    )
    return {
        "readout": f"{text} {DIET_NOTE}",
        "alt": plots.intake_alt(d, rda, ai),
        "axis": axis,
        "slots": [d[f"slot{i}"] for i in range(len(selection))],
    }


def same_to_display(shown: str, expected: str) -> None:
    """The same text, and every number the same to its last shown digit (one unit apart at most: the page
    rounds half away from zero on float32 tables, Python's format half to even on float64)."""
    assert NUMBER.sub("#", shown) == NUMBER.sub("#", expected), (shown, expected)
    for a, b in zip(NUMBER.findall(shown), NUMBER.findall(expected), strict=True):
        digits = len(b.partition(".")[2])
        x, y = float(a.replace(",", "")), float(b.replace(",", ""))
        assert abs(x - y) <= 10.0**-digits * 1.0001, (a, b, shown)


def state_selection(ex: DietPlanner, state: dict[str, int]):
    spec = ex._spec
    out = []
    for i in range(1, N_SLOTS + 1):
        food = spec.control(f"food_{i}").values[state[f"food_{i}"]]
        out.append((food or None, float(spec.control(f"servings_{i}").values[state[f"servings_{i}"]])))
    return out


def person_of(ex: DietPlanner, state: dict[str, int]) -> tuple[str, int, str]:
    spec = ex._spec
    return (
        spec.control("sex").values[state["sex"]],
        int(spec.control("age").values[state["age"]]),
        spec.control("life_stage").values[state["life_stage"]],
    )


def check_state(ex: DietPlanner, state: dict[str, int]) -> None:
    data_, layout, readout, alt = ex._spec.view(state)
    sex, age, stage = person_of(ex, state)
    want = expected_view(state_selection(ex, state), sex, age, stage)
    same_to_display(readout, want["readout"])
    same_to_display(alt, want["alt"])
    same_to_display(layout["xaxis"]["title"]["text"], want["axis"])
    for i, slot in enumerate(want["slots"]):
        trace = next(t for t in data_ if t["uid"] == f"slot{i}")
        assert trace["x"] == pytest.approx(slot["x"], rel=1e-6, abs=1e-9)
        for got, want in zip(trace["customdata"], slot["customdata"], strict=True):
            assert got == pytest.approx(want, rel=1e-6, abs=1e-9)
        assert trace["name"] == slot["name"] and trace["showlegend"] == slot["showlegend"]


@pytest.fixture(scope="module")
def ex() -> DietPlanner:
    return diet_planner()


def sample_states(ex: DietPlanner, n: int, seed: int) -> list[dict[str, int]]:
    rng = random.Random(seed)
    controls = ex._spec.controls
    states = [{c.name: 0 for c in controls}, {c.name: len(c.values) - 1 for c in controls}]
    states += [{c.name: rng.randrange(len(c.values)) for c in controls} for _ in range(n)]
    # half of them with some empty slots whose servings are above 0, and some eaten slots at 0 servings
    for s in states[2 : 2 + n // 2]:
        for i in rng.sample(range(1, N_SLOTS + 1), 2):
            s[f"food_{i}"] = 0
    return states


# --- (1) the readout and the figure are what the data and plots functions give ---------------------------


def test_notebook_07_call_reads_like_the_kernel_planner():
    ex = diet_planner(**NB07)
    sel = [(f, float(s)) for f, s in NB07["foods"].items()] + [(None, 0.0)]
    want = expected_view(sel, "female", 72, "neither")
    assert ex.readout_text == want["readout"]  # to the character, here
    assert ex.figure.alt_text == want["alt"]
    assert ex.figure.figure_layout["xaxis"]["title"]["text"] == want["axis"]
    assert ex.selection() == sel
    assert [t["uid"] for t in ex.figure.data] == [f"slot{i}" for i in range(N_SLOTS)]


def test_sampled_states_match_intake_data_and_dri(ex):
    for state in sample_states(ex, 300, seed=7):
        check_state(ex, state)


@pytest.mark.parametrize(
    ("sex", "age", "stage"),
    [
        ("female", 13, "pregnant"),
        ("female", 14, "pregnant"),
        ("female", 50, "breastfeeding"),
        ("female", 51, "breastfeeding"),
        ("male", 30, "pregnant"),
        ("male", 30, "breastfeeding"),
        ("female", 1, "neither"),
        ("male", 100, "neither"),
    ],
)
def test_life_stage_edges_and_the_empty_plan(ex, sex, age, stage):
    """A life stage that does not apply reads as "neither" and says so; an empty plan divides by nothing."""
    base = ex._spec.default_state()
    person = {
        "sex": SEXES.index(sex),
        "age": age - AGE_RANGE[0],
        "life_stage": list(LIFE_STAGES).index(stage),
    }
    check_state(ex, {**base, **person})
    empty = {**base, **person, **{f"food_{i}": 0 for i in range(1, N_SLOTS + 1)}}
    check_state(ex, empty)
    _data, _layout, readout, _alt = ex._spec.view(empty)
    assert "No food chosen yet." in readout and "Share from each food" not in readout
    eaten_nothing = {**empty, "food_1": 3, **{f"servings_{i}": 0 for i in range(1, N_SLOTS + 1)}}
    check_state(ex, eaten_nothing)  # a food at 0 servings: nothing eaten, no share, no division by zero
    applies = sex == "female" and 14 <= age <= 50
    assert ("applies only to females aged 14–50" in readout) == (stage != "neither" and not applies)


def test_tables_match_the_data_on_their_whole_grid(ex):
    """Each slot table (a food × servings product) equals intake_data for every (food, servings) pair; the
    person table names the row data.dri gives for every (age, sex, life stage)."""
    spec = ex._spec
    foods_c, servings_c = spec.control("food_1"), spec.control("servings_1")
    pairs = list(itertools.product(range(len(foods_c.values)), range(len(servings_c.values))))
    sel = [(foods_c.values[f] or None, float(servings_c.values[s])) for f, s in pairs]
    d = plots.intake_data(sel, FOODS, 1.0, 1.0)
    for i in range(1, N_SLOTS + 1):
        got = {name: spec.tables[f"{name}{i}"] for name in SLOT_TABLES}
        for j, ((f, s), (food, servings)) in enumerate(zip(pairs, sel, strict=True)):
            state = {f"food_{i}": f, f"servings_{i}": s}
            (mg, mg_mmol), (k, k_mmol) = d[f"slot{j}"]["customdata"]
            used = food is not None and servings > 0
            for name, want in (("mg", mg), ("k", k), ("mg_mmol", mg_mmol), ("k_mmol", k_mmol)):
                assert got[name].values(state)[0] == pytest.approx(want, rel=1e-6), (name, food, servings)
            assert got["used"].values(state)[0] == used == d[f"slot{j}"]["showlegend"]
            assert got["idle"].values(state)[0] == (food is None and servings > 0)
            assert got["waiting"].values(state)[0] == (food is not None and servings == 0)
            assert got["mg_pos"].values(state)[0] == (mg > 0)
            assert got["k_pos"].values(state)[0] == (k > 0)
    ages = spec.control("age").values
    index, rows = planner_person_table(ages)
    assert np.array_equal(index, spec.tables["person"].data)
    for a, age in enumerate(ages):
        for s, sex in enumerate(SEXES):
            for t, stage in enumerate(LIFE_STAGES):
                mg, k = dri_pair(sex, int(age), stage)
                row = rows[int(index[0, a, s, t])]
                assert row[:3] == (mg.value_mg_per_day, mg.kind, mg.life_stage), (age, sex, stage)
                assert row[4:6] == (k.value_mg_per_day, k.kind), (age, sex, stage)
                assert (mg.ul_mg_per_day is None) == (row[3] == "")


def test_tables_survive_the_trip_to_the_page(ex):
    spec_json, buffer = ex._spec.to_json()
    tables = unpack_tables(spec_json["tables"], buffer)
    for name, table in ex._spec.tables.items():
        for a, b in zip(table.arrays(), tables[name].arrays(), strict=True):
            assert np.array_equal(a, b), name
    json.dumps(spec_json, allow_nan=False)


# --- (2) every grid point of every control gives a view -------------------------------------------------


def test_every_position_of_every_control_gives_a_view(ex):
    default = ex._spec.default_state()
    for c in ex._spec.controls:
        for i in range(len(c.values)):
            _data, _layout, readout, alt = ex._spec.view({**default, c.name: i})
            assert readout.startswith("For a ") and readout.endswith(DIET_NOTE) and alt


def test_python_controls_move_the_view_and_reset(ex):
    ex = diet_planner(**NB07)
    start = ex.readout_text
    ex.controls["servings_1"].value = 2
    ex.controls["food_5"].value = "pumpkin_seeds"
    ex.controls["servings_5"].value = 0.5
    assert "Oats × 2" in ex.readout_text and "Pumpkin seeds × 0.5" in ex.readout_text
    assert ex.selection()[4] == ("pumpkin_seeds", 0.5)
    check_state(ex, dict(ex.state))
    ex.reset_button.click()
    assert ex.readout_text == start


def test_off_grid_servings_start_at_the_nearest_grid_point():
    ex = diet_planner(foods={"oats": 1.2, "banana": 0.3})
    assert ex.selection()[:2] == [("oats", 1.0), ("banana", 0.5)]
    assert "Oats × 1:" in ex.readout_text and "Banana × 0.5:" in ex.readout_text


def test_size_of_the_page():
    ex = diet_planner(**NB07)
    assert len(ex.tables) < 40_000
    assert len(ex.static_html()) < 400_000


# --- (3) bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"foods": {"chips": 1}}, "food id 'chips'"),
        ({"foods": {"oats": 5}}, r"servings=5\.0 of oats is outside the valid range 0–4 servings"),
        ({"foods": {"oats": -1}}, "servings"),
        ({"foods": [(f, 1) for f in FOODS["food_id"][:6]]}, "6 foods given; the planner has 5 slots"),
        ({"age": 0}, r"age=0 years .* valid range 1–100 years"),
        ({"age": 101}, "age=101"),
        ({"age": 30.5}, "whole number"),
        ({"age": True}, "age"),
        ({"sex": "other"}, r"sex='other'; valid values are 'female', 'male'"),
        (
            {"life_stage": "retired"},
            "life_stage='retired'; valid values are neither, pregnant, breastfeeding",
        ),
        ({"sex": "male", "life_stage": "pregnant"}, "needs sex='female' and age 14–50 years"),
        ({"age": 60, "life_stage": "breastfeeding"}, "needs sex='female' and age 14–50 years"),
    ],
)
def test_bad_overrides_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        diet_planner(**kwargs)


def test_bad_control_values_are_refused(ex):
    with pytest.raises(ValueError, match=r"servings_1=4\.5 is outside the valid range 0–4"):
        ex.controls["servings_1"].value = 4.5
    with pytest.raises(ValueError, match=r"age.*years"):
        ex.controls["age"].value = 0
    with pytest.raises(ValueError, match="food_1='chips' is not an option"):
        ex.controls["food_1"].value = "chips"
    with pytest.raises(ValueError, match="life_stage"):
        ex.controls["life_stage"].value = "retired"
    assert food_label("oats") in ex.readout_text  # nothing moved
