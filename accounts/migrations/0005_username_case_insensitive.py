"""Usernames are unique ignoring letter case.

Before the constraint is added, existing usernames that differ only by case are
looked for; if there are any, the migration stops and names them, so an admin can
rename one of each pair (Admin → Settings → Users) and migrate again.
"""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower

import accounts.models


def refuse_usernames_differing_only_by_case(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    clashes = (
        User.objects.annotate(lowered=Lower("username"))
        .values("lowered")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("lowered", flat=True)
    )
    groups = []
    for lowered in clashes:
        names = (
            User.objects.annotate(lowered=Lower("username"))
            .filter(lowered=lowered)
            .order_by("id")
            .values_list("username", flat=True)
        )
        groups.append(" / ".join(names))
    if groups:
        raise RuntimeError(
            "Usernames must be unique ignoring letter case, but these accounts differ "
            "only by case: "
            + "; ".join(groups)
            + ". Rename all but one of each group (Admin → Settings → Users), then "
            "run migrate again. Nothing was changed."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_course_team_role"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            refuse_usernames_differing_only_by_case, migrations.RunPython.noop
        ),
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", accounts.models.ProjectUserManager()),
            ],
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("username"),
                name="user_username_unique_ignoring_case",
                violation_error_message=(
                    "This username is already taken (letter case does not count). "
                    "Choose another username."
                ),
            ),
        ),
    ]
