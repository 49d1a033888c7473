"""What the readiness tests build on top of the shared world: a course whose
certificate carries publishing rights, and ways to train, certify and publish."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services as course_services
from courses.factories import build_course, correct_form_values
from courses.models import CoursePage
from courses.selectors import course_outline
from portal.models import PublishEvent
from readiness.services import refresh_desa_summary
from regions.models import Region


def finish_course(operator, course):
    """Every lesson done and every quiz passed, through the learning services."""
    outline = course_outline(course)
    for lesson in outline.lessons:
        course_services.complete_lesson(operator=operator, lesson=lesson)
    for quiz in outline.quizzes:
        attempt = course_services.start_attempt(operator=operator, quiz=quiz)
        for question in attempt.snapshot:
            course_services.save_answer(
                operator=operator,
                attempt=attempt,
                question_id=question["id"],
                raw=correct_form_values(question),
            )
        course_services.submit_attempt(operator=operator, attempt=attempt)


def build_rights_course(title="Operator Website Desa"):
    """A one-lesson course whose completion certifies the operator to publish."""
    course = build_course(title=title, modules=1, lessons_per_module=1)
    CoursePage.objects.filter(pk=course.pk).update(grants_publishing_rights=True)
    course.refresh_from_db()
    return course


@pytest.fixture(autouse=True)
def _summaries_refreshed(readiness_refreshed_at_once):
    """These tests read the summaries right after each event (see the fixture)."""


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def course(world):
    """The course that makes an operator trained and, on completion, certified."""
    return build_rights_course()


@pytest.fixture
def publish(now):
    """Record a publish in a desa `days` before `now` and refresh its summary."""

    def record(code, *, days):
        desa = Region.objects.get(code=code)
        PublishEvent.objects.create(
            desa=desa, page_title="Kabar desa", published_at=now - timedelta(days=days)
        )
        refresh_desa_summary(desa_id=desa.pk)

    return record
