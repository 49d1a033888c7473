"""The help desk moved out of `workshops` with every thread it had.

The test takes the database back to the last `workshops` migration that held the
desk, writes a thread there the way the old code stored it, and migrates forward.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import User
from desk.models import HelpMessage, HelpRequest
from desk.services import open_help_request
from regions.models import Region

# serialized_rollback, like the other transactional tests: the flush afterwards must
# leave the content types as migrations made them for the tests that come next.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("workshops", "0002_screenshot_in_private_storage")]
SCREENSHOT = "desk/2025/01/layar-lama.png"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # ContentType's cache is left alone: clearing it in a serialized_rollback test
    # breaks the next one's reload. The assertions query the table itself.
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def migrated_thread():
    """A desa's thread, a message with a screenshot, a log entry and a group
    permission, all stored before the move; then every migration applied."""
    desa = Region.objects.create(
        code="19.06.02.2003", name="Jangkar Asam", level=Region.Level.DESA
    )
    operator = User.objects.create_user(
        username="operator.jangkarasam",
        first_name="Siti",
        role=User.Role.OPERATOR,
        region=desa,
    )
    old_apps = migrate(BEFORE_THE_MOVE)
    try:
        old_request = old_apps.get_model("workshops", "HelpRequest").objects.create(
            desa_id=desa.pk,
            opened_by_id=operator.pk,
            topic="foto",
            subject="Foto tidak muncul di berita",
            status="baru",
            waiting_since=timezone.now(),
        )
        old_apps.get_model("workshops", "HelpMessage").objects.create(
            request=old_request,
            author_id=operator.pk,
            body="Saya sudah memilih foto dari HP, tetapi tidak muncul.",
            screenshot=SCREENSHOT,
        )
        old_type, _created = ContentType.objects.get_or_create(
            app_label="workshops", model="helprequest"
        )
        ModelLogEntry.objects.create(
            content_type=old_type,
            object_id=str(old_request.pk),
            label=old_request.subject,
            action="wagtail.edit",
            timestamp=timezone.now(),
            user=operator,
        )
        answer, _created = Permission.objects.get_or_create(
            content_type=old_type,
            codename="change_helprequest",
            defaults={"name": "Can change help request"},
        )
        Group.objects.create(name="Pendamping").permissions.add(answer)
    finally:
        migrate(latest())
    return {"pk": old_request.pk, "operator": operator}


class TestMovingTheDesk:
    def test_the_desa_still_reads_its_thread(self, migrated_thread, client):
        """The operator opens the thread at the same address and reads the message."""
        client.force_login(migrated_thread["operator"])

        response = client.get(reverse("desk:thread", args=[migrated_thread["pk"]]))

        assert response.status_code == 200
        assert response.request["PATH_INFO"] == (
            f"/pendampingan/{migrated_thread['pk']}/"
        )
        assert "Foto tidak muncul di berita" in response.text
        assert "Saya sudah memilih foto dari HP" in response.text

    def test_the_screenshot_stays_in_private_storage(self, migrated_thread):
        """The message keeps its screenshot's path, read from the private storage."""
        message = HelpMessage.objects.get(request_id=migrated_thread["pk"])

        assert message.screenshot.name == SCREENSHOT
        assert message.screenshot.storage is storages["private"]

    def test_log_entries_and_permissions_follow_the_model(self, migrated_thread):
        """The content type moved (same row): the thread's history and the group's
        permission point at the desk's model."""
        help_request = HelpRequest.objects.get(pk=migrated_thread["pk"])

        entries = ModelLogEntry.objects.filter(
            content_type__app_label="desk",
            content_type__model="helprequest",
            object_id=str(help_request.pk),
        )

        assert [e.label for e in entries] == ["Foto tidak muncul di berita"]
        assert not ContentType.objects.filter(
            app_label="workshops", model="helprequest"
        )
        assert Group.objects.get(name="Pendamping").permissions.filter(
            content_type__app_label="desk", codename="change_helprequest"
        )

    def test_new_threads_follow_the_old_ones(self, migrated_thread):
        """A question asked after the move gets the next number."""
        newer = open_help_request(
            operator=migrated_thread["operator"],
            topic=HelpRequest.Topic.NEWS,
            subject="Berita belum tampil",
            body="Sudah saya kirim kemarin.",
        )

        assert newer.pk > migrated_thread["pk"]
        assert HelpRequest.objects.count() == 2
