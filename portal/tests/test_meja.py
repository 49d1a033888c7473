"""Meja Tulis: operators write, submit and publish their desa's pages on the site.

Moderators keep reviewing in the Wagtail admin (its workflow API here); their
comment reaches the operator in Meja Tulis.
"""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, WorkflowState

from portal.factories import NewsPageFactory, PotensiPageFactory, ProgressPageFactory
from portal.models import (
    CreateRequest,
    DesaAccess,
    NewsPage,
    PotensiPage,
    ProgressPage,
    PublishEvent,
)
from portal.services import grant_publishing_rights

INDEX = reverse("meja:index")
NEW_NEWS = reverse("meja:create", args=["berita"])


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def body(response):
    return response.content.decode()


def news_post(action="draft", token=None, **extra):
    return {
        "token": str(token or uuid.uuid4()),
        "title": "Kerja bakti di Dusun II",
        "date": "2026-03-02",
        "intro": "Warga membersihkan saluran air.",
        "text": "Warga **bergotong royong**.\n\n- cangkul\n- karung\n\n"
        "Lihat [balai desa](https://example.com/balai).",
        "action": action,
        **extra,
    }


def jpeg_with_gps(size=(2400, 1800)):
    """A phone photo: big, with EXIF that names the camera and a GPS position."""
    picture = PillowImage.new("RGB", size, (30, 120, 60))
    exif = PillowImage.Exif()
    exif[0x010F] = "Pabrik Kamera"  # Make
    exif[0x0110] = "HP Desa"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (2.0, 52.0, 30.0)
    gps[3] = "E"
    gps[4] = (108.0, 9.0, 0.0)
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def certified(operator):
    grant_publishing_rights(operator=operator)
    return operator


@pytest.fixture
def draft_news(desa_page, operator):
    page = NewsPageFactory(parent=desa_page, title="Panen lada", live=False)
    page.owner = operator
    page.save()
    page.save_revision(user=operator)
    return page


def reject(page, moderator, comment):
    """What "Request changes" with a comment does in the admin."""
    task_state = page.current_workflow_task_state
    task_state.reject(user=moderator, comment=comment)


class TestList:
    def test_the_list_shows_every_page_with_its_state(
        self, operator, desa_page, draft_news, gantung_admin
    ):
        """Profile, drafts, published pages, pages in moderation and pages sent
        back with the moderator's comment, each with its state in Indonesian."""
        live = NewsPageFactory(parent=desa_page, title="Pasar desa dibuka")
        waiting = PotensiPageFactory(parent=desa_page, title="Lada putih", live=False)
        waiting.save_revision(user=operator)
        waiting.get_workflow().start(waiting, operator)
        sent_back = ProgressPageFactory(
            parent=desa_page, title="Jalan usaha tani", live=False
        )
        sent_back.save_revision(user=operator)
        sent_back.get_workflow().start(sent_back, operator)
        reject(sent_back, gantung_admin, "Tambahkan foto lokasi jalan.")

        page = body(signed_in(operator).get(INDEX))

        assert "Desa Jangkar Asam" in page
        for title in ("Panen lada", "Pasar desa dibuka", "Lada putih"):
            assert title in page
        assert "Draf" in page
        assert "Terbit" in page
        assert "Menunggu moderasi" in page
        assert "Dikembalikan untuk diperbaiki" in page
        assert "Tambahkan foto lokasi jalan." in page
        assert live.title in page

    def test_the_list_takes_a_fixed_number_of_queries(
        self, operator, desa_page, draft_news, django_assert_num_queries
    ):
        """More pages do not mean more queries."""
        for n in range(5):
            NewsPageFactory(parent=desa_page, title=f"Berita {n}")
        browser = signed_in(operator)
        browser.get(INDEX)

        with django_assert_num_queries(7):
            response = browser.get(INDEX)
        assert response.status_code == 200

    def test_staff_are_sent_to_the_admin(self, gantung_admin):
        response = signed_in(gantung_admin).get(INDEX)

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_the_menu_and_my_courses_lead_operators_to_meja_tulis(self, operator):
        page = body(signed_in(operator).get(reverse("courses:my_courses")))

        assert page.count(f'href="{INDEX}"') == 2


