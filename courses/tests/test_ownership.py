"""Who writes which course, and learning history that outlives no page.

A shared course (no owner kabupaten) is written by the national course team; a
kabupaten's own course by its Diskominfo admins. A page under which operators
studied cannot be deleted by anyone; its owner unpublishes it instead.
"""

import pytest
from django.contrib.messages import get_messages
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.factories import UserFactory
from accounts.models import User
from courses.factories import build_course
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    QuizAttempt,
    QuizPage,
)
from courses.services import complete_lesson, start_attempt

QUESTION = {
    "type": "true_false",
    "value": {
        "question": "Kata sandi boleh dibagikan di grup WhatsApp.",
        "explanation": "Jangan pernah.",
        "answer": False,
    },
}


@pytest.fixture
def shared_course(portal):
    """The starter course every kabupaten uses."""
    return build_course(
        title="Kursus Bersama", modules=1, lessons_per_module=1, questions=[QUESTION]
    )


@pytest.fixture
def beltim_course(portal):
    """A course Diskominfo Belitung Timur wrote for its own operators."""
    return build_course(
        title="Kursus Beltim",
        modules=1,
        lessons_per_module=1,
        questions=[QUESTION],
        owner_kabupaten=portal.region,
    )


@pytest.fixture
def course_team(regions):
    return UserFactory(username="tim.kursus", role=User.Role.COURSE_TEAM)


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def quiz_of(course):
    return QuizPage.objects.descendant_of(course).get()


def lesson_of(course):
    return LessonPage.objects.descendant_of(course).get()


