"""Events of workshops, for the apps above it (see `signal_handlers.py` there)."""

from django.dispatch import Signal

# An operator holds a new seat at a workshop: invited, or their desa's seat moved
# to them when the operator before them was replaced. Sent inside the transaction
# that created or moved the seat, once per seat and operator.
# Args: invitation (workshops.Invitation: operator, workshop, session, desa).
operator_invited = Signal()
