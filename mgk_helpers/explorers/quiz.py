"""Self-checks in the notebook: the questions of :mod:`mgk_helpers.quizzes`, each with a Check button.

A choice question is a set of radio buttons, a numeric question a number box labelled with its unit.
Feedback starts with "Correct." or "Not quite.". A choice question then gives the picked option's own
feedback (when the question has one per option) and, after a right answer, the explanation. A numeric
question asks for a second attempt before it gives the answer: a first wrong attempt shows the hint (never
the answer); a second wrong attempt, or the "Show the answer" button that appears after one attempt, shows
the answer with its tolerance and why, and the explanation. The rule is :func:`feedback_for` and
:func:`next_entry` here and the functions of the same names in ``static/quiz.js`` (a test runs both).
:class:`Quiz` hands the questions to one front end (``static/quiz.js``), which marks answers in the page:

* with a kernel, an anywidget view; the student's choices and the verdicts sync back to Python (the
  ``answers`` trait), so ``quiz.questions[i].correct`` and ``.feedback`` say what the student did in the page,
  and ``.answer(value)`` / ``.check()`` from Python show in the page too;
* without one (GitHub, nbviewer, an exported HTML page, the course site, JupyterLab before Run All), the saved
  output is a self-contained HTML fragment: the same front end and the questions, fully working.

**The answers and explanations are in the saved page** (in the fragment's data, and in the widget's state): a
reader who opens the page source can see them. That is acceptable for self-checks, which are there for
practice, not for marks; never use this widget for graded assessment. What a renderer that strips scripts
shows is a plain list of the questions and their options, never the answers.
"""

from __future__ import annotations

import html
import json
import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import anywidget
import traitlets

from ..quizzes import ChoiceQuestion, NumericQuestion, Question
from .assets import static_text, with_page

__all__ = [
    "MARK_SLACK",
    "MESSAGES",
    "QUIZ_FALLBACK_HINT",
    "answer_text",
    "blank_entry",
    "next_entry",
    "right_note",
    "script_json",
    "Quiz",
    "QuizQuestion",
    "fallback_html",
    "feedback_for",
    "fragment",
    "is_correct",
    "entry_for",
    "quiz",
    "quiz_css",
    "quiz_js",
    "wrong_text",
]


#: The feedback wording, shared with the front end (it is sent in the spec).
MESSAGES = {
    "correct": "Correct.",
    "wrong": "Not quite.",
    "pick": "Pick an option first.",
    "number": "Enter a number first.",
    "retry": "Try again: check the unit and the explorer.",
    "show": "Show the answer",
}
#: A number within ``tolerance + MARK_SLACK * max(1, |answer|)`` of the answer is right: the tolerance is
#: inclusive even when binary rounding puts a typed boundary value (0.32 for 0.30 ± 0.02) a hair outside it.
MARK_SLACK = 1e-9
QUIZ_FALLBACK_HINT = (
    "▶ Run this cell in JupyterLab, or open this page on the course website, to check your answers "
    "here. The questions:"
)


def quiz_js() -> str:
    """The front end (``static/quiz.js``, compacted): a classic script that defines ``globalThis.mgkQuiz``."""
    return static_text("quiz.js")


def quiz_css() -> str:
    """The quiz's stylesheet (``static/quiz.css``, compacted)."""
    return static_text("quiz.css")


# --- marking: the same rule as quiz.js (isCorrect, feedbackFor) ------------------------------------------


def _as_number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def is_correct(question: Question, value: Any) -> bool:
    """Whether ``value`` (an option index or text for multiple choice, a number otherwise) is right."""
    if isinstance(question, ChoiceQuestion):
        if isinstance(value, str):
            value = question.options.index(value) if value in question.options else None
        return isinstance(value, numbers.Real) and not isinstance(value, bool) and value == question.answer
    x = _as_number(value)
    if x is None:
        return False
    slack = MARK_SLACK * max(1.0, abs(question.answer))
    return abs(x - question.answer) <= question.tolerance + slack


def wrong_text(question: Question) -> str:
    """The start of the feedback to a wrong answer: "Not quite." (the answer, if shown, follows)."""
    return MESSAGES["wrong"]


def _number(x: float) -> str:
    return f"{x:g}"


