"""The self-check quiz without a browser: the saved fragment, the fallback, the marking rule, the sync.

The fragment carries every prompt, option and explanation (the quiz works without a kernel), no address off
the page, and a fallback that lists the questions without their answers. Python marks answers exactly as the
front end (``static/quiz.js``, run here in Node when it is installed) does, tolerance inclusive. The page's
answers sync to Python and Python's to the page.
"""

from __future__ import annotations

import html
import importlib
import json
import re
import shutil
import subprocess

import pytest

from mgk_helpers import widgets
from mgk_helpers.explorers.quiz import MESSAGES, feedback_for, is_correct, quiz_css, quiz_js
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion

BANKS = [f"nb0{i}" for i in range(8)]
SCRIPTS = re.compile(r"<script\b.*?</script>", re.S)


def bank(name: str):
    return importlib.import_module(f"mgk_helpers.quizzes.{name}").questions()


def spec_in(fragment: str) -> dict:
    m = re.search(r'<script type="application/json" class="mgk-quiz-spec">(.*?)</script>', fragment, re.S)
    assert m, "the fragment has no quiz spec"
    return json.loads(m.group(1))


class FakeComm:
    """Records what a widget would send over the kernel websocket."""

    kernel = object()
    comm_id = "fake"

    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, data=None, buffers=None, **_kw) -> None:
        json.dumps(data, allow_nan=False)
        self.sent.append(data)

    def on_msg(self, *_a) -> None: ...

    def on_close(self, *_a) -> None: ...

    def close(self, *_a, **_kw) -> None: ...


# --- the fragment ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BANKS)
def test_fragment_carries_every_question_and_no_address(name):
    questions = bank(name)
    page = widgets.quiz(questions).static_html()
    assert page.startswith('<div class="mgk-quiz-static" data-mgk-quiz="1">') and page.endswith("</div>")
    assert not re.search(r"https?://", page), "the fragment must not load or link anything off the page"
    spec = spec_in(page)
    assert spec["messages"] == MESSAGES and len(spec["questions"]) == len(questions)
    for q, s in zip(questions, spec["questions"], strict=True):
        assert s["prompt"] == q.prompt and s["explanation"] == q.explanation and s["answer"] == q.answer
        if isinstance(q, ChoiceQuestion):
            assert s["kind"] == "choice" and s["options"] == list(q.options)
        else:
            assert s["kind"] == "numeric" and s["unit"] == q.unit and s["tolerance"] == q.tolerance
    assert "globalThis.mgkQuiz.boot(document.currentScript.parentElement)" in page
    assert quiz_js() in page and quiz_css() in page


@pytest.mark.parametrize("name", BANKS)
def test_fallback_lists_the_questions_without_answers(name):
    questions = bank(name)
    page = widgets.quiz(questions).static_html()
    fallback = re.sub(r"<style>.*?</style>", "", SCRIPTS.sub("", page), flags=re.S)  # what is read
    assert 'class="mgk-quiz-fallback' in fallback and "<script" not in fallback
    for number, q in enumerate(questions, start=1):
        assert html.escape(q.prompt) in fallback, f"question {number} is not in the fallback"
        if isinstance(q, ChoiceQuestion):
            for option in q.options:
                assert f"<li>{html.escape(option)}</li>" in fallback
        else:
            assert f"Answer with a number in {html.escape(q.unit)}." in fallback
        assert html.escape(q.explanation) not in fallback and q.explanation[:40] not in fallback
    for word in ("Correct", "Not quite", "the answer is", "checked", "data-answer"):
        assert word not in fallback, word
    # and the front end removes the fallback once it has drawn the live quiz
    assert 'querySelector(".mgk-quiz-fallback")' in quiz_js() and "fallback.remove()" in quiz_js()


def test_script_json_cannot_close_the_script_element():
    tricky = ChoiceQuestion("</script><b>&", ("<!--", "a > b"), 0, "</script>")
    page = widgets.quiz([tricky]).static_html()
    spec = spec_in(page)
    assert spec["questions"][0]["prompt"] == "</script><b>&" and spec["questions"][0]["options"] == [
        "<!--",
        "a > b",
    ]
    assert page.count("</script>") == 2  # the spec's and the front end's, nothing from the question text
    assert "</" not in quiz_js()


