"""Static plotly figures for the diet notebook (06): top foods for Mg and K, and intake against the RDA/AI.

Plots layer: imports plotly, numpy and pandas, never ipywidgets. Each factory returns a plain
:class:`plotly.graph_objects.Figure` whose text alternative is in ``fig.layout.meta["alt_text"]``
(see :func:`mgk_helpers.plots.alt_text`). The numbers behind each figure come from a ``*_data``
function that returns plain arrays keyed by trace ``uid``; the explorers in
:mod:`mgk_helpers.explorers.diet` call the same function on every control change and patch only those
arrays into the figure already on screen.

Data: the foods table (:func:`mgk_helpers.data.foods`, USDA SR28 / SR Legacy per-serving values,
A) and the RDA/AI table (:func:`mgk_helpers.data.dri`, IOM 1997 for Mg and NASEM 2019 for K, A).
Food values are estimates that vary from release to release (mgk_helpers/model/tables/README.md).

Nothing here recommends a dose: the figures show what foods contain and how a chosen set of foods
compares with the population reference intakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..model.foods import K_COLUMN, MG_COLUMN, RATIO_COLUMN, check_foods, food_label, sort_foods
from ..model.units import milligrams_to_mmol
from .theme import OKABE_ITO, PALETTE, TEMPLATE

__all__ = [
    "INTAKE_ALT",
    "TOP_FOODS_ALT",
    "TOP_FOODS_ALT_EMPTY",
    "intake_alt",
    "intake_data",
    "intake_figure",
    "top_foods_alt",
    "top_foods_data",
    "top_foods_figure",
    "top_foods_height",
    "top_food_phrase",
]

_MG_COLOUR = OKABE_ITO["blue"]
_K_COLOUR = OKABE_ITO["vermillion"]


def top_foods_data(
    foods: pd.DataFrame,
    sort_by: str = "Mg per serving, highest first",
    n: int = 10,
    ratio_range: tuple[float, float] | None = None,
    food_group: str | None = None,
) -> dict[str, Any]:
    """Numbers of :func:`top_foods_figure`: the first ``n`` foods of :func:`sort_foods`.

    Returns ``{"mg": {"x", "y", "customdata"}, "k": {...}, "table": DataFrame}``; ``x`` is mg per
    serving, ``y`` the short food labels, ``customdata`` rows of (serving, K:Mg ratio, mmol).
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 50:
        raise ValueError(f"n={n!r} foods must be an integer in the valid range 1–50")
    table = sort_foods(foods, sort_by, ratio_range, food_group).head(int(n))
    labels = [food_label(f) for f in table["food_id"]]
    mg = table[MG_COLUMN].to_numpy(dtype=float)
    k = table[K_COLUMN].to_numpy(dtype=float)
    ratio = table[RATIO_COLUMN].to_numpy(dtype=float)
    serving = table["serving"].astype(str).tolist()
    magnesium_mmol = np.asarray(milligrams_to_mmol(mg, "Mg"), dtype=float)
    k_mmol = np.asarray(milligrams_to_mmol(k, "K"), dtype=float)
    return {
        "mg": {
            "x": mg,
            "y": labels,
            "customdata": [[s, r, m] for s, r, m in zip(serving, ratio, magnesium_mmol, strict=True)],
        },
        "k": {
            "x": k,
            "y": labels,
            "customdata": [[s, r, m] for s, r, m in zip(serving, ratio, k_mmol, strict=True)],
        },
        "table": table,
    }


#: Text alternative of :func:`top_foods_figure`, as ``str.format`` templates with the fields ``count``
#: (number of foods shown), ``sort_by`` and ``first`` (:func:`top_food_phrase` of the first food). The
#: browser explorer (:mod:`mgk_helpers.explorers.diet`) fills the same templates: the two cannot drift apart.
TOP_FOODS_ALT = (
    "Bar charts of magnesium and potassium per serving for {count:.0f} foods, sorted by {sort_by}. "
    "First: {first}. USDA SR28 values; estimates."
)
TOP_FOODS_ALT_EMPTY = "No food matches the filter (sorted by {sort_by})."


def top_food_phrase(row: Any) -> str:
    """One food of the foods table in words: label, serving, Mg and K per serving, K:Mg molar ratio."""
    return (
        f"{food_label(row['food_id'])} ({row['serving']}), Mg {row[MG_COLUMN]:.0f} mg, "
        f"K {row[K_COLUMN]:.0f} mg, K:Mg molar ratio {row[RATIO_COLUMN]:.1f}"
    )


