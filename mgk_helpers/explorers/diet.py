"""Explorers for notebook 06 (diet and supplements): a food explorer and a diet planner.

* :func:`food_explorer` — sort and filter the foods table (:func:`mgk_helpers.data.foods`, USDA SR28)
  by Mg or K per serving and by the K:Mg molar ratio; bar charts of the top foods.
* :func:`diet_planner` — pick foods and servings; the totals of Mg and K (mg and mmol) against the
  RDA (Mg) and AI (K) for a chosen age, sex, pregnancy or lactation from :func:`mgk_helpers.data.dri`
  (IOM 1997, NASEM 2019), and the share from each food.

Both build on :class:`mgk_helpers.explorers.base.Explorer` and :class:`mgk_helpers.plotly_view.PlotlyView`.
The planner shows what foods contain; it never recommends a supplement or an amount of one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd

from .. import plots
from ..model import data
from ..model.foods import SORT_KEYS, food_label
from ..plotly_view import PlotlyView
from .legacy import LAYOUT, STYLE, Explorer, slider

__all__ = [
    "AGE_RANGE",
    "ALL_GROUPS",
    "DEFAULT_PLAN",
    "LIFE_STAGES",
    "N_SLOTS",
    "PREGNANCY_AGES",
    "RATIO_SLIDER",
    "SERVINGS_RANGE",
    "DietPlanner",
    "FoodExplorer",
    "diet_planner",
    "food_explorer",
]

#: Range of the K:Mg molar ratio slider (no unit); the foods table spans 0.8–22.6.
RATIO_SLIDER: tuple[float, float] = (0.0, 25.0)
ALL_GROUPS = "All food groups"

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


class FoodExplorer(Explorer):
    """Sort and filter foods by Mg or K per serving and by K:Mg ratio; bars of the top foods."""

    title = "Foods rich in magnesium and potassium"

    def __init__(
        self,
        sort_by: str = "Mg per serving, highest first",
        n: int = 10,
        ratio_range: tuple[float, float] = RATIO_SLIDER,
        food_group: str = ALL_GROUPS,
    ) -> None:
        self.foods = data.foods()
        groups = [ALL_GROUPS, *sorted(self.foods["food_group"].unique())]
        if sort_by not in SORT_KEYS:
            raise ValueError(f"sort_by={sort_by!r}; valid keys are {', '.join(SORT_KEYS)}")
        if food_group not in groups:
            raise ValueError(f"food_group={food_group!r}; valid groups are {', '.join(groups)}")
        n_max = min(20, len(self.foods))
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= n_max:
            raise ValueError(f"n={n!r} foods must be an integer in the valid range 3–{n_max}")
        lo, hi = (float(v) for v in ratio_range)
        if not RATIO_SLIDER[0] <= lo <= hi <= RATIO_SLIDER[1]:
            raise ValueError(f"ratio_range={ratio_range!r} must lie in the valid range 0–25 (low ≤ high)")
        controls = {
            "sort_by": w.Dropdown(
                options=list(SORT_KEYS), value=sort_by, description="Sort by", style=STYLE,
                layout=LAYOUT,
            ),
            "n": w.IntSlider(
                value=int(n), min=3, max=n_max, step=1, description="Foods shown (number)", style=STYLE,
                layout=LAYOUT,
            ),
            "ratio_range": w.FloatRangeSlider(
                value=(lo, hi), min=RATIO_SLIDER[0], max=RATIO_SLIDER[1], step=0.5,
                description="K:Mg molar ratio (mol/mol)", readout_format=".1f", style=STYLE, layout=LAYOUT,
            ),
            "food_group": w.Dropdown(
                options=groups, value=food_group, description="Food group", style=STYLE, layout=LAYOUT
            ),
        }  # fmt: skip
        fig = plots.top_foods_figure(self.foods, sort_by, int(n), (lo, hi), self._group(food_group))
        legend = (
            "<b>Sort by</b>: which amount orders the list. <b>Foods shown</b>: how many bars. "
            "<b>K:Mg molar ratio</b>: keep foods whose potassium-to-magnesium ratio (in moles) is in the "
            "range — about 1–2 for seeds, nuts and whole grains (mostly Mg), about 3–8 for legumes and leafy "
            "greens (both), about 8–23 for fruit, tubers, juice and dairy (mostly K). "
            "<b>Food group</b>: the USDA group. Hover a bar for the serving size and mmol."
        )
        super().__init__(controls, PlotlyView.from_figure(fig), legend=legend)

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

    def _update(self) -> None:
        c = self.controls
        sort_by, n = c["sort_by"].value, int(c["n"].value)
        d = plots.top_foods_data(
            self.foods, sort_by, n, tuple(c["ratio_range"].value), self._group(c["food_group"].value)
        )
        table = d.pop("table")
        self.figure.patch(
            traces=d,
            layout={"height": max(380, 110 + 34 * n)},
            alt_text=plots.top_foods_alt(table, sort_by),
        )
        lo, hi = c["ratio_range"].value
        if table.empty:
            self._set_readout(
                f"No food matches: K:Mg ratio {lo:.1f}–{hi:.1f}, {c['food_group'].value}. Widen the filter."
            )
            return
        items = [
            f"{i}. {food_label(r.food_id)} ({r.serving}): Mg {r.magnesium_mg_per_serving:.0f} mg, "
            f"K {r.potassium_mg_per_serving:.0f} mg, K:Mg {r.k_to_mg_molar_ratio:.1f}"
            for i, r in enumerate(table.head(5).itertuples(), start=1)
        ]
        self._set_readout(
            f"{len(table)} foods shown, sorted by {sort_by} (K:Mg ratio {lo:.1f}–{hi:.1f}; "
            f"{c['food_group'].value}). Top {len(items)}: " + "; ".join(items) + ". "
            "USDA SR28 values per serving; estimates that vary between database releases."
        )


def food_explorer(**kwargs: Any) -> FoodExplorer:
    """Explorer: sort and filter foods by Mg or K per serving and the K:Mg ratio; bars of the top foods.

    Keyword overrides: ``sort_by`` (a key of :data:`mgk_helpers.SORT_KEYS`), ``n`` (3–20),
    ``ratio_range`` ((low, high) within 0–25), ``food_group``.
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
        # the axis title names the person, so the figure says whose reference intake the bars use
        axis = (
            f"% of the reference intake for {who} ({mg_ref.life_stage}): "
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
