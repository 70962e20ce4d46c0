"""The course website (``make site``), built from the committed notebooks and served by a plain static server.

No Jupyter: every explorer page boots its explorers from the saved outputs and each one answers the keyboard
(every slider, unit and drop-down, Reset); every self-check marks answers; search finds "ROMK"; axe-core finds
no WCAG 2.1 A/AA violation on the pages' explorers, self-checks, notices and navigation; no console error and
no request off 127.0.0.1. On a phone (360 CSS px, touch) no page scrolls sideways and an explorer answers a
finger. The site's light/dark switch reaches the explorers, and a page prints with its figures.
"""

from __future__ import annotations

import sys

import pytest
from jlab import (
    CHROMIUM_ARGS,
    DRAWN_JS,
    PENDING,
    REPO,
    PageWatch,
    exercise_explorer,
    exercise_quiz,
    unlock_all,
    wait_js,
)
from static_site import AXE, AXE_HINT, CLIPPED_JS, StaticServer, axe_violations, describe, temp_dir

sys.path.insert(0, str(REPO / "tools"))
import build_site  # noqa: E402

pytestmark = pytest.mark.browser

NOTEBOOK_PAGES = [nb.stem + ".html" for nb in sorted((REPO / "student").glob("[0-9][0-9]_*.ipynb"))]
OTHER_PAGES = ["index.html", "model_card.html", "references.html", "search.html", "genindex.html"]
#: every explorer booted (drawn, or asking for its prediction first: no figure until it is locked) and every
#: self-check booted
LIVE_JS = f"""() => {{
  const n = document.querySelectorAll('[data-mgk-explorer]').length;
  return [...document.querySelectorAll('[data-mgk-explorer] .mgk-explorer')]
      .filter(e => e.querySelector('.main-svg') || e.querySelector('{PENDING}')).length >= n
    && document.querySelectorAll('[data-mgk-quiz] .mgk-quiz').length
       === document.querySelectorAll('[data-mgk-quiz]').length;
}}"""
#: What a reader sees sideways: the layout viewport stays the screen's width and no content sticks out of it
#: (content inside its own scrolling box, e.g. a code cell or a wide table, scrolls there instead).
SIDEWAYS_JS = """() => {
  const W = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('.bd-article *, .mgk-site-disclaimer, .mgk-site-red-flags')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= W + 1) continue;
    let p = el.parentElement, inner = false;
    while (p && p !== document.body) {
      const scrolls = ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX);
      if (scrolls) { inner = true; break; }
      p = p.parentElement;
    }
    if (!inner) out.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 60));
  }
  return {innerWidth: window.innerWidth, outside: out.slice(0, 5)};
}"""


#: The colour an explorer is drawn on: the first painted background behind it.
BEHIND_JS = """() => {
  for (let e = document.querySelector('[data-mgk-explorer] .mgk-explorer'); e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
  }
  return null;
}"""


