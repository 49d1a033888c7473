"""Notices users read in their inbox, how each is delivered, and who wants what."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One thing a user is told, once: written in Indonesian when it happens.

    `key` names the event (``cert-issued:12``); a user gets one notice per key, so
    a signal sent twice or a command run again tells nobody twice.
    """

    class Kind(models.TextChoices):
        WORKSHOP_INVITATION = "workshop_invitation", _("Workshop invitation")
        CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
        CERTIFICATE_EXPIRING = "certificate_expiring", _("Certificate expiring")
        CERTIFICATE_EXPIRED = "certificate_expired", _("Certificate expired")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
        PAGE_APPROVED = "page_approved", _("Page approved")
        PAGE_SENT_BACK = "page_sent_back", _("Page sent back")
        DESK_ANSWER = "desk_answer", _("Help desk answer")
        EXTRA_ATTEMPT = "extra_attempt", _("Extra quiz attempt")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=100)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"))
    # Site-relative: where the user acts on the notice.
    url = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="one_notice_per_recipient_and_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"], name="notice_recipient_created"
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notice_unread",
            ),
            models.Index(fields=["created_at"], name="notice_created"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None


class Delivery(models.Model):
    """A notice sent on one channel besides the inbox, once whatever the retries."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        GATEWAY = "gateway", _("SMS / WhatsApp")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "channel"], name="one_delivery_per_channel"
            )
        ]

    def __str__(self):
        return f"{self.notice} ({self.channel})"


class NotificationPreference(models.Model):
    """The channels a user chose besides the inbox, which is always on.

    Made when the user first saves their choice; until then the defaults of
    `notifications.selectors.preference_for` apply.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("by email"), default=True)
    gateway = models.BooleanField(_("by SMS / WhatsApp"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)