def test_front_end_keeps_the_css_and_accessibility_contract():
    js, css = quiz_js(), quiz_css()
    for contract in ("mgk-quiz", "mgk-question", "mgk-options", "mgk-numeric", "mgk-check", "mgk-feedback"):
        assert f'"{contract}"' in js, contract
    for native in ('el("fieldset"', 'el("legend"', 'type: "radio"', 'type: "number"', 'step: "any"'):
        assert native in js, native
    assert 'role: "status"' in js and '"aria-live": "polite"' in js
    assert "data-lm-suppress-shortcuts" in js and "stopPropagation" in js
    assert not re.search(r"https?://", js + css)
    assert "outline: 3px solid" in css and "prefers-color-scheme: dark" in css
    assert "--jp-ui-font-color0" in css and 'body[data-jp-theme-light="false"]' in css
    assert "font-size: 16px" in css
    q = widgets.quiz(bank("nb01"))
    assert "mgk-quiz" in q._dom_classes
    assert q._esm.startswith(js) and "export default" in q._esm and q._css == css


# --- marking: Python and the front end agree ------------------------------------------------------------


def _cases() -> list[tuple[dict, object]]:
    cases = []
    for name in BANKS:
        questions = bank(name)
        for q, s in zip(questions, widgets.quiz(questions).spec["questions"], strict=True):
            if isinstance(q, ChoiceQuestion):
                values = [*range(len(q.options)), *q.options, len(q.options), -1, "nonsense", True, 1.5]
            else:
                a, t = q.answer, q.tolerance
                values = [a, a + t, a - t, a + 1.01 * t, a - 1.01 * t, a + 2 * t + 0.01, a - 3 * t - 0.01]
                values += [repr(round(a + t, 10)), repr(round(a - t, 10)), f" {a} ", "", "abc", True]
            cases += [(s, v) for v in values]
    return cases


def _python_verdicts(cases) -> list[list]:
    by_prompt = {q.prompt: q for name in BANKS for q in bank(name)}  # the questions, with every field
    out = []
    for s, value in cases:
        q = by_prompt[s["prompt"]]
        out.append([is_correct(q, value), *feedback_for(q, value)])
    return out


