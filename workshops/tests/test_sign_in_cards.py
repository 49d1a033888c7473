"""Printing a workshop's sign-in cards: who may, what the sheet holds, what it does."""

import io
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from accounts.factories import OperatorFactory, TrainerFactory
from accounts.models import SignInCard
from accounts.services import deactivate_operator
from regions.models import Region
from workshops.factories import build_workshop
from workshops.services import workshops as services

BASE = "https://literasi.example.id"
GANTUNG_DESA = ["19.06.02.2001", "19.06.02.2002", "19.06.02.2003"]


@pytest.fixture
def workshop(trainer, portal):
    return build_workshop(actor=trainer)


@pytest.fixture
def invited(trainer, workshop, regions):
    """Twelve operators of three Gantung desa, invited: two sheets of cards."""
    people = [
        OperatorFactory(region_code=code, first_name=f"Peserta{code[-1]}{n:02d}")
        for code in GANTUNG_DESA
        for n in range(4)
    ]
    services.invite(
        actor=trainer,
        workshop=workshop,
        desa=Region.objects.filter(code__in=GANTUNG_DESA),
    )
    return people


def print_cards(client, workshop):
    return client.post(reverse("workshops:sign_in_cards", args=[workshop.pk]))


def scanned_urls(pdf_bytes, tmp_path):
    """Every QR code on every page, as a phone camera reads the printed sheet."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools).")
    (tmp_path / "cards.pdf").write_bytes(pdf_bytes)
    subprocess.run(  # noqa: S603 - fixed programs on a file the test wrote
        [shutil.which("pdftoppm") or "pdftoppm", "-r", "200", "-png"]
        + [str(tmp_path / "cards.pdf"), str(tmp_path / "page")],
        check=True,
    )
    urls = []
    for page in sorted(tmp_path.glob("page*.png")):
        scanned = subprocess.run(  # noqa: S603
            [zbarimg, "--raw", "-q", str(page)],
            check=True,
            capture_output=True,
            text=True,
        )
        urls += scanned.stdout.split()
    return urls


class TestPrinting:
    def test_the_trainer_prints_ten_cards_a_page_whose_qr_signs_each_in(
        self, client, trainer, workshop, invited, tmp_path, settings
    ):
        """Every invited operator has a card; its QR code is their own way in."""
        settings.WAGTAILADMIN_BASE_URL = BASE
        client.force_login(trainer)

        page = client.get(reverse("workshops:sign_in_cards", args=[workshop.pk]))
        assert page.status_code == 200
        assert "Cetak kartu masuk (PDF)" in page.content.decode()
        response = print_cards(client, workshop)

        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        assert len(reader.pages) == 2
        text = " ".join(p.extract_text() for p in reader.pages)
        assert "Pindai dengan kamera HP, lalu tekan Masuk." in " ".join(text.split())
        for person in invited:
            assert person.first_name in text
            assert person.username in text
        assert "Desa Jangkar Asam" in text
        urls = scanned_urls(response.content, tmp_path)
        assert len(urls) == len(invited) == len(set(urls))
        assert all(url.startswith(f"{BASE}/akun/kartu/") for url in urls)
        phone = Client()
        path = urls[0].removeprefix(BASE)
        name = phone.get(path).context["card"].user
        assert phone.post(path)["Location"] == "/kursus/saya/"
        assert phone.session["_auth_user_id"] == str(name.pk)

    def test_a_reprint_makes_the_first_sheet_useless(
        self, client, trainer, workshop, invited
    ):
        client.force_login(trainer)
        print_cards(client, workshop)
        print_cards(client, workshop)

        cards = SignInCard.objects.filter(workshop_id=workshop.pk)
        assert cards.count() == 2 * len(invited)
        assert cards.filter(replaced_at__isnull=True).count() == len(invited)

    def test_deactivated_operators_get_no_card(
        self, client, trainer, beltim_admin, workshop, invited
    ):
        deactivate_operator(actor=beltim_admin, operator=invited[0])
        client.force_login(trainer)

        print_cards(client, workshop)

        assert SignInCard.objects.count() == len(invited) - 1
        assert not SignInCard.objects.filter(user=invited[0]).exists()

    def test_a_workshop_without_invitations_says_what_to_do(
        self, client, trainer, workshop
    ):
        client.force_login(trainer)

        response = client.post(
            reverse("workshops:sign_in_cards", args=[workshop.pk]), follow=True
        )

        assert response.status_code == 200
        assert "Undang desa terlebih dahulu" in response.content.decode()
        assert not SignInCard.objects.exists()


class TestScope:
    def test_another_kabupatens_trainer_and_admin_get_404_and_print_nothing(
        self, client, workshop, invited, banjarnegara_admin, regions
    ):
        for outsider in (banjarnegara_admin, TrainerFactory(region_code="33.04")):
            client.force_login(outsider)
            url = reverse("workshops:sign_in_cards", args=[workshop.pk])
            assert client.get(url).status_code == 404
            assert client.post(url).status_code == 404
        assert not SignInCard.objects.exists()

    def test_a_kecamatan_admin_follows_but_does_not_print(
        self, client, workshop, invited, gantung_admin
    ):
        """Kecamatan admins see the workshop read-only: no cards."""
        client.force_login(gantung_admin)
        url = reverse("workshops:sign_in_cards", args=[workshop.pk])
        assert client.post(url).status_code == 403
        assert not SignInCard.objects.exists()

    def test_operators_cannot_print(self, client, workshop, invited):
        client.force_login(invited[0])
        url = reverse("workshops:sign_in_cards", args=[workshop.pk])
        assert client.post(url).status_code == 404
