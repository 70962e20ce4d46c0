"""Draw each explorer's default figure into its saved output, for renderers that strip scripts.

An explorer's saved output is a live HTML fragment (``mgk_helpers.explorers.base.fragment``); where scripts do
not run (GitHub, JupyterLab before the notebook is trusted) its fallback shows the default readout and the
figure's text alternative. This tool, run by ``make notebooks`` after execution, replaces that text with a
picture of the default figure (an SVG drawn by plotly.js in headless Chromium, the text alternative as its
``alt``). The picture is always the explorer's default figure, drawn from the spec (``spec["figure"]``), not
from a live page: an explorer that asks for a prediction first (``predict_first``; its prompt and options are
in the fallback above the picture) hides its live figure until the prediction is locked, but its saved picture
is the same default figure. The SVG is made deterministic (plotly's random figure id is replaced by a hash of
the figure), so re-running ``make notebooks`` reproduces the committed notebooks byte for byte.

Usage: ``python tools/static_figures.py NOTEBOOK ...`` (rewrites them in place).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import sys
import urllib.parse
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

_SPEC = re.compile(r'<script type="application/json" class="mgk-spec">(.*?)</script>', re.S)
_ALT = re.compile(r'<p class="mgk-fallback-alt"><em>Figure:</em> (.*?)</p>', re.S)
_IMG = re.compile(r'<img class="mgk-fallback-figure" src="[^"]*" alt="(.*?)">', re.S)

_DRAW = """async ([data, layout]) => {
  const div = document.createElement('div');
  document.body.appendChild(div);
  await Plotly.newPlot(div, data, layout, {staticPlot: true});
  const url = await Plotly.toImage(div, {format: 'svg', width: 860, height: layout.height || 480});
  Plotly.purge(div);
  div.remove();
  return {url};
}"""


def _fragments(nb: nbformat.NotebookNode):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html")
            if isinstance(page, str) and 'data-mgk-explorer="1"' in page:
                yield output


def draw(notebooks: list[Path]) -> None:
    from jlab import chromium_context
    from playwright.sync_api import sync_playwright

    from mgk_helpers.plotly_view.server import plotly_js_path

    with sync_playwright() as playwright, chromium_context(playwright) as context:
        page = context.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(plotly_js_path()))
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            for output in _fragments(nb):
                text = output["data"]["text/html"]
                spec = json.loads(_SPEC.search(text).group(1).replace("<\\/", "</"))
                figure = spec["figure"]
                layout = {**figure["layout"], "paper_bgcolor": "white", "plot_bgcolor": "white"}
                result = page.evaluate(_DRAW, [figure["data"], layout])
                svg = urllib.parse.unquote(result["url"].split(",", 1)[1])
                stable = hashlib.sha256(json.dumps(figure, sort_keys=True).encode()).hexdigest()[:6]
                # toImage draws a copy of the figure under a random id of its own: name it after the figure
                uid = re.search(r'<defs id="defs-([0-9a-f]+)"', svg).group(1)
                svg = re.sub(rf"(?<![0-9.]){uid}(?![0-9.])", stable, svg)
                uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
                alt = _ALT.search(text) or _IMG.search(text)
                if alt is None:
                    raise ValueError(f"{path}: an explorer fragment has no fallback figure text")
                text_alt = html.escape(html.unescape(alt.group(1)))
                img = f'<img class="mgk-fallback-figure" src="{uri}" alt="{text_alt}">'
                output["data"]["text/html"] = text[: alt.start()] + img + text[alt.end() :]
            nbformat.write(nb, path)
            print(f"figures drawn  {path}")


if __name__ == "__main__":
    draw([Path(p) for p in sys.argv[1:]])
