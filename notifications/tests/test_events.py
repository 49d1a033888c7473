"""Each event tells the right people once, in Indonesian, and nobody elsewhere."""

import datetime as dt
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.factories import OperatorFactory
from certificates.models import Certificate
from certificates.services import (
    expire_certificates,
    issue_certificate,
    renew_certificate,
    revoke_certificate,
)
from certificates.signals import certificate_ended, certificate_issued
from conftest import JANGKAR_ASAM
from courses.factories import build_course
from courses.models import CoursePage, QuizPage
from courses.signals import extra_attempt_granted
from desk.services import answer_help_request, open_help_request
from desk.signals import answer_posted
from notifications.models import Notice
from portal.factories import NewsPageFactory
from workshops.factories import build_workshop
from workshops.models import Invitation, TargetGroup
from workshops.signals import operator_invited


@pytest.fixture
def course(portal):
    """A course whose certificate lets the operator publish."""
    return build_course(
        title="Operator Website Desa",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
    )


def notices(user, kind=None):
    found = Notice.objects.filter(recipient=user)
    return found.filter(kind=kind) if kind else found


class TestCertificates:
    def test_an_issued_certificate_tells_its_operator_once(
        self,
        operator,
        other_operator,
        course,
        smtp_server,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            certificate = issue_certificate(operator=operator, course=course)
            certificate_issued.send(sender=Certificate, certificate=certificate)

        [notice] = notices(operator)
        assert notice.kind == Notice.Kind.CERTIFICATE_ISSUED
        assert notice.title == "Sertifikat Anda terbit"
        assert certificate.number in notice.body
        assert notice.url == reverse("courses:my_courses")
        assert not notices(other_operator).exists()
        assert [m["subject"] for m in smtp_server.received] == [
            "Sertifikat Anda terbit"
        ]
        assert smtp_server.received[0]["to"] == [operator.email]

    def test_an_expired_certificate_says_the_rights_are_gone(
        self, operator, course, smtp_server, django_capture_on_commit_callbacks
    ):
        certificate = issue_certificate(operator=operator, course=course)
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=timezone.localdate() - dt.timedelta(days=1)
        )

        with django_capture_on_commit_callbacks(execute=True):
            expire_certificates()
            certificate.refresh_from_db()
            certificate_ended.send(sender=Certificate, certificate=certificate)

        [notice] = notices(operator, Notice.Kind.CERTIFICATE_EXPIRED)
        assert notice.title == "Sertifikat Anda kedaluwarsa; hak terbit dicabut"
        assert "Tanyakan kepada pendamping Anda" in notice.body
        assert "Perbarui sertifikat" not in notice.body
        assert [m["subject"] for m in smtp_server.received] == [notice.title]

    def test_a_course_without_publishing_rights_does_not_speak_of_them(
        self, operator, portal
    ):
        course = build_course(title="Literasi Digital", modules=1, lessons_per_module=1)
        certificate = issue_certificate(operator=operator, course=course)
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=timezone.localdate() - dt.timedelta(days=1)
        )

        expire_certificates()

        [notice] = notices(operator, Notice.Kind.CERTIFICATE_EXPIRED)
        assert notice.title == "Sertifikat Anda kedaluwarsa"
        assert "menerbitkan" not in notice.body

    def test_a_revoked_certificate_gives_the_reason(
        self, operator, other_operator, course, beltim_admin
    ):
        certificate = issue_certificate(operator=operator, course=course)

        revoke_certificate(
            actor=beltim_admin, certificate=certificate, reason="Data tidak sesuai."
        )

        [notice] = notices(operator, Notice.Kind.CERTIFICATE_REVOKED)
        assert notice.title == "Sertifikat Anda dicabut"
        assert "Data tidak sesuai." in notice.body
        assert not notices(other_operator).exists()


@pytest.fixture
def renewable(portal):
    """A rights-carrying course whose certificate is renewed in the app, from 14
    days before it ends."""
    return build_course(
        title="Keamanan Akun",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
        renewal_mode=CoursePage.RenewalMode.RETAKE,
        renewal_window_days=14,
    )


def expire(certificate):
    expire_certificates(today=certificate.valid_until + dt.timedelta(days=1))
    certificate.refresh_from_db()
    return certificate


RENEW_IN_APP = "buka Kursus saya dan pilih Perbarui sertifikat"


