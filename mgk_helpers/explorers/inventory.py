"""The concept inventory widget: the same ten items (:mod:`mgk_helpers.quizzes.inventory`) at the start of
notebook 00 (``stage="pre"``) and at the end of notebook 07 (``stage="post"``).

* ``pre``: the student answers and presses Submit. The answers are saved in the browser (``localStorage``, key
  :data:`STORAGE_KEY`; a private window may refuse, and the page says so) and nothing is marked: no score, no
  right answer, only "Saved. …". The saved page carries the prompts and options only, no answer.
* ``post``: the student answers again; Submit shows the score now and, when the browser kept a "pre" attempt,
  the score then, and each item's feedback and right answer.

Both work without a kernel (a self-contained HTML fragment, as the quiz) and with one (an anywidget view; the
submitted answers reach Python in the ``answers`` trait). The browser, not Python, keeps the "pre" answers:
Python cannot see another notebook's page, so :meth:`ConceptInventory.submit` reports only this attempt.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import anywidget
import traitlets

from ..quizzes import ChoiceQuestion
from ..quizzes import inventory as items
from .assets import with_page
from .base import LETTERS
from .quiz import MESSAGES, QUIZ_FALLBACK_HINT, feedback_for, quiz_css, quiz_js, script_json

__all__ = [
    "INVENTORY_TEXTS",
    "STAGES",
    "STORAGE_KEY",
    "ConceptInventory",
    "concept_inventory",
    "inventory_feedback",
    "inventory_fragment",
    "inventory_score",
]

#: Where the browser keeps the answers: ``{"pre": {"answers": [...], "items": 10, "when": ISO}, "post": …}``.
STORAGE_KEY = "mgk-inventory-v1"
STAGES = ("pre", "post")

#: What the page says, per stage and shared (sent in the spec; ``{name}`` fields are filled in the page).
INVENTORY_TEXTS = {
    "pre": {
        "title": "Before you start: what do you think now?",
        "intro": (
            "Ten questions on the ideas of this series. Answer what you think now; guessing is fine. Nothing "
            "is marked: your answers are saved in this browser, and at the end of notebook 07 you answer "
            "again and see how your thinking changed."
        ),
        "saved": "Saved. You will see how you did at the end of notebook 07.",
    },
    "post": {
        "title": "At the end: the same ten questions again",
        "intro": (
            "The questions you answered at the start of notebook 00. Answer them again, then Submit to see "
            "your score now and then, and the reasoning behind each answer."
        ),
        "saved": "",
    },
    "submit": "Submit",
    "empty": "Answer at least one question first.",
    "nostore": (
        "This browser does not let the page save your answers (a private window, or storage turned off), so "
        "notebook 07 cannot compare them. Nothing is marked now."
    ),
    "now": "Your score now: {score} of {n}.",
    "before": "At the start of notebook 00: {score} of {n}.",
    "nobefore": "No answers from the start of notebook 00 are saved in this browser.",
    "below": "Each question now shows its answer and why.",
    "unanswered": "Not answered.",
    "answer": "The answer is {letter}: {option}.",
}


def _texts(stage: str) -> dict[str, str]:
    shared = {k: v for k, v in INVENTORY_TEXTS.items() if k not in STAGES}
    return {**shared, "intro": INVENTORY_TEXTS[stage]["intro"], "saved": INVENTORY_TEXTS[stage]["saved"]}


def inventory_feedback(question: ChoiceQuestion, value: int | None) -> tuple[bool | None, str]:
    """``(correct, feedback)`` of one item after a "post" submit (quiz.js ``inventoryFeedback``): the quiz's
    feedback for the option picked, then, if it is wrong or missing, the right answer and the explanation."""
    answer = INVENTORY_TEXTS["answer"].format(
        letter=LETTERS[question.answer], option=question.options[question.answer]
    )
    if value is None:
        return None, " ".join([INVENTORY_TEXTS["unanswered"], answer, question.explanation])
    correct, text = feedback_for(question, value)
    return correct, text if correct else " ".join([text, answer, question.explanation])


def inventory_score(questions: Sequence[ChoiceQuestion], answers: Sequence[int | None]) -> int:
    """How many of ``answers`` (option indices, None: not answered) are right."""
    return sum(a is not None and a == q.answer for q, a in zip(questions, answers, strict=False))


def _spec(stage: str, questions: Sequence[ChoiceQuestion]) -> dict[str, Any]:
    """The page's spec; for "pre" only prompts and options (no answers in a page that marks nothing)."""
    if stage == "pre":
        qs = [{"kind": "choice", "prompt": q.prompt, "options": list(q.options)} for q in questions]
    else:
        qs = [
            {
                "kind": "choice",
                "prompt": q.prompt,
                "options": list(q.options),
                "answer": q.answer,
                "wrong": MESSAGES["wrong"],
                "explanation": q.explanation,
                "feedback": list(q.feedback),
            }
            for q in questions
        ]
    return {
        "title": INVENTORY_TEXTS[stage]["title"],
        "messages": dict(MESSAGES),
        "questions": qs,
        "inventory": {"stage": stage, "key": STORAGE_KEY, **_texts(stage)},
    }