#: Figure text (titles, ticks, legend) drawn partly outside its figure: cut off.
CUT_TEXT_JS = """() => {
  const out = [];
  for (const fig of document.querySelectorAll('[data-mgk-explorer] .mgk-figure')) {
    const box = fig.getBoundingClientRect();
    const texts = fig.querySelectorAll(
      '.infolayer text, .annotation-text, .xtick text, .ytick text, .legendtext');
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) out.push(t.textContent);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def site():
    html = build_site.build(temp_dir("mgk-site-"))
    with StaticServer(html) as server:
        yield server


@pytest.fixture(scope="module")
def phone_browser(pw, chromium):
    browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def phone(phone_browser):
    """A tab on a 360 × 740 CSS px touch screen (a small phone)."""
    context = phone_browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.watch = PageWatch().attach(page)
    try:
        yield page
    finally:
        context.close()


def _open(page, site, name: str, unlock: bool = False) -> None:
    """Open a page and wait for its explorers and self-checks; ``unlock``: lock every prediction (keyboard)
    and wait for every figure."""
    page.goto(site.url(name))
    page.wait_for_function(LIVE_JS, timeout=30_000)
    if unlock:
        unlock_all(page, "[data-mgk-explorer] .mgk-explorer")
        n = page.locator("[data-mgk-explorer]").count()
        page.wait_for_function(DRAWN_JS, arg=n, timeout=30_000)


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_every_explorer_and_self_check_on_the_site(site, page, name):
    assert AXE.exists(), AXE_HINT
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        _open(page, site, name)
        assert page.locator("[data-mgk-explorer] .mgk-fallback").count() == 0, "a fallback was left in place"
        explorers = page.locator("[data-mgk-explorer] .mgk-explorer")
        assert explorers.count() == page.locator("[data-mgk-explorer]").count()
        for i in range(explorers.count()):
            ex = explorers.nth(i)
            ex.scroll_into_view_if_needed()
            assert ex.evaluate(CLIPPED_JS) == [], "labels cut off in the site's article column"
            exercise_explorer(page, ex)
            ex.screenshot(path=str(page.watch.artifact(f"site-{name[:-5]}-explorer{i}.png")))
        quizzes = page.locator("[data-mgk-quiz] .mgk-quiz")
        for i in range(quizzes.count()):
            quizzes.nth(i).scroll_into_view_if_needed()
            exercise_quiz(page, quizzes.nth(i))
        # the front end came once, from the site's _static folder, not inlined in every output
        scripts = page.evaluate(
            "() => [...document.scripts].map(s => s.src).filter(s => s.includes('/mgk/'))"
        )
        assert sorted(s.rsplit("/", 1)[1] for s in scripts) == sorted(
            {"explorer.js"} | ({"quiz.js"} if quizzes.count() else set())
        )
        violations = axe_violations(page, "body")
        assert violations == [], "axe-core:\n" + describe(violations)
        page.watch.assert_clean()
    finally:
        page.watch.save(page, f"site-{name[:-5]}")


@pytest.mark.parametrize("name", OTHER_PAGES)
def test_other_pages_are_clean_and_accessible(site, page, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        page.goto(site.url(name))
        page.wait_for_load_state("load")
        text = page.inner_text("body")
        assert "A teaching model, not medical advice." in text
        assert "Seek emergency care now" in text
        violations = axe_violations(page, "body")
        assert violations == [], "axe-core:\n" + describe(violations)
        page.watch.assert_clean()
    finally:
        page.watch.save(page, f"site-{name[:-5]}")


def test_search_finds_romk(site, page):
    try:
        page.goto(site.url("search.html?q=ROMK"))
        page.wait_for_selector("#search-results ul.search li", timeout=20_000)
        hits = page.evaluate(
            "() => [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.href)"
        )
        assert any(h.split("/")[-1].startswith("01_electrolytes_and_the_kidney.html") for h in hits), hits
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "site-search")


@pytest.mark.parametrize("name", ["index.html", *NOTEBOOK_PAGES])
def test_a_phone_never_scrolls_sideways(site, phone, name):
    try:
        _open(phone, site, name)
        seen = phone.evaluate(SIDEWAYS_JS)  # the predict panels, before any figure is shown
        assert seen == {"innerWidth": 360, "outside": []}, seen
        unlock_all(phone, "[data-mgk-explorer] .mgk-explorer")
        phone.wait_for_function(DRAWN_JS, arg=phone.locator("[data-mgk-explorer]").count(), timeout=30_000)
        seen = phone.evaluate(SIDEWAYS_JS)  # the figures and the locked predictions
        assert seen == {"innerWidth": 360, "outside": []}, seen
        assert phone.evaluate(CUT_TEXT_JS) == [], "figure text cut off at 360 px"
        phone.watch.assert_clean()
    finally:
        phone.watch.save(phone, f"site-360-{name[:-5]}")


def test_an_explorer_answers_a_finger(site, phone):
    """Touch only (no mouse, no keys): a tap on a slider's track moves it; a tap on a unit changes it."""
    try:
        _open(phone, site, "01_electrolytes_and_the_kidney.html")
        ex = phone.locator("[data-mgk-explorer] .mgk-explorer").first
        if ex.locator(PENDING).count():  # predict first, by finger: tap an option, then Lock
            for target in (ex.locator(".mgk-predict label.mgk-option").first, ex.locator(".mgk-lock")):
                target.scroll_into_view_if_needed()
                b = target.bounding_box()
                phone.touchscreen.tap(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
            ex.locator(".mgk-plot .main-svg").first.wait_for(timeout=20_000)
            assert ex.locator(".mgk-predicted").inner_text().startswith("Your prediction: ")
        readout = ex.locator(".mgk-readout").first
        slider = ex.locator("input[type=range]").first
        slider.scroll_into_view_if_needed()
        before, value0 = readout.inner_text(), slider.input_value()
        box = slider.bounding_box()
        phone.touchscreen.tap(box["x"] + 0.1 * box["width"], box["y"] + box["height"] / 2)
        wait_js(
            phone,
            "([s, v]) => s.value !== v",
            [slider.element_handle(), value0],
            "a tap did not move the slider",
        )
        wait_js(
            phone, "([r, t]) => r.innerText !== t", [readout.element_handle(), before], "the readout stayed"
        )
        assert int(slider.input_value()) < int(value0), "a tap near the left end should lower the value"
        unit = ex.locator("fieldset.mgk-units label").nth(1)
        unit.scroll_into_view_if_needed()
        b = unit.bounding_box()
        phone.touchscreen.tap(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        wait_js(
            phone,
            "([s]) => /mg\\/dL/.test(s.getAttribute('aria-valuetext'))",
            [slider.element_handle()],
            "a tap on 'mg/dL' did not change the slider's unit",
        )
        ex.screenshot(path=str(phone.watch.artifact("site-360-touch-explorer.png")))
        phone.watch.assert_clean()
    finally:
        phone.watch.save(phone, "site-360-touch")


def test_the_site_theme_switch_reaches_the_explorers(site, page):
    """The reader's dark preference, then the site's switch back to light: explorer text and figure follow."""
    page.emulate_media(color_scheme="dark")
    ink = "() => getComputedStyle(document.querySelector('[data-mgk-explorer] .mgk-explorer')).color"
    tick = "() => getComputedStyle(document.querySelector('[data-mgk-explorer] .ytick text')).fill"
    try:
        _open(page, site, "01_electrolytes_and_the_kidney.html", unlock=True)
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert page.evaluate(ink) == "rgb(232, 232, 232)"
        assert page.evaluate(tick).startswith("rgb(232, 232, 232)")
        assert page.evaluate(BEHIND_JS) == "rgb(18, 18, 18)", "the explorer sits on a light panel"
        violations = axe_violations(page, "[data-mgk-explorer] .mgk-explorer, [data-mgk-quiz] .mgk-quiz")
        assert violations == [], "axe-core (dark):\n" + describe(violations)
        page.locator("[data-mgk-explorer] .mgk-explorer").first.screenshot(
            path=str(page.watch.artifact("site-dark-explorer.png"))
        )
        # the site's own switch (light → dark → auto): set it to light although the screen prefers dark
        page.evaluate(
            "() => { localStorage.setItem('theme', 'light');"
            " document.documentElement.dataset.theme = 'light'; }"
        )
        wait_js(
            page,
            "([]) => !getComputedStyle(document.querySelector('[data-mgk-explorer] .ytick text'))"
            ".fill.startsWith('rgb(232, 232, 232)')",
            [],
            "the figure stayed dark",
        )
        assert page.evaluate(ink) != "rgb(232, 232, 232)"
        violations = axe_violations(page, "[data-mgk-explorer] .mgk-explorer, [data-mgk-quiz] .mgk-quiz")
        assert violations == [], "axe-core (light page, dark screen):\n" + describe(violations)
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "site-dark")


def test_a_page_prints_with_its_figures(site, page):
    """Print layout (A4 portrait, 96 dpi): no navigation, the notices kept, figures as wide as the paper."""
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        _open(page, site, "05_causes_and_symptoms.html", unlock=True)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 718, "height": 1000})  # A4 minus 1 cm margins at 96 dpi
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_timeout(500)
        shown = page.evaluate("""() => ({
          nav: [...document.querySelectorAll('.bd-sidebar-primary, .bd-header, .bd-sidebar-secondary')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0).length,
          disclaimer: !!document.querySelector('.mgk-site-red-flags') &&
            document.querySelector('.mgk-site-red-flags').getBoundingClientRect().height > 0,
          figures: [...document.querySelectorAll('[data-mgk-explorer] .mgk-figure .main-svg')]
            .map(s => ({w: s.getBoundingClientRect().width, right: s.getBoundingClientRect().right})),
          width: document.documentElement.clientWidth,
        })""")
        assert shown["nav"] == 0, "navigation would print"
        assert shown["disclaimer"], "the red flags would not print"
        assert shown["figures"] and all(
            f["w"] > 200 and f["right"] <= shown["width"] + 1 for f in shown["figures"]
        ), shown
        page.screenshot(path=str(page.watch.artifact("site-print-05.png")), full_page=True)
        page.watch.assert_clean()
    finally:
        page.emulate_media(media="screen")
        page.watch.save(page, "site-print")
