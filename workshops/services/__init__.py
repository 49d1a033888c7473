"""Writes for workshops (`workshops.py`, `letters.py`, `seats.py`)."""

from .workshops import *  # noqa: F403
from .workshops import WorkshopError  # noqa: F401
