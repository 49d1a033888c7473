"""Workshop days: sessions, invitations, attendance."""

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

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


# Official letters ----------------------------------------------------------------

LETTER_NUMBER_FIELDS = {"seq", "year", "month", "month_roman", "kabupaten"}
NIP = RegexValidator(
    r"^\d{18}$",
    _(
        "A NIP has 18 digits without spaces or dots, e.g. 198501012010011001. Check the number."
    ),
)


def validate_letter_number_pattern(value):
    """The same token style as a certificate's number pattern, with the month."""
    names = set(re.findall(r"{(\w+)(?::[^}]*)?}", value))
    if not {"seq", "year"} <= names:
        raise ValidationError(
            _(
                "The pattern must contain {seq} and {year}, e.g. {seq:03d}/DISKOMINFO/{month_roman}/{year}."
            )
        )
    unknown = names - LETTER_NUMBER_FIELDS
    if unknown:
        raise ValidationError(
            _(
                "Unknown field(s) %(names)s; use {seq}, {year}, {month}, {month_roman} and {kabupaten}."
            )
            % {"names": ", ".join(sorted(unknown))}
        )
    try:
        value.format(seq=1, year=2026, month=1, month_roman="I", kabupaten="19.06")
    except (ValueError, IndexError, KeyError) as exc:
        raise ValidationError(
            _("The pattern cannot be used: %(error)s.") % {"error": exc}
        ) from exc


class LetterSettings(models.Model):
    """What a kabupaten's official letters (undangan, berita acara) carry: the kop,
    the nomor surat pattern, the sifat and the signatory."""

    kabupaten = models.OneToOneField(
        Region,
        verbose_name=_("kabupaten"),
        on_delete=models.PROTECT,
        related_name="letter_settings",
        limit_choices_to={"level": Region.Level.KABUPATEN},
    )
    office_name = models.CharField(
        _("office name"),
        max_length=200,
        help_text=_(
            "Printed in the letterhead, e.g. Dinas Komunikasi dan Informatika Kabupaten Belitung Timur."
        ),
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Street, town, postcode, telephone, email or website."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    number_pattern = models.CharField(
        _("letter number pattern"),
        max_length=80,
        default="{seq:03d}/DISKOMINFO/{month_roman}/{year}",
        validators=[validate_letter_number_pattern],
        help_text=_(
            "Use {seq}, {year}, {month}, {month_roman} and {kabupaten}; e.g. {seq:03d}/DISKOMINFO/{month_roman}/{year}. The sequence starts again each year."
        ),
    )
    sifat = models.CharField(_("nature (sifat)"), max_length=40, default="Biasa")
    signatory_name = models.CharField(_("signatory's name"), max_length=150)
    signatory_nip = models.CharField(
        _("signatory's NIP"), max_length=18, validators=[NIP]
    )
    signatory_title = models.CharField(
        _("signatory's position (jabatan)"),
        max_length=200,
        help_text=_("e.g. Kepala Dinas Komunikasi dan Informatika"),
    )

    panels = [
        FieldPanel("kabupaten"),
        MultiFieldPanel(
            [FieldPanel("office_name"), FieldPanel("address"), FieldPanel("logo")],
            heading=_("Letterhead"),
        ),
        FieldPanel("number_pattern"),
        FieldPanel("sifat"),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_nip"),
                FieldPanel("signatory_title"),
            ],
            heading=_("Signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("letter settings")
        verbose_name_plural = _("letter settings")

    def __str__(self):
        return self.office_name


class WorkshopLetter(models.Model):
    """The nomor surat given to one document of a workshop, kept for every reprint."""

    class Kind(models.TextChoices):
        INVITATION = "undangan", _("Invitation")
        SUMMARY = "berita_acara", _("Minutes")

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.CharField(_("letter number"), max_length=120)
    dated = models.DateField(_("date"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "kind"], name="one_number_per_workshop_document"
            )
        ]
        verbose_name = _("workshop letter")

    def __str__(self):
        return self.number


class InvitedDesa(models.Model):
    """A desa invited to a workshop. The desa holds its seats: invited without an
    operator, its letter goes to the kepala desa with a row to fill in."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="invited_desa"
    )
    desa = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "desa"], name="one_invited_desa_per_workshop"
            )
        ]
        verbose_name = _("invited desa")

    def __str__(self):
        return f"{self.desa} — {self.workshop}"
