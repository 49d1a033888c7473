"""The consultation desk (pendampingan): a desa's questions and their messages.

The models came from the `workshops` app with their rows: `workshops.0003` renamed
the tables and `desk.0001` moved their content types, so existing threads, their
permissions and log entries carry over.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.shared.storage import private_storage
from regions.models import Region


class HelpRequest(models.Model):
    """A question from a desa; the thread belongs to the desa, not the person."""

    class Topic(models.TextChoices):
        ACCOUNT = "akun", _("Account and sign-in")
        NEWS = "berita", _("Writing news")
        PHOTO = "foto", _("Photos")
        POTENSI = "potensi", _("Village potential")
        PROGRESS = "progres", _("Development progress")
        OTHER = "lainnya", _("Something else")

    class Status(models.TextChoices):
        NEW = "baru", _("New")
        ANSWERED = "dijawab", _("Answered")
        CLOSED = "selesai", _("Closed")

    desa = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="help_requests"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    # When the desa last wrote without an answer yet: the queue's "waiting longest".
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "waiting_since"], name="help_status_waiting")
        ]
        verbose_name = _("help request")

    def __str__(self):
        return self.subject


class HelpMessage(models.Model):
    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=4000)
    # Private storage: only the desk's screenshot view, which checks the thread, reads it.
    screenshot = models.ImageField(
        _("screenshot"), upload_to="desk/%Y/%m/", storage=private_storage, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    from_staff = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("message")

    def __str__(self):
        return f"{self.request} #{self.pk}"
