"""Curated data tables (foods, dietary reference intakes, reference ranges, causes, symptoms).

Every table lives in ``mgk_helpers/model/tables/<name>.csv`` inside the installed package (UTF-8, units in
the column names, a ``source`` column on every row) and has a pandera schema that is checked each time the
file is loaded. A file that breaks its schema raises :class:`DataValidationError` (a :class:`ValueError`)
whose message names the file, the row and the column. Rows are counted as *data rows* from 1 (the first
row under the header); the CSV line is the data row + 1, because the header is line 1.

Public API::

    foods(), dris(), reference_ranges(), causes(), symptoms()   # validated DataFrames (copies)
    dri("Mg", age_years=35, sex="female", pregnant=True)        # -> DRIValue
    load_table("foods", path=None)                             # validate any CSV against a schema
    DATA_DIR, TABLES, DataValidationError, DRIValue

This module only uses pandas, numpy and pandera (no plotting, no widgets).
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .units import MOLAR_MASS_G_PER_MOL

__all__ = [
    "ANALYTES",
    "CAUSES_SCHEMA",
    "COURSE_GRADES_SYSTEM",
    "DATA_DIR",
    "DRIS_SCHEMA",
    "DRI_CONDITIONS",
    "DRI_KINDS",
    "DRI_SEXES",
    "DRI_VALUE_STATUSES",
    "FDC_ID_STATUSES",
    "FOODS_SCHEMA",
    "GRADE_SEVERITIES",
    "NUTRIENTS",
    "RANGE_CONDITIONS",
    "RANGE_GRADES",
    "RANGE_UNITS",
    "REFERENCE_RANGES_SCHEMA",
    "SEVERITIES",
    "SR_FOOD_GROUPS",
    "SYMPTOMS_SCHEMA",
    "SYMPTOM_CONDITIONS",
    "SYMPTOM_KINDS",
    "TABLES",
    "DRIValue",
    "DataValidationError",
    "causes",
    "dri",
    "dris",
    "foods",
    "load_table",
    "reference_ranges",
    "symptoms",
]

#: Folder of the shipped CSV files, found inside the installed package (a wheel as well as a checkout).
DATA_DIR: Path = Path(str(resources.files("mgk_helpers.model").joinpath("tables")))

#: Molar masses for the K:Mg molar ratio (g/mol): one home, :data:`mgk_helpers.units.MOLAR_MASS_G_PER_MOL`.
_K_G_PER_MOL = MOLAR_MASS_G_PER_MOL["K"]
_MG_G_PER_MOL = MOLAR_MASS_G_PER_MOL["Mg"]

#: Per-serving values are rounded to whole mg from per-100 g × serving_g / 100; allow ±1 mg or ±2 %.
_SERVING_ABS_TOL_MG = 1.0
_SERVING_REL_TOL = 0.02
#: The K:Mg molar ratio is given to 0.1, so it may differ from the recomputed ratio by up to 0.05.
_RATIO_TOL = 0.06

_MAX_LISTED_PROBLEMS = 25


class DataValidationError(ValueError):
    """A data file does not match its table schema.

    Attributes:
        path: the file that was checked.
        problems: one ``(row, column, description)`` tuple per problem; ``row`` is the 1-based data
            row (CSV line = row + 1) or ``None`` when the problem concerns the whole file or column.
    """

    def __init__(self, message: str, path: Path, problems: list[tuple[int | None, str | None, str]]):
        super().__init__(message)
        self.path = path
        self.problems = problems


# --------------------------------------------------------------------------------------------------
# schema helpers
# --------------------------------------------------------------------------------------------------


def _text(
    *,
    nullable: bool = False,
    isin: list[str] | None = None,
    regex: str | None = None,
    unique: bool = False,
) -> pa.Column:
    """A text column: non-empty strings, optionally from a fixed list or matching a pattern."""
    checks = [pa.Check.str_length(min_value=1)]
    if isin is not None:
        checks.append(pa.Check.isin(isin))
    if regex is not None:
        checks.append(pa.Check.str_matches(regex))
    return pa.Column(str, checks=checks, nullable=nullable, unique=unique)


def _number(
    min_value: float | None = None,
    max_value: float | None = None,
    *,
    nullable: bool = False,
    strictly_positive: bool = False,
) -> pa.Column:
    """A float column with an inclusive range (or a strict lower bound of 0)."""
    checks = []
    if strictly_positive:
        checks.append(pa.Check.gt(0))
    elif min_value is not None:
        checks.append(pa.Check.ge(min_value))
    if max_value is not None:
        checks.append(pa.Check.le(max_value))
    return pa.Column(float, checks=checks, nullable=nullable)


def _numeric(df: pd.DataFrame, column: str) -> pd.Series:
    """Column as floats (unparseable → NaN; a missing column → all NaN) for dataframe-level checks.

    Type and presence errors are reported by the column checks, so the row-wise checks below
    treat NaN as "nothing to compare" and pass.
    """
    if column not in df:
        return pd.Series(np.nan, index=df.index)
    return pd.to_numeric(df[column], errors="coerce")


def _text_of(df: pd.DataFrame, column: str) -> pd.Series:
    """Column as text (a missing column → empty strings) for dataframe-level checks."""
    if column not in df:
        return pd.Series("", index=df.index)
    return df[column].astype(str)


def _flag(df: pd.DataFrame, masks: dict[str, pd.Series]) -> pd.DataFrame:
    """A full-shape boolean frame (pandera's form for dataframe checks): True except in ``masks``.

    Returning the frame rather than a Series lets the failure report name the offending column.
    """
    out = pd.DataFrame(True, index=df.index, columns=df.columns)
    for column, ok in masks.items():
        if column in out:
            out[column] = ok.fillna(True).astype(bool)
    return out


def _frame_check(name: str, error: str) -> Callable[[Callable], pa.Check]:
    """Decorator that turns ``f(df) -> dict[column, bool Series]`` into a named dataframe check."""

    def wrap(func: Callable[[pd.DataFrame], dict[str, pd.Series]]) -> pa.Check:
        return pa.Check(lambda df: _flag(df, func(df)), name=name, error=error)

    return wrap


def _lower_below_upper(lower: str, upper: str) -> pa.Check:
    """Row check: ``lower < upper`` wherever both are given (an empty cell is an open end)."""

    @_frame_check(f"{lower}_below_{upper}", f"{upper} must be greater than {lower}")
    def check(df: pd.DataFrame) -> dict[str, pd.Series]:
        lo, hi = _numeric(df, lower), _numeric(df, upper)
        ok = lo.isna() | hi.isna() | (lo < hi)
        return {lower: ok, upper: ok}

    return check


# --------------------------------------------------------------------------------------------------
# schemas
# --------------------------------------------------------------------------------------------------

#: USDA SR food groups, keyed by the first two digits of the NDB number.
SR_FOOD_GROUPS: dict[str, str] = {
    "01": "Dairy and Egg Products",
    "05": "Poultry Products",
    "08": "Breakfast Cereals",
    "09": "Fruits and Fruit Juices",
    "11": "Vegetables and Vegetable Products",
    "12": "Nut and Seed Products",
    "15": "Finfish and Shellfish Products",
    "16": "Legumes and Legume Products",
    "18": "Baked Products",
    "19": "Sweets",
    "20": "Cereal Grains and Pasta",
}
FDC_ID_STATUSES = ["verified", "fingerprint", "likely", "not verified"]
_SNAKE_ID = r"^[a-z][a-z0-9_]*$"
# Confidence tags A–D (data/README.md), alone or combined ("A/B", "A (qual.) / C (mechanism detail)").
_CONFIDENCE = r"^[ABCD]\b.*$"


@_frame_check(
    "serving_consistent",
    "per-serving value differs from per-100 g × serving_g / 100 by more than ±1 mg or ±2 %",
)
def _serving_consistent(df: pd.DataFrame) -> dict[str, pd.Series]:
    grams = _numeric(df, "serving_g")
    out = {}
    for nutrient in ("magnesium", "potassium"):
        expected = _numeric(df, f"{nutrient}_mg_per_100g") * grams / 100.0
        given = _numeric(df, f"{nutrient}_mg_per_serving")
        tolerance = np.maximum(_SERVING_ABS_TOL_MG, _SERVING_REL_TOL * expected.abs())
        ok = (given - expected).abs() <= tolerance
        out[f"{nutrient}_mg_per_serving"] = ok | expected.isna() | given.isna()
    return out


@_frame_check(
    "molar_ratio_consistent", "K:Mg molar ratio differs from (K/39.10)/(Mg/24.305) by more than 0.06"
)
def _molar_ratio_consistent(df: pd.DataFrame) -> dict[str, pd.Series]:
    k_mmol = _numeric(df, "potassium_mg_per_100g") / _K_G_PER_MOL
    mg_mmol = _numeric(df, "magnesium_mg_per_100g") / _MG_G_PER_MOL
    expected = k_mmol / mg_mmol.where(mg_mmol > 0)
    given = _numeric(df, "k_to_mg_molar_ratio")
    return {"k_to_mg_molar_ratio": ((given - expected).abs() <= _RATIO_TOL) | expected.isna() | given.isna()}


@_frame_check(
    "food_group_matches_ndb", "food_group does not match the SR food group of the NDB number's prefix"
)
def _food_group_matches_ndb(df: pd.DataFrame) -> dict[str, pd.Series]:
    expected = _text_of(df, "ndb_number").str[:2].map(SR_FOOD_GROUPS)
    return {"food_group": expected.isna() | (expected == _text_of(df, "food_group"))}


@_frame_check("fdc_id_matches_status", "fdc_id must be empty exactly when fdc_id_status is 'not verified'")
def _fdc_id_matches_status(df: pd.DataFrame) -> dict[str, pd.Series]:
    missing = df["fdc_id"].isna() if "fdc_id" in df else pd.Series(False, index=df.index)
    not_verified = _text_of(df, "fdc_id_status") == "not verified"
    return {"fdc_id": missing == not_verified}


def _unique_when_present(series: pd.Series) -> pd.Series:
    """Values must be unique, ignoring empty cells."""
    return series.isna() | ~series.duplicated(keep=False)


FOODS_SCHEMA = pa.DataFrameSchema(
    {
        "food_id": _text(regex=_SNAKE_ID, unique=True),
        "food": _text(unique=True),
        "food_group": _text(isin=sorted(SR_FOOD_GROUPS.values())),
        "ndb_number": _text(regex=r"^\d{5}$", unique=True),
        "fdc_id": pa.Column(
            "Int64",
            checks=[
                pa.Check.in_range(100_000, 9_999_999),
                pa.Check(_unique_when_present, name="unique_when_present", error="duplicate fdc_id"),
            ],
            nullable=True,
        ),
        "fdc_id_status": _text(isin=FDC_ID_STATUSES),
        "serving": _text(),
        "serving_g": _number(max_value=1000, strictly_positive=True),
        "magnesium_mg_per_100g": _number(0, 1000),
        "potassium_mg_per_100g": _number(0, 20_000),
        "magnesium_mg_per_serving": _number(0, 10_000),
        "potassium_mg_per_serving": _number(0, 200_000),
        "k_to_mg_molar_ratio": _number(strictly_positive=True),
        "source": _text(),
        "notes": _text(nullable=True),
    },
    checks=[_serving_consistent, _molar_ratio_consistent, _food_group_matches_ndb, _fdc_id_matches_status],
    coerce=True,
    strict=True,
    name="foods",
)

NUTRIENTS = ["Mg", "K"]
DRI_KINDS = ["RDA", "AI", "UL"]
DRI_SEXES = ["male", "female", "any"]
DRI_CONDITIONS = ["none", "pregnancy", "lactation", "any"]
DRI_VALUE_STATUSES = ["established", "not established", "not determined"]


@_frame_check(
    "value_matches_status", "value_mg_per_day must be given exactly when value_status is 'established'"
)
def _dri_value_matches_status(df: pd.DataFrame) -> dict[str, pd.Series]:
    has_value = _numeric(df, "value_mg_per_day").notna()
    established = _text_of(df, "value_status") == "established"
    return {"value_mg_per_day": has_value == established}


@_frame_check("ul_rows_apply_to_all", "UL rows use sex 'any' and condition 'any'; intake rows name them")
def _dri_ul_rows(df: pd.DataFrame) -> dict[str, pd.Series]:
    is_ul = _text_of(df, "value_kind") == "UL"
    sex_any = _text_of(df, "sex") == "any"
    condition_any = _text_of(df, "condition") == "any"
    pregnancy_or_lactation = _text_of(df, "condition").isin(["pregnancy", "lactation"])
    female = _text_of(df, "sex") == "female"
    return {
        "sex": (is_ul == sex_any) & (~pregnancy_or_lactation | female),
        "condition": is_ul == condition_any,
    }


DRIS_SCHEMA = pa.DataFrameSchema(
    {
        "nutrient": _text(isin=NUTRIENTS),
        "life_stage": _text(),
        "age_min_years": _number(0, 150),
        "age_max_years": _number(0, 150, nullable=True),
        "sex": _text(isin=DRI_SEXES),
        "condition": _text(isin=DRI_CONDITIONS),
        "value_kind": _text(isin=DRI_KINDS),
        "value_mg_per_day": _number(nullable=True, strictly_positive=True, max_value=10_000),
        "value_status": _text(isin=DRI_VALUE_STATUSES),
        "source": _text(),
        "confidence": _text(regex=_CONFIDENCE),
        "notes": _text(nullable=True),
    },
    checks=[
        _lower_below_upper("age_min_years", "age_max_years"),
        _dri_value_matches_status,
        _dri_ul_rows,
    ],
    unique=["nutrient", "life_stage", "sex", "condition", "value_kind"],
    coerce=True,
    strict=True,
    name="dietary_reference_intakes",
)

ANALYTES = ["K", "Mg"]
RANGE_UNITS = ["mmol/L", "mEq/L", "mg/dL"]
#: ``above the reference range`` names a band between the normal range and the first graded band (K 5.0–5.5).
RANGE_CONDITIONS = [
    "normal",
    "above the reference range",
    "hypokalaemia",
    "hyperkalaemia",
    "hypomagnesaemia",
    "hypermagnesaemia",
]
RANGE_GRADES = [
    "normal",
    "low",
    "mild",
    "moderate",
    "severe",
    "symptomatic",
    "grade 1",
    "grade 2",
    "grade 3",
    "grade 4",
]


#: ``system`` of the rows that ARE the grades ``mgk_helpers.reference`` classifies with (``K_GRADES``,
#: ``MG_GRADES``): one row per band, in mmol/L, read as ``lower ≤ value < upper`` (the normal band is closed).
COURSE_GRADES_SYSTEM = "course grades"
#: The grade words a course-grades row may use (the ``severity`` of ``reference.Grade``).
GRADE_SEVERITIES = ["normal", "mild", "moderate", "severe"]


@_frame_check(
    "condition_matches_analyte", "condition does not belong to the analyte (K ↔ -kalaemia, Mg ↔ -magnesaemia)"
)
def _range_condition_matches_analyte(df: pd.DataFrame) -> dict[str, pd.Series]:
    analyte, condition = _text_of(df, "analyte"), _text_of(df, "condition")
    ok = (
        condition.isin(["normal", "above the reference range"])
        | ((analyte == "K") & condition.str.contains("kalaemia"))
        | ((analyte == "Mg") & condition.str.contains("magnesaemia"))
    )
    return {"condition": ok}


@_frame_check("has_a_limit", "at least one of lower and upper must be given")
def _range_has_a_limit(df: pd.DataFrame) -> dict[str, pd.Series]:
    return {"upper": _numeric(df, "lower").notna() | _numeric(df, "upper").notna()}


@_frame_check(
    "course_grade_row",
    f"a {COURSE_GRADES_SYSTEM!r} row is in mmol/L, gives lower, and has grade {'/'.join(GRADE_SEVERITIES)} "
    "(grade normal exactly when condition is normal)",
)
def _course_grade_row(df: pd.DataFrame) -> dict[str, pd.Series]:
    course = _text_of(df, "system") == COURSE_GRADES_SYSTEM
    grade, condition = _text_of(df, "grade"), _text_of(df, "condition")
    return {
        "unit": ~course | (_text_of(df, "unit") == "mmol/L"),
        "lower": ~course | _numeric(df, "lower").notna(),
        "grade": ~course | (grade.isin(GRADE_SEVERITIES) & ((grade == "normal") == (condition == "normal"))),
    }


@_frame_check(
    "course_grades_tile_the_scale",
    f"the {COURSE_GRADES_SYSTEM!r} bands of an analyte must start at 0, each end where the next one starts, "
    "and only the highest may (and must) leave upper empty",
)
def _course_grades_tile(df: pd.DataFrame) -> dict[str, pd.Series]:
    lower, upper = _numeric(df, "lower"), _numeric(df, "upper")
    analytes = _text_of(df, "analyte")
    course = _text_of(df, "system") == COURSE_GRADES_SYSTEM
    ok_lower = pd.Series(True, index=df.index)
    ok_upper = pd.Series(True, index=df.index)
    for analyte in analytes[course].unique():
        bands = lower[course & (analytes == analyte)].dropna().sort_values(kind="stable").index
        if len(bands) == 0:
            continue  # a missing lower is reported by course_grade_row
        ok_lower[bands[0]] = lower[bands[0]] == 0
        for below, above in zip(bands[:-1], bands[1:], strict=True):
            ok_upper[below] = upper[below] == lower[above]
        ok_upper[bands[-1]] = bool(np.isnan(upper[bands[-1]]))
    return {"lower": ok_lower, "upper": ok_upper}


REFERENCE_RANGES_SCHEMA = pa.DataFrameSchema(
    {
        "analyte": _text(isin=ANALYTES),
        "condition": _text(isin=RANGE_CONDITIONS),
        "grade": _text(isin=RANGE_GRADES),
        "system": _text(),
        "unit": _text(isin=RANGE_UNITS),
        "lower": _number(0, 20, nullable=True),
        "upper": _number(0, 20, nullable=True),
        "range_text": _text(),
        "source": _text(),
        "confidence": _text(regex=_CONFIDENCE),
        "notes": _text(nullable=True),
    },
    checks=[
        _lower_below_upper("lower", "upper"),
        _range_condition_matches_analyte,
        _range_has_a_limit,
        _course_grade_row,
        _course_grades_tile,
    ],
    unique=["analyte", "condition", "grade", "system", "unit"],
    coerce=True,
    strict=True,
    name="reference_ranges",
)

CAUSES_SCHEMA = pa.DataFrameSchema(
    {
        "cause_id": _text(regex=_SNAKE_ID, unique=True),
        "cause": _text(unique=True),
        "k_mechanism": _text(),
        "mg_mechanism": _text(),
        "source": _text(),
        "confidence": _text(regex=_CONFIDENCE),
        # ranges of the teaching model's inputs (mgk_helpers.model: DRIVER_RANGE, SERUM_MG_RANGE,
        # K intake 0–200 mmol/day, GI_K_LOSS_RANGE)
        "model_driver": _number(1.0, 2.0),
        "model_serum_mg_mmol_per_l": _number(0.2, 1.5),
        "model_k_intake_mmol_per_day": _number(0, 200),
        # extra faecal K loss (diarrhoea): the kidney then conserves K; 0 for every renal cause
        "model_gi_k_loss_mmol_per_day": _number(0, 100),
        "preset_note": pa.Column(str, checks=[pa.Check.str_contains("[Ii]llustrative")]),
        "preset_confidence": _text(isin=["D"]),
    },
    coerce=True,
    strict=True,
    name="causes",
)

SYMPTOM_CONDITIONS = ["hypokalaemia", "hypomagnesaemia", "any"]
#: ``symptom``: by condition and serum band; ``red_flag``: seek urgent (emergency) care;
#: ``report_promptly``: report promptly to a health professional (not an emergency on its own).
SYMPTOM_KINDS = ["symptom", "red_flag", "report_promptly"]
SEVERITIES = ["mild", "moderate", "severe", "any"]


@_frame_check(
    "advice_rows_apply_to_all",
    "red_flag and report_promptly rows (and only they) have condition and severity 'any' and no serum limits",
)
def _red_flag_rows(df: pd.DataFrame) -> dict[str, pd.Series]:
    advice = _text_of(df, "kind").isin(["red_flag", "report_promptly"])
    no_limits = _numeric(df, "lower_mmol_per_l").isna() & _numeric(df, "upper_mmol_per_l").isna()
    return {
        "condition": advice == (_text_of(df, "condition") == "any"),
        "severity": advice == (_text_of(df, "severity") == "any"),
        "lower_mmol_per_l": ~advice | no_limits,
    }


SYMPTOMS_SCHEMA = pa.DataFrameSchema(
    {
        "condition": _text(isin=SYMPTOM_CONDITIONS),
        "kind": _text(isin=SYMPTOM_KINDS),
        "severity": _text(isin=SEVERITIES),
        "lower_mmol_per_l": _number(0, 20, nullable=True),
        "upper_mmol_per_l": _number(0, 20, nullable=True),
        "band_text": _text(),
        "text": _text(),
        "source": _text(),
        "confidence": _text(regex=_CONFIDENCE, nullable=True),
        "notes": _text(nullable=True),
    },
    checks=[
        _lower_below_upper("lower_mmol_per_l", "upper_mmol_per_l"),
        _red_flag_rows,
    ],
    unique=["condition", "kind", "severity", "text"],
    coerce=True,
    strict=True,
    name="symptoms",
)

#: Table name → schema. The file is ``DATA_DIR / f"{name}.csv"``.
TABLES: dict[str, pa.DataFrameSchema] = {
    "foods": FOODS_SCHEMA,
    "dietary_reference_intakes": DRIS_SCHEMA,
    "reference_ranges": REFERENCE_RANGES_SCHEMA,
    "causes": CAUSES_SCHEMA,
    "symptoms": SYMPTOMS_SCHEMA,
}


# --------------------------------------------------------------------------------------------------
# loading and error reports
# --------------------------------------------------------------------------------------------------


def _row_label(row: int | None) -> str:
    if row is None:
        return "all rows (header, CSV line 1)"
    return f"data row {row} (CSV line {row + 1})"


def _problems_from(failure_cases: pd.DataFrame) -> list[tuple[int | None, str | None, str]]:
    """Turn pandera's ``failure_cases`` into ``(data row, column, description)`` tuples."""
    problems: list[tuple[int | None, str | None, str]] = []
    coerce_failed = set(
        failure_cases.loc[failure_cases["check"].astype(str).str.startswith("coerce_dtype"), "column"]
    )
    for case in failure_cases.to_dict("records"):
        check, value, index = str(case["check"]), case["failure_case"], case["index"]
        column = case["column"] if isinstance(case["column"], str) else None
        row = None if index is None or pd.isna(index) else int(index) + 1
        if check == "column_in_dataframe":
            problems.append((None, str(value), "required column is missing"))
            continue
        if check == "column_in_schema":
            problems.append((None, str(value), "unexpected column (not in the schema)"))
            continue
        if column in coerce_failed and not check.startswith("coerce_dtype"):
            continue  # the wrong-type report already covers this column; skip follow-on errors
        if check.startswith("coerce_dtype"):
            wanted = check[len("coerce_dtype(") : -1].strip("'")
            problems.append((row, column, f"value {value!r} is not of type {wanted}"))
        elif isinstance(value, dict):  # dataframe-level check: {column: value}
            for col, val in value.items():
                problems.append((row, str(col), f"{check} (value {val!r})"))
        elif "uniqueness" in check:
            problems.append((row, column, f"duplicate key value {value!r} ({check})"))
        else:
            problems.append((row, column, f"value {value!r} fails {check}"))
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (-1 if p[0] is None else p[0], p[1] or ""))


