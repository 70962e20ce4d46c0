"""Explorers alive without a kernel: each notebook exported with nbconvert, served by a plain static server.

Every explorer in the saved outputs boots from its HTML fragment (plotly.js from the file next to the page),
answers the keyboard (arrow keys never leave it), has no label cut off and no figure text overlapping at
1024×768, reflows at 640 CSS px without horizontal scrolling and follows the reader's dark colour scheme;
every saved quiz marks answers; axe-core finds no WCAG 2.1 A/AA violation in either. No console error, no
request off 127.0.0.1.
"""

from __future__ import annotations

import pytest
from jlab import MOUNTED_JS, PENDING, REPO, exercise_explorer, exercise_quiz, lock_prediction, notebooks
from static_site import (
    AXE,
    AXE_HINT,
    CLIPPED_JS,
    OVERLAP_JS,
    StaticServer,
    axe_violations,
    describe,
    export_html,
    temp_dir,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site():
    out = temp_dir("mgk-static-")
    for nb in notebooks():
        export_html(nb, out)
    # a page that declares no theme of its own (as a course website may): the explorer follows the reader's
    # colour-scheme preference
    from mgk_helpers.widgets import mg_k_steady_state

    (out / "bare.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Steady state</title>'
        '<link rel="icon" href="data:,"><style>@media (prefers-color-scheme: dark) {body {background: #111}}'
        f"</style></head><body><main>{mg_k_steady_state().static_html()}</main></body></html>",
        encoding="utf-8",
    )
    with StaticServer(out) as server:
        yield server


@pytest.mark.parametrize("notebook", notebooks(), ids=lambda p: str(p.relative_to(REPO)))
def test_explorers_alive_in_a_static_page(site, page, notebook):
    assert AXE.exists(), AXE_HINT
    name = "static__" + notebook.relative_to(REPO).as_posix().replace("/", "__").removesuffix(".ipynb")
    page.set_viewport_size({"width": 1024, "height": 768})
    try:
        page.goto(site.url(notebook.stem + ".html"))
        fragments = page.locator("[data-mgk-explorer]")
        n = fragments.count()
        # every explorer boots: drawn, or asking for a prediction first (no figure until it is locked)
        page.wait_for_function(MOUNTED_JS, arg=n, timeout=20_000)
        assert page.locator("[data-mgk-explorer] .mgk-fallback").count() == 0, "a fallback was left in place"
        explorers = page.locator("[data-mgk-explorer] .mgk-explorer")
        assert explorers.count() == n
        for i in range(n):
            ex = explorers.nth(i)
            ex.scroll_into_view_if_needed()
            if ex.locator(PENDING).count():
                ex.screenshot(path=str(page.watch.artifact(f"{name}-explorer{i}-predict.png")))
                lock_prediction(page, ex)  # by keyboard; the figure and the readout appear
            assert ex.evaluate(CLIPPED_JS) == [], "labels cut off at 1024 px"
            assert ex.evaluate(OVERLAP_JS) == [], "figure text overlapping at 1024 px"
            ex.screenshot(path=str(page.watch.artifact(f"{name}-explorer{i}.png")))
            exercise_explorer(page, ex)
        quizzes = page.locator("[data-mgk-quiz] .mgk-quiz")
        assert quizzes.count() == page.locator("[data-mgk-quiz]").count(), "a saved quiz did not boot"
        for i in range(quizzes.count()):
            quizzes.nth(i).scroll_into_view_if_needed()
            exercise_quiz(page, quizzes.nth(i))
        violations = axe_violations(page, "[data-mgk-explorer] .mgk-explorer, [data-mgk-quiz] .mgk-quiz")
        assert violations == [], "axe-core:\n" + describe(violations)
        if n:
            # 200 % zoom on a 1280 px screen: 640 CSS px, no horizontal scrolling inside an explorer
            page.set_viewport_size({"width": 640, "height": 800})
            page.wait_for_timeout(300)
            wide = page.evaluate(
                "() => [...document.querySelectorAll('.mgk-explorer')]"
                ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.querySelector('h3').textContent)"
            )
            assert wide == [], f"explorers that scroll sideways at 640 px: {wide}"
            explorers.first.screenshot(path=str(page.watch.artifact(f"{name}-640px.png")))
        page.watch.assert_clean()
    finally:
        page.watch.save(page, name)


def test_explorer_follows_a_dark_colour_scheme(site, page):
    page.emulate_media(color_scheme="dark")
    try:
        page.goto(site.url("bare.html"))
        page.wait_for_selector("[data-mgk-explorer] .mgk-plot .main-svg", timeout=20_000)
        ink = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-mgk-explorer] .mgk-explorer')).color"
        )
        tick = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-mgk-explorer] .ytick text')).fill"
        )
        paper = page.evaluate(
            "() => document.querySelector('[data-mgk-explorer] .mgk-figure .main-svg').style.background"
        )
        assert ink == "rgb(232, 232, 232)", ink  # light text
        assert tick.startswith("rgb(232, 232, 232)"), tick  # the figure's text follows
        assert paper in ("rgba(0, 0, 0, 0)", "transparent"), paper  # no white panel
        page.locator("[data-mgk-explorer] .mgk-explorer").first.screenshot(
            path=str(page.watch.artifact("static-dark-explorer.png"))
        )
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "static-dark")
