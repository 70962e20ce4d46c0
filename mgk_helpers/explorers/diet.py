"""Explorers for notebook 06 (diet and supplements): a food explorer and a diet planner.

* :func:`food_explorer` — sort and filter the foods table (:func:`mgk_helpers.data.foods`, USDA SR28)
  by Mg or K per serving and by the K:Mg molar ratio; bar charts of the top foods.
* :func:`diet_planner` — pick foods and servings; the totals of Mg and K (mg and mmol) against the
  RDA (Mg) and AI (K) for a chosen age, sex, pregnancy or lactation from :func:`mgk_helpers.data.dri`
  (IOM 1997, NASEM 2019), and the share from each food.

Both answer in the browser (:class:`mgk_helpers.explorers.base.Explorer`). The food explorer's states are few
(sort key × number of foods × ratio band × food group), so every one is looked up in tables computed here.
The diet planner looks up each slot's Mg and K over (food, servings) and the reference intake over (age, sex,
life stage), all computed here; the page only adds the slots up and divides by the reference (``sum``, ``mul``
and ``div`` of looked-up answers). The planner shows what foods contain; it never recommends a supplement or
an amount of one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import plots
from ..model import data
from ..model.foods import K_COLUMN, MG_COLUMN, RATIO_COLUMN, SORT_KEYS, food_label, sort_foods
from ..plots.diet import INTAKE_ALT, TOP_FOODS_ALT, TOP_FOODS_ALT_EMPTY, top_food_phrase, top_foods_height
from .base import Explorer as BrowserExplorer
from .base import base_figure, choice_control, grid, range_control, trace_number
from .engine import Control, Spec, Table

__all__ = [
    "AGE_RANGE",
    "ALL_GROUPS",
    "DEFAULT_PLAN",
    "FOOD_LEGEND",
    "FOOD_TITLE",
    "LIFE_STAGES",
    "LIFE_STAGE_NOTE",
    "N_SLOTS",
    "N_RANKS",
    "PLANNER_LEGEND",
    "PLANNER_TITLE",
    "PREGNANCY_AGES",
    "RATIO_BANDS",
    "READOUT_EMPTY",
    "RATIO_SLIDER",
    "SERVINGS_RANGE",
    "SERVINGS_STEP",
    "SEXES",
    "SLOT_TABLES",
    "DietPlanner",
    "FoodExplorer",
    "diet_planner",
    "diet_planner_spec",
    "effective_life_stage",
    "food_explorer",
    "food_explorer_spec",
    "food_explorer_views",
    "life_stage_applies",
    "planner_person_table",
    "planner_references",
    "planner_slot_factors",
]

#: Range of the K:Mg molar ratio (mol/mol) the food explorer filters on; the foods table spans 0.8–22.6.
RATIO_SLIDER: tuple[float, float] = (0.0, 25.0)
#: The food explorer's K:Mg molar ratio bands (label → (low, high), inclusive), after the rough families of
#: notebook 06: seeds, nuts and whole grains ≈ 1–2; peanuts and soy 2–3; beans, lentils and leafy greens
#: ≈ 3–8; fruit, tubers, juice and dairy ≈ 8–23.
RATIO_BANDS: dict[str, tuple[float, float]] = {
    "0–25 (all foods)": (0.0, 25.0),
    "0–2 (mostly Mg)": (0.0, 2.0),
    "2–3 (near the Mg family: peanuts, soy)": (2.0, 3.0),
    "3–8 (mixed)": (3.0, 8.0),
    "8–25 (mostly K)": (8.0, 25.0),
}
ALL_GROUPS = "All food groups"
#: How many foods the food explorer's readout lists by name.
N_RANKS = 5
FOOD_TITLE = "Foods rich in magnesium and potassium"
FOOD_LEGEND = (
    "<b>Sort by</b>: which amount orders the list. <b>Foods shown</b>: how many bars. "
    "<b>K:Mg molar ratio</b>: keep foods whose potassium-to-magnesium ratio (in moles) is in the band — "
    "about 1–2 for seeds, nuts and whole grains (mostly Mg), about 3–8 for beans, lentils and leafy greens "
    "(mixed), about 8–23 for fruit, tubers, juice and dairy (mostly K). The bands are ratio cut-offs, not "
    "food families, and say which mineral dominates, not how much a serving holds. "
    "<b>Food group</b>: the USDA group. Hover a bar for the serving size and mmol."
)
#: The food explorer's readout when no food passes the filters.
READOUT_EMPTY = "No food matches: K:Mg ratio {lo:.1f}–{hi:.1f}, {group}. Widen the filter."

#: Number of food slots in the planner.
N_SLOTS = 5
#: Servings per food slot (number of servings; 0 = not eaten).
SERVINGS_RANGE: tuple[float, float] = (0.0, 4.0)
#: Step of the servings sliders (the old sliders' step).
SERVINGS_STEP = 0.5
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
# =============================================================================================
# Diet planner
# =============================================================================================

PLANNER_TITLE = "Diet planner: your foods against the RDA and AI"
PLANNER_LEGEND = (
    "<b>Sex</b>, <b>Age</b> and <b>Pregnancy or breastfeeding</b> choose the reference intake "
    "(Mg RDA, K AI). Pregnancy and breastfeeding values exist only for females aged 14–50; for anyone else "
    "the planner uses the values for neither (the readout says so). <b>Food 1–5</b> and their "
    "<b>servings</b> choose what is eaten (one serving is the size shown in brackets; a slot's servings "
    "count only once a food is chosen in it). The dashed line is 100% of the reference intake."
)
#: The readout's note when the chosen life stage does not apply to the person (filled with the stage).
LIFE_STAGE_NOTE = (
    " The life stage “{stage}” applies only to females aged 14–50, so the reference intake shown is the one "
    "for neither pregnancy nor breastfeeding."
)
#: The sexes the DRI tables cover, in the order of the planner's "Sex" control.
SEXES: tuple[str, ...] = ("female", "male")
#: The per-slot tables of the planner: the Mg and K of a slot (mg and mmol; each is servings × the amount in
#: one serving), and 0/1 flags: ``used`` (a food and servings > 0: the slot counts), ``idle`` (servings > 0
#: but no food: the slider does nothing), ``waiting`` (a food at 0 servings: it counts once servings are above
#: 0), ``mg_pos``/``k_pos`` (the slot adds some Mg / K).
SLOT_TABLES: tuple[str, ...] = ("mg", "k", "mg_mmol", "k_mmol", "used", "idle", "waiting", "mg_pos", "k_pos")
_HUNDRED = {"const": 100.0}


def _plan_items(
    foods_plan: Mapping[str, float] | Sequence[tuple[str, float]] | None,
) -> list[tuple[str, float]]:
    plan = DEFAULT_PLAN if foods_plan is None else foods_plan
    items = list(plan.items()) if isinstance(plan, Mapping) else list(plan)
    if len(items) > N_SLOTS:
        raise ValueError(f"foods: {len(items)} foods given; the planner has {N_SLOTS} slots")
    return [(str(f), float(s)) for f, s in items]


def life_stage_applies(sex: str, age: float) -> bool:
    """Whether the DRI tables give pregnancy and breastfeeding values for this person (females aged 14–50)."""
    return sex == "female" and PREGNANCY_AGES[0] <= age <= PREGNANCY_AGES[1]


def effective_life_stage(sex: str, age: float, life_stage: str) -> str:
    """The life stage the reference intake uses: ``life_stage`` where it applies, else ``"neither"``."""
    return life_stage if life_stage_applies(sex, age) else "neither"


def planner_references(sex: str, age: int, life_stage: str) -> tuple[data.DRIValue, data.DRIValue]:
    """(Mg DRIValue, K DRIValue) of :func:`mgk_helpers.data.dri` for the person, a life stage that does not
    apply being read as "neither" (:func:`effective_life_stage`)."""
    pregnant, lactating = LIFE_STAGES[effective_life_stage(sex, age, life_stage)]
    kw = {"age_years": age, "sex": sex, "pregnant": pregnant, "lactating": lactating}
    return data.dri("Mg", **kw), data.dri("K", **kw)


def _person_row(mg: data.DRIValue, k: data.DRIValue, stage: str, used: str) -> tuple[Any, ...]:
    """What the planner shows of one person's reference intake (everything but the age and the sex)."""
    ul = (
        ""
        if mg.ul_mg_per_day is None
        else f" The Mg upper level ({mg.ul_mg_per_day:.0f} mg/day) applies to supplements and medicines, "
        "not to Mg in food."
    )
    suffix = "" if used == "neither" else f", {used}"
    note = "" if stage == used else LIFE_STAGE_NOTE.format(stage=stage)
    return (mg.value_mg_per_day, mg.kind, mg.life_stage, ul, k.value_mg_per_day, k.kind, suffix, note)


