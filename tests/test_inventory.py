"""The concept inventory: ten understanding/transfer items with per-option feedback, answers in varied
positions; the "pre" page carries no answer and marks nothing, the "post" page scores and explains; Python
scores and explains as the page does (quiz.js, run in Node)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter

import pytest

from mgk_helpers import widgets
from mgk_helpers.explorers.inventory import (
    INVENTORY_TEXTS,
    STORAGE_KEY,
    inventory_feedback,
    inventory_fragment,
    inventory_score,
)
from mgk_helpers.explorers.quiz import MESSAGES, quiz_js
from mgk_helpers.quizzes import ChoiceQuestion
from mgk_helpers.quizzes.inventory import questions

TOPICS = (
    "cells",  # body K mostly in cells
    "serum",  # serum ≠ body stores
    "steady state",  # in = out
    "hypothesis",  # the ROMK label
    "K-losing cause",  # Mg alone vs with a driver
    "potassium tablets",  # refractory low K
    "diarrhoea",  # urine K: diuretic vs diarrhoea
    "ECG",  # insensitive at high K
    "supplements",  # food vs supplement
    "kidneys",  # kidney function and safety
)


def spec_in(fragment: str) -> dict:
    m = re.search(r'<script type="application/json" class="mgk-quiz-spec">(.*?)</script>', fragment, re.S)
    return json.loads(m.group(1))


def test_ten_items_that_teach():
    qs = questions()
    assert len(qs) == 10 and all(isinstance(q, ChoiceQuestion) for q in qs)
    assert all(q.kind in ("understanding", "transfer") for q in qs)
    assert Counter(q.kind for q in qs)["transfer"] >= 3
    for q in qs:
        assert len(q.feedback) == len(q.options) >= 3, q.prompt[:50]
        assert len(set(q.feedback)) == len(q.feedback) and all(len(f.split()) >= 4 for f in q.feedback)
    positions = Counter(q.answer for q in qs)
    assert len(positions) == 4 and max(positions.values()) <= 3, positions
    longest = sum(len(q.options[q.answer]) == max(map(len, q.options)) for q in qs)
    assert longest <= 5, f"the right option is the longest in {longest} of 10"
    text = " ".join(q.prompt + " " + " ".join(q.options) + " " + q.explanation for q in qs)
    for topic in TOPICS:
        assert topic.lower() in text.lower(), topic
    assert "hypothesis" in qs[3].options[qs[3].answer].lower()


def test_pre_page_carries_no_answer_and_marks_nothing():
    page = inventory_fragment("pre")
    assert page.startswith(
        '<div class="mgk-quiz-static" data-mgk-inventory="pre">'
    )  # not a quiz: no data-mgk-quiz
    assert not re.search(r"https?://", page)
    spec = spec_in(page)
    assert (
        spec["inventory"]["stage"] == "pre" and spec["inventory"]["key"] == STORAGE_KEY == "mgk-inventory-v1"
    )
    assert spec["inventory"]["saved"] == "Saved. You will see how you did at the end of notebook 07."
    for q, s in zip(questions(), spec["questions"], strict=True):
        assert set(s) == {"kind", "prompt", "options"}, "the pre page must not carry answers or feedback"
        assert q.explanation not in page and all(f not in page for f in q.feedback)
    # the fallback lists the questions
    fallback = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert all(q.prompt.replace("'", "&#x27;") in fallback for q in questions())


def test_post_page_carries_what_it_shows():
    spec = spec_in(inventory_fragment("post"))
    assert spec["inventory"]["stage"] == "post" and spec["messages"] == MESSAGES
    for q, s in zip(questions(), spec["questions"], strict=True):
        assert (
            s["answer"] == q.answer
            and s["feedback"] == list(q.feedback)
            and s["explanation"] == q.explanation
        )


def test_python_widget_scores_and_explains():
    pre = widgets.concept_inventory()
    assert pre.stage == "pre" and pre.answers == [None] * 10
    assert pre.submit() == INVENTORY_TEXTS["empty"]
    pre.answer(1, 2)
    assert pre.submit() == INVENTORY_TEXTS["pre"]["saved"] and pre.submitted
    with pytest.raises(ValueError, match="marks nothing"):
        pre.feedback()
    post = widgets.concept_inventory("post")
    for i, q in enumerate(questions(), start=1):
        post.answer(i, q.options[q.answer] if i <= 7 else (q.answer + 1) % len(q.options))
    assert post.score == 7 and post.submit() == "Your score now: 7 of 10."
    verdicts = post.feedback()
    assert [v for v, _ in verdicts] == [True] * 7 + [False] * 3
    wrong = verdicts[8][1]
    q9 = questions()[8]
    assert wrong.startswith("Not quite. ") and f"The answer is C: {q9.options[2]}." in wrong
    assert inventory_feedback(q9, None)[0] is None
    assert inventory_score(questions(), [None] * 10) == 0
    with pytest.raises(ValueError, match="stage"):
        widgets.concept_inventory("middle")
    with pytest.raises(ValueError, match="not an option"):
        post.answer(1, "Nowhere")
    with pytest.raises(ValueError, match="numbered 1–10"):
        post.answer(11, 0)
    # answers from the page: anything but an option's index reads as "not answered"
    post.set_state({"answers": [0, "x", True, 9, None, 1, 2, 3, 0, 1]})
    assert post.answers == [0, None, None, None, None, 1, 2, 3, 0, 1]
    assert "mgk-inventory-host" in post._dom_classes and "renderInventory" in post._esm


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_page_scores_and_explains_as_python(tmp_path):
    spec = spec_in(inventory_fragment("post"))
    qs = questions()
    cases = [
        [s, v] for q, s in zip(qs, spec["questions"], strict=True) for v in [None, *range(len(q.options))]
    ]
    runner = tmp_path / "inv.js"
    runner.write_text(
        """
const fs = require("fs");
vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const Q = globalThis.mgkQuiz;
const out = input.cases.map(([q, v]) => {
  const r = Q.inventoryFeedback(q, v, input.texts, input.messages);
  return [r.correct, r.feedback];
});
const score = Q.inventoryScore(input.questions, input.answers);
process.stdout.write(JSON.stringify({ out, score }));
""",
        encoding="utf-8",
    )
    js = tmp_path / "quiz.js"
    js.write_text(quiz_js(), encoding="utf-8")
    answers = [q.answer if i % 3 else None for i, q in enumerate(qs)]
    proc = subprocess.run(
        ["node", str(runner), str(js)],
        input=json.dumps(
            {
                "cases": cases,
                "texts": spec["inventory"],
                "messages": MESSAGES,
                "questions": spec["questions"],
                "answers": answers,
            }
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    got = json.loads(proc.stdout)
    want = [list(inventory_feedback(q, v)) for q in qs for v in [None, *range(len(q.options))]]
    assert got["out"] == want
    assert got["score"] == inventory_score(qs, answers) == 6
