"""Self-checks for notebook 07 (capstone case): the virtual patient on a thiazide and a long-term PPI."""

from __future__ import annotations

from mgk_helpers.data import dri
from mgk_helpers.reference import classify_k, classify_mg

#: The virtual patient's invented lab values: serum K 3.1 mmol/L, serum Mg 0.5 mmol/L.
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
            "mmol/L), on the line with the next grade. A 0.01 mmol/L difference is within the measurement "
            'error of the test, so read it as "about 0.5": urgency comes from her symptoms, ECG and context, '
            "not the second decimal. Her cramps and tiredness fit either deficiency."
        ),
    },
    {
        "question": "Which of her two medicines is the more plausible main cause of her serum Mg of 0.50?",
        "options": [
            "The thiazide diuretic",
            "The proton-pump inhibitor (PPI)",
            "Neither: it must be her diet",
        ],
        "answer": 1,
        "explanation": (
            "Long-term PPI use can cause low Mg, mostly after more than a year (FDA 2011). The FDA named no "
            "mechanism; reduced active Mg absorption in the gut (TRPM6/7) is the leading hypothesis. The "
            "thiazide drives K secretion and lowers Mg reabsorption in the kidney (less TRPM6; Nijenhuis "
            "2005), but at conventional doses such as hers the Mg loss is usually small (Davies & Fraser "
            "1993; Kieboom et al. 2018). So the thiazide explains much of her K loss, and the PPI is the "
            "more plausible main cause of her low Mg, with the thiazide perhaps adding a little."
        ),
    },
    {
        "question": f"What is the Mg RDA for a woman aged {PATIENT_AGE}?",
        "answer": _RDA,
        "tolerance": 0.5,
        "unit": "mg/day",
        "explanation": (
            f"{_RDA:.0f} mg/day for women aged 31 and over, her age group included (IOM 1997). Food alone is "
            "unlikely to correct a PPI-related Mg deficit: in about a quarter of the cases the FDA reviewed, "
            "even Mg supplements alone did not, and the PPI had to be stopped. Her clinician decides."
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
