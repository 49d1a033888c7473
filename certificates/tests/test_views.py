"""The public verification pages, the short-code form, downloads and the admin
revoke and lift-revocation forms."""

import secrets
import zoneinfo
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from certificates import pdf
from certificates.models import Certificate
from certificates.services import (
    expire_certificates,
    issue_certificate,
    lift_revocation,
    reissue_certificate,
    revoke_certificate,
)
from courses.factories import build_course

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")  # Belitung Timur's time zone

VERDICTS = {
    "valid": "This certificate is genuine and valid.",
    "expired": "This certificate is genuine but has expired.",
    "revoked": "This certificate has been revoked and is no longer valid.",
    "replaced": "This certificate has been replaced by a newer one and is no longer valid.",
}
LABELS = {
    "valid": "Valid",
    "expired": "Expired",
    "revoked": "Revoked",
    "replaced": "Replaced",
}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def course(portal):
    return build_course(
        title="Operator Website Desa",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
    )


@pytest.fixture
def certificate(operator, course):
    return issue_certificate(operator=operator, course=course)


def in_status(status, certificate, admin):
    """The certificate brought into `status` the way it happens for real."""
    if status == "expired":
        expire_certificates(today=certificate.valid_until + timedelta(days=1))
    elif status == "revoked":
        revoke_certificate(
            actor=admin, certificate=certificate, reason="Alasan rahasia internal"
        )
    elif status == "replaced":
        reissue_certificate(
            actor=admin, certificate=certificate, reason="Alasan rahasia internal"
        )
    certificate.refresh_from_db()
    assert certificate.status == status
    return certificate


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def private_details(operator):
    """What the public must never learn about the holder."""
    return [operator.username, operator.phone, operator.email]


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class TestVerificationPage:
    @pytest.mark.parametrize("status", ["valid", "expired", "revoked", "replaced"])
    def test_page_shows_status_and_public_facts_only(
        self, status, certificate, operator, beltim_admin, client, indonesian
    ):
        """Anyone sees the verdict and what the certificate states, nothing else."""
        certificate = in_status(status, certificate, beltim_admin)

        response = client.get(f"/sertifikat/v/{certificate.token}/")

        assert response.status_code == 200
        body = response.content.decode()
        assert indonesian(VERDICTS[status]) in body
        assert f"<dd>{indonesian(LABELS[status])}</dd>" in body
        issued_on = timezone.localtime(certificate.issued_at, WIB).date()
        for fact in (
            certificate.number,
            "Siti Aminah",
            "Desa Jangkar Asam, Kecamatan Gantung, Kabupaten Belitung Timur",
            "Operator Website Desa",
            date_format(issued_on, "j F Y"),
            date_format(certificate.valid_until, "j F Y"),
        ):
            assert fact in body
        for secret in [*private_details(operator), "Alasan rahasia internal"]:
            assert secret not in body

    @pytest.mark.parametrize("status", ["valid", "expired", "revoked", "replaced"])
    def test_json_gives_the_same_facts_and_nothing_about_the_person(
        self, status, certificate, operator, beltim_admin, client, indonesian
    ):
        """Machines get number, name, places, course, dates and status only."""
        certificate = in_status(status, certificate, beltim_admin)

        response = client.get(f"/sertifikat/v/{certificate.token}.json")

        assert response.status_code == 200
        assert response.json() == {
            "found": True,
            "number": certificate.number,
            "status": status,
            "status_label": indonesian(LABELS[status]),
            "holder": "Siti Aminah",
            "desa": "Desa Jangkar Asam",
            "kecamatan": "Kecamatan Gantung",
            "kabupaten": "Kabupaten Belitung Timur",
            "course": "Operator Website Desa",
            "issued_on": timezone.localtime(certificate.issued_at, WIB)
            .date()
            .isoformat(),
            "valid_until": certificate.valid_until.isoformat(),
            "grants_publishing_rights": status == "valid",
        }
        for secret in [*private_details(operator), "Alasan rahasia internal"]:
            assert secret not in response.content.decode()

    def test_the_replacement_is_valid_under_its_own_token(
        self, certificate, beltim_admin, client, indonesian
    ):
        """After a re-issue the old QR says replaced and the new one says valid."""
        new = reissue_certificate(
            actor=beltim_admin, certificate=certificate, reason="Nama salah"
        )

        old_page = client.get(f"/sertifikat/v/{certificate.token}/").content.decode()
        new_page = client.get(f"/sertifikat/v/{new.token}/").content.decode()

        assert indonesian(VERDICTS["replaced"]) in old_page
        assert indonesian(VERDICTS["valid"]) in new_page
        assert f"{certificate.number}-R1" in new_page

    def test_page_needs_two_queries_with_a_cold_cache_and_one_after(
        self, certificate, client, django_assert_num_queries
    ):
        """The certificate with its course, and the desa's time zone until cached."""
        with django_assert_num_queries(2):
            assert client.get(f"/sertifikat/v/{certificate.token}/").status_code == 200
        with django_assert_num_queries(1):
            assert client.get(f"/sertifikat/v/{certificate.token}/").status_code == 200


