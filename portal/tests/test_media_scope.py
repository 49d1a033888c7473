"""Page forms accept only the images and documents their user may choose.

An operator who types the id of the Diskominfo signature, or of another desa's
photo, into a page form (a field, a photo row, rich text) gets a form error in
Indonesian and nothing is saved or previewed.
"""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from certificates.models import CertificateTemplate
from courses.factories import build_course
from courses.models import LessonPage
from portal.factories import NewsPageFactory, PotensiPageFactory
from portal.models import DesaAccess, NewsPage, PotensiPage
from portal.services import grant_publishing_rights

# Operators play the limited editor whose rights the admin must hold back.
pytestmark = pytest.mark.usefixtures("operators_as_limited_editors")


IMAGE_REFUSED = (
    "Anda tidak boleh memakai gambar ini: gambar ini berada di koleksi yang tidak "
    "dapat Anda pilih. Pilih atau unggah gambar desa Anda sendiri."
)
DOCUMENT_REFUSED = "Anda tidak boleh memakai dokumen ini"


def image_in(collection, title):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(f"{title}.png"), collection=collection
    )


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def own_photo(desa_page):
    """A photo in Desa Jangkar Asam's own collection."""
    return image_in(DesaAccess.objects.get(page=desa_page).collection, "balai-desa")


@pytest.fixture
def other_desa_photo(other_desa_page):
    """A photo in Desa Mekar Jaya's collection (same kabupaten, another desa)."""
    return image_in(
        DesaAccess.objects.get(page=other_desa_page).collection, "foto-pribadi"
    )


@pytest.fixture
def signature(portal):
    """The Diskominfo signature image, in the kabupaten's own collection."""
    kabupaten = Collection.objects.get(name="Kabupaten Belitung Timur")
    return image_in(kabupaten, "ttd-kadis")


@pytest.fixture
def other_desa_document(other_desa_page):
    return get_document_model().objects.create(
        title="anggaran-rahasia",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="anggaran.pdf"),
        collection=DesaAccess.objects.get(page=other_desa_page).collection,
    )


@pytest.fixture
def news(desa_page):
    return NewsPageFactory(parent=desa_page, title="Kerja bakti Jangkar Asam")


def news_form(news, photo=None, body="<p>Warga bergotong royong.</p>", publish=False):
    data = {
        "title": news.title,
        "slug": news.slug,
        "date": "2026-11-30",
        "intro": "Ringkasan.",
        "photo": photo.pk if photo else "",
        "body": rich_text(body),
        "comments": inline_formset([]),
    }
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def image_embed(image):
    return (
        f'<p>Lihat foto.</p><embed embedtype="image" id="{image.pk}" '
        'format="fullwidth" alt="foto"/>'
    )


class TestPhotoField:
    def test_an_operator_cannot_preview_with_the_diskominfo_signature(
        self, operator, news, signature
    ):
        """The preview refuses the signature's id; its rendition never shows."""
        browser = signed_in(operator)

        response = browser.post(
            f"/admin/pages/{news.pk}/edit/preview/", news_form(news, photo=signature)
        )

        assert response.json()["is_valid"] is False
        page = browser.get(f"/admin/pages/{news.pk}/edit/preview/")
        assert "ttd-kadis" not in page.content.decode()

    def test_an_operator_cannot_save_another_desas_photo(
        self, operator, news, other_desa_photo
    ):
        """Saving a draft with Mekar Jaya's photo shows the error and saves nothing."""
        revisions = news.revisions.count()

        response = signed_in(operator).post(
            f"/admin/pages/{news.pk}/edit/", news_form(news, photo=other_desa_photo)
        )

        assert response.status_code == 200
        assert IMAGE_REFUSED in response.content.decode()
        assert news.revisions.count() == revisions
        assert NewsPage.objects.get(pk=news.pk).photo_id is None

    def test_a_certified_operator_cannot_publish_another_desas_photo(
        self, operator, news, other_desa_photo
    ):
        """Publishing rights do not open other desa's collections."""
        grant_publishing_rights(operator=operator)

        response = signed_in(operator).post(
            f"/admin/pages/{news.pk}/edit/",
            news_form(news, photo=other_desa_photo, publish=True),
        )

        assert IMAGE_REFUSED in response.content.decode()
        news.refresh_from_db()
        assert news.photo_id is None

    def test_an_operator_saves_a_photo_of_their_own_desa(
        self, operator, news, own_photo
    ):
        """The desa's own collection is theirs to use."""
        response = signed_in(operator).post(
            f"/admin/pages/{news.pk}/edit/", news_form(news, photo=own_photo)
        )

        assert response.status_code == 302
        draft = NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object()
        assert draft.photo_id == own_photo.pk

    def test_an_image_the_page_already_had_can_stay(self, operator, news, signature):
        """A photo a moderator placed does not block the operator's next edit."""
        news.photo = signature
        news.save_revision().publish()

        response = signed_in(operator).post(
            f"/admin/pages/{news.pk}/edit/", news_form(news, photo=signature)
        )

        assert response.status_code == 302


