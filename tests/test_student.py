"""The student edition: generated with nbconvert from the masters, and kept current.

See CONTRIBUTING.md, Notebooks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_student  # noqa: E402


def _nb(cells):
    return nbformat.v4.new_notebook(cells=cells)


def test_solution_cell_becomes_a_stub(tmp_path):
    solution = nbformat.v4.new_code_cell(
        "# Exercise: compute it.\n# BEGIN SOLUTION\nx = 1 + 1\nprint(x)\n# END SOLUTION",
        metadata={"tags": ["solution"]},
        outputs=[nbformat.v4.new_output("stream", name="stdout", text="2\n")],
    )
    other = nbformat.v4.new_code_cell(
        "print('kept')", outputs=[nbformat.v4.new_output("stream", text="kept\n")]
    )
    path = tmp_path / "demo.ipynb"
    nbformat.write(_nb([nbformat.v4.new_markdown_cell("# Demo"), solution, other]), path)
    out = nbformat.reads(make_student.student_version(path), as_version=4)
    assert out.cells[1].source == "# Exercise: compute it.\n...  # your code here"
    assert out.cells[1].outputs == []
    assert out.cells[2].source == "print('kept')" and out.cells[2].outputs[0]["text"] == "kept\n"
    assert out.cells[0].source == "# Demo"


def test_binder_links_open_the_student_edition(tmp_path):
    badge = "[![b](x)](https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/01_x.ipynb)"
    path = tmp_path / "links.ipynb"
    nbformat.write(_nb([nbformat.v4.new_markdown_cell(badge + "\nSee notebooks/README.")]), path)
    out = nbformat.reads(make_student.student_version(path), as_version=4)
    assert "urlpath=lab/tree/student/01_x.ipynb" in out.cells[0].source
    assert "See notebooks/README." in out.cells[0].source  # only Binder paths change


def test_solution_tag_without_markers_is_refused(tmp_path):
    cell = nbformat.v4.new_code_cell("x = 2", metadata={"tags": ["solution"]})
    path = tmp_path / "bad.ipynb"
    nbformat.write(_nb([cell]), path)
    with pytest.raises(ValueError, match="BEGIN SOLUTION"):
        make_student.student_version(path)


def test_committed_student_edition_is_current():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_student.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("master", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_student_versions_hide_solutions(master):
    student = ROOT / "student" / master.name
    assert student.exists(), "run `make student`"
    text = student.read_text(encoding="utf-8")
    assert "# BEGIN SOLUTION" not in text
    nb = nbformat.read(master, as_version=4)
    tagged = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    stubs = [
        c for c in nbformat.read(student, as_version=4).cells if "solution" in c.metadata.get("tags", [])
    ]
    assert len(stubs) == len(tagged)
    assert all("...  # your code here" in c.source for c in stubs)
