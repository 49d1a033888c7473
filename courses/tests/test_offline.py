"""The installable app's server side: manifest, service worker, what saving a course
downloads (offline.json), late answers sent by the quiz script, and sign-out.

The browser side (saving, opening offline, answers sent after reconnecting) is in
test_offline_e2e.py."""

import json
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from accounts.factories import OperatorFactory
from courses.factories import build_course, correct_form_values
from courses.models import LessonPage, QuizAnswer, QuizAttempt, QuizPage
from courses.selectors import offline_download_size

# Every test gets the database through the shared world's fixtures (conftest.py).


@pytest.fixture
def course(portal):
    return build_course(title="Dasar", modules=2, lessons_per_module=2)


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


def offline_json(client, course):
    return client.get(reverse("courses:offline", args=[course.pk]))


class TestInstallableApp:
    def test_the_manifest_names_the_app_in_indonesian_with_its_icons(self, client, db):
        response = client.get("/manifest.webmanifest")
        manifest = json.loads(response.content)
        assert response["Content-Type"] == "application/manifest+json"
        assert manifest["name"] == "Literasi Desa"
        assert manifest["lang"] == "id"
        assert manifest["start_url"] == "/kursus/saya/"
        assert manifest["display"] == "standalone"
        assert manifest["theme_color"] == "#0b6e4f"
        icons = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
        assert icons == {
            ("192x192", "any"),
            ("512x512", "any"),
            ("512x512", "maskable"),
        }
        for icon in manifest["icons"]:
            assert finders.find(icon["src"].removeprefix("/static/"))

    def test_the_service_worker_is_served_from_the_root_and_always_checked(
        self, client, db
    ):
        response = client.get("/sw.js")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/javascript")
        assert response["Service-Worker-Allowed"] == "/"
        assert "no-cache" in response["Cache-Control"]
        assert b'addEventListener("fetch"' in b"".join(response)

    def test_pages_link_the_manifest_and_the_policy_allows_it_and_the_worker(
        self, operator_client, course
    ):
        response = operator_client.get(reverse("courses:my_courses"))
        html = response.content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        policy = response["Content-Security-Policy"]
        assert "manifest-src 'self'" in policy
        assert "worker-src 'self'" in policy
        assert "script-src 'self';" in policy

    def test_the_save_button_is_hidden_until_the_script_shows_it(
        self, operator_client, operator, course
    ):
        """Without JavaScript nothing offers to save: the box is `hidden`."""
        html = operator_client.get(course.url).content.decode()
        assert f'<meta name="ld-user" content="{operator.pk}">' in html
        assert (
            f'<div class="offline-save" hidden data-offline-course="'
            f'{reverse("courses:offline", args=[course.pk])}"' in html
        )
        assert "Simpan untuk dibaca offline" in html

    def test_an_anonymous_page_names_no_user(self, client, course):
        assert 'name="ld-user"' not in client.get(course.url).content.decode()


