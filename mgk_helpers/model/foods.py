"""Operations on the foods table: readable labels, filtering and sorting for the food explorer.

Model layer (pandas and numpy only). The table itself is :func:`mgk_helpers.data.foods` (USDA SR28 / SR
Legacy per-serving values). Nothing here recommends a dose.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["K_COLUMN", "MG_COLUMN", "RATIO_COLUMN", "SORT_KEYS", "check_foods", "food_label", "sort_foods"]

#: Column names of the foods table (tables/foods.csv).
MG_COLUMN = "magnesium_mg_per_serving"
K_COLUMN = "potassium_mg_per_serving"
RATIO_COLUMN = "k_to_mg_molar_ratio"

#: How the food explorer can sort: label → (column, descending?).
SORT_KEYS: dict[str, tuple[str, bool]] = {
    "Mg per serving, highest first": (MG_COLUMN, True),
    "K per serving, highest first": (K_COLUMN, True),
    "K:Mg ratio, highest first (K-rich)": (RATIO_COLUMN, True),
    "K:Mg ratio, lowest first (Mg-rich)": (RATIO_COLUMN, False),
}


def food_label(food_id: str) -> str:
    """A short readable label from a food id: ``"pumpkin_seeds"`` → ``"Pumpkin seeds"``."""
    text = str(food_id).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def check_foods(foods: pd.DataFrame) -> pd.DataFrame:
    """``foods`` unchanged if it has the columns the food functions need, else ValueError naming them."""
    missing = [c for c in ("food_id", "food", "serving", MG_COLUMN, K_COLUMN, RATIO_COLUMN) if c not in foods]
    if missing:
        raise ValueError(f"foods table lacks the column(s) {', '.join(missing)} (see tables/foods.csv)")
    return foods


def sort_foods(
    foods: pd.DataFrame,
    sort_by: str = "Mg per serving, highest first",
    ratio_range: tuple[float, float] | None = None,
    food_group: str | None = None,
) -> pd.DataFrame:
    """The foods table filtered and sorted for the food explorer.

    ``sort_by`` is a key of :data:`SORT_KEYS`; ``ratio_range`` = (low, high) keeps foods whose K:Mg
    molar ratio is within it (inclusive); ``food_group`` keeps one ``food_group`` (None = all).
    Ties are broken by food id so the order is deterministic.
    """
    check_foods(foods)
    if sort_by not in SORT_KEYS:
        raise ValueError(f"sort_by={sort_by!r} is not a sort key; valid keys are {', '.join(SORT_KEYS)}")
    df = foods
    if ratio_range is not None:
        lo, hi = (float(v) for v in ratio_range)
        if not (np.isfinite(lo) and np.isfinite(hi)) or lo > hi or lo < 0:
            raise ValueError(f"ratio_range={ratio_range!r} must be (low, high) with 0 ≤ low ≤ high")
        df = df[(df[RATIO_COLUMN] >= lo) & (df[RATIO_COLUMN] <= hi)]
    if food_group is not None:
        groups = sorted(foods["food_group"].unique()) if "food_group" in foods else []
        if food_group not in groups:
            raise ValueError(
                f"food_group={food_group!r} is not a food group; valid groups are {', '.join(groups)}"
            )
        df = df[df["food_group"] == food_group]
    column, descending = SORT_KEYS[sort_by]
    return df.sort_values([column, "food_id"], ascending=[not descending, True], kind="mergesort")
