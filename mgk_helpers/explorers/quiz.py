"""Self-checks in the notebook: one widget per question of :mod:`mgk_helpers.quizzes`, with a Check button.

A choice question is a set of radio buttons, a numeric question a number box; feedback starts with
"Correct" or "Not quite", then the explanation. Without a kernel (GitHub, nbviewer, before the cell runs)
the saved output shows the questions and options only, never the answers.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from ..quizzes import ChoiceQuestion, NumericQuestion, Question
from .legacy import STYLE, static_card, style_tag

__all__ = ["Quiz", "QuizQuestion", "quiz"]


class QuizQuestion(w.VBox):
    """One self-check question, shown with its input, a Check button and feedback."""

    def __init__(self, question: Question, number: int) -> None:
        if not isinstance(question, (ChoiceQuestion, NumericQuestion)):
            raise ValueError(
                f"question {number} must be a ChoiceQuestion or NumericQuestion, "
                f"got {type(question).__name__}"
            )
        self.question = question
        self.number = number
        self.explanation = question.explanation
        self.kind = "choice" if isinstance(question, ChoiceQuestion) else "numeric"
        if isinstance(question, ChoiceQuestion):
            self.input = w.RadioButtons(
                options=list(question.options), value=None, layout=w.Layout(width="auto")
            )
            self.input.add_class("mgk-options")
        else:
            unit = question.unit
            self.input = w.FloatText(
                value=0.0, description=f"Answer ({unit})" if unit else "Answer", style=STYLE
            )
            self.input.add_class("mgk-numeric")
        self.check_button = w.Button(description="Check", tooltip="Check your answer")
        self.check_button.add_class("mgk-check")
        self.check_button.on_click(lambda _b: self.check())
        self.feedback_widget = w.HTML()
        self.feedback_widget.add_class("mgk-feedback")
        self.feedback = ""
        self.correct: bool | None = None
        prompt = w.HTML(
            f"<p style='font-size:17px;margin:0.3em 0'><b>{number}.</b> {html.escape(question.prompt)}</p>"
        )
        super().__init__([prompt, self.input, self.check_button, self.feedback_widget])
        self.add_class("mgk-question")

    def is_correct(self, value: Any) -> bool:
        """Whether ``value`` (an option index or text for multiple choice, a number otherwise) is right."""
        q = self.question
        if isinstance(q, ChoiceQuestion):
            index = q.options.index(value) if isinstance(value, str) and value in q.options else value
            return index == q.answer
        try:
            x = float(value)
        except (TypeError, ValueError):
            return False
        return math.isfinite(x) and abs(x - q.answer) <= q.tolerance

    def answer(self, value: Any) -> str:
        """Enter ``value`` (option index/text or number), press Check, and return the feedback text."""
        q = self.question
        if isinstance(q, ChoiceQuestion):
            self.input.value = q.options[value] if isinstance(value, int) else value
        else:
            self.input.value = float(value)
        return self.check()

    def check(self) -> str:
        """Mark the current input and show the feedback (returned as plain text)."""
        q = self.question
        value = self.input.value
        if isinstance(q, ChoiceQuestion) and value is None:
            self.correct = None
            self.feedback = "Pick an option first."
        else:
            self.correct = self.is_correct(value)
            if self.correct:
                head = "Correct."
            elif isinstance(q, ChoiceQuestion):
                head = "Not quite."
            else:
                head = f"Not quite: the answer is {q.answer:g} {q.unit}".rstrip() + "."
            self.feedback = f"{head} {self.explanation}".strip()
        colour = {True: "#009E73", False: "#D55E00", None: "#444"}[self.correct]
        self.feedback_widget.value = (
            f'<div role="status" aria-live="polite" style="font-size:16px;border-left:4px solid {colour};'
            f'padding-left:0.6em">{html.escape(self.feedback)}</div>'
        )
        return self.feedback

    def static_html(self) -> str:
        """The question and its options as HTML that needs no JavaScript — never the answer.

        This is what a saved notebook shows without a kernel (on GitHub, nbviewer, or before the cell
        runs); the answer and its explanation stay behind the live quiz widget.
        """
        q = self.question
        parts = [f"<p><b>{self.number}.</b> {html.escape(q.prompt)}</p>"]
        if isinstance(q, ChoiceQuestion):
            items = "".join(f"<li>{html.escape(o)}</li>" for o in q.options)
            parts.append(f"<ol type='A'>{items}</ol>")
        else:
            unit = f" in {html.escape(q.unit)}" if q.unit else ""
            parts.append(f"<p><i>Answer with a number{unit}.</i></p>")
        return "".join(parts)


class Quiz(w.VBox):
    """A list of :class:`QuizQuestion`; ``questions`` holds them in order."""

    def __init__(self, questions: Sequence[Question], title: str = "Check your understanding") -> None:
        if not questions:
            raise ValueError("questions=() is empty; give at least one question")
        self.title = title
        self.questions = [QuizQuestion(q, i) for i, q in enumerate(questions, start=1)]
        heading = w.HTML(f"{style_tag()}<h3 style='margin:0.2em 0'>{html.escape(title)}</h3>")
        super().__init__([heading, *self.questions])
        self.add_class("mgk-quiz")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        body = "".join(q.static_html() for q in self.questions)
        bundle["text/html"] = static_card(
            self.title, "▶ Run this cell to check your answers interactively.", body, escape_body=False
        )
        return bundle


def quiz(questions: Sequence[Question], title: str = "Check your understanding") -> Quiz:
    """A self-check widget for ``questions`` (from a notebook's ``mgk_helpers.quizzes.nbNN.questions()``)."""
    return Quiz(questions, title)