def answer_text(question: NumericQuestion) -> str:
    """ "The answer is 0.3 mmol/L (±0.02 mmol/L: why)." — what a numeric question shows once it reveals."""
    unit = f" {question.unit}" if question.unit else ""
    tol = f"±{_number(question.tolerance)}{unit}"
    why = f": {question.tolerance_why}" if question.tolerance_why else ""
    return f"The answer is {_number(question.answer)}{unit} ({tol}{why})."


def right_note(question: NumericQuestion) -> str:
    """After a right numeric answer: which answers count, and why that tolerance ("" without a tolerance)."""
    if not question.tolerance:
        return ""
    unit = f" {question.unit}" if question.unit else ""
    why = f": {question.tolerance_why}" if question.tolerance_why else "."
    return f"Answers within ±{_number(question.tolerance)}{unit} count{why}"


def _option_index(question: ChoiceQuestion, value: Any) -> int | None:
    if isinstance(value, str):
        return question.options.index(value) if value in question.options else None
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        k = int(value)
        return k if 0 <= k < len(question.options) else None
    return None


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def feedback_for(
    question: Question, value: Any, attempts: int = 1, revealed: bool = False
) -> tuple[bool | None, str]:
    """``(correct, feedback)`` for a checked answer; ``value`` None: nothing was entered (correct None).

    ``attempts`` counts the checks of this question including this one; ``revealed``: the answer was shown
    already ("Show the answer"). A wrong numeric answer shows the hint on a first attempt and the answer
    (:func:`answer_text`) from the second attempt on, or once revealed.
    """
    if value is None:
        return None, MESSAGES["pick" if isinstance(question, ChoiceQuestion) else "number"]
    correct = is_correct(question, value)
    head = MESSAGES["correct"] if correct else wrong_text(question)
    if isinstance(question, ChoiceQuestion):
        k = _option_index(question, value)
        own = question.feedback[k] if question.feedback and k is not None else ""
        explanation = question.explanation if correct or not question.feedback else ""
        return correct, _join(head, own, explanation)
    if correct:
        return True, _join(head, question.explanation, right_note(question))
    if revealed or attempts >= 2:
        return False, _join(head, answer_text(question), question.explanation)
    return False, _join(head, question.hint or MESSAGES["retry"])


def entry_for(
    question: Question, value: Any, checked: bool, attempts: int = 0, revealed: bool = False
) -> dict[str, Any]:
    """One question's entry (what the page shows): ``value``, ``checked``, ``correct``, ``feedback``,
    ``attempts`` (checks so far) and ``revealed`` (the answer has been shown; numeric questions only).

    A wrong numeric check from the second attempt on reveals the answer; a revealed answer stays shown while
    the student types again ("The answer is …" without a verdict until the next check).
    """
    attempts = max(0, int(attempts))
    numeric = isinstance(question, NumericQuestion)
    revealed = bool(revealed) and numeric and attempts >= 1
    if not checked:
        feedback = _join(answer_text(question), question.explanation) if revealed else ""
        return {
            "value": value,
            "checked": False,
            "correct": None,
            "feedback": feedback,
            "attempts": attempts,
            "revealed": revealed,
        }
    correct, feedback = feedback_for(question, value, attempts, revealed)
    if numeric and correct is False and attempts >= 2:
        revealed = True
    return {
        "value": value,
        "checked": True,
        "correct": correct,
        "feedback": feedback,
        "attempts": attempts,
        "revealed": revealed,
    }


def blank_entry(question: Question) -> dict[str, Any]:
    """A question nobody has answered yet."""
    return entry_for(question, None, False)


def next_entry(question: Question, entry: dict[str, Any], action: str, value: Any = None) -> dict[str, Any]:
    """The entry after ``action``: ``"input"`` (a choice picked or a number typed: ``value``),
    ``"check"`` (Check pressed with ``value`` in the box; an answer entered counts as an attempt) or
    ``"reveal"`` (Show the answer, offered on a numeric question after one attempt). The same transitions
    as quiz.js ``nextEntry``."""
    attempts = int(entry.get("attempts", 0) or 0)
    revealed = bool(entry.get("revealed", False))
    if action == "input":
        return entry_for(question, value, False, attempts, revealed)
    if action == "check":
        return entry_for(question, value, True, attempts + (value is not None), revealed)
    if action == "reveal":
        if not isinstance(question, NumericQuestion) or attempts < 1:
            return dict(entry)
        return entry_for(question, entry.get("value"), False, attempts, True)
    raise ValueError(f"action={action!r}; valid actions are input, check, reveal")


