"""Learning design in the page, without a kernel (saved fragments on a plain static server): predict first,
per-option feedback, a hint before the answer, and the concept inventory before and after the series.

Keyboard only where a student acts; axe-core finds no WCAG 2.1 A/AA violation; no console error, no request
off 127.0.0.1; screenshots (light and dark) go to artifacts/browser/.
"""

from __future__ import annotations

import shutil

import pytest
from jlab import exercise_quiz
from static_site import AXE, AXE_HINT, StaticServer, axe_violations, describe, temp_dir

from mgk_helpers.explorers.inventory import STORAGE_KEY, inventory_fragment
from mgk_helpers.plotly_view.server import plotly_js_path
from mgk_helpers.quizzes import ChoiceQuestion, NumericQuestion
from mgk_helpers.widgets import mg_k_steady_state, quiz

pytestmark = pytest.mark.browser

PROMPT = "Lower serum Mg to 0.40 mmol/L with no diuretic. What happens to serum K?"
OPTIONS = ("It falls a lot, below 3.0 mmol/L", "It falls a little", "It rises")
FEEDBACK = (
    "Not with a normal diet and no diuretic: the fall is small.",
    "Yes: in the model low Mg opens ROMK a little (a hypothesis), so K settles slightly lower.",
    "No: less Mg in kidney cells lets more K out, not less.",
)
EXPLAIN = "Why does Mg alone move K so little in the model?"
CHOICE = ChoiceQuestion(
    "Where is most body K?",
    ("Plasma", "Cells", "Bone"),
    1,
    "About 98 % is inside cells.",
    feedback=("The plasma holds about 2 %.", "Yes, inside cells, mostly muscle.", "Bone stores Mg, not K."),
    kind="understanding",
)
NUMERIC = NumericQuestion(
    "0.5 mmol/L Mg in mEq/L?",
    1.0,
    0.05,
    "mEq/L",
    "Mg carries two charges.",
    hint="Each Mg ion carries two charges.",
    tolerance_why="rounding to two decimals",
)


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<link rel="icon" href="data:,"><style>@media (prefers-color-scheme: dark) {body {background: #111}}'
        f"</style></head><body><main>{body}</main></body></html>"
    )


@pytest.fixture(scope="module")
def site():
    out = temp_dir("mgk-learning-")
    shutil.copy(plotly_js_path(), out / "plotly.min.js")
    choice = mg_k_steady_state().predict_first(
        PROMPT, options=tuple(zip(OPTIONS, FEEDBACK, strict=True)), answer=1, explain=EXPLAIN
    )
    number = mg_k_steady_state().predict_first(
        "Serum K at serum Mg 0.40 mmol/L?", unit="mmol/L", explain=EXPLAIN
    )
    (out / "predict.html").write_text(_page("Predict", choice.static_html() + number.static_html()), "utf-8")
    (out / "quiz.html").write_text(_page("Quiz", quiz([CHOICE, NUMERIC]).static_html()), "utf-8")
    (out / "pre.html").write_text(_page("Before", inventory_fragment("pre")), "utf-8")
    (out / "post.html").write_text(_page("After", inventory_fragment("post")), "utf-8")
    with StaticServer(out) as server:
        yield server


def _check_axe(page, selector: str) -> None:
    assert AXE.exists(), AXE_HINT
    violations = axe_violations(page, selector)
    assert violations == [], "axe-core:\n" + describe(violations)


def test_predict_first_then_observe(site, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    try:
        page.goto(site.url("predict.html"))
        page.wait_for_selector("[data-mgk-explorer] .mgk-explorer .mgk-predict")
        ex = page.locator("[data-mgk-explorer] .mgk-explorer").first
        figure, readout = ex.locator(".mgk-figure"), ex.locator(".mgk-readout")
        lock = ex.locator(".mgk-lock")
        # before: nothing to see, nothing to move; the text alternative asks for a prediction
        assert figure.evaluate("e => e.hidden") and readout.evaluate("e => e.hidden")
        assert ex.locator(".mgk-live").evaluate("e => e.hidden")
        assert figure.get_attribute("aria-label") == "Make your prediction first"
        assert ex.locator(".mgk-locked-note").is_visible()
        assert ex.locator(".mgk-controls input, .mgk-controls button").evaluate_all(
            "es => es.every(e => e.disabled)"
        )
        assert lock.is_disabled() and ex.locator(".mgk-plot .main-svg").count() == 0
        assert ex.locator(".mgk-predict-prompt").first.inner_text() == PROMPT
        _check_axe(page, ".mgk-explorer")
        ex.screenshot(path=str(page.watch.artifact("learning-predict-before.png")))
        # keyboard only: focus the first option, arrow to the second, Tab to Lock, press Space
        ex.locator(".mgk-predict input[type=radio]").first.focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        assert ex.locator(".mgk-predict input[type=radio]").nth(1).is_checked() and lock.is_enabled()
        page.keyboard.press("Tab")
        assert lock.evaluate("e => e === document.activeElement")
        page.keyboard.press("Space")
        # after: the explorer is shown, the prediction and the explain prompt stay
        page.wait_for_selector(
            "[data-mgk-explorer] .mgk-explorer >> nth=0 >> .mgk-plot .main-svg", timeout=20_000
        )
        assert figure.is_visible() and readout.is_visible() and not figure.evaluate("e => e.hidden")
        assert ex.locator(".mgk-predicted").inner_text() == "Your prediction: It falls a little"
        assert ex.locator(".mgk-explain").inner_text() == "Explain: " + EXPLAIN
        assert ex.locator(".mgk-lock").count() == 0 and ex.locator(".mgk-predict input").count() == 0
        assert not ex.locator(".mgk-locked-note").is_visible()
        assert figure.get_attribute("aria-label") != "Make your prediction first"
        assert ex.locator(".mgk-predicted").evaluate("e => e === document.activeElement")
        # look and explain first; then "Show the model's answer" (the next stop of Tab) compares
        assert ex.locator(".mgk-model-answer").count() == 0
        page.keyboard.press("Tab")
        reveal = ex.locator(".mgk-reveal")
        assert reveal.inner_text() == "Show the model's answer"
        assert reveal.evaluate("e => e === document.activeElement")
        page.keyboard.press("Enter")
        shown = ex.locator(".mgk-model-answer")
        want = mg_k_steady_state().predict_first(
            PROMPT, options=tuple(zip(OPTIONS, FEEDBACK, strict=True)), answer=1
        )
        assert shown.inner_text() == want.lock_prediction(1).answer_text  # the page writes what Python does
        assert shown.inner_text() == f"The model's answer: B. {OPTIONS[1]} — {FEEDBACK[1]}"
        assert shown.evaluate("e => e === document.activeElement") and ex.locator(".mgk-reveal").count() == 0
        # the controls answer the keyboard now; Reset does not unlock
        before = readout.inner_text()
        ex.locator("input[type=range]").first.focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("([e, t]) => e.textContent !== t", arg=[readout.element_handle(), before])
        ex.locator(".mgk-reset").click()
        assert readout.inner_text() == before and ex.locator(".mgk-predicted").is_visible()
        assert figure.is_visible()
        _check_axe(page, ".mgk-explorer")
        ex.screenshot(path=str(page.watch.artifact("learning-predict-after.png")))
        # a number prediction: typed, locked with Enter
        ex2 = page.locator("[data-mgk-explorer] .mgk-explorer").nth(1)
        box = ex2.locator(".mgk-predict input[type=number]")
        assert ex2.locator(".mgk-predict label").inner_text() == "Your prediction (mmol/L)"
        box.focus()
        page.keyboard.type("3.9")
        page.keyboard.press("Enter")
        ex2.locator(".mgk-plot .main-svg").first.wait_for(timeout=20_000)
        assert ex2.locator(".mgk-predicted").inner_text() == "Your prediction: 3.9 mmol/L"
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "learning-predict")


def test_quiz_feedback_per_option_and_hint_before_answer(site, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    try:
        page.goto(site.url("quiz.html"))
        q = page.locator("[data-mgk-quiz] .mgk-quiz")
        q.wait_for()
        choice, numeric = q.locator(".mgk-question").nth(0), q.locator(".mgk-question").nth(1)
        # the picked option's own feedback
        choice.locator("input[type=radio]").nth(2).focus()
        page.keyboard.press("Space")
        choice.locator(".mgk-check").press("Enter")
        assert choice.locator(".mgk-feedback").inner_text() == "Not quite. Bone stores Mg, not K."
        choice.locator("input[type=radio]").nth(1).check()
        choice.locator(".mgk-check").click()
        assert choice.locator(".mgk-feedback").inner_text() == (
            "Correct. Yes, inside cells, mostly muscle. About 98 % is inside cells."
        )
        # numeric: no "Show the answer" before an attempt; the hint first, not the answer
        show = numeric.locator(".mgk-show")
        assert not show.is_visible()
        numeric.locator("input[type=number]").fill("2")
        numeric.locator("input[type=number]").press("Enter")
        first = numeric.locator(".mgk-feedback").inner_text()
        assert first == "Not quite. Each Mg ion carries two charges." and "1 mEq/L" not in first
        assert show.is_visible()
        q.screenshot(path=str(page.watch.artifact("learning-quiz-hint.png")))
        _check_axe(page, ".mgk-quiz")
        # a second wrong attempt shows the answer, its tolerance and why, and the explanation
        numeric.locator("input[type=number]").fill("3")
        numeric.locator(".mgk-check").click()
        assert numeric.locator(".mgk-feedback").inner_text() == (
            "Not quite. The answer is 1 mEq/L (±0.05 mEq/L: rounding to two decimals). "
            "Mg carries two charges."
        )
        assert not show.is_visible()
        q.screenshot(path=str(page.watch.artifact("learning-quiz-answer.png")))
        exercise_quiz(page, q)  # the series' own check still holds: exactly one option is Correct
        # "Show the answer" after one attempt, from the keyboard
        page.reload()
        numeric = page.locator("[data-mgk-quiz] .mgk-quiz .mgk-question").nth(1)
        numeric.locator("input[type=number]").fill("7")
        numeric.locator(".mgk-check").click()
        numeric.locator(".mgk-show").focus()
        page.keyboard.press("Enter")
        assert numeric.locator(".mgk-feedback").inner_text().startswith("The answer is 1 mEq/L")
        assert numeric.locator("input[type=number]").evaluate("e => e === document.activeElement")
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "learning-quiz")


def test_inventory_pre_stores_and_shows_nothing_post_shows_scores(site, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    try:
        page.goto(site.url("pre.html"))
        inv = page.locator("[data-mgk-inventory] .mgk-inventory")
        inv.wait_for()
        assert inv.locator(".mgk-question").count() == 10
        assert page.locator(".mgk-quiz-fallback").count() == 0
        submit = inv.locator(".mgk-submit")
        submit.click()
        assert inv.locator(".mgk-status").inner_text() == "Answer at least one question first."
        for i in range(10):  # option A everywhere: right only where A is the answer (item 3 and item 8)
            inv.locator(".mgk-question").nth(i).locator("input[type=radio]").first.check()
        submit.focus()
        page.keyboard.press("Enter")
        status = inv.locator(".mgk-status")
        page.wait_for_function("e => e.textContent.length > 0", arg=status.element_handle())
        assert status.inner_text() == "Saved. You will see how you did at the end of notebook 07."
        assert inv.locator(".mgk-feedback").evaluate_all("es => es.every(e => e.textContent === '')")
        text = inv.inner_text()
        for word in ("Correct", "Not quite", "score", "The answer is"):
            assert word not in text, word
        stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")
        assert stored["pre"]["answers"] == [0] * 10 and stored["pre"]["items"] == 10
        _check_axe(page, ".mgk-inventory")
        inv.screenshot(path=str(page.watch.artifact("learning-inventory-pre.png")))

        page.goto(site.url("post.html"))
        inv = page.locator("[data-mgk-inventory] .mgk-inventory")
        inv.wait_for()
        answers = page.evaluate(
            "() => JSON.parse(document.querySelector('script.mgk-quiz-spec').textContent)"
            ".questions.map(q => q.answer)"
        )
        for i, a in enumerate(answers):
            pick = a if i < 6 else (a + 1) % 4  # six right now
            inv.locator(".mgk-question").nth(i).locator("input[type=radio]").nth(pick).check()
        inv.locator(".mgk-submit").click()
        status = inv.locator(".mgk-status")
        page.wait_for_function("e => e.textContent.length > 0", arg=status.element_handle())
        before = sum(a == 0 for a in answers)
        assert status.inner_text() == (
            f"Your score now: 6 of 10. At the start of notebook 00: {before} of 10. "
            "Each question now shows its answer and why."
        )
        feedback = inv.locator(".mgk-feedback")
        assert feedback.nth(0).inner_text().startswith("Correct.")
        assert (
            feedback.nth(9).inner_text().startswith("Not quite.")
            and "The answer is" in feedback.nth(9).inner_text()
        )
        assert feedback.nth(9).get_attribute("data-verdict") == "wrong"
        _check_axe(page, ".mgk-inventory")
        inv.screenshot(path=str(page.watch.artifact("learning-inventory-post.png")))
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "learning-inventory")


def test_inventory_without_storage_says_so(site, page):
    # a private window: storage throws; the page says the answers cannot be kept and marks nothing
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    try:
        page.goto(site.url("post.html"))
        inv = page.locator("[data-mgk-inventory] .mgk-inventory")
        inv.wait_for()
        inv.locator(".mgk-question").first.locator("input[type=radio]").first.check()
        inv.locator(".mgk-submit").click()
        assert "No answers from the start of notebook 00 are saved" in inv.locator(".mgk-status").inner_text()
        page.goto(site.url("pre.html"))
        inv = page.locator("[data-mgk-inventory] .mgk-inventory")
        inv.wait_for()
        inv.locator(".mgk-question").first.locator("input[type=radio]").first.check()
        inv.locator(".mgk-submit").click()
        assert inv.locator(".mgk-status").inner_text().startswith("This browser does not let the page save")
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "learning-inventory-nostorage")


