"""Self-checks for notebook 07 (capstone case): the virtual patient on a thiazide and a long-term PPI —
classify, find the cause, check before treatment, judge the model, predict, spot the red flags."""

from __future__ import annotations

from mgk_helpers.model import Inputs, Params, Scenario, simulate, steady_state
from mgk_helpers.quizzes import ChoiceQuestion, Question
from mgk_helpers.reference import classify_k, classify_mg

__all__ = ["questions"]


def questions() -> tuple[Question, ...]:
    """The self-checks of this notebook (built on each call: the model runs here, never at import)."""
    #: The virtual patient's invented lab values: serum K 3.1 mmol/L, serum Mg 0.5 mmol/L, eGFR 63.
    patient_k = 3.1
    patient_mg = 0.5
    k_label = classify_k(patient_k).label
    mg_label = classify_mg(patient_mg).label

    #: The notebook's "Can the model reach her K?" cell: driver 1.7 (her thiazide, illustrative), intakes 100 and 60.
    no_mg_effect = steady_state(0.85, [100, 60], 1.7).serum_k
    weak = steady_state(patient_mg, [100, 60], 1.7, params=Params(kd_romk=0.5)).serum_k
    calibrated = steady_state(patient_mg, [100, 60], 1.7).serum_k

    #: The test of item 4: Mg alone corrected (0.50 → 0.85 mmol/L), driver 1.7 and intake 60 unchanged, 28 days.
    mg_fixed = simulate(
        Scenario(
            k_intake=60.0,
            serum_mg=0.85,
            driver=1.7,
            duration_days=28.0,
            initial=Inputs(serum_mg=patient_mg, k_intake=60.0, driver=1.7),
            name="nb07_mg_alone",
        )
    )
    urine_before, urine_low = float(mg_fixed["urine_k"].iloc[0]), float(mg_fixed["urine_k"].min())
    k_before, k_day28 = float(mg_fixed["serum_k"].iloc[0]), float(mg_fixed["serum_k"].iloc[-1])

    #: A thought experiment: a K-sparing diuretic added, read in the model as a smaller driver (1.7 → 1.0).
    driven = steady_state(patient_mg, 100, 1.7)
    spared = steady_state(patient_mg, 100, 1.0)

    return (
        ChoiceQuestion(
            prompt=(
                f"Mrs A's serum K is {patient_k} mmol/L and her serum Mg {patient_mg:.2f} mmol/L. Use the lab "
                "panel: how does it classify them by number alone?"
            ),
            options=[
                "moderate hypokalaemia and moderate hypomagnesaemia",
                "mild hypokalaemia and a normal Mg, as symptoms are rare above 0.5",
                f"{k_label} and {mg_label}",
                "a normal K for a woman of 72, and mild hypomagnesaemia",
            ],
            answer=2,
            feedback=[
                "By number, K 3.1 is in the panel's mild band; some scales, such as CTCAE, grade it higher when "
                "there are symptoms. Her Mg sits on the mild–moderate line, where the label could flip on a "
                "repeat sample.",
                "Below 0.75 mmol/L Mg is low. The 0.5 mmol/L level is where symptoms become more likely, not the "
                "edge of the normal range.",
                'Her Mg sits exactly on the line with moderate: read it as "about 0.5", since a '
                "0.01 mmol/L step is within the test's measurement error.",
                "The K reference range (3.5–5.0 mmol/L) does not change with age, so 3.1 is low at 72 too.",
            ],
            explanation=(
                f"K {patient_k} is {k_label} (3.0–3.4 mmol/L); Mg {patient_mg:.2f} is {mg_label} (0.50–0.74 "
                "mmol/L, reference 0.75–0.95, NIH ODS), on the line with the next grade. Urgency comes from her "
                "symptoms, ECG and context, not the second decimal. Her cramps and tiredness fit either deficiency."
            ),
            kind="recall",
        ),
        ChoiceQuestion(
            prompt=(
                "Her urine Mg comes back low, with a low serum Mg and while she still takes the thiazide. Which "
                "medicine does that point to as the main cause of her low Mg?"
            ),
            options=[
                "The PPI, through less Mg taken up from the gut",
                "The thiazide, through more Mg lost in the urine",
                "Both equally: each makes the kidney waste Mg",
            ],
            answer=0,
            feedback=[
                "A kidney that keeps Mg back when serum Mg is low points away from the kidney, to the gut "
                "(Agus 1999): the PPI. The thiazide may add a little.",
                "A thiazide-driven Mg loss would keep urine Mg high despite the low serum Mg. Hers is low, and "
                "at doses like hers the thiazide's Mg loss is usually small (Davies & Fraser 1993), though "
                "thiazide users have about 3 times the odds of low Mg (Kieboom 2018).",
                "A PPI acts in the gut, not the kidney: it lowers Mg absorption. Only the thiazide acts on the "
                "kidney, and her low urine Mg shows the kidney is holding Mg back.",
            ],
            explanation=(
                "Urine Mg that stays high despite a low serum Mg points to the kidney; a low one to the gut or low "
                "intake (Agus 1999; the FEMg box of notebook 05's figure). Her thiazide raises urine Mg if anything, "
                "so a low value despite it points more firmly to the gut. Long-term PPI use can cause low Mg, "
                "mostly after more than a year (FDA 2011); the mechanism, less active absorption through TRPM6/7, "
                "is a hypothesis (William & Danziger 2016). Thiazide users' serum Mg is on average only about "
                "0.01–0.02 mmol/L lower (Kieboom et al. 2018)."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt=(
                "Her eGFR is 63 mL/min/1.73 m². Why does a nurse or pharmacist look at it before any K or Mg is "
                "given?"
            ),
            options=[
                "Reduced kidney function means she is wasting more K, so she will need more",
                "It does not matter: eGFR guides drug doses, not minerals such as K and Mg",
                "An eGFR of 63 is normal at 72, so it can safely be left aside here",
                "Her kidneys excrete both ions, so K or Mg given can overshoot more easily",
            ],
            answer=3,
            feedback=[
                "Less kidney function means less ability to excrete K, not more K loss. Her K loss comes from the "
                "thiazide; a lower eGFR makes overshoot, not wasting, the worry.",
                "K and Mg leave the body mainly through the kidneys, so kidney function matters for them as much "
                "as for any drug: both can rise too high when it falls.",
                "60–89 counts as mildly reduced, whatever her age. Mildly reduced still means less margin "
                "against a high K or Mg, so the amounts and the repeat tests are planned with it.",
                "With reduced kidney function, K or Mg given can overshoot into hyperkalaemia or "
                "hypermagnesaemia, so her prescriber chooses amounts and monitoring with the eGFR in mind.",
            ],
            explanation=(
                "The kidneys are the way out for both ions: Mg toxicity comes mainly with large amounts or kidney "
                "failure, and K supplements are risky when kidney function or drugs limit K excretion (NIH ODS "
                "magnesium and potassium fact sheets; NASEM 2019). Before K or Mg is given: kidney function, "
                "calcium and albumin, the ECG, the medicine list, and the product and route; afterwards, repeat "
                "blood tests. Those decisions are her clinicians', not the notebook's."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                f"The model reaches her K of {patient_k} only with a poor K intake (60 mmol/day) and the "
                "calibrated renal Mg effect (Kd_ROMK 0.125 mM), so it shows only what would be enough. Which "
                "observation would best test whether the renal Mg effect is hers?"
            ),
            options=[
                "Her serum K rises once she takes potassium tablets.",
                "Urine K falls when Mg alone is corrected, with diet and diuretic unchanged.",
                "The model matches her K again, with the same settings, at her next clinic visit.",
                "Her serum Mg comes back to normal after a course of Mg.",
            ],
            answer=1,
            feedback=[
                "K tablets raise serum K whatever lowered it, if they work at all, so a rise cannot point to the "
                "renal Mg effect; and in Mg deficiency they often work poorly until Mg is corrected (Whang 1992).",
                "Change one thing and watch the kidney: if low Mg was making her kidney waste K, correcting Mg "
                "alone should cut urine K while her body refills, and serum K should rise. In the model urine K "
                f"falls from {urine_before:.0f} to about {urine_low:.0f} mmol/day within days.",
                "Kd_ROMK was chosen so that Mg matters this much (a calibration to Shils), so a model match built "
                "on it cannot also test it, however often it is repeated.",
                "That shows the Mg course raised her serum Mg, not that her low Mg was lowering her K; serum Mg "
                "also says little about the Mg in her cells.",
            ],
            explanation=(
                f"Printed, driver 1.7× at intake 100 / 60 mmol/day: no Mg effect {no_mg_effect[0]:.2f} / "
                f"{no_mg_effect[1]:.2f}; weak renal effect (Kd_ROMK 0.5 mM, the channel estimate: Chepilko et al. "
                f"1995; Yang et al. 2010) {weak[0]:.2f} / {weak[1]:.2f}; calibrated effect {calibrated[0]:.2f} / "
                f"{calibrated[1]:.2f} mmol/L. The renal Mg effect is a hypothesis (Huang & Kuo 2007) and its "
                "strength a calibration. Other explanations lie outside the model: a stronger diuretic effect, "
                "less K in her diet, K moving into cells, or an effect of low Mg the model does not contain. A "
                "test changes one thing: with Mg alone corrected (0.50 → 0.85) and intake 60 and driver 1.7 "
                f"unchanged, the model's urine K falls from {urine_before:.0f} to about {urine_low:.0f} mmol/day "
                f"in the first days and serum K rises from {k_before:.2f} to {k_day28:.2f} mmol/L by day 28."
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            prompt=(
                "A thought experiment, not a treatment plan: suppose amiloride, a K-sparing diuretic, were added "
                "to her thiazide. It blocks ENaC, the sodium channel that drives K secretion, so in the model it "
                "acts like a smaller driver. In notebook 05's causes explorer, set Mg 0.50 and K intake 100, then "
                "move the driver from 1.7 to 1.0. What happens once a new steady state is reached?"
            ),
            options=[
                "Serum K falls further: every diuretic makes the kidney lose more K",
                "Serum K stays put: her low Mg keeps wasting K whatever the driver",
                "Serum K rises; urine K dips at first, then again matches what she absorbs",
                "Serum K rises, and her urine K stays lower for as long as she takes it",
            ],
            answer=2,
            feedback=[
                "K-sparing diuretics are the exception: by blocking ENaC they weaken the push on K secretion, so "
                "the kidney keeps K (that is why they are on notebook 06's list of drugs that raise K).",
                f"In the model the renal Mg effect multiplies the driver; with less driver it matters less. Serum "
                f"K goes from {float(driven.serum_k):.2f} to {float(spared.serum_k):.2f} mmol/L at the same Mg.",
                f"Serum K {float(driven.serum_k):.2f} → {float(spared.serum_k):.2f} mmol/L. Less secretion keeps K "
                "until serum K is high enough for the kidney to excrete what is absorbed again: urine K "
                f"{float(spared.urine_k):.0f} mmol/day, as before.",
                "Only while serum K is rising. At a steady state urine K equals the K absorbed from the gut "
                f"({float(spared.urine_k):.0f} mmol/day here), whatever the drug; the drug sets the serum K at "
                "which that balance is reached.",
            ],
            explanation=(
                f"Model, Mg {patient_mg:.2f} mmol/L, intake 100 mmol/day: driver 1.7× gives serum K "
                f"{float(driven.serum_k):.2f}, driver 1.0× {float(spared.serum_k):.2f} mmol/L; urine K "
                f"{float(driven.urine_k):.0f} and {float(spared.urine_k):.0f} mmol/day. Drugs that make the kidney "
                "keep K, K-sparing diuretics among them, can raise K too far (Ben Salem et al. 2014, notebook 06). "
                "Reading amiloride as a smaller driver is a teaching simplification, the Mg → K part is the renal "
                "Mg hypothesis at its calibrated strength, and whether any drug is changed is her prescriber's "
                "decision."
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            prompt=(
                "A week later Mrs A reports one of these. Which should send her for emergency care at once, "
                "whatever her latest blood results?"
            ),
            options=[
                "A racing, irregular heartbeat with light-headedness",
                "Tingling around her mouth and in her fingers",
                "Night cramps in her calves, worse than before",
                "A repeat serum Mg of 0.49 mmol/L, with no new symptoms",
            ],
            answer=0,
            feedback=[
                "Palpitations with light-headedness are a red flag at any blood level: low K and low Mg "
                "together raise the risk of arrhythmias such as torsades de pointes.",
                "Report it to her clinician the same day: with a low Mg and a low calcium it can come before "
                "tetany. On its own it is not an emergency; with a red flag it would be, and if spasms follow, "
                "get care at once.",
                "Worse cramps are a reason for a prompt report and a blood test, not an emergency, unless a red "
                "flag comes with them.",
                "A step from 0.50 to 0.49 is within measurement error. Red flags are findings in the patient and "
                "on the ECG, not a change in the second decimal.",
            ],
            explanation=(
                "Red flags: chest pain or tightness; palpitations or a racing, irregular or very slow heartbeat; "
                "fainting or near-fainting; trouble breathing; severe or rapidly worsening weakness or paralysis; "
                "seizures; new confusion. They count at any blood level. Tingling around the mouth or in the "
                "fingers: tell her clinician the same day. Hand or foot spasms, noisy breathing (voice-box spasm), "
                "tremor or a seizure: seek immediate care. The FDA advises PPI users to seek immediate care for "
                "spasm, tremor or convulsions (FDA 2011). A teaching summary, not medical advice."
            ),
            kind="understanding",
        ),
    )
