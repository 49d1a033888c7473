"""Renewing a certificate: a refresher course or the course's quizzes taken again
earns a new certificate, the old one keeps its history, rights come back."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import User
from certificates import services as certificate_services
from certificates.models import Certificate
from certificates.services import expire_certificates, revoke_certificate
from certificates.signals import certificate_issued
from courses import services as course_services
from courses.factories import (
    answer_all,
    build_course,
    finish_course,
    wrong_form_values,
)
from courses.models import CoursePage, Renewal
from courses.selectors import course_outline

RENEW_BUTTON = "Perbarui sertifikat"


def can_publish(page, user):
    return page.permissions_for_user(User.objects.get(pk=user.pk)).can_publish()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def operator_client(operator):
    browser = Client()
    browser.force_login(operator)
    return browser


@pytest.fixture
def refresher(portal):
    return build_course(title="Penyegaran Operator", modules=1, lessons_per_module=1)


@pytest.fixture
def course(refresher):
    """A rights-carrying course renewed through the refresher course."""
    return build_course(
        title="Operator Website Desa",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
        renewal_mode=CoursePage.RenewalMode.REFRESHER,
        renewal_course=refresher,
    )


@pytest.fixture
def retake_course(portal):
    """A course renewed by passing its quizzes again; one attempt per quiz."""
    return build_course(
        title="Keamanan Akun",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
        quiz_options={"max_attempts": 1},
        renewal_mode=CoursePage.RenewalMode.RETAKE,
    )


def certified(operator, course):
    """The operator finishes the course; the certificate comes automatically."""
    finish_course(operator, course)
    return Certificate.objects.get(
        operator=operator, course=course, status=Certificate.Status.VALID
    )


def expired(certificate):
    expire_certificates(today=certificate.valid_until + timedelta(days=1))
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.EXPIRED
    return certificate


def expiring_in(certificate, days):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() + timedelta(days=days)
    )
    certificate.refresh_from_db()
    return certificate


def my_courses(client):
    return client.get(reverse("courses:my_courses")).content.decode()


def start(client, course):
    return client.post(reverse("courses:start_renewal", args=[course.pk]))


def pass_quizzes(operator, course):
    for quiz in course_outline(course).quizzes:
        attempt = course_services.start_attempt(operator=operator, quiz=quiz)
        answer_all(operator, attempt)
        course_services.submit_attempt(operator=operator, attempt=attempt)


class TestRenewThroughRefresher:
    def test_expired_operator_renews_and_gets_rights_back(
        self, operator, operator_client, course, refresher, desa_page, client
    ):
        """After the refresher, a new certificate renews the expired one, publishing
        comes back, and both verification pages tell the story."""
        old = expired(certified(operator, course))
        assert not can_publish(desa_page, operator)
        page = my_courses(operator_client)
        assert RENEW_BUTTON in page
        since = (old.valid_until + timedelta(days=1)).strftime("%-d")
        assert f"kedaluwarsa sejak {since}" in page

        response = start(operator_client, course)
        renewal = Renewal.objects.get(operator=operator, course=course)
        assert response.url == reverse("courses:renewal", args=[renewal.pk])
        assert refresher.title in operator_client.get(response.url).content.decode()
        issued = []
        certificate_issued.connect(
            lambda sender, certificate, **kw: issued.append(certificate),
            weak=False,
            dispatch_uid="test_renewal_issued",
        )
        try:
            finish_course(operator, refresher)
        finally:
            certificate_issued.disconnect(dispatch_uid="test_renewal_issued")

        new = Certificate.objects.get(
            operator=operator, course=course, status=Certificate.Status.VALID
        )
        old.refresh_from_db()
        renewal.refresh_from_db()
        assert new.renews == old and new.number != old.number
        assert new in issued
        assert old.status == Certificate.Status.EXPIRED
        assert new.valid_until > timezone.localdate()
        assert renewal.completed_at is not None
        assert can_publish(desa_page, operator)
        assert ModelLogEntry.objects.filter(
            action="literasi.certificate.renew", object_id=str(new.pk)
        ).exists()
        new_page = client.get(f"/sertifikat/v/{new.token}/").content.decode()
        old_page = client.get(f"/sertifikat/v/{old.token}/").content.decode()
        assert "Sertifikat ini asli dan berlaku." in new_page
        assert f"Sertifikat {old.number}" in new_page
        assert "masa berlakunya sudah habis" in old_page
        assert f"dengan sertifikat {new.number}" in old_page
        page = my_courses(operator_client)
        assert RENEW_BUTTON not in page
        assert reverse("certificates:download", args=[new.pk]) in page

    def test_lessons_read_before_the_round_count_but_quizzes_do_not(
        self, operator, operator_client, course, refresher
    ):
        """A refresher taken before the round renews nothing until its quiz is
        passed again in the round."""
        finish_course(operator, refresher)
        expired(certified(operator, course))
        start(operator_client, course)

        assert not Certificate.objects.filter(
            operator=operator, course=course, status=Certificate.Status.VALID
        ).exists()
        pass_quizzes(operator, refresher)
        assert Certificate.objects.filter(
            operator=operator, course=course, status=Certificate.Status.VALID
        ).exists()

    def test_soon_expiring_certificate_renews_early_without_losing_rights(
        self, operator, operator_client, course, refresher, desa_page, monkeypatch
    ):
        """Renewing early ends the old certificate as renewed; the rights are never
        dropped in between."""
        old = expiring_in(certified(operator, course), 30)
        page = my_courses(operator_client)
        assert RENEW_BUTTON in page
        assert f"berlaku sampai {old.valid_until.day}" in page
        start(operator_client, course)

        def never(**kwargs):
            raise AssertionError("publishing rights were dropped")

        monkeypatch.setattr(certificate_services, "revoke_publishing_rights", never)
        finish_course(operator, refresher)

        old.refresh_from_db()
        new = Certificate.objects.get(
            operator=operator, course=course, status=Certificate.Status.VALID
        )
        assert old.status == Certificate.Status.RENEWED
        assert new.renews == old
        assert can_publish(desa_page, operator)

    def test_a_failure_while_renewing_changes_nothing(
        self, operator, operator_client, course, refresher, desa_page, monkeypatch
    ):
        """If anything fails, the old certificate stays valid, no new one exists,
        the rights stay and the round stays open."""
        old = expiring_in(certified(operator, course), 30)
        start(operator_client, course)

        def broken(**kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(certificate_services, "grant_publishing_rights", broken)
        with pytest.raises(RuntimeError):
            finish_course(operator, refresher)

        old.refresh_from_db()
        assert old.status == Certificate.Status.VALID
        assert Certificate.objects.filter(operator=operator, course=course).count() == 1
        assert Renewal.objects.get(operator=operator).completed_at is None
        assert can_publish(desa_page, operator)


class TestWhoMayRenew:
    def test_a_certificate_not_yet_in_the_window_has_no_button_and_post_is_refused(
        self, operator, operator_client, course
    ):
        """Renewal opens 60 days before expiry, not earlier."""
        expiring_in(certified(operator, course), 61)
        assert RENEW_BUTTON not in my_courses(operator_client)

        response = start(operator_client, course)

        assert response.url == reverse("courses:my_courses")
        assert not Renewal.objects.exists()
        assert "belum dapat diperbarui" in my_courses(operator_client)

    def test_a_revocation_refuses_renewal_with_a_sentence(
        self, operator, operator_client, course, gantung_admin
    ):
        """A revoked operator reads why on Kursus saya; starting is refused."""
        certificate = certified(operator, course)
        revoke_certificate(actor=gantung_admin, certificate=certificate, reason="Palsu")
        page = my_courses(operator_client)
        assert RENEW_BUTTON not in page
        assert "telah dicabut, sehingga tidak dapat diperbarui" in page

        start(operator_client, course)

        assert not Renewal.objects.exists()
        assert not Certificate.objects.filter(status=Certificate.Status.VALID).exists()

    def test_a_revocation_during_the_round_holds_back_the_new_certificate(
        self, operator, operator_client, course, refresher, gantung_admin
    ):
        """Revoked after starting: finishing the refresher issues nothing and the
        round stays open."""
        certificate = expiring_in(certified(operator, course), 30)
        start(operator_client, course)
        revoke_certificate(actor=gantung_admin, certificate=certificate, reason="Palsu")

        finish_course(operator, refresher)

        assert not Certificate.objects.filter(
            operator=operator, course=course, status=Certificate.Status.VALID
        ).exists()
        assert Renewal.objects.get(operator=operator).completed_at is None
        assert "telah dicabut" in my_courses(operator_client)

    def test_a_double_post_opens_one_round(self, operator, operator_client, course):
        """Two taps on the button: one round, both land on it."""
        expired(certified(operator, course))

        first, second = start(operator_client, course), start(operator_client, course)

        assert Renewal.objects.filter(operator=operator).count() == 1
        assert first.url == second.url

    def test_another_desas_operator_cannot_see_or_touch_the_round(
        self, operator, operator_client, other_operator, course, client
    ):
        """Budi of Mekar Jaya gets 404 on Siti's round and cannot start one of his
        own without a certificate."""
        expired(certified(operator, course))
        start(operator_client, course)
        renewal = Renewal.objects.get(operator=operator)
        client.force_login(other_operator)

        assert (
            client.get(reverse("courses:renewal", args=[renewal.pk])).status_code == 404
        )
        start(client, course)
        assert Renewal.objects.get().operator == operator


class TestRetakeMode:
    def test_with_one_attempt_the_quiz_can_be_taken_again_in_the_round(
        self, operator, operator_client, retake_course, desa_page
    ):
        """The attempt limit counts only attempts of the round."""
        old = expired(certified(operator, retake_course))
        quiz = course_outline(retake_course).quizzes[0]
        with pytest.raises(course_services.LearningError):
            course_services.start_attempt(operator=operator, quiz=quiz)

        start(operator_client, retake_course)
        page = operator_client.get(quiz.url).content.decode()
        assert "Mulai kuis" in page
        pass_quizzes(operator, retake_course)

        new = Certificate.objects.get(
            operator=operator, course=retake_course, status=Certificate.Status.VALID
        )
        assert new.renews == old
        assert can_publish(desa_page, operator)

    def test_the_quiz_page_asks_to_pass_again_during_the_round(
        self, operator, operator_client, retake_course, django_assert_num_queries
    ):
        """Siti passed the quiz long ago; in her round the page no longer says so: it
        asks her to pass it again, counts the round's attempts and leads back to
        the round. Once passed in the round, it says that."""
        expired(certified(operator, retake_course))
        quiz = course_outline(retake_course).quizzes[0]
        assert "Anda lulus kuis ini." in operator_client.get(quiz.url).content.decode()
        start(operator_client, retake_course)
        renewal = Renewal.objects.get(operator=operator)

        operator_client.get(quiz.url)  # the structure cached
        # As without a round: the round replaces the second read of the attempts.
        with django_assert_num_queries(12):
            page = operator_client.get(quiz.url).content.decode()

        assert "Anda lulus kuis ini." not in page
        assert (
            "Anda harus lulus kuis ini lagi untuk memperbarui sertifikat Keamanan Akun"
            " Anda." in page
        )
        assert "Anda masih punya 1 kali percobaan dalam pembaruan ini." in page
        assert "Mulai kuis" in page
        assert reverse("courses:renewal", args=[renewal.pk]) in page
        attempt = course_services.start_attempt(operator=operator, quiz=quiz)
        answer_all(operator, attempt, values=wrong_form_values)
        course_services.submit_attempt(operator=operator, attempt=attempt)
        page = operator_client.get(quiz.url).content.decode()
        assert "Anda masih punya 0 kali percobaan" in page
        assert "Anda sudah memakai semua kesempatan untuk kuis ini." in page

    def test_the_round_message_is_for_the_rounds_operator_only(
        self, operator, operator_client, other_operator, client, retake_course
    ):
        """Budi, who passed the same quiz and has no round, still reads that he
        passed it; Siti's round is not linked on his page."""
        expired(certified(operator, retake_course))
        certified(other_operator, retake_course)
        start(operator_client, retake_course)
        renewal = Renewal.objects.get(operator=operator)
        client.force_login(other_operator)

        page = client.get(course_outline(retake_course).quizzes[0].url)

        body = page.content.decode()
        assert "Anda lulus kuis ini." in body
        assert "untuk memperbarui sertifikat" not in body
        assert reverse("courses:renewal", args=[renewal.pk]) not in body

    def test_passed_in_the_round_says_so_on_the_quiz_page(
        self, operator, operator_client, refresher, course
    ):
        """In refresher mode, once the refresher's quiz is passed in the round the
        quiz page says it counts for the renewal of the course."""
        expired(certified(operator, course))
        start(operator_client, course)
        for lesson in course_outline(refresher).lessons:
            course_services.complete_lesson(operator=operator, lesson=lesson)
        quiz = course_outline(refresher).quizzes[0]
        page = operator_client.get(quiz.url).content.decode()
        assert "untuk memperbarui sertifikat Operator Website Desa" in page
        assert "Mulai kuis" in page

        pass_quizzes(operator, refresher)
        page = operator_client.get(quiz.url).content.decode()

        # The round completed with the certificate: nothing open is left.
        assert "Anda lulus kuis ini." in page
        assert "untuk memperbarui sertifikat" not in page


