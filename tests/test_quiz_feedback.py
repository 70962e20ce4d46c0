"""Feedback that teaches: a choice question answers with the picked option's own feedback; a numeric question
gives its hint on a first wrong attempt and the answer (with its tolerance and why) only on the second or on
"Show the answer". Python's rule (quiz.py: feedback_for, entry_for, next_entry) and the page's (quiz.js, run
here in Node) give the same entries for the same sequence of actions."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from mgk_helpers import widgets
from mgk_helpers.explorers.quiz import (
    MESSAGES,
    answer_text,
    blank_entry,
    feedback_for,
    next_entry,
    quiz_js,
    right_note,
)
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion
from mgk_helpers.quizzes.inventory import questions as inventory_questions

CHOICE = ChoiceQuestion(
    "Where is most body K?",
    ("Plasma", "Cells", "Bone"),
    1,
    "About 98 % is inside cells.",
    feedback=("The plasma holds about 2 %.", "Yes, inside cells, mostly muscle.", "Bone stores Mg, not K."),
    kind="understanding",
)
BARE_CHOICE = ChoiceQuestion("Which ion is 98% inside cells?", ("Na", "K"), 1, "K is mostly intracellular.")
NUMERIC = NumericQuestion(
    "0.5 mmol/L Mg in mEq/L?",
    1.0,
    0.05,
    "mEq/L",
    "Mg carries two charges.",
    hint="Each Mg ion carries two charges.",
    tolerance_why="rounding to two decimals",
    kind="recall",
)
BARE_NUMERIC = NumericQuestion("0.3 plus 0?", 0.3, 0.02, "mmol/L", "Why.")


def test_choice_feedback_is_the_picked_options_own_text():
    assert feedback_for(CHOICE, 0) == (False, "Not quite. The plasma holds about 2 %.")
    assert feedback_for(CHOICE, "Bone") == (False, "Not quite. Bone stores Mg, not K.")
    assert feedback_for(CHOICE, 1) == (
        True,
        "Correct. Yes, inside cells, mostly muscle. About 98 % is inside cells.",
    )
    # without per-option feedback: as before (the verdict, then the explanation)
    assert feedback_for(BARE_CHOICE, 0) == (False, "Not quite. K is mostly intracellular.")
    assert feedback_for(BARE_CHOICE, 1) == (True, "Correct. K is mostly intracellular.")
    assert feedback_for(CHOICE, None) == (None, MESSAGES["pick"])


def test_numeric_hint_first_answer_second():
    first = feedback_for(NUMERIC, 2.0, attempts=1)
    assert first == (False, "Not quite. Each Mg ion carries two charges.")
    assert "1 mEq/L" not in first[1] and NUMERIC.explanation not in first[1], (
        "the first attempt gives nothing away"
    )
    second = feedback_for(NUMERIC, 2.0, attempts=2)
    assert second == (
        False,
        "Not quite. The answer is 1 mEq/L (±0.05 mEq/L: rounding to two decimals). Mg carries two charges.",
    )
    right = feedback_for(NUMERIC, 1.04, attempts=1)
    assert right == (
        True,
        "Correct. Mg carries two charges. Answers within ±0.05 mEq/L count: rounding to two decimals",
    )
    # no hint written: a generic nudge, still not the answer
    assert feedback_for(BARE_NUMERIC, 0.4) == (False, "Not quite. " + MESSAGES["retry"])
    assert answer_text(BARE_NUMERIC) == "The answer is 0.3 mmol/L (±0.02 mmol/L)."
    assert right_note(BARE_NUMERIC) == "Answers within ±0.02 mmol/L count."


def test_the_sequence_of_a_numeric_question():
    e = blank_entry(NUMERIC)
    assert e == {
        "value": None,
        "checked": False,
        "correct": None,
        "feedback": "",
        "attempts": 0,
        "revealed": False,
    }
    # Check with an empty box: a prompt to act, not an attempt
    e = next_entry(NUMERIC, e, "check", None)
    assert e["feedback"] == MESSAGES["number"] and e["attempts"] == 0
    e = next_entry(NUMERIC, e, "reveal")  # no "Show the answer" before an attempt
    assert e["revealed"] is False
    e = next_entry(NUMERIC, next_entry(NUMERIC, e, "input", 2.0), "check", 2.0)
    assert e["attempts"] == 1 and e["correct"] is False and e["feedback"].endswith("two charges.")
    assert "The answer is" not in e["feedback"] and not e["revealed"]
    typed = next_entry(NUMERIC, e, "input", 3.0)  # typing clears the verdict, keeps the count
    assert typed["checked"] is False and typed["feedback"] == "" and typed["attempts"] == 1
    second = next_entry(NUMERIC, typed, "check", 3.0)
    assert second["revealed"] and second["attempts"] == 2 and "The answer is 1 mEq/L" in second["feedback"]
    # "Show the answer" after one attempt, instead of a second one
    shown = next_entry(NUMERIC, e, "reveal")
    assert shown["revealed"] and shown["checked"] is False and shown["correct"] is None
    assert shown["feedback"] == (
        "The answer is 1 mEq/L (±0.05 mEq/L: rounding to two decimals). Mg carries two charges."
    )
    # then right: Correct, the explanation and why the tolerance
    right = next_entry(NUMERIC, next_entry(NUMERIC, shown, "input", 1.0), "check", 1.0)
    assert right["correct"] is True and right["feedback"].startswith("Correct. Mg carries two charges.")
    with pytest.raises(ValueError, match="action"):
        next_entry(NUMERIC, e, "guess")


def test_python_view_of_attempts_and_the_show_answer_button():
    q = widgets.quiz([BARE_CHOICE, NUMERIC])
    choice, numeric = q.questions
    assert not numeric.show_answer_button.visible and not choice.show_answer_button.visible
    with pytest.raises(ValueError, match="after one wrong attempt"):
        numeric.show_answer()
    assert numeric.answer(2.0) == "Not quite. Each Mg ion carries two charges."
    assert numeric.attempts == 1 and numeric.show_answer_button.visible and not numeric.revealed
    assert numeric.show_answer().startswith("The answer is 1 mEq/L")
    assert numeric.revealed and not numeric.show_answer_button.visible
    numeric.input.value = 0.5  # the answer stays shown while the student types
    assert numeric.feedback.startswith("The answer is 1 mEq/L") and numeric.correct is None
    assert numeric.answer(1.0).startswith("Correct.") and numeric.attempts == 2
    q.reset()
    assert numeric.attempts == 0 and not numeric.revealed and numeric.feedback == ""
    # a second wrong attempt reveals without the button
    numeric.answer(5)
    assert "The answer is" in numeric.answer(6) and numeric.revealed
    assert choice.answer("Na") == "Not quite. K is mostly intracellular." and choice.attempts == 1


def test_the_page_cannot_claim_a_verdict_or_reveal_before_an_attempt():
    q = widgets.quiz([NUMERIC])
    (numeric,) = q.questions
    raw = {
        "value": 2.0,
        "checked": True,
        "correct": True,
        "feedback": "Correct.",
        "attempts": 1,
        "revealed": False,
    }
    q.set_state({"answers": [raw]})
    assert numeric.correct is False and numeric.feedback == "Not quite. Each Mg ion carries two charges."
    assert numeric.revealed is False, "an answer is not revealed by a wrong first attempt"
    q.set_state({"answers": [{**raw, "attempts": 0, "revealed": True}]})
    assert numeric.revealed is False and "The answer is" not in numeric.feedback
    q.set_state({"answers": [{**raw, "checked": False, "attempts": 0, "revealed": True}]})
    assert numeric.revealed is False and numeric.feedback == ""
    q.set_state({"answers": [{**raw, "attempts": "many", "revealed": "yes"}]})
    assert numeric.attempts == 0 and numeric.revealed is False


def test_spec_carries_per_option_feedback_hint_and_answer_text():
    spec = widgets.quiz([CHOICE, BARE_CHOICE, NUMERIC]).spec
    c, bare, n = spec["questions"]
    assert c["feedback"] == list(CHOICE.feedback) and "feedback" not in bare
    assert (
        n["hint"] == NUMERIC.hint
        and n["reveal"] == answer_text(NUMERIC)
        and n["right"] == right_note(NUMERIC)
    )
    assert spec["messages"] == MESSAGES and MESSAGES["show"] == "Show the answer"
    js = quiz_js()
    assert "const VERSION = 2" in js and '"mgk-show"' in js and "hidden" in js


# --- the page's rule equals Python's ----------------------------------------------------------------------

SEQUENCES = [
    [("check", 0), ("check", 2), ("check", 1), ("input", 0), ("check", None)],
    [("input", "Bone"), ("check", "Bone"), ("check", "Cells"), ("check", 7), ("check", 1.5)],
    [("check", 2.0), ("reveal", None), ("input", 1.0), ("check", 1.0), ("reveal", None)],
    [("reveal", None), ("check", None), ("check", 2.0), ("check", 3.0), ("check", 1.04), ("check", 1.06)],
    [("check", "1.05"), ("check", " 0.95 "), ("check", "abc"), ("check", 0.94), ("reveal", None)],
]


def _python_run(question, steps):
    entry = blank_entry(question)
    out = []
    for action, value in steps:
        entry = next_entry(question, entry, action, value)
        out.append(entry)
    return out


def _lenient_number(text):
    try:
        x = float(text)
    except ValueError:
        return None
    return x if text.strip() else None


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_quiz_js_gives_the_same_entries_as_python(tmp_path):
    questions = [CHOICE, BARE_CHOICE, NUMERIC, BARE_NUMERIC, *inventory_questions()]
    specs = widgets.quiz(questions).spec["questions"]
    runs = []
    for number, (q, s) in enumerate(zip(questions, specs, strict=True), start=1):
        for steps in SEQUENCES:
            if isinstance(q, ChoiceQuestion):
                steps = [(a, v) for a, v in steps if not isinstance(v, float) or v.is_integer() or v == 1.5]
            else:
                steps = [(a, _lenient_number(v) if isinstance(v, str) else v) for a, v in steps]
            runs.append((number, s, steps, _python_run(q, steps)))
    runner = tmp_path / "seq.js"
    runner.write_text(
        """
