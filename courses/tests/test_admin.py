import pytest
from django.urls import reverse

from accounts.services import assign_role_groups
from courses.factories import build_course
from courses.models import LessonPage, ModulePage, QuizPage

# Every test gets the database through the shared world's fixtures (conftest.py).


@pytest.fixture
def course(portal):
    """A course of Belitung Timur's own."""
    return build_course(
        title="Dasar", modules=1, lessons_per_module=1, owner_kabupaten=portal.region
    )


class TestCourseEditing:
    def test_diskominfo_admin_edits_courses_lessons_and_quizzes(
        self, client, course, beltim_admin
    ):
        """The course, lesson and quiz editors of its own courses open for a
        Diskominfo admin."""
        assign_role_groups(user=beltim_admin)
        client.force_login(beltim_admin)
        module = ModulePage.objects.child_of(course).get()
        for page in (course, LessonPage.objects.get(), QuizPage.objects.get()):
            response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            assert response.status_code == 200, page
        add_quiz = client.get(
            reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
        )
        assert add_quiz.status_code == 200

    def test_operator_cannot_edit_courses(self, client, course, operator):
        """An operator is turned away from the course editor."""
        assign_role_groups(user=operator)
        client.force_login(operator)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
        assert response.status_code in (302, 403)
        assert "Ringkasan Dasar" not in response.content.decode()
