"""People who use the site and the region each of them is scoped to."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from lokal import parse_phone

from regions.models import Region


def normalize_phone(value):
    """Return the E.164 form (+62…) of an Indonesian number in any common form, or None."""
    if not value:
        return None
    info = parse_phone(str(value).strip())
    return info.e164 if info.valid else None


class ProjectUserManager(UserManager):
    """Usernames are one name whatever the case: `Op.Gantung` is `op.gantung`."""

    def with_username(self, username):
        """The account(s) whose username equals `username` ignoring case and spaces.

        Compared as lower(username), which the unique index covers.
        """
        return self.alias(username_lower=Lower("username")).filter(
            username_lower=Lower(Value((username or "").strip()))
        )

    def get_by_natural_key(self, username):
        return self.with_username(username).get()


class User(AbstractUser):
    """A person with one role, scoped to one region."""

    class Role(models.TextChoices):
        OPERATOR = "operator", _("Desa operator")
        TRAINER = "trainer", _("Trainer (pendamping)")
        ADMIN_KECAMATAN = "admin_kecamatan", _("Kecamatan admin")
        ADMIN_KABUPATEN = "admin_kabupaten", _("Diskominfo admin (kabupaten)")
        ADMIN_PROVINSI = "admin_provinsi", _("Provincial admin (readiness only)")
        COURSE_TEAM = "course_team", _("Course team (national)")

    # The region level each role is bound to; None: national, no region.
    ROLE_LEVELS = {
        Role.OPERATOR: Region.Level.DESA,
        Role.TRAINER: Region.Level.KABUPATEN,
        Role.ADMIN_KECAMATAN: Region.Level.KECAMATAN,
        Role.ADMIN_KABUPATEN: Region.Level.KABUPATEN,
        Role.ADMIN_PROVINSI: Region.Level.PROVINSI,
        Role.COURSE_TEAM: None,
    }

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    kecamatan_scope = models.ManyToManyField(
        Region,
        verbose_name=_("kecamatan served"),
        blank=True,
        related_name="+",
        help_text=_("Trainers only: leave empty to serve the whole kabupaten."),
    )
    phone = models.CharField(
        _("phone number"), max_length=16, unique=True, null=True, blank=True
    )
    is_kim = models.BooleanField(
        _("KIM member"),
        default=False,
        help_text=_("Member of a Kelompok Informasi Masyarakat."),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_(
            "Set when the password is a one-time password handed over by an admin."
        ),
    )

    objects = ProjectUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["role", "region"], name="user_role_region")]
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_unique_ignoring_case",
                violation_error_message=_(
                    "This username is already taken (letter case does not count). "
                    "Choose another username."
                ),
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self):
        return self.get_full_name() or self.username

    @property
    def is_operator(self):
        return self.role == self.Role.OPERATOR

    def clean(self):
        super().clean()
        self.username = (self.username or "").strip()
        if self.phone:
            normalized = normalize_phone(self.phone)
            if normalized is None:
                raise ValidationError(
                    {
                        "phone": _(
                            "Enter an Indonesian phone number, for example 0812 3456 7890."
                        )
                    }
                )
            self.phone = normalized
        if self.role and not self.is_superuser:
            expected = self.ROLE_LEVELS[self.role]
            if expected is None:
                if self.region is not None:
                    raise ValidationError(
                        {"region": _("Leave the region empty for this national role.")}
                    )
            elif self.region is None or self.region.level != expected:
                raise ValidationError(
                    {
                        "region": _("Choose a %(level)s for this role.")
                        % {"level": Region.Level(expected).label}
                    }
                )


class NameChangeRequest(models.Model):
    """An operator's request to be called by another name, until an admin decides.

    The name printed on certificates is the account's; an operator cannot change it
    themselves. An admin of the operator's region approves (the account takes the
    requested name) or rejects the request, with a reason.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        User,
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="name_change_requests",
    )
    first_name = models.CharField(_("requested first name"), max_length=150)
    last_name = models.CharField(_("requested last name"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("name change request")
        verbose_name_plural = _("name change requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_name_change_per_user",
            )
        ]

    def __str__(self):
        return self.requested_name

    @property
    def requested_name(self):
        return f"{self.first_name} {self.last_name}".strip()


class SignInCard(models.Model):
    """A printed card whose QR code signs its operator in once, without a password.

    The QR carries a one-time token of 128 random bits; only its SHA-256 digest is
    kept, so a copy of the database signs nobody in. A token that long cannot be
    guessed, so it needs no slow password hash: a sign-in costs one indexed lookup.
    A card works once, until it expires, and until a newer card of the same operator
    replaces it. `workshop_id` names the workshop it was printed for (a plain number:
    accounts knows nothing of workshops).
    """

    user = models.ForeignKey(
        User,
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="sign_in_cards",
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("printed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("printed at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    workshop_id = models.PositiveIntegerField(_("workshop"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in card")
        verbose_name_plural = _("sign-in cards")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(used_at__isnull=True, replaced_at__isnull=True),
                name="one_live_sign_in_card_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
