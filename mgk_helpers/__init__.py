"""Shared package of the Magnesium–Potassium teaching notebooks.

Layers (nothing imports upward):

* model code — :mod:`.units`, :mod:`.reference`, :mod:`.membrane`, :mod:`.model`,
  :mod:`.scenarios`, :mod:`.data` (numpy, scipy, pint, pandas; no plotting, no widgets);
* :mod:`.plots` — static plotly figures (knows nothing of widgets);
* :mod:`.widgets` — explorers that compose the model and the plots.

The model is a *teaching* model: its magnesium → potassium coupling is a labelled hypothesis,
and nothing it prints is a clinical prediction or dosing advice.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "A teaching model, not medical advice. Chest pain or tightness, palpitations, fainting, "
    "trouble breathing or severe weakness need urgent care."
)


def _jupyter_server_extension_points():
    """Jupyter Server entry point: serves plotly.js once, from this server, for the explorers."""
    return [{"module": "mgk_helpers._server"}]