class TestWriting:
    def test_an_operator_saves_a_news_draft(self, operator, desa_page):
        """The text's markup becomes rich text; the page is a draft, logged."""
        response = signed_in(operator).post(NEW_NEWS, news_post())

        page = NewsPage.objects.child_of(desa_page).get()
        assert response.status_code == 302
        assert response["Location"] == reverse("meja:edit", args=[page.pk])
        assert not page.live
        assert page.owner == operator
        assert page.body == (
            "<p>Warga <b>bergotong royong</b>.</p><ul><li>cangkul</li><li>karung</li>"
            '</ul><p>Lihat <a href="https://example.com/balai">balai desa</a>.</p>'
        )
        assert page.get_latest_revision().user == operator
        assert PageLogEntry.objects.filter(page=page, action="wagtail.create").exists()

    def test_the_edit_form_gives_back_the_markup(self, operator, desa_page):
        browser = signed_in(operator)
        browser.post(NEW_NEWS, news_post())
        page = NewsPage.objects.child_of(desa_page).get()

        form = body(browser.get(reverse("meja:edit", args=[page.pk])))

        assert "Warga **bergotong royong**." in form
        assert "- cangkul\n- karung" in form
        assert "[balai desa](https://example.com/balai)" in form

    def test_markup_cannot_put_html_or_script_links_on_a_page(
        self, operator, desa_page
    ):
        signed_in(operator).post(
            NEW_NEWS,
            news_post(text="<script>alert(1)</script> [klik](javascript:alert(1))"),
        )

        page = NewsPage.objects.child_of(desa_page).get()
        assert "<script" not in page.body
        assert "href" not in page.body
        assert "&lt;script&gt;" in page.body

    def test_a_double_post_creates_one_page(self, operator, desa_page):
        """The same form sent twice (a double tap) makes one page."""
        browser = signed_in(operator)
        data = news_post()

        first = browser.post(NEW_NEWS, data)
        second = browser.post(NEW_NEWS, data)

        assert NewsPage.objects.child_of(desa_page).count() == 1
        assert first["Location"] == second["Location"]
        assert CreateRequest.objects.count() == 1

    def test_a_missing_title_is_told_and_nothing_is_saved(self, operator, desa_page):
        response = signed_in(operator).post(NEW_NEWS, news_post(title=""))

        assert response.status_code == 200
        assert "Kolom ini wajib diisi." in body(response)
        assert not NewsPage.objects.child_of(desa_page).exists()

    def test_an_operator_fills_progress_and_potensi(self, operator, desa_page):
        browser = signed_in(operator)
        browser.post(
            reverse("meja:create", args=["progres"]),
            {
                "token": str(uuid.uuid4()),
                "title": "Jalan usaha tani Dusun I",
                "activity": "Pengerasan jalan",
                "location": "Dusun I",
                "budget": "150000000",
                "funding_source": "Dana Desa 2026",
                "progress_percent": "40",
                "date": "2026-03-01",
                "text": "",
                "action": "draft",
            },
        )
        browser.post(
            reverse("meja:create", args=["potensi"]),
            {
                "token": str(uuid.uuid4()),
                "title": "Pantai Serdang",
                "category": "wisata",
                "summary": "Pantai berpasir putih.",
                "text": "Pantai untuk keluarga.",
                "action": "draft",
            },
        )

        progress = ProgressPage.objects.child_of(desa_page).get()
        assert (progress.budget, progress.progress_percent) == (150000000, 40)
        assert progress.funding_source == "Dana Desa 2026"
        potensi = PotensiPage.objects.child_of(desa_page).get()
        assert potensi.category == PotensiPage.Category.WISATA

    def test_the_desa_profile_is_edited_without_its_title(self, operator, desa_page):
        signed_in(operator).post(
            reverse("meja:edit", args=[desa_page.pk]),
            {
                "title": "Desa Lain",
                "text": "Desa penghasil **lada putih**.",
                "head_name": "Bapak Kades",
                "address": "Jl. Raya 1",
                "contact": "0812",
                "action": "submit",
            },
        )

        desa_page.refresh_from_db()
        latest = desa_page.get_latest_revision_as_object()
        assert latest.title == "Desa Jangkar Asam"
        assert latest.profile == "<p>Desa penghasil <b>lada putih</b>.</p>"
        assert latest.head_name == "Bapak Kades"
        assert desa_page.workflow_in_progress


