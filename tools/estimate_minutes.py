"""How long a notebook takes a student: ``python tools/estimate_minutes.py [--write | --check]``.

The estimate counts what a student does in the student edition (``student/``), at stated rates:

* **reading**: the words of the markdown cells and of the printed outputs, at 200 words a minute, the rate at
  which college readers *learn* from a text (Carver 1992: "learning" 200 wpm, against 300 for plain reading);
  code is not counted (a student without Python reads the text around it);
* **each explorer**: 5 minutes (predict and lock 1, explore 3, explain in writing 1);
* **each self-check question**: 1 minute; the concept inventory: 1 minute a question;
* **each written exercise** (an answer cell): 5 minutes.

The optional parts are counted apart: the *Going further* sections and boxes at the same reading rate, and
each *Going further (Python)* scaffold at 10 minutes. Both totals are rounded up to 5 minutes.

These are estimates from a timing model, not times measured with students: an instructor who times a class
should write the measured minutes in INSTRUCTORS.md beside them. ``--write`` puts the estimate in each
master notebook's *Time:* line (``**Time:** about N minutes, plus M for the optional *Going further*
parts.``), the map of the series in notebook 00 and the README's table; ``--check`` exits 1 if they differ
from it. Without an option it prints a table.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
STUDENT = ROOT / "student"
MASTERS = ROOT / "notebooks"
README = ROOT / "README.md"

READING_WPM = 200
EXPLORER_MIN = 5
QUESTION_MIN = 1
EXERCISE_MIN = 5
SCAFFOLD_MIN = 10

#: the estimate's part of a Time line (what follows it, e.g. "(plus class discussion).", stays)
TIME_RE = re.compile(
    r"\*\*Time:\*\* about \d+ minutes(?:, plus \d+ for the optional \*Going further\* [a-z]+)?"
)
MAP_ROW_RE = re.compile(r"^(\| (\d\d) \| \[[^\]]+\]\([^)]+\) \| .*? \| )(\d+)( \|)$", re.M)
GOING_FURTHER_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+Going further", re.M)
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+", re.M)
WORD_RE = re.compile(r"[A-Za-z0-9À-ÿ]+(?:[-'’][A-Za-z0-9À-ÿ]+)*")
CALL_RE = re.compile(r"\b(quiz|concept_inventory)\(")


@dataclass(frozen=True)
class Estimate:
    name: str
    words: int
    explorers: int
    questions: int
    exercises: int
    optional_words: int
    scaffolds: int

    @property
    def minutes(self) -> int:
        raw = (
            self.words / READING_WPM
            + self.explorers * EXPLORER_MIN
            + self.questions * QUESTION_MIN
            + self.exercises * EXERCISE_MIN
        )
        return 5 * math.ceil(raw / 5)

    @property
    def optional_minutes(self) -> int:
        raw = self.optional_words / READING_WPM + self.scaffolds * SCAFFOLD_MIN
        return 5 * math.ceil(raw / 5) if raw else 0


def _words(text: str) -> int:
    text = TIME_RE.sub("", text)  # the estimate itself is not counted: writing it must not change it
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    return len(WORD_RE.findall(text))


def _printed(cell: nbformat.NotebookNode) -> str:
    return "".join(
        "".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("output_type") == "stream"
    )


def _questions(cell: nbformat.NotebookNode) -> int:
    """The number of questions in a saved quiz or inventory output (its spec lists them)."""
    for out in cell.get("outputs", []):
        html = "".join(out.get("data", {}).get("text/html", ""))
        spec = re.search(r'class="mgk-quiz-spec">(.*?)</script>', html, re.S)
        if spec:
            return spec.group(1).count('"prompt":')
    return 0


def estimate(path: Path) -> Estimate:
    nb = nbformat.read(path, as_version=4)
    words = explorers = questions = exercises = optional_words = scaffolds = 0
    optional_level = 0  # inside a "Going further" section of this heading level (0: not inside one)
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            heading = HEADING_RE.match(source)
            if heading and optional_level and len(heading.group(1)) <= optional_level:
                optional_level = 0
            further = GOING_FURTHER_HEADING_RE.search(source)
            if further:
                optional_level = len(further.group(1))
            if "answer" in cell.metadata.get("tags", []):
                exercises += 1
                continue
            boxes = re.findall(r"(?:^> \*\*Going further.*\n?(?:^>.*\n?)*)", source, re.M)
            box_words = sum(_words(b) for b in boxes)
            if optional_level:
                optional_words += _words(source)
            else:
                words += _words(source) - box_words
                optional_words += box_words
            continue
        if cell.cell_type != "code":
            continue
        if "solution" in cell.metadata.get("tags", []):
            scaffolds += 1 if optional_level else 0
            continue
        if ".predict_first(" in source or any('data-mgk-explorer="1"' in _html(o) for o in cell.outputs):
            explorers += 1
        if CALL_RE.search(source):
            questions += _questions(cell)
        printed = _words(_printed(cell))
        if optional_level:
            optional_words += printed
        else:
            words += printed
    return Estimate(path.stem, words, explorers, questions, exercises, optional_words, scaffolds)


def _html(output: nbformat.NotebookNode) -> str:
    return "".join(output.get("data", {}).get("text/html", ""))


def time_line(e: Estimate) -> str:
    extra = (
        f", plus {e.optional_minutes} for the optional *Going further* parts" if e.optional_minutes else ""
    )
    return f"**Time:** about {e.minutes} minutes{extra}"


def _apply(estimates: dict[str, Estimate], write: bool) -> list[str]:
    stale = []
    by_number = {name[:2]: est for name, est in estimates.items()}
    for path in sorted(MASTERS.glob("[0-9][0-9]_*.ipynb")):
        e = estimates[path.stem]
        nb = nbformat.read(path, as_version=4)
        changed = False
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            new = TIME_RE.sub(time_line(e), cell.source)
            if path.stem.startswith("00_"):
                new = MAP_ROW_RE.sub(
                    lambda m: f"{m.group(1)}{by_number[m.group(2)].minutes}{m.group(4)}", new
                )
            if new != cell.source:
                cell.source, changed = new, True
        if not any(TIME_RE.search(c.source) for c in nb.cells if c.cell_type == "markdown"):
            raise ValueError(f"{path.name}: no '**Time:** about N minutes' line to update")
        if changed:
            stale.append(path.name)
            if write:
                nbformat.write(nb, path)
    text = README.read_text("utf-8")  # the README's table of the notebooks has a Minutes column too
    new = MAP_ROW_RE.sub(lambda m: f"{m.group(1)}{by_number[m.group(2)].minutes}{m.group(4)}", text)
    if new != text:
        stale.append(README.name)
        if write:
            README.write_text(new, encoding="utf-8")
    return stale


def main(argv: list[str]) -> int:
    estimates = {p.stem: estimate(p) for p in sorted(STUDENT.glob("[0-9][0-9]_*.ipynb"))}
    if "--write" in argv or "--check" in argv:
        stale = _apply(estimates, write="--write" in argv)
        if "--check" in argv and stale:
            print(f"Time lines differ from the estimate in {stale}: run tools/estimate_minutes.py --write")
            return 1
        return 0
    head = (
        "Notebook",
        "words",
        "explorers",
        "questions",
        "exercises",
        "minutes",
        "optional words",
        "scaffolds",
    )
    print("| " + " | ".join(head) + " | optional |")
    print("|---|---|---|---|---|---|---|---|---|")
    for e in estimates.values():
        print(
            f"| {e.name} | {e.words} | {e.explorers} | {e.questions} | {e.exercises} | {e.minutes} | "
            f"{e.optional_words} | {e.scaffolds} | {e.optional_minutes} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
