"""Official letters (kop, nomor surat, sifat, lampiran, perihal, signatory), the
berita acara's certificate count, and the desa holding its seat."""

import datetime as dt
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from accounts import services as account_services
from accounts.factories import OperatorFactory
from certificates.services import issue_certificate
from courses.factories import build_course
from regions.models import Region
from workshops.factories import build_workshop
from workshops.models import Invitation, InvitedDesa, LetterSettings, WorkshopLetter
from workshops.services import workshops as services
from workshops.views.workshops import invited_message

NIP = "198501012010011001"
PATTERN = "{seq:03d}/DISKOMINFO/{month_roman}/{year}"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def pdf_text(content):
    """The PDF's text (pdftotext -layout), whitespace runs made one space: a line
    the layout wraps still reads as one phrase."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "letter.pdf"
        path.write_bytes(content)
        text = subprocess.run(  # noqa: S603 - fixed arguments
            ["pdftotext", "-layout", str(path), "-"],  # noqa: S607 - a fixed command
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return " ".join(text.split())


def number_re():
    today = timezone.localdate()
    return rf"(\d{{3}})/DISKOMINFO/{ROMAN[today.month - 1]}/{today.year}"


@pytest.fixture
def letter_settings(regions):
    return LetterSettings.objects.create(
        kabupaten=Region.objects.get(code="19.06"),
        office_name="Dinas Komunikasi dan Informatika Kabupaten Belitung Timur",
        address="Jl. Jenderal Sudirman No. 1, Manggar 33512",
        number_pattern=PATTERN,
        signatory_name="Drs. Ahmad Fauzi, M.Si.",
        signatory_nip=NIP,
        signatory_title="Kepala Dinas Komunikasi dan Informatika",
    )


@pytest.fixture
def workshop(trainer, portal):
    return build_workshop(actor=trainer)


def get_letter(client, workshop, desa_code):
    return client.get(
        reverse("workshops:invitation_letter", args=[workshop.pk, desa_code])
    )


class TestLetterFields:
    def test_the_invitation_prints_kop_number_sifat_lampiran_perihal_and_signatory(
        self, client, trainer, workshop, operator, letter_settings
    ):
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(trainer)

        text = pdf_text(get_letter(client, workshop, operator.region.code).content)

        assert "DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN BELITUNG TIMUR" in text
        assert "Jl. Jenderal Sudirman No. 1, Manggar 33512" in text
        assert re.search(rf"Nomor\s*:\s*{number_re()}", text)
        assert re.search(r"Sifat\s*:\s*Biasa", text)
        assert re.search(r"Lampiran\s*:\s*1 \(satu\) berkas", text)
        assert re.search(
            r"Perihal\s*:\s*Undangan Lokakarya Operator Website Desa", text
        )
        assert "Kepala Dinas Komunikasi dan Informatika" in text
        assert "Drs. Ahmad Fauzi, M.Si." in text
        assert f"NIP {NIP}" in text
        assert "Siti Aminah" in text

    def test_the_berita_acara_prints_its_own_number_and_no_lampiran_without_attendees(
        self, client, trainer, workshop, operator, letter_settings
    ):
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(trainer)
        invitation = pdf_text(
            get_letter(client, workshop, operator.region.code).content
        )
        summary_url = reverse("workshops:summary", args=[workshop.pk])

        text = pdf_text(client.get(summary_url).content)

        assert re.search(r"Lampiran\s*:\s*-", text)
        assert re.search(
            r"Perihal\s*:\s*Berita Acara Lokakarya Operator Website Desa", text
        )
        assert "DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN BELITUNG TIMUR" in text
        assert f"NIP {NIP}" in text
        first = re.search(number_re(), invitation).group(1)
        second = re.search(number_re(), text).group(1)
        assert int(second) == int(first) + 1

        session = workshop.invitations.get(operator=operator).session
        services.tick_attendance(actor=trainer, session=session, operator=operator)
        text = pdf_text(client.get(summary_url).content)
        assert re.search(r"Lampiran\s*:\s*1 \(satu\) berkas", text)
        assert "Daftar peserta yang hadir" in text

    def test_the_number_is_kept_on_reprint_and_unique_across_workshops(
        self, client, trainer, workshop, operator, letter_settings
    ):
        other = build_workshop(actor=trainer)
        client.force_login(trainer)
        desa = operator.region.code

        first = re.search(
            number_re(), pdf_text(get_letter(client, workshop, desa).content)
        )
        again = re.search(
            number_re(), pdf_text(get_letter(client, workshop, desa).content)
        )
        elsewhere = re.search(
            number_re(), pdf_text(get_letter(client, other, desa).content)
        )

        assert first.group(0) == again.group(0)
        assert elsewhere.group(0) != first.group(0)
        assert WorkshopLetter.objects.count() == 2

    def test_someone_who_only_follows_the_workshop_does_not_number_it(
        self, client, trainer, workshop, operator, letter_settings, regions
    ):
        from accounts.factories import AdminKecamatanFactory

        follower = AdminKecamatanFactory(region_code="19.06.02")
        client.force_login(follower)
        text = pdf_text(get_letter(client, workshop, operator.region.code).content)
        assert re.search(r"Nomor\s*:\s*…", text)
        assert not WorkshopLetter.objects.exists()

    def test_missing_settings_print_blanks_and_tell_where_to_fill_them(
        self, client, trainer, workshop, operator, beltim_admin
    ):
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(beltim_admin)

        response = get_letter(client, workshop, operator.region.code)

        assert response.status_code == 200
        text = pdf_text(response.content)
        assert re.search(r"Nomor\s*:\s*…", text)
        assert "NIP …" in text
        assert not WorkshopLetter.objects.exists()
        with translation.override("id"):
            [message] = [str(m) for m in get_messages(response.wsgi_request)]
        assert "Pengaturan surat" in message
        detail = client.get(reverse("workshops:detail", args=[workshop.pk]))
        assert "Pengaturan surat" in detail.content.decode()


class TestLetterSettingsAdmin:
    def post_settings(self, client, **changes):
        data = {
            "kabupaten": Region.objects.get(code="19.06").pk,
            "office_name": "Diskominfo",
            "number_pattern": PATTERN,
            "sifat": "Biasa",
            "signatory_name": "Ahmad",
            "signatory_nip": NIP,
            "signatory_title": "Kepala Dinas",
            **changes,
        }
        return client.post(reverse("letter_settings:add"), data)

    def test_a_nip_must_have_18_digits_in_indonesian(self, client, beltim_admin):
        client.force_login(beltim_admin)

        response = self.post_settings(client, signatory_nip="1985 0101")

        assert response.status_code == 200
        assert (
            "NIP terdiri dari 18 angka tanpa spasi atau titik, misalnya "
            "198501012010011001. Periksa nomornya."
        ) in response.content.decode()
        assert not LetterSettings.objects.exists()

    def test_a_pattern_without_year_is_refused(self, client, beltim_admin):
        client.force_login(beltim_admin)

        response = self.post_settings(client, number_pattern="{seq}/DISKOMINFO")

        assert "Pola harus memuat {seq} dan {year}" in response.content.decode()
        assert not LetterSettings.objects.exists()

    def test_the_own_kabupaten_admin_sets_up_the_letters(self, client, beltim_admin):
        client.force_login(beltim_admin)

        response = self.post_settings(client)

        assert response.status_code == 302
        assert LetterSettings.objects.get().kabupaten.code == "19.06"

    def test_the_own_kabupaten_admin_edits_and_another_kabupaten_admin_cannot(
        self, client, letter_settings, beltim_admin, banjarnegara_admin
    ):
        edit = reverse("letter_settings:edit", args=[letter_settings.pk])
        index = reverse("letter_settings:index")
        client.force_login(banjarnegara_admin)
        assert client.get(edit).status_code == 404
        assert client.post(edit, {"office_name": "Diretas"}).status_code == 404
        assert "Belitung Timur" not in client.get(index).content.decode()

        client.force_login(beltim_admin)
        assert client.get(edit).status_code == 200
        assert "Belitung Timur" in client.get(index).content.decode()
        letter_settings.refresh_from_db()
        assert letter_settings.office_name != "Diretas"

    def test_an_admin_cannot_set_up_another_kabupatens_letters(
        self, client, banjarnegara_admin
    ):
        client.force_login(banjarnegara_admin)

        response = self.post_settings(client, office_name="Diskominfo palsu")

        assert response.status_code == 200  # the form again, with the error
        assert not LetterSettings.objects.exists()


class TestBeritaAcaraCertificates:
    def test_only_attendees_certificates_are_counted(
        self, client, trainer, portal, operator, regions
    ):
        """Two invitees hold a certificate of the course; only one attended."""
        course = build_course(title="Dasar", modules=1, lessons_per_module=1)
        workshop = build_workshop(actor=trainer, course=course)
        absent = OperatorFactory(region_code=operator.region.code)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        issue_certificate(operator=operator, course=course)
        issue_certificate(operator=absent, course=course)
        session = workshop.invitations.get(operator=operator).session
        services.tick_attendance(actor=trainer, session=session, operator=operator)
        client.force_login(trainer)

        text = pdf_text(
            client.get(reverse("workshops:summary", args=[workshop.pk])).content
        )

        assert re.search(r"Sertifikat terbit\s*:\s*1\b", text), text


class TestDesaHoldsTheSeat:
    def test_a_replaced_operators_upcoming_seat_goes_to_the_new_operator(
        self, trainer, portal, operator, beltim_admin
    ):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        upcoming = build_workshop(actor=trainer, day=tomorrow)
        past = build_workshop(
            actor=trainer, day=timezone.localdate() - dt.timedelta(days=30)
        )
        services.invite(actor=trainer, workshop=upcoming, desa=[operator.region])
        services.invite(actor=trainer, workshop=past, desa=[operator.region])
        session = upcoming.invitations.get(operator=operator).session
        newcomer = OperatorFactory(region_code=operator.region.code)

        account_services.deactivate_operator(actor=beltim_admin, operator=operator)

        seat = upcoming.invitations.get()
        assert seat.operator == newcomer and seat.session == session
        assert past.invitations.get().operator == operator  # history kept

    def test_no_duplicate_when_the_new_operator_is_invited_already(
        self, trainer, portal, operator, beltim_admin
    ):
        upcoming = build_workshop(
            actor=trainer, day=timezone.localdate() + dt.timedelta(days=1)
        )
        newcomer = OperatorFactory(region_code=operator.region.code)
        services.invite(actor=trainer, workshop=upcoming, desa=[operator.region])
        assert upcoming.invitations.count() == 2

        account_services.deactivate_operator(actor=beltim_admin, operator=operator)

        assert list(upcoming.invitations.values_list("operator", flat=True)) == [
            newcomer.pk
        ]

    def test_without_a_successor_the_desa_keeps_the_seat_for_its_next_operator(
        self, client, trainer, portal, operator, beltim_admin, letter_settings
    ):
        upcoming = build_workshop(
            actor=trainer, day=timezone.localdate() + dt.timedelta(days=1)
        )
        services.invite(actor=trainer, workshop=upcoming, desa=[operator.region])

        account_services.deactivate_operator(actor=beltim_admin, operator=operator)

        assert not upcoming.invitations.exists()
        assert InvitedDesa.objects.filter(
            workshop=upcoming, desa=operator.region
        ).exists()
        newcomer = account_services.create_operator_account(
            name="Rina Lestari", desa=operator.region
        ).user
        assert upcoming.invitations.get().operator == newcomer


class TestInvitingADesaWithoutOperator:
    def test_the_letter_goes_to_the_kepala_desa_with_a_row_to_fill_in(
        self, client, trainer, workshop, operator, letter_settings, regions
    ):
        empty = Region.objects.get(code="19.06.02.2004")
        assert not Invitation.objects.filter(desa=empty).exists()

        result = services.invite_desa(
            actor=trainer, workshop=workshop, desa=[operator.region, empty]
        )

        assert (result.desa, result.desa_with_operator, len(result.invitations)) == (
            2,
            1,
            1,
        )
        with translation.override("id"):
            message = invited_message(result)
        assert message.startswith("2 desa diundang (1 memiliki operator)")
        assert "kepala desa" in message
        client.force_login(trainer)
        text = pdf_text(get_letter(client, workshop, empty.code).content)
        assert f"Kepala {empty.display_name}" in text
        assert "menugaskan satu orang operator" in text
        assert "(diisi oleh desa)" in text
        detail = client.get(reverse("workshops:detail", args=[workshop.pk]))
        assert empty.display_name in detail.content.decode()
