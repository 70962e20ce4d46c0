"""The harness itself, on a scratch notebook: a working explorer passes, a broken one is caught."""

import pytest
from jlab import exercise_explorer, exercise_quiz, open_notebook, run_all

pytestmark = pytest.mark.browser

SCRATCH = "tests/browser/fixtures/scratch_explorer.ipynb"


def test_harness_passes_good_and_catches_broken(lab_server, page):
    open_notebook(page, lab_server, SCRATCH, "harness")
    result = run_all(page)
    try:
        assert result["errors"] == []
        assert result["figures"] == 2
        explorers = page.locator(".mgk-explorer")
        good, broken = explorers.nth(0), explorers.nth(1)
        assert "Scratch explorer" in good.inner_text() and "Broken" in broken.inner_text()
        assert exercise_explorer(page, good) == {"sliders": 1, "units": 2, "drop-downs": 0, "predictions": 0}
        assert exercise_quiz(page, page.locator(".mgk-quiz")) == [
            "Not quite: think again.",
            "Correct: 3.",
            "Not quite: think again.",
        ]
        with pytest.raises(AssertionError, match="readout stayed"):
            exercise_explorer(page, broken)
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "harness-scratch")
        lab_server.delete_sessions()
