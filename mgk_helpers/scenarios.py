"""Ready-made scenarios: ``mgk_helpers.scenarios``, the stable name of :mod:`mgk_helpers.model.scenarios`.

The code lives in the model layer (``mgk_helpers/model/``); notebooks and outside code may import either name.
"""

from .model.scenarios import *  # noqa: F403
from .model.scenarios import __all__ as __all__