class TestPublishing:
    def test_a_certified_operator_publishes(self, certified, desa_page):
        """The page is live and counts as website activity."""
        signed_in(certified).post(NEW_NEWS, news_post(action="publish"))

        page = NewsPage.objects.child_of(desa_page).get()
        assert page.live
        assert PublishEvent.objects.filter(page=page, user=certified).exists()
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()

    def test_an_uncertified_operator_cannot_publish(self, operator, desa_page):
        response = signed_in(operator).post(NEW_NEWS, news_post(action="publish"))

        assert response.status_code == 200
        assert (
            "Kirim halaman untuk moderasi" in body(response)
            or response.context["form"].non_field_errors()
        )
        assert not NewsPage.objects.child_of(desa_page).exists()
        assert not PublishEvent.objects.exists()

    def test_submit_comment_fix_resubmit_approve(
        self, operator, desa_page, gantung_admin
    ):
        """Sent to moderation, sent back with a comment that the operator reads in
        Meja Tulis, fixed and sent again, approved: live."""
        browser = signed_in(operator)
        browser.post(NEW_NEWS, news_post(action="submit"))
        page = NewsPage.objects.child_of(desa_page).get()
        assert page.workflow_in_progress
        assert page.current_workflow_state.requested_by == operator

        reject(page, gantung_admin, "Judulnya kurang jelas, sebutkan dusunnya.")
        edit_url = reverse("meja:edit", args=[page.pk])
        assert "Judulnya kurang jelas, sebutkan dusunnya." in body(browser.get(INDEX))
        assert "Judulnya kurang jelas, sebutkan dusunnya." in body(
            browser.get(edit_url)
        )

        browser.post(
            edit_url, news_post(action="submit", title="Kerja bakti Dusun II Gantung")
        )
        page.refresh_from_db()
        state = page.current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert page.draft_title == "Kerja bakti Dusun II Gantung"

        page.current_workflow_task_state.approve(user=gantung_admin, comment="Bagus")
        page.refresh_from_db()
        assert page.live
        assert page.title == "Kerja bakti Dusun II Gantung"
        assert PublishEvent.objects.filter(page=page).exists()

    def test_an_operator_withdraws_from_moderation(self, operator, draft_news):
        draft_news.get_workflow().start(draft_news, operator)

        response = signed_in(operator).post(
            reverse("meja:withdraw", args=[draft_news.pk])
        )

        assert response.status_code == 302
        draft_news.refresh_from_db()
        assert not draft_news.workflow_in_progress
        assert draft_news.current_workflow_state is None

    def test_a_page_in_moderation_cannot_be_changed(self, operator, draft_news):
        draft_news.get_workflow().start(draft_news, operator)

        signed_in(operator).post(
            reverse("meja:edit", args=[draft_news.pk]), news_post(title="Diubah")
        )

        draft_news.refresh_from_db()
        assert draft_news.draft_title == "Panen lada"

    def test_a_certified_operator_unpublishes_own_news(self, certified, desa_page):
        news = NewsPageFactory(parent=desa_page, title="Berita lama")
        browser = signed_in(certified)

        assert browser.get(reverse("meja:unpublish", args=[news.pk])).status_code == 200
        browser.post(reverse("meja:unpublish", args=[news.pk]))

        news.refresh_from_db()
        assert not news.live

    def test_the_desa_profile_stays_online(self, certified, desa_page):
        response = signed_in(certified).post(
            reverse("meja:unpublish", args=[desa_page.pk]), follow=True
        )

        desa_page.refresh_from_db()
        assert desa_page.live
        assert "Profil desa tetap tayang" in body(response)


