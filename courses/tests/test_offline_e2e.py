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

PASSWORD = "sandi-rahasia-2026"


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
    # A bound the issue asks for, measured by the browser (Navigation Timing).
    assert max(times) < 1000, times


def answer_first_option(page):
    """Choose the first option (or type an answer) of the question shown."""
    first = page.locator("form[data-autosave] [name=answer]").first
    if first.get_attribute("type") == "text":
        first.fill("jawaban")
        first.press("Tab")
    else:
        first.check()


def start_first_quiz(page, live_server, course):
    quiz = QuizPage.objects.descendant_of(course).order_by("path").first()
    page.goto(f"{live_server.url}{quiz.url}")
    controlled(page)
    page.click("button:has-text('Mulai kuis')")
    page.wait_for_url("**/soal/1/", wait_until="load")
    # The service worker has kept the attempt's questions on the phone.
    page.wait_for_selector("form[data-offline-ready]", timeout=30_000)
    return quiz


def test_answers_given_offline_reach_the_server_once_and_are_graded(
    live_server, context, demo_course
):
    course, siti, _budi = demo_course
    page = context.new_page()
    posts = []
    page.on(
        "request",
        lambda r: (
            posts.append(r.url) if r.method == "POST" and "/soal/" in r.url else None
        ),
    )
    sign_in(page, live_server, "siti")
    quiz = start_first_quiz(page, live_server, course)
    status = page.locator(".autosave-status")

    context.set_offline(True)
    answer_first_option(page)
    status.get_by_text("Offline — 1 jawaban menunggu dikirim").wait_for()
    page.click("button[value=next]")
    page.wait_for_url("**/soal/2/", wait_until="load")
    answer_first_option(page)
    status.get_by_text("Offline — 2 jawaban menunggu dikirim").wait_for()
    shot(page, "offline-03-quiz-waiting")
    attempt = QuizAttempt.objects.get(operator=siti, quiz=quiz)
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()
    assert posts == []

    context.set_offline(False)
    status.get_by_text(
        "Tersambung lagi: 2 jawaban yang menunggu sudah terkirim dan tersimpan."
    ).wait_for(timeout=15_000)
    shot(page, "offline-04-quiz-sent")
    saved = QuizAnswer.objects.filter(attempt=attempt)
    assert sorted(saved.values_list("question_id", flat=True)) == sorted(
        q["id"] for q in attempt.snapshot[:2]
    )
    assert len(posts) == 2
    assert len(set(posts)) == 2

    # Reloading sends nothing again: nothing is waiting any more.
    page.reload(wait_until="load")
    page.wait_for_timeout(500)
    assert len(posts) == 2

    page.click("button[value=review]")
    page.click("button:has-text('Kirim jawaban')")
    page.wait_for_url("**/hasil/", wait_until="load")
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert all(a.score is not None for a in attempt.answers.all())
    assert attempt.answers.count() == 2


def test_an_answer_sent_after_the_time_limit_is_refused_and_the_page_says_so(
    live_server, context, demo_course
):
    """The server is the clock: the phone's answer arrives too late and is refused."""
    course, siti, _budi = demo_course
    QuizPage.objects.descendant_of(course).update(time_limit_minutes=5)
    page = context.new_page()
    sign_in(page, live_server, "siti")
    quiz = start_first_quiz(page, live_server, course)
    context.set_offline(True)
    answer_first_option(page)
    page.locator(".autosave-status").get_by_text("Offline — 1 jawaban").wait_for()
    # The time runs out on the server while the phone is offline.
    attempt = QuizAttempt.objects.get(operator=siti, quiz=quiz)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=attempt.started_at, started_at=attempt.started_at
    )
    context.set_offline(False)
    page.locator(".autosave-status").get_by_text("Waktu habis.").wait_for(
        timeout=15_000
    )
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert not attempt.answers.exists()


def saved_caches(page):
    return page.evaluate("caches.keys()")


def test_signing_out_removes_the_saved_course(live_server, context, demo_course):
    course, siti, _budi = demo_course
    page = context.new_page()
    sign_in(page, live_server, "siti")
    save_course(page, live_server, course)
    assert f"ld-user-{siti.pk}" in saved_caches(page)

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state("load")
    page.wait_for_function(f"caches.keys().then(k => !k.includes('ld-user-{siti.pk}'))")
    context.set_offline(True)
    lesson = lessons_of(course)[0]
    # The service worker has nothing to answer with: the page does not open.
    with pytest.raises(Exception, match="net::ERR_"):
        page.goto(f"{live_server.url}{lesson.url}")


def test_another_user_never_sees_the_first_users_saved_page(
    live_server, context, demo_course
):
    """Siti's session ends without signing out; Budi signs in on the same browser."""
    course, siti, budi = demo_course
    page = context.new_page()
    sign_in(page, live_server, "siti")
    save_course(page, live_server, course)
    lesson = lessons_of(course)[0]

    context.clear_cookies()
    sign_in(page, live_server, "budi")
    page.goto(f"{live_server.url}/kursus/saya/")
    page.wait_for_function(f"caches.keys().then(k => !k.includes('ld-user-{siti.pk}'))")
    context.set_offline(True)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
    except Exception as error:  # the page simply does not open
        assert "net::ERR_" in str(error)
    else:
        assert f'content="{siti.pk}"' not in page.content()


def test_a_changed_lesson_is_refreshed_at_the_next_connection(
    live_server, context, demo_course
):
    course, siti, _budi = demo_course
    page = context.new_page()
    sign_in(page, live_server, "siti")
    save_course(page, live_server, course)
    lesson = lessons_of(course)[2]
    lesson.body = [("text", "<p>Isi yang diperbarui penyusun kursus.</p>")]
    lesson.save_revision().publish()

    # Back online (pwa.js asks this on the "online" event).
    result = page.evaluate("window.literasiOffline.ask({type: 'refresh'})")
    assert result["refreshed"] == 1
    context.set_offline(True)
    page.goto(f"{live_server.url}{lesson.url}")
    assert "Isi yang diperbarui penyusun kursus." in page.content()


SLOW_LINK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}


def test_a_saved_lesson_opens_fast_on_a_slow_link(
    live_server, browser, context, demo_course
):
    """A repeat visit at 400 kbit/s and 400 ms latency, with the course saved."""
    course, siti, _budi = demo_course
    page = context.new_page()
    sign_in(page, live_server, "siti")
    save_course(page, live_server, course)
    lesson = lessons_of(course)[1]
    url = f"{live_server.url}{lesson.url}"
    page.goto(url)  # the repeat visit follows this one
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    ms = open_time_ms(page, url)
    assert page.locator("h1").text_content() == lesson.title

    # The same repeat visit without the service worker, for comparison: the link
    # is slow enough that only the saved copy makes it fast.
    browser_without_worker = browser.new_context(
        viewport={"width": 360, "height": 640}, service_workers="block"
    )
    plain = browser_without_worker.new_page()
    sign_in(plain, live_server, "siti")
    plain.goto(url)
    plain_cdp = browser_without_worker.new_cdp_session(plain)
    plain_cdp.send("Network.enable")
    plain_cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    plain_ms = open_time_ms(plain, url)
    assert plain_ms > 450, plain_ms  # the latency alone is 400 ms
    assert ms < 500, (ms, plain_ms)
