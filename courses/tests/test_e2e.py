"""End to end in headless Chromium on a 360×640 phone viewport.

Chromium is shared by the session (lms/testing/browser.py); screenshots go to
artifacts/screenshots/ (ignored by git; CI keeps them as artefacts).
"""

import json

import pytest
from django.core.cache import cache

from accounts.factories import OperatorFactory
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonPage,
    ModulePage,
    QuizPage,
)
from lms.models import HomePage
from lms.testing.browser import screenshots_dir
from portal.services import setup_portal
from regions.services import import_regions_from_lokal

# serialized_rollback puts back what migrations created (home page, site, default
# certificate template) after the flush, for the tests that run next.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=False
    )
    return context.new_page()


@pytest.fixture
def small_course():
    cache.clear()
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")
    index = CourseIndexPage(title="Belajar", slug="belajar")
    HomePage.objects.get().add_child(instance=index)
    course = CoursePage(
        title="Operator Website Desa: Dasar", slug="dasar", summary="Kursus dasar."
    )
    index.add_child(instance=course)
    module = ModulePage(title="Mengenal portal desa", slug="mengenal")
    course.add_child(instance=module)
    module.add_child(
        instance=LessonPage(
            title="Portal dan peran",
            slug="portal",
            body=json.dumps(
                [
                    {
                        "type": "text",
                        "value": "<p>Operator menulis, moderator menyetujui.</p>",
                    }
                ]
            ),
        )
    )
    questions = [
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
    ]
    module.add_child(
        instance=QuizPage(
            title="Kuis modul 1",
            slug="kuis",
            pass_mark=100,
            questions=json.dumps(questions),
        )
    )
    operator = OperatorFactory(
        region_code="19.06.02.2003",
        phone="+6281219060203",
        password="sandi-rahasia-2026",
    )
    return course, operator


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
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "0812-1906-0203")
    page.fill("#id_password", "sandi-rahasia-2026")
    page.click("button[type=submit]")
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
