"""Existing operators stop receiving Wagtail's moderation emails, which link into
the admin they are kept out of; this app's notices (with a Meja Tulis link) remain.
New operators get the same through `accounts.signals.roles_changed`."""

from django.db import migrations

OPERATOR = "operator"
FLAGS = {
    "approved_notifications": False,
    "rejected_notifications": False,
    "updated_comments_notifications": False,
}


def silence_operators(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    operators = User.objects.filter(role=OPERATOR)
    UserProfile.objects.filter(user__in=operators).update(**FLAGS)
    without_profile = operators.exclude(
        pk__in=UserProfile.objects.values("user_id")
    ).values_list("pk", flat=True)
    UserProfile.objects.bulk_create(
        [UserProfile(user_id=pk, **FLAGS) for pk in without_profile.iterator()],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notices_deliveries_preferences"),
        ("accounts", "0006_signincard"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [
        migrations.RunPython(silence_operators, migrations.RunPython.noop),
    ]
