"""Self-checks for notebook 04 (interrelated deficiencies): co-occurrence, refractory repletion, body "
"stores."""

from __future__ import annotations

from mgk_helpers.model import simulate
from mgk_helpers.scenarios import refractory_repletion

_DAY28 = {arm: float(simulate(refractory_repletion(arm))["serum_k"].iloc[-1]) for arm in ("K", "K+Mg")}
_GAIN = round(_DAY28["K+Mg"] - _DAY28["K"], 2)

QUESTIONS = [
    {
        "question": "In Whang's 1984 study, what share of patients with low K also had low Mg?",
        "options": ["About 5%", "About 20%", "About 42%", "About 90%"],
        "answer": 2,
        "explanation": (
            "42% of hypokalaemic patients were hypomagnesaemic (Whang et al., Arch Intern Med 1984). Huang "
            "& Kuo "
            "(2007) estimate more than half of clinically significant hypokalaemia comes with Mg "
            "deficiency. The "
            'article\'s "not uncommon" understates this.'
        ),
    },
    {
        "question": (
            "In the model's refractory-repletion scenario, how much higher is serum K at day 28 when Mg is "
            "corrected together with K (K + Mg) than with K alone?"
        ),
        "answer": _GAIN,
        "tolerance": 0.02,
        "unit": "mmol/L",
        "explanation": (
            f"Day 28: K alone {_DAY28['K']:.2f}, K + Mg {_DAY28['K+Mg']:.2f} mmol/L, a difference of "
            f"{_GAIN:.2f} mmol/L. The same K intake works better once Mg is corrected. Illustrative model "
            "numbers; the size depends on parameters nobody has measured well."
        ),
    },
    {
        "question": "Why can a normal serum Mg not rule out Mg deficiency?",
        "options": [
            "Because serum Mg is measured in mg/dL",
            "Because less than 1% of the body's Mg is in serum and cell Mg is tightly buffered",
            "Because Mg is mostly in red blood cells only",
            "Because serum Mg is always normal",
        ],
        "answer": 1,
        "explanation": (
            "Most body Mg is in bone and muscle; less than 1% is in serum (NIH ODS). In long-term diuretic "
            "users muscle Mg and K were low in about half even with normal serum values (Dørup & Skajaa "
            "1989). "
            "The same holds for K: about 98% of body K is inside cells."
        ),
    },
    {
        "question": "A patient on a loop diuretic has low K and low Mg. What is the most likely explanation?",
        "options": [
            "The low Mg alone caused the low K",
            "The diuretic causes both losses, and the low Mg then makes the K loss worse",
            "The heart lowered the K",
            "The low K caused the low Mg",
        ],
        "answer": 1,
        "explanation": (
            "Much co-occurrence is shared causation: the same drug makes the kidney lose both ions. Low Mg "
            "alone does not necessarily cause hypokalaemia, but with a driver it adds to the K loss "
            "(Huang & Kuo 2007)."
        ),
    },
]
