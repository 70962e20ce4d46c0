"""Every notebook in a real JupyterLab: Run All, drive each explorer and quiz with the browser.

Generic over the DOM contract of mgk_helpers.widgets (classes mgk-explorer, mgk-readout, mgk-reset,
mgk-units, mgk-figure, mgk-quiz, mgk-question, mgk-options, mgk-check, mgk-feedback), so a new notebook
is covered without new test code.
"""

import pytest
from jlab import REPO, exercise_explorer, exercise_quiz, notebooks, open_notebook, run_all
from static_site import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("notebook", notebooks(), ids=lambda p: str(p.relative_to(REPO)))
def test_notebook_in_lab(lab_server, page, notebook):
    rel = notebook.relative_to(REPO).as_posix()
    name = rel.replace("/", "__").removesuffix(".ipynb")
    try:
        open_notebook(page, lab_server, rel, workspace=name)
        result = run_all(page)
        assert result["errors"] == [], f"Run All raised: {result['errors']}"
        explorers = page.locator(".mgk-explorer")
        locked = 0
        for i in range(explorers.count()):
            explorer = explorers.nth(i)
            explorer.scroll_into_view_if_needed()
            locked += exercise_explorer(page, explorer)["predictions"]  # predict first, by keyboard
            explorer.screenshot(path=str(page.watch.artifact(f"{name}-explorer{i}.png")))
        # every explorer cell of the notebooks asks for a prediction first (issue 17)
        asked = notebook.read_text(encoding="utf-8").count(".predict_first(")
        assert locked == asked, f"{locked} predictions locked, {asked} asked"
        quizzes = page.locator(".mgk-quiz")
        for i in range(quizzes.count()):
            quizzes.nth(i).scroll_into_view_if_needed()
            exercise_quiz(page, quizzes.nth(i))
        violations = axe_violations(page, ".mgk-explorer, .mgk-quiz")
        assert violations == [], "axe-core:\n" + describe(violations)
        page.watch.assert_clean()
    finally:
        page.watch.save(page, name)
        lab_server.delete_sessions()


# Scroll to every cell in turn; collect the alt text of every explorer picture that is drawn (loaded, wide).
_JS_PICTURES_SEEN = """async () => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  const seen = new Set();
  for (let i = 0; i < nb.widgets.length; i++) {
    await nb.scrollToItem(i, 'start');
    await new Promise(r => setTimeout(r, 50));
    for (const img of document.querySelectorAll('.jp-OutputArea-output img.mgk-fallback-figure')) {
      if (!img.complete) await new Promise(r => { img.onload = r; img.onerror = r; });
      if (img.naturalWidth > 300) seen.add(img.alt);
    }
  }
  return [...seen];
}"""


@pytest.mark.parametrize("notebook", notebooks()[:8], ids=lambda p: str(p.relative_to(REPO)))
def test_saved_notebook_shows_every_explorer_figure_before_it_runs(lab_server, page, notebook):
    """Opened from disk (not trusted, nothing run): each explorer's saved output shows its default figure."""
    rel = notebook.relative_to(REPO).as_posix()
    name = "unrun__" + rel.replace("/", "__").removesuffix(".ipynb")
    expected = notebook.read_text(encoding="utf-8").count('data-mgk-explorer=\\"1\\"')
    try:
        open_notebook(page, lab_server, rel, workspace=name)
        # JupyterLab renders only the cells near the viewport: visit every cell, note each picture drawn
        seen = page.evaluate(_JS_PICTURES_SEEN)
        assert len(seen) == expected, f"{len(seen)} of {expected} explorer pictures drawn: {seen}"
        assert all(len(alt) > 60 for alt in seen), "a picture's alt text is too short to describe it"
        page.watch.assert_clean()
    finally:
        page.watch.save(page, name)
        lab_server.delete_sessions()


def test_explorer_follows_jupyterlab_dark_theme(lab_server, page):
    """JupyterLab's dark theme: the explorer's text and its figure turn light, with no white panel."""
    rel = "notebooks/01_electrolytes_and_the_kidney.ipynb"
    try:
        open_notebook(page, lab_server, rel, workspace="dark-theme")
        run_all(page, unlock=True)  # the explorers ask for a prediction first: lock it to see the figure
        page.evaluate(
            "() => window.jupyterapp.commands.execute('apputils:change-theme', {theme: 'JupyterLab Dark'})"
        )
        page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'", timeout=30_000)
        explorer = page.locator(".mgk-explorer").first
        explorer.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => { const t = document.querySelector('.mgk-explorer .ytick text');"
            " if (!t) return false;"
            " const [r, g, b] = getComputedStyle(t).fill.replace(/[^0-9,]/g, '').split(',').map(Number);"
            " return r + g + b > 450; }",
            timeout=15_000,
        )
        paper = page.evaluate("() => document.querySelector('.mgk-explorer .main-svg').style.background")
        assert paper in ("rgba(0, 0, 0, 0)", "transparent"), paper
        explorer.screenshot(path=str(page.watch.artifact("lab-dark-explorer.png")))
        page.watch.assert_clean()
    finally:
        page.evaluate(
            "() => window.jupyterapp.commands.execute('apputils:change-theme', {theme: 'JupyterLab Light'})"
        )
        page.watch.save(page, "lab-dark")
        lab_server.delete_sessions()