def top_foods_alt(table: pd.DataFrame, sort_by: str) -> str:
    """Text alternative of :func:`top_foods_figure`."""
    if table.empty:
        return TOP_FOODS_ALT_EMPTY.format(sort_by=sort_by)
    return TOP_FOODS_ALT.format(count=len(table), sort_by=sort_by, first=top_food_phrase(table.iloc[0]))


def top_foods_height(n: int) -> int:
    """Height (px) of :func:`top_foods_figure` with ``n`` bars per panel."""
    return max(380, 110 + 34 * int(n))


def top_foods_figure(
    foods: pd.DataFrame,
    sort_by: str = "Mg per serving, highest first",
    n: int = 10,
    ratio_range: tuple[float, float] | None = None,
    food_group: str | None = None,
) -> go.Figure:
    """Two side-by-side horizontal bar charts: Mg and K (mg per serving) of the top ``n`` foods.

    Trace uids ``"mg"`` and ``"k"``. Hover shows the serving, mmol and the K:Mg molar ratio.
    """
    d = top_foods_data(foods, sort_by, n, ratio_range, food_group)
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.08,  # room between the Mg panel's last tick label and the K panel's "0"
        subplot_titles=("Magnesium", "Potassium"),  # each x-axis title says "mg per serving"
    )
    for col, (uid, name, colour, ion) in enumerate(
        (("mg", "Magnesium", _MG_COLOUR, "Mg"), ("k", "Potassium", _K_COLOUR, "K")), start=1
    ):
        fig.add_bar(
            uid=uid,
            name=name,
            orientation="h",
            marker={"color": colour},
            row=1,
            col=col,
            hovertemplate=(
                f"%{{y}} (%{{customdata[0]}}): {ion} %{{x:.0f}} mg = %{{customdata[2]:.2f}} mmol; "
                "K:Mg ratio %{customdata[1]:.1f}<extra></extra>"
            ),
            **{k: v for k, v in d[uid].items()},
        )
    fig.update_yaxes(autorange="reversed", automargin=True, row=1, col=1)
    fig.update_xaxes(title_text="mg per serving", rangemode="tozero")
    fig.update_layout(
        template=TEMPLATE,
        showlegend=False,
        height=top_foods_height(int(n)),
        bargap=0.25,
        title={"text": "Top foods (USDA SR28; values are estimates)"},
        hovermode="closest",
        meta={"alt_text": top_foods_alt(d["table"], sort_by)},
        margin={"l": 170},
    )
    return fig


# ---------------------------------------------------------------------------------------------
# Intake against the RDA/AI, stacked by food
# ---------------------------------------------------------------------------------------------


def intake_data(
    selection: Sequence[tuple[str | None, float]],
    foods: pd.DataFrame,
    mg_reference: float,
    k_reference: float,
) -> dict[str, Any]:
    """Numbers of :func:`intake_figure` for a list of ``(food_id or None, servings)`` slots.

    ``mg_reference`` and ``k_reference`` are the Mg RDA and K AI in mg/day. Each slot becomes one
    stacked trace ``"slot{i}"`` with ``x`` = [% of Mg RDA, % of K AI] (an empty slot has no legend entry).
    Also returns the totals ``"magnesium_mg"`` and ``"potassium_mg"`` (mg/day), ``"magnesium_mmol"``,
    ``"potassium_mmol"``, ``"magnesium_percent"``, ``"potassium_percent"`` and ``"shares"``: a list of
    (label, servings, Mg mg, K mg) for the slots that hold a food.
    """
    check_foods(foods)
    for name, ref in (("mg_reference", mg_reference), ("k_reference", k_reference)):
        if not np.isfinite(ref) or ref <= 0:
            raise ValueError(f"{name}={ref!r} mg/day must be a positive number")
    by_id = foods.set_index("food_id")
    out: dict[str, Any] = {}
    shares = []
    magnesium_total = potassium_total = 0.0
    for i, (food_id, servings) in enumerate(selection):
        servings = float(servings)
        if not np.isfinite(servings) or servings < 0:
            raise ValueError(f"servings={servings!r} must be a number ≥ 0")
        if food_id is None or servings == 0:
            out[f"slot{i}"] = {
                "x": [0.0, 0.0],
                "name": "(empty)",
                "customdata": [[0.0, 0.0], [0.0, 0.0]],
                "showlegend": False,  # an empty slot draws nothing: no legend entry for it
            }
            continue
        if food_id not in by_id.index:
            raise ValueError(f"food_id={food_id!r} is not in the foods table (tables/foods.csv)")
        row = by_id.loc[food_id]
        mg = servings * float(row[MG_COLUMN])
        k = servings * float(row[K_COLUMN])
        magnesium_total += mg
        potassium_total += k
        label = f"{food_label(food_id)} × {servings:g}"
        shares.append((food_label(food_id), servings, mg, k))
        out[f"slot{i}"] = {
            "x": [100.0 * mg / mg_reference, 100.0 * k / k_reference],
            "name": label,
            "showlegend": True,
            "customdata": [[mg, float(milligrams_to_mmol(mg, "Mg"))], [k, float(milligrams_to_mmol(k, "K"))]],
        }
    out.update(
        magnesium_mg=magnesium_total,
        potassium_mg=potassium_total,
        magnesium_mmol=float(milligrams_to_mmol(magnesium_total, "Mg")),
        potassium_mmol=float(milligrams_to_mmol(potassium_total, "K")),
        magnesium_percent=100.0 * magnesium_total / mg_reference,
        potassium_percent=100.0 * potassium_total / k_reference,
        shares=shares,
    )
    return out


