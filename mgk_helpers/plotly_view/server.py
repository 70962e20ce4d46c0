"""A tiny Jupyter Server extension: serve plotly.js from the local server.

Figures load plotly.js with an ordinary ``<script src=…>`` from ``{base_url}`` + :data:`PLOTLY_JS_ROUTE`
(the copy shipped inside the installed ``plotly`` package), so the browser downloads it once and caches
it, and nothing is fetched from a CDN. Without this, every stock ``FigureWidget`` resends the ~5 MB
bundle over the kernel websocket (see :mod:`mgk_helpers.plotly_view.widget`).

Enabled by the ``jupyter-config/mgk_helpers.json`` file that the package installs (``make lab`` and
Binder install it). The route serves that one public file only.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["PLOTLY_JS_ROUTE", "plotly_js_path"]

#: Where, under the server's base URL, plotly.js is served (one home: the front end receives it as a trait).
PLOTLY_JS_ROUTE = "mgk-helpers/static/plotly.min.js"


def plotly_js_path() -> Path:
    """Path of the plotly.js bundle shipped inside the installed ``plotly`` package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler

    web_app = serverapp.web_app
    base_url = web_app.settings["base_url"]
    folder, name = PLOTLY_JS_ROUTE.rsplit("/", 1)
    route = url_path_join(base_url, folder, f"({re.escape(name)})")
    path = plotly_js_path()
    web_app.add_handlers(".*$", [(route, StaticFileHandler, {"path": str(path.parent)})])
    serverapp.log.info("mgk_helpers: serving plotly.js at %s", url_path_join(base_url, PLOTLY_JS_ROUTE))
