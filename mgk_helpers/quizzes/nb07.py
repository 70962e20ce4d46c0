"""Self-checks for notebook 07 (capstone case): the virtual patient on a thiazide and a long-term PPI."""

from __future__ import annotations

from mgk_helpers.data import dri
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.reference import classify_k, classify_mg

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    #: The virtual patient's invented lab values: serum K 3.1 mmol/L, serum Mg 0.5 mmol/L.
    patient_k = 3.1
    patient_mg = 0.5
    patient_age = 72

    k_label = classify_k(patient_k).label
    mg_label = classify_mg(patient_mg).label
    options = [
        f"{k_label} and {mg_label}",
        "severe hypokalaemia and severe hypomagnesaemia",
        "normal K and normal Mg",
    ]
    rda = dri("Mg", patient_age, "female").value_mg_per_day

    return (
        ChoiceQuestion(
            prompt=f"Serum K {patient_k} mmol/L and serum Mg {patient_mg} mmol/L: how are they classified?",
            options=options,
            answer=0,
            explanation=(
                f"K {patient_k} is {k_label} (3.0–3.4 mmol/L); Mg {patient_mg} is {mg_label} (0.50–0.74 "
                "mmol/L), on the line with the next grade. A 0.01 mmol/L difference is within the measurement "
                'error of the test, so read it as "about 0.5": urgency comes from her symptoms, ECG and context, '
                "not the second decimal. Her cramps and tiredness fit either deficiency."
            ),
        ),
        ChoiceQuestion(
            prompt="Which of her two medicines is the more plausible main cause of her serum Mg of 0.50?",
            options=[
                "The thiazide diuretic",
                "The proton-pump inhibitor (PPI)",
                "Neither: it must be her diet",
            ],
            answer=1,
            explanation=(
                "Long-term PPI use can cause low Mg, mostly after more than a year (FDA 2011). The FDA named no "
                "mechanism; reduced active Mg absorption in the gut (TRPM6/7) is the leading hypothesis. The "
                "thiazide drives K secretion and lowers Mg reabsorption in the kidney (less TRPM6; Nijenhuis "
                "2005), but at conventional doses such as hers the Mg loss is usually small (Davies & Fraser "
                "1993; Kieboom et al. 2018). So the thiazide explains much of her K loss, and the PPI is the "
                "more plausible main cause of her low Mg, with the thiazide perhaps adding a little."
            ),
        ),
        NumericQuestion(
            prompt=f"What is the Mg RDA for a woman aged {patient_age}?",
            answer=rda,
            tolerance=0.5,
            unit="mg/day",
            explanation=(
                f"{rda:.0f} mg/day for women aged 31 and over, her age group included (IOM 1997). Food alone is "
                "unlikely to correct a PPI-related Mg deficit: in about a quarter of the cases the FDA reviewed, "
                "even Mg supplements alone did not, and the PPI had to be stopped. Her clinician decides."
            ),
        ),
        ChoiceQuestion(
            prompt="Which new complaint should send her for emergency care at once?",
            options=[
                "Cramps in the calves at night",
                "A racing or irregular heartbeat with light-headedness",
                "Feeling tired after shopping",
            ],
            answer=1,
            explanation=(
                "Palpitations, fainting or near-fainting, chest pain, trouble breathing, severe weakness, "
                "seizures and "
                "new confusion are red flags. Low K and low Mg together raise the risk of arrhythmias such as "
                "torsades de pointes."
            ),
        ),
    )