class TestOfflineJson:
    def test_lists_the_course_page_and_every_live_lesson_with_its_revision(
        self, operator_client, operator, course
    ):
        lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
        revision = lesson.save_revision()
        revision.publish()
        bundle = offline_json(operator_client, course).json()
        assert bundle["user"] == operator.pk
        urls = [p["url"] for p in bundle["pages"]]
        lessons = LessonPage.objects.descendant_of(course).order_by("path")
        assert urls == [course.url, *(x.url for x in lessons)]
        first = next(p for p in bundle["pages"] if p["url"] == lesson.url)
        assert first["revision"] == revision.pk
        assert first["published_at"]
        assert all(p["size"] > 0 for p in bundle["pages"])
        assets = {a["url"]: a["size"] for a in bundle["assets"]}
        assert "/static/css/site.css" in assets and assets["/static/css/site.css"] > 0
        # No quiz: its questions and answers stay on the server.
        quiz = QuizPage.objects.descendant_of(course).first()
        assert quiz.url not in urls

    def test_lists_the_renditions_a_lesson_shows_with_their_sizes(
        self, operator_client, course
    ):
        image = Image.objects.create(title="Foto", file=get_test_image_file())
        lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
        lesson.body = [("image", {"image": image, "caption": "Balai desa"})]
        lesson.save_revision().publish()
        bundle = offline_json(operator_client, course).json()
        assert len(bundle["images"]) == 1
        candidates = bundle["images"][0]
        assert [c["width"] for c in candidates] == sorted(
            c["width"] for c in candidates
        )
        for candidate in candidates:
            assert candidate["url"].startswith("/media/images/")
            assert candidate["size"] > 0
        size = offline_download_size(bundle)
        assert size["files"] == len(bundle["pages"]) + len(bundle["assets"]) + 1

    def test_a_visitor_must_sign_in(self, client, course):
        response = offline_json(client, course)
        assert response.status_code == 401
        assert response.json()["error"]

    def test_a_course_for_another_audience_is_not_found(self, operator_client, portal):
        kim_only = build_course(title="Khusus KIM", modules=1, audience="kim")
        response = offline_json(operator_client, kim_only)
        assert response.status_code == 404
        assert "pages" not in response.json()

    def test_missing_prerequisites_are_named_and_nothing_is_listed(
        self, operator_client, course, portal
    ):
        later = build_course(title="Lanjutan", modules=1, prerequisites=[course])
        response = offline_json(operator_client, later)
        assert response.status_code == 403
        assert "Dasar" in response.json()["error"]
        assert "pages" not in response.json()

    def test_listing_a_course_takes_a_bounded_number_of_queries(
        self, operator_client, course, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(20):
            offline_json(operator_client, course)


class TestLateAnswerFromTheQuizScript:
    def test_an_answer_after_the_time_limit_is_refused_with_the_reason(
        self, operator_client, portal
    ):
        """The phone sends an answer kept offline after the server's deadline: it
        is refused in JSON, saying why, and the attempt is graded without it."""
        course = build_course(
            title="Berwaktu", modules=1, quiz_options={"time_limit_minutes": 1}
        )
        quiz = QuizPage.objects.descendant_of(course).get()
        operator_client.post(reverse("courses:start_quiz", args=[quiz.pk]))
        attempt = QuizAttempt.objects.get(quiz=quiz)
        QuizAttempt.objects.filter(pk=attempt.pk).update(
            deadline=timezone.now() - timedelta(seconds=5)
        )
        question = attempt.snapshot[0]
        response = operator_client.post(
            reverse("courses:question", args=[attempt.pk, 1]),
            {"question_id": question["id"], "answer": correct_form_values(question)},
            headers={"x-requested-with": "fetch"},
        )
        assert response.status_code == 409
        assert response.json() == {
            "saved": False,
            "error": "Waktu habis. Percobaan ini dinilai berdasarkan jawaban yang "
            "tersimpan sebelum batas waktu.",
        }
        assert not QuizAnswer.objects.exists()

    def test_the_same_answer_sent_twice_is_kept_once(self, operator_client, course):
        """A reply lost on the way makes the phone send again: still one answer."""
        quiz = QuizPage.objects.descendant_of(course).order_by("path").first()
        operator_client.post(reverse("courses:start_quiz", args=[quiz.pk]))
        attempt = QuizAttempt.objects.get(quiz=quiz)
        question = attempt.snapshot[0]
        for _ in range(2):
            response = operator_client.post(
                reverse("courses:question", args=[attempt.pk, 1]),
                {
                    "question_id": question["id"],
                    "answer": correct_form_values(question),
                },
                headers={"x-requested-with": "fetch"},
            )
            assert response.json() == {"saved": True, "error": None}
        assert QuizAnswer.objects.filter(attempt=attempt).count() == 1


class TestSignOut:
    def test_signing_out_clears_the_browsers_storage(self, client, operator):
        client.force_login(operator)
        response = client.post(reverse("accounts:logout"))
        assert response["Clear-Site-Data"] == '"cache", "storage"'
        assert "_auth_user_id" not in client.session


def test_another_users_offline_json_names_them(client, course):
    """The list names whose it is; the service worker keeps it under that user."""
    budi = OperatorFactory(region_code="19.06.01.2012")
    client.force_login(budi)
    assert offline_json(client, course).json()["user"] == budi.pk