def quiz_form(quiz, *, answer):
    """What the page editor posts to publish the quiz with another answer key."""
    return nested_form_data(
        {
            "title": quiz.title,
            "slug": quiz.slug,
            "intro": "",
            "pass_mark": 70,
            "show_answers": "after_attempt",
            "grading": "highest",
            "questions": streamfield(
                [
                    (
                        "true_false",
                        {
                            "question": QUESTION["value"]["question"],
                            "explanation": "Jangan pernah.",
                            **({"answer": "on"} if answer else {}),
                        },
                    )
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def live_answer(quiz):
    quiz = QuizPage.objects.get(pk=quiz.pk)
    return quiz.questions[0].value["answer"]


def edit(user, page):
    return signed_in(user).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def post_quiz(user, quiz, *, answer):
    return signed_in(user).post(
        reverse("wagtailadmin_pages:edit", args=[quiz.pk]),
        quiz_form(quiz, answer=answer),
    )


def unpublish(user, page):
    return signed_in(user).post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))


def delete(user, page):
    return signed_in(user).post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def denied(response):
    """Wagtail's denial: back to the dashboard with a permission message."""
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


class TestSharedCourses:
    def test_diskominfo_cannot_open_any_editor_of_a_shared_course(
        self, shared_course, beltim_admin
    ):
        """Course, module, lesson and quiz: no editor, no delete, no unpublish."""
        browser = signed_in(beltim_admin)
        module = ModulePage.objects.child_of(shared_course).get()
        for page in (shared_course, module, lesson_of(shared_course)):
            for view in ("edit", "delete", "unpublish", "move", "copy"):
                url = reverse(f"wagtailadmin_pages:{view}", args=[page.pk])
                assert denied(browser.get(url)), (view, page)
        add_module = reverse(
            "wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk]
        )
        assert denied(browser.get(add_module))

    def test_diskominfo_cannot_change_the_answer_key_of_a_shared_quiz(
        self, shared_course, beltim_admin
    ):
        """The POST changes neither the live quiz nor its latest revision."""
        quiz = quiz_of(shared_course)
        revision = quiz.latest_revision_id

        response = post_quiz(beltim_admin, quiz, answer=True)

        assert denied(response)
        assert live_answer(quiz) is False
        assert QuizPage.objects.get(pk=quiz.pk).latest_revision_id == revision

    def test_diskominfo_cannot_unpublish_or_delete_a_shared_course(
        self, shared_course, beltim_admin
    ):
        """The course stays live, with everything in it."""
        assert denied(unpublish(beltim_admin, shared_course))
        assert denied(delete(beltim_admin, lesson_of(shared_course)))
        assert denied(delete(beltim_admin, shared_course))

        assert CoursePage.objects.live().filter(pk=shared_course.pk).exists()
        assert LessonPage.objects.descendant_of(shared_course).live().count() == 1

    def test_diskominfo_cannot_rename_or_reorder_the_course_index(
        self, shared_course, beltim_admin
    ):
        """The index every kabupaten shares is the course team's; Diskominfo only
        adds courses to it."""
        index = CourseIndexPage.objects.get()
        browser = signed_in(beltim_admin)
        assert denied(edit(beltim_admin, index))
        add_course = reverse(
            "wagtailadmin_pages:add", args=["courses", "coursepage", index.pk]
        )
        assert browser.get(add_course).status_code == 200

    def test_the_course_team_changes_the_answer_key_of_a_shared_quiz(
        self, shared_course, course_team
    ):
        quiz = quiz_of(shared_course)

        response = post_quiz(course_team, quiz, answer=True)

        assert response.status_code == 302
        assert live_answer(quiz) is True

    def test_a_superuser_changes_the_answer_key_of_a_shared_quiz(
        self, shared_course, superuser
    ):
        quiz = quiz_of(shared_course)

        post_quiz(superuser, quiz, answer=True)

        assert live_answer(quiz) is True


class TestKabupatenCourses:
    def test_diskominfo_changes_and_unpublishes_its_own_course(
        self, beltim_course, beltim_admin
    ):
        quiz = quiz_of(beltim_course)

        post_quiz(beltim_admin, quiz, answer=True)
        unpublish(beltim_admin, beltim_course)

        assert live_answer(quiz) is True
        assert not CoursePage.objects.get(pk=beltim_course.pk).live

    def test_another_kabupaten_cannot_touch_it(self, beltim_course, banjarnegara_admin):
        """Diskominfo Banjarnegara: no editor, and its POSTs change nothing."""
        quiz = quiz_of(beltim_course)

        assert denied(edit(banjarnegara_admin, beltim_course))
        assert denied(post_quiz(banjarnegara_admin, quiz, answer=True))
        assert denied(unpublish(banjarnegara_admin, beltim_course))
        assert denied(delete(banjarnegara_admin, lesson_of(beltim_course)))

        assert live_answer(quiz) is False
        assert CoursePage.objects.get(pk=beltim_course.pk).live
        assert LessonPage.objects.descendant_of(beltim_course).exists()

    def test_the_course_team_leaves_a_kabupaten_course_to_its_owner(
        self, beltim_course, course_team
    ):
        assert denied(edit(course_team, beltim_course))

    def test_diskominfo_cannot_make_its_course_shared(
        self, beltim_course, beltim_admin
    ):
        """The owner field is not theirs to change: a POST without it (or with
        another kabupaten) keeps the course Belitung Timur's."""
        response = edit(beltim_admin, beltim_course)
        form = response.context["form"]

        assert form.fields["owner_kabupaten"].disabled
        assert form["owner_kabupaten"].value() == beltim_course.owner_kabupaten_id

    def test_a_new_course_of_diskominfo_belongs_to_its_kabupaten(
        self, shared_course, portal, beltim_admin
    ):
        """Whatever the form says, the course is the kabupaten's."""
        index = shared_course.get_parent()
        url = reverse(
            "wagtailadmin_pages:add", args=["courses", "coursepage", index.pk]
        )

        response = signed_in(beltim_admin).post(
            url,
            nested_form_data(
                {
                    "title": "Menulis Berita Desa",
                    "slug": "menulis-berita-desa",
                    "owner_kabupaten": "",
                    "summary": "Menulis berita desa yang baik.",
                    "audience": "operator",
                    "level": "dasar",
                    "duration_minutes": 60,
                    "renewal_mode": "none",
                    "renewal_window_days": 60,
                    "tags": "",
                    "comments": inline_formset([]),
                }
            ),
        )

        assert response.status_code == 302
        course = CoursePage.objects.get(slug="menulis-berita-desa")
        assert course.owner_kabupaten == portal.region


class TestLearningHistoryIsKept:
    def test_a_quiz_with_attempts_cannot_be_deleted_even_by_a_superuser(
        self, shared_course, operator, superuser
    ):
        """Wagtail says why, in Indonesian, and the attempt stays."""
        quiz = quiz_of(shared_course)
        attempt = start_attempt(operator=operator, quiz=quiz)

        response = delete(superuser, quiz)

        assert response.status_code == 302
        said = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("tidak dapat dihapus" in m for m in said), said
        assert QuizPage.objects.filter(pk=quiz.pk).exists()
        assert QuizAttempt.objects.filter(pk=attempt.pk).exists()

    def test_its_module_and_course_cannot_be_deleted_either(
        self, beltim_course, operator, beltim_admin, superuser
    ):
        """Deleting a page deletes what is below it, so the refusal covers it."""
        attempt = start_attempt(operator=operator, quiz=quiz_of(beltim_course))
        module = ModulePage.objects.child_of(beltim_course).get()

        delete(superuser, module)
        delete(superuser, beltim_course)

        assert ModulePage.objects.filter(pk=module.pk).exists()
        assert QuizAttempt.objects.filter(pk=attempt.pk).exists()

    def test_bulk_delete_is_refused_too(self, shared_course, operator, superuser):
        lesson = lesson_of(shared_course)
        complete_lesson(operator=operator, lesson=lesson)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

        response = signed_in(superuser).post(f"{url}?id={lesson.pk}")

        assert response.status_code == 302
        said = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("tidak dapat dihapus" in m for m in said), said
        assert LessonPage.objects.filter(pk=lesson.pk).exists()

    def test_the_admin_api_refuses_too(self, shared_course, operator, superuser):
        quiz = quiz_of(shared_course)
        attempt = start_attempt(operator=operator, quiz=quiz)
        url = reverse("wagtailadmin_api:pages:action", args=[quiz.pk, "delete"])

        response = signed_in(superuser).post(url, content_type="application/json")

        assert response.status_code == 400
        assert QuizAttempt.objects.filter(pk=attempt.pk).exists()

    def test_the_database_keeps_history_whatever_deletes_the_page(
        self, shared_course, operator
    ):
        """The last line: deleting outside the admin fails rather than cascading."""
        quiz = quiz_of(shared_course)
        start_attempt(operator=operator, quiz=quiz)

        with pytest.raises(ProtectedError):
            quiz.delete()

    def test_the_owner_unpublishes_a_course_with_attempts(
        self, beltim_course, operator, beltim_admin
    ):
        attempt = start_attempt(operator=operator, quiz=quiz_of(beltim_course))

        unpublish(beltim_admin, beltim_course)

        assert not CoursePage.objects.get(pk=beltim_course.pk).live
        assert QuizAttempt.objects.filter(pk=attempt.pk).exists()

    def test_a_page_nobody_studied_is_deleted_by_its_owner(
        self, beltim_course, beltim_admin
    ):
        lesson = lesson_of(beltim_course)

        delete(beltim_admin, lesson)

        assert not LessonPage.objects.filter(pk=lesson.pk).exists()


class TestCourseTeamRole:
    def test_a_superuser_makes_someone_a_course_team_member(
        self, shared_course, superuser
    ):
        """Wagtail's user screen sets the role; the member then writes shared
        courses."""
        browser = signed_in(superuser)
        response = browser.post(
            reverse("wagtailusers_users:add"),
            {
                "username": "ratna.kusuma",
                "email": "ratna@contoh.go.id",
                "first_name": "Ratna",
                "last_name": "Kusuma",
                "password1": "kata-sandi-panjang-2026",
                "password2": "kata-sandi-panjang-2026",
                "role": User.Role.COURSE_TEAM,
                "region": "",
                "is_active": "on",
            },
        )

        assert response.status_code == 302
        member = User.objects.get(username="ratna.kusuma")
        assert member.role == User.Role.COURSE_TEAM
        assert edit(member, quiz_of(shared_course)).status_code == 200