#: Text alternative of :func:`intake_figure`, a ``str.format`` template over the totals of
#: :func:`intake_data` (``magnesium_mg``, ``magnesium_percent``, ``potassium_mg``, ``potassium_percent``) and
#: the reference intakes (``mg_reference``, ``k_reference``, mg/day). The browser diet planner
#: (:mod:`mgk_helpers.explorers.diet`) fills the same template.
INTAKE_ALT = (
    "Stacked bars of the chosen foods as a share of the reference intake. "
    "Magnesium {magnesium_mg:.0f} mg ({magnesium_percent:.0f}% of the {mg_reference:.0f} mg RDA); "
    "potassium {potassium_mg:.0f} mg ({potassium_percent:.0f}% of the {k_reference:.0f} mg AI)."
)


def intake_alt(d: dict[str, Any], mg_reference: float, k_reference: float) -> str:
    """Text alternative of :func:`intake_figure` (:data:`INTAKE_ALT` filled in)."""
    return INTAKE_ALT.format(
        magnesium_mg=d["magnesium_mg"],
        magnesium_percent=d["magnesium_percent"],
        potassium_mg=d["potassium_mg"],
        potassium_percent=d["potassium_percent"],
        mg_reference=mg_reference,
        k_reference=k_reference,
    )


def intake_figure(
    selection: Sequence[tuple[str | None, float]],
    foods: pd.DataFrame,
    mg_reference: float,
    k_reference: float,
) -> go.Figure:
    """Stacked horizontal bars: each food's share of the Mg RDA and the K AI (in %), one trace per slot.

    A dashed line marks 100% of the reference intake. Hover gives mg and mmol. Trace uids ``"slot0"`` …
    """
    d = intake_data(selection, foods, mg_reference, k_reference)
    fig = go.Figure()
    rows = ["Magnesium<br>(% of RDA)", "Potassium<br>(% of AI)"]  # two lines: more width for the bars
    for i in range(len(selection)):
        s = d[f"slot{i}"]
        fig.add_bar(
            uid=f"slot{i}",
            orientation="h",
            y=rows,
            x=s["x"],
            name=s["name"],
            customdata=s["customdata"],
            marker={"color": PALETTE[i % len(PALETTE)], "line": {"color": "white", "width": 1}},
            hovertemplate="%{fullData.name}: %{customdata[0]:.0f} mg = %{customdata[1]:.2f} mmol "
            "(%{x:.0f}%)<extra></extra>",
        )
    fig.add_vline(x=100, line_dash="dash", line_color="#222", line_width=2)
    fig.update_xaxes(
        title_text="% of the reference intake (RDA for Mg, AI for K)", rangemode="tozero", automargin=True
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(
        template=TEMPLATE,
        barmode="stack",
        height=440,  # the legend above the bars and (in the planner) a three-line axis title below them
        hovermode="closest",
        title={"text": "Your foods against the reference intake"},
        # the legend above the bars: below them it met the x-axis title (which names the person and the
        # reference intake in the planner) once the figure was narrow enough to wrap the legend
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        meta={"alt_text": intake_alt(d, mg_reference, k_reference)},
    )
    return fig
