"""Who may download, list, revoke and re-issue which certificates, and who edits which
certificate template."""

import io
import zipfile

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from certificates.models import Certificate, CertificateTemplate
from certificates.services import issue_certificate
from courses.factories import build_course
from regions.models import Region

TEMPLATES_URL = "/admin/snippets/certificates/certificatetemplate/"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def course(portal):
    return build_course(title="Operator Website Desa", modules=1, lessons_per_module=1)


@pytest.fixture
def gantung_certificate(operator, course):
    """Siti's, of Desa Jangkar Asam in Kecamatan Gantung."""
    return issue_certificate(operator=operator, course=course)


@pytest.fixture
def manggar_certificate(other_operator, course):
    """Budi's, of Desa Mekar Jaya in Kecamatan Manggar."""
    return issue_certificate(operator=other_operator, course=course)


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def download(user, certificate):
    return signed_in(user).get(f"/sertifikat/{certificate.pk}/unduh/")


def template_for(code, name):
    return CertificateTemplate.objects.create(
        name=name,
        kabupaten=Region.objects.get(code=code),
        signatory_name="Kepala Dinas",
        signatory_title="Kepala Dinas Komunikasi dan Informatika",
    )


class TestDownloadScope:
    def test_operator_downloads_only_their_own_certificate(
        self, operator, gantung_certificate, manggar_certificate
    ):
        """Siti gets her PDF; Budi's is not found for her."""
        assert download(operator, gantung_certificate)["Content-Type"] == (
            "application/pdf"
        )
        assert download(operator, manggar_certificate).status_code == 404

    @pytest.mark.parametrize("user", ["trainer", "beltim_admin"])
    def test_kabupaten_staff_download_every_certificate_of_their_region(
        self, request, user, gantung_certificate, manggar_certificate
    ):
        """Belitung Timur's trainer and Diskominfo admin get both PDFs."""
        staff = request.getfixturevalue(user)

        for certificate in (gantung_certificate, manggar_certificate):
            response = download(staff, certificate)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"

    def test_kecamatan_admin_downloads_only_their_kecamatans_certificates(
        self, gantung_admin, gantung_certificate, manggar_certificate
    ):
        """Gantung's admin gets Siti's, not Budi's from Manggar."""
        assert download(gantung_admin, gantung_certificate).status_code == 200
        assert download(gantung_admin, manggar_certificate).status_code == 404

    def test_another_kabupatens_admin_finds_nothing(
        self, banjarnegara_admin, gantung_certificate, manggar_certificate
    ):
        """Banjarnegara's admin gets a 404 for Belitung Timur's certificates."""
        for certificate in (gantung_certificate, manggar_certificate):
            assert download(banjarnegara_admin, certificate).status_code == 404


class TestAdminList:
    @pytest.mark.parametrize("user", ["trainer", "beltim_admin"])
    def test_kabupaten_staff_list_their_regions_certificates(
        self, request, user, gantung_certificate, manggar_certificate
    ):
        """Both Belitung Timur certificates are listed."""
        response = signed_in(request.getfixturevalue(user)).get("/admin/sertifikat/")

        assert response.status_code == 200
        body = response.content.decode()
        assert gantung_certificate.number in body
        assert manggar_certificate.number in body

    def test_kecamatan_admin_lists_only_their_kecamatan(
        self, gantung_admin, gantung_certificate, manggar_certificate
    ):
        """Gantung's list holds Siti, not Budi."""
        body = signed_in(gantung_admin).get("/admin/sertifikat/").content.decode()

        assert gantung_certificate.number in body
        assert "Budi Santoso" not in body
        assert manggar_certificate.number not in body

    def test_another_kabupatens_admin_lists_none(
        self, banjarnegara_admin, gantung_certificate, manggar_certificate
    ):
        """Banjarnegara's list is empty of Belitung Timur's certificates."""
        response = signed_in(banjarnegara_admin).get("/admin/sertifikat/")

        assert response.status_code == 200
        body = response.content.decode()
        for certificate in (gantung_certificate, manggar_certificate):
            assert certificate.number not in body
            assert certificate.holder_name not in body


