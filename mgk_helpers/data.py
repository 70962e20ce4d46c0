"""The curated data tables: ``mgk_helpers.data``, the stable name of :mod:`mgk_helpers.model.data`.

The code lives in the model layer (``mgk_helpers/model/``); notebooks and outside code may import either name.
"""

from .model.data import *  # noqa: F403
from .model.data import __all__ as __all__
