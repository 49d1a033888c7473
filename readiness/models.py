"""How ready each desa is to run its website: kept-up-to-date summaries per desa.

Website activity (its classes, each kabupaten's windows, imported activity) is the
portal's: see portal/selectors.py for the one rule.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Activity
from regions.models import Region


class Level(models.IntegerChoices):
    NO_OPERATOR = 0, _("No operator")
    REGISTERED = 1, _("Registered")
    TRAINED = 2, _("Trained")
    CERTIFIED = 3, _("Certified")
    ACTIVE = 4, _("Active")


class KabupatenSettings(models.Model):
    """The pendampingan threshold a kabupaten works with (its activity windows are
    portal.ActivityWindows; the settings screen edits both)."""

    kabupaten = models.OneToOneField(
        Region,
        verbose_name=_("kabupaten"),
        on_delete=models.CASCADE,
        related_name="readiness_settings",
        limit_choices_to={"level": Region.Level.KABUPATEN},
    )
    stuck_days = models.PositiveSmallIntegerField(
        _("needs help when registered but untrained for (days)"), default=60
    )

    class Meta:
        verbose_name = _("readiness settings")
        verbose_name_plural = _("readiness settings")

    def __str__(self):
        return str(self.kabupaten)


class DesaSummary(models.Model):
    """One row per desa, updated as operators, progress, certificates and publishes
    change; `manage.py rebuild_readiness` recomputes every row from scratch."""

    desa = models.OneToOneField(
        Region, primary_key=True, on_delete=models.CASCADE, related_name="readiness"
    )
    kabupaten_code = models.CharField(max_length=5, db_index=True)
    kecamatan_code = models.CharField(max_length=8, db_index=True)
    operators = models.PositiveIntegerField(default=0)
    operators_trained = models.PositiveIntegerField(default=0)
    operators_certified = models.PositiveIntegerField(default=0)
    first_operator_at = models.DateTimeField(null=True, blank=True)
    last_published_at = models.DateTimeField(null=True, blank=True)
    certificate_expires = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("desa summary")
        indexes = [
            models.Index(
                fields=["kabupaten_code", "kecamatan_code"], name="summary_kab_kec"
            ),
        ]

    def __str__(self):
        return str(self.desa_id)


class Snapshot(models.Model):
    """Each desa's level and activity class at the start of a month (for trends)."""

    month = models.DateField()
    desa = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    kabupaten_code = models.CharField(max_length=5)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    activity = models.CharField(max_length=20, choices=Activity.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "desa"], name="one_snapshot_per_month"
            )
        ]
        indexes = [
            models.Index(fields=["kabupaten_code", "month"], name="snapshot_kab_month")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.desa_id}"