def _fallback(stage: str, questions: Sequence[ChoiceQuestion]) -> str:
    listed = "".join(
        f'<li><p>{html.escape(q.prompt)}</p><ol type="A">'
        + "".join(f"<li>{html.escape(o)}</li>" for o in q.options)
        + "</ol></li>"
        for q in questions
    )
    return (
        f'<div class="mgk-quiz-fallback mgk-fallback"><h3>{html.escape(INVENTORY_TEXTS[stage]["title"])}</h3>'
        f"<p><strong>{html.escape(QUIZ_FALLBACK_HINT)}</strong></p><ol>{listed}</ol></div>"
    )


def inventory_fragment(stage: str = "pre") -> str:
    """The self-contained, live HTML of the inventory (:meth:`ConceptInventory.static_html`)."""
    stage = _check_stage(stage)
    questions = items.questions()
    return (
        f'<div class="mgk-quiz-static" data-mgk-inventory="{stage}">'
        f"<style>{quiz_css()}</style>"
        f"{_fallback(stage, questions)}"
        f'<script type="application/json" class="mgk-quiz-spec">{script_json(_spec(stage, questions))}'
        "</script>"
        f"<script>{quiz_js()}\n;globalThis.mgkQuiz.boot(document.currentScript.parentElement);</script>"
        "</div>"
    )


def _check_stage(stage: Any) -> str:
    if stage not in STAGES:
        raise ValueError(
            f"stage={stage!r}; valid stages are 'pre' (start of notebook 00) and 'post' (end of 07)"
        )
    return stage


class ConceptInventory(anywidget.AnyWidget):
    """The concept inventory (see the module docstring). Traits: ``spec``; ``answers`` (one option index or
    None per item, as last submitted) and ``submitted``, written by the page and by :meth:`submit`."""

    _esm = quiz_js() + "\nexport default { render: (ctx) => globalThis.mgkQuiz.renderInventory(ctx) };\n"
    _css = quiz_css()

    spec = traitlets.Dict({}).tag(sync=True)
    answers = traitlets.List([]).tag(sync=True)
    submitted = traitlets.Bool(False).tag(sync=True)

    def __init__(self, stage: str = "pre") -> None:
        self.stage = _check_stage(stage)
        self.questions = items.questions()
        super().__init__(spec=_spec(self.stage, self.questions), answers=[None] * len(self.questions))
        self.add_class("mgk-inventory-host")

    @traitlets.validate("answers")
    def _valid_answers(self, proposal: Any) -> list[int | None]:
        new = list(proposal["value"])
        if len(new) != len(self.questions):
            raise traitlets.TraitError(f"answers: {len(new)} entries for {len(self.questions)} items")
        out: list[int | None] = []
        for q, a in zip(self.questions, new, strict=True):
            ok = isinstance(a, int) and not isinstance(a, bool) and 0 <= a < len(q.options)
            out.append(a if ok else None)
        return out

    def answer(self, number: int, value: int | str) -> None:
        """Pick an option (its index or text) for item ``number`` (1–10), as the student would."""
        if not 1 <= number <= len(self.questions):
            raise ValueError(f"number={number!r}: items are numbered 1–{len(self.questions)}")
        q = self.questions[number - 1]
        if isinstance(value, str):
            if value not in q.options:
                raise ValueError(f"{value!r} is not an option of item {number}: {list(q.options)}")
            value = q.options.index(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(q.options):
            raise ValueError(f"item {number}: give an option's text or its index 0–{len(q.options) - 1}")
        answers = list(self.answers)
        answers[number - 1] = value
        self.answers = answers

    @property
    def score(self) -> int:
        """How many of the current answers are right."""
        return inventory_score(self.questions, self.answers)

    def submit(self) -> str:
        """Press Submit and return what the page says of this attempt ("pre": saved, no score)."""
        if all(a is None for a in self.answers):
            return INVENTORY_TEXTS["empty"]
        self.submitted = True
        if self.stage == "pre":
            return INVENTORY_TEXTS["pre"]["saved"]
        return INVENTORY_TEXTS["now"].format(score=self.score, n=len(self.questions))

    def feedback(self) -> list[tuple[bool | None, str]]:
        """Each item's verdict and feedback as the "post" page shows it after Submit."""
        if self.stage == "pre":
            raise ValueError(
                "the 'pre' inventory marks nothing; its feedback is shown at the end of notebook 07"
            )
        return [inventory_feedback(q, a) for q, a in zip(self.questions, self.answers, strict=True)]

    # --- without a kernel ----------------------------------------------------------------------
    def static_html(self) -> str:
        return inventory_fragment(self.stage)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_page(
            super()._repr_mimebundle_(**kwargs),
            self.static_html(),
            f"Concept inventory ({self.stage}, {len(self.questions)} questions)",
        )


def concept_inventory(stage: str = "pre") -> ConceptInventory:
    """The concept inventory: ``"pre"`` at the start of notebook 00, ``"post"`` at the end of notebook 07."""
    return ConceptInventory(stage)
