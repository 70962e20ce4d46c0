"""Strict execution gate (see CONTRIBUTING.md, Tests): every notebook runs top to bottom in a fresh kernel.

nbval compares outputs but misses errors that arrive only as an error reply status; nbclient
raises on those as well as on error outputs.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_list import notebook_paths


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_executes_without_error(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=120,
        startup_timeout=60,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError on an error output or an error reply
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert all(out.output_type != "error" for out in cell.outputs)
