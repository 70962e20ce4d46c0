"""Support for the *Going further (Python)* exercises: ``mgk_helpers.exercises``, the stable name of
:mod:`mgk_helpers.model.exercises`."""

from .model.exercises import *  # noqa: F403
from .model.exercises import __all__ as __all__
