"""Reads for certificates that apps below ask for through settings."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from .models import Certificate


def valid_certificates_by_course(operator, course_ids):
    """{course_id: valid Certificate} of the operator among `course_ids` (one query)."""
    return {
        c.course_id: c
        for c in Certificate.objects.filter(
            operator=operator, course_id__in=course_ids, status=Certificate.Status.VALID
        ).only("pk", "course_id", "number", "token", "valid_until")
    }


@dataclass
class CertificateStanding:
    """Where an operator stands with one course's certificate.

    `valid`: the valid certificate; `expired`: the latest expired one nobody
    renewed yet; `held_back`: a revocation nobody lifted, which holds back every
    new certificate (renewals too)."""

    valid: Certificate | None = None
    expired: Certificate | None = None
    held_back: Certificate | None = None


def not_renewed():
    return ~Exists(Certificate.objects.filter(renews=OuterRef("pk")))


def certificate_standing_by_course(operator, course_ids):
    """{course_id: CertificateStanding} of the operator among `course_ids`, for
    the courses they hold or held a certificate of (one query)."""
    rows = (
        Certificate.objects.filter(operator=operator, course_id__in=course_ids)
        .filter(
            Q(status=Certificate.Status.VALID)
            | Q(status=Certificate.Status.REVOKED, lifted_at__isnull=True)
            | (Q(status=Certificate.Status.EXPIRED) & not_renewed())
        )
        .only("pk", "course_id", "number", "token", "status", "valid_until")
        .order_by("issued_at", "pk")
    )
    standing = {}
    for certificate in rows:
        entry = standing.setdefault(certificate.course_id, CertificateStanding())
        if certificate.status == Certificate.Status.VALID:
            entry.valid = certificate
        elif certificate.status == Certificate.Status.EXPIRED:
            entry.expired = certificate  # the latest wins: ordered by issue
        else:
            entry.held_back = certificate
    return standing


def valid_certificates_ending_between(*, first, last):
    """Valid certificates whose last valid day falls from `first` to `last`,
    with their operator and course (for the reminders before they end)."""
    return (
        Certificate.objects.filter(
            status=Certificate.Status.VALID,
            valid_until__gte=first,
            valid_until__lte=last,
        )
        .select_related("operator", "course")
        .order_by("valid_until", "pk")
    )
