"""A light plotly figure widget: plotly.js loaded once per page, the figure patched in place.

Generic: nothing here knows about magnesium, potassium or the model. :class:`PlotlyView` is an anywidget
whose front end (``static/figure.js``) loads plotly.js from the Jupyter server's route
(:data:`PLOTLY_JS_ROUTE`, served by :mod:`.server`) or, failing that, once per page from the kernel.
"""

from .server import PLOTLY_JS_ROUTE, plotly_js_path
from .widget import DEFAULT_CONFIG, SIGNIFICANT_DIGITS, PlotlyView, figure_json, plain, plain_array

__all__ = [
    "DEFAULT_CONFIG",
    "PLOTLY_JS_ROUTE",
    "SIGNIFICANT_DIGITS",
    "PlotlyView",
    "figure_json",
    "plain",
    "plain_array",
    "plotly_js_path",
]
