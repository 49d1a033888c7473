"""Notices are written once, delivered once per channel, and read."""

import importlib
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.apps import apps
from django.core.cache import cache
from wagtail.users.models import UserProfile

from accounts.services import create_operator
from conftest import JANGKAR_ASAM
from notifications import services
from notifications.backends import ConsoleGateway, GatewayError, WebhookGateway
from notifications.models import Delivery, Notice
from notifications.selectors import channels_for, unread_count
from regions.models import Region


def tell(user, key="uji:1", **fields):
    values = {
        "recipient": user,
        "kind": Notice.Kind.CERTIFICATE_ISSUED,
        "key": key,
        "title": "Sertifikat Anda terbit",
        "body": "Unduh dari Kursus saya.",
        "url": "/kursus/saya/",
    }
    values.update(fields)
    return services.notify(**values)


class TestNotify:
    def test_the_same_key_twice_makes_one_notice_and_one_email(
        self, operator, smtp_server, django_capture_on_commit_callbacks
    ):
        """Whatever the retries, a notice with one key reaches the user once."""
        with django_capture_on_commit_callbacks(execute=True):
            first = tell(operator)
            second = tell(operator, title="Lagi")

        assert first.pk == second.pk
        assert Notice.objects.filter(recipient=operator).count() == 1
        assert len(smtp_server.received) == 1
        received = smtp_server.received[0]
        assert received["to"] == [operator.email]
        assert received["subject"] == "Sertifikat Anda terbit"
        assert "Unduh dari Kursus saya." in received["body"]
        assert "http://127.0.0.1:8000/kursus/saya/" in received["body"]
        delivery = Delivery.objects.get(notice=first)
        assert delivery.status == Delivery.Status.SENT
        assert delivery.attempts == 1

    def test_running_the_delivery_again_sends_nothing_more(
        self, operator, smtp_server, django_capture_on_commit_callbacks
    ):
        """A worker that runs the task again skips the delivery already sent."""
        with django_capture_on_commit_callbacks(execute=True):
            notice = tell(operator)

        assert services.deliver_notice(notice_id=notice.pk) == 0
        assert len(smtp_server.received) == 1

    def test_nothing_is_sent_before_the_commit(
        self, operator, smtp_server, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False):
            tell(operator)

        assert smtp_server.received == []
        assert Delivery.objects.get().status == Delivery.Status.PENDING

    def test_a_failed_email_is_recorded_and_sent_by_the_next_run(
        self, operator, settings, smtp_server, django_capture_on_commit_callbacks
    ):
        """An unreachable mail server marks the delivery failed with the error; the
        next run sends it once."""
        port = settings.EMAIL_PORT
        settings.EMAIL_PORT = 1  # nothing listens there
        with django_capture_on_commit_callbacks(execute=True):
            notice = tell(operator)
        delivery = Delivery.objects.get(notice=notice)
        assert delivery.status == Delivery.Status.FAILED
        assert delivery.error

        settings.EMAIL_PORT = port
        assert services.deliver_notice(notice_id=notice.pk) == 1
        assert services.deliver_notice(notice_id=notice.pk) == 0
        delivery.refresh_from_db()
        assert delivery.status == Delivery.Status.SENT
        assert delivery.attempts == 2
        assert len(smtp_server.received) == 1

    def test_a_user_without_email_gets_the_inbox_only(self, operator):
        operator.email = ""
        operator.save()

        notice = tell(operator)

        assert not notice.deliveries.exists()

    def test_a_user_who_turned_email_off_gets_the_inbox_only(self, operator):
        services.save_preferences(user=operator, email=False, gateway=False)

        assert not tell(operator).deliveries.exists()

    def test_a_deactivated_account_is_told_nothing(self, operator):
        operator.is_active = False
        operator.save()

        assert tell(operator) is None
        assert not Notice.objects.exists()


class TestChannels:
    def test_email_is_on_by_default_and_the_gateway_off(self, operator):
        channels = channels_for(operator)

        assert channels.email
        assert not channels.gateway
        assert not channels.gateway_offered  # no gateway configured

    def test_the_gateway_is_offered_when_configured_and_the_user_has_a_phone(
        self, operator, settings
    ):
        settings.NOTIFICATIONS_GATEWAY_BACKEND = "notifications.backends.ConsoleGateway"
        assert channels_for(operator).gateway_offered
        operator.phone = None
        assert not channels_for(operator).gateway_offered

    def test_a_chosen_gateway_delivers_through_the_configured_backend(
        self, operator, settings, django_capture_on_commit_callbacks, caplog
    ):
        settings.NOTIFICATIONS_GATEWAY_BACKEND = "notifications.backends.ConsoleGateway"
        services.save_preferences(user=operator, email=False, gateway=True)

        with django_capture_on_commit_callbacks(execute=True):
            notice = tell(operator)

        delivery = notice.deliveries.get()
        assert delivery.channel == Delivery.Channel.GATEWAY
        assert delivery.status == Delivery.Status.SENT
        assert operator.phone in caplog.text
        assert "Sertifikat Anda terbit" in caplog.text


