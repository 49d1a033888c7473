"""Workshop days (sessions, invitations, attendance) and the consultation desk."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.shared.storage import private_storage
from portal.models import Activity
from regions.models import Region


class TargetGroup(models.TextChoices):
    """Who a session is for: the desa of one website-activity class (the portal's rule,
    `portal.selectors.website_activity_by_desa`, decides a desa's class)."""

    NEW_OR_INACTIVE = Activity.TIDAK_AKTIF.value, _("New or inactive websites")
    LESS_ACTIVE = Activity.KURANG_AKTIF.value, _("Less active websites")
    ACTIVE = Activity.AKTIF.value, _("Active websites")


class Workshop(models.Model):
    kabupaten = models.ForeignKey(
        Region,
        verbose_name=_("kabupaten"),
        on_delete=models.PROTECT,
        related_name="workshops",
        limit_choices_to={"level": Region.Level.KABUPATEN},
    )
    title = models.CharField(_("title"), max_length=200)
    venue = models.CharField(_("venue"), max_length=255)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    courses = models.ManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        related_name="workshops",
        blank=True,
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="workshops_led",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("workshop")

    def __str__(self):
        return self.title


class WorkshopSession(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("name"), max_length=100, default="Sesi 1")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)]
    )
    target_group = models.CharField(
        _("for"),
        max_length=20,
        choices=TargetGroup.choices,
        default=TargetGroup.NEW_OR_INACTIVE,
    )
    # Signs the rotating check-in codes shown on the projector.
    checkin_secret = models.CharField(
        max_length=64, default=secrets.token_hex, editable=False
    )

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("session")

    def __str__(self):
        return f"{self.workshop} — {self.title}"


class Invitation(models.Model):
    """An operator invited to a workshop and the session they go to."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="invitations"
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workshop_invitations",
    )
    desa = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        WorkshopSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    activity = models.CharField(
        _("website activity"), max_length=20, choices=TargetGroup.choices
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)

    class Meta:
        ordering = ["desa__code", "operator__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "operator"], name="one_invitation_per_workshop"
            )
        ]
        verbose_name = _("invitation")

    def __str__(self):
        return f"{self.operator} — {self.workshop}"


class Attendance(models.Model):
    class Method(models.TextChoices):
        LIST = "list", _("Ticked by the trainer")
        QR = "qr", _("QR code")
        WALK_IN = "walk_in", _("Walk-in")

    session = models.ForeignKey(
        WorkshopSession, on_delete=models.CASCADE, related_name="attendances"
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    checked_in_at = models.DateTimeField(_("checked in"))
    method = models.CharField(max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["checked_in_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "operator"], name="one_attendance_per_session"
            )
        ]
        verbose_name = _("attendance")

    def __str__(self):
        return f"{self.operator} @ {self.session}"


# Consultation desk (pendampingan) ------------------------------------------------


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
