"""What a shared computer's browser may keep, and the production cookies."""

import importlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import lms.settings.base
from certificates.services import issue_certificate
from courses.factories import build_course
from courses.models import LessonPage
from desk.models import HelpMessage, HelpRequest
from desk.services import open_help_request


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def course(portal):
    return build_course(
        title="Dasar", modules=1, lessons_per_module=1, grants_publishing_rights=True
    )


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def not_stored(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def screenshot():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (11, 110, 79)).save(buffer, format="PNG")
    return SimpleUploadedFile("layar.png", buffer.getvalue(), content_type="image/png")


class TestSignedInResponsesAreNotStored:
    def test_a_lesson_page(self, operator, course):
        """A lesson the operator reads is not kept by the browser."""
        lesson = LessonPage.objects.descendant_of(course).first()
        response = signed_in(operator).get(lesson.url)

        assert response.status_code == 200
        assert not_stored(response)

    def test_my_courses(self, operator, course):
        """Kursus saya shows the operator's progress: not kept."""
        response = signed_in(operator).get(reverse("courses:my_courses"))

        assert response.status_code == 200
        assert not_stored(response)

    def test_a_certificate_pdf(self, operator, course):
        """The certificate PDF download is not kept on the computer."""
        certificate = issue_certificate(operator=operator, course=course)

        response = signed_in(operator).get(
            reverse("certificates:download", args=[certificate.pk])
        )

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert not_stored(response)

    def test_a_desk_screenshot(self, operator):
        """A help-desk screenshot is no longer cached for a day."""
        open_help_request(
            operator=operator,
            topic=HelpRequest.Topic.PHOTO,
            subject="Foto tidak muncul",
            body="Bagaimana caranya?",
            screenshot=screenshot(),
        )
        message = HelpMessage.objects.get(request__opened_by=operator)

        response = signed_in(operator).get(
            reverse("desk:screenshot", args=[message.pk])
        )

        assert response.status_code == 200
        assert "max-age=86400" not in response["Cache-Control"]
        assert not_stored(response)

    def test_an_admin_page(self, beltim_admin):
        """The Wagtail admin's pages are not kept either."""
        response = signed_in(beltim_admin).get("/admin/")

        assert response.status_code == 200
        assert not_stored(response)

    def test_a_public_page_seen_by_a_signed_in_user(self, operator, desa_page):
        """A public page carries the user's name in its header: not kept."""
        response = signed_in(operator).get(desa_page.url)

        assert response.status_code == 200
        assert not_stored(response)


class TestPublicPages:
    def test_an_anonymous_public_page_is_not_forced_no_store(self, client, desa_page):
        """A public desa page, the same for everyone, stays cacheable."""
        response = client.get(desa_page.url)

        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")

    def test_a_document_behind_a_collection_password_is_not_stored(self, client, world):
        """A visitor who typed a collection's password gets its file private, no-store."""
        collection = Collection.get_first_root_node().add_child(name="Notulen rapat")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="rahasia",
        )
        document = get_document_model().objects.create(
            title="Notulen",
            collection=collection,
            file=ContentFile(b"Notulen rapat desa.", name="notulen.txt"),
        )
        client.post(
            reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
            {"password": "rahasia", "return_url": document.url},
        )

        response = client.get(document.url)

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"Notulen rapat desa."
        assert not_stored(response)


class TestProductionSettings:
    @pytest.fixture
    def production(self, monkeypatch):
        monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
        # Production raises the shared logging dict's level; put it back afterwards.
        monkeypatch.setitem(
            lms.settings.base.LOGGING["root"],
            "level",
            lms.settings.base.LOGGING["root"]["level"],
        )
        return importlib.reload(importlib.import_module("lms.settings.production"))

    def test_the_language_cookie_is_secure(self, production):
        """Over HTTPS only, out of scripts' reach, not sent by other sites."""
        assert production.LANGUAGE_COOKIE_SECURE is True
        assert production.LANGUAGE_COOKIE_HTTPONLY is True
        assert production.LANGUAGE_COOKIE_SAMESITE == "Lax"

    def test_the_language_switcher_sets_the_cookie_from_settings(
        self, client, settings
    ):
        """Django's set_language writes the cookie with the configured flags."""
        settings.LANGUAGE_COOKIE_SECURE = True
        settings.LANGUAGE_COOKIE_HTTPONLY = True
        settings.LANGUAGE_COOKIE_SAMESITE = "Lax"

        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
