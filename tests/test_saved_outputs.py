"""What a committed notebook shows without a kernel: every explorer's saved output is a live fragment with a
picture of its default figure and that picture's text alternative, for renderers that strip scripts."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(REPO.glob("notebooks/*.ipynb")) + sorted(REPO.glob("student/*.ipynb"))
_IMG = re.compile(
    r'<img class="mgk-fallback-figure" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]{2000,}" alt="([^"]+)">'
)


def fragments(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        o["data"]["text/html"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if 'data-mgk-explorer="1"' in o.get("data", {}).get("text/html", "")
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_saved_explorer_has_a_picture_with_alt_text(path):
    for page in fragments(path):
        match = _IMG.search(page)
        assert match, f"{path.name}: an explorer's saved output has no picture of its figure (make notebooks)"
        assert len(match.group(1)) > 60, "the picture's alt text is too short to describe the figure"
        assert "<script" in page and 'class="mgk-spec"' in page  # and it is live where scripts run


def test_the_check_can_fail():
    page = '<div data-mgk-explorer="1"><p class="mgk-fallback-alt"><em>Figure:</em> x</p></div>'
    assert not _IMG.search(page)


def test_the_readme_export_command_writes_an_offline_page(tmp_path):
    """The README's `JUPYTER_PATH=app/share jupyter nbconvert --to html --template mgk-static …`: a page
    whose scripts are all inline (no require.js or MathJax from a CDN), with the live explorer fragment."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, JUPYTER_PATH=str(REPO / "app" / "share"))
    notebook = REPO / "notebooks" / "00_start_here.ipynb"
    cmd = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--template", "mgk-static"]
    cmd += [str(notebook), "--output-dir", str(tmp_path)]
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    page = (tmp_path / "00_start_here.html").read_text(encoding="utf-8")
    assert 'data-mgk-explorer="1"' in page and "<title>00 · Start here</title>" in page
    assert not re.findall(r'<script[^>]+src="https?://', page), "the page loads a script from the internet"
