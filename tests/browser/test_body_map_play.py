"""The body map's Play/Pause in a plain static page (no kernel): Play steps the day slider by itself, Pause, a
key on the slider and Reset stop it, Play at the end starts again from day 0, the live region says nothing
while it plays, and where the reader prefers reduced motion the button steps one day per press. axe-core
finds no WCAG 2.1 A/AA violation; no console error, no request off 127.0.0.1.
"""

from __future__ import annotations

import shutil

import pytest
from jlab import exercise_explorer
from static_site import (
    AXE,
    AXE_HINT,
    CLIPPED_JS,
    OVERLAP_JS,
    StaticServer,
    axe_violations,
    describe,
    temp_dir,
)

from mgk_helpers import widgets
from mgk_helpers.plotly_view.server import plotly_js_path

pytestmark = pytest.mark.browser

LAST_DAY = 56


@pytest.fixture(scope="module")
def site():
    out = temp_dir("mgk-body-map-")
    shutil.copy(plotly_js_path(), out / "plotly.min.js")
    for name, ex in (
        ("playback", widgets.body_map(scenario="refractory_repletion_K+Mg")),
        ("trial", widgets.body_map_trial(day=0)),
        ("steady", widgets.body_map()),
    ):
        (out / f"{name}.html").write_text(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Body map</title>'
            '<link rel="icon" href="data:,"><style>'
            "@media (prefers-color-scheme: dark) {body {background: #111}}"
            f"</style></head><body><main>{ex.static_html()}</main></body></html>",
            encoding="utf-8",
        )
    with StaticServer(out) as server:
        yield server


def open_page(page, site, name: str):
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(site.url(f"{name}.html"))
    page.wait_for_selector("[data-mgk-explorer] .mgk-explorer .main-svg", timeout=20_000)
    ex = page.locator(".mgk-explorer")
    # count what the live region says from now on
    ex.evaluate(
        """root => {
          window.__said = [];
          const live = root.querySelector('.mgk-live');
          new MutationObserver(() => window.__said.push(live.textContent)).observe(
            live, {childList: true, characterData: true, subtree: true});
        }"""
    )
    return ex


def day(ex) -> int:
    return ex.evaluate("root => root.mgk.getState().day")


def wait_day(page, ex, at_least: int) -> None:
    page.wait_for_function(
        "([root, n]) => root.mgk.getState().day >= n", arg=[ex.element_handle(), at_least], timeout=10_000
    )


def test_play_advances_the_day_and_pause_stops_it(site, page):
    assert AXE.exists(), AXE_HINT
    ex = open_page(page, site, "playback")
    button = ex.locator("button.mgk-play")
    slider = ex.locator("input[type=range][data-control=day]")
    assert button.inner_text() == "Play" and button.get_attribute("aria-pressed") == "false"
    assert button.get_attribute("aria-controls") == slider.get_attribute("id")
    assert day(ex) == 0
    button.click()
    assert button.inner_text() == "Pause" and button.get_attribute("aria-pressed") == "true"
    wait_day(page, ex, 3)
    assert ex.locator(".mgk-readout").inner_text().startswith("Day ")
    assert page.evaluate("window.__said") == [], "the live region spoke while playing"
    button.click()  # Pause
    assert button.inner_text() == "Play" and button.get_attribute("aria-pressed") == "false"
    stopped = day(ex)
    assert 3 <= stopped < LAST_DAY
    page.wait_for_timeout(1200)
    assert day(ex) == stopped, "the day moved after Pause"
    assert slider.input_value() == str(stopped)
    said = page.evaluate("window.__said")
    assert len(said) <= 1 and (not said or said[0].startswith(f"Day {stopped} of")), said
    ex.screenshot(path=str(page.watch.artifact("body_map-playback-paused.png")))

    # a key on the slider stops playing (and does its own step)
    button.click()
    wait_day(page, ex, stopped + 2)
    slider.focus()
    page.keyboard.press("ArrowLeft")
    assert button.get_attribute("aria-pressed") == "false"
    now = day(ex)
    page.wait_for_timeout(900)
    assert day(ex) == now

    # so does a pointer on the slider
    button.click()
    wait_day(page, ex, now + 1)
    slider.click()
    assert button.get_attribute("aria-pressed") == "false"
    now = day(ex)
    page.wait_for_timeout(900)
    assert day(ex) == now

    # Reset stops it and goes back to the start
    button.click()
    wait_day(page, ex, now + 1)
    ex.locator("button.mgk-reset").click()
    assert button.get_attribute("aria-pressed") == "false" and day(ex) == 0
    page.wait_for_timeout(900)
    assert day(ex) == 0

    # Play at the end starts again from day 0, and stops by itself at the end
    ex.evaluate(f"root => root.mgk.setState({{scenario: 0, day: {LAST_DAY}}}, true)")
    button.click()
    assert day(ex) < 3
    wait_day(page, ex, 2)
    ex.evaluate(f"root => root.mgk.setState({{scenario: 0, day: {LAST_DAY - 2}}}, false)")
    page.wait_for_function(
        "b => b.getAttribute('aria-pressed') === 'false'", arg=button.element_handle(), timeout=5_000
    )
    assert day(ex) == LAST_DAY and button.inner_text() == "Play"

    violations = axe_violations(page, "[data-mgk-explorer] .mgk-explorer")
    assert violations == [], "axe-core:\n" + describe(violations)
    page.watch.assert_clean()


def test_the_trial_plays_all_three_arms(site, page):
    ex = open_page(page, site, "trial")
    texts = "root => [...root.querySelectorAll('.mgk-figure .annotation-text')].map(t => t.textContent)"
    before = ex.evaluate(texts)
    ex.locator("button.mgk-play").click()
    wait_day(page, ex, 4)
    ex.locator("button.mgk-play").click()
    page.wait_for_timeout(300)  # the last frame drawn
    after = ex.evaluate(texts)
    assert len(after) == len(before)
    changed = [a for a, b in zip(after, before, strict=True) if a != b and a.startswith("since day 0")]
    assert len(changed) == 3, "the three arms' cells did not move together"
    ex.screenshot(path=str(page.watch.artifact("body_map-trial-playing.png")))
    page.watch.assert_clean()


def test_reduced_motion_steps_one_day_per_press(site, page):
    page.emulate_media(reduced_motion="reduce")
    ex = open_page(page, site, "playback")
    button = ex.locator("button.mgk-play")
    assert button.inner_text() == "Next" and button.get_attribute("aria-pressed") is None
    button.click()
    button.click()
    assert day(ex) == 2
    page.wait_for_timeout(1000)
    assert day(ex) == 2, "the day moved by itself under reduced motion"
    page.watch.assert_clean()


@pytest.mark.parametrize("name", ["steady", "playback", "trial"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_answers_the_keyboard_and_nothing_overlaps(site, page, name, scheme):
    page.emulate_media(color_scheme=scheme)
    ex = open_page(page, site, name)
    assert ex.evaluate(CLIPPED_JS) == [], "labels cut off at 1024 px"
    assert ex.evaluate(OVERLAP_JS) == [], "figure text overlapping at 1024 px"
    exercise_explorer(page, ex)
    violations = axe_violations(page, "[data-mgk-explorer] .mgk-explorer")
    assert violations == [], "axe-core:\n" + describe(violations)
    page.watch.assert_clean()
