"""The notices arrive from the real flows (not only from a signal sent by hand):
a trainer invites a desa, a trainer grants an attempt, an operator renews."""

import datetime as dt

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import expire_certificates
from courses import services as course_services
from courses.factories import answer_all, build_course, finish_course, wrong_form_values
from courses.models import CoursePage, QuizPage
from courses.selectors import course_outline
from notifications.models import Notice
from workshops.factories import build_workshop
from workshops.services import invite_desa


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def notices(user, kind):
    return list(Notice.objects.filter(recipient=user, kind=kind))


def test_inviting_a_desa_tells_its_operator_once_with_the_venue(
    operator, other_operator, trainer, smtp_server, django_capture_on_commit_callbacks
):
    workshop = build_workshop(actor=trainer, day=timezone.localdate() + dt.timedelta(7))
    with django_capture_on_commit_callbacks(execute=True):
        invite_desa(actor=trainer, workshop=workshop, desa=[operator.region])
        # The trainer presses "Undang" again: nobody hears twice.
        invite_desa(actor=trainer, workshop=workshop, desa=[operator.region])

    [notice] = notices(operator, Notice.Kind.WORKSHOP_INVITATION)
    assert notice.url == "/lokakarya/undangan/"
    assert "Aula Manggar" in notice.body
    assert not Notice.objects.filter(recipient=other_operator).exists()
    assert [m["to"][0] for m in smtp_server.received] == [operator.email]
    assert "Undangan: Lokakarya Uji" in smtp_server.received[0]["subject"]


def test_a_granted_attempt_reaches_the_operator_with_the_reason(
    operator, trainer, portal
):
    course = build_course(
        title="Kuis Sekali",
        modules=1,
        lessons_per_module=1,
        quiz_options={"max_attempts": 1},
    )
    quiz = QuizPage.objects.descendant_of(course).get()
    attempt = course_services.start_attempt(operator=operator, quiz=quiz)
    answer_all(operator, attempt, values=wrong_form_values)
    course_services.submit_attempt(operator=operator, attempt=attempt)

    course_services.grant_extra_attempt(
        actor=trainer, operator=operator, quiz=quiz, reason="Sinyal putus."
    )

    [notice] = notices(operator, Notice.Kind.EXTRA_ATTEMPT)
    assert "Sinyal putus." in notice.body
    assert notice.url == quiz.get_url()


def test_renewal_tells_the_operator_of_the_new_certificate(operator, portal):
    course = build_course(
        title="Keamanan Akun",
        modules=1,
        lessons_per_module=1,
        renewal_mode=CoursePage.RenewalMode.RETAKE,
    )
    finish_course(operator, course)
    old = Certificate.objects.get(operator=operator, course=course)
    expire_certificates(today=old.valid_until + dt.timedelta(days=1))
    assert notices(operator, Notice.Kind.CERTIFICATE_EXPIRED)

    course_services.start_renewal(operator=operator, course=course)
    for quiz in course_outline(course).quizzes:
        attempt = course_services.start_attempt(operator=operator, quiz=quiz)
        answer_all(operator, attempt)
        course_services.submit_attempt(operator=operator, attempt=attempt)

    new = Certificate.objects.get(operator=operator, course=course, renews=old)
    issued = notices(operator, Notice.Kind.CERTIFICATE_ISSUED)
    assert sorted(n.key for n in issued) == sorted(
        [f"cert-issued:{old.pk}", f"cert-issued:{new.pk}"]
    )
    assert any(new.number in n.body for n in issued)
