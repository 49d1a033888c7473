"""Indonesia's administrative regions, keyed by their Kemendagri code."""

import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

CODE_PATTERNS = {
    1: re.compile(r"^\d{2}$"),
    2: re.compile(r"^\d{2}\.\d{2}$"),
    3: re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    4: re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}

# Provinces in WITA and WIT; every other province is in WIB (Asia/Jakarta).
WITA_PROVINCES = {
    "51",
    "52",
    "53",
    "63",
    "64",
    "65",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def level_of_code(code):
    """Return the level (1–4) a well-formed dotted code belongs to, or None."""
    for level, pattern in CODE_PATTERNS.items():
        if pattern.match(code or ""):
            return level
    return None


def parent_code_of(code):
    return code.rsplit(".", 1)[0] if "." in code else None


def default_timezone_for(code):
    province = code[:2]
    if province in WITA_PROVINCES:
        return "Asia/Makassar"
    if province in WIT_PROVINCES:
        return "Asia/Jayapura"
    return "Asia/Jakarta"


class RegionQuerySet(models.QuerySet):
    def within(self, region):
        """The region itself and everything below it."""
        return self.filter(
            models.Q(code=region.code) | models.Q(code__startswith=f"{region.code}.")
        )

    def below(self, region):
        return self.filter(code__startswith=f"{region.code}.")

    def of_level(self, level):
        return self.filter(level=level)


class Region(models.Model):
    """A provinsi, kabupaten/kota, kecamatan or desa/kelurahan."""

    class Level(models.IntegerChoices):
        PROVINSI = 1, _("Province")
        KABUPATEN = 2, _("Regency/city")
        KECAMATAN = 3, _("District (kecamatan)")
        DESA = 4, _("Village (desa/kelurahan)")

    class Timezone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
        WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
        WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")

    code = models.CharField(_("region code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=255)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        blank=True,
        help_text=_(
            "As named by Kemendagri: kabupaten, kota, kecamatan, desa, kelurahan."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=32,
        choices=Timezone.choices,
        blank=True,
        help_text=_("Only for a kabupaten/kota; the regions below it follow it."),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["level", "code"], name="region_level_code")]

    def __str__(self):
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self):
        if self.level == self.Level.KECAMATAN:
            return f"Kecamatan {self.name}"
        if self.level == self.Level.DESA:
            prefix = "Kelurahan" if self.kind == "kelurahan" else "Desa"
            return f"{prefix} {self.name}"
        return self.name

    def clean(self):
        level = level_of_code(self.code)
        if level is None:
            raise ValidationError(
                {
                    "code": _(
                        "Write the code in the dotted Kemendagri form, e.g. 19.06.02.2003."
                    )
                }
            )
        if self.level and level != self.level:
            raise ValidationError(
                {"code": _("The code does not match the region level.")}
            )

    def ancestor_codes(self):
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]

    def contains(self, other):
        """True when `other` is this region or lies below it."""
        return other.code == self.code or other.code.startswith(f"{self.code}.")

    @property
    def kabupaten_code(self):
        return self.code[:5] if self.level >= self.Level.KABUPATEN else None

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone or default_timezone_for(self.code))