def planner_person_table(ages: Sequence[int]) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
    """The reference intake over (age, sex, life stage): ``(index, rows)``.

    ``index`` (shape ``(1, ages, 2, 3)``) names, per state, one of the distinct ``rows`` (Mg RDA, Mg kind,
    Mg life-stage label, UL sentence, K AI, K kind, life-stage suffix, life-stage note) read off
    :func:`planner_references`. :func:`mgk_helpers.data.dri` is called once per DRI age band and person (its
    table is constant on each band: ``age_min ≤ age < age_max``), not once per age; the planner's tests check
    every state against :func:`~mgk_helpers.data.dri` itself.
    """
    dris = data.dris()
    bounds = np.unique(
        np.concatenate(
            [dris["age_min_years"].to_numpy(float), dris["age_max_years"].dropna().to_numpy(float)]
        )
    )
    band = np.searchsorted(bounds, np.asarray(ages, dtype=float), side="right")
    first: dict[int, int] = {}  # DRI age band → the first grid age in it
    for a, b in zip(ages, band, strict=True):
        first.setdefault(int(b), int(a))
    looked_up: dict[tuple[int, str, str], tuple[data.DRIValue, data.DRIValue]] = {}
    rows: dict[tuple[Any, ...], int] = {}
    index = np.zeros((1, len(ages), len(SEXES), len(LIFE_STAGES)), dtype=np.float32)
    for i, a in enumerate(ages):
        for j, sex in enumerate(SEXES):
            for s, stage in enumerate(LIFE_STAGES):
                used = effective_life_stage(sex, a, stage)
                key = (first[int(band[i])], sex, used)
                if key not in looked_up:
                    looked_up[key] = planner_references(sex, key[0], used)
                row = _person_row(*looked_up[key], stage, used)
                index[0, i, j, s] = rows.setdefault(row, len(rows))
    return index, list(rows)