class TestPhotos:
    def test_a_photo_is_shrunk_and_loses_its_location(self, operator, desa_page):
        signed_in(operator).post(
            NEW_NEWS, news_post(photo=upload(jpeg_with_gps()), caption="Kerja bakti")
        )

        page = NewsPage.objects.child_of(desa_page).get()
        image = page.photo
        assert image.collection == DesaAccess.objects.get(page=desa_page).collection
        with image.file.open() as stored, PillowImage.open(stored) as picture:
            assert max(picture.size) == 1600
            exif = picture.getexif()
            assert not exif
            assert 0x8825 not in exif
            assert "exif" not in picture.info

    def test_photos_are_added_to_potensi_and_removed(self, operator, desa_page):
        browser = signed_in(operator)
        data = {
            "token": str(uuid.uuid4()),
            "title": "Pantai Serdang",
            "category": "wisata",
            "text": "Pantai.",
            "action": "draft",
            "photo": upload(jpeg_with_gps((800, 600))),
        }
        browser.post(reverse("meja:create", args=["potensi"]), data)
        page = PotensiPage.objects.child_of(desa_page).get()
        [photo] = page.photos.all()

        browser.post(
            reverse("meja:edit", args=[page.pk]),
            {**data, "photo": "", "remove_photos": [str(photo.image_id)]},
        )

        page.refresh_from_db()
        assert not page.get_latest_revision_as_object().photos.all()

    @pytest.mark.parametrize(
        "data",
        [
            b"Bukan foto, hanya teks.",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;<script>alert(1)</script>",
        ],
    )
    def test_a_file_that_is_not_a_photo_is_refused_in_indonesian(
        self, operator, desa_page, data
    ):
        response = signed_in(operator).post(
            NEW_NEWS, news_post(photo=upload(data, name="foto.gif"))
        )

        assert response.status_code == 200
        errors = response.context["form"].errors["photo"]
        assert errors
        assert any("foto" in e or "gambar" in e for e in errors)
        assert not NewsPage.objects.child_of(desa_page).exists()
        assert not get_image_model().objects.exists()


class TestScope:
    @pytest.mark.parametrize(
        "name,method",
        [
            ("meja:edit", "get"),
            ("meja:edit", "post"),
            ("meja:preview", "get"),
            ("meja:withdraw", "post"),
            ("meja:unpublish", "get"),
            ("meja:unpublish", "post"),
        ],
    )
    def test_another_desas_pages_answer_404(
        self, operator, other_desa_page, name, method
    ):
        news = NewsPageFactory(parent=other_desa_page, title="Panen Mekar Jaya")
        browser = signed_in(operator)

        for page in (other_desa_page, news):
            response = getattr(browser, method)(reverse(name, args=[page.pk]))
            assert response.status_code == 404

        news.refresh_from_db()
        assert news.live

    def test_the_edit_page_takes_a_fixed_number_of_queries(
        self, operator, draft_news, django_assert_num_queries
    ):
        browser = signed_in(operator)
        url = reverse("meja:edit", args=[draft_news.pk])
        browser.get(url)

        # 17 with the two that tell whether the draft may be deleted.
        with django_assert_num_queries(17):
            response = browser.get(url)
        assert response.status_code == 200
        # With the stylesheet and script, far below the 100 KB of a first visit.
        assert len(response.content) < 20_000

    def test_preview_shows_the_draft_as_the_page_looks(self, operator, draft_news):
        response = signed_in(operator).get(
            reverse("meja:preview", args=[draft_news.pk])
        )

        assert response.status_code == 200
        page = body(response)
        assert "Panen lada" in page
        assert reverse("meja:edit", args=[draft_news.pk]) in page
