"""Reference ranges, grades and ECG patterns:
``mgk_helpers.reference``, the stable name of :mod:`mgk_helpers.model.reference`.

The code lives in the model layer (``mgk_helpers/model/``); notebooks and outside code may import either name.
"""

from .model.reference import *  # noqa: F403
from .model.reference import __all__ as __all__
