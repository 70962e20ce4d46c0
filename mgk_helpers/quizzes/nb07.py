"""Self-checks for notebook 07 (capstone case): the virtual patient on a thiazide and a long-term PPI."""

from __future__ import annotations

from mgk_helpers.data import dri
from mgk_helpers.reference import classify_k, classify_mg

#: The virtual patient's lab values (issue 7): serum K 3.1 mmol/L, serum Mg 0.5 mmol/L.
PATIENT_K = 3.1
PATIENT_MG = 0.5
PATIENT_AGE = 72

_K_LABEL = classify_k(PATIENT_K).label
_MG_LABEL = classify_mg(PATIENT_MG).label
_OPTIONS = [
    f"{_K_LABEL} and {_MG_LABEL}",
    "severe hypokalaemia and severe hypomagnesaemia",
    "normal K and normal Mg",
]
_RDA = dri("Mg", PATIENT_AGE, "female").value_mg_per_day

QUESTIONS = [
    {
        "question": f"Serum K {PATIENT_K} mmol/L and serum Mg {PATIENT_MG} mmol/L: how are they classified?",
        "options": _OPTIONS,
        "answer": 0,
        "explanation": (
            f"K {PATIENT_K} is {_K_LABEL} (3.0–3.4 mmol/L); Mg {PATIENT_MG} is {_MG_LABEL} (0.50–0.74 "
            "mmol/L), "
            "right at the 0.5 mmol/L level below which symptoms become typical. Her cramps and tiredness fit "
            "either deficiency."
        ),
    },
    {
        "question": "Which of her two medicines lowers Mg by reducing its absorption in the gut?",
        "options": ["The thiazide diuretic", "The proton-pump inhibitor (PPI)", "Neither"],
        "answer": 1,
        "explanation": (
            "Long-term PPIs reduce active Mg absorption through TRPM6/7 (FDA 2011). The thiazide lowers Mg "
            "in "
            "the kidney (less TRPM6 reabsorption) and drives K secretion. So one cause (the thiazide) "
            "removes "
            "both ions, and the PPI adds to the Mg loss."
        ),
    },
    {
        "question": f"What is the Mg RDA for a woman aged {PATIENT_AGE}?",
        "answer": _RDA,
        "tolerance": 0.5,
        "unit": "mg/day",
        "explanation": (
            f"{_RDA:.0f} mg/day for women aged 51 and over (IOM 1997). Food alone rarely corrects a "
            "PPI-related "
            "Mg deficit, and supplements may not either; that is a decision for her clinician."
        ),
    },
    {
        "question": "Which new complaint should send her to urgent care at once?",
        "options": [
            "Cramps in the calves at night",
            "A racing or irregular heartbeat with light-headedness",
            "Feeling tired after shopping",
        ],
        "answer": 1,
        "explanation": (
            "Palpitations, fainting or near-fainting, chest pain, trouble breathing, severe weakness, "
            "seizures and "
            "new confusion are red flags. Low K and low Mg together raise the risk of arrhythmias such as "
            "torsades de pointes."
        ),
    },
]