class TestMarkRead:
    def test_reading_lowers_the_cached_unread_count(self, operator):
        first = tell(operator, key="a")
        tell(operator, key="b")
        assert unread_count(operator) == 2

        services.mark_read(user=operator, notice=first)
        assert unread_count(operator) == 1

        services.mark_all_read(user=operator)
        assert unread_count(operator) == 0
        assert not Notice.objects.filter(read_at=None).exists()

    def test_a_new_notice_raises_the_cached_count(self, operator):
        assert unread_count(operator) == 0
        tell(operator)
        assert unread_count(operator) == 1

    def test_the_count_is_read_from_the_cache(
        self, operator, django_assert_num_queries
    ):
        tell(operator)
        cache.clear()
        with django_assert_num_queries(1):
            assert unread_count(operator) == 1
        with django_assert_num_queries(0):
            assert unread_count(operator) == 1

    def test_nobody_marks_another_users_notice(self, operator, other_operator):
        notice = tell(operator)

        with pytest.raises(Notice.DoesNotExist):
            services.mark_read(user=other_operator, notice=notice)
        notice.refresh_from_db()
        assert notice.read_at is None


class Provider(BaseHTTPRequestHandler):
    """A gateway provider's endpoint: keeps what it was sent, answers `status`."""

    received = []
    status = 200

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).received.append(
            {
                "authorization": self.headers.get("Authorization"),
                "json": json.loads(self.rfile.read(length)),
            }
        )
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(settings):
    Provider.received = []
    Provider.status = 200
    server = HTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFICATIONS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/kirim"
    settings.NOTIFICATIONS_GATEWAY_TOKEN = "rahasia-kabupaten"
    yield Provider
    server.shutdown()
    server.server_close()


class TestWebhookGateway:
    def test_it_posts_the_number_and_text_as_json_with_the_token(self, provider):
        WebhookGateway().send(phone="+6281219060203", text="Sertifikat Anda terbit")

        assert provider.received == [
            {
                "authorization": "Bearer rahasia-kabupaten",
                "json": {"to": "+6281219060203", "text": "Sertifikat Anda terbit"},
            }
        ]

    def test_a_refusal_raises(self, provider):
        provider.status = 500

        with pytest.raises(GatewayError):
            WebhookGateway().send(phone="+6281219060203", text="Halo")

    def test_an_unreachable_provider_raises(self, settings):
        settings.NOTIFICATIONS_GATEWAY_URL = "http://127.0.0.1:1/kirim"

        with pytest.raises(GatewayError):
            WebhookGateway().send(phone="+6281219060203", text="Halo")

    def test_a_notice_goes_through_the_webhook_once(
        self, operator, settings, provider, django_capture_on_commit_callbacks
    ):
        settings.NOTIFICATIONS_GATEWAY_BACKEND = "notifications.backends.WebhookGateway"
        services.save_preferences(user=operator, email=False, gateway=True)

        with django_capture_on_commit_callbacks(execute=True):
            notice = tell(operator)
            tell(operator)
        services.deliver_notice(notice_id=notice.pk)

        assert len(provider.received) == 1
        text = provider.received[0]["json"]["text"]
        assert text.startswith("Sertifikat Anda terbit")
        assert provider.received[0]["json"]["to"] == operator.phone


def test_the_console_gateway_logs(caplog):
    ConsoleGateway().send(phone="+6281219060203", text="Halo")

    assert "+6281219060203" in caplog.text


class TestWagtailModerationEmails:
    FLAGS = services.WAGTAIL_MODERATION_EMAILS

    def flags(self, user):

        profile = UserProfile.get_for_user(user)
        return {name: getattr(profile, name) for name in self.FLAGS}

    def test_a_new_operator_gets_only_this_apps_moderation_notices(
        self, operator, trainer, gantung_admin
    ):
        """Operators are created with Wagtail's moderation emails off; staff keep
        them."""
        assert self.flags(operator) == dict.fromkeys(self.FLAGS, False)
        assert self.flags(trainer) == dict.fromkeys(self.FLAGS, True)
        assert self.flags(gantung_admin) == dict.fromkeys(self.FLAGS, True)

    def test_an_operator_created_by_an_admin_is_silenced_too(self, beltim_admin):
        created = create_operator(
            actor=beltim_admin,
            name="Rina Kurnia",
            desa=Region.objects.get(code=JANGKAR_ASAM),
            email="rina@contoh.desa.id",
        )

        assert self.flags(created.user) == dict.fromkeys(self.FLAGS, False)

    def test_the_migration_silences_the_operators_already_there(
        self, operator, other_operator, trainer
    ):
        """Operators with a Wagtail profile, and those who never had one."""

        from wagtail.users.models import UserProfile

        UserProfile.objects.filter(user=operator).update(
            **dict.fromkeys(self.FLAGS, True)
        )
        UserProfile.objects.filter(user=other_operator).delete()
        migration = importlib.import_module(
            "notifications.migrations.0002_operators_without_wagtail_moderation_emails"
        )

        migration.silence_operators(apps, None)

        assert self.flags(operator) == dict.fromkeys(self.FLAGS, False)
        assert self.flags(other_operator) == dict.fromkeys(self.FLAGS, False)
        assert self.flags(trainer) == dict.fromkeys(self.FLAGS, True)
