"""The certificate PDF: what it says, its size and shape, its QR code, and what the
renderer may fetch."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from accounts.factories import OperatorFactory
from certificates.pdf import BASE_URL, FetchRefused, render_certificate, render_pdf
from certificates.pdf import url_fetcher as fetch
from certificates.services import issue_certificate
from courses.factories import build_course

A4_LANDSCAPE = (841.89, 595.28)  # points


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def course(portal):
    return build_course(title="Operator Website Desa", modules=1, lessons_per_module=1)


@pytest.fixture
def certificate(operator, course, django_capture_on_commit_callbacks):
    """Siti's certificate, with its PDF rendered when the issue commits."""
    with django_capture_on_commit_callbacks(execute=True):
        issued = issue_certificate(operator=operator, course=course)
    issued.refresh_from_db()
    return issued


def stored_pdf(certificate):
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def reader(data):
    return PdfReader(io.BytesIO(data))


def text_of(data):
    return "\n".join(page.extract_text() for page in reader(data).pages)


def squeezed(text):
    return "".join(text.split())


class TestCertificatePdf:
    def test_pdf_is_rendered_when_the_issue_commits(self, certificate):
        """The stored file is a PDF as soon as the certificate exists."""
        assert certificate.pdf.name.endswith(".pdf")
        assert stored_pdf(certificate).startswith(b"%PDF-")

    def test_pdf_states_holder_number_course_desa_and_code(self, certificate):
        """Everything a reader checks is printed on the certificate."""
        text = text_of(stored_pdf(certificate))

        assert "Siti Aminah" in text
        assert certificate.number in text
        assert "Operator Website Desa" in text
        assert "Desa Jangkar Asam" in text
        assert "Kecamatan Gantung" in text
        assert certificate.short_code in text

    def test_pdf_is_one_a4_landscape_page_under_200_kb(self, certificate):
        """One A4 sheet turned sideways, small enough to send over WhatsApp."""
        data = stored_pdf(certificate)
        pages = reader(data).pages

        assert len(pages) == 1
        box = pages[0].mediabox
        assert float(box.width) == pytest.approx(A4_LANDSCAPE[0], abs=1)
        assert float(box.height) == pytest.approx(A4_LANDSCAPE[1], abs=1)
        assert len(data) < 200 * 1024

    def test_pdf_is_set_in_the_bundled_fonts(self, certificate):
        """The fonts shipped in static/fonts are embedded, whatever the server has."""
        fonts = reader(stored_pdf(certificate)).pages[0]["/Resources"]["/Font"]
        names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}

        assert {name.split("+", 1)[-1] for name in names} >= {
            "Sertifikat-Sans",
            "Sertifikat-Sans-Bold",
            "Sertifikat-Serif-Bold",
        }

    def test_qr_code_leads_to_the_verification_page(self, certificate, tmp_path):
        """Scanning the printed QR code opens the certificate's public page."""
        zbarimg = shutil.which("zbarimg")
        if zbarimg is None and not os.environ.get("CI"):
            pytest.skip("zbarimg is not installed (apt-get install zbar-tools).")
        pdf = tmp_path / "sertifikat.pdf"
        pdf.write_bytes(stored_pdf(certificate))

        subprocess.run(  # noqa: S603 - fixed programs on a file the test wrote
            [shutil.which("pdftoppm") or "pdftoppm", "-r", "200", "-png"]
            + ["-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "page")],
            check=True,
        )
        scanned = subprocess.run(  # noqa: S603
            [zbarimg or "zbarimg", "--raw", "-q", str(tmp_path / "page.png")],
            check=True,
            capture_output=True,
            text=True,
        )

        assert scanned.stdout.strip() == certificate.get_verification_url()


class TestAwkwardInput:
    def test_name_outside_latin1_is_printed_exactly(self, course):
        """A Balinese name with a dot-below letter comes out as written."""
        operator = OperatorFactory(
            username="ayu.kadek",
            first_name="Ni Luh Putu Ayu Kadek",
            last_name="Ṣ.",
        )
        certificate = issue_certificate(operator=operator, course=course)

        text = text_of(render_certificate(certificate))

        assert "Ni Luh Putu Ayu Kadek Ṣ." in text

    @pytest.mark.parametrize(
        "desa_name",
        [
            ("Desa Sukamaju Mekarsari Jayakarta " * 10)[:200],
            ("Desa" + "Sukamaju" * 25)[:200],
        ],
        ids=["words", "one-long-word"],
    )
    def test_a_very_long_desa_name_still_fits_one_page(
        self, operator, course, desa_name
    ):
        """A 200-character desa name wraps; the certificate stays one page."""
        certificate = issue_certificate(operator=operator, course=course)
        certificate.desa_name = desa_name
        assert len(desa_name) == 200

        data = render_certificate(certificate)

        assert len(reader(data).pages) == 1
        assert squeezed(desa_name) in squeezed(text_of(data))

    def test_a_template_without_signature_image_leaves_room_for_a_wet_signature(
        self, operator, course
    ):
        """No signature image: the signatory's name is printed, no picture."""
        certificate = issue_certificate(operator=operator, course=course)
        assert certificate.template.signature_image is None

        data = render_certificate(certificate)

        assert len(reader(data).pages) == 1
        assert len(reader(data).pages[0].images) == 0
        assert certificate.template.signatory_name in text_of(data)

    def test_a_template_with_signature_image_prints_it(self, operator, course):
        """The uploaded signature appears on the certificate."""
        certificate = issue_certificate(operator=operator, course=course)
        template = certificate.template
        template.signature_image = Image.objects.create(
            title="Tanda tangan", file=get_test_image_file()
        )

        data = render_certificate(certificate, template)

        assert len(reader(data).pages) == 1
        assert len(reader(data).pages[0].images) == 1


class TestUrlFetcher:
    @pytest.mark.parametrize(
        "url",
        [
            "http://example.com/x.png",
            "file:///etc/passwd",
            BASE_URL + "static/../../../../etc/passwd",
            BASE_URL + "static/css/../../lms/settings/base.py",
            BASE_URL + "media/../db.sqlite3",
            BASE_URL + "static/tidak-ada.css",
            "https://literasi.invalid.example.com/static/css/site.css",
        ],
    )
    def test_anything_but_the_projects_own_files_is_refused(self, url):
        """Remote, local-file and path-escaping URLs are never fetched."""
        with pytest.raises(FetchRefused):
            fetch(url)

    def test_a_static_file_is_served(self):
        """The site's stylesheet comes from the static files, as CSS."""
        response = fetch(BASE_URL + "static/css/site.css")

        expected = Path(settings.BASE_DIR, "static", "css", "site.css").read_bytes()
        assert response.read() == expected
        assert response.content_type == "text/css"

    def test_a_refused_url_in_a_document_does_not_stop_the_render(self):
        """A stray remote image is left out; the PDF is still made."""
        data = render_pdf(
            '<p>Sertifikat</p><img src="http://example.com/x.png" alt="">'
        )

        assert "Sertifikat" in text_of(data)
        assert len(reader(data).pages[0].images) == 0
