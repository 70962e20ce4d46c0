"""Build the course website: ``python tools/build_site.py [OUT]`` (``make site``; default ``_build/site``).

Stages the site's own pages (``site/``), the student edition's notebooks (``student/``, with their committed
outputs: nothing is executed) and the model card, references and glossary (``docs/``) into ``OUT/src``, then
runs Sphinx (myst-nb, sphinx-book-theme) into ``OUT/html``: plain files for any static web server (GitHub
Pages: see the README). Warnings fail the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

from sphinx.cmd.build import build_main

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
STUDENT = ROOT / "student"
DOCS = {"MODEL_CARD.md": "model_card.md", "REFERENCES.md": "references.md", "GLOSSARY.md": "glossary.md"}
TIME_RE = re.compile(r"\*\*Time:\*\*\s*(?:about\s+)?([^.*\n]+)")
LINK_RE = re.compile(r"\]\((?!https?://|#|mailto:)([^)\s#]+)(#[^)\s]*)?\)")


def _cell_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def notebook_summary(path: Path) -> tuple[str, str, str]:
    """(title, one-line description, time) of a notebook, from its first heading, italic line and *Time:*."""
    cells = [
        _cell_text(c) for c in json.loads(path.read_text("utf-8"))["cells"] if c["cell_type"] == "markdown"
    ]
    first = cells[0].splitlines()
    title = next(line[2:].strip() for line in first if line.startswith("# "))
    tagline = next(
        (line.strip("* ").strip() for line in first if line.startswith("*") and line.endswith("*")), ""
    )
    minutes = next((m.group(1).strip() for c in cells for m in [TIME_RE.search(c)] if m), "")
    return title, tagline, minutes


def series_table(notebooks: list[Path]) -> str:
    rows = ["| Notebook | What it is about | Time |", "|---|---|---|"]
    for nb in notebooks:
        title, tagline, minutes = notebook_summary(nb)
        rows.append(f"| [{title}]({nb.name}) | {tagline} | {minutes} |")
    return "\n".join(rows) + "\n"


def _retarget_links(
    text: str, source: Path, staged: dict[Path, str], repository: str, ref: str, page: str = ""
) -> str:
    """Links between staged pages keep working; any other relative link opens the file on GitHub.

    ``source`` is the file in the repository, ``page`` where it is staged (relative to the site's source)."""
    depth = page.count("/")

    def fix(match: re.Match) -> str:
        target = (source.parent / match.group(1)).resolve()
        anchor = match.group(2) or ""
        if target in staged:
            return f"]({'../' * depth}{staged[target]}{anchor})"
        if target.is_relative_to(source.parent) and target.exists():
            return match.group(0)  # beside the page, staged with it
        blob = target.relative_to(ROOT).as_posix()
        return f"](https://github.com/{repository}/blob/{'main' if ref == 'HEAD' else ref}/{blob}{anchor})"

    return LINK_RE.sub(fix, text)


def stage(src: Path) -> None:
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(SITE, src, ignore=shutil.ignore_patterns("__pycache__"))
    notebooks = sorted(STUDENT.glob("[0-9][0-9]_*.ipynb"))
    repository = os.environ.get("MGK_REPOSITORY", "mgk-teaching/mg-k-notebooks")
    ref = os.environ.get("MGK_REF", "HEAD")
    staged = {(ROOT / "docs" / name).resolve(): page for name, page in DOCS.items()}
    for nb in notebooks:  # links to the glossary, model card or references open their pages on the site
        content = json.loads(nb.read_text("utf-8"))
        for cell in content["cells"]:
            if cell["cell_type"] == "markdown":
                cell["source"] = _retarget_links(_cell_text(cell), nb, staged, repository, ref)
        (src / nb.name).write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for folder in (p for p in STUDENT.iterdir() if p.is_dir() and not p.name.startswith(".")):
        shutil.copytree(folder, src / folder.name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name, page in DOCS.items():
        source = ROOT / "docs" / name
        text = _retarget_links(source.read_text("utf-8"), source, staged, repository, ref)
        (src / page).write_text(text, encoding="utf-8")
    for page in src.glob("*/**/*.md"):  # pages beside the notebooks, e.g. figures/SOURCES.md
        rel = page.relative_to(src).as_posix()
        source = STUDENT / rel
        text = _retarget_links(source.read_text("utf-8"), source, staged, repository, ref, page=rel)
        page.write_text(text, encoding="utf-8")
    (src / "_series.md").write_text(series_table(notebooks), encoding="utf-8")


def build(out: Path = ROOT / "_build" / "site", *, quiet: bool = True) -> Path:
    """Stage and build the site into ``out/html``, and return that folder (a warning raises RuntimeError)."""
    out = Path(out)
    src, html, doctrees = out / "src", out / "html", out / "doctrees"
    stage(src)
    if html.exists():
        shutil.rmtree(html)
    args = ["-b", "html", "-W", "--keep-going", "-d", str(doctrees), str(src), str(html)]
    if quiet:
        args.insert(0, "-q")
    status = build_main(args)
    if status:
        raise RuntimeError(f"sphinx-build failed (exit {status}); see the messages above")
    return html


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "_build" / "site"
    start = time.perf_counter()
    html = build(out, quiet=False)
    pages = len(list(html.glob("*.html")))
    print(
        f"Built {pages} pages into {html.relative_to(ROOT) if html.is_relative_to(ROOT) else html} "
        f"in {time.perf_counter() - start:.1f} s. Serve it with: python -m http.server -d {html}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
