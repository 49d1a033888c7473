"""Meja Tulis in headless Chromium on a 360×640 phone, JavaScript on and off."""

import datetime as dt
import io
import uuid

import pytest
from django.core.cache import cache
from PIL import Image as PillowImage

from accounts.factories import AdminKecamatanFactory, OperatorFactory
from lms.testing.axe import assert_no_serious_violations
from lms.testing.browser import screenshots_dir
from portal.meja import SUBMIT, create_page
from portal.models import NewsPage, PotensiPage, ProgressPage
from portal.services import grant_publishing_rights, setup_portal
from regions.services import import_regions_from_lokal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "sandi-rahasia-2026"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def operator():
    cache.clear()
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")
    return OperatorFactory(
        username="siti.jangkarasam",
        region_code="19.06.02.2003",
        phone="+6281219060203",
        password=PASSWORD,
    )


def phone(browser, *, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=javascript
    )
    return context.new_page()


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "0812-1906-0203")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def photo_file(tmp_path):
    path = tmp_path / "kamera.jpg"
    # Noise, like a real photo's detail: a large file that shrinks when resized.
    picture = PillowImage.effect_noise((3000, 2000), 64).convert("RGB")
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=95)
    path.write_bytes(out.getvalue())
    return path


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_certified_operator_writes_news_with_a_photo_and_publishes(
    live_server, browser, operator, tmp_path, javascript
):
    grant_publishing_rights(operator=operator)
    page = phone(browser, javascript=javascript)
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/meja/")
    assert fits_the_screen(page)
    page.click("text=Tulis berita")
    page.fill("#id_title", "Kerja bakti Dusun II")
    page.fill("#id_text", "Warga **bergotong royong**.\n\n- cangkul\n- karung")
    page.set_input_files("#id_photo", str(photo_file(tmp_path)))
    if javascript:
        page.wait_for_selector("text=Foto diperkecil di peramban")
    assert fits_the_screen(page)
    page.screenshot(
        path=str(screenshots_dir() / f"meja-news-{javascript}.png"), full_page=True
    )
    page.click("button[value=publish]")

    assert "Halaman sudah terbit." in page.content()
    news = NewsPage.objects.get(title="Kerja bakti Dusun II")
    assert news.live
    assert max(news.photo.width, news.photo.height) == 1600


def test_an_uncertified_operator_is_sent_back_fixes_and_is_approved(
    live_server, browser, operator
):
    moderator = AdminKecamatanFactory(username="admin.gantung", region_code="19.06.02")
    page = phone(browser, javascript=False)
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/meja/tulis/berita/")
    page.fill("#id_title", "Posyandu")
    page.fill("#id_text", "Jadwal posyandu bulan ini.")
    page.click("button[value=submit]")
    assert "Menunggu moderasi" in page.content()

    news = NewsPage.objects.get(title="Posyandu")
    news.current_workflow_task_state.reject(
        user=moderator, comment="Sebutkan tanggal dan tempatnya."
    )
    page.goto(f"{live_server.url}/meja/")
    assert "Sebutkan tanggal dan tempatnya." in page.content()
    page.click("text=Posyandu")
    page.fill("#id_text", "Posyandu Rabu 4 Maret di balai desa.")
    page.click("button[value=submit]")
    assert "Menunggu moderasi" in page.content()

    news.refresh_from_db()
    news.current_workflow_task_state.approve(user=moderator)
    news.refresh_from_db()
    assert news.live


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_an_operator_fills_progres_pembangunan_and_potensi(
    live_server, browser, operator, javascript
):
    """Progres goes to the moderators (no certificate yet); once certified, the
    operator publishes a potensi."""
    page = phone(browser, javascript=javascript)
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/meja/")
    page.click("text=Tulis progres pembangunan")
    assert fits_the_screen(page)
    page.fill("#id_title", "Rabat beton jalan usaha tani")
    page.fill("#id_activity", "Rabat beton Blok Sawah Lor, 350 meter")
    page.fill("#id_location", "Dusun Krajan RT 03")
    page.fill("#id_budget", "85000000")
    page.fill("#id_funding_source", "Dana Desa 2026")
    page.fill("#id_progress_percent", "40")
    page.fill("#id_date", "2026-03-02")
    page.fill("#id_text", "Pengecoran **separuh jalan** selesai.")
    page.click("button[value=submit]")

    assert "Menunggu moderasi" in page.content()
    progres = ProgressPage.objects.get(title="Rabat beton jalan usaha tani")
    assert progres.workflow_in_progress
    assert (progres.budget, progres.progress_percent) == (85_000_000, 40)
    assert progres.funding_source == "Dana Desa 2026"

    grant_publishing_rights(operator=operator)
    page.goto(f"{live_server.url}/meja/")
    page.click("text=Tulis potensi desa")
    assert fits_the_screen(page)
    page.fill("#id_title", "Pantai Serdang")
    page.check("input[name=category][value=wisata]")
    page.fill("#id_summary", "Pantai berpasir putih untuk keluarga.")
    page.fill("#id_text", "Buka setiap hari.\n\n- parkir\n- warung")
    page.click("button[value=publish]")

    assert "Halaman sudah terbit." in page.content()
    potensi = PotensiPage.objects.get(title="Pantai Serdang")
    assert potensi.live
    assert potensi.category == PotensiPage.Category.WISATA


