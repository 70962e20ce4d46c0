"""Self-checks that teach: enough items, mostly understanding and transfer, a feedback for every option,
answers that neither sit in one position nor stand out by length, numeric items that give a hint before the
answer and say why their tolerance."""

from __future__ import annotations

import importlib
from collections import Counter

import pytest

from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion

MODULES = [f"nb0{i}" for i in range(8)]


def _questions(name: str):
    return importlib.import_module(f"mgk_helpers.quizzes.{name}").questions()


@pytest.mark.parametrize("name", MODULES)
def test_at_least_four_items_and_half_beyond_recall(name):
    qs = _questions(name)
    assert len(qs) >= 4, f"{name}: {len(qs)} items"
    deeper = sum(q.kind in ("understanding", "transfer") for q in qs)
    assert 2 * deeper >= len(qs), f"{name}: {deeper} of {len(qs)} items test understanding or transfer"


@pytest.mark.parametrize("name", MODULES)
def test_every_option_has_its_own_feedback(name):
    for q in _questions(name):
        if isinstance(q, ChoiceQuestion):
            assert len(q.feedback) == len(q.options), q.prompt[:60]
            assert all(len(f.split()) >= 4 for f in q.feedback), f"feedback too thin: {q.prompt[:60]}"
            assert len(set(q.feedback)) == len(q.feedback), f"the same feedback twice: {q.prompt[:60]}"


@pytest.mark.parametrize("name", MODULES)
def test_numeric_items_hint_before_the_answer_and_say_why_the_tolerance(name):
    for q in _questions(name):
        if isinstance(q, NumericQuestion):
            assert q.hint and q.tolerance_why, q.prompt[:60]
            assert f"{q.answer:g}" not in q.hint, f"the hint gives the answer away: {q.prompt[:60]}"


def test_the_right_option_is_not_given_away_by_position_or_length():
    """Across the series: no position holds more than half the answers, and the right option is the longest
    in at most half of the choice items (it was "B" and the longest in 16 of 20 before)."""
    choices = [q for name in MODULES for q in _questions(name) if isinstance(q, ChoiceQuestion)]
    positions = Counter(q.answer for q in choices)
    assert max(positions.values()) <= len(choices) / 2, positions
    longest = sum(len(q.options[q.answer]) == max(map(len, q.options)) for q in choices)
    assert 2 * longest <= len(choices), f"the right option is the longest in {longest} of {len(choices)}"
