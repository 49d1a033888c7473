"""Events of the consultation desk, for the apps above it (see `signal_handlers.py` there)."""

from django.dispatch import Signal

# A trainer answered a desa's question on the desk. Sent inside the transaction
# that saved the answer. Args: message (desk.HelpMessage; message.request is the
# thread, message.request.desa the desa whose operators should hear of it).
answer_posted = Signal()
