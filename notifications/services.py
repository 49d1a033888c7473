"""Writes of notifications: tell a user something once, deliver it, mark it read.

The apps below tell `signal_handlers.py` what happened; it writes the Indonesian
text and calls `notify`. Delivery by email or gateway runs in the background worker
after the commit, once per notice and channel whatever the retries.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from accounts.models import User
from certificates.models import Certificate
from courses.selectors import offers_renewal, renewal_opens_on
from workshops.selectors import zone_name

from .backends import get_gateway
from .models import Delivery, Notice, NotificationPreference
from .selectors import channels_for, message_text, unread_cache_key

logger = logging.getLogger(__name__)


def _forget_unread_count(user_id):
    # Now, and again at the commit: a page read between the two would otherwise
    # cache the count from before this transaction.
    cache.delete(unread_cache_key(user_id))


def _after_commit(*, notice_id, user_id, deliver):
    _forget_unread_count(user_id)
    if deliver:
        from .tasks import deliver_notice as deliver_task

        deliver_task.enqueue(notice_id)


def notify(
    *, recipient: User, kind: str, key: str, title: str, body: str, url: str
) -> Notice | None:
    """Tell `recipient` something, once per `key`: the same key again is a no-op.

    Creates the inbox notice and a delivery for each channel the recipient chose,
    sent by the background worker when the transaction commits. A deactivated
    account is told nothing (None).
    """
    if not recipient.is_active:
        return None
    # One transaction (the caller's, if any) for the notice and its deliveries; the
    # insert alone in a savepoint, so a notice that exists is a no-op, not an error.
    with transaction.atomic(savepoint=False):
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    recipient=recipient,
                    key=key,
                    kind=kind,
                    title=title[:255],
                    body=body,
                    url=url,
                )
        except IntegrityError:
            return Notice.objects.get(recipient=recipient, key=key)
        channels = channels_for(recipient)
        wanted = [
            channel
            for channel, on in (
                (Delivery.Channel.EMAIL, channels.email),
                (Delivery.Channel.GATEWAY, channels.gateway),
            )
            if on
        ]
        Delivery.objects.bulk_create(
            [Delivery(notice=notice, channel=channel) for channel in wanted]
        )
        _forget_unread_count(recipient.pk)
        transaction.on_commit(
            lambda: _after_commit(
                notice_id=notice.pk, user_id=recipient.pk, deliver=bool(wanted)
            ),
            robust=True,
        )
    return notice


def mark_read(*, user: User, notice: Notice) -> Notice:
    """The user opened their notice; reading it again changes nothing."""
    if notice.recipient_id != user.pk:
        raise Notice.DoesNotExist
    if notice.read_at is None:
        now = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now)
        notice.read_at = now
        _forget_unread_count(user.pk)
        transaction.on_commit(lambda: _forget_unread_count(user.pk))
    return notice


def mark_all_read(*, user: User) -> int:
    """Every unread notice of the user becomes read; returns how many."""
    count = Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _forget_unread_count(user.pk)
    transaction.on_commit(lambda: _forget_unread_count(user.pk))
    return count


def save_preferences(*, user: User, email: bool, gateway: bool) -> None:
    """Keep the channels the user chose (the inbox is always on)."""
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email, "gateway": gateway}
    )


# Wagtail's own emails on a moderation decision (wagtail.admin.mail reads these
# UserProfile flags), which link into the admin operators are kept out of.
WAGTAIL_MODERATION_EMAILS = (
    "approved_notifications",
    "rejected_notifications",
    "updated_comments_notifications",
)


def silence_wagtail_moderation_emails(*, user: User) -> bool:
    """An operator hears of moderation decisions from this app only (with a Meja
    Tulis link), not from Wagtail too; returns whether a flag was turned off.

    Other roles keep their choice: staff read Wagtail's emails and use the admin.
    """
    if user.role != User.Role.OPERATOR:
        return False
    profile = UserProfile.get_for_user(user)
    on = [name for name in WAGTAIL_MODERATION_EMAILS if getattr(profile, name)]
    for name in on:
        setattr(profile, name, False)
    if on:
        profile.save(update_fields=on)
    return bool(on)


def _send(delivery, notice):
    text = message_text(notice)
    if delivery.channel == Delivery.Channel.EMAIL:
        send_mail(notice.title, text, None, [notice.recipient.email])
        return
    gateway = get_gateway()
    if gateway is None:
        raise RuntimeError("No gateway is configured (NOTIFICATIONS_GATEWAY_BACKEND).")
    gateway.send(phone=notice.recipient.phone, text=text)


# A delivery is tried at most this many times (the first and the retries of
# `retry_deliveries`), and retried only while its notice is this recent: a
# message days late would tell of something already past.
MAX_DELIVERY_ATTEMPTS = 5
RETRY_WITHIN = timedelta(days=2)
# A delivery still waiting this long after its notice lost its task (the worker
# stopped before it ran); it is queued again.
STALE_PENDING_AFTER = timedelta(minutes=30)


def deliver_notice(*, notice_id: int) -> int:
    """Send each delivery of the notice not sent yet; returns how many went out.

    The deliveries are locked while they are sent, so two workers running the same
    task send each once; a sent one is skipped, and so is one tried
    `MAX_DELIVERY_ATTEMPTS` times. A failure is recorded with the error and does
    not stop the other channels; `retry_deliveries` queues the task again.
    """
    sent = 0
    with transaction.atomic():
        deliveries = (
            Delivery.objects.select_for_update(of=("self",))
            .filter(notice_id=notice_id, attempts__lt=MAX_DELIVERY_ATTEMPTS)
            .exclude(status=Delivery.Status.SENT)
            .select_related("notice__recipient")
        )
        for delivery in deliveries:
            delivery.attempts += 1
            try:
                _send(delivery, delivery.notice)
            except Exception as exc:
                logger.exception("Delivery %s failed", delivery.pk)
                delivery.status = Delivery.Status.FAILED
                delivery.error = str(exc)[:500]
            else:
                delivery.status = Delivery.Status.SENT
                delivery.sent_at = timezone.now()
                delivery.error = ""
                sent += 1
            delivery.save(update_fields=["status", "attempts", "sent_at", "error"])
    return sent


def retry_deliveries(*, now=None) -> int:
    """Queue again the notices with a delivery that failed, or whose task was lost,
    while the notice is recent and the delivery has attempts left; returns how
    many notices were queued. Run periodically (`retry_notice_deliveries`).

    Nothing is sent twice: `deliver_notice` skips what was sent meanwhile.
    """
    from .tasks import deliver_notice as deliver_task

    now = now or timezone.now()
    notice_ids = list(
        Delivery.objects.filter(
            Q(status=Delivery.Status.FAILED)
            | Q(
                status=Delivery.Status.PENDING,
                notice__created_at__lt=now - STALE_PENDING_AFTER,
            ),
            notice__created_at__gte=now - RETRY_WITHIN,
            attempts__lt=MAX_DELIVERY_ATTEMPTS,
        )
        .order_by("notice_id")
        .values_list("notice_id", flat=True)
        .distinct()
    )
    for notice_id in notice_ids:
        deliver_task.enqueue(notice_id)
    return len(notice_ids)


def site_relative(url: str | None) -> str:
    """A page's URL without scheme and host (Wagtail gives a full one on
    multi-site installs); the notice's link is always on this site."""
    if not url:
        return "/"
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") or "/"


