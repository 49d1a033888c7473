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
