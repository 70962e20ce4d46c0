"""The start notebook as an app in Voilà (the voila server extension of the test server)."""

import time

import pytest
from jlab import REPO, TEXT_IS_NOT, lock_prediction, wait_js

pytestmark = pytest.mark.browser

START = "notebooks/00_start_here.ipynb"


@pytest.mark.skipif(not (REPO / START).exists(), reason=f"{START} not written yet")
def test_start_notebook_in_voila(lab_server, page):
    kernels_before = {k["id"] for k in lab_server.get("api/kernels")}
    closing = False
    try:
        # Voilà streams the page while it executes the notebook: wait for the first explorer, not "load".
        page.goto(lab_server.url(f"voila/render/{START}"), wait_until="commit")
        handle = page.locator(".mgk-explorer input[type=range]").first
        try:
            handle.wait_for(timeout=90_000)
        except Exception as exc:  # playwright's TimeoutError: show the server's last traceback
            log = lab_server.log()
            tail = log[log.rfind("Traceback") :][-2500:] if "Traceback" in log else log[-2500:]
            raise AssertionError(f"Voilà did not show an explorer slider; server log:\n{tail}") from exc
        assert page.title() == "00 · Start here", "the page's title is the notebook's first heading"
        assert page.locator("[role=main] .mgk-explorer").count() >= 1, "the cells are not in a main landmark"
        # predict first: the slider answers once the prediction is locked (by keyboard)
        assert lock_prediction(page, page.locator(".mgk-explorer").first) is not None, "no prediction asked"
        readout = page.locator(".mgk-explorer .mgk-readout").first.element_handle()
        before = readout.inner_text()
        up = int(handle.input_value()) < int(handle.get_attribute("max"))
        handle.focus()
        page.keyboard.press("ArrowRight" if up else "ArrowLeft")
        page.keyboard.press("End" if up else "Home")
        wait_js(page, TEXT_IS_NOT, [readout, before], f"Voilà: slider moved, readout stayed {before!r}")
        page.watch.assert_clean()
        started = {k["id"] for k in lab_server.get("api/kernels")} - kernels_before
        assert started, "Voilà's kernel is not listed by the server"
        page.watch.save(page, "voila__00_start_here")
        closing = True
        page.close(run_before_unload=True)  # a student closes the tab
        # Voilà's shutdown request on unload, or else the culling of unconnected kernels (app/README.md)
        deadline = time.monotonic() + 30
        while started & {k["id"] for k in lab_server.get("api/kernels")} and time.monotonic() < deadline:
            time.sleep(0.2)
        left = started & {k["id"] for k in lab_server.get("api/kernels")}
        log = lab_server.log()
        assert not left, (
            f"closing the Voilà page left its kernel running: {left}; "
            + "\n".join(
                line for line in log.splitlines() if "shutdown" in line.lower() or "voila" in line.lower()
            )[-1500:]
        )
    finally:
        if not closing:
            page.watch.save(page, "voila__00_start_here")
            page.close()
        lab_server.delete_sessions()


def test_app_start_page_lists_the_notebooks_in_order(lab_server, page):
    """`make app` opens the series, not the repository: a titled page with a main landmark, notebooks only."""
    page.goto(lab_server.url("voila/tree/notebooks"))
    assert page.title() == "Magnesium and potassium: the notebooks"
    assert page.locator("main h1").count() == 1
    links = page.locator("main a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    expected = [
        f"/voila/render/{p.relative_to(REPO).as_posix()}" for p in sorted(REPO.glob("notebooks/*.ipynb"))
    ]
    assert hrefs == expected
    page.watch.assert_clean()
    page.watch.save(page, "voila__tree")