def test_dark_theme(site, page):
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 1024, "height": 768})
    try:
        page.goto(site.url("predict.html"))
        ex = page.locator("[data-mgk-explorer] .mgk-explorer").first
        ex.locator(".mgk-predict").wait_for()
        ink = ex.locator(".mgk-predict-prompt").first.evaluate("e => getComputedStyle(e).color")
        assert ink == "rgb(232, 232, 232)", ink
        _check_axe(page, ".mgk-explorer")
        ex.screenshot(path=str(page.watch.artifact("learning-predict-dark.png")))
        page.goto(site.url("quiz.html"))
        q = page.locator("[data-mgk-quiz] .mgk-quiz")
        q.wait_for()
        q.locator(".mgk-question").nth(1).locator("input[type=number]").fill("2")
        q.locator(".mgk-question").nth(1).locator(".mgk-check").click()
        _check_axe(page, ".mgk-quiz")
        q.screenshot(path=str(page.watch.artifact("learning-quiz-dark.png")))
        page.goto(site.url("pre.html"))
        inv = page.locator("[data-mgk-inventory] .mgk-inventory")
        inv.wait_for()
        assert inv.evaluate("e => getComputedStyle(e).color") == "rgb(232, 232, 232)"
        _check_axe(page, ".mgk-inventory")
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "learning-dark")