# ---------------------------------------------------------------------------------
# Events: what each one says, in the site's language (Indonesian), whoever caused it.


def _day(value):
    return date_format(value, "j F Y")


def _join(*parts):
    return "\n\n".join(part for part in parts if part)


def _my_courses_url():
    return reverse("courses:my_courses")


def _how_to_renew(course):
    if offers_renewal(course):
        return _("To renew it, open My courses and choose Renew certificate.")
    return _("Ask your pendamping how to earn it again.")


def _issued_text(certificate):
    """Title and first sentences of a certificate issued, or issued as a renewal."""
    params = {"course": certificate.course_title, "number": certificate.number}
    old = certificate.renews
    if old is None:
        return _("Your certificate is issued"), [
            _(
                "Your certificate for the course “%(course)s” is issued, number "
                "%(number)s."
            )
            % params
        ]
    sentences = [
        _(
            "Your certificate for the course “%(course)s” is renewed: new number "
            "%(number)s, in place of %(old)s."
        )
        % {**params, "old": old.number}
    ]
    if certificate.course.grants_publishing_rights:
        sentences.append(
            _("Your right to publish on your desa's pages is back.")
            if old.status == Certificate.Status.EXPIRED
            else _("Your right to publish on your desa's pages stays, without a break.")
        )
    return _("Your certificate is renewed"), sentences


