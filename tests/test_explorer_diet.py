"""The food explorer on the browser-side layer: every state's readout, text alternative and bars are what
the foods table gives (``model.foods.sort_foods``, ``plots.top_foods_data``), read through the same lookup the
page uses (``engine.Spec.view`` / ``resolve``); bad input is refused with a message naming it.

The diet planner's tests are in ``tests/test_explorer_planner.py`` and ``tests/test_diet_lab_widgets.py``.
"""

from __future__ import annotations

import itertools
import json
import random

import pytest

from mgk_helpers import data, plots
from mgk_helpers.explorers.diet import (
    ALL_GROUPS,
    RATIO_BANDS,
    FoodExplorer,
    food_explorer,
    food_explorer_views,
)
from mgk_helpers.explorers.engine import resolve, unpack_tables
from mgk_helpers.model.foods import SORT_KEYS, food_label, sort_foods

FOODS = data.foods()
GROUPS = [ALL_GROUPS, *sorted(FOODS["food_group"].unique())]


def old_readout(table, sort_by, ratio_range, food_group) -> str:
    """The readout as the kernel-driven explorer wrote it (its ``_update``, verbatim)."""
    lo, hi = ratio_range
    if table.empty:
        return f"No food matches: K:Mg ratio {lo:.1f}–{hi:.1f}, {food_group}. Widen the filter."
    items = [
        f"{i}. {food_label(r.food_id)} ({r.serving}): Mg {r.magnesium_mg_per_serving:.0f} mg, "
        f"K {r.potassium_mg_per_serving:.0f} mg, K:Mg {r.k_to_mg_molar_ratio:.1f}"
        for i, r in enumerate(table.head(5).itertuples(), start=1)
    ]
    return (
        f"{len(table)} foods shown, sorted by {sort_by} (K:Mg ratio {lo:.1f}–{hi:.1f}; "
        f"{food_group}). Top {len(items)}: " + "; ".join(items) + ". "
        "USDA SR28 values per serving; estimates that vary between database releases."
    )


def group_arg(food_group: str) -> str | None:
    return None if food_group == ALL_GROUPS else food_group


@pytest.fixture(scope="module")
def ex() -> FoodExplorer:
    return food_explorer()


def all_states(ex):
    names = [c.name for c in ex._spec.controls]
    sizes = [len(c.values) for c in ex._spec.controls]
    for index in itertools.product(*(range(n) for n in sizes)):
        yield dict(zip(names, index, strict=True))


def values_at(ex, state):
    spec = ex._spec
    return tuple(spec.control(name).values[i] for name, i in state.items())


def test_the_order_read_off_sort_foods_is_sort_foods_for_every_filter():
    views = food_explorer_views(FOODS, GROUPS)
    for (key, band, group), ids in views.items():
        assert ids == sort_foods(FOODS, key, band, group_arg(group))["food_id"].tolist()


def test_every_state_reads_out_and_describes_what_the_foods_table_gives(ex):
    """(2) every state (every grid point of every control, combined): readout, alt text, bars."""
    spec = ex._spec
    expected = {}  # (sort, band, group, foods shown) → (readout, alt, bar labels), from the foods table
    matching = {}  # (sort, band, group) → how many foods pass the filters
    for key, band, group in itertools.product(SORT_KEYS, RATIO_BANDS.values(), GROUPS):
        full = sort_foods(FOODS, key, band, group_arg(group))
        matching[key, band, group] = len(full)
        for m in range(min(len(full), 20) + 1):
            table = full.head(m)
            text = (old_readout(table, key, band, group), plots.top_foods_alt(table, key))
            expected[key, band, group, m] = (*text, [food_label(f) for f in table["food_id"]])
    n_states = 0
    for state in all_states(ex):
        key, n, band, group = values_at(ex, state)
        readout, alt, labels = expected[key, band, group, min(n, matching[key, band, group])]
        assert resolve(spec, spec.readout, state) == readout
        assert resolve(spec, spec.alt, state) == alt
        assert resolve(spec, spec.traces[0]["source"], state) == labels
        n_states += 1
    assert n_states == len(SORT_KEYS) * 18 * len(RATIO_BANDS) * len(GROUPS)