class TestRichText:
    def test_an_embedded_image_of_another_desa_is_refused(
        self, operator, news, other_desa_photo
    ):
        """An <embed> in the body is checked like the photo field."""
        response = signed_in(operator).post(
            f"/admin/pages/{news.pk}/edit/",
            news_form(news, body=image_embed(other_desa_photo)),
        )

        assert IMAGE_REFUSED in response.content.decode()
        draft = NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object()
        assert f'id="{other_desa_photo.pk}"' not in draft.body

    def test_a_document_link_is_not_kept_in_desa_pages(
        self, operator, news, other_desa_document
    ):
        """Desa rich text has no document links: a posted one is dropped."""
        body = f'<p><a linktype="document" id="{other_desa_document.pk}">APBDes</a></p>'

        signed_in(operator).post(
            f"/admin/pages/{news.pk}/edit/", news_form(news, body=body)
        )

        draft = NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object()
        assert 'linktype="document"' not in draft.body

    def test_an_embedded_image_of_their_own_desa_is_kept(
        self, operator, news, own_photo
    ):
        response = signed_in(operator).post(
            f"/admin/pages/{news.pk}/edit/",
            news_form(news, body=image_embed(own_photo)),
        )

        assert response.status_code == 302


class TestPhotoRows:
    def test_a_potensi_photo_row_of_another_desa_is_refused(
        self, operator, desa_page, other_desa_photo
    ):
        """Inline photo rows (potensi, progres) are checked too."""
        page = PotensiPageFactory(parent=desa_page, title="Lada putih")
        form = nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "category": page.category,
                "summary": page.summary,
                "body": rich_text("<p>Lada.</p>"),
                "photos": inline_formset(
                    [{"image": other_desa_photo.pk, "caption": "curian"}]
                ),
                "comments": inline_formset([]),
            }
        )

        response = signed_in(operator).post(f"/admin/pages/{page.pk}/edit/", form)

        assert IMAGE_REFUSED in response.content.decode()
        draft = PotensiPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert [photo.image_id for photo in draft.photos.all()] == []


class TestLessonBlocks:
    def test_a_lesson_document_of_another_kabupaten_is_refused(
        self, banjarnegara_admin, other_desa_document
    ):
        """StreamField blocks are checked: Banjarnegara cannot attach a Beltim file."""
        lesson = (
            build_course(title="Kursus Banjarnegara", modules=1)
            .get_children()[0]
            .get_children()[0]
            .specific
        )
        form_class = LessonPage.get_edit_handler().get_form_class()
        data = nested_form_data(
            {
                "title": lesson.title,
                "slug": lesson.slug,
                "summary": "",
                "duration_minutes": "5",
                "body": streamfield(
                    [
                        (
                            "document",
                            {"document": other_desa_document.pk, "label": "APBDes"},
                        )
                    ]
                ),
                "comments": inline_formset([]),
            }
        )

        form = form_class(
            data,
            instance=lesson,
            parent_page=lesson.get_parent().specific,
            for_user=banjarnegara_admin,
        )

        assert not form.is_valid()
        assert DOCUMENT_REFUSED in str(form.errors)


class TestCertificateTemplate:
    def test_a_template_cannot_take_another_kabupatens_signature(
        self, banjarnegara_admin, signature
    ):
        """Banjarnegara cannot print Belitung Timur's signature on its certificates."""
        from certificates.wagtail_hooks import CertificateTemplateViewSet

        form_class = CertificateTemplateViewSet.edit_handler.bind_to_model(
            CertificateTemplate
        ).get_form_class()
        form = form_class(
            {
                "name": "Templat Banjarnegara",
                "kabupaten": banjarnegara_admin.region_id,
                "title_text": "Sertifikat Kompetensi",
                "body_text": "telah lulus",
                "signatory_name": "Kepala Dinas",
                "signatory_title": "Kepala Dinas Kominfo",
                "signature_image": signature.pk,
                "primary_color": "#0b6e4f",
                "accent_color": "#c8a04a",
                "validity_months": "24",
                "number_pattern": "LD/{kabupaten}/{year}/{seq:06d}",
            },
            for_user=banjarnegara_admin,
        )

        assert not form.is_valid()
        assert form.errors["signature_image"] == [IMAGE_REFUSED]
