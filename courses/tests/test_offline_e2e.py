"""Offline in headless Chromium: the installable app, saved courses, quiz answers
given without a connection, and sign-out.

Service workers need a secure context: the live server's http://localhost is one.
The network is switched off and on through the DevTools protocol (Playwright's
`set_offline`, which also reaches the service worker); the slow link is
`Network.emulateNetworkConditions`.
"""

import threading

import pytest
from django.core.cache import cache

from accounts.factories import OperatorFactory
from courses.models import LessonPage, QuizAnswer, QuizAttempt, QuizPage
from lms.management.commands.load_demo import Command as LoadDemo
from lms.testing.browser import screenshots_dir
from portal.services import setup_portal
from regions.services import import_regions_from_lokal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "sandi-rahasia-2026"  # noqa: S105


@pytest.fixture(autouse=True)
def one_request_at_a_time(live_server):
    """Serve the browser's requests one at a time.

    The service worker downloads a saved course a few files at once; the live server
    answers each request in a thread, and on the test database (SQLite in memory)
    every thread shares one connection, which cannot run two statements at once.
    A production server has a connection per worker."""
    server = live_server.thread.httpd
    app = server.get_app()
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            return app(environ, start_response)

    server.set_app(serialised)
    yield lock
    server.set_app(app)


@pytest.fixture
def demo_course():
    cache.clear()
    import_regions_from_lokal(prefixes=["19.06.02", "19.06.01"])
    setup_portal(kabupaten_code="19.06")
    course = LoadDemo().make_course()
    siti = OperatorFactory(
        username="siti", region_code="19.06.02.2003", password=PASSWORD
    )
    budi = OperatorFactory(
        username="budi", region_code="19.06.01.2012", password=PASSWORD
    )
    return course, siti, budi


@pytest.fixture
def context(browser):
    return browser.new_context(viewport={"width": 360, "height": 640})


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")


def controlled(page):
    """Wait until the service worker controls the page (it claims open pages)."""
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def save_course(page, live_server, course):
    page.goto(f"{live_server.url}{course.url}")
    controlled(page)
    box = page.locator("[data-offline-course]")
    box.get_by_role("button", name="Simpan untuk dibaca offline").click()
    status = box.locator("[data-offline-status]")
    status.get_by_text("Menyimpan kursus ini mengunduh").wait_for()
    before = status.text_content()
    box.locator("[data-offline-confirm]").click()
    page.wait_for_selector("[data-offline-saved]", timeout=30_000)
    return before, status.text_content()


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def open_time_ms(page, url):
    page.goto(url, wait_until="load")
    return page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd - n.startTime; }"
    )


def shot(page, name):
    page.screenshot(path=str(screenshots_dir() / f"{name}.png"), full_page=True)


def test_every_lesson_of_the_saved_demo_course_opens_offline(
    live_server, context, demo_course
):
    course, siti, _budi = demo_course
    page = context.new_page()
    sign_in(page, live_server, "siti")
    before, after = save_course(page, live_server, course)
    shot(page, "offline-01-saved")
    lessons = lessons_of(course)
    assert f"{len(lessons) + 1 + 4} berkas" in before
    assert "KB" in before
    assert "Tersimpan di ponsel ini untuk dibaca offline" in after
    context.set_offline(True)
    times = []
    for lesson in lessons:
        ms = open_time_ms(page, f"{live_server.url}{lesson.url}")
        assert page.locator("h1").text_content() == lesson.title
        times.append(ms)
    shot(page, "offline-02-lesson-offline")
    print("offline lesson open times (ms):", [round(t) for t in times])
    assert max(times) < 1000
