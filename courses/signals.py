"""Events of courses, for the apps above it (see `signal_handlers.py` there)."""

from django.dispatch import Signal

# An operator met every requirement of a course, once per operator and course.
# Sent inside the completion transaction; receivers run in it, so a failing
# receiver rolls the completion back. Args: operator, course.
course_completed = Signal()

# A trainer or admin granted an operator one more attempt at a quiz. Sent inside
# the granting transaction. Args: grant (courses.ExtraAttempt: operator, quiz,
# granted_by, reason, created_at).
extra_attempt_granted = Signal()

# An operator met the requirements of a renewal round (courses.Renewal), once
# per round. Sent inside the completing transaction; a receiver that raises
# rolls the completion back and the round stays open. Args: renewal.
renewal_completed = Signal()
