"""Every notebook in a real JupyterLab: Run All, drive each explorer and quiz with the browser.

Generic over the DOM contract of mgk_helpers.widgets (classes mgk-explorer, mgk-readout, mgk-reset,
mgk-units, mgk-figure, mgk-quiz, mgk-question, mgk-options, mgk-check, mgk-feedback), so a new notebook
is covered without new test code.
"""

import pytest
from jlab import REPO, exercise_explorer, exercise_quiz, notebooks, open_notebook, run_all

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
        for i in range(explorers.count()):
            explorer = explorers.nth(i)
            explorer.scroll_into_view_if_needed()
            exercise_explorer(page, explorer)
            explorer.screenshot(path=str(page.watch.artifact(f"{name}-explorer{i}.png")))
        quizzes = page.locator(".mgk-quiz")
        for i in range(quizzes.count()):
            quizzes.nth(i).scroll_into_view_if_needed()
            exercise_quiz(page, quizzes.nth(i))
        page.watch.assert_clean()
    finally:
        page.watch.save(page, name)
        lab_server.delete_sessions()


@pytest.mark.parametrize("notebook", notebooks()[:8], ids=lambda p: str(p.relative_to(REPO)))
def test_saved_notebook_shows_every_explorer_figure_before_it_runs(lab_server, page, notebook):
    """Opened from disk (not trusted, nothing run): each explorer's saved output shows its default figure."""
    rel = notebook.relative_to(REPO).as_posix()
    name = "unrun__" + rel.replace("/", "__").removesuffix(".ipynb")
    expected = notebook.read_text(encoding="utf-8").count('data-mgk-explorer=\\"1\\"')
    try:
        open_notebook(page, lab_server, rel, workspace=name)
        pictures = page.locator(".jp-OutputArea-output .mgk-fallback img.mgk-fallback-figure")
        assert pictures.count() == expected
        for i in range(expected):
            picture = pictures.nth(i)
            picture.scroll_into_view_if_needed()
            page.wait_for_function(
                "img => img.complete && img.naturalWidth > 300", arg=picture.element_handle()
            )
            assert len(picture.get_attribute("alt")) > 60
            picture.screenshot(path=str(page.watch.artifact(f"{name}-figure{i}.png")))
        page.watch.assert_clean()
    finally:
        page.watch.save(page, name)
        lab_server.delete_sessions()
