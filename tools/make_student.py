"""Generate the student edition in ``student/`` from the instructor masters in ``notebooks/``.

Usage: ``python tools/make_student.py [--check]``.

Uses nbconvert's exporter with one small custom preprocessor (see CONTRIBUTING.md, Notebooks):

* a code cell tagged ``solution`` keeps its exercise text, but everything between
  ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes ``...  # your code here`` — or, when the block is one
  assignment ``name = expression`` (a scaffold with one blank), ``name = ...  # your code here`` — its outputs
  are cleared and its output is no longer checked by nbval — the stub runs without error (a scaffold prints
  through ``mgk_helpers.exercises.report``, which says "not done yet" while the blank is ``...``), and no
  later cell depends on it;
* a markdown cell tagged ``solution`` (the model answer to a written exercise) becomes an empty answer cell
  for the student to type into;
* self-check answers are not in the cells (they live in ``mgk_helpers.quizzes``); a quiz's saved output
  works without a kernel, so it carries the answers and explanations in the page (fine for self-checks,
  INSTRUCTORS.md says so; never for marks);
* links that open the instructor edition on Binder (``urlpath=…/notebooks/…``) open the student
  edition instead;
* everything else (markdown, outputs, execution counts) is identical to the master, and the diagrams in
  ``notebooks/figures/`` are copied to ``student/figures/`` (the notebooks link them as ``figures/…``).

``--check`` regenerates in memory and exits 1 if a committed student notebook is missing or stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
MASTERS = ROOT / "notebooks"
STUDENT = ROOT / "student"
SOLUTION_RE = re.compile(r"^([ \t]*)# BEGIN SOLUTION\n(.*?)^[ \t]*# END SOLUTION[ \t]*$", re.S | re.M)
STUB = "...  # your code here"
#: a solution block that is one assignment: the scaffold's single blank keeps its name
ONE_ASSIGNMENT_RE = re.compile(r"^[ \t]*([A-Za-z_][A-Za-z_0-9]*)[ \t]*=(?!=)[^\n]*\n?$")
ANSWER_CELL = (
    "**Your answer.** *Double-click this cell to type your answer here (in JupyterLab), or write it down.*"
)
CHECK_OUTPUT_RE = re.compile(r"^# NBVAL_CHECK_OUTPUT[ \t]*\n", re.M)


BINDER_PATH_RE = re.compile(r"(urlpath=(?:lab/tree|voila/render)/)notebooks/")


def _stub(match: re.Match) -> str:
    indent, body = match.group(1), match.group(2)
    one = ONE_ASSIGNMENT_RE.match(body)
    return f"{indent}{one.group(1)} = {STUB}" if one else indent + STUB


class SolutionStubPreprocessor(Preprocessor):
    """Replace the solution part of cells tagged ``solution`` by an exercise stub, and point
    Binder links at the student edition."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = BINDER_PATH_RE.sub(r"\1student/", cell.source)
            if "solution" in cell.get("metadata", {}).get("tags", []):
                cell.source = ANSWER_CELL
                cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "solution"] + ["answer"]
        if cell.cell_type == "code" and "solution" in cell.get("metadata", {}).get("tags", []):
            if not SOLUTION_RE.search(cell.source):
                raise ValueError(
                    f"{resources.get('name', '?')}: cell {index} is tagged 'solution' but has no "
                    "'# BEGIN SOLUTION' … '# END SOLUTION' block"
                )
            cell.source = SOLUTION_RE.sub(_stub, cell.source)
            # the student's stub prints nothing to check against the master's solution
            cell.source = CHECK_OUTPUT_RE.sub("", cell.source)
            tags = cell.get("metadata", {}).get("tags", [])
            if "nbval-check-output" in tags:
                cell.metadata["tags"] = [t for t in tags if t != "nbval-check-output"]
            cell.outputs = []
        return cell, resources


def _exporter() -> NotebookExporter:
    config = Config()
    config.NotebookExporter.preprocessors = [SolutionStubPreprocessor]
    return NotebookExporter(config=config)


def student_version(master: Path) -> str:
    body, _ = _exporter().from_filename(str(master), resources={"name": master.stem})
    nbformat.validate(nbformat.reads(body, as_version=4))
    return body


def main(argv: list[str]) -> int:
    check = "--check" in argv
    STUDENT.mkdir(exist_ok=True)
    stale = []
    for master in sorted(MASTERS.glob("*.ipynb")):
        target = STUDENT / master.name
        body = student_version(master)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != body:
                stale.append(target.relative_to(ROOT))
        else:
            target.write_text(body, encoding="utf-8")
            print(f"ok  {target.relative_to(ROOT)}")
    # the diagrams the notebooks show (figures/*.svg, their sources): the same relative path in both editions
    for source in sorted((MASTERS / "figures").glob("*")) if (MASTERS / "figures").is_dir() else []:
        target = STUDENT / "figures" / source.name
        if check:
            if not target.exists() or target.read_bytes() != source.read_bytes():
                stale.append(target.relative_to(ROOT))
        else:
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(source.read_bytes())
            print(f"ok  {target.relative_to(ROOT)}")
    extra = {p.name for p in STUDENT.glob("*.ipynb")} - {p.name for p in MASTERS.glob("*.ipynb")}
    if check and (stale or extra):
        print("student/ is stale — run `make student`:", *stale, *sorted(extra), sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
