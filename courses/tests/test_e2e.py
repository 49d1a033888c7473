"""End to end in headless Chromium on a 360×640 phone viewport.

Chromium is shared by the session (lms/testing/browser.py); screenshots go to
artifacts/screenshots/ (ignored by git; CI keeps them as artefacts).
"""

import pytest
from django.core.cache import cache

from accounts.factories import OperatorFactory
from courses.factories import build_course_tree
from courses.models import Enrollment, QuizAnswer, QuizPage
from lms.testing.browser import screenshots_dir
from portal.services import setup_portal
from regions.services import import_regions_from_lokal

# serialized_rollback puts back what migrations created (home page, site, default
# certificate template) after the flush, for the tests that run next.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def phone_page(browser, *, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=javascript
    )
    return context.new_page()


@pytest.fixture
def browser_page(browser):
    return phone_page(browser, javascript=False)


@pytest.fixture
def script_page(browser):
    """A phone browser with JavaScript on, for the quiz's autosave."""
    return phone_page(browser, javascript=True)


@pytest.fixture
def small_course():
    cache.clear()
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")
    course = build_course_tree(
        {
            "title": "Operator Website Desa: Dasar",
            "slug": "dasar",
            "summary": "Kursus dasar.",
            "modules": [
                {
                    "title": "Mengenal portal desa",
                    "slug": "mengenal",
                    "lessons": [
                        {
                            "title": "Portal dan peran",
                            "slug": "portal",
                            "body": [
                                {
                                    "type": "text",
                                    "value": "<p>Operator menulis, moderator menyetujui.</p>",
                                }
                            ],
                        }
                    ],
                    "quiz": {
                        "title": "Kuis modul 1",
                        "slug": "kuis",
                        "pass_mark": 100,
                        "questions": [
                            {
                                "type": "single",
                                "value": {
                                    "question": "Siapa yang menyetujui tulisan?",
                                    "explanation": "",
                                    "choices": [
                                        {"text": "Moderator", "correct": True},
                                        {"text": "Tetangga", "correct": False},
                                    ],
                                },
                            },
                            {
                                "type": "true_false",
                                "value": {
                                    "question": "Kata sandi boleh dibagikan.",
                                    "explanation": "",
                                    "answer": False,
                                },
                            },
                        ],
                    },
                }
            ],
        }
    )
    operator = OperatorFactory(
        region_code="19.06.02.2003",
        phone="+6281219060203",
        password="sandi-rahasia-2026",
    )
    return course, operator


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "0812-1906-0203")
    page.fill("#id_password", "sandi-rahasia-2026")
    page.click("button[type=submit]")


def shot(page, name):
    page.screenshot(path=str(screenshots_dir() / f"{name}.png"), full_page=True)


def answer(page, label):
    page.get_by_label(label, exact=True).check()


def test_operator_learns_fails_retries_passes_and_completes_the_course(
    live_server, browser_page, small_course
):
    """On a phone without JavaScript: sign in by phone, read, mark done, fail, retry, pass."""
    course, operator = small_course
    page = browser_page
    sign_in(page, live_server)
    page.goto(f"{live_server.url}{course.url}")
    shot(page, "01-course")
    page.click("text=Mulai")
    assert "Operator menulis, moderator menyetujui." in page.content()
    shot(page, "02-lesson")
    page.click("text=Tandai selesai dan lanjutkan")
    assert page.url.endswith("/kuis/")
    shot(page, "03-quiz")
    page.click("button:has-text('Mulai kuis')")
    answer(page, "Tetangga")
    page.click("button[value=next]")
    answer(page, "Benar")
    page.click("button[value=review]")
    shot(page, "04-review")
    page.click("button:has-text('Kirim jawaban')")
    assert "Belum lulus" in page.content()
    shot(page, "05-failed")
    page.click("text=Kembali ke kuis")
    page.click("button:has-text('Coba lagi')")
    answer(page, "Moderator")
    page.click("button[value=next]")
    answer(page, "Salah")
    page.click("button[value=review]")
    page.click("button:has-text('Kirim jawaban')")
    assert "Lulus" in page.content()
    assert "Anda telah menyelesaikan kursus ini." in page.content()
    shot(page, "06-passed")
    page.goto(f"{live_server.url}/kursus/saya/")
    assert "100%" in page.content()
    shot(page, "07-my-courses")
    assert (
        Enrollment.objects.get(operator=operator, course=course).completed_at
        is not None
    )


def test_a_failed_autosave_is_said_and_sent_again(
    live_server, script_page, small_course
):
    """While the server fails, the page says the answer is not saved and keeps it;
    once the server answers again, the answer is saved without a tap."""
    course, operator = small_course
    page = script_page
    sign_in(page, live_server)
    quiz = QuizPage.objects.descendant_of(course).get()
    page.goto(f"{live_server.url}{quiz.url}")
    page.click("button:has-text('Mulai kuis')")
    # The autosave script runs once the page has loaded; a tap before is not saved.
    page.wait_for_url("**/soal/1/", wait_until="load")
    status = page.locator(".autosave-status")
    assert status.get_attribute("aria-live") == "polite"

    def server_error(route):
        if route.request.headers.get("x-requested-with") == "fetch":
            route.fulfill(status=500, content_type="text/html", body="<h1>500</h1>")
        else:
            route.continue_()

    page.route("**/percobaan/**", server_error)
    answer(page, "Moderator")
    status.get_by_text("Jawaban Anda belum tersimpan").wait_for()
    shot(page, "08-autosave-failed")
    assert page.get_by_label("Moderator", exact=True).is_checked()
    assert not QuizAnswer.objects.exists()

    page.unroute("**/percobaan/**")
    status.get_by_text("Jawaban tersimpan.").wait_for(timeout=15_000)
    assert QuizAnswer.objects.count() == 1