def planner_slot_factors(foods: pd.DataFrame, food_ids: Sequence[str], servings: Sequence[float]):
    """Per slot table (:data:`SLOT_TABLES`), its two factors: over the food options (``food_ids``, ``""``
    = no food) and over the servings grid. Amounts are read off :func:`mgk_helpers.plots.intake_data` at one
    serving of every food (it gives servings × the amount per serving: an exact product of the two)."""
    chosen = [f for f in food_ids if f]
    d = plots.intake_data([(f, 1.0) for f in chosen], foods, 1.0, 1.0)
    per = {f: d[f"slot{j}"]["customdata"] for j, f in enumerate(chosen)}  # [[mg, mmol], [k, mmol]]

    def by_food(value: Any) -> list[float]:
        return [float(value(per[f])) if f else 0.0 for f in food_ids]

    s = np.asarray(servings, dtype=float)
    eaten = (s > 0).astype(float).tolist()
    some = [1.0 if f else 0.0 for f in food_ids]
    return {
        "mg": (by_food(lambda c: c[0][0]), s.tolist()),
        "k": (by_food(lambda c: c[1][0]), s.tolist()),
        "mg_mmol": (by_food(lambda c: c[0][1]), s.tolist()),
        "k_mmol": (by_food(lambda c: c[1][1]), s.tolist()),
        "used": (some, eaten),
        "idle": ([1.0 - x for x in some], eaten),
        "waiting": (some, [1.0 - x for x in eaten]),
        "mg_pos": (by_food(lambda c: c[0][0] > 0), eaten),
        "k_pos": (by_food(lambda c: c[1][0] > 0), eaten),
    }


def _slots_phrase(slots: Sequence[int]) -> str:
    names = [f"Food {i}" for i in slots]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _idle_text(pattern: int) -> str:
    """The readout's note on the slots (bits of ``pattern``) whose servings are > 0 but hold no food."""
    slots = [i for i in range(1, N_SLOTS + 1) if pattern >> (i - 1) & 1]
    if not slots:
        return ""
    if len(slots) == 1:
        return f" The servings of {_slots_phrase(slots)} have no effect: no food is chosen in that slot."
    return f" The servings of {_slots_phrase(slots)} have no effect: no food is chosen in those slots."


def _waiting_text(pattern: int) -> str:
    """The readout's note on the slots (bits of ``pattern``) that hold a food at 0 servings."""
    slots = [i for i in range(1, N_SLOTS + 1) if pattern >> (i - 1) & 1]
    if not slots:
        return ""
    verb = "has" if len(slots) == 1 else "have"
    it = "it" if len(slots) == 1 else "them"
    return f" {_slots_phrase(slots)} {verb} a food chosen but 0 servings: raise the servings to count {it}."


