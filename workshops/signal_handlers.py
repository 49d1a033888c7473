"""What workshops do when a lower app reports an event."""

from accounts.signals import operator_replaced, operators_changed

from .services.seats import fill_desa_seats, hand_over_seats


def hand_over_seats_of(sender, operator, actor, reason, **kwargs):
    hand_over_seats(operator=operator)


def fill_seats_of(sender, desa_ids, **kwargs):
    fill_desa_seats(desa_ids=desa_ids)


def register_signal_handlers():
    operator_replaced.connect(
        hand_over_seats_of, dispatch_uid="workshops_hand_over_seats"
    )
    operators_changed.connect(fill_seats_of, dispatch_uid="workshops_fill_seats")
