"""The consultation desk moves to its own app, `desk`.

Only the tables' names change here (`workshops_help*` → `desk_help*`); the rows stay.
`desk.0001` takes the models over in the migration state and moves their content
types, so permissions and log entries keep pointing at them.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("workshops", "0002_screenshot_in_private_storage"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="helprequest", table="desk_helprequest"),
                migrations.AlterModelTable(name="helpmessage", table="desk_helpmessage"),
            ],
            state_operations=[
                migrations.DeleteModel(name="HelpMessage"),
                migrations.DeleteModel(name="HelpRequest"),
            ],
        ),
    ]
