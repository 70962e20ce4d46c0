"""A light plotly figure widget for the explorers: plotly.js is loaded once per page, not per figure.

Design choice
-------------
Stock ``plotly.graph_objects.FigureWidget`` is an anywidget whose ``_esm`` *is* the whole
plotly.js bundle (≈ 5 MB): every instance resends it over the kernel websocket and into the
saved widget state (plotly/plotly.py#5143; ~1 s per figure locally, ~10 s on a remote hub).
:class:`PlotlyView` is a small :class:`anywidget.AnyWidget` instead:

* its ``_esm`` (``static/figure.js``, a few KB) loads plotly.js ONCE per page with an ordinary
  ``<script src="{baseUrl}mgk-helpers/static/plotly.min.js">`` served by this package's Jupyter
  Server extension (:mod:`mgk_helpers.plotly_view.server`) from the copy inside the installed ``plotly``
  package, so the browser caches it and nothing is fetched from a CDN;
* if that script cannot load (VS Code, Colab, the extension not enabled, standalone Voilà), the
  front end asks the kernel once per page (``{"type": "request-plotly-js"}``) and the kernel
  replies with the bundle as a custom message — the old cost, but paid once, not per figure;
* the figure itself travels as plain JSON traits ``data`` / ``figure_layout`` / ``config`` /
  ``alt_text`` (not ``layout``: that name is the ipywidgets CSS ``Layout`` of every DOM widget, and
  shadowing it breaks the view in JupyterLab).
  Explorers update it in place (:meth:`PlotlyView.patch`) inside one ``hold_sync`` batch, so one
  slider move sends one small message and the browser redraws once with ``Plotly.react``.

What this saves, in bytes per figure and per notebook, is measured by ``make bench``
(``bench/bench_widgets.py``) and recorded in BENCHMARKS.md.

Serialisation: ``fig.to_plotly_json()`` + :func:`plain` and ``json.loads(plotly.io.to_json(fig))``
cost about the same; we use the former because
it lets us round to 5 significant digits and decode plotly's base64 arrays into plain lists, which
keeps messages small and lets tests read the numbers. Explorers skip both on updates: they patch
trace arrays computed directly from the model.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import anywidget
import numpy as np
import plotly.graph_objects as go
import traitlets

from .server import PLOTLY_JS_ROUTE, plotly_js_path

__all__ = ["DEFAULT_CONFIG", "SIGNIFICANT_DIGITS", "PlotlyView", "figure_json", "plain", "plain_array"]

_ESM = resources.files("mgk_helpers.plotly_view").joinpath("static", "figure.js").read_text("utf-8")

#: plotly.js configuration: no logo, no links off the server, no MathJax typesetting.
DEFAULT_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "showLink": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "typesetMath": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "mgk-figure"},
}

#: Significant digits kept when numbers are sent to the browser (plenty for a screen; keeps messages small).
SIGNIFICANT_DIGITS = 5


def _round(x: float) -> float | None:
    if not math.isfinite(x):
        return None
    if x == 0.0:
        return 0.0
    return round(x, SIGNIFICANT_DIGITS - 1 - int(math.floor(math.log10(abs(x)))))


def plain(obj: Any) -> Any:
    """Convert plotly/numpy values to plain JSON types (lists, dicts, str, float, int, bool, None).

    Floats are rounded to :data:`SIGNIFICANT_DIGITS` significant digits and non-finite numbers
    become ``None`` (a gap in a line), so ``json.dumps`` always works and messages stay small.
    """
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind == "f":
            return plain_array(obj)
        return [plain(v) for v in obj.tolist()]
    if isinstance(obj, Mapping):
        if "bdata" in obj and "dtype" in obj:
            return plain(_decode_typed_array(obj))
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return _round(float(obj))
    if obj is None or isinstance(obj, str):
        return obj
    if hasattr(obj, "to_plotly_json"):
        return plain(obj.to_plotly_json())
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return str(obj)


def _decode_typed_array(spec: Mapping[str, Any]) -> np.ndarray:
    """Decode plotly's base64 typed-array encoding (``{"dtype", "bdata", "shape"}``) to numpy."""
    a = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]))
    shape = spec.get("shape")
    if shape:
        a = a.reshape([int(n) for n in str(shape).split(",")])
    return a


