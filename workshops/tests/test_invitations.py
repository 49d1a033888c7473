"""Operators see their own workshop invitations (their page, Kursus saya);
trainers send each invitation by WhatsApp."""

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.factories import OperatorFactory
from workshops.factories import build_workshop
from workshops.services import workshops as services

# Every test gets the database through the shared world's fixtures (conftest.py).


def tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


def long_date(day):
    with translation.override("id"):
        return date_format(day, "l, j F Y")


def page_of(client, user):
    client.force_login(user)
    response = client.get(reverse("workshops:my_invitations"))
    assert response.status_code == 200
    return response.content.decode()


class TestMyInvitationsPage:
    def test_the_operator_sees_session_date_time_and_venue(
        self, client, trainer, portal, operator
    ):
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])

        html = page_of(client, operator)

        assert "Undangan lokakarya saya" in html
        assert "Lokakarya Uji" in html and "Sesi 1" in html
        assert f"{long_date(tomorrow())}, 00.00–23.59 WIB" in html
        assert "Aula Manggar" in html
        assert "usulan, masih dapat berubah" in html  # not confirmed yet

    def test_past_workshops_say_whether_the_operator_attended(
        self, client, trainer, portal, operator
    ):
        day = timezone.localdate() - dt.timedelta(days=10)
        attended = build_workshop(actor=trainer, day=day)
        attended.title = "Lokakarya Hadir"
        attended.save()
        missed = build_workshop(actor=trainer, day=day)
        missed.title = "Lokakarya Absen"
        missed.save()
        for workshop in (attended, missed):
            services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        services.tick_attendance(
            actor=trainer,
            session=attended.invitations.get().session,
            operator=operator,
        )

        html = page_of(client, operator)

        past = html.split("Lokakarya yang sudah lewat", 1)[1]
        assert re.search(r"Lokakarya Hadir.*?Hadir</span>", past, re.S)
        assert re.search(r"Lokakarya Absen.*?Tidak hadir</span>", past, re.S)
        assert "Belum ada undangan lokakarya" in html  # nothing coming up

    def test_an_operator_sees_only_their_own_invitations(
        self, client, trainer, portal, operator, other_operator
    ):
        mine = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=mine, desa=[operator.region])
        theirs = build_workshop(actor=trainer, day=tomorrow())
        theirs.title = "Lokakarya Mekar Jaya"
        theirs.save()
        services.invite(actor=trainer, workshop=theirs, desa=[other_operator.region])

        html = page_of(client, operator)

        assert "Lokakarya Uji" in html
        assert "Lokakarya Mekar Jaya" not in html
        assert "Lokakarya Uji" not in page_of(client, other_operator)

    def test_no_link_to_the_letter_meant_for_the_kepala_desa(
        self, client, trainer, portal, operator
    ):
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])

        html = page_of(client, operator)

        assert f"/lokakarya/{workshop.pk}/undangan/" not in html

    def test_staff_are_sent_to_the_workshops_they_follow(self, client, trainer):
        client.force_login(trainer)

        response = client.get(reverse("workshops:my_invitations"))

        assert response.status_code == 302
        assert response["Location"] == reverse("workshops:index")

    @pytest.mark.parametrize("n", [1, 10])
    def test_the_page_costs_the_same_queries_for_1_or_10_invitations(
        self, client, trainer, portal, operator, n, django_assert_num_queries
    ):
        for i in range(n):
            workshop = build_workshop(
                actor=trainer, day=timezone.localdate() + dt.timedelta(days=i - 5)
            )
            services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(operator)
        client.get(reverse("workshops:my_invitations"))  # warm the time zone cache

        with django_assert_num_queries(3):
            response = client.get(reverse("workshops:my_invitations"))

        assert response.content.decode().count("Lokakarya Uji") == n


class TestKursusSaya:
    def test_the_next_invitation_is_announced_at_the_top(
        self, client, trainer, portal, operator
    ):
        later = build_workshop(actor=trainer, day=tomorrow() + dt.timedelta(days=7))
        later.title = "Lokakarya Berikutnya"
        later.save()
        workshop = build_workshop(actor=trainer, day=tomorrow())
        for w in (later, workshop):
            services.invite(actor=trainer, workshop=w, desa=[operator.region])
        client.force_login(operator)

        html = client.get(reverse("courses:my_courses")).content.decode()

        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
        assert (
            f"Anda diundang ke Lokakarya Uji, Sesi 1, {long_date(tomorrow())}, "
            "00.00–23.59 WIB, Aula Manggar." in text
        )
        assert "Lokakarya Berikutnya" not in html
        assert reverse("workshops:my_invitations") in html

    def test_nothing_is_announced_without_an_upcoming_invitation(
        self, client, trainer, portal, operator
    ):
        past = build_workshop(
            actor=trainer, day=timezone.localdate() - dt.timedelta(days=3)
        )
        services.invite(actor=trainer, workshop=past, desa=[operator.region])
        client.force_login(operator)

        html = client.get(reverse("courses:my_courses")).content.decode()

        assert "Anda diundang" not in html


def whatsapp_links(html):
    return [unescape(h) for h in re.findall(r'href="(https://wa\.me/[^"]+)"', html)]


class TestWhatsAppLinks:
    @pytest.fixture(autouse=True)
    def _site_address(self, settings):
        settings.WAGTAILADMIN_BASE_URL = "https://literasi.example.id/"

    def test_each_operator_gets_a_link_with_the_invitation_filled_in(
        self, client, trainer, portal, operator
    ):
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(trainer)

        html = client.get(
            reverse("workshops:participants", args=[workshop.pk])
        ).content.decode()

        [link] = whatsapp_links(html)
        parts = urlsplit(link)
        assert parts.path == "/6281219060203"
        [text] = parse_qs(parts.query)["text"]
        assert text == (
            f"Halo Siti Aminah, Anda diundang ke Lokakarya Uji, Sesi 1, pada "
            f"{long_date(tomorrow())}, pukul 00.00–23.59 WIB, di Aula Manggar. "
            "Lihat undangan Anda: https://literasi.example.id/lokakarya/undangan/"
        )
        assert re.search(r'target="_blank" rel="noopener"', html)
        assert "Kirim lewat WhatsApp" in html

    def test_an_operator_without_a_mobile_number_has_no_link(
        self, client, trainer, portal, operator
    ):
        OperatorFactory(region_code=operator.region.code, phone=None)
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(trainer)

        html = client.get(
            reverse("workshops:participants", args=[workshop.pk])
        ).content.decode()

        assert len(whatsapp_links(html)) == 1
        assert html.count("Tidak ada nomor HP") == 1

    def test_the_desa_letter_list_offers_the_same_links(
        self, client, trainer, portal, operator
    ):
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(trainer)

        html = client.get(
            reverse("workshops:detail", args=[workshop.pk])
        ).content.decode()

        [link] = whatsapp_links(html)
        assert link.startswith("https://wa.me/6281219060203?text=Halo%20Siti")

    def test_a_kecamatan_admin_who_follows_the_workshop_gets_no_links(
        self, client, trainer, portal, operator, gantung_admin
    ):
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(gantung_admin)

        for name in ("workshops:participants", "workshops:detail"):
            html = client.get(reverse(name, args=[workshop.pk])).content.decode()
            assert whatsapp_links(html) == []
            assert "Tidak ada nomor HP" not in html
