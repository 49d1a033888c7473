"""Meja Tulis in headless Chromium on a 360×640 phone, JavaScript on and off."""

import io

import pytest
from django.core.cache import cache
from PIL import Image as PillowImage

from accounts.factories import AdminKecamatanFactory, OperatorFactory
from lms.testing.browser import screenshots_dir
from portal.models import NewsPage
from portal.services import grant_publishing_rights, setup_portal
from regions.services import import_regions_from_lokal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "sandi-rahasia-2026"


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
