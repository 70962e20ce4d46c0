"""Self-checks for notebook 00 (start here): units and how to read the explorers."""

from __future__ import annotations

from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.units import convert_concentration

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    mg_mmol = 0.6
    mg_dl = round(float(convert_concentration(mg_mmol, "mmol/L", "mg/dL", ion="Mg")), 2)

    return (
        NumericQuestion(
            prompt=f"A lab reports serum Mg {mg_mmol} mmol/L. What is that in mg/dL?",
            answer=mg_dl,
            tolerance=0.05,
            unit="mg/dL",
            explanation=(
                f"Multiply by the molar mass of Mg (24.305 g/mol, its IUPAC atomic weight) and divide "
                f"by 10 to go from mg/L to mg/dL: {mg_mmol} × 24.305 / 10 ≈ {mg_dl} mg/dL. The normal range "
                "0.75–0.95 mmol/L (NIH ODS) is 1.82–2.31 mg/dL."
            ),
        ),
        NumericQuestion(
            prompt="Serum K is 3.8 mmol/L. What is it in mEq/L?",
            answer=3.8,
            tolerance=0.01,
            unit="mEq/L",
            explanation=(
                "K⁺ carries one charge, so 1 mmol = 1 mEq: 3.8 mmol/L = 3.8 mEq/L. For Mg²⁺ (two charges) "
                "1 mmol = 2 mEq, so Mg in mEq/L is twice the mmol/L value."
            ),
        ),
        ChoiceQuestion(
            prompt="What do the numbers the explorers print mean?",
            options=[
                "They predict a real patient's potassium and tell you what dose to take.",
                "They are outputs of an illustrative teaching model whose Mg→K link is a hypothesis.",
                "They are measured averages from a clinical trial.",
            ],
            answer=1,
            explanation=(
                "The model is built to show mechanisms and their uncertainty. Its magnesium → potassium "
                "coupling is a labelled hypothesis (Huang & Kuo 2007), and the strength of that coupling is a "
                "calibration: a number chosen so the model reproduces one small study of experimental Mg "
                "depletion (Shils 1964). When the model reproduces what was seen in people, it shows what would "
                "be enough to explain it, not proof. It is never a clinical prediction or dosing advice."
            ),
        ),
    )
