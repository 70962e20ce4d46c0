"""Self-checks for notebook 05 (causes and symptoms): bands, red flags, causes, model presets, urine K."""

from __future__ import annotations

from mgk_helpers.data import causes
from mgk_helpers.model import steady_state
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion, Question
from mgk_helpers.reference import classify_k, classify_mg
from mgk_helpers.units import to_mmol_per_l

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    k = 2.8
    k_labels = ["mild hypokalaemia", "moderate hypokalaemia", "severe hypokalaemia", "normal"]
    mg_dl = 1.1
    mg_mmol = round(float(to_mmol_per_l(mg_dl, "mg/dL", "Mg")), 2)

    def preset_k(cause_id: str) -> float:
        row = causes().set_index("cause_id").loc[cause_id]
        ss = steady_state(
            row["model_serum_mg_mmol_per_l"],
            row["model_k_intake_mmol_per_day"],
            row["model_driver"],
            gi_k_loss=row["model_gi_k_loss_mmol_per_day"],
        )
        return round(float(ss.serum_k), 2)

    thiazide_k = preset_k("thiazide")
    ppi_k = preset_k("long_term_ppi")
    reference_k = round(float(steady_state(0.85).serum_k), 2)

    return (
        ChoiceQuestion(
            prompt=f"Serum K is {k} mmol/L. Which grade is it?",
            options=k_labels,
            answer=k_labels.index(classify_k(k).label),
            explanation=(
                "Mild hypokalaemia is 3.0–3.4, moderate 2.5–2.9 and severe below 2.5 mmol/L. At the moderate "
                "level "
                "weakness, muscle pain, cramps, tremor and constipation are typical, and the ECG may show ST "
                "sagging, flat or inverted T waves and prominent U waves."
            ),
        ),
        NumericQuestion(
            prompt=(
                f"A US lab reports serum Mg {mg_dl} mg/dL. What is that in mmol/L? (Symptoms become more likely "
                "below about 0.5 mmol/L.)"
            ),
            answer=mg_mmol,
            tolerance=0.02,
            unit="mmol/L",
            explanation=(
                f"mg/dL × 0.4114 = mmol/L, so {mg_dl} mg/dL ≈ {mg_mmol} mmol/L: "
                f"{classify_mg(mg_dl, 'mg/dL').label} on this course's scale, below the level of about "
                "0.5 mmol/L under which symptoms such as tetany, seizures and arrhythmias become more likely "
                "(NHS Lothian). The grade alone does not say how urgent it is: symptoms, the ECG and the setting "
                "(heart disease, digoxin, low K or calcium as well) do."
            ),
        ),
        ChoiceQuestion(
            prompt="Which of these needs urgent (emergency) care rather than a routine appointment?",
            options=[
                "Mild leg cramps after exercise",
                "Palpitations with fainting",
                "Feeling a little tired in the afternoon",
                "Constipation for two days",
            ],
            answer=1,
            explanation=(
                "Palpitations (a racing, irregular or very slow heartbeat) and fainting are red flags, as are "
                "chest pain or tightness, trouble breathing, severe weakness, seizures and new confusion: low K "
                "and low Mg can cause dangerous arrhythmias. Cramps, tremor or muscle spasms on their own are "
                "symptoms to report promptly (a blood test is needed), not an emergency."
            ),
        ),
        ChoiceQuestion(
            prompt=(
                "In the teaching model, which preset lowers serum K more: a thiazide (driver 1.7, serum Mg "
                "0.70 mmol/L) or a long-term PPI (no driver, serum Mg 0.45 mmol/L)?"
            ),
            options=["The thiazide", "The long-term PPI", "They give the same serum K"],
            answer=0 if thiazide_k < ppi_k else 1,
            explanation=(
                f"Thiazide preset: serum K {thiazide_k:.2f} mmol/L; PPI preset: {ppi_k:.2f} mmol/L (reference "
                f"{reference_k:.2f}). The PPI lowers Mg more, but with no driver its only route to K in the "
                "model is the renal Mg effect: a hypothesis (relief of the Mg block of ROMK, Huang & Kuo 2007) "
                "whose strength is a calibration to experimental Mg depletion (Shils 1964). In people, Mg "
                "depletion alone can lower K, but a driver such as a diuretic makes it much more likely. "
                "Illustrative model numbers, not a prediction."
            ),
        ),
        ChoiceQuestion(
            prompt=(
                "Two people both have serum K 3.1 mmol/L. A's 24-hour urine K is 12 mmol/day; B's is "
                "70 mmol/day. Which statement fits?"
            ),
            options=[
                "A is losing K through the kidney (for example a diuretic); B is losing it in the stool",
                "A's kidney is conserving K, so the loss is outside the kidney (for example diarrhoea) or intake "
                "is very low; B's kidney is losing K (for example a diuretic or vomiting)",
                "Urine K tells us nothing, because urine K always equals K intake",
                "Both are losing K through the kidney, because any K in the urine is a loss",
            ],
            answer=1,
            explanation=(
                "With a low serum K a working kidney cuts urine K to below about 20–25 mmol/day. So a low urine "
                "K points to a loss outside the kidney (diarrhoea, a high-output stoma, laxatives) or to very "
                "low intake, and a high urine K despite low serum K points to a renal loss: diuretics, vomiting "
                "(through alkalosis and aldosterone), Gitelman or Bartter syndrome, Mg deficiency (Gennari 1998; "
                "Rastegar & Soleimani 2001). Urine K matches intake only in a steady state, and only the K "
                "absorbed from the gut reaches the kidney."
            ),
        ),
    )
