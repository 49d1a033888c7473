"""Writes for certificates: issue (automatic, by hand, in batches), revoke, lift a
revocation, expire, re-issue, renew.

Publishing rights move in the same transaction as the certificate that carries them.
A revocation holds back every new certificate for that operator and course until
someone in scope lifts it; an expiry does not.
"""

from __future__ import annotations

import contextlib
import io
import logging
import secrets
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from courses.models import Enrollment
from courses.services import close_open_renewals
from lms.shared.errors import DomainError
from portal.services import (
    PublishingRightsError,
    grant_publishing_rights,
    revoke_publishing_rights,
)
from regions.models import Region

from .models import Certificate, CertificateTemplate, NumberSequence
from .permissions import certificate_policy
from .selectors import not_renewed
from .signals import certificate_ended, certificate_issued
from .tasks import render_certificate_pdf

if TYPE_CHECKING:
    from courses.models import CoursePage

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L, 5/S, 8/B: the short code is typed from paper.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
CODE_LENGTH = 10


class CertificateError(DomainError):
    """A certificate action that cannot happen; the message says why and what to do."""


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits


def new_short_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_short_code(*, value: str | None) -> str | None:
    """Accept the code as people type it: any case, spaces or dashes."""
    cleaned = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    return (
        cleaned
        if len(cleaned) == CODE_LENGTH and set(cleaned) <= set(CODE_ALPHABET)
        else None
    )


def template_for(*, kabupaten: Region) -> CertificateTemplate:
    template = (
        CertificateTemplate.objects.filter(kabupaten=kabupaten).first()
        or CertificateTemplate.objects.filter(kabupaten__isnull=True)
        .order_by("pk")
        .first()
    )
    if template is None:
        raise CertificateError(
            _(
                "There is no certificate template for %(kabupaten)s. Ask Diskominfo to create one under Snippets → Certificate templates."
            )
            % {"kabupaten": kabupaten.display_name}
        )
    return template


def _next_number(template, kabupaten, year):
    key = f"{kabupaten.code}/{year}"
    NumberSequence.objects.get_or_create(key=key)
    sequence = NumberSequence.objects.select_for_update().get(key=key)
    sequence.value += 1
    sequence.save(update_fields=["value"])
    return template.number_pattern.format(
        kabupaten=kabupaten.code, year=year, seq=sequence.value
    )


def _add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, last_day))


def validity_end(*, template: CertificateTemplate, issued_on: date) -> date | None:
    """The last day a certificate issued on `issued_on` in `template` is valid;
    None when the template's certificates do not expire."""
    if not template.validity_months:
        return None
    return _add_months(issued_on, template.validity_months)


def _desa_of(operator):
    if operator.role != User.Role.OPERATOR or operator.region_id is None:
        raise CertificateError(
            _(
                "%(name)s is not an operator of a desa. Place the account in a desa before issuing a certificate."
            )
            % {"name": operator.display_name}
        )
    desa = Region.objects.select_related("parent__parent").get(pk=operator.region_id)
    if desa.level != Region.Level.DESA:
        raise CertificateError(
            _("The operator's region is not a desa. Place the account in a desa first.")
        )
    return desa


def _create(
    *, operator, course, issued_by, reason, replaces=None, renews=None, number=None
):
    desa = _desa_of(operator)
    kabupaten = desa.parent.parent
    template = template_for(kabupaten=kabupaten)
    now = timezone.now()
    local_today = timezone.localdate(now)
    certificate = Certificate.objects.create(
        operator=operator,
        course=course,
        template=template,
        number=number or _next_number(template, kabupaten, local_today.year),
        token=new_token(),
        short_code=new_short_code(),
        issued_at=now,
        valid_until=validity_end(template=template, issued_on=local_today),
        issued_by=issued_by,
        issue_reason=reason,
        replaces=replaces,
        renews=renews,
        holder_name=operator.get_full_name() or operator.username,
        desa_name=desa.display_name,
        kecamatan_name=desa.parent.display_name,
        kabupaten_name=kabupaten.display_name,
        desa_code=desa.code,
        course_title=course.title,
    )
    if course.grants_publishing_rights:
        grant_publishing_rights(
            operator=operator,
            actor=issued_by,
            reason=_("Certificate %(number)s") % {"number": certificate.number},
        )
    log(
        instance=certificate,
        action="literasi.certificate.issue",
        user=issued_by,
        data={"number": certificate.number, "reason": reason},
    )
    if renews is None:
        # Issued another way than the operator's renewal round: nothing is
        # left to renew, so a round left open would mislead Kursus saya.
        close_open_renewals(
            operator=operator,
            course=course,
            note=_("Certificate %(number)s was issued: %(reason)s")
            % {"number": certificate.number, "reason": reason or _("course completed")},
        )
    transaction.on_commit(lambda: _enqueue_pdf(certificate.pk))
    certificate_issued.send(sender=Certificate, certificate=certificate)
    return certificate