class TestAdminListTools:
    def test_the_list_is_searched_and_filtered_by_status(
        self, beltim_admin, gantung_certificate, manggar_certificate
    ):
        """A name or number narrows the list; the status filter keeps one status."""
        Certificate.objects.filter(pk=manggar_certificate.pk).update(status="revoked")
        browser = signed_in(beltim_admin)

        by_name = browser.get("/admin/sertifikat/", {"q": "budi"})
        revoked = browser.get("/admin/sertifikat/", {"status": "revoked"})
        valid = browser.get("/admin/sertifikat/", {"status": "valid"})

        assert list(by_name.context["object_list"]) == [manggar_certificate]
        assert list(revoked.context["object_list"]) == [manggar_certificate]
        assert list(valid.context["object_list"]) == [gantung_certificate]

    def test_the_spreadsheet_holds_the_listed_certificates_of_the_region(
        self, gantung_admin, gantung_certificate, manggar_certificate
    ):
        """Gantung's admin downloads Siti's certificate, not Manggar's."""
        response = signed_in(gantung_admin).get("/admin/sertifikat/", {"export": "csv"})

        assert response.status_code == 200
        assert (
            response["Content-Disposition"] == 'attachment; filename="sertifikat.csv"'
        )
        body = b"".join(response.streaming_content).decode()
        assert gantung_certificate.number in body
        assert "Siti Aminah" in body and "Desa Jangkar Asam" in body
        assert manggar_certificate.number not in body
        assert "Budi Santoso" not in body

    def test_a_holder_name_cannot_run_as_a_formula_in_the_spreadsheet(
        self, beltim_admin, gantung_certificate
    ):
        """A name typed as a formula reaches the spreadsheet as plain text."""
        Certificate.objects.filter(pk=gantung_certificate.pk).update(
            holder_name='=HYPERLINK("http://jahat.example","Klik")'
        )

        response = signed_in(beltim_admin).get("/admin/sertifikat/", {"export": "csv"})

        body = b"".join(response.streaming_content).decode()
        assert "'=HYPERLINK" in body
        assert ",=HYPERLINK" not in body

    def test_the_zip_holds_the_pdfs_of_the_searched_certificates(
        self, beltim_admin, gantung_certificate, manggar_certificate
    ):
        """The ZIP button carries the search: only Budi's PDF is in it."""
        browser = signed_in(beltim_admin)
        listing = browser.get("/admin/sertifikat/", {"q": "budi"}).content.decode()
        assert "/admin/sertifikat/zip/?q=budi" in listing

        response = browser.get("/admin/sertifikat/zip/", {"q": "budi"})

        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            names = archive.namelist()
        assert names == [manggar_certificate.number.replace("/", "-") + ".pdf"]


class TestAdminActionsScope:
    @pytest.mark.parametrize("action", ["cabut", "terbitkan-ulang"])
    def test_kecamatan_admin_cannot_revoke_or_reissue_another_kecamatans_certificate(
        self, action, manggar_admin, gantung_certificate
    ):
        """Manggar's admin gets a 404 on a Gantung certificate, even by POST."""
        browser = signed_in(manggar_admin)
        url = f"/admin/sertifikat/{gantung_certificate.pk}/{action}/"

        assert browser.get(url).status_code == 404
        assert browser.post(url, {"reason": "Coba-coba"}).status_code == 404

        gantung_certificate.refresh_from_db()
        assert gantung_certificate.is_valid
        assert Certificate.objects.count() == 1

    def test_kecamatan_admin_cannot_read_another_kecamatans_history(
        self, manggar_admin, gantung_admin, gantung_certificate
    ):
        """The history of a Gantung certificate is Gantung's business."""
        url = f"/admin/sertifikat/{gantung_certificate.pk}/riwayat/"

        assert signed_in(gantung_admin).get(url).status_code == 200
        assert signed_in(manggar_admin).get(url).status_code == 404

    @pytest.mark.parametrize(
        "path", ["", "terbitkan/", "zip/", "{pk}/riwayat/", "{pk}/cabut/"]
    )
    def test_operators_are_turned_away_from_the_admin_screens(
        self, path, operator, gantung_certificate
    ):
        """An operator, even the holder, never enters the admin: sent to Meja Tulis."""
        url = "/admin/sertifikat/" + path.format(pk=gantung_certificate.pk)

        response = signed_in(operator).get(url)

        assert response.status_code == 302
        assert response["Location"] == "/meja/"

    @pytest.mark.parametrize(
        "path", ["", "terbitkan/", "zip/", "{pk}/riwayat/", "{pk}/cabut/"]
    )
    def test_anonymous_visitors_are_sent_to_sign_in(
        self, path, client, gantung_certificate
    ):
        """The admin screens need an account."""
        url = "/admin/sertifikat/" + path.format(pk=gantung_certificate.pk)

        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith("/akun/masuk/")

    def test_an_operator_cannot_revoke_by_posting(self, operator, gantung_certificate):
        """A hand-made POST from the holder changes nothing."""
        signed_in(operator).post(
            f"/admin/sertifikat/{gantung_certificate.pk}/cabut/",
            {"reason": "Saya sendiri"},
        )

        gantung_certificate.refresh_from_db()
        assert gantung_certificate.is_valid


