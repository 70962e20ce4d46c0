"""The course website as files (``tools/build_site.py``, ``make site``): what a static host will serve.

Built once from the committed student edition (nothing executed) with warnings as errors; then: the series
in order, the notices on every page, launch links for the ref the site was built for, each explorer's front
end once per page, MathML instead of raw TeX, every local link and asset present, and ``.nojekyll`` for
GitHub Pages.
The browser tests (tests/browser/test_site.py) serve the same build and use it.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from mgk_helpers.explorers.base import explorer_js
from mgk_helpers.explorers.quiz import quiz_js
from mgk_helpers.model.clinical import red_flags
from mgk_helpers.model.notices import DISCLAIMER

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "student").glob("[0-9][0-9]_*.ipynb"))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "img" and a[key].startswith("data:")):
                self.refs.append(a[key])


def _text(page: str) -> str:
    """A page's words (Sphinx's typographic quotes read as plain ones)."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace(" .", ".")
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site.build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("MGK_REF", "v9.8.7")
    mp.setenv("MGK_REPOSITORY", "someone/their-fork")
    try:
        return build_site.build(tmp_path_factory.mktemp("tagged"))
    finally:
        mp.undo()


def test_every_notebook_is_a_page_in_order(site):
    index = (site / "index.html").read_text("utf-8")
    order = [m for m in re.findall(r'href="(\d\d_[a-z_]+)\.html"', index)]
    expected = [nb.stem for nb in NOTEBOOKS]
    assert list(dict.fromkeys(order)) == expected
    for nb in NOTEBOOKS:
        title, tagline, minutes = build_site.notebook_summary(nb)
        page = (site / f"{nb.stem}.html").read_text("utf-8")
        assert f"<title>{html.escape(title, quote=False)}" in page
        assert minutes and re.search(r"\d", minutes), f"{nb.name}: no time estimate found"
        assert _text(tagline) in _text(index)
    assert (site / ".nojekyll").exists(), "GitHub Pages would hide _static/ without .nojekyll"
    assert (site / "plotly.min.js").stat().st_size > 1_000_000


def test_notices_on_every_page(site):
    flags = red_flags()
    for page in sorted(site.glob("*.html")):
        text = _text(page.read_text("utf-8"))
        assert text.count(DISCLAIMER) == 1, (
            f"{page.name}: the disclaimer is shown {text.count(DISCLAIMER)} times"
        )
        assert "Seek emergency care now" in text, f"{page.name}: no red-flag box"
        assert all(f in text for f in flags), f"{page.name}: red flags missing"


def test_launch_links_follow_the_ref_the_site_was_built_for(site, tagged_site):
    for built, repo, ref in (
        (site, "mgk-teaching/mg-k-notebooks", "HEAD"),
        (tagged_site, "someone/their-fork", "v9.8.7"),
    ):
        for nb in NOTEBOOKS:
            page = (built / f"{nb.stem}.html").read_text("utf-8")
            binder = set(re.findall(r'href="(https://mybinder\.org/[^"]+)"', html.unescape(page)))
            assert binder, f"{nb.name}: no Binder link"
            for url in binder:
                assert url.startswith(f"https://mybinder.org/v2/gh/{repo}/{ref}"), url
                assert f"student/{nb.name}" in unquote(url), url  # the student edition, this notebook
            assert f'href="_sources/{nb.stem}.ipynb"' in page, f"{nb.name}: no download of the notebook"


def test_front_end_once_per_page_and_current(site):
    assert (site / "_static" / "mgk" / "explorer.js").read_text("utf-8") == explorer_js()
    assert (site / "_static" / "mgk" / "quiz.js").read_text("utf-8") == quiz_js()
    for nb in NOTEBOOKS:
        page = (site / f"{nb.stem}.html").read_text("utf-8")
        explorers = page.count('data-mgk-explorer="1"')
        assert explorers, f"{nb.name}: no explorer"
        assert page.count("globalThis.mgkExplorers.boot(") == explorers
        assert "function isDark()" not in page, f"{nb.name}: an inline copy of explorer.js is left"
        assert page.count('src="_static/mgk/explorer.js"') == 1