class TestRenewalTexts:
    def test_an_expired_certificate_of_a_renewable_course_says_how_to_renew(
        self, operator, renewable
    ):
        expire(issue_certificate(operator=operator, course=renewable))

        [notice] = notices(operator, Notice.Kind.CERTIFICATE_EXPIRED)
        assert RENEW_IN_APP in notice.body
        assert "pendamping" not in notice.body

    def test_a_renewal_after_expiry_says_the_rights_are_back(
        self, operator, renewable, smtp_server, django_capture_on_commit_callbacks
    ):
        old = expire(issue_certificate(operator=operator, course=renewable))

        with django_capture_on_commit_callbacks(execute=True):
            new = renew_certificate(operator=operator, course=renewable)

        notice = notices(operator, Notice.Kind.CERTIFICATE_ISSUED).get(
            key=f"cert-issued:{new.pk}"
        )
        assert notice.title == "Sertifikat Anda diperbarui"
        assert f"nomor baru {new.number}, menggantikan {old.number}" in notice.body
        assert "Hak terbit Anda di halaman desa berlaku kembali." in notice.body
        assert "tetap berlaku" not in notice.body
        assert [m["subject"] for m in smtp_server.received] == [
            "Sertifikat Anda diperbarui"
        ]

    def test_an_early_renewal_says_the_rights_stay(self, operator, renewable):
        issue_certificate(operator=operator, course=renewable)

        new = renew_certificate(operator=operator, course=renewable)

        notice = notices(operator).get(key=f"cert-issued:{new.pk}")
        assert notice.title == "Sertifikat Anda diperbarui"
        assert "Hak terbit Anda di halaman desa tetap berlaku" in notice.body
        assert "berlaku kembali" not in notice.body

    def test_a_first_certificate_is_issued_not_renewed(self, operator, renewable):
        certificate = issue_certificate(operator=operator, course=renewable)

        notice = notices(operator).get(key=f"cert-issued:{certificate.pk}")
        assert notice.title == "Sertifikat Anda terbit"
        assert "diperbarui" not in notice.body
        assert "Hak terbit" not in notice.body


class TestReminders:
    def run(self):
        out = StringIO()
        call_command("send_certificate_reminders", stdout=out)
        return out.getvalue()

    def ending_in(self, operator, course, days):
        certificate = Certificate.objects.filter(operator=operator).first()
        if certificate is None:
            certificate = issue_certificate(operator=operator, course=course)
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=timezone.localdate() + dt.timedelta(days=days)
        )
        return certificate

    def test_twenty_days_before_the_end_only_the_30_day_reminder_goes_once(
        self, operator, course, smtp_server, django_capture_on_commit_callbacks
    ):
        certificate = self.ending_in(operator, course, 20)

        with django_capture_on_commit_callbacks(execute=True):
            self.run()
            self.run()

        [notice] = notices(operator, Notice.Kind.CERTIFICATE_EXPIRING)
        assert notice.key == f"cert-expiring:{certificate.pk}:30"
        assert notice.title == "Sertifikat Anda berakhir dalam 20 hari"
        assert len(smtp_server.received) == 1

    def test_each_reminder_comes_in_its_turn(self, operator, other_operator, course):
        certificate = self.ending_in(operator, course, 59)
        self.run()
        self.ending_in(operator, course, 29)
        self.run()
        self.ending_in(operator, course, 6)
        assert "1 certificate reminder(s) sent." in self.run()
        self.run()

        keys = sorted(
            notices(operator, Notice.Kind.CERTIFICATE_EXPIRING).values_list(
                "key", flat=True
            )
        )
        assert keys == [
            f"cert-expiring:{certificate.pk}:30",
            f"cert-expiring:{certificate.pk}:60",
            f"cert-expiring:{certificate.pk}:7",
        ]
        assert not notices(other_operator).exists()

    def reminder(self, operator):
        return notices(operator, Notice.Kind.CERTIFICATE_EXPIRING).get()

    def test_inside_the_renewal_window_it_says_renew_now(self, operator, renewable):
        self.ending_in(operator, renewable, 7)
        self.run()

        body = self.reminder(operator).body
        assert f"Anda sudah dapat memperbaruinya: {RENEW_IN_APP}." in body
        assert "Setelah tanggal itu Anda tidak bisa lagi menerbitkan" in body
        assert "pendamping" not in body

    def test_before_the_renewal_window_it_says_from_which_day(
        self, operator, renewable
    ):
        certificate = self.ending_in(operator, renewable, 30)
        self.run()

        certificate.refresh_from_db()
        opens = certificate.valid_until - dt.timedelta(days=14)
        body = self.reminder(operator).body
        with translation.override("id"):
            day = date_format(opens, "j F Y")
        assert f"Anda dapat memperbaruinya mulai {day}: {RENEW_IN_APP}." in body

    def test_without_renewal_it_asks_the_pendamping(self, operator, portal):
        """A course that gives no publishing rights and has no renewal."""
        course = build_course(title="Literasi Digital", modules=1, lessons_per_module=1)
        self.ending_in(operator, course, 30)
        self.run()

        body = self.reminder(operator).body
        assert "Tanyakan kepada pendamping Anda cara mendapatkannya lagi." in body
        assert "Perbarui sertifikat" not in body
        assert "menerbitkan" not in body

    def test_nothing_is_sent_long_before_the_end(self, operator, course):
        self.ending_in(operator, course, 61)

        assert "0 certificate reminder(s) sent." in self.run()