@pytest.fixture
def beltim_template(portal):
    return template_for("19.06", "Templat Belitung Timur")


@pytest.fixture
def banjarnegara_template(banjarnegara_portal):
    return template_for("33.04", "Templat Banjarnegara")


def template_form(template, **changes):
    return {
        "name": template.name,
        "kabupaten": template.kabupaten_id or "",
        "title_text": template.title_text,
        "body_text": template.body_text,
        "signatory_name": template.signatory_name,
        "signatory_title": template.signatory_title,
        "signatory_id": template.signatory_id,
        "signature_image": "",
        "logo": "",
        "primary_color": template.primary_color,
        "accent_color": template.accent_color,
        "validity_months": template.validity_months,
        "number_pattern": template.number_pattern,
        **changes,
    }


class TestCertificateTemplateSnippet:
    def test_kabupaten_admin_lists_only_their_template(
        self, beltim_admin, beltim_template, banjarnegara_template
    ):
        """Belitung Timur's admin sees their template, not Banjarnegara's or the
        default one."""
        response = signed_in(beltim_admin).get(TEMPLATES_URL)

        assert response.status_code == 200
        body = response.content.decode()
        assert "Templat Belitung Timur" in body
        assert "Templat Banjarnegara" not in body
        assert "Templat umum" not in body

    def test_kabupaten_admin_edits_their_template(self, beltim_admin, beltim_template):
        """The signatory's name changes when saved."""
        response = signed_in(beltim_admin).post(
            f"{TEMPLATES_URL}edit/{beltim_template.pk}/",
            template_form(beltim_template, signatory_name="Drs. Ahmad Fauzi"),
        )

        assert response.status_code == 302
        beltim_template.refresh_from_db()
        assert beltim_template.signatory_name == "Drs. Ahmad Fauzi"

    def test_another_kabupatens_template_is_not_found(
        self, beltim_admin, banjarnegara_template
    ):
        """Banjarnegara's template cannot be opened or changed from Belitung Timur."""
        browser = signed_in(beltim_admin)
        url = f"{TEMPLATES_URL}edit/{banjarnegara_template.pk}/"

        assert browser.get(url).status_code == 404
        response = browser.post(
            url, template_form(banjarnegara_template, signatory_name="Penyusup")
        )

        assert response.status_code == 404
        banjarnegara_template.refresh_from_db()
        assert banjarnegara_template.signatory_name == "Kepala Dinas"

    def test_kabupaten_admin_cannot_move_a_template_to_another_kabupaten(
        self, beltim_admin, beltim_template, banjarnegara_portal
    ):
        """Only their own kabupaten is offered; another one is refused."""
        banjarnegara = Region.objects.get(code="33.04")
        browser = signed_in(beltim_admin)
        url = f"{TEMPLATES_URL}edit/{beltim_template.pk}/"

        form = browser.get(url).content.decode()
        response = browser.post(
            url, template_form(beltim_template, kabupaten=banjarnegara.pk)
        )

        assert "Kabupaten Banjarnegara" not in form
        assert response.status_code == 200
        beltim_template.refresh_from_db()
        assert beltim_template.kabupaten.code == "19.06"

    def test_kabupaten_admin_cannot_create_a_template_for_another_kabupaten(
        self, beltim_admin, beltim_template, banjarnegara_portal
    ):
        """Creating Banjarnegara's template from Belitung Timur is refused."""
        banjarnegara = Region.objects.get(code="33.04")

        signed_in(beltim_admin).post(
            f"{TEMPLATES_URL}add/",
            template_form(
                beltim_template, name="Templat Titipan", kabupaten=banjarnegara.pk
            ),
        )

        assert not CertificateTemplate.objects.filter(kabupaten=banjarnegara).exists()

    def test_superuser_lists_every_template(
        self, superuser, beltim_template, banjarnegara_template
    ):
        """The superuser looks after all kabupaten and the default template."""
        body = signed_in(superuser).get(TEMPLATES_URL).content.decode()

        for name in ("Templat Belitung Timur", "Templat Banjarnegara", "Templat umum"):
            assert name in body

    def test_preview_of_own_template_is_a_pdf(self, beltim_admin, beltim_template):
        """The preview button opens a sample certificate."""
        response = signed_in(beltim_admin).get(
            f"/admin/sertifikat/templat/{beltim_template.pk}/pratinjau/"
        )

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")

    @pytest.mark.parametrize(
        ("months", "validity"),
        [(24, "berlaku sampai {end}"), (0, "berlaku tanpa batas waktu")],
    )
    def test_preview_prints_the_validity_of_a_certificate_issued_today(
        self, beltim_admin, beltim_template, months, validity
    ):
        """The sample is valid for the template's months from today, not until today."""
        beltim_template.validity_months = months
        beltim_template.save()
        today = timezone.localdate()
        end = today.replace(year=today.year + 2)
        if today.month == 2 and today.day == 29:
            end = end.replace(day=28)

        response = signed_in(beltim_admin).get(
            f"/admin/sertifikat/templat/{beltim_template.pk}/pratinjau/"
        )

        pages = PdfReader(io.BytesIO(response.content)).pages
        text = "".join("".join(page.extract_text().split()) for page in pages)
        issued = f"Diterbitkan {date_format(today, 'j F Y')}"
        expected = validity.format(end=date_format(end, "j F Y"))
        assert "".join(issued.split()) in text
        assert "".join(expected.split()) in text

    @pytest.mark.parametrize("template", ["banjarnegara_template", "default_template"])
    def test_preview_of_a_template_outside_the_kabupaten_is_not_found(
        self, request, template, beltim_admin
    ):
        """Banjarnegara's and the default template stay out of reach."""
        if template == "default_template":
            target = CertificateTemplate.objects.get(kabupaten__isnull=True)
        else:
            target = request.getfixturevalue(template)

        response = signed_in(beltim_admin).get(
            f"/admin/sertifikat/templat/{target.pk}/pratinjau/"
        )

        assert response.status_code == 404

    def test_operator_cannot_preview_or_edit_a_template(
        self, operator, beltim_template
    ):
        """Operators get no template at all."""
        browser = signed_in(operator)

        preview = browser.get(
            f"/admin/sertifikat/templat/{beltim_template.pk}/pratinjau/"
        )
        edit = browser.get(f"{TEMPLATES_URL}edit/{beltim_template.pk}/")

        assert (preview.status_code, preview["Location"]) == (302, "/meja/")
        assert edit.status_code in (302, 404)
        assert "Kepala Dinas Komunikasi" not in preview.content.decode()
        assert "Kepala Dinas Komunikasi" not in edit.content.decode()


def test_template_kabupaten_is_the_admins_own(beltim_admin, superuser):
    """A Diskominfo admin may only place a template in their own kabupaten; a
    superuser may choose any kabupaten, or none for the fallback template."""
    from certificates.permissions import template_policy

    kabupaten = Region.objects.filter(level=Region.Level.KABUPATEN)
    assert list(template_policy.kabupaten_choices(beltim_admin, kabupaten)) == [
        beltim_admin.region
    ]
    assert template_policy.kabupaten_choices(superuser, kabupaten) is None
