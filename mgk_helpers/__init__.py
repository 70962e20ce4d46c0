"""Shared package of the Magnesium–Potassium teaching notebooks.

The folders are the layers; nothing imports upward:

* ``model/`` — the teaching model and everything it rests on (units, reference values, scenarios, the
  sufficiency map, clinical summaries, the data tables in ``model/tables/``): numpy, scipy, pint, pandas;
  no plotting, no widgets;
* ``plots/`` — plotly figures from the model's numbers; no widgets;
* ``plotly_view/`` — a generic light plotly widget and its Jupyter server extension; no Mg or K;
* ``explorers/`` — the explorers and self-check widgets, composing the three above;
* ``quizzes/`` — the self-check questions, one module per notebook.

Stable import names for notebooks and outside code: :mod:`mgk_helpers.model`, ``.scenarios``, ``.units``,
``.reference``, ``.membrane``, ``.data``, ``.sufficiency``, ``.exercises``, ``.plots`` and ``.widgets`` (the
last seven but ``plots`` are one-line modules that re-export a module of a layer).

The model is a *teaching* model: its magnesium → potassium coupling is a labelled hypothesis, and nothing
it prints is a clinical prediction or dosing advice.
"""

from .model.notices import DISCLAIMER

__version__ = "0.2.0"

__all__ = ["DISCLAIMER"]


def _jupyter_server_extension_points():
    """Jupyter Server entry point: serves plotly.js once, from this server, for the figures."""
    return [{"module": "mgk_helpers.plotly_view.server"}]
