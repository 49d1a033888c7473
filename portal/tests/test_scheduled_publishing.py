"""Scheduled pages go live only while whoever scheduled them may still publish."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts.models import User
from portal.factories import NewsPageFactory
from portal.models import NewsPage, PublishEvent
from portal.services import grant_publishing_rights, revoke_publishing_rights

# Operators play the limited editor whose rights the admin must hold back.
pytestmark = pytest.mark.usefixtures("operators_as_limited_editors")


GANTUNG_TASK = "Persetujuan Kecamatan Gantung 19.06.02"


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def news_form(go_live_at, title="Posyandu balita", **actions):
    """What the page editor posts for a news page with a go-live time."""
    return nested_form_data(
        {
            "title": title,
            "slug": "posyandu-balita",
            "date": "2026-01-05",
            "intro": "Penimbangan balita di balai desa.",
            "body": rich_text("<p>Kader posyandu menimbang balita.</p>"),
            "comments": inline_formset([]),
            "go_live_at": go_live_at.strftime("%Y-%m-%d %H:%M"),
            **{f"action-{name}": name for name, on in actions.items() if on},
        }
    )


def edit(browser, page, go_live_at, **actions):
    response = browser.post(
        f"/admin/pages/{page.pk}/edit/", news_form(go_live_at, **actions)
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def run_publish_scheduled(at):
    """`manage.py publish_scheduled`, run by cron at the moment `at`."""
    with mock.patch.object(timezone, "now", return_value=at):
        call_command("publish_scheduled", stdout=StringIO())


@pytest.fixture
def tomorrow():
    return timezone.now() + dt.timedelta(days=1)


@pytest.fixture
def go_live(tomorrow):
    """The first cron run after the go-live time."""
    return tomorrow + dt.timedelta(days=1)


@pytest.fixture
def draft(desa_page, operator):
    """A news page of Jangkar Asam that has never been online."""
    page = NewsPageFactory(parent=desa_page, live=False, title="Posyandu balita")
    page.save_revision(user=operator)
    return page


def reloaded(page):
    return NewsPage.objects.get(pk=page.pk)


class TestSchedulingIsNotPublishing:
    def test_scheduling_writes_no_activity_and_the_go_live_writes_one_event(
        self, operator, draft, tomorrow, go_live
    ):
        """Website activity counts the day residents can read the page."""
        grant_publishing_rights(operator=operator)

        edit(signed_in(operator), draft, tomorrow, publish=True)

        assert not reloaded(draft).live
        assert not PublishEvent.objects.exists()

        run_publish_scheduled(at=go_live)

        assert reloaded(draft).live
        event = PublishEvent.objects.get()
        assert (event.desa.code, event.page_id, event.user) == (
            "19.06.02.2003",
            draft.pk,
            operator,
        )


class TestScheduledPublishingAfterRevocation:
    def test_a_revoked_operators_page_goes_to_moderation_and_they_are_told(
        self,
        operator,
        draft,
        tomorrow,
        go_live,
        indonesian,
        django_capture_on_commit_callbacks,
    ):
        """At go-live the page stays offline and waits for the kecamatan's approval."""
        grant_publishing_rights(operator=operator)
        edit(signed_in(operator), draft, tomorrow, publish=True)
        revoke_publishing_rights(operator=operator, reason="Sertifikat dicabut")

        with django_capture_on_commit_callbacks(execute=True):
            run_publish_scheduled(at=go_live)

        page = reloaded(draft)
        assert not page.live
        assert not PublishEvent.objects.exists()
        assert page.workflow_in_progress
        assert page.current_workflow_task.name == GANTUNG_TASK
        assert page.current_workflow_state.requested_by == operator
        assert page.status_string == indonesian("in moderation")
        entry = PageLogEntry.objects.get(page=page, action="literasi.publish.held")
        assert entry.message == indonesian(
            "Not published at its scheduled time: %(author)s, who scheduled it, may no longer publish it. Sent to moderation instead.",
            author="Siti Aminah",
        )
        [email] = mail.outbox
        assert email.to == [operator.email]
        assert email.subject == indonesian(
            "“%(title)s” was not published at its scheduled time",
            title="Posyandu balita",
        )
        assert (
            indonesian(
                "It has been sent to the moderators of your kecamatan instead; it goes live once they approve it."
            )
            in email.body
        )
        assert f"/admin/pages/{page.pk}/edit/" in email.body

    def test_a_later_run_neither_publishes_nor_tells_again(
        self, operator, draft, tomorrow, go_live, django_capture_on_commit_callbacks
    ):
        """Held back once is held back: cron runs every few minutes."""
        grant_publishing_rights(operator=operator)
        edit(signed_in(operator), draft, tomorrow, publish=True)
        revoke_publishing_rights(operator=operator)

        with django_capture_on_commit_callbacks(execute=True):
            run_publish_scheduled(at=go_live)
            run_publish_scheduled(at=go_live + dt.timedelta(minutes=5))

        assert not reloaded(draft).live
        assert len(mail.outbox) == 1
        assert PageLogEntry.objects.filter(action="literasi.publish.held").count() == 1

    def test_a_live_pages_scheduled_changes_wait_and_the_live_version_stays(
        self, operator, desa_page, tomorrow, go_live
    ):
        """Changes to a page already online are held back the same way."""
        grant_publishing_rights(operator=operator)
        page = NewsPageFactory(parent=desa_page, title="Posyandu balita")
        page.save_revision(user=operator).publish(user=operator)
        browser = signed_in(operator)
        response = browser.post(
            f"/admin/pages/{page.pk}/edit/",
            news_form(tomorrow, title="Posyandu diubah", publish=True),
        )
        assert response.status_code == 302
        revoke_publishing_rights(operator=operator)

        run_publish_scheduled(at=go_live)

        page = reloaded(page)
        assert (page.live, page.title, page.draft_title) == (
            True,
            "Posyandu balita",
            "Posyandu diubah",
        )
        assert page.workflow_in_progress
        assert PublishEvent.objects.count() == 1

    def test_a_deactivated_operators_page_stays_a_draft(
        self,
        operator,
        draft,
        tomorrow,
        go_live,
        indonesian,
        django_capture_on_commit_callbacks,
    ):
        """Nobody can submit in their name; the page waits as a draft."""
        grant_publishing_rights(operator=operator)
        edit(signed_in(operator), draft, tomorrow, publish=True)
        User.objects.filter(pk=operator.pk).update(is_active=False)

        with django_capture_on_commit_callbacks(execute=True):
            run_publish_scheduled(at=go_live)

        page = reloaded(draft)
        assert not page.live
        assert not page.workflow_in_progress
        assert page.status_string == indonesian("draft")
        entry = PageLogEntry.objects.get(page=page, action="literasi.publish.held")
        assert entry.message == indonesian(
            "Not published at its scheduled time: %(author)s, who scheduled it, may no longer publish it. Kept as a draft.",
            author="Siti Aminah",
        )
        assert len(mail.outbox) == 1


class TestScheduledPublishingByModerators:
    def test_a_page_a_moderator_approved_for_later_goes_live(
        self, operator, gantung_admin, draft, tomorrow, go_live
    ):
        """The operator holds no rights; the kecamatan admin who scheduled it does."""
        edit(signed_in(operator), draft, tomorrow, submit=True)
        draft.refresh_from_db()
        task_state = draft.current_workflow_task_state
        response = signed_in(gantung_admin).post(
            f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/",
            {"comment": ""},
        )
        assert response.status_code == 302
        assert not reloaded(draft).live

        run_publish_scheduled(at=go_live)

        assert reloaded(draft).live
        assert PublishEvent.objects.count() == 1

    def test_a_moderators_own_scheduled_page_goes_live(
        self, gantung_admin, draft, tomorrow, go_live
    ):
        """Staff who still hold their rights keep scheduling as before."""
        edit(signed_in(gantung_admin), draft, tomorrow, publish=True)

        run_publish_scheduled(at=go_live)

        assert reloaded(draft).live
        assert not PageLogEntry.objects.filter(action="literasi.publish.held").exists()