def _enqueue_pdf(certificate_id):
    render_certificate_pdf.enqueue(certificate_id)


def _refuse_while_revoked(operator, course):
    """Raise while a revocation of the operator's certificate for the course holds."""
    revoked = (
        Certificate.objects.filter(
            operator=operator,
            course=course,
            status=Certificate.Status.REVOKED,
            lifted_at__isnull=True,
        )
        .order_by("-ended_at")
        .first()
    )
    if revoked is not None:
        raise CertificateError(
            _(
                "Certificate %(number)s of %(name)s for %(course)s was revoked. Ask Diskominfo to lift the revocation before a new certificate is issued."
            )
            % {
                "number": revoked.number,
                "name": operator.display_name,
                "course": course.title,
            }
        )


def issue_certificate(
    *,
    operator: User,
    course: CoursePage,
    issued_by: User | None = None,
    reason: str = "",
) -> Certificate:
    """Issue the operator's certificate for the course, or return the valid one they hold.

    Refused while a revocation for the course holds (see `lift_revocation`).
    Idempotent whatever the retries or races: the database allows one valid
    certificate per operator and course, and the loser of a race gets the winner's.
    """
    _refuse_while_revoked(operator, course)
    existing = Certificate.objects.filter(
        operator=operator, course=course, status=Certificate.Status.VALID
    ).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return _create(
                operator=operator, course=course, issued_by=issued_by, reason=reason
            )
    except IntegrityError:
        existing = Certificate.objects.filter(
            operator=operator, course=course, status=Certificate.Status.VALID
        ).first()
        if existing is None:
            raise
        return existing


def issue_certificate_by_hand(
    *, actor: User, operator: User, course: CoursePage, reason: str
) -> Certificate:
    """A trainer or admin issues a certificate with a reason (e.g. tested on paper)."""
    if not certificate_policy.user_can_issue_for(actor, operator):
        raise PermissionDenied(
            _("You may only issue certificates to operators in your region.")
        )
    if not (reason or "").strip():
        raise CertificateError(_("Write why you issue this certificate by hand."))
    return issue_certificate(
        operator=operator, course=course, issued_by=actor, reason=reason.strip()
    )


@dataclass(frozen=True)
class Skipped:
    """An operator a batch did not issue to, and the sentence that says why."""

    class Why:
        NOT_COMPLETED = "not_completed"
        OUT_OF_SCOPE = "out_of_scope"
        REFUSED = "refused"  # e.g. a revocation holds; `reason` names it

    operator: User
    course: object
    why: str
    reason: str


@dataclass
class BatchResult:
    """What a batch issued (or found already valid) and whom it skipped."""

    issued: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    def __iadd__(self, other):
        self.issued += other.issued
        self.skipped += other.skipped
        return self


