"""What courses do when a lower app reports an event."""

from accounts.signals import roles_changed

from .services import assign_course_groups


def assign_groups(sender, user, **kwargs):
    assign_course_groups(user=user)


def register_signal_handlers():
    roles_changed.connect(assign_groups, dispatch_uid="courses_assign_groups")
