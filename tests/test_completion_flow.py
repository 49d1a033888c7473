"""The central flow: the operator completes the last lesson → the course is complete →
a certificate is issued → publishing rights → the desa's readiness summary."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse

from certificates.models import Certificate
from courses import services
from courses.factories import build_course
from courses.models import CoursePage, Enrollment, LessonPage
from readiness.models import DesaSummary

# Queries of the lesson-completion POST that completes a course; it was 84 when the
# flow went through hook lists and refreshed the desa summary twice. 78 before
# the look-up of renewal rounds the lesson's course may complete (+1) and the
# "certificate issued" notice: +5 to write it (the notice in a savepoint, the
# user's channels, the email delivery) and +4 for the email task, which the test
# settings run at once and production leaves to the worker. +1 since issuing closes
# the operator's renewal round of the course left open, if any (one UPDATE).
COMPLETION_POST_QUERIES = 89


@pytest.fixture
def course(portal):
    course = build_course(title="Dasar", modules=2, lessons_per_module=2)
    # Lessons only, so that the last lesson is the last requirement.
    CoursePage.objects.filter(pk=course.pk).update(
        requires_quizzes_passed=False, grants_publishing_rights=True
    )
    course.refresh_from_db()
    return course


def test_last_lesson_completes_course_certifies_and_refreshes_readiness_once(
    client,
    operator,
    desa_page,
    course,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    """One POST on the last lesson: course complete, certificate valid, the operator
    may publish on the desa page, and the desa summary counts them as certified."""
    *first, last = LessonPage.objects.descendant_of(course).order_by("path")
    for lesson in first:
        services.complete_lesson(operator=operator, lesson=lesson)
    client.force_login(operator)
    # Counted from cold caches, whatever ran before.
    ContentType.objects.clear_cache()
    cache.clear()

    with (
        django_assert_num_queries(COMPLETION_POST_QUERIES),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("courses:complete_lesson", args=[last.pk]))

    assert response.status_code == 302
    assert Enrollment.objects.get(operator=operator, course=course).completed_at
    assert Certificate.objects.get(operator=operator, course=course).status == "valid"
    assert desa_page.permissions_for_user(operator).can_publish()
    summary = DesaSummary.objects.get(desa_id=operator.region_id)
    assert (summary.operators_trained, summary.operators_certified) == (1, 1)