def test_a_sample_of_states_draws_the_bars_of_top_foods_data(ex):
    """(1) the figure (bars, hover data, height) and the text equal the plots layer's, to display rounding."""
    rng = random.Random(6)
    states = list(all_states(ex))
    for state in [ex._spec.default_state(), *rng.sample(states, 40)]:
        key, n, band, group = values_at(ex, state)
        ex.state = state
        d = plots.top_foods_data(FOODS, key, n, band, group_arg(group))
        fig = plots.top_foods_figure(FOODS, key, n, band, group_arg(group))
        assert ex.readout_text == old_readout(d["table"], key, band, group)
        assert ex.figure.alt_text == fig.layout.meta["alt_text"]
        assert ex.figure.figure_layout["height"] == fig.layout.height
        for uid in ("mg", "k"):
            trace = ex.figure.data[ex.figure.trace_index(uid)]
            assert trace["y"] == list(d[uid]["y"])
            assert trace["x"] == pytest.approx(list(d[uid]["x"]))
            for got, want in zip(trace["customdata"], d[uid]["customdata"], strict=True):
                serving, ratio, mmol = want
                assert got[0] == serving and f"{got[1]:.1f}" == f"{ratio:.1f}"
                assert f"{got[2]:.2f}" == f"{mmol:.2f}"  # the hover shows mmol to 2 decimals
            assert trace["hovertemplate"] == fig.data[[t.uid for t in fig.data].index(uid)].hovertemplate
    ex.reset()


def test_python_controls_move_the_state_and_reset_restores_it():
    ex = food_explorer(sort_by="K per serving, highest first", n=5, ratio_range=(3, 8))
    default = ex.readout_text
    assert "5 foods shown, sorted by K per serving" in default and "K:Mg ratio 3.0–8.0" in default
    ex.controls["food_group"].value = "Legumes and Legume Products"
    ex.controls["n"].value = 20
    table = ex.table()
    legumes = sort_foods(FOODS, "K per serving, highest first", (3, 8), "Legumes and Legume Products")
    assert table["food_id"].tolist() == legumes["food_id"].tolist()
    assert f"{len(table)} foods shown" in ex.readout_text
    assert ex.controls["n"].value == 20 and isinstance(ex.controls["n"].value, int)
    assert ex.controls["n"].description == "Foods shown (number)" and ex.controls["n"].label == "20"
    ex.reset_button.click()
    assert ex.readout_text == default and ex.controls["ratio_range"].value == (3.0, 8.0)


def test_grid_ends_and_every_option_give_a_readout(ex):
    """(2) cheap: each control at each of its positions, the others at their defaults."""
    for c in ex._spec.controls:
        for i in range(len(c.values)):
            ex.state = {**ex._spec.default_state(), c.name: i}
            assert ex.readout_text.endswith(("releases.", "Widen the filter."))
            assert ex.figure.alt_text
    ex.reset()


def test_tables_and_spec_are_small_plain_json_and_round_trip(ex):
    spec_json, buffer = ex._spec.to_json()
    json.dumps(spec_json, allow_nan=False)
    assert len(ex.tables) < 60_000 and len(ex.static_html()) < 350_000
    tables = unpack_tables(spec_json["tables"], buffer)
    for name, table in ex._spec.tables.items():
        assert (tables[name].arrays()[0] == table.arrays()[0]).all()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"sort_by": "Mg per gram"}, "sort_by='Mg per gram'; valid keys are"),
        ({"n": 2}, r"n=2 foods must be an integer in the valid range 3–20"),
        ({"n": 21}, r"n=21 foods .* 3–20"),
        ({"n": 4.5}, r"n=4\.5 foods must be an integer"),
        ({"n": True}, r"n=True foods must be an integer"),
        ({"ratio_range": (-1.0, 5.0)}, r"ratio_range=\(-1\.0, 5\.0\) must lie in the valid range 0–25"),
        ({"ratio_range": (8.0, 3.0)}, r"ratio_range=\(8\.0, 3\.0\) must lie .*low ≤ high"),
        (
            {"ratio_range": (1.5, 7.0)},
            r"ratio_range=\(1\.5, 7\.0\) mol/mol is not one of the ratio bands; valid",
        ),
        ({"ratio_range": "wide"}, r"ratio_range='wide' must be \(low, high\) K:Mg molar ratios \(mol/mol\)"),
        ({"food_group": "Snacks"}, "food_group='Snacks'; valid groups are All food groups"),
    ],
)
def test_bad_input_is_refused_with_its_name_value_and_valid_range(kwargs, match):
    with pytest.raises(ValueError, match=match):
        food_explorer(**kwargs)


def test_bad_values_set_from_python_are_refused(ex):
    with pytest.raises(ValueError, match=r"n=25 is outside the valid range 3–20"):
        ex.controls["n"].value = 25
    with pytest.raises(ValueError, match=r"ratio_range=\(0\.0, 0\.5\) is not an option"):
        ex.controls["ratio_range"].value = (0.0, 0.5)
    with pytest.raises(ValueError, match="food_group='Snacks' is not an option"):
        ex.controls["food_group"].value = "Snacks"
    assert ex.state == ex._spec.default_state()