class TestPageModeration:
    @pytest.fixture
    def submitted(self, desa_page, operator):
        page = NewsPageFactory(parent=desa_page, title="Panen lada", live=False)
        page.owner = operator
        page.save()
        page.save_revision(user=operator)
        page.get_workflow().start(page, operator)
        return page

    def test_sent_back_with_the_moderators_comment_through_the_admin(
        self, client, submitted, operator, other_operator, gantung_admin
    ):
        """The kecamatan admin's "Request changes" in the Wagtail admin tells the
        operator, with the comment and a link to Meja Tulis."""
        client.force_login(gantung_admin)
        task_state = submitted.current_workflow_task_state

        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[submitted.pk, "reject", task_state.pk],
            ),
            {"comment": "Tambahkan foto lokasi."},
        )

        assert response.status_code in (200, 302)
        [notice] = notices(operator)
        assert notice.kind == Notice.Kind.PAGE_SENT_BACK
        assert notice.title == "Halaman Anda “Panen lada” dikembalikan"
        assert "Tambahkan foto lokasi." in notice.body
        assert notice.url == reverse("meja:edit", args=[submitted.pk])
        assert not notices(other_operator).exists()
        assert not notices(gantung_admin).exists()

    @pytest.mark.parametrize(
        ("action", "subject"),
        [
            ("approve", "Halaman Anda “Panen lada” disetujui"),
            ("reject", "Halaman Anda “Panen lada” dikembalikan"),
        ],
    )
    def test_the_operator_gets_one_email_ours_with_the_meja_tulis_link(
        self,
        action,
        subject,
        client,
        submitted,
        operator,
        gantung_admin,
        smtp_server,
        django_capture_on_commit_callbacks,
    ):
        """Wagtail's own email (a link into the admin operators cannot open) is not
        sent to the operator; this app's Indonesian one is, once."""
        client.force_login(gantung_admin)
        task_state = submitted.current_workflow_task_state

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse(
                    "wagtailadmin_pages:workflow_action",
                    args=[submitted.pk, action, task_state.pk],
                ),
                {"comment": "Tambahkan foto lokasi."},
            )

        assert response.status_code in (200, 302)
        [email] = [m for m in smtp_server.received if m["to"] == [operator.email]]
        assert email["subject"] == subject
        meja = "http://127.0.0.1:8000" + reverse("meja:edit", args=[submitted.pk])
        assert meja in email["body"]
        assert "Tambahkan foto lokasi." in email["body"]
        assert "/admin/" not in email["body"]

    def test_a_staff_submitter_still_gets_wagtails_email(
        self,
        client,
        desa_page,
        beltim_admin,
        gantung_admin,
        smtp_server,
        django_capture_on_commit_callbacks,
    ):
        """Staff work in the admin: Wagtail's email with its admin link is theirs,
        and this app adds nothing."""
        page = NewsPageFactory(parent=desa_page, title="Rapat desa", live=False)
        page.save_revision(user=beltim_admin)
        page.get_workflow().start(page, beltim_admin)
        client.force_login(gantung_admin)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse(
                    "wagtailadmin_pages:workflow_action",
                    args=[page.pk, "approve", page.current_workflow_task_state.pk],
                ),
                {"comment": ""},
            )

        [email] = [m for m in smtp_server.received if m["to"] == [beltim_admin.email]]
        assert "Rapat desa" in email["subject"]
        assert "/admin/" in email["body"]
        assert not notices(beltim_admin).exists()

    def test_approved_tells_the_operator_once(self, submitted, operator, gantung_admin):
        submitted.current_workflow_task_state.approve(
            user=gantung_admin, comment="Bagus"
        )
        submitted.refresh_from_db()

        assert submitted.live
        [notice] = notices(operator)
        assert notice.kind == Notice.Kind.PAGE_APPROVED
        assert notice.title == "Halaman Anda “Panen lada” disetujui"
        assert "Bagus" in notice.body

    def test_sent_back_twice_is_two_notices(self, submitted, operator, gantung_admin):
        """Each "Request changes" is a new decision the operator must hear of."""
        submitted.current_workflow_task_state.reject(user=gantung_admin, comment="1")
        submitted.refresh_from_db()
        submitted.current_workflow_state.resume(operator)
        submitted.refresh_from_db()
        submitted.current_workflow_task_state.reject(user=gantung_admin, comment="2")

        assert notices(operator, Notice.Kind.PAGE_SENT_BACK).count() == 2


