from django.db import migrations


class Migration(migrations.Migration):
    """ExternalActivity becomes the portal's (portal 0003 takes it over); its table
    stays where it is, so only Django's idea of the model moves."""

    dependencies = [
        ("readiness", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ExternalActivity")],
            database_operations=[],
        ),
    ]
