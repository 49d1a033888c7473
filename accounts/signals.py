"""Events of accounts, for the apps above it (see `signal_handlers.py` there)."""

from django.dispatch import Signal

# A user's role, region or active state may have changed; the apps that give
# groups for them (portal, courses) put the user in the right ones. Args: user.
roles_changed = Signal()

# An operator stops serving their desa (deactivated, or moved to another desa),
# sent before the change: what they held for that desa must go.
# Args: operator, actor, reason.
operator_replaced = Signal()

# Operators of these desa were created, deactivated, reactivated or moved.
# Args: desa_ids.
operators_changed = Signal()
