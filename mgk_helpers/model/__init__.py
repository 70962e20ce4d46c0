"""The model layer: the teaching model of K balance with its Mg coupling, and everything it rests on.

Only numpy, scipy, pint, pandas and pandera: nothing here knows of plots or widgets.

* :mod:`.equations` — the model itself (``Params``, ``steady_state``, ``simulate``, ``Scenario``, …),
  re-exported here, so ``from mgk_helpers.model import steady_state`` works;
* :mod:`.scenarios` — ready-made scenarios; :mod:`.sufficiency` — the sufficiency map and the band;
* :mod:`.units` — unit conversions (pint); :mod:`.reference` — reference ranges, grades, ECG patterns;
* :mod:`.membrane` — Nernst and GHK; :mod:`.clinical` — lab summaries, red flags, cause presets;
* :mod:`.foods` — operations on the foods table; :mod:`.data` — the curated tables in ``tables/``.

The model is a *teaching* model: every Mg → K link in it is a hypothesis or a calibration, and nothing
it computes is a clinical prediction or dosing advice (``docs/MODEL_CARD.md``).
"""

from .equations import *  # noqa: F403  (the model API, listed in equations.__all__)
from .equations import __all__ as __all__
