"""axe-core on every learner and public page, in Chromium at 360×640.

No serious or critical violation is allowed (lms/testing/axe.py). axe runs inside
the page, so these pages are opened with JavaScript on.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.factories import OperatorFactory, TrainerFactory
from certificates.services import issue_certificate
from courses import services as course_services
from courses.factories import answer_all, wrong_form_values
from courses.models import LessonPage, QuizPage, Renewal
from desk.models import HelpRequest
from desk.services import open_help_request
from lms.management.commands.load_demo import Command as LoadDemo
from lms.testing.axe import describe, violations
from portal.factories import NewsPageFactory, PotensiPageFactory, ProgressPageFactory
from portal.models import DesaPage, KecamatanPage, PortalHomePage
from portal.services import setup_portal
from regions.services import import_regions_from_lokal
from workshops.factories import build_workshop
from workshops.services import workshops as workshop_services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "sandi-rahasia-2026"


def take(operator, quiz, values=None):
    attempt = course_services.start_attempt(operator=operator, quiz=quiz)
    if values is None:
        answer_all(operator, attempt)
    else:
        answer_all(operator, attempt, values)
    return course_services.submit_attempt(operator=operator, attempt=attempt)


@pytest.fixture
def learner_world():
    """An operator half-way through the starter course: its first quiz failed then
    passed, the second one open, a certificate, and a question at the help desk;
    their desa publishes a berita, a potensi and a progres pembangunan."""
    cache.clear()
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")
    course = LoadDemo().make_course()
    desa = DesaPage.objects.get(region__code="19.06.02.2003")
    content = [
        factory(parent=desa)
        for factory in (NewsPageFactory, PotensiPageFactory, ProgressPageFactory)
    ]
    operator = OperatorFactory(
        region_code="19.06.02.2003", phone="+6281219060203", password=PASSWORD
    )
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    first_quiz, second_quiz, *_rest = QuizPage.objects.descendant_of(course).order_by(
        "path"
    )
    course_services.complete_lesson(operator=operator, lesson=lessons[0], course=course)
    failed = take(operator, first_quiz, wrong_form_values)
    passed = take(operator, first_quiz)
    open_attempt = course_services.start_attempt(operator=operator, quiz=second_quiz)
    certificate = issue_certificate(operator=operator, course=course)
    renewal = Renewal.objects.create(
        operator=operator, course=course, mode=Renewal.Mode.RETAKE
    )
    help_request = open_help_request(
        operator=operator,
        topic=HelpRequest.Topic.PHOTO,
        subject="Foto tidak muncul",
        body="Foto kegiatan tidak muncul di berita desa. Bagaimana caranya?",
    )
    invite_to_workshops(operator)
    return {
        "course": course,
        "lessons": lessons,
        "content": content,
        "quiz": second_quiz,
        "failed": failed,
        "passed": passed,
        "open_attempt": open_attempt,
        "certificate": certificate,
        "renewal": renewal,
        "help_request": help_request,
    }


def invite_to_workshops(operator):
    """One workshop coming up and one attended, for Undangan lokakarya saya."""
    trainer = TrainerFactory(region_code="19.06")
    today = timezone.localdate()
    for day in (today + dt.timedelta(days=3), today - dt.timedelta(days=30)):
        workshop = build_workshop(actor=trainer, day=day)
        workshop_services.invite(
            actor=trainer, workshop=workshop, desa=[operator.region]
        )
    workshop_services.tick_attendance(
        actor=trainer,
        session=workshop.invitations.get(operator=operator).session,
        operator=operator,
    )


def public_pages(world):
    desa = DesaPage.objects.get(region__code="19.06.02.2003")
    return [
        "/",
        reverse("accounts:login"),
        reverse("certificates:lookup"),
        reverse("certificates:lookup") + "?kode=ZZZZ-ZZZZ",  # not found
        reverse("certificates:verify", args=[world["certificate"].token]),
        PortalHomePage.objects.get().url,
        KecamatanPage.objects.get(region__code="19.06.02").url,
        desa.url,
        *(page.url for page in world["content"]),
        "/halaman-yang-tidak-ada/",
    ]


def operator_pages(world):
    attempt = world["open_attempt"]
    return [
        "/",
        reverse("courses:my_courses"),
        reverse("workshops:my_invitations"),
        world["course"].url,
        *(lesson.url for lesson in world["lessons"]),
        world["quiz"].url,
        reverse("courses:question", args=[attempt.pk, 1]),
        reverse("courses:review", args=[attempt.pk]),
        reverse("courses:result", args=[world["failed"].pk]),
        reverse("courses:result", args=[world["passed"].pk]),
        reverse("courses:renewal", args=[world["renewal"].pk]),
        reverse("desk:index"),
        reverse("desk:open"),
        reverse("desk:thread", args=[world["help_request"].pk]),
        reverse("accounts:password_change"),
        reverse("accounts:name_change"),
        reverse("notifications:index"),
        reverse("notifications:preferences"),
        "/halaman-yang-tidak-ada/",
        reverse("courses:progress_table"),  # 403 for an operator
    ]


def check(page, base, paths):
    """Open every path and return axe's serious findings, described."""
    findings = []
    for path in paths:
        page.goto(f"{base}{path}")
        found = violations(page)
        if found:
            findings.append(describe(found, url=path))
    return findings


def test_learner_and_public_pages_have_no_serious_accessibility_violations(
    live_server, browser, learner_world
):
    """Home, sign-in, certificate check, portal, 404 (visitor) and every learning,
    desk and account page (operator): 0 serious or critical axe violations."""
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=True
    )
    page = context.new_page()
    findings = check(page, live_server.url, public_pages(learner_world))

    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("#id_username", "0812-1906-0203")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/akun/masuk/" not in page.url, "the operator could not sign in"
    findings += check(page, live_server.url, operator_pages(learner_world))

    assert not findings, "axe-core found accessibility violations:\n" + "\n".join(
        findings
    )
