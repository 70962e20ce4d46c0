"""The concept inventory: ten multiple-choice items on the series' core ideas, asked before notebook 00 and
again at the end of notebook 07 (``mgk_helpers.widgets.concept_inventory``).

Every item tests understanding or transfer, not recall; each distractor is a misconception students (or the
article the series reads) actually hold, and each option has its own feedback saying why it is right or wrong.
The items are fixed once students have answered them: the widget compares the answers saved at the start
with the answers at the end, item by item, under the storage key ``mgk-inventory-v1``. Changing an item's
meaning or its options' order needs a new key (``v2``) in ``mgk_helpers.explorers.inventory``.

Sources: Palmer & Clegg, Adv Physiol Educ 2016 (98 % of body K in cells, about 2 % outside them, under 0.5 %
in plasma); de Baaij et al., Physiol Rev 2015 (body Mg: about 1 % in the blood); Huang & Kuo, JASN 2007 (the
ROMK hypothesis; a driver "may be required"); Shils 1964 (severe Mg depletion alone lowered K); Whang 1992
(refractory hypokalaemia); Gennari, NEJM 1998 (urine K in renal and gut losses, vomiting a renal one);
Montague et al., CJASN 2008 (the ECG is insensitive in hyperkalaemia); UK Kidney Association 2020 (K of
6.5 mmol/L or more is severe); IOM 1997 (the Mg UL applies to supplements); NASEM 2019 and KDIGO (K in kidney
disease).
"""

from __future__ import annotations

from . import ChoiceQuestion

__all__ = ["questions"]


