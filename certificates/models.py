"""Certificates: what an operator earns, the template it is printed with, its number."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from lms.shared.storage import private_storage
from regions.models import Region

COLOR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Write a colour as #RRGGBB, e.g. #0b6e4f.")
)
NUMBER_FIELDS = {"kabupaten", "year", "seq"}


def validate_number_pattern(value):
    names = set(re.findall(r"{(\w+)(?::[^}]*)?}", value))
    if "seq" not in names:
        raise ValidationError(
            _("The pattern must contain {seq}, e.g. LD/{kabupaten}/{year}/{seq:06d}.")
        )
    unknown = names - NUMBER_FIELDS
    if unknown:
        raise ValidationError(
            _("Unknown field(s) %(names)s; use {kabupaten}, {year} and {seq}.")
            % {"names": ", ".join(sorted(unknown))}
        )
    try:
        value.format(kabupaten="19.06", year=2026, seq=1)
    except (ValueError, IndexError, KeyError) as exc:
        raise ValidationError(
            _("The pattern cannot be used: %(error)s.") % {"error": exc}
        ) from exc


class CertificateTemplate(index.Indexed, models.Model):
    """How a kabupaten's certificates look and read, and how long they are valid."""

    name = models.CharField(_("name"), max_length=100)
    kabupaten = models.ForeignKey(
        Region,
        verbose_name=_("kabupaten"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate_templates",
        limit_choices_to={"level": Region.Level.KABUPATEN},
        help_text=_("Empty: the template used where a kabupaten has none of its own."),
    )
    title_text = models.CharField(
        _("title"), max_length=100, default="Sertifikat Kompetensi"
    )
    body_text = models.TextField(
        _("body text"),
        default="telah menyelesaikan dan lulus pelatihan",
        help_text=_("Printed between the holder's name and the course title."),
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=150)
    signatory_title = models.CharField(
        _("signatory's title"),
        max_length=200,
        help_text=_("e.g. Kepala Dinas Komunikasi dan Informatika"),
    )
    signatory_id = models.CharField(_("signatory's NIP"), max_length=40, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("kabupaten logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_color = models.CharField(
        _("main colour"), max_length=7, default="#0b6e4f", validators=[COLOR]
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default="#c8a04a", validators=[COLOR]
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        default=24,
        help_text=_("0: the certificate does not expire."),
    )
    number_pattern = models.CharField(
        _("number pattern"),
        max_length=80,
        default="LD/{kabupaten}/{year}/{seq:06d}",
        validators=[validate_number_pattern],
        help_text=_(
            "Use {kabupaten}, {year} and {seq}; e.g. LD/{kabupaten}/{year}/{seq:06d}."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kabupaten"),
        MultiFieldPanel(
            [FieldPanel("title_text"), FieldPanel("body_text")], heading=_("Text")
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signatory_id"),
                FieldPanel("signature_image"),
            ],
            heading=_("Signatory"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("primary_color"),
                FieldPanel("accent_color"),
            ],
            heading=_("Look"),
        ),
        FieldPanel("validity_months"),
        FieldPanel("number_pattern"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten"], name="one_template_per_kabupaten"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(kabupaten__isnull=True),
                name="one_default_template",
            ),
        ]

    def __str__(self):
        return self.name


class NumberSequence(models.Model):
    """The last number used for a (kabupaten, year), incremented under a row lock."""

    key = models.CharField(max_length=40, unique=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.key}: {self.value}"


def _acting_user_field():
    """The user who issued, ended or lifted a certificate; kept if the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced")
        RENEWED = "renewed", _("Renewed")

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("number"), max_length=100, unique=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    short_code = models.CharField(
        _("verification code"), max_length=12, unique=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issued_by = _acting_user_field()
    issue_reason = models.CharField(
        _("reason for issuing by hand"), max_length=255, blank=True
    )
    ended_at = models.DateTimeField(
        _("revoked, expired, replaced or renewed at"), null=True, blank=True
    )
    ended_by = _acting_user_field()
    end_reason = models.CharField(_("reason"), max_length=255, blank=True)
    # A revocation holds back every new certificate for the operator and course
    # until someone in scope lifts it; the certificate itself stays revoked.
    lifted_at = models.DateTimeField(_("revocation lifted at"), null=True, blank=True)
    lifted_by = _acting_user_field()
    lift_reason = models.CharField(
        _("reason for lifting the revocation"), max_length=255, blank=True
    )
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    # The certificate this one renews (after a renewal round): expired, or ended
    # as renewed when the operator renewed early. `replaces` is for re-issues.
    renews = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
        verbose_name=_("renews"),
    )
    # What the certificate states, frozen at issue: later renames never change it.
    holder_name = models.CharField(_("holder"), max_length=300)
    desa_name = models.CharField(_("desa"), max_length=255)
    kecamatan_name = models.CharField(_("kecamatan"), max_length=255)
    kabupaten_name = models.CharField(_("kabupaten"), max_length=255)
    desa_code = models.CharField(_("desa code"), max_length=13)
    course_title = models.CharField(_("course"), max_length=255)
    # Private storage: only the permission-checked download views read it.
    pdf = models.FileField(
        _("PDF"), upload_to="certificates/%Y/", storage=private_storage, blank=True
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "course"],
                condition=Q(status="valid"),
                name="one_valid_certificate_per_course",
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | Q(status="revoked"),
                name="only_a_revocation_is_lifted",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "valid_until"], name="certificate_status_until"
            ),
            models.Index(
                fields=["desa_code", "status"], name="certificate_desa_status"
            ),
        ]

    def __str__(self):
        return f"{self.number} — {self.holder_name}"

    @property
    def is_valid(self):
        return self.status == self.Status.VALID

    @property
    def holds_back_new_certificates(self):
        """A revocation nobody has lifted: no new certificate for this course yet."""
        return self.status == self.Status.REVOKED and self.lifted_at is None

    def get_verification_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "certificates:verify", args=[self.token]
        )
