"""An email that fails while the mail server is down is sent later, once, by the
periodic `retry_notice_deliveries`; old or exhausted ones are left alone."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications import services
from notifications.models import Delivery, Notice


def tell(user, key="uji:1"):
    return services.notify(
        recipient=user,
        kind=Notice.Kind.CERTIFICATE_ISSUED,
        key=key,
        title="Sertifikat Anda terbit",
        body="Unduh dari Kursus saya.",
        url="/kursus/saya/",
    )


def retry():
    out = StringIO()
    call_command("retry_notice_deliveries", stdout=out)
    return out.getvalue()


@pytest.fixture
def sent_while_down(operator, smtp, django_capture_on_commit_callbacks):
    """A notice whose email failed: the mail server was stopped."""
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=True):
        notice = tell(operator)
    return notice


class TestRetries:
    def test_the_email_fails_while_the_server_is_down_and_goes_once_it_is_up(
        self, operator, smtp, sent_while_down
    ):
        """The notice is in the inbox at once; the email follows when the server
        is back, exactly once however often the command runs."""
        assert Notice.objects.filter(recipient=operator).get() == sent_while_down
        delivery = Delivery.objects.get(notice=sent_while_down)
        assert delivery.status == Delivery.Status.FAILED
        assert "refused" in delivery.error.lower()

        assert "1 notice(s) queued" in retry()  # still down
        delivery.refresh_from_db()
        assert delivery.status == Delivery.Status.FAILED
        assert delivery.attempts == 2
        assert smtp.mailbox.received == []

        smtp.start()
        assert "1 notice(s) queued" in retry()
        assert "0 notice(s) queued" in retry()

        delivery.refresh_from_db()
        assert delivery.status == Delivery.Status.SENT
        assert delivery.attempts == 3
        assert delivery.error == ""
        [email] = smtp.mailbox.received
        assert email["to"] == [operator.email]
        assert email["subject"] == "Sertifikat Anda terbit"

    def test_a_delivery_is_tried_at_most_the_maximum_number_of_times(
        self, smtp, sent_while_down
    ):
        for _ in range(services.MAX_DELIVERY_ATTEMPTS + 2):
            retry()
        smtp.start()

        assert "0 notice(s) queued" in retry()
        assert services.deliver_notice(notice_id=sent_while_down.pk) == 0
        delivery = Delivery.objects.get(notice=sent_while_down)
        assert delivery.attempts == services.MAX_DELIVERY_ATTEMPTS
        assert delivery.status == Delivery.Status.FAILED
        assert smtp.mailbox.received == []

    def test_a_notice_older_than_two_days_is_not_sent_late(self, smtp, sent_while_down):
        Notice.objects.filter(pk=sent_while_down.pk).update(
            created_at=timezone.now() - dt.timedelta(days=2, minutes=1)
        )
        smtp.start()

        assert "0 notice(s) queued" in retry()
        assert smtp.mailbox.received == []

    def test_a_delivery_whose_task_was_lost_is_sent(
        self, operator, smtp, django_capture_on_commit_callbacks
    ):
        """A delivery still waiting half an hour after its notice (the worker
        stopped before it ran) is queued again; a fresh one is left to its task."""
        with django_capture_on_commit_callbacks(execute=False):
            notice = tell(operator)
        assert "0 notice(s) queued" in retry()

        Notice.objects.filter(pk=notice.pk).update(
            created_at=timezone.now() - dt.timedelta(minutes=31)
        )
        assert "1 notice(s) queued" in retry()

        assert Delivery.objects.get(notice=notice).status == Delivery.Status.SENT
        assert len(smtp.mailbox.received) == 1

    def test_a_sent_delivery_is_never_queued_again(
        self, operator, smtp, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            tell(operator)

        assert "0 notice(s) queued" in retry()
        assert len(smtp.mailbox.received) == 1
