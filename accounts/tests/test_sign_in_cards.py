"""Sign-in cards: a printed QR code signs its operator in once, without a password."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import card_views
from accounts import services as account_services
from accounts.factories import TrainerFactory
from accounts.models import SignInCard, User
from accounts.services import (
    SignInCardError,
    deactivate_operator,
    issue_sign_in_cards,
    sign_in_with_card,
)
from regions.models import Region

MY_COURSES = "/kursus/saya/"
USED = "Kartu masuk ini sudah dipakai pada"
NOT_VALID = "Kartu masuk ini tidak berlaku."
REPLACED = "Kartu masuk ini sudah diganti dengan kartu yang lebih baru."
EXPIRED = "Kartu masuk ini sudah kedaluwarsa sejak"


def issue(actor, *users, days=1):
    return issue_sign_in_cards(
        actor=actor,
        users=users,
        valid_until=timezone.now() + datetime.timedelta(days=days),
    )


def card_path(card):
    return reverse("accounts:sign_in_card", args=[card.token])


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def card(beltim_admin, operator):
    [issued] = issue(beltim_admin, operator)
    return issued


class TestSignIn:
    def test_a_card_signs_its_operator_in_and_lands_on_my_courses(
        self, client, card, operator
    ):
        """Scan, press Masuk: Siti is signed in and sees Kursus saya."""
        page = client.get(card_path(card))
        assert page.status_code == 200
        assert "Masuk sebagai <strong>Siti Aminah</strong>?" in page.content.decode()

        response = client.post(card_path(card))

        assert response.status_code == 302
        assert response["Location"] == MY_COURSES
        assert signed_in_user_id(client) == str(operator.pk)

    def test_the_second_use_fails_with_a_message_and_signs_nobody_in(
        self, client, card, operator
    ):
        """A card works once; a second phone is told to use the password."""
        client.post(card_path(card))
        other_phone = Client()

        response = other_phone.post(card_path(card))

        assert response.status_code == 410
        text = response.content.decode()
        assert USED in text
        assert "minta kartu baru kepada pendamping" in text
        assert signed_in_user_id(other_phone) is None

    def test_opening_the_page_does_not_use_the_card(self, client, card, operator):
        """Link previews and prefetchers GET the page: the card still works after."""
        for _ in range(3):
            page = client.get(card_path(card))
            assert page.status_code == 200
        # The address holds the token: no referrer to other sites, no stored copy.
        assert page["Referrer-Policy"] == "no-referrer"
        assert "no-store" in page["Cache-Control"]
        assert SignInCard.objects.get().used_at is None
        assert signed_in_user_id(client) is None

        assert client.post(card_path(card))["Location"] == MY_COURSES

    def test_an_expired_card_fails(self, client, card, operator):
        """After its day the card only tells the operator what to do instead."""
        SignInCard.objects.update(expires_at=timezone.now() - datetime.timedelta(1))

        response = client.post(card_path(card))

        assert response.status_code == 410
        assert EXPIRED in response.content.decode()
        assert signed_in_user_id(client) is None
        assert SignInCard.objects.get().used_at is None

    def test_a_deactivated_operators_card_fails(
        self, client, card, operator, beltim_admin
    ):
        """Deactivation stops the card too, and says no more than 'not valid'."""
        deactivate_operator(actor=beltim_admin, operator=operator)

        response = client.post(card_path(card))

        assert response.status_code == 410
        assert NOT_VALID in response.content.decode()
        assert signed_in_user_id(client) is None

    def test_an_unknown_token_gets_a_page_not_a_404(self, client, regions):
        response = client.get(reverse("accounts:sign_in_card", args=["x" * 22]))

        assert response.status_code == 410
        text = response.content.decode()
        assert NOT_VALID in text
        assert "Masuk dengan kata sandi" in text
        assert "Anda sudah masuk" not in text

    def test_a_reprinted_card_invalidates_the_old_one(
        self, client, card, operator, beltim_admin
    ):
        """The lost card stops working as soon as a new one is printed."""
        [new] = issue(beltim_admin, operator)

        old_response = client.post(card_path(card))
        assert old_response.status_code == 410
        assert REPLACED in old_response.content.decode()
        assert signed_in_user_id(client) is None
        assert client.post(card_path(new))["Location"] == MY_COURSES

    def test_a_double_tap_on_the_same_phone_keeps_it_signed_in(
        self, client, card, operator
    ):
        """The second press of the same phone is not an error."""
        client.post(card_path(card))

        response = client.post(card_path(card))

        assert response.status_code == 410
        assert "Anda sudah masuk sebagai Siti Aminah." in response.content.decode()
        assert signed_in_user_id(client) == str(operator.pk)

    def test_two_phones_racing_get_in_once(self, card, operator, monkeypatch):
        """If another phone uses the card between the read and the write, this one
        is refused: the card is used by a conditional UPDATE."""
        real_read = account_services.usable_sign_in_card
        calls = []

        def read_then_lose_the_race(**kwargs):
            found = real_read(**kwargs)
            if not calls:
                SignInCard.objects.filter(pk=found.pk).update(used_at=timezone.now())
            calls.append(found)
            return found

        monkeypatch.setattr(
            account_services, "usable_sign_in_card", read_then_lose_the_race
        )
        with pytest.raises(SignInCardError):
            sign_in_with_card(token=card.token)

    def test_the_sign_in_is_logged_and_the_token_is_not_stored(
        self, client, card, operator, beltim_admin
    ):
        client.post(card_path(card))

        actions = set(
            ModelLogEntry.objects.filter(object_id=str(operator.pk)).values_list(
                "action", "user_id"
            )
        )
        assert ("literasi.sign_in_card.issue", beltim_admin.pk) in actions
        assert ("literasi.sign_in_card.use", operator.pk) in actions
        stored = SignInCard.objects.values_list("token_digest", flat=True).get()
        assert card.token not in stored

    def test_the_token_has_at_least_128_bits(self, card):
        assert len(card.token) >= 22
        assert re.fullmatch(r"[A-Za-z0-9_-]+", card.token)

    def test_posts_are_rate_limited_per_address(self, client, card, monkeypatch):
        """Over the limit the page asks to wait; the card is not used up."""
        monkeypatch.setattr(card_views, "CARD_POSTS_PER_ADDRESS", 2)
        wrong = reverse("accounts:sign_in_card", args=["y" * 22])
        client.post(wrong)
        client.post(wrong)

        response = client.post(card_path(card))

        assert response.status_code == 429
        assert "Terlalu banyak percobaan masuk" in response.content.decode()
        assert SignInCard.objects.get().used_at is None

    def test_the_card_sign_in_costs_a_fixed_number_of_queries(
        self, client, card, django_assert_num_queries
    ):
        """No password hash and a handful of queries: a hall signs in at once."""
        client.get(card_path(card))
        with django_assert_num_queries(15):
            response = client.post(card_path(card))
        assert response.status_code == 302


class TestIssuing:
    def test_a_trainer_of_another_kabupaten_cannot_issue_a_card_here(
        self, operator, regions
    ):
        banjarnegara_trainer = TrainerFactory(region_code="33.04")

        with pytest.raises(PermissionDenied):
            issue(banjarnegara_trainer, operator)
        assert not SignInCard.objects.exists()

    def test_a_kecamatan_admin_cannot_issue_cards_outside_the_kecamatan(
        self, gantung_admin, operator, other_operator
    ):
        """All or nothing: one operator outside Gantung refuses the whole batch."""
        with pytest.raises(PermissionDenied):
            issue(gantung_admin, operator, other_operator)
        assert not SignInCard.objects.exists()
        assert len(issue(gantung_admin, operator)) == 1

    def test_the_kabupaten_trainer_and_admin_may_issue(
        self, trainer, beltim_admin, operator, other_operator
    ):
        assert len(issue(trainer, operator, other_operator)) == 2
        assert len(issue(beltim_admin, operator, other_operator)) == 2
        assert SignInCard.objects.filter(replaced_at__isnull=True).count() == 2

    def test_only_operators_get_cards(self, beltim_admin, trainer, operator):
        with pytest.raises(PermissionDenied):
            issue(trainer, beltim_admin)
        with pytest.raises(PermissionDenied):
            issue(operator, operator)

    def test_deactivated_operators_get_no_card(self, beltim_admin, operator):
        deactivate_operator(actor=beltim_admin, operator=operator)
        with pytest.raises(SignInCardError):
            issue(beltim_admin, operator)

    def test_validity_is_in_the_future_and_bounded(self, beltim_admin, operator):
        with pytest.raises(SignInCardError):
            issue(beltim_admin, operator, days=-1)
        with pytest.raises(SignInCardError):
            issue(beltim_admin, operator, days=60)
        assert not SignInCard.objects.exists()


def decode_qr_codes(html_body, tmp_path):
    """The texts of the QR codes an HTML page shows, as a printer and a phone see them."""
    from weasyprint import HTML

    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools).")
    svgs = re.findall(r"<svg viewBox.*?</svg>", html_body, flags=re.S)
    page = "".join(
        f'<div style="width:40mm;height:40mm;margin:8mm">{svg}</div>' for svg in svgs
    )
    (tmp_path / "sheet.pdf").write_bytes(
        HTML(string=f"<html><body>{page}</body></html>").write_pdf()
    )
    subprocess.run(  # noqa: S603 - fixed programs on a file the test wrote
        [shutil.which("pdftoppm") or "pdftoppm", "-r", "150", "-png", "-singlefile"]
        + [str(tmp_path / "sheet.pdf"), str(tmp_path / "sheet")],
        check=True,
    )
    scanned = subprocess.run(  # noqa: S603
        [zbarimg, "--raw", "-q", str(tmp_path / "sheet.png")],
        check=True,
        capture_output=True,
        text=True,
    )
    return scanned.stdout.split()


class TestFirstLoginSheet:
    def test_the_sheet_offers_a_card_that_signs_the_new_operator_in(
        self, client, gantung_admin, tmp_path, settings
    ):
        """Next to the one-time password, a QR code leads to the card's page."""
        settings.WAGTAILADMIN_BASE_URL = "https://literasi.example.id"
        client.force_login(gantung_admin)

        response = client.post(
            reverse("operators:add"),
            {"name": "Rina Wati", "desa": Region.objects.get(code="19.06.02.2003").pk},
        )

        body = response.content.decode()
        [url] = decode_qr_codes(body, tmp_path)
        assert url.startswith("https://literasi.example.id/akun/kartu/")
        rina = User.objects.get(first_name="Rina")
        phone = Client()
        path = url.removeprefix("https://literasi.example.id")
        assert "Rina Wati" in phone.get(path).content.decode()
        assert phone.post(path).status_code == 302
        assert signed_in_user_id(phone) == str(rina.pk)