class TestUnknownCertificate:
    @pytest.mark.parametrize(
        "token",
        [
            secrets.token_urlsafe(24),
            "x" * 300,
            "..",
            "%2E%2E",
            "'; DROP TABLE certificates_certificate; --",
        ],
        ids=["unknown", "300-chars", "dots", "encoded-dots", "sql"],
    )
    def test_unknown_or_malformed_token_gets_a_plain_not_found_page(
        self, token, certificate, client, indonesian
    ):
        """No certificate, no hint about any other one."""
        response = client.get(f"/sertifikat/v/{token}/")

        assert response.status_code == 404
        body = response.content.decode()
        assert indonesian("Certificate not found") in body
        for fact in (certificate.number, "Siti Aminah", certificate.token):
            assert fact not in body

    def test_a_token_one_character_short_is_not_found(
        self, certificate, client, indonesian
    ):
        """Nearly right is wrong: tokens match exactly."""
        response = client.get(f"/sertifikat/v/{certificate.token[:-1]}/")

        assert response.status_code == 404
        assert certificate.number not in response.content.decode()

    def test_a_path_outside_the_page_is_not_found(self, certificate, client):
        """Slashes in the token never reach a certificate."""
        response = client.get("/sertifikat/v/../../etc/passwd/")

        assert response.status_code == 404
        assert certificate.number not in response.content.decode()

    @pytest.mark.parametrize(
        "token", [secrets.token_urlsafe(24), "x" * 300], ids=["unknown", "300-chars"]
    )
    def test_json_for_an_unknown_token_says_only_not_found(
        self, token, certificate, client
    ):
        """The JSON answer carries no details either."""
        response = client.get(f"/sertifikat/v/{token}.json")

        assert response.status_code == 404
        assert response.json() == {"found": False}


class TestShortCodeLookup:
    def test_code_typed_lowercase_with_spaces_and_dashes_opens_the_page(
        self, certificate, client
    ):
        """People copy the code as they read it; it still finds the certificate."""
        code = certificate.short_code.lower()
        typed = f" {code[:3]}-{code[3:6]} {code[6:]} "

        response = client.get("/sertifikat/cek/", {"kode": typed})

        assert response.status_code == 302
        assert response["Location"] == reverse(
            "certificates:verify", args=[certificate.token]
        )

    @pytest.mark.parametrize("code", ["ACDEFGHJKM", "ABC", "0O1I5S8B0O"])
    def test_an_unknown_code_is_not_found(self, code, certificate, client, indonesian):
        """A code matching nothing gets the plain not-found page."""
        response = client.get("/sertifikat/cek/", {"kode": code})

        assert response.status_code == 404
        assert indonesian("Certificate not found") in response.content.decode()
        assert certificate.number not in response.content.decode()

    def test_an_empty_form_asks_for_the_code(self, client, indonesian):
        """Opening the page without a code shows the form."""
        response = client.get("/sertifikat/cek/")

        assert response.status_code == 200
        assert indonesian("Check a certificate") in response.content.decode()

    def test_the_eleventh_lookup_in_a_minute_is_refused(
        self, certificate, client, indonesian
    ):
        """Ten lookups a minute per address; the eleventh waits, even a right code."""
        for _ in range(10):
            unknown = client.get("/sertifikat/cek/", {"kode": "ACDEFGHJKM"})
            assert unknown.status_code == 404

        response = client.get("/sertifikat/cek/", {"kode": certificate.short_code})

        assert response.status_code == 429
        assert (
            indonesian(
                "Too many checks from your connection. Wait a minute and try again."
            )
            in response.content.decode()
        )
        other_address = client.get(
            "/sertifikat/cek/",
            {"kode": certificate.short_code},
            REMOTE_ADDR="10.0.0.2",
        )
        assert other_address.status_code == 302