def notify_certificate_issued(*, certificate) -> Notice | None:
    """A new certificate, or one renewing an older one (`renews`): then the
    operator learns their publishing rights are back, or were kept."""
    with translation.override(settings.LANGUAGE_CODE):
        title, sentences = _issued_text(certificate)
        body = _join(
            *sentences,
            _("It is valid until %(date)s.") % {"date": _day(certificate.valid_until)}
            if certificate.valid_until
            else "",
            _("Download it from My courses."),
        )
        return notify(
            recipient=certificate.operator,
            kind=Notice.Kind.CERTIFICATE_ISSUED,
            key=f"cert-issued:{certificate.pk}",
            title=title,
            body=body,
            url=_my_courses_url(),
        )


def notify_certificate_ended(*, certificate) -> Notice | None:
    """An expired or revoked certificate: the rights it gave are gone (said only
    when its course grants publishing rights)."""
    status = certificate.status
    rights = certificate.course.grants_publishing_rights
    with translation.override(settings.LANGUAGE_CODE):
        params = {"course": certificate.course_title, "number": certificate.number}
        if status == Certificate.Status.EXPIRED:
            return notify(
                recipient=certificate.operator,
                kind=Notice.Kind.CERTIFICATE_EXPIRED,
                key=f"cert-expired:{certificate.pk}",
                title=_("Your certificate has expired; publishing rights withdrawn")
                if rights
                else _("Your certificate has expired"),
                body=_join(
                    _(
                        "Your certificate for “%(course)s” (number %(number)s) has "
                        "expired."
                    )
                    % params,
                    _(
                        "You can no longer publish on your desa's pages; you can still "
                        "write drafts and submit them for moderation."
                    )
                    if rights
                    else "",
                    _how_to_renew(certificate.course),
                ),
                url=_my_courses_url(),
            )
        if status == Certificate.Status.REVOKED:
            return notify(
                recipient=certificate.operator,
                kind=Notice.Kind.CERTIFICATE_REVOKED,
                key=f"cert-revoked:{certificate.pk}",
                title=_("Your certificate was revoked"),
                body=_join(
                    _(
                        "Your certificate for “%(course)s” (number %(number)s) was "
                        "revoked."
                    )
                    % params,
                    _("Reason: %(reason)s") % {"reason": certificate.end_reason}
                    if certificate.end_reason
                    else "",
                    _(
                        "You can no longer publish on your desa's pages until you hold "
                        "a valid certificate again. Ask your pendamping what to do "
                        "next."
                    )
                    if rights
                    else _("Ask your pendamping what to do next."),
                ),
                url=_my_courses_url(),
            )
    return None


# Reminders before a certificate ends, in days; each is sent once.
REMINDER_DAYS = (60, 30, 7)


def reminder_for(*, days_left: int) -> int | None:
    """The reminder due `days_left` days before the end: the nearest one not yet
    passed (20 days left: the 30-day one), or None when it is too early."""
    due = [days for days in REMINDER_DAYS if days_left <= days]
    return min(due) if due else None


def _renewal_reminder(certificate, today):
    """How to renew in time: now, from the day renewal opens, or by asking."""
    opens = renewal_opens_on(certificate.course, certificate.valid_until)
    if opens is None:
        return _("Ask your pendamping how to earn it again.")
    if opens <= today:
        return _("You can renew it now: open My courses and choose Renew certificate.")
    return _(
        "You can renew it from %(date)s: open My courses and choose Renew certificate."
    ) % {"date": _day(opens)}


def notify_certificate_expiring(*, certificate, today) -> Notice | None:
    days_left = (certificate.valid_until - today).days
    reminder = reminder_for(days_left=days_left)
    if reminder is None or days_left < 0:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return notify(
            recipient=certificate.operator,
            kind=Notice.Kind.CERTIFICATE_EXPIRING,
            key=f"cert-expiring:{certificate.pk}:{reminder}",
            title=_("Your certificate ends in %(days)s days") % {"days": days_left},
            body=_join(
                _(
                    "Your certificate for “%(course)s” (number %(number)s) is valid "
                    "until %(date)s."
                )
                % {
                    "course": certificate.course_title,
                    "number": certificate.number,
                    "date": _day(certificate.valid_until),
                },
                _("After that day you can no longer publish on your desa's pages.")
                if certificate.course.grants_publishing_rights
                else "",
                _renewal_reminder(certificate, today),
            ),
            url=_my_courses_url(),
        )


