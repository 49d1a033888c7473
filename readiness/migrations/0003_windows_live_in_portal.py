from django.db import migrations


class Migration(migrations.Migration):
    """The activity windows are the portal's now (portal 0003 copied them)."""

    dependencies = [
        ("readiness", "0002_external_activity_moves_to_portal"),
        ("portal", "0003_website_activity"),
    ]

    operations = [
        migrations.RemoveField(model_name="kabupatensettings", name="active_days"),
        migrations.RemoveField(model_name="kabupatensettings", name="less_active_days"),
    ]
