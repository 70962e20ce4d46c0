"""Re-execute notebooks from a fresh kernel and save them as CONTRIBUTING.md (Notebooks) asks.

Usage: ``python tools/run_notebooks.py [NOTEBOOK ...]`` (default: every ``notebooks/*.ipynb``).

* executed top to bottom in a fresh kernel, working directory = the notebook's folder;
* execution counts 1..N, text and static outputs kept;
* no widget state (``store_widget_state=False``; ``metadata.widgets`` removed);
* the live-widget mimetype is dropped from saved outputs that carry a static fallback
  (explorers provide a ``text/html`` card), so a notebook opened without a kernel shows that
  card instead of "Error displaying widget";
* ``metadata.title`` = the first level-1 heading (the page title in nbconvert HTML and Voilà);
* fails (exit 1) on any error, with the notebook and cell named.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CELL_TIMEOUT_S = 120
STARTUP_TIMEOUT_S = 60


def strip_live_widget_outputs(nb: nbformat.NotebookNode) -> None:
    """Drop widget-view data where a static fallback exists; remove saved widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data and ("text/html" in data or "text/plain" in data):
                del data[WIDGET_VIEW]


def execute(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        startup_timeout=STARTUP_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    client.execute()
    return nb


def title_of(nb: nbformat.NotebookNode) -> str:
    """The notebook's first level-1 heading (its title in nbconvert pages, Voilà and the course site)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    raise ValueError("the notebook has no level-1 heading (# Title) to use as its title")


def save(nb: nbformat.NotebookNode, path: Path) -> None:
    strip_live_widget_outputs(nb)
    nb.metadata["title"] = title_of(nb)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.validate(nb)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    paths = [Path(p).resolve() for p in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    failed = 0
    for path in paths:
        start = time.perf_counter()
        try:
            nb = execute(path)
        except CellExecutionError as err:
            failed += 1
            print(f"FAILED {path.relative_to(ROOT)}:\n{err}", file=sys.stderr)
            continue
        save(nb, path)
        print(f"ok  {path.relative_to(ROOT)}  ({time.perf_counter() - start:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
