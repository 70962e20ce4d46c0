"""Hygiene of every committed notebook: saved the way `make notebooks` saves them.

See CONTRIBUTING.md, Notebooks.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from notebook_list import notebook_paths

NOTEBOOKS = notebook_paths()
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert "00_start_here.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_hygiene(path):
    assert path.stat().st_size < 1_000_000, f"{path.name} is {path.stat().st_size / 1e6:.1f} MB"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["nbformat"] == 4
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata, "saved widget state (run `make notebooks`)"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "execution counts not 1..N"
    for i, cell in enumerate(code, start=1):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"cell [{i}] has a stored error"
            if out["output_type"] == "stream":
                assert out["name"] != "stderr" or not out["text"].strip(), f"cell [{i}] wrote to stderr"
            data = out.get("data", {})
            assert WIDGET_VIEW not in data, f"cell [{i}] saved a live-widget output (run `make notebooks`)"
        assert not re.search(r"^\s*[%!]", cell.source, re.M), f"cell [{i}] uses a % magic or ! shell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_skeleton(path):
    """Title, disclaimer, at a glance, takeaways and references (see CONTRIBUTING.md, Notebooks)."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# ")
    assert "not medical advice" in text.lower()
    assert "emergency care" in text.lower()
    for heading in ("At a glance", "References"):
        assert heading.lower() in text.lower(), f"missing section: {heading}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_disclaimer_box_says_what_the_package_says(path):
    """One home for the disclaimer: every notebook's box is mgk_helpers.DISCLAIMER, word for word."""
    from mgk_helpers import DISCLAIMER

    nb = nbformat.read(path, as_version=4)
    boxes = [
        line
        for c in nb.cells[:2]
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("> ⚠️")
    ]
    assert boxes, "no disclaimer box (a '> ⚠️' line) in the first cells"
    plain = re.sub(r"\*\*", "", boxes[0].removeprefix("> ⚠️").strip())
    assert plain == DISCLAIMER


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_loads_nothing_from_the_internet(path):
    """Offline rule: no markdown or HTML image from another host (a Binder badge image is an outside
    request in every classroom without internet, and Voilà 0.5 cannot render markdown images)."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            assert not re.search(r"!\[[^\]]*\]\(\s*https?://", cell.source), f"cell {i}: remote image"
            assert not re.search(r"<img[^>]+src=[\"']?https?://", cell.source), f"cell {i}: remote image"
            assert "![" not in cell.source, f"cell {i}: markdown image (Voilà 0.5 fails to render it)"
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            assert not re.search(r"(src|href)=[\"']?https?://[^\"' ]+\.(js|css|svg|png)", html), f"cell {i}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_local_images_exist_and_have_alt_text(path):
    """A diagram is an HTML <img> of a file beside the notebook (GitHub, JupyterLab and the course site show
    it; Voilà 0.5 crashes on markdown images), with alt text; the file exists in this edition's folder."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for tag in re.findall(r"<img\b[^>]*>", cell.source):
            src = re.search(r'src="([^"]+)"', tag)
            alt = re.search(r'alt="([^"]*)"', tag)
            assert src and not src.group(1).startswith(("http:", "https:", "data:")), f"cell {i}: {tag[:80]}"
            assert (path.parent / src.group(1)).is_file(), f"cell {i}: {src.group(1)} is missing"
            assert alt and len(alt.group(1)) > 40, f"cell {i}: {src.group(1)} has no real alt text"
