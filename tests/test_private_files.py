"""Certificate PDFs and desk screenshots are private files.

They live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT and without a URL, so the media
serving of `make run` (DEBUG) cannot hand them out and no web-server rule is needed in
production. Only the views that ask their policy read them: the holder and the
admins of their region get them, an operator of another desa gets 404.
"""

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from PIL import Image

from certificates.models import Certificate
from certificates.services import issue_certificate
from courses.factories import build_course
from desk.models import HelpMessage, HelpRequest
from desk.services import open_help_request
from lms.shared.storage import check_private_media_root

PDF = b"%PDF-1.4 sertifikat uji\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def development_urls(settings):
    """The URL conf `make run` serves: DEBUG on, so MEDIA_ROOT is served at /media/."""
    settings.DEBUG = True
    spec = importlib.util.find_spec("lms.urls")
    urls = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(urls)
    settings.ROOT_URLCONF = urls
    # A public file, to show the media serving is really on in this URL conf.
    public = Path(settings.MEDIA_ROOT) / "original_images" / "publik.txt"
    public.parent.mkdir(parents=True)
    public.write_bytes(b"publik")
    assert Client().get("/media/original_images/publik.txt").status_code == 200


@pytest.fixture
def certificate(operator, portal):
    course = build_course(
        title="Operator Website Desa", modules=1, lessons_per_module=1
    )
    certificate = issue_certificate(operator=operator, course=course)
    certificate.pdf.save(f"{certificate.token}.pdf", ContentFile(PDF))
    return certificate


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (11, 110, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def screenshot_message(operator):
    help_request = open_help_request(
        operator=operator,
        topic=HelpRequest.Topic.PHOTO,
        subject="Foto tidak muncul",
        body="Lihat gambar.",
        screenshot=SimpleUploadedFile("layar.png", png(), "image/png"),
    )
    return help_request.messages.get()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def body_of(response):
    return b"".join(response.streaming_content)


def is_within(path, folder):
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


class TestCertificatePdf:
    def test_the_pdf_is_stored_outside_the_public_media_tree(
        self, certificate, settings
    ):
        """The file sits under PRIVATE_MEDIA_ROOT, not MEDIA_ROOT, and has no URL."""
        path = certificate.pdf.path

        assert is_within(path, settings.PRIVATE_MEDIA_ROOT)
        assert not is_within(path, settings.MEDIA_ROOT)
        assert Path(path).read_bytes() == PDF
        with pytest.raises(ValueError):
            certificate.pdf.url  # noqa: B018

    @pytest.mark.usefixtures("development_urls")
    def test_the_pdf_is_not_served_under_media_by_make_run(self, certificate, operator):
        """Neither a stranger nor the holder gets it at /media/certificates/…."""
        address = f"/media/{certificate.pdf.name}"
        assert address.startswith("/media/certificates/")

        assert Client().get(address).status_code == 404
        assert signed_in(operator).get(address).status_code == 404

    @pytest.mark.parametrize("who", ["operator", "gantung_admin", "beltim_admin"])
    def test_the_holder_and_admins_of_the_region_download_it(
        self, certificate, who, request
    ):
        """The download view reads the private file for those its policy allows."""
        response = signed_in(request.getfixturevalue(who)).get(
            reverse("certificates:download", args=[certificate.pk])
        )

        assert response.status_code == 200
        assert body_of(response) == PDF

    @pytest.mark.parametrize("who", ["other_operator", "banjarnegara_admin"])
    def test_others_do_not_download_it(self, certificate, who, request):
        """An operator of another desa, or another kabupaten's admin, gets 404."""
        response = signed_in(request.getfixturevalue(who)).get(
            reverse("certificates:download", args=[certificate.pk])
        )

        assert response.status_code == 404


class TestDeskScreenshot:
    def test_the_screenshot_is_stored_outside_the_public_media_tree(
        self, screenshot_message, settings
    ):
        """The picture sits under PRIVATE_MEDIA_ROOT, not MEDIA_ROOT, and has no URL."""
        path = screenshot_message.screenshot.path

        assert is_within(path, settings.PRIVATE_MEDIA_ROOT)
        assert not is_within(path, settings.MEDIA_ROOT)
        assert not list(Path(settings.MEDIA_ROOT).rglob("*.png"))
        with pytest.raises(ValueError):
            screenshot_message.screenshot.url  # noqa: B018

    @pytest.mark.usefixtures("development_urls")
    def test_the_screenshot_is_not_served_under_media_by_make_run(
        self, screenshot_message, operator
    ):
        """Neither a stranger nor the desa gets it at /media/desk/…."""
        address = f"/media/{screenshot_message.screenshot.name}"
        assert address.startswith("/media/desk/")

        assert Client().get(address).status_code == 404
        assert signed_in(operator).get(address).status_code == 404

    @pytest.mark.parametrize("who", ["operator", "gantung_admin", "trainer"])
    def test_the_desa_and_staff_of_the_region_see_it(
        self, screenshot_message, who, request
    ):
        """The screenshot view reads the private file for those who see the thread."""
        response = signed_in(request.getfixturevalue(who)).get(
            reverse("desk:screenshot", args=[screenshot_message.pk])
        )

        assert response.status_code == 200
        assert body_of(response) == png()

    def test_an_operator_of_another_desa_does_not_see_it(
        self, screenshot_message, other_operator
    ):
        """Another desa's operator gets 404."""
        response = signed_in(other_operator).get(
            reverse("desk:screenshot", args=[screenshot_message.pk])
        )

        assert response.status_code == 404


class TestMovingOldFiles:
    def _public_file(self, settings, name, content):
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path

    def test_files_stored_before_are_moved_to_the_private_root_once(
        self, certificate, screenshot_message, settings
    ):
        """Old files under MEDIA_ROOT move to the same name in the private root and
        open from their records; running the command again moves nothing."""
        # Lay the files out as they were before the storage became private.
        old_pdf = self._public_file(settings, certificate.pdf.name, PDF)
        old_picture = self._public_file(settings, "desk/2025/01/lama.png", png())
        Path(certificate.pdf.path).unlink()
        HelpMessage.objects.filter(pk=screenshot_message.pk).update(
            screenshot="desk/2025/01/lama.png"
        )

        first, second = io.StringIO(), io.StringIO()
        call_command("move_private_files", stdout=first)
        call_command("move_private_files", stdout=second)

        assert "certificates/: 1 file(s) moved" in first.getvalue()
        assert "desk/: 1 file(s) moved" in first.getvalue()
        assert "certificates/: 0 file(s) moved" in second.getvalue()
        assert "desk/: 0 file(s) moved" in second.getvalue()
        assert not old_pdf.exists()
        assert not old_picture.exists()
        assert not (Path(settings.MEDIA_ROOT) / "certificates").exists()
        assert not (Path(settings.MEDIA_ROOT) / "desk").exists()
        with Certificate.objects.get(pk=certificate.pk).pdf.open("rb") as handle:
            assert handle.read() == PDF
        message = HelpMessage.objects.get(pk=screenshot_message.pk)
        with message.screenshot.open("rb") as handle:
            assert handle.read() == png()

    def test_a_public_copy_of_a_private_file_is_removed_only_if_identical(
        self, certificate, settings
    ):
        """An identical leftover goes; a different one is kept for a person to judge."""
        identical = self._public_file(settings, certificate.pdf.name, PDF)
        different = self._public_file(settings, "desk/2025/01/beda.png", b"lain")
        private = Path(settings.PRIVATE_MEDIA_ROOT) / "desk/2025/01/beda.png"
        private.parent.mkdir(parents=True)
        private.write_bytes(png())

        call_command("move_private_files", stdout=io.StringIO())

        assert not identical.exists()
        assert different.read_bytes() == b"lain"
        assert private.read_bytes() == png()


class TestConfiguration:
    def test_a_private_root_inside_media_root_is_a_configuration_error(self, settings):
        """`manage.py check` refuses a private root the media URL would serve."""
        settings.PRIVATE_MEDIA_ROOT = Path(settings.MEDIA_ROOT) / "private"

        errors = check_private_media_root()

        assert [error.id for error in errors] == ["lms.E001"]

    def test_the_configured_roots_are_apart(self):
        """The project's own settings pass the check."""
        assert check_private_media_root() == []