class TestDownload:
    def test_operator_downloads_own_certificate_as_pdf(self, certificate, operator):
        """The file is a PDF named after the certificate number."""
        response = signed_in(operator).get(f"/sertifikat/{certificate.pk}/unduh/")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        number = certificate.number.replace("/", "-")
        assert response["Content-Disposition"] == (
            f'attachment; filename="sertifikat-{number}.pdf"'
        )
        assert body_of(response).startswith(b"%PDF-")

    def test_pdf_rendered_at_issue_is_served_from_storage(
        self, operator, course, django_capture_on_commit_callbacks
    ):
        """Rendered once when issued; two downloads render nothing more."""
        with mock.patch.object(
            pdf, "render_certificate", wraps=pdf.render_certificate
        ) as render:
            with django_capture_on_commit_callbacks(execute=True):
                certificate = issue_certificate(operator=operator, course=course)
            assert render.call_count == 1
            certificate.refresh_from_db()
            with certificate.pdf.open("rb") as handle:
                stored = handle.read()

            browser = signed_in(operator)
            first = body_of(browser.get(f"/sertifikat/{certificate.pk}/unduh/"))
            second = body_of(browser.get(f"/sertifikat/{certificate.pk}/unduh/"))

        assert render.call_count == 1
        assert first == second == stored

    def test_a_missing_pdf_is_rendered_on_first_download_only(
        self, certificate, operator
    ):
        """If the render at issue was lost, the first download makes and keeps it."""
        assert not certificate.pdf
        browser = signed_in(operator)

        with mock.patch.object(
            pdf, "render_certificate", wraps=pdf.render_certificate
        ) as render:
            first = body_of(browser.get(f"/sertifikat/{certificate.pk}/unduh/"))
            second = body_of(browser.get(f"/sertifikat/{certificate.pk}/unduh/"))

        assert render.call_count == 1
        assert first == second
        assert first.startswith(b"%PDF-")

    def test_anonymous_visitor_is_sent_to_sign_in(self, certificate, client):
        """Downloads need an account."""
        response = client.get(f"/sertifikat/{certificate.pk}/unduh/")

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


