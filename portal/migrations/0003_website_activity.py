import django.db.models.deletion
from django.db import migrations, models


def copy_windows_from_readiness(apps, schema_editor):
    """Each kabupaten's windows, from readiness settings to the portal's own rows."""
    KabupatenSettings = apps.get_model("readiness", "KabupatenSettings")
    ActivityWindows = apps.get_model("portal", "ActivityWindows")
    ActivityWindows.objects.bulk_create(
        ActivityWindows(
            kabupaten_id=s.kabupaten_id,
            active_days=s.active_days,
            less_active_days=s.less_active_days,
        )
        for s in KabupatenSettings.objects.all()
    )


def copy_windows_back(apps, schema_editor):
    KabupatenSettings = apps.get_model("readiness", "KabupatenSettings")
    for w in apps.get_model("portal", "ActivityWindows").objects.all():
        KabupatenSettings.objects.update_or_create(
            kabupaten_id=w.kabupaten_id,
            defaults={
                "active_days": w.active_days,
                "less_active_days": w.less_active_days,
            },
        )


class Migration(migrations.Migration):
    """Website activity's facts move to the portal: the imported activity (same table)
    and each kabupaten's activity windows (copied from readiness settings, which
    readiness 0003 then drops)."""

    dependencies = [
        ("portal", "0002_protect_desa_access_page"),
        ("readiness", "0002_external_activity_moves_to_portal"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ExternalActivity",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "last_published_on",
                            models.DateField(verbose_name="last publish"),
                        ),
                        (
                            "article_count",
                            models.PositiveIntegerField(
                                blank=True, null=True, verbose_name="articles"
                            ),
                        ),
                        ("imported_at", models.DateTimeField(auto_now=True)),
                        (
                            "desa",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="external_activity",
                                to="regions.region",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "imported website activity",
                        "db_table": "readiness_externalactivity",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name="ActivityWindows",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "active_days",
                    models.PositiveSmallIntegerField(
                        default=30, verbose_name="active: published within (days)"
                    ),
                ),
                (
                    "less_active_days",
                    models.PositiveSmallIntegerField(
                        default=90,
                        verbose_name="less active: published within (days)",
                    ),
                ),
                (
                    "kabupaten",
                    models.OneToOneField(
                        limit_choices_to={"level": 2},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="activity_windows",
                        to="regions.region",
                        verbose_name="kabupaten",
                    ),
                ),
            ],
            options={
                "verbose_name": "website activity windows",
                "verbose_name_plural": "website activity windows",
            },
        ),
        migrations.RunPython(copy_windows_from_readiness, copy_windows_back),
    ]
