"""The sufficiency map and the uncertainty band:
``mgk_helpers.sufficiency``, the stable name of :mod:`mgk_helpers.model.sufficiency`.

The code lives in the model layer (``mgk_helpers/model/``); notebooks and outside code may import either name.
"""

from .model.sufficiency import *  # noqa: F403
from .model.sufficiency import __all__ as __all__