def _error_for(
    path: Path, name: str, problems: list[tuple[int | None, str | None, str]]
) -> DataValidationError:
    """The error listing every problem as ``data row N (CSV line N+1), column 'c': what``."""
    lines = [f"  - {_row_label(row)}, column {col!r}: {what}" for row, col, what in problems]
    if len(lines) > _MAX_LISTED_PROBLEMS:
        lines = lines[:_MAX_LISTED_PROBLEMS] + [f"  … and {len(problems) - _MAX_LISTED_PROBLEMS} more"]
    message = (
        f"{path} does not match the {name!r} table schema ({len(problems)} problem(s); rows are 1-based data "
        "rows, the CSV line is the data row + 1):\n" + "\n".join(lines)
    )
    return DataValidationError(message, path, problems)


def load_table(name: str, path: str | Path | None = None) -> pd.DataFrame:
    """Read a CSV file and validate it against the schema of table ``name``.

    Args:
        name: one of :data:`TABLES` (``"foods"``, ``"dietary_reference_intakes"``, ``"reference_ranges"``,
            ``"causes"``, ``"symptoms"``).
        path: the file to read; default ``DATA_DIR / f"{name}.csv"``.

    Returns:
        The validated table with its schema's dtypes (not cached; see :func:`foods` etc.).

    Raises:
        ValueError: ``name`` is not a known table.
        DataValidationError: the file cannot be parsed or breaks the schema; the message names the
            file, the row and the column of every problem.
    """
    if name not in TABLES:
        raise ValueError(f"name={name!r} is not a known table; valid names: {sorted(TABLES)}")
    path = Path(path) if path is not None else DATA_DIR / f"{name}.csv"
    try:
        # Read everything as text; the schema converts and reports unconvertible cells by row.
        raw = pd.read_csv(path, dtype=str, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataValidationError(
            f"{path} cannot be read as a UTF-8 CSV file for table {name!r}: {exc}",
            path,
            [(None, None, str(exc))],
        ) from exc
    try:
        return TABLES[name].validate(raw, lazy=True)
    except SchemaErrors as exc:
        raise _error_for(path, name, _problems_from(exc.failure_cases)) from exc


@functools.cache
def _cached(name: str) -> pd.DataFrame:
    return load_table(name)


def foods() -> pd.DataFrame:
    """41 foods (USDA SR28 / SR Legacy): Mg and K per 100 g and per serving."""
    return _cached("foods").copy()


def dris() -> pd.DataFrame:
    """Dietary reference intakes for Mg (IOM 1997) and K (NASEM 2019) by life stage, sex and condition."""
    return _cached("dietary_reference_intakes").copy()


def reference_ranges() -> pd.DataFrame:
    """Serum K and Mg normal ranges and severity grades in their native units.

    The rows whose ``system`` is :data:`COURSE_GRADES_SYSTEM` are the grades that ``mgk_helpers.reference``
    classifies with; the other rows are a catalogue of other grading systems to compare.
    """
    return _cached("reference_ranges").copy()


def causes() -> pd.DataFrame:
    """Causes of combined K and Mg deficiency, with their illustrative model presets (confidence D)."""
    return _cached("causes").copy()


def symptoms() -> pd.DataFrame:
    """Symptoms by condition and severity band, the red flags that need emergency care, and the symptoms to
    report promptly to a health professional."""
    return _cached("symptoms").copy()


# --------------------------------------------------------------------------------------------------
# dri()
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DRIValue:
    """One dietary reference intake.

    Attributes:
        nutrient: ``"Mg"`` or ``"K"``.
        value_mg_per_day: the RDA or AI in mg/day.
        kind: ``"RDA"`` or ``"AI"``.
        life_stage: the table's life-stage label, e.g. ``"19–30 y"``.
        ul_mg_per_day: tolerable upper intake level in mg/day, or ``None`` when none is established
            (infants for Mg; K has no UL). For Mg the UL applies to supplements and medications only.
        ul_note: why there is no UL, or what the UL applies to.
        source: the source of the intake value.
        confidence: the confidence tag (A–D, data/README.md) of the intake value.
    """

    nutrient: str
    value_mg_per_day: float
    kind: str
    life_stage: str
    ul_mg_per_day: float | None
    ul_note: str
    source: str
    confidence: str


_NUTRIENT_ALIASES = {"mg": "Mg", "magnesium": "Mg", "k": "K", "potassium": "K"}


def _age_in(table: pd.DataFrame, age: float) -> pd.Series:
    upper = table["age_max_years"].fillna(np.inf)
    return (table["age_min_years"] <= age) & (age < upper)


def dri(
    nutrient: str, age_years: float, sex: str, pregnant: bool = False, lactating: bool = False
) -> DRIValue:
    """Look up the RDA or AI (and the UL) for one person.

    Args:
        nutrient: ``"Mg"``/``"magnesium"`` or ``"K"``/``"potassium"`` (case-insensitive).
        age_years: age in years (infants in fractional years: 0.25 = 3 months); ``age_years >= 0``.
            Life stages include their lower bound and exclude their upper bound (``"1–3 y"`` is 1 ≤ age < 4).
        sex: ``"male"`` or ``"female"``.
        pregnant, lactating: only for ``sex="female"``, not both, and only at the ages the table covers
            (14 ≤ age_years < 51).

    Returns:
        A :class:`DRIValue`.

    Raises:
        ValueError: naming the argument, its value and the valid values.
    """
    if not isinstance(nutrient, str) or nutrient.strip().lower() not in _NUTRIENT_ALIASES:
        raise ValueError(
            f"nutrient={nutrient!r} is not supported; valid values: 'Mg', 'magnesium', 'K', 'potassium'"
        )
    symbol = _NUTRIENT_ALIASES[nutrient.strip().lower()]
    if (
        isinstance(age_years, bool)
        or not isinstance(age_years, numbers.Real)
        or not math.isfinite(float(age_years))
        or age_years < 0
    ):
        raise ValueError(f"age_years={age_years!r} years is out of range; valid: a finite number >= 0 years")
    age = float(age_years)
    if not isinstance(sex, str) or sex.strip().lower() not in ("male", "female"):
        raise ValueError(f"sex={sex!r} is not valid; valid values: 'male', 'female'")
    sex = sex.strip().lower()
    for flag_name, flag in (("pregnant", pregnant), ("lactating", lactating)):
        if not isinstance(flag, (bool, np.bool_)):
            raise ValueError(f"{flag_name}={flag!r} is not valid; valid values: True, False")
    if pregnant and lactating:
        raise ValueError("pregnant=True and lactating=True together are not valid; choose at most one")
    condition = "pregnancy" if pregnant else "lactation" if lactating else "none"
    flag_name = "pregnant" if pregnant else "lactating"
    if condition != "none" and sex != "female":
        raise ValueError(f"{flag_name}=True is only valid with sex='female' (got sex={sex!r})")

    table = _cached("dietary_reference_intakes")
    table = table[table["nutrient"] == symbol]
    intakes = table[(table["value_kind"] != "UL") & (table["sex"] == sex) & (table["condition"] == condition)]
    match = intakes[_age_in(intakes, age)]
    if match.empty:
        lo, hi = intakes["age_min_years"].min(), intakes["age_max_years"].max()
        who = f"{flag_name}=True" if condition != "none" else f"sex={sex!r}"
        raise ValueError(
            f"age_years={age_years!r} years has no {symbol} DRI with {who}; valid for {who}: "
            f"{lo:g} <= age_years < {hi:g} years (life stages {', '.join(intakes['life_stage'])})"
        )
    row = match.iloc[0]
    uls = table[(table["value_kind"] == "UL") & _age_in(table, age)]
    ul_row = uls.iloc[0] if not uls.empty else None
    ul_value = None
    ul_note = "no UL row for this life stage"
    if ul_row is not None:
        if ul_row["value_status"] == "established":
            ul_value = float(ul_row["value_mg_per_day"])
        ul_note = str(ul_row["notes"]) if pd.notna(ul_row["notes"]) else str(ul_row["value_status"])
    return DRIValue(
        nutrient=symbol,
        value_mg_per_day=float(row["value_mg_per_day"]),
        kind=str(row["value_kind"]),
        life_stage=str(row["life_stage"]),
        ul_mg_per_day=ul_value,
        ul_note=ul_note,
        source=str(row["source"]),
        confidence=str(row["confidence"]),
    )
