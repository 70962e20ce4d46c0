"""Self-checks in the notebook: the questions of :mod:`mgk_helpers.quizzes`, each with a Check button.

A choice question is a set of radio buttons, a numeric question a number box labelled with its unit; feedback
starts with "Correct." or "Not quite.", then the explanation. :class:`Quiz` hands the questions to one front
end (``static/quiz.js``), which marks answers in the page:

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
from functools import cache
from importlib import resources
from typing import Any

import anywidget
import traitlets

from ..quizzes import ChoiceQuestion, NumericQuestion, Question

__all__ = [
    "MARK_SLACK",
    "MESSAGES",
    "QUIZ_FALLBACK_HINT",
    "Quiz",
    "QuizQuestion",
    "fallback_html",
    "feedback_for",
    "fragment",
    "is_correct",
    "quiz",
    "quiz_css",
    "quiz_js",
    "wrong_text",
]

_STATIC = resources.files("mgk_helpers.explorers").joinpath("static")

#: The feedback wording, shared with the front end (it is sent in the spec).
MESSAGES = {
    "correct": "Correct.",
    "wrong": "Not quite.",
    "pick": "Pick an option first.",
    "number": "Enter a number first.",
}
#: A number within ``tolerance + MARK_SLACK * max(1, |answer|)`` of the answer is right: the tolerance is
#: inclusive even when binary rounding puts a typed boundary value (0.32 for 0.30 ± 0.02) a hair outside it.
MARK_SLACK = 1e-9
QUIZ_FALLBACK_HINT = (
    "▶ Run this cell in JupyterLab, or open this page on the course website, to check your answers "
    "here. The questions:"
)


@cache
def quiz_js() -> str:
    """The front end (``static/quiz.js``): a classic script that defines ``globalThis.mgkQuiz``."""
    return _STATIC.joinpath("quiz.js").read_text("utf-8")


@cache
def quiz_css() -> str:
    """The quiz's stylesheet (``static/quiz.css``)."""
    return _STATIC.joinpath("quiz.css").read_text("utf-8")


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
    """The start of the feedback to a wrong answer ("Not quite." / "Not quite: the answer is 3.1 mmol/L.")."""
    if isinstance(question, ChoiceQuestion):
        return MESSAGES["wrong"]
    return f"Not quite: the answer is {question.answer:g} {question.unit}".rstrip() + "."


def feedback_for(question: Question, value: Any) -> tuple[bool | None, str]:
    """``(correct, feedback)`` for a checked answer; ``value`` None: nothing was entered (correct None)."""
    if value is None:
        return None, MESSAGES["pick" if isinstance(question, ChoiceQuestion) else "number"]
    correct = is_correct(question, value)
    head = MESSAGES["correct"] if correct else wrong_text(question)
    return correct, f"{head} {question.explanation}".strip()


def _entry(question: Question, value: Any, checked: bool) -> dict[str, Any]:
    if not checked:
        return {"value": value, "checked": False, "correct": None, "feedback": ""}
    correct, feedback = feedback_for(question, value)
    return {"value": value, "checked": True, "correct": correct, "feedback": feedback}


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
        return {
            "kind": "choice",
            "prompt": question.prompt,
            "options": list(question.options),
            "answer": question.answer,
            "wrong": wrong_text(question),
            "explanation": question.explanation,
        }
    return {
        "kind": "numeric",
        "prompt": question.prompt,
        "unit": question.unit,
        "answer": question.answer,
        "tolerance": question.tolerance,
        "wrong": wrong_text(question),
        "explanation": question.explanation,
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
        """Choose an option (text or index) or type a number, as the student would: the feedback clears."""
        self._owner._set(self._owner._strict_value(value), checked=False)


class _CheckButton:
    """The Check button as Python sees it (``click()`` checks, as the button in the page does)."""

    _dom_classes = ("mgk-check",)
    description = "Check"

    def __init__(self, owner: QuizQuestion) -> None:
        self._owner = owner

    def click(self) -> None:
        self._owner.check()


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
        self.feedback_widget = _Feedback(self)

    @property
    def _state(self) -> dict[str, Any]:
        return self._quiz.answers[self.number - 1]

    def _set(self, value: Any, checked: bool) -> None:
        answers = list(self._quiz.answers)
        answers[self.number - 1] = _entry(self.question, value, checked)
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

    def is_correct(self, value: Any) -> bool:
        """Whether ``value`` (an option index or text for multiple choice, a number otherwise) is right."""
        return is_correct(self.question, value)

    def answer(self, value: Any) -> str:
        """Enter ``value`` (option index/text or number), press Check, and return the feedback text.

        A choice that is not an option raises ValueError; a numeric answer that is not a finite number is
        treated as the page treats an empty box ("Enter a number first.").
        """
        self._set(self._strict_value(value), checked=True)
        return self.feedback

    def check(self) -> str:
        """Mark the current input and show the feedback (returned as plain text)."""
        self._set(self._state["value"], checked=True)
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
    per question: ``value``, ``checked``, ``correct``, ``feedback``; written by the page and by Python).
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
            answers=[_entry(q, None, False) for q in questions],
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
            out.append(_entry(q, _lenient_value(q, raw.get("value")), bool(raw.get("checked", False))))
        return out

    def reset(self) -> None:
        """Clear every answer and its feedback."""
        self.answers = [_entry(q, None, False) for q in self._questions]

    # --- without a kernel ----------------------------------------------------------------------
    def static_html(self) -> str:
        """The self-contained HTML fragment saved with the output (see the module docstring)."""
        return fragment(self._questions, self.title)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            data, meta = bundle
        else:
            data, meta = bundle or {}, {}
        data = dict(data)
        data["text/html"] = self.static_html()
        data["text/plain"] = f"{self.title} (self-check quiz, {len(self._questions)} questions)"
        return data, meta


def _spec_json(questions: Sequence[Question], title: str) -> dict[str, Any]:
    return {"title": title, "messages": dict(MESSAGES), "questions": [_spec_of(q) for q in questions]}


def _script_json(obj: Any) -> str:
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
        f'<script type="application/json" class="mgk-quiz-spec">{_script_json(_spec_json(questions, title))}'
        "</script>"
        f"<script>{js}\n;globalThis.mgkQuiz.boot(document.currentScript.parentElement);</script>"
        "</div>"
    )


def quiz(questions: Sequence[Question], title: str = "Check your understanding") -> Quiz:
    """A self-check widget for ``questions`` (from a notebook's ``mgk_helpers.quizzes.nbNN.questions()``)."""
    return Quiz(questions, title)