def questions() -> tuple[ChoiceQuestion, ...]:
    """The ten items, in the order they are asked (the order is part of the saved answers)."""
    return (
        ChoiceQuestion(
            "Where is most of the potassium (K) in the body?",
            (
                "In the blood plasma, which is why a blood test measures it",
                "In bone, stored there like most of the body's magnesium",
                "Inside cells, mostly muscle cells",
                "In the fluid between the cells",
            ),
            2,
            "About 98 % of body K (roughly 3,500 mmol in an adult) is inside cells; all the fluid outside "
            "cells holds about 2 %, and the blood plasma under 0.5 % (Palmer & Clegg 2016).",
            feedback=(
                "The blood test samples plasma, which holds under 0.5 % of body K.",
                "Most magnesium is in bone, but potassium is not stored there.",
                "About 98 % of body K is inside cells, most of it in muscle.",
                "The fluid between cells holds more K than plasma, but together they hold only about 2 %.",
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            "A patient's serum magnesium is 0.80 mmol/L, inside the normal range. What can you conclude "
            "about the magnesium in her body?",
            (
                "Her body's magnesium stores must be normal as well, since serum reflects them",
                "Not much: the blood holds about 1 % of body Mg, so the stores can be low",
                "Her magnesium cannot be affecting her potassium",
                "Her Mg intake must be adequate",
            ),
            1,
            "Serum Mg is a small window on body Mg (about 1 % is in the blood; most is in bone and cells). A "
            "normal value does not rule out a deficit.",
            feedback=(
                "A normal serum value does not show normal stores: the blood holds about 1 % of body Mg.",
                "A deficit in bone and cells can sit behind a normal serum value.",
                "A deficit in the cells could still affect K, whatever the serum value says.",
                "Serum Mg is defended while stores run down, so it says little about what she eats.",
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            "A woman eats about 80 mmol of K a day and her weight and serum K are stable; about 10 mmol a "
            "day leaves in her stool. About how much K leaves in her urine each day?",
            (
                "About 70 mmol: at steady state what comes in goes out",
                "Almost none: the kidney keeps the K it is given",
                "About 80 mmol, plus the 10 mmol lost in stool",
                "It cannot be said without her serum K",
            ),
            0,
            "At steady state input equals output: 80 mmol in, 10 mmol out in stool, so about 70 mmol out in "
            "the urine. The kidney adjusts K excretion to intake.",
            feedback=(
                "In equals out at steady state: 80 − 10 = 70 mmol a day in the urine.",
                "If the kidney kept it all, her body K would rise by about 70 mmol every day.",
                "That would be 90 mmol out for 80 mmol in: she would be losing K every day.",
                "Stable body K is enough: at steady state the urine carries what the gut does not.",
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            "How well established is the idea that low magnesium inside kidney cells lets more K out through "
            "ROMK channels?",
            (
                "It is proven: it has been measured in patients",
                "It has been disproved by clinical studies",
                "Established physiology: channel studies show that Mg²⁺ blocks ROMK",
                "A hypothesis: it fits channel studies but is untested in people",
            ),
            3,
            "The renal ROMK mechanism (Huang & Kuo 2007) is a hypothesis: Mg blocks ROMK in channel "
            "experiments, but that this is why people with low Mg lose K has not been measured. The series "
            "labels every Mg → K number that rests on it.",
            feedback=(
                "Nobody has measured kidney-cell Mg and ROMK in patients: it is not proven.",
                "No study has disproved it either; it is untested in people.",
                "The block is measured in channel studies; that it makes patients lose K is not.",
                "The mechanism is plausible and labelled a hypothesis, not a fact.",
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            "Which statement about low magnesium and low potassium fits the evidence best?",
            (
                "In people who have both, low Mg is usually the main cause of their low potassium",
                "They are unrelated: they are only found together by chance",
                "Low Mg alone may lower K a little; with a K-losing cause the fall is larger",
                "Low magnesium raises serum potassium",
            ),
            2,
            "Mg deficiency alone does not necessarily cause hypokalaemia (severe depletion can); a driver of "
            "K loss, such as a diuretic or vomiting, often accompanies it (Huang & Kuo 2007).",
            feedback=(
                "When both are low, a shared cause (a diuretic, diarrhoea) usually leads; low Mg adds to it.",
                "They often share a cause (a diuretic, diarrhoea, alcohol) and low Mg can add to K loss.",
                "Mild deficiency alone often leaves K normal; severe, prolonged depletion can lower it "
                "(Shils 1964).",
                "Low Mg tends to lower serum K, probably through more K lost in the urine (a hypothesis, "
                "Huang & Kuo 2007).",
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            "A patient on a diuretic has serum K 3.0 mmol/L and serum Mg 0.45 mmol/L. After several days of "
            "potassium tablets her K has barely risen. What is the most likely reason?",
            (
                "The K dose is simply too small, and a larger dose of potassium alone will fix it",
                "Her low Mg makes K replacement work poorly until Mg is corrected",
                "Potassium tablets are not absorbed by the gut",
                "K takes months to rise, so nothing is wrong",
            ),
            1,
            "Hypokalaemia that resists K replacement is a classic sign of Mg deficiency: K repletion works "
            "poorly until Mg is corrected (Whang 1992). The routes are hypotheses: more K lost in the urine, "
            "and cells that take K back poorly.",
            feedback=(
                "Ongoing diuretic loss or a large deficit can need more K, but with Mg 0.45 mmol/L the "
                "missing step is correcting Mg (Whang 1992).",
                "Replacing Mg lets the K replacement work (Whang 1992).",
                "Oral K is well absorbed; absorption is not what holds her K down.",
                "K usually rises within days once the cause is treated; a stall is a clue.",
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            "Two people have serum K 3.1 mmol/L: one has been vomiting for several days, the other has had "
            "diarrhoea for a week. What does their urine K most likely show?",
            (
                "High in both: low serum K always comes from the kidney",
                "Low in both: the kidney saves K whenever serum K is low",
                "Low after the vomiting, as the K was lost in the vomit; high with the diarrhoea",
                "High after the vomiting, as the kidney loses K; low with the diarrhoea",
            ),
            3,
            "After vomiting urine K is high: vomit holds little K, but the alkalosis and the aldosterone "
            "that follow make the kidney lose K, a renal loss. With diarrhoea the loss is in the stool and "
            "the kidney conserves K (urine K usually below about 20–25 mmol a day). Urine K is the first "
            "step in telling the two apart (Gennari 1998).",
            feedback=(
                "With diarrhoea the K is lost in the stool, and the kidney holds on to K.",
                "After vomiting the kidney keeps losing K, even though serum K is low.",
                "Vomit holds little K: after vomiting most of the K leaves through the kidney.",
                "Vomiting turns into a renal loss that keeps urine K up; a loss in the stool brings it down.",
            ),
            kind="transfer",
        ),
        ChoiceQuestion(
            "A patient's serum K is 6.8 mmol/L and her ECG shows no changes. What follows?",
            (
                "The ECG misses many dangerous high K levels: she still needs emergency care",
                "She is safe: high K always shows on the ECG before it is dangerous",
                "Peaked T waves always come first, so this is an early stage",
                "The sample may be haemolysed, so repeat the test before acting",
            ),
            0,
            "The ECG is insensitive in hyperkalaemia: arrhythmia and arrest can occur with few or no ECG "
            "changes (Montague et al. 2008). A K of 6.8 needs emergency care (6.5 mmol/L or more is "
            "severe; UK Kidney Association 2020) whatever the ECG shows.",
            feedback=(
                "A normal ECG does not make a high K safe.",
                "Dangerous rhythms can come with few or no ECG changes.",
                "The textbook order of changes is often skipped in real patients.",
                "A haemolysed sample can give a falsely high K and a repeat is taken, but care does not "
                "wait for it.",
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            "Which statement about potassium and magnesium from food and from supplements is right?",
            (
                "Food first is the rule even for a diagnosed, severe deficiency",
                "The 350 mg magnesium upper limit counts the Mg in food as well",
                "The Mg upper limit is for supplements; a diagnosed deficit needs a clinician",
                "Supplements are safer than food because their doses are exact",
            ),
            2,
            "Food first suits prevention in healthy people. The Mg upper limit (350 mg/day for adults) "
            "applies to supplements and medicines, not to food. A diagnosed deficiency (very low K or Mg, "
            "symptoms, heart disease) needs replacement directed by a clinician.",
            feedback=(
                "A large deficit would take dozens of bananas; diagnosed deficiency needs a clinician.",
                "The upper limit is for Mg from supplements and medicines, not from food.",
                "The limit is about supplements, and treating a diagnosed deficit is medical.",
                "An exact dose can still be too much, for example with weak kidneys.",
            ),
            kind="understanding",
        ),
        ChoiceQuestion(
            "Why do K and Mg supplements need extra care in someone whose kidneys work poorly?",
            (
                "Poor kidneys lose K and Mg, so they need more supplement",
                "The kidneys are the main way out, so K and Mg can build up too high",
                "Poor kidneys make the gut absorb less, so supplements do nothing",
                "Only magnesium matters; the gut removes any extra potassium",
            ),
            1,
            "The kidneys excrete most of the K and Mg we take in. With poor kidney function (and with drugs "
            "such as ACE inhibitors, ARBs or K-sparing diuretics) supplements or salt substitutes can raise "
            "K or Mg to dangerous levels.",
            feedback=(
                "Poor kidneys excrete less K and Mg, not more, so extra builds up.",
                "Less excretion means a supplement can push K or Mg too high.",
                "Absorption is not the problem; getting rid of the extra is.",
                "High K is the more urgent danger; the gut removes only a little K.",
            ),
            kind="transfer",
        ),
    )