def _lenient_value(question: Question, value: Any) -> int | float | None:
    """An answer from the page as stored: an option index, a finite number, or None."""
    if isinstance(question, ChoiceQuestion):
        if isinstance(value, str) and value in question.options:
            return question.options.index(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            i = int(value)
            return i if 0 <= i < len(question.options) else None
        return None
    return _as_number(value)


def _spec_of(question: Question) -> dict[str, Any]:
    if isinstance(question, ChoiceQuestion):
        out = {
            "kind": "choice",
            "prompt": question.prompt,
            "options": list(question.options),
            "answer": question.answer,
            "wrong": wrong_text(question),
            "explanation": question.explanation,
        }
        if question.feedback:
            out["feedback"] = list(question.feedback)
        return out
    return {
        "kind": "numeric",
        "prompt": question.prompt,
        "unit": question.unit,
        "answer": question.answer,
        "tolerance": question.tolerance,
        "wrong": wrong_text(question),
        "explanation": question.explanation,
        "hint": question.hint,
        "reveal": answer_text(question),
        "right": right_note(question),
    }


# --- what Python sees of one question ------------------------------------------------------------------


class _Input:
    """The input as Python sees it: ``value`` is the chosen option's text (or None), or a number."""

    def __init__(self, owner: QuizQuestion) -> None:
        self._owner = owner
        self._dom_classes = ("mgk-options",) if owner.kind == "choice" else ("mgk-numeric",)

    @property
    def value(self) -> Any:
        v = self._owner._state["value"]
        q = self._owner.question
        if isinstance(q, ChoiceQuestion):
            return None if v is None else q.options[v]
        return v

    @value.setter
    def value(self, value: Any) -> None:
        """Choose an option (text or index) or type a number, as the student would: the verdict clears."""
        self._owner._act(("input", self._owner._strict_value(value)))


class _CheckButton:
    """The Check button as Python sees it (``click()`` checks, as the button in the page does)."""

    _dom_classes = ("mgk-check",)
    description = "Check"

    def __init__(self, owner: QuizQuestion) -> None:
        self._owner = owner

    def click(self) -> None:
        self._owner.check()


class _ShowAnswerButton:
    """The "Show the answer" button of a numeric question, as Python sees it: ``visible`` after one wrong
    attempt until the answer is shown (or the answer is right); ``click()`` shows the answer."""

    _dom_classes = ("mgk-show",)
    description = MESSAGES["show"]

    def __init__(self, owner: QuizQuestion) -> None:
        self._owner = owner

    @property
    def visible(self) -> bool:
        e = self._owner._state
        return (
            self._owner.kind == "numeric"
            and e.get("attempts", 0) >= 1
            and not e.get("revealed", False)
            and e.get("correct") is not True
        )

    def click(self) -> None:
        self._owner.show_answer()


class _Feedback:
    """The feedback as Python sees it (``value`` is its HTML, a polite live region)."""

    _dom_classes = ("mgk-feedback",)

    def __init__(self, owner: QuizQuestion) -> None:
        self._owner = owner

    @property
    def value(self) -> str:
        return (
            '<p class="mgk-feedback" role="status" aria-live="polite">'
            f"{html.escape(self._owner.feedback)}</p>"
        )


class QuizQuestion:
    """One self-check question of a :class:`Quiz`: its input, a Check button and feedback.

    ``correct`` (True, False, or None before a check) and ``feedback`` are what the page shows now, whether
    the student answered there or Python called :meth:`answer` / :meth:`check`.
    """

    _dom_classes = ("mgk-question",)

    def __init__(self, question: Question, number: int, quiz: Quiz) -> None:
        self.question = question
        self.number = number
        self.explanation = question.explanation
        self.kind = "choice" if isinstance(question, ChoiceQuestion) else "numeric"
        self._quiz = quiz
        self.input = _Input(self)
        self.check_button = _CheckButton(self)
        self.show_answer_button = _ShowAnswerButton(self)
        self.feedback_widget = _Feedback(self)

    @property
    def _state(self) -> dict[str, Any]:
        return self._quiz.answers[self.number - 1]

    def _act(self, *actions: tuple[str, Any]) -> None:
        """Apply ``(action, value)`` steps (:func:`next_entry`) and send the result to the page once."""
        entry = self._state
        for action, value in actions:
            entry = next_entry(self.question, entry, action, value)
        answers = list(self._quiz.answers)
        answers[self.number - 1] = entry
        self._quiz.answers = answers

    def _strict_value(self, value: Any) -> int | float | None:
        q = self.question
        if isinstance(q, ChoiceQuestion):
            if value is None:
                return None
            if isinstance(value, str):
                if value not in q.options:
                    raise ValueError(
                        f"{value!r} is not an option of question {self.number}: {list(q.options)}"
                    )
                return q.options.index(value)
            if (
                isinstance(value, bool)
                or not isinstance(value, numbers.Integral)
                or not 0 <= value < len(q.options)
            ):
                raise ValueError(
                    f"question {self.number}: give an option's text or its index 0–{len(q.options) - 1}, "
                    f"not {value!r}"
                )
            return int(value)
        return _as_number(value)

    @property
    def correct(self) -> bool | None:
        return self._state["correct"]

    @property
    def feedback(self) -> str:
        return self._state["feedback"]

    @property
    def attempts(self) -> int:
        """How many times an answer was checked (an empty box does not count)."""
        return int(self._state.get("attempts", 0))

    @property
    def revealed(self) -> bool:
        """Whether the answer is shown (numeric: after a second wrong attempt or "Show the answer")."""
        return bool(self._state.get("revealed", False))

    def show_answer(self) -> str:
        """Press "Show the answer" (numeric questions, after one attempt) and return the feedback shown."""
        if not self.show_answer_button.visible:
            raise ValueError(
                f"question {self.number}: the answer is offered only on a numeric question "
                "after one wrong attempt"
            )
        self._act(("reveal", None))
        return self.feedback

    def is_correct(self, value: Any) -> bool:
        """Whether ``value`` (an option index or text for multiple choice, a number otherwise) is right."""
        return is_correct(self.question, value)

    def answer(self, value: Any) -> str:
        """Enter ``value`` (option index/text or number), press Check, and return the feedback text.

        A choice that is not an option raises ValueError; a numeric answer that is not a finite number is
        treated as the page treats an empty box ("Enter a number first."). Each answer checked counts as an
        attempt: a wrong number gets the hint first and the answer on the second attempt.
        """
        value = self._strict_value(value)
        self._act(("input", value), ("check", value))
        return self.feedback

    def check(self) -> str:
        """Mark the current input and show the feedback (returned as plain text)."""
        self._act(("check", self._state["value"]))
        return self.feedback

    def static_html(self) -> str:
        """The question and its options as HTML that needs no JavaScript — never the answer."""
        q = self.question
        parts = [f"<p><b>{self.number}.</b> {html.escape(q.prompt)}</p>"]
        if isinstance(q, ChoiceQuestion):
            items = "".join(f"<li>{html.escape(o)}</li>" for o in q.options)
            parts.append(f'<ol type="A">{items}</ol>')
        else:
            unit = f" in {html.escape(q.unit)}" if q.unit else ""
            parts.append(f"<p><i>Answer with a number{unit}.</i></p>")
        return "".join(parts)


# --- the quiz --------------------------------------------------------------------------------------------


class Quiz(anywidget.AnyWidget):
    """Self-check questions marked in the page (see the module docstring); ``questions`` holds them in order.

    Traits: ``spec`` (the questions, answers, explanations and feedback wording) and ``answers`` (one entry
    per question: ``value``, ``checked``, ``correct``, ``feedback``, ``attempts``, ``revealed``; written by
    the page and by Python, see :func:`entry_for`).
    """

    _esm = quiz_js() + "\nexport default { render: (ctx) => globalThis.mgkQuiz.render(ctx) };\n"
    _css = quiz_css()

    spec = traitlets.Dict({}).tag(sync=True)
    answers = traitlets.List([]).tag(sync=True)

    def __init__(self, questions: Sequence[Question], title: str = "Check your understanding") -> None:
        questions = tuple(questions)
        if not questions:
            raise ValueError("questions=() is empty; give at least one question")
        for number, q in enumerate(questions, start=1):
            if not isinstance(q, (ChoiceQuestion, NumericQuestion)):
                raise ValueError(
                    f"question {number} must be a ChoiceQuestion or NumericQuestion, got {type(q).__name__}"
                )
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"title={title!r} must be a non-empty string")
        self.title = title
        self._questions = questions
        super().__init__(
            spec=_spec_json(questions, title),
            answers=[blank_entry(q) for q in questions],
        )
        self.add_class("mgk-quiz")
        self.questions = [QuizQuestion(q, i, self) for i, q in enumerate(questions, start=1)]

    @traitlets.validate("answers")
    def _valid_answers(self, proposal: Any) -> list[dict[str, Any]]:
        """Answers from the page, re-marked here by the same rule (Python's verdict is the one kept)."""
        new = list(proposal["value"])
        if len(new) != len(self._questions):
            raise traitlets.TraitError(f"answers: {len(new)} entries for {len(self._questions)} questions")
        out = []
        for q, raw in zip(self._questions, new, strict=True):
            raw = raw if isinstance(raw, Mapping) else {}
            attempts = raw.get("attempts", 0)
            attempts = attempts if isinstance(attempts, int) and not isinstance(attempts, bool) else 0
            out.append(
                entry_for(
                    q,
                    _lenient_value(q, raw.get("value")),
                    bool(raw.get("checked", False)),
                    min(max(attempts, 0), 10_000),
                    raw.get("revealed") is True,
                )
            )
        return out

    def reset(self) -> None:
        """Clear every answer and its feedback."""
        self.answers = [blank_entry(q) for q in self._questions]

    # --- without a kernel ----------------------------------------------------------------------
    def static_html(self) -> str:
        """The self-contained HTML fragment saved with the output (see the module docstring)."""
        return fragment(self._questions, self.title)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_page(
            super()._repr_mimebundle_(**kwargs),
            self.static_html(),
            f"{self.title} (self-check quiz, {len(self._questions)} questions)",
        )