def issue_batch(
    *, actor: User, operators: Iterable[User], course: CoursePage
) -> BatchResult:
    """Issue for everyone eligible (course completed, in the actor's region) among
    `operators`; the result also lists who was skipped and why."""
    completed = set(
        Enrollment.objects.filter(
            operator__in=operators, course=course, completed_at__isnull=False
        ).values_list("operator_id", flat=True)
    )
    result = BatchResult()
    for operator in operators:
        if not certificate_policy.user_can_issue_for(actor, operator):
            result.skipped.append(
                Skipped(
                    operator,
                    course,
                    Skipped.Why.OUT_OF_SCOPE,
                    _(
                        "The operator is outside your region; an admin of their region issues this certificate."
                    ),
                )
            )
        elif operator.pk not in completed:
            result.skipped.append(
                Skipped(
                    operator,
                    course,
                    Skipped.Why.NOT_COMPLETED,
                    _("The course is not completed yet."),
                )
            )
        else:
            try:
                result.issued.append(
                    issue_certificate(
                        operator=operator,
                        course=course,
                        issued_by=actor,
                        reason=_("Batch issue"),
                    )
                )
            except CertificateError as exc:
                result.skipped.append(
                    Skipped(operator, course, Skipped.Why.REFUSED, str(exc))
                )
    return result


def _drop_rights_if_none_left(certificate, actor, reason):
    """Revoke publishing rights unless another valid certificate still carries them."""
    still_carried = Certificate.objects.filter(
        operator_id=certificate.operator_id,
        status=Certificate.Status.VALID,
        course__grants_publishing_rights=True,
    ).exclude(pk=certificate.pk)
    if certificate.course.grants_publishing_rights and not still_carried.exists():
        # An operator who left the desa role has no rights left to remove.
        with contextlib.suppress(PublishingRightsError):
            revoke_publishing_rights(
                operator=certificate.operator, actor=actor, reason=reason
            )


def _end(certificate, *, status, actor, reason, action, drop_rights=True):
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update()
            .select_related("course", "operator")
            .get(pk=certificate.pk)
        )
        if locked.status != Certificate.Status.VALID:
            raise CertificateError(
                _("Certificate %(number)s is already %(status)s; nothing was changed.")
                % {
                    "number": locked.number,
                    "status": locked.get_status_display().lower(),
                }
            )
        locked.status = status
        locked.ended_at = timezone.now()
        locked.ended_by = actor
        locked.end_reason = reason
        locked.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
        if drop_rights:
            _drop_rights_if_none_left(locked, actor, reason)
        certificate_ended.send(sender=Certificate, certificate=locked)
        log(
            instance=locked,
            action=action,
            user=actor,
            data={"number": locked.number, "reason": reason},
        )
    return locked


def revoke_certificate(
    *, actor: User, certificate: Certificate, reason: str
) -> Certificate:
    """Revoke with a reason; publishing rights go in the same transaction."""
    if not certificate_policy.user_has_permission_for_instance(
        actor, "change", certificate
    ):
        raise PermissionDenied(_("You may only revoke certificates in your region."))
    if not (reason or "").strip():
        raise CertificateError(_("Write the reason for revoking the certificate."))
    return _end(
        certificate,
        status=Certificate.Status.REVOKED,
        actor=actor,
        reason=reason.strip(),
        action="literasi.certificate.revoke",
    )


