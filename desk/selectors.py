"""Reads for the consultation desk: counts, a desa's threads, the queue, a thread."""

from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone

from .models import HelpRequest
from .permissions import desk_policy


class DeskCounts:
    """The consultation desk at a glance, within one user's scope.

    `waiting` counts threads marked "baru" (the desa waits for an answer),
    `answered` those marked "dijawab" (answered, not closed yet), `closed` those
    marked "selesai"; `oldest_waiting_since` is when the longest wait began.
    """

    def __init__(self, *, waiting, answered, closed, oldest_waiting_since):
        self.waiting = waiting
        self.answered = answered
        self.closed = closed
        self.oldest_waiting_since = oldest_waiting_since

    def __repr__(self):
        return (
            f"DeskCounts(waiting={self.waiting}, answered={self.answered}, "
            f"closed={self.closed}, oldest_waiting_since={self.oldest_waiting_since!r})"
        )

    @property
    def open(self):
        return self.waiting + self.answered

    def longest_wait(self, now=None):
        """How long the longest-waiting desa has waited, or None if none waits."""
        if self.oldest_waiting_since is None:
            return None
        return (now or timezone.now()) - self.oldest_waiting_since


def desk_counts(user):
    """Threads waiting, answered and closed, and the oldest wait, in the user's scope.

    One aggregate query, plus what the policy needs to resolve a staff member's
    region (nothing for operators).
    """
    status = HelpRequest.Status
    row = desk_policy.requests_for(user).aggregate(
        waiting=Count("pk", filter=Q(status=status.NEW)),
        answered=Count("pk", filter=Q(status=status.ANSWERED)),
        closed=Count("pk", filter=Q(status=status.CLOSED)),
        oldest=Min("waiting_since", filter=Q(status=status.NEW)),
    )
    return DeskCounts(
        waiting=row["waiting"],
        answered=row["answered"],
        closed=row["closed"],
        oldest_waiting_since=row["oldest"],
    )


def desa_threads(user):
    """The threads of the operator's desa, whoever opened them, latest activity first."""
    return (
        desk_policy.requests_for(user)
        .select_related("opened_by")
        .annotate(message_count=Count("messages"), last_at=Max("messages__created_at"))
        .order_by("-last_at", "-pk")
    )


def desk_queue(user, status):
    """Threads of one status in the staff member's region, with desa and kecamatan.

    Waiting threads come oldest wait first; answered ones least recently touched
    first; closed ones most recently closed first.
    """
    ordering = {
        HelpRequest.Status.NEW: [F("waiting_since").asc(nulls_last=True), "pk"],
        HelpRequest.Status.ANSWERED: ["last_at", "pk"],
        HelpRequest.Status.CLOSED: [F("closed_at").desc(nulls_last=True), "-pk"],
    }[status]
    return (
        desk_policy.requests_for(user)
        .filter(status=status)
        .select_related("desa__parent", "opened_by")
        .annotate(message_count=Count("messages"), last_at=Max("messages__created_at"))
        .order_by(*ordering)
    )


def thread_messages(help_request):
    """The messages of a thread with their authors, oldest first (one query)."""
    return list(
        help_request.messages.select_related("author").order_by("created_at", "pk")
    )
