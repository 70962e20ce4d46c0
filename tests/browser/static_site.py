"""A plain static file server for exported pages (no Jupyter), and the accessibility and layout checks."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from jlab import REPO

from mgk_helpers.plotly_view.server import plotly_js_path

#: nbconvert's lab template without require.js and MathJax from a CDN (app/share/nbconvert/templates).
TEMPLATES = REPO / "app" / "share" / "nbconvert" / "templates"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
#: Every explorer factory the notebooks call (mgk_helpers.widgets): the tests and benchmarks visit them all.
FACTORIES = [
    "unit_converter",
    "mg_k_steady_state",
    "cell_distribution",
    "membrane_explorer",
    "ecg_strip_explorer",
    "body_map",
    "time_course",
    "cause_presets",
    "lab_panel",
    "food_explorer",
    "diet_planner",
]
AXE_HINT = "axe-core is missing: run `npm ci` (make test-browser does it from package.json)"


def export_html(notebook: Path, out_dir: Path) -> Path:
    """``nbconvert --to html --template mgk-static`` of the committed notebook (not re-executed);
    plotly.min.js and the notebook's figures/ beside it."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    exporter = HTMLExporter(template_name="mgk-static", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb)
    page = out_dir / (notebook.stem + ".html")
    page.write_text(body, encoding="utf-8")
    if not (out_dir / "plotly.min.js").exists():
        shutil.copy(plotly_js_path(), out_dir / "plotly.min.js")
    figures = notebook.parent / "figures"  # the diagrams the notebook shows, as the README says to copy them
    if figures.is_dir() and not (out_dir / "figures").exists():
        shutil.copytree(figures, out_dir / "figures")
    return page


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class StaticServer:
    """``python -m http.server`` in a thread, bound to 127.0.0.1 on a free port, serving one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def temp_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def axe_violations(page, selector: str) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations inside every element matching ``selector``."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (selector) => {
          const els = [...document.querySelectorAll(selector)];
          if (!els.length) return [];
          const r = await axe.run({include: els},
            {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
             resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + n.failureSummary)}));
        }""",
        selector,
    )
    return result


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=1, ensure_ascii=False)


# Labels whose text does not fit their box (cut off), and pairs of figure text boxes that overlap.
CLIPPED_JS = """(root) => {
  const out = [];
  for (const e of root.querySelectorAll('.mgk-label, .mgk-option, .mgk-value, legend, select, button')) {
    if (e.scrollWidth > e.clientWidth + 1) out.push(e.textContent.trim());
  }
  return out;
}"""

OVERLAP_JS = """(root) => {
  const boxes = [...root.querySelectorAll('.mgk-figure .infolayer text, .mgk-figure .annotation-text,'
    + ' .mgk-figure .xtick text, .mgk-figure .ytick text, .mgk-figure .legendtext')]
    .map(t => ({t: t.textContent, r: t.getBoundingClientRect()})).filter(b => b.r.width > 0 && b.t.trim());
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 2 && h > 2) hits.push(boxes[i].t + ' ⟂ ' + boxes[j].t);
  }
  return hits;
}"""