def lift_revocation(
    *, actor: User, certificate: Certificate, reason: str
) -> Certificate:
    """Let the operator be issued this course's certificate again, with a reason.

    The certificate stays revoked and nothing is issued or granted here: a new
    certificate comes only the normal ways (completion, by hand, a workshop batch).
    """
    if not certificate_policy.user_has_permission_for_instance(
        actor, "lift", certificate
    ):
        raise PermissionDenied(
            _(
                "Only Diskominfo or kecamatan admins of the region may lift a revocation."
            )
        )
    if not (reason or "").strip():
        raise CertificateError(_("Write why the revocation is lifted."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.holds_back_new_certificates:
            raise CertificateError(
                _(
                    "Certificate %(number)s has no revocation to lift; nothing was changed."
                )
                % {"number": locked.number}
            )
        locked.lifted_at = timezone.now()
        locked.lifted_by = actor
        locked.lift_reason = reason.strip()
        locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        log(
            instance=locked,
            action="literasi.certificate.lift_revocation",
            user=actor,
            data={"number": locked.number, "reason": locked.lift_reason},
        )
    return locked


def expire_certificates(*, today: date | None = None) -> int:
    """Expire every valid certificate past its date (run daily); returns how many."""
    today = today or timezone.localdate()
    due = Certificate.objects.filter(
        status=Certificate.Status.VALID, valid_until__lt=today
    )
    count = 0
    for certificate in due.iterator():
        try:
            _end(
                certificate,
                status=Certificate.Status.EXPIRED,
                actor=None,
                reason=_("Validity ended"),
                action="literasi.certificate.expire",
            )
        except CertificateError:
            continue  # revoked meanwhile by someone else
        count += 1
    return count


def reissue_certificate(
    *, actor: User, certificate: Certificate, reason: str
) -> Certificate:
    """Replace a certificate (e.g. a name correction): old marked replaced, new valid.

    The new one keeps the number with a revision suffix, so the history stays readable.
    """
    if not certificate_policy.user_has_permission_for_instance(
        actor, "change", certificate
    ):
        raise PermissionDenied(_("You may only re-issue certificates in your region."))
    if not (reason or "").strip():
        raise CertificateError(_("Write why the certificate is issued again."))
    with transaction.atomic():
        old = _end(
            certificate,
            status=Certificate.Status.REPLACED,
            actor=actor,
            reason=reason.strip(),
            action="literasi.certificate.replace",
            drop_rights=False,
        )
        base = old.number.split("-R")[0]
        revisions = Certificate.objects.filter(number__startswith=f"{base}-R").count()
        return _create(
            operator=old.operator,
            course=old.course,
            issued_by=actor,
            reason=reason.strip(),
            replaces=old,
            number=f"{base}-R{revisions + 1}",
        )


def renew_certificate(*, operator: User, course: CoursePage) -> Certificate:
    """Renew the operator's certificate of the course after a renewal round.

    A new certificate (new number, valid from today) renews the valid one, which
    ends as renewed without its publishing rights ever being dropped, or else the
    latest expired one nobody renewed, which stays expired. Refused while a
    revocation holds. All of it in one transaction: a failure anywhere leaves
    the old certificate, the rights and the log as they were.
    """
    with transaction.atomic():
        _refuse_while_revoked(operator, course)
        mine = Certificate.objects.select_for_update().filter(
            operator=operator, course=course
        )
        old = mine.filter(status=Certificate.Status.VALID).first() or (
            mine.filter(not_renewed(), status=Certificate.Status.EXPIRED)
            .order_by("-issued_at", "-pk")
            .first()
        )
        if old is None:
            raise CertificateError(
                _(
                    "%(name)s holds no valid or expired certificate of %(course)s to renew. Ask Diskominfo to issue one by hand if it is due."
                )
                % {"name": operator.display_name, "course": course.title}
            )
        reason = _("Renewal of certificate %(number)s") % {"number": old.number}
        if old.status == Certificate.Status.VALID:
            old = _end(
                old,
                status=Certificate.Status.RENEWED,
                actor=None,
                reason=reason,
                action="literasi.certificate.renewed",
                drop_rights=False,
            )
        new = _create(
            operator=operator,
            course=course,
            issued_by=None,
            reason=reason,
            renews=old,
        )
        log(
            instance=new,
            action="literasi.certificate.renew",
            user=None,
            data={"number": new.number, "renews": old.number},
        )
    return new


def issue_on_course_completion(
    *, operator: User, course: CoursePage
) -> Certificate | None:
    """Issue the certificate of a completed course (inside the completion transaction).

    A certificate that cannot be issued (no desa, no template) must not undo the
    operator's completion: it is logged, and an admin issues it by hand later.
    """
    try:
        with transaction.atomic():
            return issue_certificate(operator=operator, course=course)
    except CertificateError as exc:
        logger.warning("No certificate for %s in %s: %s", operator.pk, course.pk, exc)
        return None


def certificates_zip(*, certificates: Iterable[Certificate]) -> bytes:
    """One ZIP of the certificates' PDFs (rendering any not yet stored)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            if not certificate.pdf:
                render_certificate_pdf.call(certificate.pk)
                certificate.refresh_from_db(fields=["pdf"])
            with certificate.pdf.open("rb") as handle:
                name = certificate.number.replace("/", "-") + ".pdf"
                archive.writestr(name, handle.read())
    return buffer.getvalue()