class TestAdminRevokeForm:
    def test_revoking_without_a_reason_reshows_the_form_and_changes_nothing(
        self, certificate, operator, desa_page, gantung_admin, indonesian
    ):
        """The form asks for the reason; the certificate and rights stay."""
        response = signed_in(gantung_admin).post(
            f"/admin/sertifikat/{certificate.pk}/cabut/", {"reason": ""}
        )

        assert response.status_code == 200
        assert (
            indonesian("Write the reason; it is kept in the history.")
            in response.content.decode()
        )
        certificate.refresh_from_db()
        assert certificate.is_valid
        assert desa_page.permissions_for_user(
            User.objects.get(pk=operator.pk)
        ).can_publish()

    def test_revoking_with_a_reason_revokes_and_returns_to_the_list(
        self, certificate, operator, desa_page, gantung_admin
    ):
        """The certificate is revoked and the operator can no longer publish."""
        response = signed_in(gantung_admin).post(
            f"/admin/sertifikat/{certificate.pk}/cabut/", {"reason": "Data palsu"}
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("certificates_admin:index")
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.REVOKED
        assert certificate.ended_by == gantung_admin
        assert not desa_page.permissions_for_user(
            User.objects.get(pk=operator.pk)
        ).can_publish()

    def test_revoking_an_already_revoked_certificate_says_so(
        self, certificate, gantung_admin, indonesian
    ):
        """The form shows the service's message and nothing changes."""
        revoke_certificate(
            actor=gantung_admin, certificate=certificate, reason="Data palsu"
        )

        response = signed_in(gantung_admin).post(
            f"/admin/sertifikat/{certificate.pk}/cabut/", {"reason": "Lagi"}
        )

        assert response.status_code == 200
        message = indonesian(
            "Certificate %(number)s is already %(status)s; nothing was changed.",
            number=certificate.number,
            status=indonesian("Revoked").lower(),
        )
        assert message in response.content.decode()
        certificate.refresh_from_db()
        assert certificate.end_reason == "Data palsu"


class TestAdminLiftRevocationForm:
    @pytest.fixture
    def revoked(self, certificate, beltim_admin):
        return revoke_certificate(
            actor=beltim_admin, certificate=certificate, reason="Berita bohong"
        )

    def test_the_list_offers_lifting_a_revocation_to_an_admin_only(
        self, revoked, gantung_admin, trainer
    ):
        """The admin finds the button next to the revoked certificate; the trainer
        does not."""
        lift_url = reverse("certificates_admin:lift_revocation", args=[revoked.pk])

        admin_list = signed_in(gantung_admin).get("/admin/sertifikat/")
        trainer_list = signed_in(trainer).get("/admin/sertifikat/")

        assert "Akhiri pencabutan" in admin_list.content.decode()
        assert lift_url in admin_list.content.decode()
        assert trainer_list.status_code == 200
        assert lift_url not in trainer_list.content.decode()

    def test_lifting_without_a_reason_reshows_the_form_and_changes_nothing(
        self, revoked, gantung_admin, indonesian
    ):
        """The form asks for the reason; the revocation still holds."""
        response = signed_in(gantung_admin).post(
            f"/admin/sertifikat/{revoked.pk}/akhiri-pencabutan/", {"reason": " "}
        )

        assert response.status_code == 200
        assert (
            indonesian("Write the reason; it is kept in the history.")
            in response.content.decode()
        )
        revoked.refresh_from_db()
        assert revoked.lifted_at is None

    def test_lifting_with_a_reason_shows_in_the_list_and_the_history(
        self, revoked, gantung_admin
    ):
        """Back on the list the lift is confirmed; the history says who and why."""
        browser = signed_in(gantung_admin)

        response = browser.post(
            f"/admin/sertifikat/{revoked.pk}/akhiri-pencabutan/",
            {"reason": "Sudah ikut pembinaan"},
            follow=True,
        )

        body = response.content.decode()
        assert (
            f"Pencabutan sertifikat {revoked.number} telah diakhiri; operator dapat "
            "kembali diterbitkan sertifikat baru untuk kursus ini."
        ) in body
        assert "Pencabutan diakhiri: Sudah ikut pembinaan" in body
        history = browser.get(f"/admin/sertifikat/{revoked.pk}/riwayat/")
        assert "Pencabutan sertifikat diakhiri" in history.content.decode()
        assert "Sudah ikut pembinaan" in history.content.decode()
        revoked.refresh_from_db()
        assert revoked.lifted_by == gantung_admin

    def test_issuing_by_hand_while_revoked_shows_what_to_do(
        self, revoked, operator, course, beltim_admin
    ):
        """The issue form says to have the revocation lifted; nothing is issued."""
        response = signed_in(beltim_admin).post(
            "/admin/sertifikat/terbitkan/",
            {"operator": operator.pk, "course": course.pk, "reason": "Ujian kertas"},
        )

        assert response.status_code == 200
        assert (
            "Minta Diskominfo mengakhiri pencabutan itu sebelum sertifikat baru "
            "diterbitkan." in response.content.decode()
        )
        assert not Certificate.objects.filter(status="valid").exists()

    def test_an_admin_of_another_kabupaten_cannot_find_the_certificate(
        self, revoked, banjarnegara_admin
    ):
        """Banjarnegara's admin gets 404 and the revocation still holds."""
        response = signed_in(banjarnegara_admin).post(
            f"/admin/sertifikat/{revoked.pk}/akhiri-pencabutan/",
            {"reason": "Titipan"},
        )

        assert response.status_code == 404
        revoked.refresh_from_db()
        assert revoked.lifted_at is None

    def test_a_trainer_is_refused(self, revoked, trainer):
        """Trainers issue at workshops; lifting is the admins' decision. Wagtail
        answers a refusal in the admin by sending back to the dashboard."""
        response = signed_in(trainer).post(
            f"/admin/sertifikat/{revoked.pk}/akhiri-pencabutan/",
            {"reason": "Sudah hadir lokakarya"},
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        revoked.refresh_from_db()
        assert revoked.lifted_at is None

    def test_lifting_a_lifted_revocation_says_so(self, revoked, beltim_admin):
        """The form shows the service's message."""
        lift_revocation(actor=beltim_admin, certificate=revoked, reason="Sudah")

        response = signed_in(beltim_admin).post(
            f"/admin/sertifikat/{revoked.pk}/akhiri-pencabutan/", {"reason": "Lagi"}
        )

        assert response.status_code == 200
        assert (
            f"Sertifikat {revoked.number} tidak memiliki pencabutan yang perlu "
            "diakhiri; tidak ada yang diubah."
        ) in response.content.decode()