class TestDeskAnswer:
    def test_every_active_operator_of_the_desa_hears_once(
        self,
        operator,
        other_operator,
        trainer,
        smtp_server,
        django_capture_on_commit_callbacks,
    ):
        second = OperatorFactory(region_code=JANGKAR_ASAM)
        gone = OperatorFactory(region_code=JANGKAR_ASAM, is_active=False)
        help_request = open_help_request(
            operator=operator, topic="foto", subject="Foto hilang", body="Tolong."
        )

        with django_capture_on_commit_callbacks(execute=True):
            message = answer_help_request(
                author=trainer, help_request=help_request, body="Unggah ulang."
            )
            answer_posted.send(sender=type(message), message=message)

        for user in (operator, second):
            [notice] = notices(user)
            assert notice.title == "Pertanyaan Anda “Foto hilang” sudah dijawab"
            assert "Unggah ulang." in notice.body
        assert not notices(gone).exists()
        assert not notices(other_operator).exists()
        assert sorted(m["to"][0] for m in smtp_server.received) == sorted(
            [operator.email, second.email]
        )


class TestWorkshopInvitation:
    def test_the_operator_learns_the_session_venue_and_time_once(
        self, operator, other_operator, trainer
    ):
        workshop = build_workshop(actor=trainer, day=dt.date(2026, 3, 5))
        invitation = Invitation.objects.create(
            workshop=workshop,
            operator=operator,
            desa=operator.region,
            session=workshop.sessions.first(),
            activity=TargetGroup.NEW_OR_INACTIVE,
        )

        operator_invited.send(sender=Invitation, invitation=invitation)
        operator_invited.send(sender=Invitation, invitation=invitation)

        [notice] = notices(operator)
        assert notice.kind == Notice.Kind.WORKSHOP_INVITATION
        assert notice.title == "Undangan: Lokakarya Uji"
        assert "Sesi 1" in notice.body
        assert "5 Maret 2026" in notice.body
        assert "00.00–23.59 WIB" in notice.body
        assert "Aula Manggar" in notice.body
        assert not notices(other_operator).exists()


class TestExtraAttempt:
    def test_the_operator_is_sent_to_the_quiz(self, operator, other_operator, trainer):
        course = build_course(title="Kuis Tambahan", modules=1, lessons_per_module=1)
        quiz = QuizPage.objects.descendant_of(course).first()
        grant = SimpleNamespace(
            pk=41,
            operator=operator,
            quiz=quiz,
            granted_by=trainer,
            reason="Sinyal putus saat kuis.",
            created_at=timezone.now(),
        )

        extra_attempt_granted.send(sender=None, grant=grant)
        extra_attempt_granted.send(sender=None, grant=grant)

        [notice] = notices(operator)
        assert notice.kind == Notice.Kind.EXTRA_ATTEMPT
        assert quiz.title in notice.title
        assert "Sinyal putus saat kuis." in notice.body
        assert notice.url == quiz.get_url()
        assert notice.url.startswith("/")
        assert not notices(other_operator).exists()
