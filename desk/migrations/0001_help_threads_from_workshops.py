"""The consultation desk's models, moved from `workshops` with their rows.

`workshops.0003` renamed the tables to `desk_helprequest` and `desk_helpmessage`;
this migration only records the models in the state and moves their content types
(`workshops.helprequest` → `desk.helprequest`, the same row), so auth permissions,
Wagtail log entries and references keep pointing at the right model.
"""

import django.db.models.deletion
import lms.storage
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = ["helprequest", "helpmessage"]


def _move_content_types(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED_MODELS:
        moving = content_types.filter(app_label=source, model=model).first()
        if moving is None:
            # A new database: post_migrate creates the content type later.
            continue
        # A row for the new label can only come from code that ran before this
        # migration (ContentType.objects.get_for_model); nothing of the past points
        # at it, so the moving row, with its permissions and log entries, wins.
        content_types.filter(app_label=target, model=model).delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])


def content_types_to_desk(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="workshops", target="desk")


def content_types_to_workshops(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="desk", target="workshops")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("regions", "0001_initial"),
        ("workshops", "0003_move_help_desk_to_desk_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HelpRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('topic', models.CharField(choices=[('akun', 'Account and sign-in'), ('berita', 'Writing news'), ('foto', 'Photos'), ('potensi', 'Village potential'), ('progres', 'Development progress'), ('lainnya', 'Something else')], max_length=10, verbose_name='topic')),
                        ('subject', models.CharField(max_length=200, verbose_name='subject')),
                        ('status', models.CharField(choices=[('baru', 'New'), ('dijawab', 'Answered'), ('selesai', 'Closed')], default='baru', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='opened')),
                        ('waiting_since', models.DateTimeField(blank=True, null=True, verbose_name='waiting since')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                        ('desa', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='help_requests', to='regions.region')),
                        ('opened_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'help request',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['status', 'waiting_since'], name='help_status_waiting')],
                    },
                ),
                migrations.CreateModel(
                    name='HelpMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('body', models.TextField(max_length=4000, verbose_name='message')),
                        ('screenshot', models.ImageField(blank=True, storage=lms.storage.private_storage, upload_to='desk/%Y/%m/', verbose_name='screenshot')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('from_staff', models.BooleanField(default=False)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='desk.helprequest')),
                    ],
                    options={
                        'verbose_name': 'message',
                        'ordering': ['created_at'],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_desk, content_types_to_workshops),
    ]
