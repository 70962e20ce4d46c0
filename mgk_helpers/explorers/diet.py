"""Explorers for notebook 06 (diet and supplements): a food explorer and a diet planner.

* :func:`food_explorer` — sort and filter the foods table (:func:`mgk_helpers.data.foods`, USDA SR28)
  by Mg or K per serving and by the K:Mg molar ratio; bar charts of the top foods.
* :func:`diet_planner` — pick foods and servings; the totals of Mg and K (mg and mmol) against the
  RDA (Mg) and AI (K) for a chosen age, sex, pregnancy or lactation from :func:`mgk_helpers.data.dri`
  (IOM 1997, NASEM 2019), and the share from each food.

The food explorer answers in the browser (:class:`mgk_helpers.explorers.base.Explorer`): its states are few
(sort key × number of foods × ratio band × food group), so every one is looked up in tables computed here.
The diet planner is still kernel-driven (:class:`mgk_helpers.explorers.legacy.Explorer` and
:class:`mgk_helpers.plotly_view.PlotlyView`): its totals are sums over five slots of food × servings, and the
lookup vocabulary (:mod:`.engine`) has no sum. The planner shows what foods contain; it never recommends a
supplement or an amount of one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd

from .. import plots
from ..model import data
from ..model.foods import K_COLUMN, MG_COLUMN, RATIO_COLUMN, SORT_KEYS, food_label, sort_foods
from ..plotly_view import PlotlyView
from ..plots.diet import TOP_FOODS_ALT, TOP_FOODS_ALT_EMPTY, top_food_phrase, top_foods_height
from .base import Explorer as BrowserExplorer
from .base import base_figure, choice_control, trace_number
from .engine import Control, Spec, Table
from .legacy import LAYOUT, STYLE, Explorer, slider

__all__ = [
    "AGE_RANGE",
    "ALL_GROUPS",
    "DEFAULT_PLAN",
    "FOOD_LEGEND",
    "FOOD_TITLE",
    "LIFE_STAGES",
    "N_SLOTS",
    "N_RANKS",
    "PREGNANCY_AGES",
    "RATIO_BANDS",
    "READOUT_EMPTY",
    "RATIO_SLIDER",
    "SERVINGS_RANGE",
    "DietPlanner",
    "FoodExplorer",
    "diet_planner",
    "food_explorer",
    "food_explorer_spec",
    "food_explorer_views",
]

#: Range of the K:Mg molar ratio (mol/mol) the food explorer filters on; the foods table spans 0.8–22.6.
RATIO_SLIDER: tuple[float, float] = (0.0, 25.0)
#: The food explorer's K:Mg molar ratio bands (label → (low, high), inclusive), after the rough families of
#: notebook 06: seeds, nuts and whole grains ≈ 1–2; peanuts and soy 2–3; beans, lentils and leafy greens
#: ≈ 3–8; fruit, tubers, juice and dairy ≈ 8–23.
RATIO_BANDS: dict[str, tuple[float, float]] = {
    "0–25 (all foods)": (0.0, 25.0),
    "0–2 (Mg-rich)": (0.0, 2.0),
    "2–3 (close to Mg-rich)": (2.0, 3.0),
    "3–8 (both)": (3.0, 8.0),
    "8–25 (K-rich)": (8.0, 25.0),
}
ALL_GROUPS = "All food groups"
#: How many foods the food explorer's readout lists by name.
N_RANKS = 5
FOOD_TITLE = "Foods rich in magnesium and potassium"
FOOD_LEGEND = (
    "<b>Sort by</b>: which amount orders the list. <b>Foods shown</b>: how many bars. "
    "<b>K:Mg molar ratio</b>: keep foods whose potassium-to-magnesium ratio (in moles) is in the band — "
    "about 1–2 for seeds, nuts and whole grains (mostly Mg), about 3–8 for legumes and leafy greens (both), "
    "about 8–23 for fruit, tubers, juice and dairy (mostly K). "
    "<b>Food group</b>: the USDA group. Hover a bar for the serving size and mmol."
)
#: The food explorer's readout when no food passes the filters.
READOUT_EMPTY = "No food matches: K:Mg ratio {lo:.1f}–{hi:.1f}, {group}. Widen the filter."

#: Number of food slots in the planner.
N_SLOTS = 5
#: Servings per food slot (number of servings; 0 = not eaten).
SERVINGS_RANGE: tuple[float, float] = (0.0, 4.0)
#: Age range of the planner, whole years (the DRI tables start at 1 year for RDAs; infants use AIs).
AGE_RANGE: tuple[int, int] = (1, 100)
#: Ages at which the DRI tables give pregnancy and lactation values: 14 ≤ age < 51.
PREGNANCY_AGES: tuple[int, int] = (14, 50)
#: Life-stage options: label → (pregnant, lactating).
LIFE_STAGES: dict[str, tuple[bool, bool]] = {
    "neither": (False, False),
    "pregnant": (True, False),
    "breastfeeding": (False, True),
}
#: The planner's starting foods (food id → servings): a mixed day chosen only to illustrate.
DEFAULT_PLAN: dict[str, float] = {"oats": 1.0, "banana": 1.0, "black_beans": 1.0, "almonds": 1.0}

_NO_FOOD = ""
_DIET_NOTE = (
    "Food values are USDA SR28 estimates. The RDA/AI is a population reference, not a personal target; "
    "this planner shows what foods contain and is not advice on supplements."
)


# =============================================================================================
# Food explorer
# =============================================================================================


class FoodExplorer(BrowserExplorer):
    """Sort and filter foods by Mg or K per serving and by K:Mg ratio; bars of the top foods.

    Answered in the browser: every (sort, number, ratio band, food group) state is looked up in tables
    computed here from :func:`mgk_helpers.model.foods.sort_foods` and :func:`mgk_helpers.plots.top_foods_data`
    (see :func:`food_explorer_spec`). The K:Mg ratio is chosen among the bands of :data:`RATIO_BANDS` (it
    was a free two-handle 0–25 slider): a free (low, high) pair gives 1,326 ranges, and the bars of every
    one, for every sort, number and group, would be megabytes of lookup tables (the vocabulary cannot slice
    a list).
    """

    title = FOOD_TITLE

    def __init__(
        self,
        sort_by: str = "Mg per serving, highest first",
        n: int = 10,
        ratio_range: tuple[float, float] = RATIO_SLIDER,
        food_group: str = ALL_GROUPS,
    ) -> None:
        self.foods = data.foods()
        super().__init__(food_explorer_spec(self.foods, sort_by, n, ratio_range, food_group))

    @staticmethod
    def _group(food_group: str) -> str | None:
        return None if food_group == ALL_GROUPS else food_group

    def table(self) -> pd.DataFrame:
        """The foods shown now, in order (a slice of :func:`mgk_helpers.data.foods`)."""
        c = self.controls
        d = plots.top_foods_data(
            self.foods, c["sort_by"].value, int(c["n"].value), tuple(c["ratio_range"].value),
            self._group(c["food_group"].value),
        )  # fmt: skip
        return d["table"]


def _ratio_band(ratio_range: Any) -> tuple[float, float]:
    """The ratio band ``ratio_range`` names, else ValueError naming the valid range and the bands."""
    try:
        lo, hi = (float(v) for v in ratio_range)
    except (TypeError, ValueError):
        raise ValueError(
            f"ratio_range={ratio_range!r} must be (low, high) K:Mg molar ratios (mol/mol)"
        ) from None
    if not RATIO_SLIDER[0] <= lo <= hi <= RATIO_SLIDER[1]:
        raise ValueError(f"ratio_range={ratio_range!r} must lie in the valid range 0–25 (low ≤ high)")
    for band in RATIO_BANDS.values():
        if np.allclose((lo, hi), band):
            return band
    bands = ", ".join(f"({a:g}, {b:g})" for a, b in RATIO_BANDS.values())
    raise ValueError(
        f"ratio_range={ratio_range!r} mol/mol is not one of the ratio bands; valid bands are {bands}"
    )


def food_explorer_views(
    foods: pd.DataFrame, groups: Sequence[str]
) -> dict[tuple[str, tuple[float, float], str], list[str]]:
    """Food ids shown, in order, for every (sort key, ratio band, food group), at most all of them.

    Read off :func:`~mgk_helpers.model.foods.sort_foods`: its filters (ratio band, food group) keep a subset
    and its order is a total one (column, then food id), so the foods of a filtered call are the full order
    for that key restricted to the foods both filters keep (``tests/test_explorer_diet.py`` checks every
    state against ``sort_foods`` itself). 4 orders + one call per band and per group, not one per state.
    """
    keys = list(SORT_KEYS)
    order = {k: sort_foods(foods, k)["food_id"].tolist() for k in keys}
    in_band = {b: set(sort_foods(foods, keys[0], b)["food_id"]) for b in RATIO_BANDS.values()}
    in_group = {
        g: set(foods["food_id"]) if g == ALL_GROUPS else set(sort_foods(foods, keys[0], None, g)["food_id"])
        for g in groups
    }
    return {
        (k, b, g): [f for f in order[k] if f in in_band[b] and f in in_group[g]]
        for k in keys
        for b in RATIO_BANDS.values()
        for g in groups
    }


def food_explorer_spec(
    foods: pd.DataFrame,
    sort_by: str = "Mg per serving, highest first",
    n: int = 10,
    ratio_range: tuple[float, float] = RATIO_SLIDER,
    food_group: str = ALL_GROUPS,
) -> Spec:
    """Controls, tables, figure and text of the food explorer (see :class:`FoodExplorer`).

    Tables (one member; no model uncertainty here): ``count`` — foods shown, over (n, band, group);
    ``rank1``…``rank5`` — 1 + the position in the foods table of the food at that rank (0: none), over
    (sort, band, group); ``bars`` — which of the distinct bar lists a state shows, over every control.
    """
    groups = [ALL_GROUPS, *sorted(foods["food_group"].unique())]
    if sort_by not in SORT_KEYS:
        raise ValueError(f"sort_by={sort_by!r}; valid keys are {', '.join(SORT_KEYS)}")
    if food_group not in groups:
        raise ValueError(f"food_group={food_group!r}; valid groups are {', '.join(groups)}")
    n_max = min(20, len(foods))
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= n_max:
        raise ValueError(f"n={n!r} foods must be an integer in the valid range 3–{n_max}")
    band = _ratio_band(ratio_range)
    sizes = list(range(3, n_max + 1))  # the grid of the "n" slider (step 1, as before)
    controls = [
        choice_control("sort_by", "Sort by", [(k, k) for k in SORT_KEYS], sort_by, kind="select"),
        # whole numbers, as the old IntSlider gave (range_control's grid is of floats)
        Control("n", "range", "Foods shown (number)", tuple(sizes), sizes.index(int(n)), digits=0),
        choice_control(
            "ratio_range", "K:Mg molar ratio (mol/mol)", list(RATIO_BANDS.items()), band, kind="select"
        ),
        choice_control("food_group", "Food group", [(g, g) for g in groups], food_group, kind="select"),
    ]
    bands = list(RATIO_BANDS.values())

    # per food: the bars' numbers, from the plots layer (every food, in the foods table's order)
    ids = foods["food_id"].tolist()
    every = plots.top_foods_data(foods, sort_by, len(foods))
    row_of = {f: i for i, f in enumerate(every["table"]["food_id"])}
    per_food = {
        f: {
            "y": every["mg"]["y"][row_of[f]],
            "mg_x": float(every["mg"]["x"][row_of[f]]),
            "k_x": float(every["k"]["x"][row_of[f]]),
            "mg_cd": _customdata(every["mg"]["customdata"][row_of[f]]),
            "k_cd": _customdata(every["k"]["customdata"][row_of[f]]),
        }
        for f in ids
    }
    rows = {f: foods.iloc[i] for i, f in enumerate(ids)}

    views = food_explorer_views(foods, groups)
    shape = (len(SORT_KEYS), len(sizes), len(RATIO_BANDS), len(groups))
    bars = np.zeros((1, *shape), dtype=np.float32)
    count = np.zeros((1, len(sizes), len(RATIO_BANDS), len(groups)), dtype=np.float32)
    ranks = np.zeros((N_RANKS, 1, len(SORT_KEYS), len(RATIO_BANDS), len(groups)), dtype=np.float32)
    distinct: dict[tuple[str, ...], int] = {}
    for i, k in enumerate(SORT_KEYS):
        for b, band_value in enumerate(bands):
            for g, group in enumerate(groups):
                shown = views[(k, band_value, group)]
                for r, f in enumerate(shown[:N_RANKS]):
                    ranks[r, 0, i, b, g] = 1 + ids.index(f)
                for j, size in enumerate(sizes):
                    key = tuple(shown[:size])
                    bars[0, i, j, b, g] = distinct.setdefault(key, len(distinct))
                    count[0, j, b, g] = len(key)
    lists = list(distinct)
    tables = {
        "bars": Table(("sort_by", "n", "ratio_range", "food_group"), bars),
        "count": Table(("n", "ratio_range", "food_group"), count),
        **{f"rank{r + 1}": Table(("sort_by", "ratio_range", "food_group"), ranks[r]) for r in range(N_RANKS)},
    }

    # the figure at the starting state, from the plots layer; the bars follow the state
    fig = plots.top_foods_figure(foods, sort_by, int(n), band, FoodExplorer._group(food_group))
    figure = base_figure(fig)

    def bar_values(prop: str) -> dict[str, Any]:
        return {"index": {"table": "bars"}, "values": [[per_food[f][prop] for f in ls] for ls in lists]}

    traces = []
    for uid in ("mg", "k"):
        t = trace_number(figure, uid)
        traces += [
            {"trace": t, "prop": "y", "source": bar_values("y")},
            {"trace": t, "prop": "x", "source": bar_values(f"{uid}_x")},
            {"trace": t, "prop": "customdata", "source": bar_values(f"{uid}_cd")},
        ]
    height = {"pick": "n", "values": [top_foods_height(size) for size in sizes]}

    def at_rank(r: int, text: Any) -> dict[str, Any]:
        return {"index": {"table": f"rank{r}"}, "values": ["", *(text(rows[f]) for f in ids)]}

    common = {"count": {"table": "count"}, "sort_by": {"control": "sort_by"}}
    fields = {
        **common,
        "group": {"control": "food_group"},
        "lo": {"pick": "ratio_range", "values": [lo for lo, _hi in bands]},
        "hi": {"pick": "ratio_range", "values": [hi for _lo, hi in bands]},
        **{f"item{r}": at_rank(r, _item) for r in range(1, N_RANKS + 1)},
    }
    alt_fields = {**common, "first": at_rank(1, top_food_phrase)}
    by_count = [[0, 0, True, True, READOUT_EMPTY]]
    by_count += [[m, m, True, True, _readout_template(m)] for m in range(1, N_RANKS)]
    by_count += [[N_RANKS, 1e300, True, True, _readout_template(N_RANKS)]]
    alt_by_count = [
        [0, 0, True, True, TOP_FOODS_ALT_EMPTY],
        [1, 1e300, True, True, TOP_FOODS_ALT],
    ]
    return Spec(
        title=FOOD_TITLE,
        controls=controls,
        tables=tables,
        figure=figure,
        traces=traces,
        layout=[{"path": "height", "source": height}],
        readout={"format": {"band": {"table": "count"}, "bands": by_count}, "fields": fields},
        alt={"format": {"band": {"table": "count"}, "bands": alt_by_count}, "fields": alt_fields},
        legend=FOOD_LEGEND,
    )


def _customdata(row: Sequence[Any]) -> list[Any]:
    """(serving, K:Mg ratio, mmol) of one bar; mmol rounded once to the 2 decimals the hover shows."""
    serving, ratio, mmol = row
    return [str(serving), float(ratio), round(float(mmol), 2)]


def _item(row: Any) -> str:
    """One food (a row of the foods table) as the readout lists it, after its rank ("1. ")."""
    return (
        f"{food_label(row['food_id'])} ({row['serving']}): Mg {row[MG_COLUMN]:.0f} mg, "
        f"K {row[K_COLUMN]:.0f} mg, K:Mg {row[RATIO_COLUMN]:.1f}"
    )


def _readout_template(m: int) -> str:
    """The readout when ``m`` (or, for 5, at least 5) foods are shown: the first ``min(m, 5)`` in words."""
    items = "; ".join(f"{r}. {{item{r}}}" for r in range(1, m + 1))
    return (
        "{count:.0f} foods shown, sorted by {sort_by} (K:Mg ratio {lo:.1f}–{hi:.1f}; {group}). "
        f"Top {m}: {items}. USDA SR28 values per serving; estimates that vary between database releases."
    )


def food_explorer(**kwargs: Any) -> FoodExplorer:
    """Explorer: sort and filter foods by Mg or K per serving and the K:Mg ratio; bars of the top foods.

    Keyword overrides: ``sort_by`` (a key of :data:`mgk_helpers.SORT_KEYS`), ``n`` (3–20),
    ``ratio_range`` (one of the bands of :data:`RATIO_BANDS`, e.g. ``(3, 8)``), ``food_group``.
    """
    return FoodExplorer(**kwargs)


# =============================================================================================
# Diet planner
# =============================================================================================


def _plan_items(
    foods_plan: Mapping[str, float] | Sequence[tuple[str, float]] | None,
) -> list[tuple[str, float]]:
    plan = DEFAULT_PLAN if foods_plan is None else foods_plan
    items = list(plan.items()) if isinstance(plan, Mapping) else list(plan)
    if len(items) > N_SLOTS:
        raise ValueError(f"foods: {len(items)} foods given; the planner has {N_SLOTS} slots")
    return [(str(f), float(s)) for f, s in items]


class DietPlanner(Explorer):
    """Pick foods and servings; totals of Mg and K against the RDA/AI of a chosen person."""

    title = "Diet planner: your foods against the RDA and AI"

    def __init__(
        self,
        foods: Mapping[str, float] | Sequence[tuple[str, float]] | None = None,
        age: int = 35,
        sex: str = "female",
        life_stage: str = "neither",
    ) -> None:
        self.foods = data.foods()
        plan = _plan_items(foods)
        ids = set(self.foods["food_id"])
        lo_s, hi_s = SERVINGS_RANGE
        for food_id, servings in plan:
            if food_id not in ids:
                raise ValueError(f"food id {food_id!r} is not in data/foods.csv")
            if not lo_s <= servings <= hi_s:
                raise ValueError(
                    f"servings={servings!r} of {food_id} is outside the valid range 0–4 servings"
                )
        if (
            isinstance(age, bool)
            or not isinstance(age, (int, np.integer))
            or not AGE_RANGE[0] <= age <= AGE_RANGE[1]
        ):
            raise ValueError(f"age={age!r} years must be a whole number in the valid range 1–100 years")
        if sex not in ("female", "male"):
            raise ValueError(f"sex={sex!r}; valid values are 'female', 'male'")
        if life_stage not in LIFE_STAGES:
            raise ValueError(f"life_stage={life_stage!r}; valid values are {', '.join(LIFE_STAGES)}")
        if life_stage != "neither" and not (
            sex == "female" and PREGNANCY_AGES[0] <= age <= PREGNANCY_AGES[1]
        ):
            raise ValueError(
                f"life_stage={life_stage!r} needs sex='female' and age 14–50 years (got {sex!r}, {age})"
            )
        options = [("(no food)", _NO_FOOD)] + sorted(
            ((f"{food_label(r.food_id)} ({r.serving})", r.food_id) for r in self.foods.itertuples()),
            key=lambda t: t[0].lower(),
        )
        controls: dict[str, w.Widget] = {
            "sex": w.ToggleButtons(options=["female", "male"], value=sex, description="Sex", style=STYLE),
            "age": w.IntSlider(
                value=int(age), min=AGE_RANGE[0], max=AGE_RANGE[1], step=1, description="Age (years)",
                style=STYLE, layout=LAYOUT,
            ),
            "life_stage": w.Dropdown(
                options=list(LIFE_STAGES), value=life_stage, description="Pregnancy or breastfeeding",
                style=STYLE, layout=LAYOUT,
            ),
        }  # fmt: skip
        for i in range(N_SLOTS):
            food_id, servings = plan[i] if i < len(plan) else (_NO_FOOD, 0.0)
            controls[f"food_{i + 1}"] = w.Dropdown(
                options=options, value=food_id, description=f"Food {i + 1}", style=STYLE,
                layout=w.Layout(width="min(100%, 420px)"),
            )  # fmt: skip
            controls[f"servings_{i + 1}"] = slider(
                f"Food {i + 1} servings (number)", servings, lo_s, hi_s, 0.5, ".1f", True
            )
        mg_ref, k_ref = self._references(sex, int(age), life_stage)
        fig = plots.intake_figure(self._selection_from(controls), self.foods, mg_ref.value_mg_per_day,
                                       k_ref.value_mg_per_day)  # fmt: skip
        legend = (
            "<b>Sex</b>, <b>Age</b> and <b>Pregnancy or breastfeeding</b> choose the reference intake "
            "(Mg RDA, K AI; pregnancy and breastfeeding values exist for females aged 14–50). "
            "<b>Food 1–5</b> and "
            "their <b>servings</b> choose what is eaten (one serving is the size shown in brackets). The "
            "dashed line is 100% of the reference intake."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)
        self._arrange()

    def _arrange(self) -> None:
        """Lay the food slots out as rows of (food, servings) to keep the panel short."""
        c = self.controls
        rows = [
            w.HBox([c[f"food_{i + 1}"], c[f"servings_{i + 1}"]], layout=w.Layout(flex_flow="row wrap"))
            for i in range(N_SLOTS)
        ]
        person = [c["sex"], c["age"], c["life_stage"]]
        title = self.children[0]
        rest = [ch for ch in self.children[1:] if ch not in c.values()]
        self.children = [title, *person, *rows, *rest]

    @staticmethod
    def _references(sex: str, age: int, life_stage: str):
        pregnant, lactating = LIFE_STAGES[life_stage]
        kw = {"age_years": age, "sex": sex, "pregnant": pregnant, "lactating": lactating}
        return data.dri("Mg", **kw), data.dri("K", **kw)

    @staticmethod
    def _selection_from(controls: Mapping[str, w.Widget]) -> list[tuple[str | None, float]]:
        return [
            (controls[f"food_{i + 1}"].value or None, float(controls[f"servings_{i + 1}"].value))
            for i in range(N_SLOTS)
        ]

    def selection(self) -> list[tuple[str | None, float]]:
        """The current (food id or None, servings) of each slot."""
        return self._selection_from(self.controls)

    def _sync_life_stage(self) -> str:
        """Allow pregnancy/breastfeeding only for females aged 14–50; otherwise fix it to "neither"."""
        c = self.controls
        allowed = c["sex"].value == "female" and PREGNANCY_AGES[0] <= c["age"].value <= PREGNANCY_AGES[1]
        with self._quiet():
            if not allowed:
                c["life_stage"].value = "neither"
            c["life_stage"].disabled = not allowed
        return c["life_stage"].value

    def references(self):
        """(Mg DRIValue, K DRIValue) for the person chosen now."""
        c = self.controls
        return self._references(c["sex"].value, int(c["age"].value), self._sync_life_stage())

    def _update(self) -> None:
        c = self.controls
        for i in range(1, N_SLOTS + 1):  # servings of an empty slot would do nothing: grey them out
            c[f"servings_{i}"].disabled = c[f"food_{i}"].value == _NO_FOOD
        mg_ref, k_ref = self.references()
        mg_rda, k_ai = mg_ref.value_mg_per_day, k_ref.value_mg_per_day
        d = plots.intake_data(self.selection(), self.foods, mg_rda, k_ai)
        traces = {f"slot{i}": d[f"slot{i}"] for i in range(N_SLOTS)}
        life_stage = c["life_stage"].value
        who = f"a {c['sex'].value} aged {c['age'].value}" + (
            "" if life_stage == "neither" else f", {life_stage}"
        )
        # the axis title names the person, so the figure says whose reference intake the bars use; three
        # short lines, so that it is not cut off where the figure is narrow
        axis = (
            f"% of the reference intake for<br>{who} ({mg_ref.life_stage}):<br>"
            f"Mg {mg_ref.kind} {mg_rda:.0f} mg, K {k_ref.kind} {k_ai:,.0f} mg"
        )
        self.figure.patch(
            traces=traces,
            layout={"xaxis": {"title": {"text": axis}}},
            alt_text=plots.intake_alt(d, mg_rda, k_ai),
        )
        text = (
            f"For {who} (life stage {mg_ref.life_stage}): Mg {mg_ref.kind} {mg_rda:.0f} mg/day, "
            f"K {k_ref.kind} {k_ai:,.0f} mg/day. Your foods give Mg {d['magnesium_mg']:.0f} mg "
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
        if mg_ref.ul_mg_per_day is not None:
            text += (
                f" The Mg upper level ({mg_ref.ul_mg_per_day:.0f} mg/day) applies to supplements and "
                "medicines, not to Mg in food."
            )
        self._set_readout(f"{text} {_DIET_NOTE}")


def diet_planner(**kwargs: Any) -> DietPlanner:
    """Explorer: pick up to five foods and servings; totals of Mg and K (mg, mmol) against the RDA/AI
    for a chosen age, sex, pregnancy or breastfeeding, and the share from each food.

    Keyword overrides: ``foods`` (food id → servings, or a list of pairs), ``age`` (1–100 years),
    ``sex`` ("female"/"male"), ``life_stage`` ("neither", "pregnant", "breastfeeding"). It never
    recommends a supplement or an amount of one.
    """
    return DietPlanner(**kwargs)
