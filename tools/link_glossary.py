"""Link each glossary term at its first use in each notebook: ``python tools/link_glossary.py [--check]``.

The glossary has one home, ``docs/GLOSSARY.md``; ``docs/glossary-terms.txt`` lists, one entry per line,
``slug | phrase | phrase …`` (the phrases that name it in the notebooks). In every master notebook
(``notebooks/``) this tool makes the first use of each term, in reading order, a link
``[phrase](../docs/GLOSSARY.md#slug)``; the student edition inherits the links (``make student``) and the
course site points them at its glossary page. A link no longer at the first use moves there: the tool removes
its own links before it places them again, so running it twice changes nothing.

Never linked: headings, code (fenced or inline), maths, text already inside a link, an image or an HTML tag
(alt text included), the disclaimer and red-flag boxes (the package's words, checked as written), reference
lists (from a ``References`` heading on), and cells tagged ``solution`` (the instructor's model answers, which
the student edition does not show). A phrase matches across a line break.

``--check`` writes nothing and exits 1 if a notebook's links are missing or not at the first use.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "GLOSSARY.md"
TERMS = ROOT / "docs" / "glossary-terms.txt"
MASTERS = ROOT / "notebooks"
TARGET = "../docs/GLOSSARY.md"

OWN_LINK_RE = re.compile(r"\[([^\]]+)\]\(" + re.escape(TARGET) + r"#[^)\s]+\)")
#: spans where no link may be placed (the tool's own links count: a second link never nests in one)
PROTECTED_RES = (
    re.compile(r"^```.*?^```", re.S | re.M),  # fenced code
    re.compile(r"^[ \t]*#{1,6}[ \t].*$", re.M),  # headings
    re.compile(r"\$\$.*?\$\$", re.S),  # display maths
    re.compile(r"(?<![\\$])\$[^$\n]+\$"),  # inline maths
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"!?\[[^\]]*\]\([^)\n]*\)"),  # links and images (their text may break across lines)
    re.compile(r"<[^<>\n]*>"),  # HTML tags and their attributes
    re.compile(r"https?://\S+"),  # bare addresses
    re.compile(
        r"^> (?:⚠️|🚨).*(?:\n>.*)*", re.M
    ),  # the disclaimer and red-flag boxes: the package's own words
)


REFERENCES_RE = re.compile(r"^#{1,6}[ \t]+References\b", re.M)


@dataclass(frozen=True)
class Term:
    slug: str
    phrases: tuple[str, ...]


def read_terms(text: str) -> list[Term]:
    """The terms of ``glossary-terms.txt`` (its text), in its order; ``#`` lines are comments."""
    terms = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        slug, *phrases = (part.strip() for part in line.split("|"))
        if not phrases or not all(phrases):
            raise ValueError(f"glossary-terms line {line!r}: give 'slug | phrase | phrase …'")
        terms.append(Term(slug, tuple(phrases)))
    slugs = [t.slug for t in terms]
    if len(set(slugs)) != len(slugs):
        raise ValueError(
            f"glossary-terms lists a slug twice: {sorted(s for s in slugs if slugs.count(s) > 1)}"
        )
    return terms


def heading_slugs(text: str) -> set[str]:
    """The anchors GitHub and the course site (MyST) give the glossary's headings (lower case, punctuation
    dropped, spaces as hyphens)."""
    out = set()
    for heading in re.findall(r"^#{1,6}[ \t]+(.+?)[ \t]*#*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        out.add(slug)
    return out


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in PROTECTED_RES for m in pattern.finditer(text)]


def _phrase_re(phrase: str) -> re.Pattern:
    words = (re.escape(w) for w in phrase.split())
    return re.compile(r"(?<![\w\-/])" + r"\s+".join(words) + r"(?![\w\-])")


def link_text(text: str, terms: list[Term], done: set[str]) -> str:
    """``text`` with the first use of each term not in ``done`` linked; the linked slugs are added to
    ``done``. Overlapping uses: the earlier wins, then the longer."""
    spans = _protected(text)
    references = REFERENCES_RE.search(text)
    if references:
        spans.append((references.start(), len(text)))
    found = []
    for term in terms:
        if term.slug in done:
            continue
        hits = [
            m.span()
            for phrase in term.phrases
            for m in _phrase_re(phrase).finditer(text)
            if not any(a < m.end() and m.start() < b for a, b in spans)
        ]
        if hits:
            start, end = min(hits, key=lambda s: (s[0], -s[1]))
            found.append((start, end, term.slug))
    chosen: list[tuple[int, int, str]] = []
    for start, end, slug in sorted(found, key=lambda f: (f[0], -f[1])):
        if all(end <= a or start >= b for a, b, _ in chosen):
            chosen.append((start, end, slug))
    # a term whose first use overlaps a longer one (e.g. "diuretic" inside "loop diuretic") waits for its
    # next use: link what was chosen, then look again
    for start, end, slug in sorted(chosen, reverse=True):
        text = f"{text[:start]}[{text[start:end]}]({TARGET}#{slug}){text[end:]}"
        done.add(slug)
    if len(chosen) < len(found):
        return link_text(text, terms, done)
    return text


def link_notebook(nb: nbformat.NotebookNode, terms: list[Term]) -> bool:
    """Link ``nb``'s markdown cells in place; True if anything changed."""
    changed = False
    done: set[str] = set()
    after_references = False  # cells after a References heading are part of the list
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        plain = OWN_LINK_RE.sub(r"\1", cell.source)
        skip = after_references or "solution" in cell.metadata.get("tags", [])
        new = plain if skip else link_text(plain, terms, done)
        after_references = after_references or bool(REFERENCES_RE.search(plain))
        if new != cell.source:
            cell.source = new
            changed = True
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    terms = read_terms(TERMS.read_text("utf-8"))
    missing = [t.slug for t in terms if t.slug not in heading_slugs(GLOSSARY.read_text("utf-8"))]
    if missing:
        print(f"{GLOSSARY.name}: no heading for the slugs {missing}", file=sys.stderr)
        return 1
    stale = []
    for path in sorted(MASTERS.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if link_notebook(nb, terms):
            stale.append(path.name)
            if not check:
                nbformat.write(nb, path)
    if check and stale:
        print(
            f"glossary links missing or not at first use in: {', '.join(stale)} (run tools/link_glossary.py)"
        )
        return 1
    print(
        f"{'Checked' if check else 'Linked'} {len(terms)} glossary terms"
        + (f"; updated {stale}" if stale else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