def test_stale_outputs_fail_the_build(tmp_path, monkeypatch, capfd):
    """A saved output whose front end is not the package's current one must not be published."""
    import mgk_helpers.explorers.base as base

    monkeypatch.setattr(base, "explorer_js", lambda: "// another version\n")
    sys.path.insert(0, str(ROOT / "site" / "_ext"))
    import mgk_site

    monkeypatch.setattr(mgk_site, "explorer_js", lambda: "// another version\n")
    with pytest.raises(RuntimeError, match="sphinx-build failed"):
        build_site.build(tmp_path)
    assert "do not carry the current explorer.js: run `make notebooks`" in capfd.readouterr().err


def test_equations_are_mathml(site):
    page = (site / "01_electrolytes_and_the_kidney.html").read_text("utf-8")
    assert page.count("<math") >= 10
    assert "$$" not in _text(page) and "\\frac" not in _text(page)
    assert not re.search(r"<script[^>]*mathjax", page, re.I), "MathJax would be fetched from a CDN"


def test_every_local_link_and_asset_exists(site):
    missing = []
    for page in sorted(site.glob("*.html")):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for ref in parser.refs:
            url = urlparse(ref)
            if url.scheme or ref.startswith(("#", "mailto:")) or not url.path:
                continue
            if not (site / unquote(url.path)).exists():
                missing.append(f"{page.name} → {ref}")
    assert missing == []


def test_the_notebooks_glossary_links_reach_the_glossary_page(site):
    ids = set(re.findall(r'\bid="([^"]+)"', (site / "glossary.html").read_text("utf-8")))
    for page in sorted(site.glob("[0-9][0-9]_*.html")):
        anchors = re.findall(r'href="glossary\.html#([^"]+)"', page.read_text("utf-8"))
        assert len(anchors) >= 10, f"{page.name} links its terms to the glossary page"
        assert [a for a in anchors if a not in ids] == [], page.name
        assert "GLOSSARY.md" not in page.read_text("utf-8"), f"{page.name} links the repository's file"


def test_no_request_off_the_site_in_the_html(site):
    """Nothing a page loads comes from another host (links to read elsewhere are fine)."""
    loaded = re.compile(
        r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="(https?:[^"]+)"|'
        r'<link\b[^>]*\bhref="(https?:[^"]+)"[^>]*\brel="(?:stylesheet|preload|icon)"'
    )
    for page in sorted(site.glob("*.html")):
        found = [m.group(1) or m.group(2) for m in loaded.finditer(page.read_text("utf-8"))]
        assert found == [], f"{page.name} loads {found}"


def test_the_readmes_publish_command_puts_the_site_on_gh_pages(site, tmp_path):
    """The README's ghp-import line, run as written in a clone whose remote is a local bare repository."""
    line = next(
        ln
        for ln in (ROOT / "README.md").read_text("utf-8").splitlines()
        if ln.startswith(".venv/bin/ghp-import")
    )
    argv = shlex.split(line)
    argv[0] = str(Path(sys.executable).parent / "ghp-import")
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )

    def git(*args: str, cwd: Path) -> str:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
        ).stdout

    remote, clone = tmp_path / "origin.git", tmp_path / "clone"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    git("init", "-q", str(clone), cwd=tmp_path)
    git("commit", "-q", "--allow-empty", "-m", "start", cwd=clone)
    git("remote", "add", "origin", str(remote), cwd=clone)
    shutil.copytree(site, clone / argv[-1])
    subprocess.run(argv, cwd=clone, env=env, check=True, capture_output=True)
    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    expected = {".nojekyll", "index.html", "search.html", "plotly.min.js", "_static/mgk/explorer.js"}
    expected |= {f"{nb.stem}.html" for nb in NOTEBOOKS}
    assert expected <= published, expected - published
