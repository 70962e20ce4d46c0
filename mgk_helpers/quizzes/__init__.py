"""Self-check questions, one module per notebook (``nb00`` … ``nb07``), as typed, frozen dataclasses.

Each module has a function ``questions()`` that builds its questions when it is called — never at import —
so numeric answers come from the same model code the explorers use and cannot drift from it. Questions
live here rather than in the notebooks so that a student reading a code cell does not see the answer.

Model layer: no plotting, no widgets (``mgk_helpers.explorers.quiz`` shows them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["KINDS", "ChoiceQuestion", "NumericQuestion", "Question"]


#: What a question tests (at least half of a notebook's self-checks are "understanding" or "transfer").
KINDS = ("recall", "understanding", "transfer")


@dataclass(frozen=True)
class ChoiceQuestion:
    """A multiple-choice question: ``answer`` is the index of the right option in ``options``.

    ``feedback`` has one text per option, shown when the student picks it: why that option is right or wrong
    (the widget puts "Correct." or "Not quite." before it). ``explanation`` follows a right answer. ``kind``
    says what the question tests (:data:`KINDS`).
    """

    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    feedback: tuple[str, ...] = ()
    kind: str = "recall"

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(str(o) for o in self.options))
        object.__setattr__(self, "feedback", tuple(str(f) for f in self.feedback))
        if self.feedback and len(self.feedback) != len(self.options):
            raise ValueError(
                f"feedback has {len(self.feedback)} texts for {len(self.options)} options (one per option): "
                f"{self.prompt[:60]!r}"
            )
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r} must be one of {', '.join(KINDS)}: {self.prompt[:60]!r}")
        if not self.prompt:
            raise ValueError("prompt must be a non-empty string")
        n = len(self.options)
        if (
            n < 2
            or isinstance(self.answer, bool)
            or not isinstance(self.answer, int)
            or not 0 <= self.answer < n
        ):
            raise ValueError(
                f"answer={self.answer!r} must be the index of one of the {n} options (0–{n - 1}), "
                f"and there must be at least 2 options: {self.prompt[:60]!r}"
            )


@dataclass(frozen=True)
class NumericQuestion:
    """A question answered with a number in ``unit``; within ``tolerance`` of ``answer`` counts as right.

    ``tolerance_why`` says why that tolerance (shown with the answer); ``hint`` is shown after a first wrong
    attempt, before the answer is revealed. ``kind`` as for :class:`ChoiceQuestion`.
    """

    prompt: str
    answer: float
    tolerance: float
    unit: str
    explanation: str
    hint: str = ""
    tolerance_why: str = ""
    kind: str = "recall"

    def __post_init__(self) -> None:
        if not self.prompt:
            raise ValueError("prompt must be a non-empty string")
        if (
            isinstance(self.answer, bool)
            or not isinstance(self.answer, (int, float))
            or not math.isfinite(self.answer)
        ):
            raise ValueError(f"answer={self.answer!r} must be a finite number: {self.prompt[:60]!r}")
        if not isinstance(self.tolerance, (int, float)) or not self.tolerance >= 0:
            raise ValueError(f"tolerance={self.tolerance!r} must be a number ≥ 0: {self.prompt[:60]!r}")
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r} must be one of {', '.join(KINDS)}: {self.prompt[:60]!r}")
        object.__setattr__(self, "answer", float(self.answer))
        object.__setattr__(self, "tolerance", float(self.tolerance))


Question = ChoiceQuestion | NumericQuestion
