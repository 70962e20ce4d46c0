"""Self-checks for notebook 03 (muscle, nerve and heart): Nernst, IK1 at low K, ECG, the heart as a target."""

from __future__ import annotations

from mgk_helpers.membrane import nernst
from mgk_helpers.reference import ecg_pattern

_E_K_25 = round(nernst(2.5, 140.0), 1)
_E_K_42 = round(nernst(4.2, 140.0), 1)

QUESTIONS = [
    {
        "question": "Cell K is 140 mmol/L. What is E_K at 37 °C when serum K is 2.5 mmol/L?",
        "answer": _E_K_25,
        "tolerance": 0.5,
        "unit": "mV",
        "explanation": (
            f"E_K = 61.54 mV × log10(2.5/140) ≈ {_E_K_25:.1f} mV, more negative than the {_E_K_42:.1f} mV "
            "at a normal 4.2 mmol/L: low extracellular K hyperpolarises the K equilibrium potential."
        ),
    },
    {
        "question": "Which ECG findings are typical of moderate hypokalaemia (serum K 2.5–3.0 mmol/L)?",
        "options": [
            "Tall, tented T waves",
            ecg_pattern(2.7).findings[:1].upper() + ecg_pattern(2.7).findings[1:],
            "Loss of P waves and a sine-wave pattern",
        ],
        "answer": 1,
        "explanation": (
            "Low K slows repolarisation: the ST segment sags, T waves flatten and U waves grow. Tall "
            "tented T waves, loss of P waves and the sine wave belong to *high* K. The link with the exact "
            "K level is loose."
        ),
    },
    {
        "question": (
            "E_K is *more* negative when serum K is low, yet repolarisation of heart cells is slower. Why?"
        ),
        "options": [
            "Low K raises the Na permeability of heart cells.",
            "The IK1 conductance falls with low extracellular K, so less repolarising current flows.",
            "The Nernst equation does not apply to heart cells.",
        ],
        "answer": 1,
        "explanation": (
            "In cardiac models the IK1 conductance scales with √([K]o/5.4 mmol/L) (Luo & Rudy 1994). Less K "
            "current prolongs repolarisation: U waves, QT/QU prolongation and arrhythmia risk."
        ),
    },
    {
        "question": "The article says the heart 'can indirectly affect potassium levels'. What is correct?",
        "options": [
            "The heart regulates serum K by pumping it into the blood.",
            "The heart is a target: low K and low Mg each, and together, disturb its rhythm; it does not set "
            "serum K.",
            "Low Mg protects the heart from low K.",
        ],
        "answer": 1,
        "explanation": (
            "Serum K is set by intake, the kidney and shifts into and out of cells. Low K and low Mg "
            "independently and additively disturb repolarisation (U waves, long QT/QU, torsades de pointes). "
            "Palpitations or fainting need urgent care."
        ),
    },
]