def test_python_marking_is_inclusive_at_the_tolerance():
    for name in BANKS:
        for q in bank(name):
            if isinstance(q, NumericQuestion):
                a, t = q.answer, q.tolerance
                for typed in (a + t, a - t, repr(round(a + t, 10)), repr(round(a - t, 10))):
                    assert is_correct(q, typed), (name, q.prompt[:40], typed)
                assert not is_correct(q, a + 1.01 * t + 1e-6) and not is_correct(q, a - 1.01 * t - 1e-6)
    q = NumericQuestion("?", 0.3, 0.02, "mmol/L", "Why.")
    assert 0.32 - 0.3 > 0.02  # binary rounding: the typed boundary lies a hair outside …
    assert is_correct(q, "0.32") and is_correct(q, 0.28)  # … and still counts
    assert feedback_for(q, 0.4) == (False, "Not quite. Try again: check the unit and the explorer.")
    assert feedback_for(q, 0.4, attempts=2) == (
        False,
        "Not quite. The answer is 0.3 mmol/L (±0.02 mmol/L). Why.",
    )
    assert feedback_for(q, None) == (None, "Enter a number first.")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_python_marking_equals_the_front_end_marking(tmp_path):
    cases = _cases()
    runner = tmp_path / "mark.js"
    runner.write_text(
        """
const fs = require("fs");
const vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.cases.map(([q, value]) => {
  const v = globalThis.mgkQuiz.feedbackFor(q, value, input.messages);
  return [globalThis.mgkQuiz.isCorrect(q, value), v.correct, v.feedback];
});
process.stdout.write(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    js = tmp_path / "quiz.js"
    js.write_text(quiz_js(), encoding="utf-8")
    proc = subprocess.run(
        ["node", str(runner), str(js)],
        input=json.dumps({"cases": cases, "messages": MESSAGES}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    js_verdicts = json.loads(proc.stdout)
    py_verdicts = _python_verdicts(cases)
    assert len(js_verdicts) == len(cases)
    for (s, value), py, jsv in zip(cases, py_verdicts, js_verdicts, strict=True):
        assert py == jsv, f"{s['prompt'][:50]!r} value {value!r}: Python {py[:2]}, front end {jsv[:2]}"
    # and nothing entered: the same prompt to act
    nothing = [(s, None) for s in widgets.quiz(bank("nb00")).spec["questions"]]
    assert [v[1:] for v in _python_verdicts(nothing)] == [
        [None, MESSAGES["number"] if s["kind"] == "numeric" else MESSAGES["pick"]] for s, _ in nothing
    ]


# --- the answers sync both ways ---------------------------------------------------------------------------


QUESTIONS = (
    ChoiceQuestion("Which ion is 98% inside cells?", ("Na", "K", "Cl"), 1, "K is mostly intracellular."),
    NumericQuestion("0.5 mmol/L Mg in mEq/L?", 1.0, 0.05, "mEq/L", "Mg carries two charges."),
)


def test_what_the_student_does_in_the_page_reaches_python():
    q = widgets.quiz(QUESTIONS)
    choice, numeric = q.questions
    assert choice.correct is None and choice.feedback == "" and choice.input.value is None
    comm = FakeComm()
    q.comm = comm
    # the page marks option 1 (K) right and sends what it shows
    page_choice = {
        "value": 1,
        "checked": True,
        "correct": True,
        "feedback": "Correct. K is mostly intracellular.",
        "attempts": 1,
        "revealed": False,
    }
    q.set_state({"answers": [page_choice, q.answers[1]]})
    assert choice.correct is True and choice.input.value == "K" and choice.feedback.startswith("Correct.")
    assert [m for m in comm.sent if m.get("method") == "update"] == [], "the same verdict: nothing echoed"
    # a number typed, not checked yet; then checked
    q.set_state(
        {
            "answers": [
                page_choice,
                {"value": 1.2, "checked": False, "correct": None, "feedback": "", "attempts": 0},
            ]
        }
    )
    assert numeric.correct is None and numeric.input.value == 1.2 and numeric.feedback == ""
    q.set_state(
        {
            "answers": [
                page_choice,
                {"value": 1.2, "checked": True, "correct": True, "feedback": "", "attempts": 1},
            ]
        }
    )
    assert (
        numeric.correct is False
        and numeric.feedback == "Not quite. Try again: check the unit and the explorer."
    )
    # Python's verdict is the one kept: a page that claimed otherwise is corrected
    sent = [m for m in comm.sent if m.get("method") == "update"]
    assert sent and sent[-1]["state"]["answers"][1]["correct"] is False
    # garbage from the page is read as "nothing entered"
    q.set_state({"answers": [{"value": 7, "checked": True}, {"value": "x", "checked": True}]})
    assert choice.feedback == "Pick an option first." and numeric.feedback == "Enter a number first."


def test_what_python_does_reaches_the_page():
    q = widgets.quiz(QUESTIONS)
    choice, numeric = q.questions
    comm = FakeComm()
    q.comm = comm
    assert choice.answer("Cl").startswith("Not quite.")
    (msg,) = [m for m in comm.sent if m.get("method") == "update"]
    assert set(msg["state"]) == {"answers"}, "only the answers travel"
    assert msg["state"]["answers"][0] == {
        "value": 2,
        "checked": True,
        "correct": False,
        "feedback": "Not quite. K is mostly intracellular.",
        "attempts": 1,
        "revealed": False,
    }
    numeric.input.value = 0.96  # typing clears the verdict, as in the page
    assert numeric.correct is None and numeric.feedback == ""
    numeric.check_button.click()
    assert numeric.correct is True and q.answers[1]["value"] == 0.96
    assert numeric.answer("") == "Enter a number first." and numeric.correct is None
    assert numeric.answer(float("nan")) == "Enter a number first."
    q.reset()
    assert [a["checked"] for a in q.answers] == [False, False] and choice.input.value is None


def test_validation_names_the_problem():
    with pytest.raises(ValueError, match="empty"):
        widgets.quiz([])
    with pytest.raises(ValueError, match="question 2 must be a ChoiceQuestion or NumericQuestion, got dict"):
        widgets.quiz([QUESTIONS[0], {"prompt": "?"}])
    with pytest.raises(ValueError, match="title"):
        widgets.quiz(QUESTIONS, title="")
    choice = widgets.quiz(QUESTIONS).questions[0]
    with pytest.raises(ValueError, match="not an option"):
        choice.answer("Mg")
    with pytest.raises(ValueError, match="index 0–2"):
        choice.answer(3)
    with pytest.raises(ValueError, match="index 0–2"):
        choice.input.value = True
