"""A tiny Jupyter Server extension: serve plotly.js from the local server.

Explorer figures load plotly.js with an ordinary ``<script src=…>`` from
``{base_url}mgk-helpers/static/plotly.min.js`` (the copy shipped inside the installed
``plotly`` package), so the browser downloads it once and caches it, and nothing is fetched
from a CDN. Without this, every stock ``FigureWidget`` resends the ~5 MB bundle over the kernel
websocket (see :mod:`mgk_helpers.figure`).

Enabled by ``jupyter server extension enable --sys-prefix mgk_helpers`` (``make lab`` and
``binder/postBuild`` do it).
"""

from __future__ import annotations

from pathlib import Path

STATIC_ROUTE = "mgk-helpers/static"


def plotly_js_dir() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data"


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler

    web_app = serverapp.web_app
    base_url = web_app.settings["base_url"]
    route = url_path_join(base_url, STATIC_ROUTE, r"(plotly\.min\.js)")
    web_app.add_handlers(
        ".*$",
        [(route, StaticFileHandler, {"path": str(plotly_js_dir())})],
    )
    serverapp.log.info("mgk_helpers: serving plotly.js at %s", url_path_join(base_url, STATIC_ROUTE))
