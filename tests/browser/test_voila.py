"""The start notebook as an app in Voilà (the voila server extension of the test server)."""

import pytest
from jlab import REPO, TEXT_IS_NOT, wait_js

pytestmark = pytest.mark.browser

START = "notebooks/00_start_here.ipynb"


@pytest.mark.skipif(not (REPO / START).exists(), reason=f"{START} not written yet")
def test_start_notebook_in_voila(lab_server, page):
    try:
        # Voilà streams the page while it executes the notebook: wait for the first explorer, not "load".
        page.goto(lab_server.url(f"voila/render/{START}"), wait_until="commit")
        handle = page.locator(".mgk-explorer .widget-slider .noUi-handle").first
        try:
            handle.wait_for(timeout=90_000)
        except Exception as exc:  # playwright's TimeoutError: show the server's last traceback
            log = lab_server.log()
            tail = log[log.rfind("Traceback") :][-2500:] if "Traceback" in log else log[-2500:]
            raise AssertionError(f"Voilà did not show an explorer slider; server log:\n{tail}") from exc
        readout = page.locator(".mgk-explorer .mgk-readout").first.element_handle()
        before = readout.inner_text()
        up = float(handle.get_attribute("aria-valuetext")) < float(handle.get_attribute("aria-valuemax"))
        handle.focus()
        page.keyboard.press("ArrowRight" if up else "ArrowLeft")
        page.keyboard.press("End" if up else "Home")
        wait_js(page, TEXT_IS_NOT, [readout, before], f"Voilà: slider moved, readout stayed {before!r}")
        page.watch.assert_clean()
    finally:
        page.watch.save(page, "voila__00_start_here")
        page.close()  # Voilà shuts its kernel down when the page goes away; the REST call makes sure
        lab_server.delete_sessions()
