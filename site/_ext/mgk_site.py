"""What the course website adds to Sphinx, myst-nb and sphinx-book-theme.

* **Math as MathML**, converted at build time by ``latex2mathml``: no MathJax download, nothing fetched by the
  page, and the equations print and are read by screen readers.
* **The explorers' and self-checks' front end once per page.** Each saved output carries its own copy of
  ``explorer.js``/``quiz.js`` and their stylesheets (so a notebook stays live anywhere); on the site a page
  loads each once from ``_static/`` and the browser caches it across pages. An output whose copy is not the
  package's current front end fails the build: the notebooks must be re-executed (``make notebooks``).
* **plotly.js beside the pages** (``plotly.min.js`` at the site root, where the explorers look for it).
* **Launch links** in a notebook's text point at the repository and ref the site was built for.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from latex2mathml.converter import convert as latex_to_mathml
from sphinx.application import Sphinx
from sphinx.util import logging

from mgk_helpers.explorers.base import explorer_css, explorer_js
from mgk_helpers.explorers.quiz import quiz_css, quiz_js
from mgk_helpers.model.notices import DISCLAIMER
from mgk_helpers.plotly_view.server import plotly_js_path

LOGGER = logging.getLogger(__name__)

#: A notebook's own Binder links (``…/v2/gh/<repo>/<ref>?urlpath=…``), rewritten to the site's repository
#: and ref.
BINDER_RE = re.compile(r"^https://mybinder\.org/v2/gh/[^/?]+/[^/?]+/[^/?]+(\?.*)?$")


# --- math ------------------------------------------------------------------------------------------------
def _mathml(latex: str, display: str) -> str:
    return latex_to_mathml(latex, display=display)


def _visit_math(self: Any, node: nodes.Element) -> None:
    self.body.append(f'<span class="math mgk-math">{_mathml(node.astext(), "inline")}</span>')
    raise nodes.SkipNode


def _visit_displaymath(self: Any, node: nodes.Element) -> None:
    self.body.append(f'<div class="math mgk-math">{_mathml(node.astext(), "block")}</div>')
    raise nodes.SkipNode


# --- one front end per page -------------------------------------------------------------------------------
EXPLORER_MARKERS = ('data-mgk-explorer="1"',)
#: a self-check and the concept inventory share the quiz's front end
QUIZ_MARKERS = ('data-mgk-quiz="1"', 'data-mgk-inventory="pre"', 'data-mgk-inventory="post"')


def _front_ends() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(inline text in a saved output, its replacement, a file to load once, the markers of such outputs)."""
    return [
        (f"<style>{explorer_css()}</style>", "", "css:explorer.css", EXPLORER_MARKERS),
        (
            f"<script>{explorer_js()}\n;globalThis.mgkExplorers.boot(",
            "<script>globalThis.mgkExplorers.boot(",
            "js:explorer.js",
            EXPLORER_MARKERS,
        ),
        (f"<style>{quiz_css()}</style>", "", "css:quiz.css", QUIZ_MARKERS),
        (
            f"<script>{quiz_js()}\n;globalThis.mgkQuiz.boot(",
            "<script>globalThis.mgkQuiz.boot(",
            "js:quiz.js",
            QUIZ_MARKERS,
        ),
    ]


def _page_text(body: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", body).split()).replace(" .", ".")


def _disclaimer_shown(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Pages whose text already opens with the disclaimer (the notebooks) do not get a second copy."""
    context["mgk_page_has_disclaimer"] = DISCLAIMER in _page_text(context.get("body") or "")


def _share_front_end(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if not body:
        return
    for inline, replacement, asset, markers in _front_ends():
        outputs = sum(body.count(m) for m in markers)
        if not outputs:
            continue
        found = body.count(inline)
        if found != outputs:
            LOGGER.warning(
                "%s: %d of %d saved outputs (%s) do not carry the current %s: run `make notebooks`",
                pagename,
                outputs - found,
                outputs,
                markers[0].split("=")[0],
                asset.split(":")[1],
                type="mgk",
                subtype="stale",
            )
            continue
        body = body.replace(inline, replacement)
        kind, name = asset.split(":")
        if kind == "js":
            app.add_js_file(f"mgk/{name}")  # in <head>, before the outputs' inline boot scripts
        else:
            app.add_css_file(f"mgk/{name}")
    context["body"] = body


def _write_static(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    mgk = out / "_static" / "mgk"
    mgk.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("explorer.js", explorer_js()),
        ("explorer.css", explorer_css()),
        ("quiz.js", quiz_js()),
        ("quiz.css", quiz_css()),
    ):
        (mgk / name).write_text(text, encoding="utf-8")
    shutil.copyfile(plotly_js_path(), out / "plotly.min.js")


# --- launch links ----------------------------------------------------------------------------------------
def _retarget_binder(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    repository = app.config.html_theme_options["repository_url"].removeprefix("https://github.com/")
    ref = app.config.mgk_ref
    for ref_node in doctree.findall(nodes.reference):
        uri = ref_node.get("refuri", "")
        match = BINDER_RE.match(uri)
        if match:
            ref_node["refuri"] = f"https://mybinder.org/v2/gh/{repository}/{ref}{match.group(1) or ''}"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("mgk_ref", "HEAD", "html")
    app.add_html_math_renderer(
        "mathml", inline_renderers=(_visit_math, None), block_renderers=(_visit_displaymath, None)
    )
    app.connect("html-page-context", _disclaimer_shown)
    app.connect("html-page-context", _share_front_end)
    app.connect("doctree-resolved", _retarget_binder)
    app.connect("build-finished", _write_static)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