def notify_page_reviewed(*, page, requested_by, moderator, approved, comment, key):
    """The operator who submitted a desa page hears the moderator's decision."""
    with translation.override(settings.LANGUAGE_CODE):
        params = {
            "title": page.get_admin_display_title(),
            "moderator": moderator.display_name if moderator else _("A moderator"),
        }
        said = _("Comment: %(comment)s") % {"comment": comment} if comment else ""
        if approved:
            kind = Notice.Kind.PAGE_APPROVED
            title = _("Your page “%(title)s” was approved") % params
            body = _join(
                _(
                    "%(moderator)s approved “%(title)s”; it is published on your "
                    "desa's website."
                )
                % params,
                said,
            )
        else:
            kind = Notice.Kind.PAGE_SENT_BACK
            title = _("Your page “%(title)s” was sent back") % params
            body = _join(
                _(
                    "%(moderator)s asks for changes to “%(title)s” before it is "
                    "published."
                )
                % params,
                said or _("No comment was given."),
                _("Correct the page in Meja Tulis and submit it again."),
            )
        return notify(
            recipient=requested_by,
            kind=kind,
            key=key,
            title=title,
            body=body,
            url=reverse("meja:edit", args=[page.pk]),
        )


def notify_desk_answer(*, message) -> list[Notice]:
    """Every active operator of the thread's desa hears of a trainer's answer."""
    help_request = message.request
    operators = User.objects.filter(
        role=User.Role.OPERATOR, region_id=help_request.desa_id, is_active=True
    ).order_by("pk")
    notices = []
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Your question “%(subject)s” has an answer") % {
            "subject": help_request.subject
        }
        body = _join(
            _(
                "%(author)s of the help desk answered the question of %(desa)s: "
                "“%(subject)s”."
            )
            % {
                "author": message.author.display_name,
                "desa": help_request.desa.display_name,
                "subject": help_request.subject,
            },
            message.body,
        )
        url = reverse("desk:thread", kwargs={"pk": help_request.pk})
        for operator in operators:
            notices.append(
                notify(
                    recipient=operator,
                    kind=Notice.Kind.DESK_ANSWER,
                    key=f"desk-answer:{message.pk}",
                    title=title,
                    body=body,
                    url=url,
                )
            )
    return notices


def _invitations_url():
    # The operator's own invitations page, where workshops offers one.
    try:
        return reverse("workshops:my_invitations")
    except NoReverseMatch:
        return _my_courses_url()


def notify_workshop_invitation(*, invitation) -> Notice | None:
    workshop, session = invitation.workshop, invitation.session
    with translation.override(settings.LANGUAGE_CODE):
        if session is not None:
            when = _("Session: %(session)s, %(date)s, %(start)s–%(end)s") % {
                "session": session.title,
                "date": _day(session.date),
                # As the invitation page writes it: 13.00–16.00 WIB.
                "start": time_format(session.start_time, "H.i"),
                "end": time_format(session.end_time, "H.i")
                + f" {zone_name(workshop.kabupaten)}",
            }
        else:
            when = _("Date: %(date)s (your session will be announced)") % {
                "date": _day(workshop.start_date)
            }
        venue = workshop.venue
        if session is not None and session.room:
            venue = f"{venue}, {session.room}"
        return notify(
            recipient=invitation.operator,
            kind=Notice.Kind.WORKSHOP_INVITATION,
            key=f"workshop-invitation:{invitation.pk}",
            title=_("Invitation: %(workshop)s") % {"workshop": workshop.title},
            body=_join(
                _("You are invited to the workshop “%(workshop)s”.")
                % {"workshop": workshop.title},
                when,
                _("Venue: %(venue)s") % {"venue": venue},
            ),
            url=_invitations_url(),
        )


def notify_extra_attempt(*, grant) -> Notice | None:
    quiz = grant.quiz
    with translation.override(settings.LANGUAGE_CODE):
        params = {
            "quiz": quiz.title,
            "trainer": grant.granted_by.display_name
            if grant.granted_by
            else _("Your pendamping"),
        }
        return notify(
            recipient=grant.operator,
            kind=Notice.Kind.EXTRA_ATTEMPT,
            key=f"extra-attempt:{grant.pk}",
            title=_("You may take the quiz “%(quiz)s” again") % params,
            body=_join(
                _("%(trainer)s gave you one more attempt at the quiz “%(quiz)s”.")
                % params,
                _("Reason: %(reason)s") % {"reason": grant.reason}
                if grant.reason
                else "",
            ),
            url=site_relative(quiz.get_url()),
        )
