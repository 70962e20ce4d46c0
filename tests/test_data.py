"""Tests of the curated data tables (data/*.csv) and their loaders (mgk_helpers.data).

Expected values below are written out by hand from the published sources (USDA SR28, IOM 1997, NASEM 2019,
NIH ODS, CTCAE v5.0, the FDA Drug Safety Communication of 2011 and others), not read from the CSV files, so a
wrong number in a file makes a test fail.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mgk_helpers import data, model
from mgk_helpers.data import DataValidationError, DRIValue, dri, load_table

TABLE_NAMES = ["foods", "dietary_reference_intakes", "reference_ranges", "causes", "symptoms"]
LOADERS = {
    "foods": data.foods,
    "dietary_reference_intakes": data.dris,
    "reference_ranges": data.reference_ranges,
    "causes": data.causes,
    "symptoms": data.symptoms,
}


def _raw_rows(name: str) -> list[dict[str, str]]:
    """The shipped CSV read with the csv module only (independent of pandas and the schema)."""
    with open(data.DATA_DIR / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _raw_frame(name: str) -> pd.DataFrame:
    """The shipped CSV as text cells, for making corrupted copies."""
    return pd.read_csv(data.DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def _write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------
# shipped tables
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_shipped_table_passes_its_schema(name: str) -> None:
    table = load_table(name)
    assert len(table) == len(_raw_rows(name)) > 0


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_row_has_a_source(name: str) -> None:
    rows = _raw_rows(name)
    assert all(row["source"].strip() for row in rows)
    assert not any(row["source"].strip().lower() in {"domain.md", "domain"} for row in rows)


#: Answer sites, mirrors, personal notes and content farms are not sources (nor is a project brief).
NOT_SOURCES = re.compile(
    r"droracle|wilddata|healthjade|cjdbarlow|Part-One|wikipedia|labtests\.co|kelmac|ecgedu|scribd|slideplayer|"
    r"studylib|benchchem|rrnursing|globalrph|issuhub|guidelinegenius|acutegp|DOMAIN|domain brief",
    re.IGNORECASE,
)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_sources_are_primary_guidelines_textbooks_or_fact_sheets(name: str) -> None:
    for i, row in enumerate(_raw_rows(name), start=1):
        for column in ("source", "notes", "preset_note", "k_mechanism", "mg_mechanism"):
            text = row.get(column) or ""
            assert not NOT_SOURCES.search(text), (name, i, column, text)
            assert "…" not in text or column != "source" or "http" not in text, (name, i, "truncated URL")


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_loaders_return_copies_of_a_cached_table(name: str) -> None:
    first = LOADERS[name]()
    first.iloc[0, 0] = "corrupted by the caller"
    del first[first.columns[1]]
    second = LOADERS[name]()
    assert second.iloc[0, 0] != "corrupted by the caller"
    assert list(second.columns) == list(load_table(name).columns)
    assert LOADERS[name]() is not LOADERS[name]()


def test_foods_dtypes_and_keys() -> None:
    foods = data.foods()
    assert len(foods) == 41
    for column in (
        "serving_g",
        "magnesium_mg_per_100g",
        "potassium_mg_per_100g",
        "magnesium_mg_per_serving",
        "potassium_mg_per_serving",
        "k_to_mg_molar_ratio",
    ):
        assert foods[column].dtype == np.float64, column
    assert str(foods["fdc_id"].dtype) == "Int64"
    assert pd.api.types.is_string_dtype(foods["ndb_number"])
    assert foods["food_id"].is_unique and foods["ndb_number"].is_unique
    by_id = foods.set_index("food_id")
    assert by_id.loc["oats", "ndb_number"] == "08120"  # leading zero kept
    assert by_id.loc["yogurt_low_fat", "ndb_number"] == "01117"
    assert by_id.loc["pumpkin_seeds", "fdc_id"] == 170557
    assert pd.isna(by_id.loc["soymilk", "fdc_id"])
    assert by_id.loc["soymilk", "fdc_id_status"] == "not verified"
    assert by_id.loc["peanut_butter", "fdc_id_status"] == "likely"
    assert by_id.loc["brown_rice", "fdc_id_status"] == "fingerprint"
    assert set(foods["fdc_id_status"]) <= {"verified", "fingerprint", "likely", "not verified"}


# USDA SR28 / NIH ODS spot checks: (food_id, serving, column, value).
SPOT_CHECKS = [
    ("pumpkin_seeds", "1 oz", "magnesium_mg_per_serving", 156),
    ("banana", "1 medium (7–8 in)", "potassium_mg_per_serving", 422),
    ("banana", "1 medium (7–8 in)", "magnesium_mg_per_serving", 32),
    ("almonds", "1 oz (22 kernels)", "magnesium_mg_per_serving", 79),
    ("spinach_boiled", "1/2 cup", "magnesium_mg_per_serving", 78),
    ("dried_apricots", "1/2 cup halves", "potassium_mg_per_serving", 755),
    ("orange_juice", "1 cup", "potassium_mg_per_serving", 496),
    ("potato_baked", "1 medium", "potassium_mg_per_serving", 926),
    ("salmon", "3 oz", "potassium_mg_per_serving", 326),
    ("pumpkin_seeds", "1 oz", "magnesium_mg_per_100g", 550),
    ("peanuts", "1 oz", "potassium_mg_per_100g", 634),  # SR28 value (SR26 had 658)
]


@pytest.mark.parametrize(("food_id", "serving", "column", "value"), SPOT_CHECKS)
def test_food_spot_checks_against_sr28_and_ods(food_id: str, serving: str, column: str, value: float) -> None:
    row = data.foods().set_index("food_id").loc[food_id]
    assert row["serving"] == serving
    assert row[column] == value


def test_food_groups_sort_mg_dense_and_k_dense_foods() -> None:
    """SR28: seeds and nuts have K:Mg molar ratios ≈ 1–3; fruit and potatoes ≈ 8–23."""
    foods = data.foods().set_index("food_id")
    assert foods.loc[["pumpkin_seeds", "almonds", "cashews", "chia_seeds"], "k_to_mg_molar_ratio"].max() <= 3
    assert (
        foods.loc[["banana", "potato_baked", "dried_apricots", "orange_juice"], "k_to_mg_molar_ratio"].min()
        >= 8
    )


def test_dris_table_content() -> None:
    dris = data.dris()
    assert set(dris["nutrient"]) == {"Mg", "K"}
    assert set(dris["value_kind"]) == {"RDA", "AI", "UL"}
    mg_ul = dris[(dris["nutrient"] == "Mg") & (dris["value_kind"] == "UL")]
    infants = mg_ul[mg_ul["age_max_years"] <= 1]
    assert len(infants) == 2
    assert (infants["value_status"] == "not established").all() and infants["value_mg_per_day"].isna().all()
    assert mg_ul["notes"].str.contains("supplements and medications only").all()
    k_ul = dris[(dris["nutrient"] == "K") & (dris["value_kind"] == "UL")]
    assert len(k_ul) == 10
    assert (k_ul["value_status"] == "not determined").all() and k_ul["value_mg_per_day"].isna().all()
    lactation_mg = dris[(dris["nutrient"] == "Mg") & (dris["condition"] == "lactation")]
    assert (lactation_mg["confidence"] == "C").all()  # lactation values are from background knowledge
    mg_intake = dris[(dris["nutrient"] == "Mg") & (dris["value_kind"] != "UL")]
    assert mg_intake["source"].str.contains("NIH ODS Magnesium fact sheet").all()
    assert mg_intake["source"].str.contains("IOM 1997").all()


def test_reference_ranges_content() -> None:
    ranges = data.reference_ranges()

    def row(analyte: str, condition: str, grade: str, system: str, unit: str) -> pd.Series:
        hit = ranges[
            (ranges["analyte"] == analyte)
            & (ranges["condition"] == condition)
            & (ranges["grade"] == grade)
            & (ranges["system"] == system)
            & (ranges["unit"] == unit)
        ]
        assert len(hit) == 1, (analyte, condition, grade, system, unit)
        return hit.iloc[0]

    course = data.COURSE_GRADES_SYSTEM
    assert course == "course grades"
    # the grades the code classifies with: one row per band, in mmol/L (K 8 bands, Mg 7 bands)
    graded = ranges[ranges["system"] == course]
    assert (graded["unit"] == "mmol/L").all()
    assert graded["analyte"].value_counts().to_dict() == {"K": 8, "Mg": 7}
    k_normal = row("K", "normal", "normal", course, "mmol/L")
    assert (k_normal["lower"], k_normal["upper"]) == (3.5, 5.0)
    severe = row("K", "hypokalaemia", "severe", course, "mmol/L")
    assert (severe["lower"], severe["upper"], severe["range_text"]) == (0.0, 2.5, "< 2.5")
    assert row("K", "hypokalaemia", "mild", course, "mmol/L")["source"].startswith("Kardalas")
    gap = row("K", "above the reference range", "mild", course, "mmol/L")
    assert (gap["lower"], gap["upper"], gap["confidence"]) == (5.0, 5.5, "D")
    top = row("K", "hyperkalaemia", "severe", course, "mmol/L")
    assert (
        top["lower"] == 6.5 and math.isnan(top["upper"]) and top["source"].startswith("UK Kidney Association")
    )
    # the rows that only repeated the course grades are gone; the other systems stay as a catalogue
    assert not ranges["system"].isin(["clinical grading", "UK Kidney Association"]).any()
    assert len(ranges[(ranges["system"] == "reference interval") & (ranges["unit"] == "mmol/L")]) == 0
    assert row("K", "normal", "normal", "reference interval (some laboratories)", "mmol/L")["upper"] == 5.3
    # Mg normal: 0.75–0.95 mmol/L = 1.82–2.31 mg/dL = 1.5–1.9 mEq/L (NIH ODS)
    mg_mmol = row("Mg", "normal", "normal", course, "mmol/L")
    mg_mgdl = row("Mg", "normal", "normal", "NIH ODS", "mg/dL")
    mg_meq = row("Mg", "normal", "normal", "NIH ODS", "mEq/L")
    assert (mg_mmol["lower"], mg_mmol["upper"]) == (0.75, 0.95)
    assert mg_mmol["source"].startswith("NIH Office of Dietary Supplements")
    for bound in ("lower", "upper"):  # mmol/L × 2.431 = mg/dL; mEq/L = 2 × mmol/L (M = 24.305 g/mol)
        assert mg_mgdl[bound] == pytest.approx(mg_mmol[bound] * 2.431, abs=0.006)
        assert mg_meq[bound] == pytest.approx(mg_mmol[bound] * 2, abs=0.001)
    g4 = row("Mg", "hypomagnesaemia", "grade 4", "CTCAE v5", "mmol/L")
    assert g4["upper"] == 0.3 and g4["confidence"] == "C"
    assert row("K", "hypokalaemia", "grade 3", "CTCAE v5", "mmol/L")["lower"] == 2.5
    # NIH ODS: symptoms of Mg toxicity usually develop after serum Mg exceeds 1.74–2.61 mmol/L
    toxic = row("Mg", "hypermagnesaemia", "symptomatic", "NIH ODS", "mmol/L")
    assert toxic["lower"] == 1.74 and math.isnan(toxic["upper"]) and "2.61" in toxic["range_text"]
    moderate = row("Mg", "hypermagnesaemia", "moderate", course, "mmol/L")
    assert (moderate["lower"], moderate["upper"]) == (1.74, 2.61)
    assert row("Mg", "hypomagnesaemia", "mild", course, "mmol/L")["range_text"] == "0.50–0.74"


PRESET_CAUSES = [
    "loop_diuretic",
    "thiazide",
    "long_term_ppi",
    "alcohol_use_disorder",
    "diarrhoea",
    "gitelman_syndrome",
]


def test_causes_have_the_presets_the_notebook_needs() -> None:
    causes = data.causes().set_index("cause_id")
    assert set(PRESET_CAUSES) <= set(causes.index)
    assert {
        "vomiting_ng_suction",
        "nephrotoxic_drugs",
        "bartter_syndrome",
        "refeeding_syndrome",
        "uncontrolled_diabetes",
        "poor_diet",
        "hyperaldosteronism",
    } <= set(causes.index)
    assert causes["model_driver"].between(1.0, 2.0).all()
    assert causes["model_serum_mg_mmol_per_l"].between(0.2, 1.5).all()
    assert (causes["preset_confidence"] == "D").all()
    assert causes["preset_note"].str.contains("Illustrative mapping chosen for teaching").all()
    # the model's illustrative driver scale: 2 ≈ loop / hyperaldosteronism, 1.5–1.7 ≈ thiazide-like.
    assert causes.loc["loop_diuretic", "model_driver"] == 2.0
    assert causes.loc["hyperaldosteronism", "model_driver"] == 2.0
    assert 1.5 <= causes.loc["thiazide", "model_driver"] <= 1.7
    assert 1.5 <= causes.loc["gitelman_syndrome", "model_driver"] <= 1.7
    # A PPI acts on K only through Mg: no extra K driver, and a real Mg deficit (< 0.75 mmol/L, ODS).
    assert causes.loc["long_term_ppi", "model_driver"] == 1.0
    assert causes.loc["long_term_ppi", "model_serum_mg_mmol_per_l"] < 0.75
    # the loop > thiazide ordering is a teaching choice, and the notes say so
    for cause_id in ("loop_diuretic", "thiazide"):
        note = causes.loc[cause_id, "preset_note"]
        assert "arbitrary" in note and "chlorthalidone" in note and "commonest diuretic cause" in note


def test_ppi_mechanism_is_not_attributed_to_the_fda() -> None:
    ppi = data.causes().set_index("cause_id").loc["long_term_ppi"]
    assert "TRPM6/7" in ppi["mg_mechanism"] and "hypothesis" in ppi["mg_mechanism"]
    assert "names no mechanism" in ppi["source"] and "William JH" in ppi["source"]


def test_huang_and_kuo_are_cited_only_where_they_apply() -> None:
    causes = data.causes().set_index("cause_id")
    citing = set(causes.index[causes["source"].str.contains("Huang")])
    assert citing == {"loop_diuretic", "thiazide", "gitelman_syndrome", "bartter_syndrome"}


def test_gi_k_loss_column_is_zero_except_for_diarrhoea() -> None:
    causes = data.causes().set_index("cause_id")
    assert causes["model_gi_k_loss_mmol_per_day"].dtype == np.float64
    assert causes.loc["diarrhoea", "model_gi_k_loss_mmol_per_day"] == 50.0
    assert (causes.drop(index="diarrhoea")["model_gi_k_loss_mmol_per_day"] == 0.0).all()
    # vomiting stays renal: alkalosis plus aldosterone, urine K high
    assert causes.loc["vomiting_ng_suction", "model_driver"] > 1.0
    assert "urine K is high" in causes.loc["vomiting_ng_suction", "k_mechanism"]


def test_diarrhoea_preset_is_an_extrarenal_loss_with_low_urine_k() -> None:
    row = data.causes().set_index("cause_id").loc["diarrhoea"]
    assert row["model_driver"] == 1.0  # the kidney is not the problem
    assert row["model_serum_mg_mmol_per_l"] == 0.7
    assert row["model_k_intake_mmol_per_day"] == 80.0
    for words in (
        "Faecal K loss",
        "conserves K",
        "urine K is low",
        "< 20–25 mmol/day",
        "24-h urine K",
        "K:creatinine",
    ):
        assert words in row["k_mechanism"], words
    assert "Gennari" in row["source"] and "Rastegar" in row["source"]
    # what the preset note says about the model: serum K falls, urine K stays below 25 mmol/day
    ss = model.steady_state(
        row["model_serum_mg_mmol_per_l"],
        row["model_k_intake_mmol_per_day"],
        row["model_driver"],
        gi_k_loss=row["model_gi_k_loss_mmol_per_day"],
    )
    assert "below 25 mmol/day" in row["preset_note"]
    assert float(ss.urine_k) < 25.0
    assert float(ss.serum_k) < 3.5


def test_symptoms_bands_and_red_flags() -> None:
    sym = data.symptoms()
    bands = sym[sym["kind"] == "symptom"]
    for condition in ("hypokalaemia", "hypomagnesaemia"):
        assert sorted(bands.loc[bands["condition"] == condition, "severity"]) == [
            "mild",
            "moderate",
            "severe",
        ]
    hk = bands[bands["condition"] == "hypokalaemia"].set_index("severity")
    assert (hk.loc["mild", "lower_mmol_per_l"], hk.loc["mild", "upper_mmol_per_l"]) == (3.0, 3.5)
    assert (hk.loc["moderate", "lower_mmol_per_l"], hk.loc["moderate", "upper_mmol_per_l"]) == (2.5, 3.0)
    assert math.isnan(hk.loc["severe", "lower_mmol_per_l"]) and hk.loc["severe", "upper_mmol_per_l"] == 2.5
    hm = bands[bands["condition"] == "hypomagnesaemia"].set_index("severity")
    assert hm.loc["severe", "upper_mmol_per_l"] == 0.5
    assert "tetany" in hm.loc["severe", "text"]
    flags = sym.loc[sym["kind"] == "red_flag", "text"].str.lower()
    # tremor or tetany alone is not an emergency: report it promptly (FDA 2011 lists it for PPI users)
    assert not flags.str.contains("tremor|tetany").any()
    report = sym[sym["kind"] == "report_promptly"]
    assert len(report) == 1
    assert "tremor" in report["text"].iloc[0].lower() and "tetany" in report["text"].iloc[0].lower()
    assert "not an emergency" in report["notes"].iloc[0]
    assert report["source"].iloc[0].startswith("FDA Drug Safety Communication")
    for needle in (
        "chest pain",
        "palpitations",
        "fainting",
        "breathing",
        "weakness",
        "seizures",
        "confusion",
        "children",
    ):
        assert flags.str.contains(needle).any(), needle


# --------------------------------------------------------------------------------------------------
# corrupted copies are refused with file, row and column
# --------------------------------------------------------------------------------------------------

# (table, kind, data row (1-based) or None for the header, column, new cell value or None to drop the column)
CORRUPTIONS = [
    ("foods", "wrong type", 3, "magnesium_mg_per_100g", "lots"),
    ("foods", "negative value", 5, "potassium_mg_per_100g", "-5"),
    ("foods", "above range", 2, "magnesium_mg_per_100g", "1500"),
    ("foods", "missing column", None, "serving_g", None),
    ("foods", "duplicate key", 6, "ndb_number", "12016"),
    ("foods", "inconsistent serving value", 30, "potassium_mg_per_serving", "500"),
    ("foods", "inconsistent molar ratio", 1, "k_to_mg_molar_ratio", "1.9"),
    ("foods", "unknown fdc status", 4, "fdc_id_status", "probably"),
    ("foods", "ndb number lost its leading zero", 21, "ndb_number", "8120"),
    ("dietary_reference_intakes", "wrong type", 2, "age_min_years", "one"),
    ("dietary_reference_intakes", "negative value", 4, "value_mg_per_day", "-75"),
    ("dietary_reference_intakes", "missing column", None, "value_kind", None),
    ("dietary_reference_intakes", "duplicate key", 2, "sex", "male"),
    ("dietary_reference_intakes", "fake number for a missing UL", 3, "value_mg_per_day", "0"),
    ("reference_ranges", "wrong type", 1, "lower", "low"),
    ("reference_ranges", "negative value", 1, "lower", "-3.5"),
    ("reference_ranges", "missing column", None, "unit", None),
    ("reference_ranges", "duplicate key", 3, "system", "course grades"),
    ("reference_ranges", "lower above upper", 17, "lower", "5.4"),
    ("reference_ranges", "course grade that is not a grade word", 1, "grade", "grade 4"),
    ("reference_ranges", "course grade in another unit", 5, "unit", "mg/dL"),
    ("reference_ranges", "course grades leave a gap", 10, "upper", "0.45"),
    ("reference_ranges", "course grades overlap", 12, "upper", "1.8"),
    ("reference_ranges", "course grades do not start at 0", 9, "lower", "0.1"),
    ("reference_ranges", "highest course grade closed", 8, "upper", "9.0"),
    ("reference_ranges", "unknown condition", 2, "condition", "hypokalemia"),
    ("causes", "wrong type", 1, "model_driver", "high"),
    ("causes", "negative value", 2, "model_serum_mg_mmol_per_l", "-0.5"),
    ("causes", "driver outside the model's range", 3, "model_driver", "2.5"),
    ("causes", "missing column", None, "preset_note", None),
    ("causes", "duplicate key", 4, "cause_id", "loop_diuretic"),
    ("causes", "gi loss outside the model's range", 5, "model_gi_k_loss_mmol_per_day", "150"),
    ("causes", "missing column", None, "model_gi_k_loss_mmol_per_day", None),
    ("symptoms", "wrong type", 1, "lower_mmol_per_l", "three"),
    ("symptoms", "negative value", 2, "upper_mmol_per_l", "-3"),
    ("symptoms", "missing column", None, "kind", None),
    (
        "symptoms",
        "duplicate key",
        2,
        "text",
        "Usually none; maybe fatigue, raised blood pressure, risk of ectopic beats",
    ),
    ("symptoms", "unknown kind", 7, "kind", "warning"),
    ("symptoms", "report row with a serum band", 15, "condition", "hypokalaemia"),
]


@pytest.mark.parametrize(
    ("name", "kind", "row", "column", "value"),
    CORRUPTIONS,
    ids=[f"{c[0]}-{c[1].replace(' ', '_')}" for c in CORRUPTIONS],
)
def test_corrupted_copy_is_refused_naming_file_row_and_column(
    tmp_path: Path, name: str, kind: str, row: int | None, column: str, value: str | None
) -> None:
    frame = _raw_frame(name)
    if value is None:
        frame = frame.drop(columns=[column])
    else:
        if kind == "duplicate key" and name in ("dietary_reference_intakes", "symptoms", "reference_ranges"):
            # make data row `row` a copy of the row above it in every key column
            frame.iloc[row - 1] = frame.iloc[row - 2]
        assert frame.loc[row - 1, column] != value or kind == "duplicate key"
        frame.loc[row - 1, column] = value
    path = _write(frame, tmp_path / f"{name}.csv")

    with pytest.raises(DataValidationError) as excinfo:
        load_table(name, path)
    message = str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)
    assert str(path) in message
    assert repr(column) in message
    if row is None:
        assert "header" in message and "missing" in message
        assert (None, column) in [(r, c) for r, c, _ in excinfo.value.problems]
    else:
        assert f"data row {row} (CSV line {row + 1})" in message
        assert (row, column) in [(r, c) for r, c, _ in excinfo.value.problems]


def test_serving_check_allows_rounding_but_not_more(tmp_path: Path) -> None:
    """Pumpkin seeds: 550 mg/100 g × 28.35 g = 155.9 mg; tolerance max(±1 mg, ±2 %) = ±3.1 mg."""
    frame = _raw_frame("foods")
    frame.loc[0, "magnesium_mg_per_serving"] = "158"
    load_table("foods", _write(frame, tmp_path / "ok.csv"))
    frame.loc[0, "magnesium_mg_per_serving"] = "160"
    with pytest.raises(
        DataValidationError, match=r"data row 1 \(CSV line 2\), column 'magnesium_mg_per_serving'"
    ):
        load_table("foods", _write(frame, tmp_path / "bad.csv"))


def test_unexpected_column_is_refused(tmp_path: Path) -> None:
    frame = _raw_frame("causes").assign(model_drivr="1.0")
    with pytest.raises(DataValidationError, match="model_drivr"):
        load_table("causes", _write(frame, tmp_path / "causes.csv"))


def test_unparseable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "symptoms.csv"
    text = (data.DATA_DIR / "symptoms.csv").read_text(encoding="utf-8").splitlines()
    text[2] += ",extra,cells"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="symptoms.csv"):
        load_table("symptoms", path)


def test_unknown_table_name() -> None:
    with pytest.raises(ValueError, match=r"name='food'.*valid names.*'foods'"):
        load_table("food")


# --------------------------------------------------------------------------------------------------
# dri()
# --------------------------------------------------------------------------------------------------


def _intake_rows() -> list[dict[str, str]]:
    return [r for r in _raw_rows("dietary_reference_intakes") if r["value_kind"] != "UL"]


@pytest.mark.parametrize(
    "row",
    _intake_rows(),
    ids=[f"{r['nutrient']}-{r['life_stage']}-{r['sex']}-{r['condition']}" for r in _intake_rows()],
)
def test_dri_finds_every_row_of_the_table(row: dict[str, str]) -> None:
    lo = float(row["age_min_years"])
    hi = float(row["age_max_years"]) if row["age_max_years"] else lo + 30
    for age in (lo, (lo + hi) / 2, hi - 0.01):
        got = dri(
            row["nutrient"],
            age,
            row["sex"],
            pregnant=row["condition"] == "pregnancy",
            lactating=row["condition"] == "lactation",
        )
        assert got.value_mg_per_day == float(row["value_mg_per_day"])
        assert got.kind == row["value_kind"]
        assert got.life_stage == row["life_stage"]
        assert got.source == row["source"]


# IOM 1997 (Mg, via NIH ODS) and NASEM 2019 (K), written out by hand:
# (example age, male, female, pregnancy, lactation, UL or None).
MG_DRI = {
    "0–6 mo": (0.25, 30, 30, None, None, None),
    "7–12 mo": (0.75, 75, 75, None, None, None),
    "1–3 y": (2, 80, 80, None, None, 65),
    "4–8 y": (6, 130, 130, None, None, 110),
    "9–13 y": (11, 240, 240, None, None, 350),
    "14–18 y": (16, 410, 360, 400, 360, 350),
    "19–30 y": (25, 400, 310, 350, 310, 350),
    "31–50 y": (40, 420, 320, 360, 320, 350),
    "51+ y": (65, 420, 320, None, None, 350),
}
K_DRI = {
    "0–6 mo": (0.25, 400, 400, None, None),
    "7–12 mo": (0.75, 860, 860, None, None),
    "1–3 y": (2, 2000, 2000, None, None),
    "4–8 y": (6, 2300, 2300, None, None),
    "9–13 y": (11, 2500, 2300, None, None),
    "14–18 y": (16, 3000, 2300, 2600, 2500),
    "19–30 y": (25, 3400, 2600, 2900, 2800),
    "31–50 y": (40, 3400, 2600, 2900, 2800),
    "51–70 y": (60, 3400, 2600, None, None),
    ">70 y": (80, 3400, 2600, None, None),
}


def _dri_cases() -> list[tuple[str, str, float, str, str, float, str, float | None]]:
    cases = []
    for stage, (age, male, female, preg, lact, ul) in MG_DRI.items():
        kind = "AI" if age < 1 else "RDA"
        for sex, cond, value in (
            ("male", "none", male),
            ("female", "none", female),
            ("female", "pregnancy", preg),
            ("female", "lactation", lact),
        ):
            if value is not None:
                cases.append(("Mg", stage, age, sex, cond, value, kind, ul))
    for stage, (age, male, female, preg, lact) in K_DRI.items():
        for sex, cond, value in (
            ("male", "none", male),
            ("female", "none", female),
            ("female", "pregnancy", preg),
            ("female", "lactation", lact),
        ):
            if value is not None:
                cases.append(("K", stage, age, sex, cond, value, "AI", None))
    return cases


@pytest.mark.parametrize(
    ("nutrient", "stage", "age", "sex", "condition", "value", "kind", "ul"),
    _dri_cases(),
    ids=[f"{c[0]}-{c[1]}-{c[3]}-{c[4]}" for c in _dri_cases()],
)
def test_dri_matches_the_published_tables(
    nutrient: str, stage: str, age: float, sex: str, condition: str, value: float, kind: str, ul: float | None
) -> None:
    got = dri(nutrient, age, sex, pregnant=condition == "pregnancy", lactating=condition == "lactation")
    assert isinstance(got, DRIValue)
    assert (got.nutrient, got.life_stage, got.value_mg_per_day, got.kind) == (nutrient, stage, value, kind)
    assert got.ul_mg_per_day == ul
    if nutrient == "Mg" and ul is not None:
        assert "supplements and medications only" in got.ul_note
    if nutrient == "K":
        assert "No UL" in got.ul_note


@pytest.mark.parametrize(
    ("nutrient", "age", "stage"),
    [
        ("Mg", 0.0, "0–6 mo"),
        ("Mg", 0.5, "7–12 mo"),
        ("Mg", 0.999, "7–12 mo"),
        ("Mg", 1, "1–3 y"),
        ("Mg", 3.99, "1–3 y"),
        ("Mg", 4, "4–8 y"),
        ("Mg", 13.5, "9–13 y"),
        ("Mg", 14, "14–18 y"),
        ("Mg", 50.9, "31–50 y"),
        ("Mg", 51, "51+ y"),
        ("Mg", 110, "51+ y"),
        ("K", 70.5, "51–70 y"),
        ("K", 71, ">70 y"),
    ],
)
def test_dri_life_stage_boundaries(nutrient: str, age: float, stage: str) -> None:
    assert dri(nutrient, age, "female").life_stage == stage


@pytest.mark.parametrize("name", ["Mg", "mg", "magnesium", "Magnesium", " MAGNESIUM "])
def test_dri_accepts_magnesium_spellings(name: str) -> None:
    assert dri(name, 40, "male").value_mg_per_day == 420


@pytest.mark.parametrize("name", ["K", "k", "potassium", "Potassium"])
def test_dri_accepts_potassium_spellings(name: str) -> None:
    assert dri(name, 40, "male").value_mg_per_day == 3400


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        (
            {"nutrient": "Ca", "age_years": 30, "sex": "male"},
            r"nutrient='Ca'.*'Mg', 'magnesium', 'K', 'potassium'",
        ),
        ({"nutrient": "Mg", "age_years": -1, "sex": "male"}, r"age_years=-1 years.*>= 0"),
        ({"nutrient": "Mg", "age_years": float("nan"), "sex": "male"}, r"age_years=nan"),
        ({"nutrient": "Mg", "age_years": float("inf"), "sex": "male"}, r"age_years=inf"),
        ({"nutrient": "Mg", "age_years": "30", "sex": "male"}, r"age_years='30'"),
        ({"nutrient": "Mg", "age_years": True, "sex": "male"}, r"age_years=True"),
        ({"nutrient": "K", "age_years": 30, "sex": "other"}, r"sex='other'.*'male', 'female'"),
        ({"nutrient": "K", "age_years": 30, "sex": "any"}, r"sex='any'.*'male', 'female'"),
        (
            {"nutrient": "Mg", "age_years": 30, "sex": "male", "pregnant": True},
            r"pregnant=True.*sex='female'",
        ),
        (
            {"nutrient": "K", "age_years": 30, "sex": "male", "lactating": True},
            r"lactating=True.*sex='female'",
        ),
        (
            {"nutrient": "Mg", "age_years": 5, "sex": "female", "pregnant": True},
            r"age_years=5 years.*pregnant=True.*14 <= age_years < 51",
        ),
        (
            {"nutrient": "K", "age_years": 60, "sex": "female", "lactating": True},
            r"age_years=60 years.*lactating=True.*14 <= age_years < 51",
        ),
        (
            {"nutrient": "Mg", "age_years": 30, "sex": "female", "pregnant": True, "lactating": True},
            r"pregnant=True and lactating=True",
        ),
        (
            {"nutrient": "Mg", "age_years": 30, "sex": "female", "pregnant": "yes"},
            r"pregnant='yes'.*True, False",
        ),
    ],
)
def test_dri_invalid_arguments(kwargs: dict, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        dri(**kwargs)
