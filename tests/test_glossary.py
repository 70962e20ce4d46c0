"""The glossary (docs/GLOSSARY.md) is the one home of the course's terms; each notebook links a term at its
first use (tools/link_glossary.py), in both editions, to an entry that exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import link_glossary as lg  # noqa: E402

TERMS = lg.read_terms(lg.TERMS.read_text("utf-8"))
SLUGS = lg.heading_slugs(lg.GLOSSARY.read_text("utf-8"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "student").glob("[0-9][0-9]_*.ipynb")
)
LINK_RE = re.compile(r"\]\(\.\./docs/GLOSSARY\.md#([^)\s]+)\)")
T = [
    lg.Term("romk", ("ROMK",)),
    lg.Term("distal-nephron", ("distal nephron",)),
    lg.Term("nephron", ("nephron",)),
]


def link(text: str) -> str:
    return lg.link_text(text, T, set())


def test_every_term_has_its_entry_and_the_glossary_is_substantial():
    assert len(TERMS) >= 40
    assert [t.slug for t in TERMS if t.slug not in SLUGS] == []
    for needed in ("romk", "principal-cell", "steady-state", "hypothesis", "calibration", "mechanism", "qtc"):
        assert needed in SLUGS, needed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_links_reach_entries_once_each(path):
    nb = nbformat.read(path, as_version=4)
    slugs = [s for c in nb.cells if c.cell_type == "markdown" for s in LINK_RE.findall(c.source)]
    assert len(slugs) >= 10, "a notebook links its terms to the glossary"
    assert [s for s in slugs if s not in SLUGS] == []
    assert len(slugs) == len(set(slugs)), "each term is linked once, at its first use"


def test_the_masters_are_linked_at_first_use():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "link_glossary.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_first_use_only_and_the_longer_phrase_wins():
    out = link("The distal nephron holds ROMK. ROMK again; the nephron as a whole.")
    assert out.count("(../docs/GLOSSARY.md#romk)") == 1 and out.index("[ROMK]") < out.index("ROMK again")
    assert "[distal nephron](../docs/GLOSSARY.md#distal-nephron)" in out
    # "nephron" inside the linked "distal nephron" waits for its next use
    assert "the [nephron](../docs/GLOSSARY.md#nephron) as a whole" in out


def test_nothing_is_linked_where_a_link_does_not_belong():
    text = (
        "## ROMK heading\n`ROMK` in code, $ROMK$ maths, [ROMK](https://x) linked, "
        '<img alt="ROMK"> and ![ROMK](figures/x.svg) pictures, KROMK and ROMK-like words.\n'
        "```\nROMK\n```\n"
    )
    assert link(text) == text
    assert (
        link("no link in\n## References\nROMK (Huang 2007)") == "no link in\n## References\nROMK (Huang 2007)"
    )


def test_a_phrase_across_a_line_break_and_running_twice_changes_nothing():
    once = link("the distal\nnephron")
    assert once == "the [distal\nnephron](../docs/GLOSSARY.md#distal-nephron)"
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("Model answer: ROMK.", metadata={"tags": ["solution"]}),
            nbformat.v4.new_markdown_cell("ROMK first here."),
            nbformat.v4.new_markdown_cell("ROMK again."),
        ]
    )
    assert lg.link_notebook(nb, T)
    assert nb.cells[0].source == "Model answer: ROMK."  # the student edition does not show it
    assert (
        nb.cells[1].source == "[ROMK](../docs/GLOSSARY.md#romk) first here."
        and nb.cells[2].source == "ROMK again."
    )
    assert not lg.link_notebook(nb, T)
    # a new, earlier use moves the link there
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("Now ROMK comes earlier."))
    assert lg.link_notebook(nb, T)
    assert "[ROMK]" in nb.cells[1].source and nb.cells[2].source == "ROMK first here."


def test_a_bad_term_line_is_refused():
    with pytest.raises(ValueError, match="slug \\| phrase"):
        lg.read_terms("romk |  | ROMK")
    with pytest.raises(ValueError, match="twice"):
        lg.read_terms("romk | ROMK\nromk | ROMK channel")