def test_meja_tulis_has_no_serious_accessibility_violations(
    live_server, browser, operator
):
    """axe-core on every Meja Tulis screen at 360×640 (axe needs JavaScript on)."""
    moderator = AdminKecamatanFactory(username="admin.gantung", region_code="19.06.02")
    sent_back = create_page(
        user=operator,
        kind="berita",
        values={"title": "Posyandu", "text": "Jadwal posyandu.", "date": TODAY},
        token=uuid.uuid4(),
        action=SUBMIT,
    )
    sent_back.current_workflow_task_state.reject(
        user=moderator, comment="Sebutkan tanggal dan tempatnya."
    )
    draft = create_page(
        user=operator,
        kind="berita",
        values={
            "title": "Kerja bakti",
            "text": "Warga bergotong royong.",
            "date": TODAY,
        },
        token=uuid.uuid4(),
    )
    page = phone(browser, javascript=True)
    sign_in(page, live_server)
    urls = [
        "/meja/",
        "/meja/tulis/berita/",
        "/meja/tulis/potensi/",
        "/meja/tulis/progres/",
        f"/meja/{sent_back.pk}/",
        f"/meja/{draft.pk}/pratinjau/",
        f"/meja/{draft.pk}/hapus/",
    ]
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        assert page.url == f"{live_server.url}{url}"
        assert_no_serious_violations(page)
    page.goto(f"{live_server.url}/meja/{sent_back.pk}/")
    assert "Sebutkan tanggal dan tempatnya." in page.content()


def test_the_kecamatan_admin_sends_back_and_approves_in_the_wagtail_admin(
    live_server, browser, operator
):
    """The moderator's side clicked in the admin; the operator's side on the phone."""
    AdminKecamatanFactory(
        username="admin.gantung", region_code="19.06.02", password=PASSWORD
    )
    phone_page = phone(browser, javascript=False)
    sign_in(phone_page, live_server)
    phone_page.goto(f"{live_server.url}/meja/tulis/berita/")
    phone_page.fill("#id_title", "Posyandu Melati")
    phone_page.fill("#id_text", "Jadwal posyandu bulan ini.")
    phone_page.click("button[value=submit]")
    assert "Menunggu moderasi" in phone_page.content()
    news = NewsPage.objects.get(title="Posyandu Melati")

    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.goto(f"{live_server.url}/admin/login/")
    desk.fill("#id_username", "admin.gantung")
    desk.fill("#id_password", PASSWORD)
    desk.click("button[type=submit]")
    desk.goto(f"{live_server.url}/admin/")
    reject = desk.locator(
        f"button[data-workflow-action-url*='/action/{news.pk}/reject/']"
    )
    reject.locator("xpath=ancestor::td").locator("button[aria-label]").first.click()
    reject.click()
    desk.fill("textarea[name=comment]", "Sebutkan tanggal dan tempatnya.")
    desk.locator(
        ".modal-content button[type=submit], .modal button[type=submit]"
    ).first.click()
    desk.wait_for_load_state("networkidle")

    phone_page.goto(f"{live_server.url}/meja/")
    assert "Sebutkan tanggal dan tempatnya." in phone_page.content()
    phone_page.click("text=Posyandu Melati")
    phone_page.fill("#id_text", "Posyandu Rabu 4 Maret di balai desa.")
    phone_page.click("button[value=submit]")
    assert "Menunggu moderasi" in phone_page.content()

    desk.goto(f"{live_server.url}/admin/")
    approve = desk.locator(
        f"button[data-workflow-action-url*='/action/{news.pk}/approve/']:not([data-launch-modal])"
    )
    approve.locator("xpath=ancestor::td").locator("button[aria-label]").first.click()
    approve.click()
    desk.wait_for_load_state("networkidle")
    news.refresh_from_db()
    assert news.live
    phone_page.goto(f"{live_server.url}/meja/")
    assert "Terbit" in phone_page.content()