def _spec_json(questions: Sequence[Question], title: str) -> dict[str, Any]:
    return {"title": title, "messages": dict(MESSAGES), "questions": [_spec_of(q) for q in questions]}


def script_json(obj: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` (escaped as \\u003c …)."""
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def fallback_html(questions: Sequence[Question], title: str) -> str:
    """The questions and options as plain HTML (no script, no answer), shown where scripts are stripped."""
    items = []
    for q in questions:
        if isinstance(q, ChoiceQuestion):
            options = "".join(f"<li>{html.escape(o)}</li>" for o in q.options)
            body = f'<ol type="A">{options}</ol>'
        else:
            unit = f" in {html.escape(q.unit)}" if q.unit else ""
            body = f"<p><i>Answer with a number{unit}.</i></p>"
        items.append(f"<li><p>{html.escape(q.prompt)}</p>{body}</li>")
    return (
        f'<div class="mgk-quiz-fallback mgk-fallback"><h3>{html.escape(title)}</h3>'
        f"<p><strong>{html.escape(QUIZ_FALLBACK_HINT)}</strong></p><ol>{''.join(items)}</ol></div>"
    )


def fragment(questions: Sequence[Question], title: str) -> str:
    """The self-contained, live HTML of a quiz (:meth:`Quiz.static_html`)."""
    js = quiz_js()
    if "</script" in js.lower():
        raise RuntimeError("static/quiz.js must not contain '</script': it is inlined in the page")
    return (
        '<div class="mgk-quiz-static" data-mgk-quiz="1">'
        f"<style>{quiz_css()}</style>"
        f"{fallback_html(questions, title)}"
        f'<script type="application/json" class="mgk-quiz-spec">{script_json(_spec_json(questions, title))}'
        "</script>"
        f"<script>{js}\n;globalThis.mgkQuiz.boot(document.currentScript.parentElement);</script>"
        "</div>"
    )


def quiz(questions: Sequence[Question], title: str = "Check your understanding") -> Quiz:
    """A self-check widget for ``questions`` (from a notebook's ``mgk_helpers.quizzes.nbNN.questions()``)."""
    return Quiz(questions, title)