class TestRenewalSettings:
    def test_refresher_mode_needs_another_course(self, course):
        """The course team is told to choose a refresher that is not the course."""
        course.renewal_course = course
        with pytest.raises(ValidationError):
            course.clean()
        course.renewal_course = None
        with pytest.raises(ValidationError):
            course.clean()


class TestRoundClosedWhenIssuedAnotherWay:
    """Siti opened a renewal round after her certificate expired; meanwhile a new
    certificate of the course reaches her another way."""

    NO_LONGER_NEEDED = "Pembaruan ini tidak diperlukan lagi"
    CONTINUE = "Lanjutkan pembaruan"

    @pytest.fixture
    def open_round(self, operator, operator_client, course):
        expired(certified(operator, course))
        start(operator_client, course)
        renewal = Renewal.objects.get(operator=operator, course=course)
        assert self.CONTINUE in my_courses(operator_client)
        return renewal

    def test_a_certificate_issued_by_hand_closes_the_round(
        self, operator, operator_client, course, beltim_admin, open_round
    ):
        """Kursus saya no longer says "Lanjutkan pembaruan", the round page says the
        round is no longer needed, and the round stays as history with a note."""
        new = certificate_services.issue_certificate_by_hand(
            actor=beltim_admin, operator=operator, course=course, reason="Ujian kertas"
        )

        open_round.refresh_from_db()
        assert open_round.closed_at is not None
        assert open_round.completed_at is None
        assert new.number in open_round.closed_note
        assert "Ujian kertas" in open_round.closed_note
        assert self.CONTINUE not in my_courses(operator_client)
        page = operator_client.get(
            reverse("courses:renewal", args=[open_round.pk])
        ).content.decode()
        assert self.NO_LONGER_NEEDED in page
        assert "Yang perlu dikerjakan" not in page
        assert Renewal.objects.filter(operator=operator).count() == 1

    def test_a_reissue_closes_the_round_of_a_soon_expiring_certificate(
        self, operator, operator_client, course, beltim_admin
    ):
        """A name correction gives a fresh certificate: the early round ends too."""
        old = expiring_in(certified(operator, course), 10)
        start(operator_client, course)

        certificate_services.reissue_certificate(
            actor=beltim_admin, certificate=old, reason="Nama salah ketik"
        )

        renewal = Renewal.objects.get(operator=operator)
        assert renewal.closed_at is not None
        assert (
            self.NO_LONGER_NEEDED
            in operator_client.get(
                reverse("courses:renewal", args=[renewal.pk])
            ).content.decode()
        )

    def test_a_failed_issue_leaves_the_round_open(
        self, operator, course, beltim_admin, open_round
    ):
        """Closing happens in the issuing transaction: no certificate, no closing."""

        def broken(sender, certificate, **kwargs):
            raise RuntimeError("a listener failed")

        certificate_issued.connect(broken, weak=False, dispatch_uid="test_broken")
        try:
            with pytest.raises(RuntimeError):
                certificate_services.issue_certificate_by_hand(
                    actor=beltim_admin, operator=operator, course=course, reason="Ujian"
                )
        finally:
            certificate_issued.disconnect(dispatch_uid="test_broken")

        open_round.refresh_from_db()
        assert open_round.closed_at is None
        assert not Certificate.objects.filter(status=Certificate.Status.VALID).exists()

    def test_the_rounds_own_certificate_completes_it_without_closing(
        self, operator, course, refresher, open_round
    ):
        """Renewing through the round marks it completed, not closed."""
        finish_course(operator, refresher)

        open_round.refresh_from_db()
        assert open_round.completed_at is not None
        assert open_round.closed_at is None
        assert open_round.closed_note == ""
