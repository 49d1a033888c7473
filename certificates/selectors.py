"""Reads for certificates that apps below ask for through settings."""

from .models import Certificate


def valid_certificates_by_course(operator, course_ids):
    """{course_id: valid Certificate} of the operator among `course_ids` (one query)."""
    return {
        c.course_id: c
        for c in Certificate.objects.filter(
            operator=operator, course_id__in=course_ids, status=Certificate.Status.VALID
        ).only("pk", "course_id", "number", "token", "valid_until")
    }


def valid_certificates_ending_between(*, first, last):
    """Valid certificates whose last valid day falls from `first` to `last`,
    with their operator (for the reminders before they end)."""
    return (
        Certificate.objects.filter(
            status=Certificate.Status.VALID,
            valid_until__gte=first,
            valid_until__lte=last,
        )
        .select_related("operator")
        .order_by("valid_until", "pk")
    )
