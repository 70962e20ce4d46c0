"""Fixtures for the browser tests: one JupyterLab server and one headless Chromium per session."""

from __future__ import annotations

import hashlib
import os

import pytest
from jlab import INSTALL_HINT, REPO, JupyterServer, PageWatch, chromium_context, find_chromium, notebooks

# fixtures/ holds scratch notebooks for the harness; they are not notebooks for nbval to collect.
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at /usr/bin/chromium or on PATH; {INSTALL_HINT}")
        pytest.skip(f"Chromium not found; {INSTALL_HINT}")
    return path


def _digests() -> dict[str, str]:
    return {str(p.relative_to(REPO)): hashlib.sha256(p.read_bytes()).hexdigest() for p in notebooks()}


@pytest.fixture(scope="session")
def lab_server(chromium):
    before = _digests()
    server = JupyterServer().start()
    try:
        status, _ = server.request("GET", "mgk-helpers/static/plotly.min.js")
        assert status == 200, "the mgk_helpers server extension (plotly.js) is not loaded"
        yield server
    finally:
        server.stop()
    # the tests run the committed notebooks in place: none may be saved over (autosave is off in jlab.py)
    after = _digests()
    assert after == before, f"a browser test changed {[k for k in before if before[k] != after.get(k)]}"


@pytest.fixture(scope="session")
def pw(chromium):
    """Playwright, started once per session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(pw):
    with chromium_context(pw) as context:
        yield context


@pytest.fixture
def page(browser):
    """A fresh tab with a PageWatch (console errors, external requests, websocket bytes) as `page.watch`."""
    page = browser.new_page()
    page.watch = PageWatch().attach(page)
    try:
        yield page
    finally:
        page.close()