def _shares_template(pattern: int) -> str:
    """The readout's share of each food, for the slots (bits of ``pattern``) that hold a food eaten."""
    slots = [i for i in range(1, N_SLOTS + 1) if pattern >> (i - 1) & 1]
    if not slots:
        return " No food chosen yet."
    items = "; ".join(
        f"{{label{i}}} × {{servings{i}}}: {{mg_share{i}:.0f}}% of the Mg, {{k_share{i}:.0f}}% of the K"
        for i in slots
    )
    return f" Share from each food: {items}."


def _pattern(table: str) -> dict[str, Any]:
    """A source: Σ flag_i · 2^(i-1) of the per-slot 0/1 table ``table`` (which slots are flagged)."""
    return {
        "sum": [
            {"mul": [{"table": f"{table}{i}"}, {"const": float(2 ** (i - 1))}]} for i in range(1, N_SLOTS + 1)
        ]
    }


def _total(table: str) -> dict[str, Any]:
    return {"sum": [{"table": f"{table}{i}"} for i in range(1, N_SLOTS + 1)]}


def diet_planner_spec(
    foods: pd.DataFrame,
    plan: Mapping[str, float] | Sequence[tuple[str, float]] | None = None,
    age: int = 35,
    sex: str = "female",
    life_stage: str = "neither",
) -> Spec:
    """Controls, tables, figure and text of the diet planner (see :class:`DietPlanner`).

    Tables: per slot ``i`` (1–5), :data:`SLOT_TABLES` over (``food_i``, ``servings_i``), each an exact
    product of a factor per food and a factor per servings (:func:`planner_slot_factors`); ``person`` over
    (age, sex, life stage), which reference row applies (:func:`planner_person_table`). The page adds the
    slots up and divides by the reference intake (``sum``, ``mul``, ``div`` of looked-up answers).
    """
    items = _plan_items(plan)
    ids = set(foods["food_id"])
    lo_s, hi_s = SERVINGS_RANGE
    for food_id, servings in items:
        if food_id not in ids:
            raise ValueError(f"food id {food_id!r} is not in data/foods.csv")
        if not lo_s <= servings <= hi_s:
            raise ValueError(f"servings={servings!r} of {food_id} is outside the valid range 0–4 servings")
    if (
        isinstance(age, bool)
        or not isinstance(age, (int, np.integer))
        or not AGE_RANGE[0] <= age <= AGE_RANGE[1]
    ):
        raise ValueError(f"age={age!r} years must be a whole number in the valid range 1–100 years")
    if sex not in SEXES:
        raise ValueError(f"sex={sex!r}; valid values are 'female', 'male'")
    if life_stage not in LIFE_STAGES:
        raise ValueError(f"life_stage={life_stage!r}; valid values are {', '.join(LIFE_STAGES)}")
    if life_stage != "neither" and not life_stage_applies(sex, age):
        raise ValueError(
            f"life_stage={life_stage!r} needs sex='female' and age 14–50 years (got {sex!r}, {age})"
        )

    food_options = [("(no food)", _NO_FOOD)] + sorted(
        ((f"{food_label(r.food_id)} ({r.serving})", r.food_id) for r in foods.itertuples()),
        key=lambda t: t[0].lower(),
    )
    food_ids = [v for _label, v in food_options]
    ages = tuple(range(AGE_RANGE[0], AGE_RANGE[1] + 1))
    controls = [
        choice_control("sex", "Sex", [(s, s) for s in SEXES], sex),
        # whole years, as the old IntSlider gave (range_control's grid is of floats)
        Control("age", "range", "Age", ages, ages.index(int(age)), unit="years", digits=0),
        choice_control(
            "life_stage",
            "Pregnancy or breastfeeding",
            [(s, s) for s in LIFE_STAGES],
            life_stage,
            kind="select",
        ),
    ]
    for i in range(1, N_SLOTS + 1):
        food_id, servings = items[i - 1] if i <= len(items) else (_NO_FOOD, 0.0)
        controls += [
            choice_control(f"food_{i}", f"Food {i}", food_options, food_id, kind="select"),
            # a count: "(number)" in the label, as before, and the value shown bare ("1.5", not "1.5 number")
            range_control(
                f"servings_{i}", f"Food {i} servings (number)", "", servings, lo_s, hi_s, SERVINGS_STEP, 1
            ),
        ]
    by_name = {c.name: c for c in controls}
    grid_servings = grid(lo_s, hi_s, SERVINGS_STEP)  # the servings sliders' grid (range_control's)

    # tables: per slot, the food × servings products; the reference intake over the person
    factors = planner_slot_factors(foods, food_ids, grid_servings)
    tables = {
        f"{name}{i}": Table(
            (f"food_{i}", f"servings_{i}"), ([factors[name][0]], [factors[name][1]]), product=True
        )
        for i in range(1, N_SLOTS + 1)
        for name in SLOT_TABLES
    }
    person_index, rows = planner_person_table(ages)
    tables["person"] = Table(("age", "sex", "life_stage"), person_index)

    def person(k: int) -> dict[str, Any]:
        return {"index": {"table": "person"}, "values": [r[k] for r in rows]}

    mg_ref, mg_kind, mg_stage, ul, k_ref, k_kind, suffix, note = (person(k) for k in range(8))

    # the default figure, from the plots layer, at the grid point the controls start on
    start = [
        (food_ids[by_name[f"food_{i}"].index] or None, float(grid_servings[by_name[f"servings_{i}"].index]))
        for i in range(1, N_SLOTS + 1)
    ]  # fmt: skip
    refs = planner_references(sex, int(age), life_stage)
    figure = base_figure(
        plots.intake_figure(start, foods, refs[0].value_mg_per_day, refs[1].value_mg_per_day)
    )

    def slot(name: str, i: int) -> dict[str, Any]:
        return {"table": f"{name}{i}"}

    def percent(amount: dict[str, Any], reference: dict[str, Any]) -> dict[str, Any]:
        return {"div": [{"mul": [_HUNDRED, amount]}, reference]}

    labels = {
        i: {"pick": f"food_{i}", "values": [food_label(f) if f else "" for f in food_ids]}
        for i in range(1, N_SLOTS + 1)
    }
    servings_text = {
        i: {"pick": f"servings_{i}", "values": [f"{s:g}" for s in grid_servings]}
        for i in range(1, N_SLOTS + 1)
    }
    traces = []
    for i in range(1, N_SLOTS + 1):
        t = trace_number(figure, f"slot{i - 1}")
        used = slot("used", i)
        traces += [
            {
                "trace": t,
                "prop": "x",
                "source": {"list": [percent(slot("mg", i), mg_ref), percent(slot("k", i), k_ref)]},
            },
            {
                "trace": t,
                "prop": "name",
                "source": {
                    "format": {"index": used, "values": ["(empty)", "{label} × {servings}"]},
                    "fields": {"label": labels[i], "servings": servings_text[i]},
                },
            },
            {
                "trace": t,
                "prop": "customdata",
                "source": {
                    "list": [
                        {"list": [slot("mg", i), slot("mg_mmol", i)]},
                        {"list": [slot("k", i), slot("k_mmol", i)]},
                    ]
                },
            },
            {"trace": t, "prop": "showlegend", "source": {"index": used, "values": [False, True]}},
        ]

    total_mg, total_k = _total("mg"), _total("k")
    # each food's share divides by the total; an empty plan (total 0) divides by 1, as the old planner did
    nothing = [1.0] + [0.0] * N_SLOTS
    mg_divisor = {
        "sum": [
            total_mg,
            {"index": {"sum": [slot("mg_pos", i) for i in range(1, N_SLOTS + 1)]}, "values": nothing},
        ]
    }
    k_divisor = {
        "sum": [
            total_k,
            {"index": {"sum": [slot("k_pos", i) for i in range(1, N_SLOTS + 1)]}, "values": nothing},
        ]
    }
    share_fields: dict[str, Any] = {}
    for i in range(1, N_SLOTS + 1):
        share_fields[f"label{i}"] = labels[i]
        share_fields[f"servings{i}"] = servings_text[i]
        share_fields[f"mg_share{i}"] = percent(slot("mg", i), mg_divisor)
        share_fields[f"k_share{i}"] = percent(slot("k", i), k_divisor)
    patterns = range(2**N_SLOTS)
    who = {
        "format": "a {sex} aged {age:.0f}{suffix}",
        "fields": {"sex": {"control": "sex"}, "age": {"control": "age"}, "suffix": suffix},
    }
    fields = {
        "who": who,
        "mg_stage": mg_stage,
        "mg_kind": mg_kind,
        "k_kind": k_kind,
        "mg_ref": mg_ref,
        "k_ref": k_ref,
        "note": note,
        "mg": total_mg,
        "k": total_k,
        "mg_mmol": _total("mg_mmol"),
        "k_mmol": _total("k_mmol"),
        "mg_pct": percent(total_mg, mg_ref),
        "k_pct": percent(total_k, k_ref),
        "shares": {
            "format": {"index": _pattern("used"), "values": [_shares_template(p) for p in patterns]},
            "fields": share_fields,
        },
        "idle": {"index": _pattern("idle"), "values": [_idle_text(p) for p in patterns]},
        "waiting": {"index": _pattern("waiting"), "values": [_waiting_text(p) for p in patterns]},
        "ul": ul,
    }
    readout = {
        "format": (
            "For {who} (life stage {mg_stage}): Mg {mg_kind} {mg_ref:.0f} mg/day, K {k_kind} {k_ref:,.0f} "
            "mg/day.{note} Your foods give Mg {mg:.0f} mg ({mg_mmol:.1f} mmol) = {mg_pct:.0f}% of the "
            "{mg_kind}, and K {k:,.0f} mg ({k_mmol:.1f} mmol) = {k_pct:.0f}% of the {k_kind}."
            f"{{shares}}{{idle}}{{waiting}}{{ul}} {_DIET_NOTE}"
        ),
        "fields": fields,
    }
    alt = {
        "format": INTAKE_ALT,
        "fields": {
            "magnesium_mg": total_mg,
            "magnesium_percent": fields["mg_pct"],
            "mg_reference": mg_ref,
            "potassium_mg": total_k,
            "potassium_percent": fields["k_pct"],
            "k_reference": k_ref,
        },
    }
    # the axis title names the person, so the figure says whose reference intake the bars use; three short
    # lines, so that it is not cut off where the figure is narrow
    axis = {
        "format": (
            "% of the reference intake for<br>{who} ({mg_stage}):<br>"
            "Mg {mg_kind} {mg_ref:.0f} mg, K {k_kind} {k_ref:,.0f} mg"
        ),
        "fields": {k: fields[k] for k in ("who", "mg_stage", "mg_kind", "k_kind", "mg_ref", "k_ref")},
    }
    return Spec(
        title=PLANNER_TITLE,
        controls=controls,
        tables=tables,
        figure=figure,
        traces=traces,
        layout=[{"path": "xaxis.title.text", "source": axis}],
        readout=readout,
        alt=alt,
        legend=PLANNER_LEGEND,
    )


