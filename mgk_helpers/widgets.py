"""The explorers and the self-check widget: the stable import name ``mgk_helpers.widgets``.

The code lives in the explorer layer (``mgk_helpers/explorers/``), one module per explorer.
"""

from .explorers import *  # noqa: F403
from .explorers import __all__ as __all__