const fs = require("fs");
const vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"));
const Q = globalThis.mgkQuiz;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.runs.map(([q, steps]) => {
  let e = Q.entryFor(q, null, false, input.messages, 0, false);
  return steps.map(([action, value]) => {
    e = action === "check"
      ? Q.nextEntry(q, Q.nextEntry(q, e, "input", value, input.messages), "check", value, input.messages)
      : Q.nextEntry(q, e, action, value, input.messages);
    return Object.assign({}, e, { offers: Q.offersAnswer(q, e) });
  });
});
process.stdout.write(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    js = tmp_path / "quiz.js"
    js.write_text(quiz_js(), encoding="utf-8")
    proc = subprocess.run(
        ["node", str(runner), str(js)],
        input=json.dumps({"runs": [[s, steps] for _n, s, steps, _ in runs], "messages": MESSAGES}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    js_runs = json.loads(proc.stdout)
    quiz = widgets.quiz(questions)
    n_checked = 0
    for (number, s, steps, py), jsr in zip(runs, js_runs, strict=True):
        assert len(py) == len(jsr)
        for (action, value), p, j in zip(steps, py, jsr, strict=True):
            offers = j.pop("offers")
            assert p == j, f"{s['prompt'][:40]!r} after {action} {value!r}: Python {p}, page {j}"
            n_checked += p["checked"]
            # the Show-the-answer button: Python's view of it agrees with the page's
            quiz.answers = [*quiz.answers[: number - 1], p, *quiz.answers[number:]]
            assert quiz.questions[number - 1].show_answer_button.visible == offers
    assert n_checked > 50