def plain_array(values: Iterable[float] | np.ndarray) -> list[float | None]:
    """A float array as a list rounded to :data:`SIGNIFICANT_DIGITS` significant digits (NaN → None)."""
    a = np.asarray(values, dtype=float)
    if a.ndim > 1:
        return [plain_array(row) for row in a]
    finite = np.isfinite(a)
    mag = np.zeros_like(a)
    nz = finite & (a != 0.0)
    mag[nz] = np.floor(np.log10(np.abs(a[nz])))
    scale = 10.0 ** (SIGNIFICANT_DIGITS - 1 - mag)
    out = np.where(finite, np.round(a * scale) / scale, 0.0).tolist()
    if finite.all():
        return out
    return [v if ok else None for v, ok in zip(out, finite.tolist(), strict=True)]


def figure_json(fig: go.Figure) -> tuple[list[dict], dict]:
    """``(data, layout)`` of a plotly figure as plain JSON (see :func:`plain`)."""
    spec = fig.to_plotly_json()
    return plain(spec.get("data", [])), plain(spec.get("layout", {}))


class PlotlyView(anywidget.AnyWidget):
    """A plotly figure drawn by plotly.js loaded once per page (see the module docstring).

    Traits (synced): ``data`` (list of trace dicts), ``figure_layout`` (the plotly layout dict),
    ``config`` (dict), ``alt_text`` (the figure's text alternative, used as its ``aria-label``) and
    ``plotly_js_route`` (where the server serves plotly.js, below its base URL).
    """

    _esm = _ESM

    data = traitlets.List([]).tag(sync=True)
    figure_layout = traitlets.Dict({}).tag(sync=True)
    config = traitlets.Dict(DEFAULT_CONFIG).tag(sync=True)
    alt_text = traitlets.Unicode("").tag(sync=True)
    plotly_js_route = traitlets.Unicode(PLOTLY_JS_ROUTE).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("mgk-figure")
        self.on_msg(self._on_frontend_msg)

    @classmethod
    def from_figure(cls, fig: go.Figure, alt_text: str | None = None, **kwargs: Any) -> PlotlyView:
        """A view of ``fig``. ``alt_text`` defaults to ``fig.layout.meta["alt_text"]`` if present."""
        data, layout = figure_json(fig)
        alt = alt_text if alt_text is not None else _alt_from_layout(layout)
        return cls(data=data, figure_layout=layout, alt_text=alt, **kwargs)

    def trace_index(self, uid: str) -> int:
        """Index of the trace whose ``uid`` is ``uid`` (ValueError if there is none)."""
        for i, trace in enumerate(self.data):
            if trace.get("uid") == uid:
                return i
        raise ValueError(f"uid={uid!r}: no trace has this uid; uids are {[t.get('uid') for t in self.data]}")

    def patch(
        self,
        traces: Mapping[str, Mapping[str, Any]] | None = None,
        layout: Mapping[str, Any] | None = None,
        alt_text: str | None = None,
    ) -> None:
        """Update some trace properties (by trace ``uid``) and layout keys in place, in one message.

        ``traces`` maps a trace uid to the properties to set (``{"serum_k": {"x": [...], "y": [...]}}``;
        numpy arrays are converted with :func:`plain`). ``layout`` maps *top-level* layout keys to
        their new value; a nested dict is merged one level deep (``{"xaxis": {"title": {...}}}``
        keeps the other ``xaxis`` keys). Only changed traits are sent.
        """
        new_data = self.data
        if traces:
            new_data = list(self.data)
            for uid, props in traces.items():
                i = self.trace_index(uid)
                new_data[i] = {**new_data[i], **plain(props)}
        new_layout = self.figure_layout
        if layout:
            new_layout = dict(self.figure_layout)
            for key, value in plain(layout).items():
                old = new_layout.get(key)
                if isinstance(value, dict) and isinstance(old, dict):
                    new_layout[key] = {**old, **value}
                else:
                    new_layout[key] = value
        with self.hold_sync():
            self.data = new_data
            self.figure_layout = new_layout
            if alt_text is not None:
                self.alt_text = alt_text

    def _on_frontend_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "request-plotly-js":
            self.send({"type": "plotly-js", "source": plotly_js_path().read_text(encoding="utf-8")})


def _alt_from_layout(layout: Mapping[str, Any]) -> str:
    meta = layout.get("meta")
    if isinstance(meta, Mapping):
        return str(meta.get("alt_text", ""))
    return ""
