"""The inbox, opening a notice, the channels page and the trainers' WhatsApp list."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import OperatorFactory, TrainerFactory
from conftest import BANJARNEGARA, JANGKAR_ASAM
from notifications import services
from notifications.models import Notice
from notifications.selectors import unread_cache_key

INBOX = reverse("notifications:index")


def tell(user, n=1, **fields):
    values = {
        "recipient": user,
        "kind": Notice.Kind.DESK_ANSWER,
        "key": f"uji:{n}",
        "title": f"Pemberitahuan nomor {n}",
        "body": "Isi pemberitahuan.",
        "url": "/pendampingan/",
    }
    values.update(fields)
    return services.notify(**values)


def signed_in(client, user):
    client.force_login(user)
    return client


def text(response):
    return response.content.decode()


class TestInbox:
    def test_newest_first_unread_marked_and_counted_in_the_header(
        self, client, operator
    ):
        tell(operator, 1)
        services.mark_read(user=operator, notice=tell(operator, 2))
        tell(operator, 3)

        page = text(signed_in(client, operator).get(INBOX))

        assert page.index("Pemberitahuan nomor 3") < page.index("Pemberitahuan nomor 1")
        assert page.count("Baru</span>") == 2
        assert "Pemberitahuan (2)" in page
        assert "Tandai semua sudah dibaca" in page

    def test_twenty_a_page(self, client, operator):
        for n in range(25):
            tell(operator, n)

        first = text(signed_in(client, operator).get(INBOX))
        second = text(client.get(INBOX + "?p=2"))

        assert first.count('class="card') == 20
        assert second.count('class="card') == 5

    def test_nobody_sees_another_users_notices(self, client, operator, other_operator):
        tell(operator)

        page = text(signed_in(client, other_operator).get(INBOX))

        assert "Pemberitahuan nomor 1" not in page

    def test_the_inbox_takes_a_fixed_number_of_queries(
        self, client, operator, django_assert_num_queries
    ):
        """Session, user, the page's count and rows, the unread count: the same
        for 3 notices or 20."""
        signed_in(client, operator)
        for n in range(3):
            tell(operator, n)
        client.get(INBOX)
        with django_assert_num_queries(4):
            assert client.get(INBOX).status_code == 200
        for n in range(3, 20):
            tell(operator, n)
        client.get(INBOX)
        with django_assert_num_queries(4):
            assert client.get(INBOX).status_code == 200

    def test_signing_in_is_required(self, client):
        assert client.get(INBOX).status_code == 302


class TestHeaderCount:
    def test_a_page_costs_no_query_for_the_count_once_cached(self, client, operator):
        """The count is read once, then from the cache until a notice changes."""
        tell(operator)
        signed_in(client, operator)
        url = reverse("accounts:name_change")
        client.get(url)
        cache.delete(unread_cache_key(operator.pk))
        with CaptureQueriesContext(connection) as cold:
            client.get(url)
        with CaptureQueriesContext(connection) as warm:
            assert "Pemberitahuan (1)" in text(client.get(url))

        assert len(cold) == len(warm) + 1
        assert not any("notifications_notice" in q["sql"] for q in warm)

    def test_reading_updates_the_header(self, client, operator):
        notice = tell(operator)
        signed_in(client, operator)
        assert "Pemberitahuan (1)" in text(client.get(INBOX))

        client.get(reverse("notifications:open", args=[notice.pk]))

        page = text(client.get(INBOX))
        assert "Pemberitahuan (1)" not in page
        assert ">Pemberitahuan</a>" in page


class TestOpen:
    def test_opening_marks_read_and_goes_to_the_link(self, client, operator):
        notice = tell(operator)

        response = signed_in(client, operator).get(
            reverse("notifications:open", args=[notice.pk])
        )

        assert response.status_code == 302
        assert response["Location"] == "/pendampingan/"
        notice.refresh_from_db()
        assert notice.read_at is not None

    def test_a_post_works_too(self, client, operator):
        notice = tell(operator)

        response = signed_in(client, operator).post(
            reverse("notifications:open", args=[notice.pk])
        )

        assert response["Location"] == "/pendampingan/"

    def test_another_users_notice_is_not_found(self, client, operator, other_operator):
        notice = tell(operator)

        response = signed_in(client, other_operator).get(
            reverse("notifications:open", args=[notice.pk])
        )

        assert response.status_code == 404
        notice.refresh_from_db()
        assert notice.read_at is None

    def test_a_link_off_the_site_goes_to_the_inbox(self, client, operator):
        notice = tell(operator, url="https://contoh.invalid/")

        response = signed_in(client, operator).get(
            reverse("notifications:open", args=[notice.pk])
        )

        assert response["Location"] == INBOX


class TestMarkAllRead:
    def test_every_notice_becomes_read_and_twice_is_harmless(self, client, operator):
        tell(operator, 1)
        tell(operator, 2)
        signed_in(client, operator)
        url = reverse("notifications:mark_all_read")

        assert client.post(url).status_code == 302
        assert client.post(url).status_code == 302

        assert not Notice.objects.filter(read_at=None).exists()

    def test_a_get_changes_nothing(self, client, operator):
        tell(operator)

        response = signed_in(client, operator).get(
            reverse("notifications:mark_all_read")
        )

        assert response.status_code == 405
        assert Notice.objects.filter(read_at=None).exists()


class TestPreferences:
    URL = reverse("notifications:preferences")

    def test_turning_email_off_keeps_the_inbox(self, client, operator):
        signed_in(client, operator)
        page = text(client.get(self.URL))
        assert "Lewat email" in page
        assert "SMS / WhatsApp" not in page  # no gateway configured

        client.post(self.URL, {})  # the box unticked

        assert not tell(operator).deliveries.exists()

    def test_the_gateway_is_offered_when_configured(self, client, operator, settings):
        settings.NOTIFICATIONS_GATEWAY_BACKEND = "notifications.backends.ConsoleGateway"
        signed_in(client, operator)
        assert "Lewat pesan SMS / WhatsApp" in text(client.get(self.URL))

        client.post(self.URL, {"email": "on", "gateway": "on"})

        channels = sorted(tell(operator).deliveries.values_list("channel", flat=True))
        assert channels == ["email", "gateway"]

    def test_without_an_address_email_is_not_offered(self, client, operator):
        operator.email = ""
        operator.save()

        page = text(signed_in(client, operator).get(self.URL))

        assert "akun Anda belum punya alamat email" in page


class TestWhatsApp:
    URL = reverse("notifications:whatsapp")

    def test_the_trainer_gets_a_link_per_operator_of_their_kabupaten(
        self, client, operator, klampok_operator, trainer
    ):
        no_phone = OperatorFactory(
            region_code=JANGKAR_ASAM, phone=None, first_name="Tanpa", last_name="HP"
        )
        tell(operator, title="Sertifikat Anda terbit")
        tell(no_phone)
        tell(klampok_operator, title="Untuk Klampok")

        page = text(signed_in(client, trainer).get(self.URL))

        assert "https://wa.me/6281219060203?text=Sertifikat%20Anda%20terbit" in page
        assert "Kirim lewat WhatsApp" in page
        assert "Tidak ada nomor HP" in page
        assert klampok_operator.display_name not in page
        assert "Untuk Klampok" not in page

    def test_a_trainer_of_another_kabupaten_sees_none_of_them(
        self, client, operator, regions
    ):
        tell(operator)
        other = TrainerFactory(username="pendamping.banjar", region_code=BANJARNEGARA)

        page = text(signed_in(client, other).get(self.URL))

        assert operator.display_name not in page

    def test_operators_may_not_open_it(self, client, operator):
        assert signed_in(client, operator).get(self.URL).status_code == 403


@pytest.mark.usefixtures("world")
class TestAdminMenu:
    def test_staff_see_the_inbox_with_its_count_in_the_admin(
        self, client, beltim_admin
    ):
        tell(beltim_admin)

        page = text(signed_in(client, beltim_admin).get(reverse("wagtailadmin_home")))

        assert "Pemberitahuan (1)" in page
        assert INBOX in page
