"""Self-checks for notebook 01 (electrolytes and the kidney): body stores, ROMK, Mg alone vs a driver."""

from __future__ import annotations

from mgk_helpers.model import romk_factor, steady_state

_K_NORMAL_MG = steady_state(0.85, driver=1.0).serum_k
_K_LOW_MG = steady_state(0.25, driver=1.0).serum_k
_FALL = round(_K_NORMAL_MG - _K_LOW_MG, 2)
_R_02 = round(float(romk_factor(0.2)), 2)

QUESTIONS = [
    {
        "question": (
            "In the model, with no driver (1.0×) and K intake 100 mmol/day, how far does steady-state "
            "serum K fall when serum Mg goes from 0.85 to 0.25 mmol/L?"
        ),
        "answer": _FALL,
        "tolerance": 0.03,
        "unit": "mmol/L",
        "explanation": (
            f"From {_K_NORMAL_MG:.2f} to {_K_LOW_MG:.2f} mmol/L, a fall of about {_FALL:.2f} mmol/L: "
            "serum K stays in the normal range 3.5–5.0 mmol/L. Low Mg alone nudges K down; it does "
            "not by itself cause hypokalaemia (Huang & Kuo 2007). These are illustrative model numbers."
        ),
    },
    {
        "question": (
            "Huang & Kuo (2007) say magnesium deficiency alone does not necessarily cause hypokalaemia. "
            "What else is usually needed?"
        ),
        "options": [
            "Nothing: low Mg always causes low K.",
            "More sodium reaching the distal nephron or high aldosterone (e.g. a diuretic, vomiting).",
            "A diet very high in potassium.",
            "A high serum calcium.",
        ],
        "answer": 1,
        "explanation": (
            "Low cell Mg releases the Mg block of ROMK, but K secretion only rises a lot when something "
            "drives it: distal sodium delivery (diuretics, vomiting, Bartter or Gitelman syndrome) "
            "or aldosterone. In the model, the driver and the Mg effect multiply."
        ),
    },
    {
        "question": (
            "In the model, ROMK secretory capacity is R = (1 + 0.5/Kd)/(1 + Mg_i/Kd) with Kd = 1 mmol/L "
            "(an assumption). By what factor does it rise when cytosolic free Mg falls from 0.5 to "
            "0.2 mmol/L?"
        ),
        "answer": _R_02,
        "tolerance": 0.02,
        "unit": "× normal",
        "explanation": (
            f"R = (1 + 0.5)/(1 + 0.2) = {_R_02:.2f}: about {round((_R_02 - 1) * 100):.0f}% more capacity to "
            "secrete K. With Kd = 0.3 mmol/L the rise would be larger, with Kd = 3 mmol/L smaller: the "
            "block constant has not been measured well at real urine K levels (Yang et al. 2010)."
        ),
    },
    {
        "question": (
            "A patient on long-term diuretics has a serum Mg of 0.80 mmol/L, inside the normal range. "
            "Does that rule out magnesium deficiency?"
        ),
        "options": [
            "Yes: a normal serum Mg means body Mg is normal.",
            "No: less than 1% of body Mg is in serum, and muscle Mg can be low while serum Mg is normal.",
            "Only if serum K is normal too.",
        ],
        "answer": 1,
        "explanation": (
            "Serum holds less than 1% of body Mg (NIH ODS), and free Mg inside cells is tightly buffered. "
            "In long-term diuretic patients muscle Mg and K were low in about half even when serum K and Mg "
            "were normal (Dørup & Skajaa 1989)."
        ),
    },
]
