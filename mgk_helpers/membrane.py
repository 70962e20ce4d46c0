"""Nernst and GHK: ``mgk_helpers.membrane``, the stable name of :mod:`mgk_helpers.model.membrane`.

The code lives in the model layer (``mgk_helpers/model/``); notebooks and outside code may import either name.
"""

from .model.membrane import *  # noqa: F403
from .model.membrane import __all__ as __all__