class DietPlanner(BrowserExplorer):
    """Pick foods and servings; totals of Mg and K against the RDA/AI of a chosen person.

    Answered in the browser (see :func:`diet_planner_spec`): each slot's Mg and K is looked up over
    (food, servings), the reference intake over (age, sex, life stage), and the page adds the slots and
    divides by the reference. A life stage that does not apply (a male, or a female outside 14–50) is read as
    "neither" and the readout says so; the servings of a slot without a food do nothing, and the readout says
    that too (a native control cannot be greyed out from the tables).
    """

    title = PLANNER_TITLE

    def __init__(
        self,
        foods: Mapping[str, float] | Sequence[tuple[str, float]] | None = None,
        age: int = 35,
        sex: str = "female",
        life_stage: str = "neither",
    ) -> None:
        self.foods = data.foods()
        super().__init__(diet_planner_spec(self.foods, foods, age, sex, life_stage))

    def selection(self) -> list[tuple[str | None, float]]:
        """The current (food id or None, servings) of each slot."""
        c = self.controls
        return [
            (c[f"food_{i}"].value or None, float(c[f"servings_{i}"].value)) for i in range(1, N_SLOTS + 1)
        ]

    def life_stage(self) -> str:
        """The life stage the reference intake uses now ("neither" where the chosen one does not apply)."""
        c = self.controls
        return effective_life_stage(c["sex"].value, int(c["age"].value), c["life_stage"].value)

    def references(self) -> tuple[data.DRIValue, data.DRIValue]:
        """(Mg DRIValue, K DRIValue) for the person chosen now."""
        c = self.controls
        return planner_references(c["sex"].value, int(c["age"].value), c["life_stage"].value)


def diet_planner(**kwargs: Any) -> DietPlanner:
    """Explorer: pick up to five foods and servings; totals of Mg and K (mg, mmol) against the RDA/AI
    for a chosen age, sex, pregnancy or breastfeeding, and the share from each food.

    Keyword overrides: ``foods`` (food id → servings, or a list of pairs), ``age`` (1–100 years),
    ``sex`` ("female"/"male"), ``life_stage`` ("neither", "pregnant", "breastfeeding"). It never
    recommends a supplement or an amount of one.
    """
    return DietPlanner(**kwargs)
