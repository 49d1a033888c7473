"""Events of the portal, for the apps above it (see `signal_handlers.py` there)."""

from django.dispatch import Signal

# A publish on a desa subtree was recorded as website activity. Args: event.
publish_recorded = Signal()
