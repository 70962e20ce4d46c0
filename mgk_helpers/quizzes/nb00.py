"""Self-checks for notebook 00 (start here): units and how to read the explorers."""

from __future__ import annotations

from mgk_helpers.units import convert_concentration

_MG_MMOL = 0.6
_MG_DL = round(float(convert_concentration(_MG_MMOL, "mmol/L", "mg/dL", ion="Mg")), 2)

QUESTIONS = [
    {
        "question": f"A lab reports serum Mg {_MG_MMOL} mmol/L. What is that in mg/dL?",
        "answer": _MG_DL,
        "tolerance": 0.05,
        "unit": "mg/dL",
        "explanation": (
            f"Multiply by the molar mass of Mg (24.305 g/mol, its IUPAC atomic weight) and divide "
            f"by 10 to go from mg/L to mg/dL: {_MG_MMOL} × 24.305 / 10 ≈ {_MG_DL} mg/dL. The normal range "
            "0.75–0.95 mmol/L (NIH ODS) is 1.82–2.31 mg/dL."
        ),
    },
    {
        "question": "Serum K is 3.8 mmol/L. What is it in mEq/L?",
        "answer": 3.8,
        "tolerance": 0.01,
        "unit": "mEq/L",
        "explanation": (
            "K⁺ carries one charge, so 1 mmol = 1 mEq: 3.8 mmol/L = 3.8 mEq/L. For Mg²⁺ (two charges) "
            "1 mmol = 2 mEq, so Mg in mEq/L is twice the mmol/L value."
        ),
    },
    {
        "question": "What do the numbers the explorers print mean?",
        "options": [
            "They predict a real patient's potassium and tell you what dose to take.",
            "They are outputs of an illustrative teaching model whose Mg→K link is a hypothesis.",
            "They are measured averages from a clinical trial.",
        ],
        "answer": 1,
        "explanation": (
            "The model is built to show mechanisms and their uncertainty. Its magnesium → potassium "
            "coupling is a labelled hypothesis (Huang & Kuo 2007), and the strength of that coupling is a "
            "calibration: a number chosen so the model reproduces one small study of experimental Mg "
            "depletion (Shils 1964). When the model reproduces what was seen in people, it shows what would "
            "be enough to explain it, not proof. It is never a clinical prediction or dosing advice."
        ),
    },
]
