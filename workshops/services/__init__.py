"""Writes for workshops (`workshops.py`) and the consultation desk (`desk.py`)."""

from .workshops import *  # noqa: F403
from .workshops import WorkshopError  # noqa: F401
