import datetime as dt
import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.factories import OperatorFactory, TrainerFactory
from courses import services as course_services
from courses.factories import (
    answer_all,
    build_course,
    finish_course,
    wrong_form_values,
)
from courses.selectors import course_outline
from portal.models import PublishEvent
from regions.models import Region
from workshops.factories import build_workshop
from workshops.models import Attendance, Invitation
from workshops.permissions import workshop_policy
from workshops.services import workshops as services

# Every test gets the database through the shared world's fixtures (conftest.py).

GANTUNG_DESA = ["19.06.02.2001", "19.06.02.2002", "19.06.02.2003", "19.06.02.2004"]


def publish(desa_code, days_ago):
    PublishEvent.objects.create(
        desa=Region.objects.get(code=desa_code),
        page_title="Berita",
        published_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def operators(regions):
    return {code: OperatorFactory(region_code=code) for code in GANTUNG_DESA}


@pytest.fixture
def workshop(trainer, portal):
    return build_workshop(actor=trainer)


# The live board (Dec 2026): 16 before grant links, +1 for the extra attempts
# granted (quizzes with a maximum only) and +1 for a trainer's kecamatan, read
# only when a participant used every attempt. The 304 answer: session, user,
# workshop and the fingerprint's four aggregates (grants in the invitations one).
BOARD_QUERIES = 18
BOARD_304_QUERIES = 8


def limited_course():
    """A course of one module whose quiz allows two attempts."""
    course = build_course(
        title="Terbatas",
        modules=1,
        lessons_per_module=1,
        quiz_options={"max_attempts": 2},
    )
    return course, course_outline(course).quizzes[0].specific


def fail_once(operator, quiz):
    attempt = course_services.start_attempt(operator=operator, quiz=quiz)
    answer_all(operator, attempt, wrong_form_values)
    course_services.submit_attempt(operator=operator, attempt=attempt)


def use_every_attempt(operator, quiz):
    fail_once(operator, quiz)
    fail_once(operator, quiz)


def grant_href(quiz, operator):
    return reverse("courses:grant_extra_attempt", args=[quiz.pk, operator.pk])


class TestSessionProposal:
    def test_active_desa_go_to_the_active_session_and_others_to_session_one(
        self, trainer, workshop, operators
    ):
        """Never published or long ago → Sesi 1; published this month → Sesi 2."""
        publish("19.06.02.2003", days_ago=3)  # aktif
        publish("19.06.02.2004", days_ago=200)  # tidak aktif
        services.invite(
            actor=trainer,
            workshop=workshop,
            desa=Region.objects.filter(code__in=GANTUNG_DESA),
        )
        placed = {
            i.desa.code: i.session.title
            for i in workshop.invitations.select_related("session", "desa")
        }
        assert placed == {
            "19.06.02.2001": "Sesi 1",
            "19.06.02.2002": "Sesi 1",
            "19.06.02.2003": "Sesi 2",
            "19.06.02.2004": "Sesi 1",
        }

    def test_a_full_session_overflows_to_the_nearest_group(
        self, trainer, portal, operators
    ):
        """With one place in Sesi 1, the other inactive desa go to the next session."""
        workshop = build_workshop(actor=trainer, capacity=1)
        services.invite(
            actor=trainer,
            workshop=workshop,
            desa=Region.objects.filter(code__in=GANTUNG_DESA[:3]),
        )
        counts = {s.title: s.invitations.count() for s in workshop.sessions.all()}
        assert counts == {"Sesi 1": 1, "Sesi 2": 1}
        assert workshop.invitations.filter(session__isnull=True).count() == 1

    def test_moving_into_a_full_session_is_refused(self, trainer, portal, operators):
        """The trainer cannot overfill a session; the participant stays where they were."""
        workshop = build_workshop(actor=trainer, capacity=1)
        services.invite(
            actor=trainer,
            workshop=workshop,
            desa=Region.objects.filter(code__in=GANTUNG_DESA[:2]),
        )
        first, second = workshop.sessions.all()
        mover = workshop.invitations.get(session=second)
        with pytest.raises(services.WorkshopError):
            services.move_invitation(actor=trainer, invitation=mover, session=first)
        mover.refresh_from_db()
        assert mover.session == second

    def test_a_trainer_of_another_kabupaten_cannot_plan_here(
        self, portal, banjarnegara_admin
    ):
        """Planning is limited to one's own kabupaten."""
        with pytest.raises(PermissionDenied):
            build_workshop(actor=banjarnegara_admin)


class TestCheckIn:
    @pytest.fixture
    def invited(self, trainer, workshop, operator):
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        return workshop.invitations.get(operator=operator)

    def test_qr_code_checks_in_once_even_when_scanned_twice(self, invited, operator):
        """Scanning twice is harmless: one attendance row."""
        session = invited.session
        code = services.checkin_code(session=session)
        services.check_in_with_code(operator=operator, session=session, code=code)
        _attendance, created = services.check_in_with_code(
            operator=operator, session=session, code=code
        )
        assert not created
        assert (
            Attendance.objects.filter(session=session, operator=operator).count() == 1
        )

    def test_a_stale_code_is_refused(self, invited, operator):
        """A photo of the code taken five minutes ago no longer works."""
        session = invited.session
        old = services.checkin_code(
            session=session, at=timezone.now().timestamp() - 300
        )
        with pytest.raises(services.WorkshopError, match="kedaluwarsa|expired"):
            services.check_in_with_code(operator=operator, session=session, code=old)
        assert not Attendance.objects.exists()

    def test_a_code_outside_the_session_window_is_refused(
        self, trainer, portal, operator
    ):
        """Yesterday's session cannot be checked into today."""
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        workshop = build_workshop(actor=trainer, day=yesterday)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        session = workshop.invitations.get(operator=operator).session
        with pytest.raises(services.WorkshopError):
            services.check_in_with_code(
                operator=operator,
                session=session,
                code=services.checkin_code(session=session),
            )
        assert not Attendance.objects.exists()

    def test_a_code_of_another_session_is_refused_with_a_message(
        self, invited, operator
    ):
        """Invited to Sesi 1, scanning Sesi 2's code explains the mistake."""
        other = invited.workshop.sessions.exclude(pk=invited.session_id).get()
        with pytest.raises(services.WorkshopError) as error:
            services.check_in_with_code(
                operator=operator,
                session=other,
                code=services.checkin_code(session=other),
            )
        assert invited.session.title in str(error.value)

    def test_check_in_page_through_the_qr_url(self, client, invited, operator):
        """The URL in the QR code checks the signed-in operator in."""
        session = invited.session
        client.force_login(operator)
        url = reverse(
            "workshops:check_in",
            args=[session.pk, services.checkin_code(session=session)],
        )
        assert client.post(url).status_code == 200
        assert Attendance.objects.filter(
            operator=operator, session=session, method="qr"
        ).exists()

    def test_projector_qr_code_scales_to_the_screen(self, client, trainer, invited):
        """The projector's QR code is an SVG with a viewBox and no fixed size."""
        client.force_login(trainer)
        html = client.get(
            reverse("workshops:projector", args=[invited.session.pk])
        ).content.decode()
        svg = re.search(r"<svg[^>]*>", html).group(0)
        assert re.search(r'viewBox="0 0 \d+ \d+"', svg)
        assert not re.search(r"\s(width|height)=", svg)

    def test_walk_in_gets_an_account_a_place_and_a_password_that_works(
        self, client, trainer, workshop
    ):
        """A walk-in is registered, checked in, and can sign in with the one-time password."""
        session = workshop.sessions.first()
        desa = Region.objects.get(code="19.06.02.2001")
        credentials = services.register_walk_in(
            actor=trainer,
            session=session,
            name="Tono Wijaya",
            desa=desa,
            phone="0813 5555 0101",
        )
        assert Attendance.objects.filter(
            operator=credentials.user, session=session, method="walk_in"
        ).exists()
        assert Invitation.objects.get(operator=credentials.user).walk_in
        assert client.login(username="081355550101", password=credentials.password)

    def test_walk_in_before_the_workshop_takes_the_seat_of_a_desa_without_operator(
        self, trainer
    ):
        """A desa invited without an operator holds a seat; a walk-in registered
        for it before the first day takes that one seat, in the chosen session."""
        workshop = build_workshop(
            actor=trainer, day=timezone.localdate() + dt.timedelta(days=3)
        )
        desa = Region.objects.get(code="19.06.02.2001")
        services.invite_desa(actor=trainer, workshop=workshop, desa=[desa])
        assert not Invitation.objects.filter(workshop=workshop, desa=desa).exists()
        session = workshop.sessions.last()

        credentials = services.register_walk_in(
            actor=trainer, session=session, name="Tono Wijaya", desa=desa
        )

        [seat] = Invitation.objects.filter(workshop=workshop, desa=desa)
        assert seat.operator == credentials.user
        assert (seat.session, seat.walk_in) == (session, True)

    def test_trainer_ticks_names_on_the_list(self, client, trainer, invited, operator):
        """Ticking twice leaves one attendance; a trainer of another kabupaten cannot tick."""
        session = invited.session
        client.force_login(trainer)
        url = reverse("workshops:attendance", args=[session.pk])
        client.post(url, {"operator": operator.pk, "present": "1"})
        client.post(url, {"operator": operator.pk, "present": "1"})
        assert Attendance.objects.filter(session=session).count() == 1


class TestScope:
    def test_trainer_of_another_kabupaten_sees_nothing(
        self, client, workshop, banjarnegara_admin
    ):
        """Another kabupaten's Diskominfo gets 404 on every screen of the workshop."""
        client.force_login(banjarnegara_admin)
        session = workshop.sessions.first()
        for url in (
            reverse("workshops:detail", args=[workshop.pk]),
            reverse("workshops:board", args=[workshop.pk]),
            reverse("workshops:attendance", args=[session.pk]),
            reverse("workshops:projector", args=[session.pk]),
            reverse("workshops:attendance_document", args=[session.pk, "csv"]),
            reverse("workshops:summary", args=[workshop.pk]),
        ):
            assert client.get(url).status_code == 404, url

    def test_operators_cannot_open_trainer_screens(self, client, workshop, operator):
        """An operator is refused the attendance list and the projector code."""
        client.force_login(operator)
        session = workshop.sessions.first()
        assert (
            client.get(reverse("workshops:attendance", args=[session.pk])).status_code
            == 404
        )
        assert (
            client.get(reverse("workshops:projector", args=[session.pk])).status_code
            == 404
        )

    def test_workshops_are_planned_in_the_planners_own_kabupaten(
        self, trainer, superuser, operator
    ):
        """A trainer plans in their kabupaten; a superuser without a region and an
        operator have no kabupaten to plan a workshop in, and the create page refuses them."""
        assert (
            workshop_policy.kabupaten_to_plan_in(trainer).code
            == trainer.region.code[:5]
        )
        assert workshop_policy.kabupaten_to_plan_in(superuser) is None
        assert workshop_policy.kabupaten_to_plan_in(operator) is None

    def test_superuser_without_region_cannot_create_a_workshop(self, client, superuser):
        """The create page needs a kabupaten; a superuser without a region gets 403."""
        client.force_login(superuser)
        assert client.get(reverse("workshops:create")).status_code == 403


class TestDocuments:
    def test_attendance_csv_lists_invited_names_and_neutralises_formulas(
        self, client, trainer, workshop, regions
    ):
        """A name like =HYPERLINK(...) comes out as text in the CSV."""
        evil = OperatorFactory(
            region_code="19.06.02.2001", first_name='=HYPERLINK("x")', last_name=""
        )
        services.invite(actor=trainer, workshop=workshop, desa=[evil.region])
        session = workshop.invitations.get(operator=evil).session
        client.force_login(trainer)
        body = client.get(
            reverse("workshops:attendance_document", args=[session.pk, "csv"])
        ).content.decode()
        assert "'=HYPERLINK" in body

    def test_pdfs_and_xlsx_download(self, client, trainer, workshop, operator):
        """Daftar hadir (PDF, XLSX), invitation letter and berita acara are real files."""
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        session = workshop.invitations.get(operator=operator).session
        client.force_login(trainer)
        pdf = client.get(
            reverse("workshops:attendance_document", args=[session.pk, "pdf"])
        )
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(
            b"%PDF"
        )
        xlsx = client.get(
            reverse("workshops:attendance_document", args=[session.pk, "xlsx"])
        )
        assert xlsx.content.startswith(b"PK")
        letter = client.get(
            reverse(
                "workshops:invitation_letter", args=[workshop.pk, operator.region.code]
            )
        )
        assert letter.content.startswith(b"%PDF")
        assert client.get(
            reverse("workshops:summary", args=[workshop.pk])
        ).content.startswith(b"%PDF")


class TestLiveBoardAndCertificates:
    def test_board_shows_progress_and_answers_304_when_nothing_changed(
        self, client, trainer, portal, operator
    ):
        """The board costs a few bytes per refresh when nobody progressed."""
        course = build_course(title="Dasar", modules=1, lessons_per_module=2)
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(trainer)
        url = reverse("workshops:board", args=[workshop.pk])
        first = client.get(url)
        assert "0/2" in first.content.decode()
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        course_services.complete_lesson(
            operator=operator, lesson=course_outline(course).lessons[0]
        )
        changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert changed.status_code == 200 and "1/2" in changed.content.decode()

    def test_board_changes_when_a_quiz_attempt_starts(
        self, client, trainer, portal, operator
    ):
        """A started quiz shows on the board ("…"), so the old ETag no longer matches."""
        course = build_course(title="Dasar", modules=1, lessons_per_module=1)
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        client.force_login(trainer)
        url = reverse("workshops:board", args=[workshop.pk])
        first = client.get(url)
        course_services.start_attempt(
            operator=operator, quiz=course_outline(course).quizzes[0].specific
        )
        changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert changed.status_code == 200 and "…" in changed.content.decode()

    def test_board_pinned_queries_with_grant_links(
        self,
        client,
        trainer,
        portal,
        operator,
        other_operator,
        django_assert_num_queries,
    ):
        """The board costs the same queries for one out-of-attempts participant or
        two; the 304 answer a few."""
        course, quiz = limited_course()
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(
            actor=trainer,
            workshop=workshop,
            desa=[operator.region, other_operator.region],
        )
        use_every_attempt(operator, quiz)
        client.force_login(trainer)
        url = reverse("workshops:board", args=[workshop.pk])
        client.get(url)
        with django_assert_num_queries(BOARD_QUERIES):
            first = client.get(url)
        assert first.content.decode().count(grant_href(quiz, operator)) == 1
        use_every_attempt(other_operator, quiz)
        with django_assert_num_queries(BOARD_QUERIES):
            second = client.get(url)
        assert grant_href(quiz, other_operator) in second.content.decode()
        with django_assert_num_queries(BOARD_304_QUERIES):
            assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304

    def test_board_offers_one_more_attempt_to_a_trainer_in_scope(
        self, client, trainer, portal, operator
    ):
        """A participant who used every attempt without passing gets "Beri satu
        kesempatan lagi", linking to the grant form and back to the board."""
        course, quiz = limited_course()
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        fail_once(operator, quiz)
        client.force_login(trainer)
        url = reverse("workshops:board", args=[workshop.pk])
        assert grant_href(quiz, operator) not in client.get(url).content.decode()
        fail_once(operator, quiz)
        body = client.get(url).content.decode()
        assert grant_href(quiz, operator) in body
        assert "Beri satu kesempatan lagi" in body
        assert "next=/lokakarya/" in body.split(grant_href(quiz, operator))[1][:80]

    def test_board_hides_the_link_from_a_trainer_of_another_kecamatan(
        self, client, trainer, portal, operator
    ):
        """A trainer serving Kecamatan Manggar sees the Gantung participant on the
        kabupaten's board, but may not grant them an attempt, so no link."""
        course, quiz = limited_course()
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        use_every_attempt(operator, quiz)
        manggar_trainer = TrainerFactory(region_code="19.06")
        manggar_trainer.kecamatan_scope.set([Region.objects.get(code="19.06.01")])
        client.force_login(manggar_trainer)
        response = client.get(reverse("workshops:board", args=[workshop.pk]))
        body = response.content.decode()
        assert response.status_code == 200 and operator.display_name in body
        assert "tambah-kesempatan" not in body

    def test_board_etag_follows_attempts_running_out_and_grants(
        self, client, trainer, portal, operator
    ):
        """The last failed attempt and a grant each change the board; the same board
        seen by another account is not answered with 304."""
        course, quiz = limited_course()
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        fail_once(operator, quiz)
        client.force_login(trainer)
        url = reverse("workshops:board", args=[workshop.pk])
        before = client.get(url)
        assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
        fail_once(operator, quiz)
        out = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
        assert out.status_code == 200
        assert grant_href(quiz, operator) in out.content.decode()
        assert client.get(url, HTTP_IF_NONE_MATCH=out["ETag"]).status_code == 304
        course_services.grant_extra_attempt(
            actor=trainer, operator=operator, quiz=quiz, reason="Sinyal putus."
        )
        granted = client.get(url, HTTP_IF_NONE_MATCH=out["ETag"])
        assert granted.status_code == 200
        assert grant_href(quiz, operator) not in granted.content.decode()
        manggar_trainer = TrainerFactory(region_code="19.06")
        manggar_trainer.kecamatan_scope.set([Region.objects.get(code="19.06.01")])
        client.force_login(manggar_trainer)
        assert client.get(url, HTTP_IF_NONE_MATCH=granted["ETag"]).status_code == 200

    def test_course_requiring_attendance_completes_only_after_check_in(
        self, trainer, portal, operator
    ):
        """Lessons and quiz done is not enough until the operator attended a session."""
        from certificates.models import Certificate

        course = build_course(
            title="Wajib hadir",
            modules=1,
            lessons_per_module=1,
            requires_workshop_attendance=True,
        )
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        finish_course(operator, course)
        assert not Certificate.objects.exists()
        session = workshop.invitations.get(operator=operator).session
        services.tick_attendance(actor=trainer, session=session, operator=operator)
        assert (
            Certificate.objects.filter(
                operator=operator, course=course, status="valid"
            ).count()
            == 1
        )
        result = services.issue_workshop_certificates(actor=trainer, workshop=workshop)
        assert [c.operator for c in result.issued] == [
            operator
        ]  # the batch finds the same one
        assert Certificate.objects.count() == 1


class TestCertificatesAfterRevocation:
    """Diskominfo revoked Siti's certificate; she then attends a workshop."""

    @pytest.fixture
    def course(self, portal):
        return build_course(
            title="Operator Website Desa",
            modules=1,
            lessons_per_module=1,
            grants_publishing_rights=True,
        )

    @pytest.fixture
    def revoked(self, operator, course, beltim_admin):
        from certificates.models import Certificate
        from certificates.services import revoke_certificate

        finish_course(operator, course)
        return revoke_certificate(
            actor=beltim_admin,
            certificate=Certificate.objects.get(operator=operator),
            reason="Menyebarkan berita bohong",
        )

    @pytest.fixture
    def attended(self, trainer, operator, course, revoked):
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        session = workshop.invitations.get(operator=operator).session
        services.tick_attendance(actor=trainer, session=session, operator=operator)
        return workshop

    def press_issue(self, client, trainer, workshop):
        client.force_login(trainer)
        return client.post(
            reverse("workshops:issue_certificates", args=[workshop.pk]), follow=True
        )

    def test_the_batch_issues_nothing_and_tells_the_trainer_why(
        self, client, trainer, operator, desa_page, revoked, attended
    ):
        """No certificate, no publishing rights; the page names Siti and the reason."""
        from wagtail.models import ModelLogEntry

        from certificates.models import Certificate

        response = self.press_issue(client, trainer, attended)

        body = response.content.decode()
        assert "0 sertifikat berlaku untuk peserta lokakarya ini." in body
        assert (
            "Tidak diterbitkan untuk Siti Aminah (Operator Website Desa): Sertifikat "
            f"{revoked.number} milik Siti Aminah untuk Operator Website Desa telah "
            "dicabut. Minta Diskominfo mengakhiri pencabutan itu sebelum sertifikat "
            "baru diterbitkan."
        ) in body
        assert not Certificate.objects.filter(status="valid").exists()
        assert not desa_page.permissions_for_user(
            type(operator).objects.get(pk=operator.pk)
        ).can_publish()
        assert not ModelLogEntry.objects.filter(
            action="literasi.publishing.grant", user=trainer
        ).exists()

    def test_after_diskominfo_lifts_the_revocation_the_batch_issues(
        self, client, trainer, operator, desa_page, revoked, attended, beltim_admin
    ):
        """Once lifted with a reason, the same button issues and rights return."""
        from certificates.models import Certificate
        from certificates.services import lift_revocation

        lift_revocation(
            actor=beltim_admin, certificate=revoked, reason="Sudah ikut pembinaan"
        )

        response = self.press_issue(client, trainer, attended)

        assert "1 sertifikat berlaku" in response.content.decode()
        new = Certificate.objects.get(status="valid")
        assert new.operator == operator
        assert new.issued_by == trainer
        assert desa_page.permissions_for_user(
            type(operator).objects.get(pk=operator.pk)
        ).can_publish()

    def test_the_batch_closes_the_renewal_round_left_open(
        self, client, trainer, operator, portal
    ):
        """Siti's certificate expired and she opened a renewal round, then got a new
        certificate at the workshop: the round is closed and says it is no longer
        needed, and Kursus saya stops offering to continue it."""
        from certificates.models import Certificate
        from certificates.services import expire_certificates
        from courses.models import CoursePage, Renewal

        course = build_course(
            title="Keamanan Akun",
            modules=1,
            lessons_per_module=1,
            renewal_mode=CoursePage.RenewalMode.RETAKE,
        )
        finish_course(operator, course)
        old = Certificate.objects.get(operator=operator, course=course)
        expire_certificates(today=old.valid_until + timedelta(days=1))
        renewal = course_services.start_renewal(operator=operator, course=course)
        workshop = build_workshop(actor=trainer, course=course)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        session = workshop.invitations.get(operator=operator).session
        services.tick_attendance(actor=trainer, session=session, operator=operator)

        assert (
            "1 sertifikat berlaku"
            in self.press_issue(client, trainer, workshop).content.decode()
        )

        renewal.refresh_from_db()
        assert renewal.closed_at is not None and renewal.completed_at is None
        client.force_login(operator)
        page = client.get(reverse("courses:renewal", args=[renewal.pk]))
        assert "Pembaruan ini tidak diperlukan lagi" in page.content.decode()
        kursus = client.get(reverse("courses:my_courses")).content.decode()
        assert "Lanjutkan pembaruan" not in kursus
        assert Renewal.objects.filter(operator=operator).count() == 1

    def test_participants_who_have_not_finished_are_listed_in_one_line(
        self, client, trainer, course
    ):
        """The trainer sees who still has to finish the course, by name."""
        workshop = build_workshop(actor=trainer, course=course)
        first = OperatorFactory(first_name="Ani", last_name="Lestari")
        second = OperatorFactory(first_name="Dedi", last_name="Kurnia")
        services.invite(actor=trainer, workshop=workshop, desa=[first.region])
        for person in (first, second):
            session = workshop.invitations.get(operator=person).session
            services.tick_attendance(actor=trainer, session=session, operator=person)

        response = self.press_issue(client, trainer, workshop)

        assert (
            "Belum diterbitkan untuk Operator Website Desa karena kursusnya belum "
            "selesai: Ani Lestari, Dedi Kurnia."
        ) in response.content.decode()
