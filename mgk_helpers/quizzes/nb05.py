"""Self-checks for notebook 05 (causes and symptoms): bands, red flags, causes and the model presets."""

from __future__ import annotations

from mgk_helpers.data import causes
from mgk_helpers.model import steady_state
from mgk_helpers.reference import classify_k, classify_mg
from mgk_helpers.units import to_mmol_per_l

_K = 2.8
_K_LABELS = ["mild hypokalaemia", "moderate hypokalaemia", "severe hypokalaemia", "normal"]
_MG_DL = 1.1
_MG_MMOL = round(float(to_mmol_per_l(_MG_DL, "mg/dL", "Mg")), 2)


def _preset_k(cause_id: str) -> float:
    row = causes().set_index("cause_id").loc[cause_id]
    ss = steady_state(
        row["model_serum_mg_mmol_per_l"], row["model_k_intake_mmol_per_day"], row["model_driver"]
    )
    return round(float(ss.serum_k), 2)


_THIAZIDE_K = _preset_k("thiazide")
_PPI_K = _preset_k("long_term_ppi")

QUESTIONS = [
    {
        "question": f"Serum K is {_K} mmol/L. Which band is it in?",
        "options": _K_LABELS,
        "answer": _K_LABELS.index(classify_k(_K).label),
        "explanation": (
            "Mild hypokalaemia is 3.0–3.4, moderate 2.5–2.9 and severe below 2.5 mmol/L. At the moderate "
            "level "
            "weakness, muscle pain, cramps, tremor and constipation are typical, and the ECG may show ST "
            "sagging, flat or inverted T waves and prominent U waves."
        ),
    },
    {
        "question": (
            f"A US lab reports serum Mg {_MG_DL} mg/dL. What is that in mmol/L? (Below 0.5 mmol/L symptoms "
            "become typical.)"
        ),
        "answer": _MG_MMOL,
        "tolerance": 0.02,
        "unit": "mmol/L",
        "explanation": (
            f"mg/dL × 0.4114 = mmol/L, so {_MG_DL} mg/dL ≈ {_MG_MMOL} mmol/L: "
            f"{classify_mg(_MG_DL, 'mg/dL').label}, below the 0.5 mmol/L level under which symptoms such as "
            "tetany, seizures and arrhythmias become typical (NHS Lothian)."
        ),
    },
    {
        "question": "Which of these needs urgent (emergency) care rather than a routine appointment?",
        "options": [
            "Mild leg cramps after exercise",
            "Palpitations with fainting",
            "Feeling a little tired in the afternoon",
            "Constipation for two days",
        ],
        "answer": 1,
        "explanation": (
            "Palpitations (a racing, irregular or very slow heartbeat) and fainting are red flags, as are "
            "chest "
            "pain or tightness, trouble breathing, severe weakness, seizures and new confusion. Low K and "
            "low "
            "Mg can cause dangerous arrhythmias."
        ),
    },
    {
        "question": (
            "In the teaching model, which preset lowers serum K more: a thiazide (driver 1.7, serum Mg "
            "0.70 mmol/L) or a long-term PPI (no driver, serum Mg 0.45 mmol/L)?"
        ),
        "options": ["The thiazide", "The long-term PPI", "They give the same serum K"],
        "answer": 0 if _THIAZIDE_K < _PPI_K else 1,
        "explanation": (
            f"Thiazide preset: serum K {_THIAZIDE_K:.2f} mmol/L; PPI preset: {_PPI_K:.2f} mmol/L. The PPI "
            "lowers Mg more, but without a driver low Mg on its own lowers K only a little (Huang & Kuo "
            "2007). "
            "The diuretic drives K secretion, and low Mg adds to it. Illustrative model numbers."
        ),
    },
]
