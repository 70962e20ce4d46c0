"""Unit conversions for Mg and K: ``mgk_helpers.units``, the stable name of :mod:`mgk_helpers.model.units`.

The code lives in the model layer (``mgk_helpers/model/``); notebooks and outside code may import either name.
"""

from .model.units import *  # noqa: F403
from .model.units import __all__ as __all__
