"""Every notebook in Notebook 7 (the classic-style client many students use): Run All, then every explorer and
quiz by keyboard and pointer — the same generic checks as in JupyterLab (arrow keys never leave a widget)."""

import pytest
from jlab import REPO, JupyterServer, exercise_explorer, exercise_quiz, open_in_notebook7, run_all
from static_site import axe_violations, describe

pytestmark = pytest.mark.browser

#: Notebook 7.6.5's keyboard-shortcuts plugin throws this once at start-up, on every page (also on /tree,
#: with no notebook open): not ours, and not a failure of the notebooks under test.
UPSTREAM_STARTUP_ERROR = "Cannot read properties of undefined (reading 'schema')"


def drop_upstream_startup_error(watch) -> None:
    watch.console_errors = [e for e in watch.console_errors if UPSTREAM_STARTUP_ERROR not in e]


@pytest.fixture(scope="module")
def notebook7_server(chromium):
    server = JupyterServer(app="notebook").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize(
    "notebook", sorted(REPO.glob("notebooks/*.ipynb")), ids=lambda p: str(p.relative_to(REPO))
)
def test_notebook_in_notebook7(notebook7_server, page, notebook):
    rel = notebook.relative_to(REPO).as_posix()
    name = "nb7__" + rel.replace("/", "__").removesuffix(".ipynb")
    page.set_viewport_size({"width": 1024, "height": 768})
    try:
        open_in_notebook7(page, notebook7_server, rel)
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
        violations = axe_violations(page, ".mgk-explorer, .mgk-quiz")
        assert violations == [], "axe-core:\n" + describe(violations)
        drop_upstream_startup_error(page.watch)
        page.watch.assert_clean()
    finally:
        page.watch.save(page, name)
        notebook7_server.delete_sessions()
