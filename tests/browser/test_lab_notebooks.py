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
