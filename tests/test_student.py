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


def test_a_scaffold_keeps_the_name_of_its_one_blank(tmp_path):
    code = (
        "def deficit(fall, per_unit=300):\n"
        "    # BEGIN SOLUTION\n"
        "    total = fall * per_unit\n"
        "    # END SOLUTION\n"
        "    return total\n"
        "report('{d}', d=deficit(1.0))"
    )
    cell = nbformat.v4.new_code_cell(code, metadata={"tags": ["solution", "nbval-check-output"]})
    path = tmp_path / "scaffold.ipynb"
    nbformat.write(_nb([cell]), path)
    out = nbformat.reads(make_student.student_version(path), as_version=4).cells[0]
    assert out.source.splitlines()[1] == "    total = ...  # your code here"
    assert "fall * per_unit" not in out.source
    assert out.metadata["tags"] == ["solution"]  # the stub's output is not checked
    namespace: dict = {"report": lambda template, **values: values}
    exec(out.source.replace("report(", "result = report("), namespace)
    assert namespace["result"] == {"d": ...}  # the blank reaches report() as Ellipsis, without an error


def test_a_block_of_several_lines_becomes_one_stub(tmp_path):
    cell = nbformat.v4.new_code_cell(
        "# BEGIN SOLUTION\na = 1\nb = a + 1\n# END SOLUTION", metadata={"tags": ["solution"]}
    )
    path = tmp_path / "block.ipynb"
    nbformat.write(_nb([cell]), path)
    out = nbformat.reads(make_student.student_version(path), as_version=4)
    assert out.cells[0].source == make_student.STUB


def test_a_model_answer_becomes_an_answer_cell(tmp_path):
    task = nbformat.v4.new_markdown_cell("### Exercise\nExplain why.")
    answer = nbformat.v4.new_markdown_cell("**Model answer.** Because.", metadata={"tags": ["solution"]})
    path = tmp_path / "written.ipynb"
    nbformat.write(_nb([task, answer]), path)
    out = nbformat.reads(make_student.student_version(path), as_version=4)
    assert out.cells[0].source == "### Exercise\nExplain why."
    assert out.cells[1].source == make_student.ANSWER_CELL and "Because" not in out.cells[1].source
    assert out.cells[1].metadata["tags"] == ["answer"]


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
    student_cells = nbformat.read(student, as_version=4).cells
    stubs = [c for c in student_cells if "solution" in c.metadata.get("tags", [])]
    answers = [c for c in student_cells if "answer" in c.metadata.get("tags", [])]
    assert len(stubs) == len([c for c in tagged if c.cell_type == "code"])
    assert all("...  # your code here" in c.source for c in stubs)
    model_answers = [c for c in tagged if c.cell_type == "markdown"]
    assert len(answers) == len(model_answers)
    assert all(c.source == make_student.ANSWER_CELL for c in answers)
    for c in model_answers:  # no model answer reaches the student edition
        assert not any(c.source.strip()[:80] in sc.source for sc in student_cells)
