"""Issuing, revoking, expiring and re-issuing certificates, and the publishing rights
they carry, checked with Wagtail's own page permissions."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.factories import OperatorFactory
from accounts.models import User
from certificates.models import Certificate, CertificateTemplate, NumberSequence
from certificates.services import (
    CertificateError,
    expire_certificates,
    issue_batch,
    issue_certificate,
    issue_certificate_by_hand,
    lift_revocation,
    reissue_certificate,
    revoke_certificate,
)
from courses import services as course_services
from courses.factories import build_course, finish_course
from courses.models import Enrollment
from courses.selectors import course_outline
from courses.signals import course_completed
from regions.models import Region


def page_rights(page, user):
    """Wagtail's permissions on `page` for a fresh copy of `user` (Wagtail caches
    a user's page permissions on the instance)."""
    return page.permissions_for_user(User.objects.get(pk=user.pk))


def can_publish(page, user):
    return page_rights(page, user).can_publish()


def log_entries(instance, action):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        action=action,
    )


@pytest.fixture
def course(portal):
    """A course whose certificate lets the operator publish."""
    return build_course(
        title="Operator Website Desa",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
    )


@pytest.fixture
def plain_course(portal):
    """A course whose certificate carries no publishing rights."""
    return build_course(title="Menulis Berita Desa", modules=1, lessons_per_module=1)


def this_year():
    return timezone.localdate().year


class TestPublishingRights:
    def test_operator_writes_but_cannot_publish_before_a_certificate(
        self, operator, desa_page
    ):
        """Without a certificate the operator edits drafts and submits them only."""
        rights = page_rights(desa_page, operator)

        assert rights.can_edit()
        assert rights.can_submit_for_moderation()
        assert not rights.can_publish()

    def test_certificate_lets_operator_publish_on_own_desa_only(
        self, operator, course, desa_page, other_desa_page
    ):
        """The certificate opens publishing on Jangkar Asam, never on Mekar Jaya."""
        issue_certificate(operator=operator, course=course)

        assert can_publish(desa_page, operator)
        assert not can_publish(other_desa_page, operator)
        assert not page_rights(other_desa_page, operator).can_edit()

    def test_revoking_the_certificate_takes_publishing_away(
        self, operator, course, desa_page, gantung_admin
    ):
        """After revocation the operator is back to drafts and submissions."""
        certificate = issue_certificate(operator=operator, course=course)

        revoke_certificate(
            actor=gantung_admin, certificate=certificate, reason="Data palsu"
        )

        assert not can_publish(desa_page, operator)
        assert page_rights(desa_page, operator).can_edit()

    def test_expiry_takes_publishing_away(self, operator, course, desa_page):
        """A certificate past its valid-until date stops carrying rights."""
        certificate = issue_certificate(operator=operator, course=course)

        assert expire_certificates(today=certificate.valid_until) == 0
        assert can_publish(desa_page, operator)
        assert (
            expire_certificates(today=certificate.valid_until + timedelta(days=1)) == 1
        )

        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.EXPIRED
        assert not can_publish(desa_page, operator)

    def test_reissue_keeps_publishing_and_the_old_numbers_history(
        self, operator, course, desa_page, beltim_admin
    ):
        """A name correction replaces the certificate: rights stay, the new number
        carries -R1, the old one keeps its number, name and history."""
        old = issue_certificate(operator=operator, course=course)
        User.objects.filter(pk=operator.pk).update(last_name="Aminah Putri")

        new = reissue_certificate(
            actor=beltim_admin, certificate=old, reason="Nama salah ketik"
        )

        old.refresh_from_db()
        assert old.status == Certificate.Status.REPLACED
        assert new.status == Certificate.Status.VALID
        assert new.number == f"{old.number}-R1"
        assert new.replaces_id == old.pk
        assert old.holder_name == "Siti Aminah"
        assert new.holder_name == "Siti Aminah Putri"
        assert Certificate.objects.filter(number=old.number).exists()
        assert log_entries(old, "literasi.certificate.issue").exists()
        assert log_entries(old, "literasi.certificate.replace").get().user == (
            beltim_admin
        )
        assert can_publish(desa_page, operator)
        assert not log_entries(operator, "literasi.publishing.revoke").exists()

    def test_reissuing_a_replacement_counts_the_revision_up(
        self, operator, course, beltim_admin
    ):
        """The second correction of LD/…/000001 is LD/…/000001-R2."""
        first = issue_certificate(operator=operator, course=course)
        second = reissue_certificate(
            actor=beltim_admin, certificate=first, reason="Nama salah ketik"
        )

        third = reissue_certificate(
            actor=beltim_admin, certificate=second, reason="Desa salah"
        )

        assert third.number == f"{first.number}-R2"
        assert list(
            Certificate.objects.filter(operator=operator)
            .order_by("pk")
            .values_list("status", flat=True)
        ) == ["replaced", "replaced", "valid"]

    def test_course_without_rights_gives_a_certificate_but_no_publishing(
        self, operator, plain_course, desa_page
    ):
        """A certificate of an ordinary course is valid but changes no rights."""
        certificate = issue_certificate(operator=operator, course=plain_course)

        assert certificate.is_valid
        assert not can_publish(desa_page, operator)
        assert not log_entries(operator, "literasi.publishing.grant").exists()

    def test_revoking_one_of_two_rights_certificates_keeps_publishing(
        self, operator, course, desa_page, gantung_admin
    ):
        """Rights go only when no valid certificate carries them any more."""
        second_course = build_course(
            title="Operator Website Desa Lanjutan",
            modules=1,
            lessons_per_module=1,
            grants_publishing_rights=True,
        )
        first = issue_certificate(operator=operator, course=course)
        second = issue_certificate(operator=operator, course=second_course)

        revoke_certificate(actor=gantung_admin, certificate=first, reason="Salah")
        assert can_publish(desa_page, operator)

        revoke_certificate(actor=gantung_admin, certificate=second, reason="Salah")
        assert not can_publish(desa_page, operator)


class TestAuditLog:
    def test_a_grant_is_logged_with_the_actor_and_the_certificate(
        self, operator, course, beltim_admin, indonesian
    ):
        """Issuing by hand logs who granted the rights, for which certificate."""
        certificate = issue_certificate_by_hand(
            actor=beltim_admin,
            operator=operator,
            course=course,
            reason="Ujian di atas kertas",
        )

        grant = log_entries(operator, "literasi.publishing.grant").get()
        assert grant.user == beltim_admin
        assert grant.data["reason"] == indonesian(
            "Certificate %(number)s", number=certificate.number
        )
        assert grant.data["desa"] == "19.06.02.2003"
        issue = log_entries(certificate, "literasi.certificate.issue").get()
        assert issue.user == beltim_admin
        assert issue.data["reason"] == "Ujian di atas kertas"

    def test_a_revocation_is_logged_with_the_actor_and_reason(
        self, operator, course, gantung_admin
    ):
        """Both the certificate and the operator's rights record who and why."""
        certificate = issue_certificate(operator=operator, course=course)

        revoke_certificate(
            actor=gantung_admin, certificate=certificate, reason="Data palsu"
        )

        for entry in (
            log_entries(certificate, "literasi.certificate.revoke").get(),
            log_entries(operator, "literasi.publishing.revoke").get(),
        ):
            assert entry.user == gantung_admin
            assert entry.data["reason"] == "Data palsu"

    def test_an_expiry_is_logged_without_actor_and_with_the_reason(
        self, operator, course, indonesian
    ):
        """The daily expiry is nobody's act; the log says validity ended."""
        certificate = issue_certificate(operator=operator, course=course)

        expire_certificates(today=certificate.valid_until + timedelta(days=1))

        for entry in (
            log_entries(certificate, "literasi.certificate.expire").get(),
            log_entries(operator, "literasi.publishing.revoke").get(),
        ):
            assert entry.user is None
            assert entry.data["reason"] == indonesian("Validity ended")


class TestAutomaticIssue:
    def test_finishing_the_course_issues_one_valid_certificate(
        self, operator, course, desa_page
    ):
        """All lessons done and all quizzes passed: one certificate, rights granted."""
        finish_course(operator, course)

        certificate = Certificate.objects.get(operator=operator, course=course)
        assert certificate.is_valid
        assert certificate.issued_by is None
        assert certificate.holder_name == "Siti Aminah"
        assert certificate.desa_name == "Desa Jangkar Asam"
        assert certificate.course_title == "Operator Website Desa"
        assert can_publish(desa_page, operator)

    def test_an_unfinished_course_issues_nothing(self, operator, course):
        """Lessons alone, without the quiz, earn no certificate."""
        for lesson in course_outline(course).lessons:
            course_services.complete_lesson(operator=operator, lesson=lesson)

        assert not Certificate.objects.exists()

    def test_certificate_and_completion_share_one_transaction(
        self, operator, course, desa_page, request
    ):
        """When the completion fails after the certificate is issued, neither stays."""

        def fail_after_certificate(**kwargs):
            raise RuntimeError("completion failed")

        # Connected after the certificates app's receiver, so it runs after it.
        course_completed.connect(fail_after_certificate, weak=False)
        request.addfinalizer(
            lambda: course_completed.disconnect(fail_after_certificate)
        )

        with pytest.raises(RuntimeError):
            finish_course(operator, course)

        assert not Certificate.objects.exists()
        assert not Enrollment.objects.filter(completed_at__isnull=False).exists()
        assert not can_publish(desa_page, operator)

    def test_a_second_completion_does_nothing(self, operator, course):
        """Completing again neither issues nor numbers another certificate."""
        finish_course(operator, course)

        assert not course_services.complete_course(operator=operator, course=course)

        assert Certificate.objects.filter(operator=operator).count() == 1
        assert NumberSequence.objects.get().value == 1

    def test_a_certificate_that_cannot_be_issued_does_not_undo_completion(self, course):
        """An operator without a desa still completes; the certificate waits."""
        homeless = OperatorFactory(username="tanpa.desa", region_code=None)

        assert course_services.complete_course(operator=homeless, course=course)

        assert Enrollment.objects.get(operator=homeless).completed_at is not None
        assert not Certificate.objects.exists()


class TestIssueCertificate:
    def test_issuing_twice_returns_the_same_certificate(self, operator, course):
        """A retry hands back the certificate already held and uses no new number."""
        first = issue_certificate(operator=operator, course=course)

        second = issue_certificate(operator=operator, course=course)

        assert second.pk == first.pk
        assert Certificate.objects.count() == 1
        assert NumberSequence.objects.get().value == 1

    def test_the_database_refuses_a_second_valid_certificate(self, operator, course):
        """One valid certificate per operator and course holds even past the service."""
        first = issue_certificate(operator=operator, course=course)

        with pytest.raises(IntegrityError), transaction.atomic():
            Certificate.objects.create(
                operator=operator,
                course=course,
                template=first.template,
                number="LD/19.06/0000/999999",
                token="token-kedua",
                short_code="ACDEFGHJKM",
            )

        assert Certificate.objects.count() == 1

    def test_numbers_count_up_per_kabupaten(
        self, operator, other_operator, klampok_operator, course
    ):
        """Each kabupaten numbers its certificates from 1 each year."""
        year = this_year()

        numbers = [
            issue_certificate(operator=person, course=course).number
            for person in (operator, other_operator, klampok_operator)
        ]

        assert numbers == [
            f"LD/19.06/{year}/000001",
            f"LD/19.06/{year}/000002",
            f"LD/33.04/{year}/000001",
        ]

    def test_a_kabupatens_own_template_sets_number_and_validity(
        self, operator, klampok_operator, course
    ):
        """Belitung Timur's template is used there; Banjarnegara keeps the default."""
        CertificateTemplate.objects.create(
            name="Templat Belitung Timur",
            kabupaten=Region.objects.get(code="19.06"),
            signatory_name="Drs. Ahmad",
            signatory_title="Kepala Diskominfo Belitung Timur",
            validity_months=0,
            number_pattern="SK-{kabupaten}-{year}-{seq:04d}",
        )

        beltim = issue_certificate(operator=operator, course=course)
        klampok = issue_certificate(operator=klampok_operator, course=course)

        assert beltim.number == f"SK-19.06-{this_year()}-0001"
        assert beltim.valid_until is None
        assert klampok.template.name == "Templat umum"
        assert klampok.valid_until is not None

    def test_operator_without_a_desa_gets_a_clear_error_and_nothing_is_written(
        self, course, indonesian
    ):
        """No certificate, no number, no log for an account outside any desa."""
        homeless = OperatorFactory(
            username="tanpa.desa", first_name="Tono", last_name="Saja", region_code=None
        )

        with pytest.raises(CertificateError) as error:
            issue_certificate(operator=homeless, course=course)

        assert str(error.value) == indonesian(
            "%(name)s is not an operator of a desa. Place the account in a desa before issuing a certificate.",
            name="Tono Saja",
        )
        assert not Certificate.objects.exists()
        assert not NumberSequence.objects.exists()
        assert not ModelLogEntry.objects.filter(action__startswith="literasi.").exists()

    def test_a_trainer_cannot_hold_a_certificate(self, trainer, course):
        """Certificates are for desa operators only."""
        with pytest.raises(CertificateError):
            issue_certificate(operator=trainer, course=course)

        assert not Certificate.objects.exists()


class TestIssueByHand:
    def test_admin_of_the_kabupaten_issues_with_a_reason(
        self, operator, course, beltim_admin
    ):
        """The certificate records who issued it by hand and why."""
        certificate = issue_certificate_by_hand(
            actor=beltim_admin,
            operator=operator,
            course=course,
            reason="  Ujian di atas kertas ",
        )

        assert certificate.is_valid
        assert certificate.issued_by == beltim_admin
        assert certificate.issue_reason == "Ujian di atas kertas"

    @pytest.mark.parametrize("admin", ["banjarnegara_admin", "manggar_admin"])
    def test_admin_outside_the_operators_region_is_refused(
        self, request, admin, operator, course
    ):
        """Banjarnegara's and Manggar's admins cannot issue to a Gantung operator."""
        actor = request.getfixturevalue(admin)

        with pytest.raises(PermissionDenied):
            issue_certificate_by_hand(
                actor=actor, operator=operator, course=course, reason="Titipan"
            )

        assert not Certificate.objects.exists()

    def test_issuing_by_hand_needs_a_reason(
        self, operator, course, beltim_admin, indonesian
    ):
        """A blank reason is refused with a message saying what to write."""
        with pytest.raises(CertificateError) as error:
            issue_certificate_by_hand(
                actor=beltim_admin, operator=operator, course=course, reason="  "
            )

        assert str(error.value) == indonesian(
            "Write why you issue this certificate by hand."
        )
        assert not Certificate.objects.exists()

    def test_a_batch_issues_only_to_finished_operators_in_the_actors_region(
        self, operator, other_operator, klampok_operator, course, gantung_admin
    ):
        """Gantung's admin issues to Gantung operators who completed the course."""
        unfinished = OperatorFactory(username="belum.selesai")
        for person in (operator, other_operator, klampok_operator):
            Enrollment.objects.create(
                operator=person, course=course, completed_at=timezone.now()
            )

        result = issue_batch(
            actor=gantung_admin,
            operators=[operator, other_operator, klampok_operator, unfinished],
            course=course,
        )

        assert [c.operator for c in result.issued] == [operator]
        assert Certificate.objects.count() == 1


def revoked(operator, course, admin):
    """The operator's certificate for the course, issued and then revoked."""
    certificate = issue_certificate(operator=operator, course=course)
    return revoke_certificate(
        actor=admin, certificate=certificate, reason="Menyebarkan berita bohong"
    )


def completed(*operators, course):
    for person in operators:
        Enrollment.objects.create(
            operator=person, course=course, completed_at=timezone.now()
        )


HOLD_MESSAGE = (
    "Sertifikat %(number)s milik Siti Aminah untuk Operator Website Desa telah "
    "dicabut. Minta Diskominfo mengakhiri pencabutan itu sebelum sertifikat baru "
    "diterbitkan."
)


class TestRevocationHold:
    def test_a_revocation_refuses_every_new_certificate_for_the_course(
        self, operator, course, desa_page, beltim_admin
    ):
        """No new certificate, no number, no rights while the revocation holds."""
        old = revoked(operator, course, beltim_admin)

        with pytest.raises(CertificateError) as error:
            issue_certificate(operator=operator, course=course)

        assert str(error.value) == HOLD_MESSAGE % {"number": old.number}
        assert list(Certificate.objects.values_list("status", flat=True)) == ["revoked"]
        assert NumberSequence.objects.get().value == 1
        assert not can_publish(desa_page, operator)

    def test_issuing_by_hand_is_refused_with_the_message(
        self, operator, course, desa_page, beltim_admin
    ):
        """The admin is told to have the revocation lifted first."""
        old = revoked(operator, course, beltim_admin)

        with pytest.raises(CertificateError) as error:
            issue_certificate_by_hand(
                actor=beltim_admin,
                operator=operator,
                course=course,
                reason="Ujian di atas kertas",
            )

        assert str(error.value) == HOLD_MESSAGE % {"number": old.number}
        assert not Certificate.objects.filter(status="valid").exists()
        assert not can_publish(desa_page, operator)

    def test_completing_the_course_after_a_revocation_issues_nothing(
        self, operator, course, desa_page, beltim_admin
    ):
        """The completion counts; the automatic certificate is held back."""
        revoked(operator, course, beltim_admin)

        finish_course(operator, course)

        assert Enrollment.objects.get(operator=operator).completed_at is not None
        assert not Certificate.objects.filter(status="valid").exists()
        assert not can_publish(desa_page, operator)
        assert (
            not log_entries(operator, "literasi.publishing.grant")
            .exclude(user=None)
            .exists()
        )

    def test_a_batch_skips_the_revoked_operator_and_says_why(
        self, operator, other_operator, course, desa_page, beltim_admin, trainer
    ):
        """Budi gets his certificate; Siti is listed as skipped, with the reason."""
        old = revoked(operator, course, beltim_admin)
        completed(operator, other_operator, course=course)

        result = issue_batch(
            actor=trainer, operators=[operator, other_operator], course=course
        )

        assert [c.operator for c in result.issued] == [other_operator]
        assert [(s.operator, s.why, s.reason) for s in result.skipped] == [
            (operator, "refused", HOLD_MESSAGE % {"number": old.number})
        ]
        assert not Certificate.objects.filter(operator=operator, status="valid")
        assert not can_publish(desa_page, operator)

    def test_a_batch_says_who_has_not_completed_and_who_is_outside_the_region(
        self, operator, other_operator, klampok_operator, course, gantung_admin
    ):
        """Each operator the batch leaves out is listed with the reason."""
        unfinished = OperatorFactory(username="belum.selesai")
        completed(operator, other_operator, klampok_operator, course=course)
        outside = (
            "Operator ini di luar wilayah Anda; sertifikatnya diterbitkan oleh admin "
            "wilayahnya."
        )

        result = issue_batch(
            actor=gantung_admin,
            operators=[operator, other_operator, klampok_operator, unfinished],
            course=course,
        )

        assert [c.operator for c in result.issued] == [operator]
        assert [(s.operator, s.reason) for s in result.skipped] == [
            (other_operator, outside),
            (klampok_operator, outside),
            (unfinished, "Kursus belum diselesaikan."),
        ]

    def test_a_revocation_holds_for_its_course_only(
        self, operator, course, plain_course, beltim_admin
    ):
        """Another course's certificate is still issued."""
        revoked(operator, course, beltim_admin)

        other = issue_certificate(operator=operator, course=plain_course)

        assert other.is_valid

    def test_an_expired_certificate_does_not_hold_back_a_new_one(
        self, operator, course, desa_page
    ):
        """Expiry is not a revocation: the operator earns the certificate again."""
        old = issue_certificate(operator=operator, course=course)
        expire_certificates(today=old.valid_until + timedelta(days=1))

        new = issue_certificate(operator=operator, course=course)

        assert new.pk != old.pk
        assert new.is_valid
        assert can_publish(desa_page, operator)

    def test_re_issuing_a_revoked_certificate_stays_impossible(
        self, operator, course, beltim_admin
    ):
        """A replacement is only for a valid certificate."""
        old = revoked(operator, course, beltim_admin)

        with pytest.raises(CertificateError):
            reissue_certificate(actor=beltim_admin, certificate=old, reason="Nama")

        assert not Certificate.objects.filter(status="valid").exists()


class TestLiftRevocation:
    def test_lifting_with_a_reason_lets_a_new_certificate_be_issued(
        self, operator, course, desa_page, beltim_admin, gantung_admin
    ):
        """The lift is logged with who and why; then issuing works again."""
        old = revoked(operator, course, beltim_admin)

        lift_revocation(
            actor=gantung_admin, certificate=old, reason="Sudah ikut pembinaan"
        )

        old.refresh_from_db()
        assert old.status == Certificate.Status.REVOKED
        assert old.lifted_by == gantung_admin
        assert old.lift_reason == "Sudah ikut pembinaan"
        entry = log_entries(old, "literasi.certificate.lift_revocation").get()
        assert entry.user == gantung_admin
        assert entry.data["reason"] == "Sudah ikut pembinaan"
        assert entry.message == "Pencabutan sertifikat diakhiri"
        assert not can_publish(desa_page, operator)  # lifting grants nothing

        new = issue_certificate_by_hand(
            actor=beltim_admin, operator=operator, course=course, reason="Ujian ulang"
        )

        assert new.is_valid
        assert new.pk != old.pk
        assert can_publish(desa_page, operator)

    def test_after_lifting_completing_the_course_issues_automatically(
        self, operator, course, desa_page, beltim_admin
    ):
        """The automatic way works again too."""
        old = revoked(operator, course, beltim_admin)
        lift_revocation(actor=beltim_admin, certificate=old, reason="Sudah dibina")

        finish_course(operator, course)

        assert Certificate.objects.get(operator=operator, status="valid")
        assert can_publish(desa_page, operator)

    @pytest.mark.parametrize("reason", ["", "   ", None])
    def test_lifting_needs_a_reason(self, reason, operator, course, beltim_admin):
        """No reason, no lift: the revocation still holds."""
        old = revoked(operator, course, beltim_admin)

        with pytest.raises(CertificateError) as error:
            lift_revocation(actor=beltim_admin, certificate=old, reason=reason)

        assert str(error.value) == "Tulis alasan pencabutan ini diakhiri."
        old.refresh_from_db()
        assert old.lifted_at is None
        with pytest.raises(CertificateError):
            issue_certificate(operator=operator, course=course)

    @pytest.mark.parametrize(
        "actor", ["banjarnegara_admin", "manggar_admin", "trainer"]
    )
    def test_only_an_admin_in_scope_may_lift(
        self, request, actor, operator, course, beltim_admin
    ):
        """Another kabupaten's or kecamatan's admin, and the trainer, are refused."""
        old = revoked(operator, course, beltim_admin)

        with pytest.raises(PermissionDenied):
            lift_revocation(
                actor=request.getfixturevalue(actor),
                certificate=old,
                reason="Titipan",
            )

        old.refresh_from_db()
        assert old.lifted_at is None
        assert not log_entries(old, "literasi.certificate.lift_revocation").exists()

    def test_lifting_twice_or_lifting_a_valid_certificate_changes_nothing(
        self, operator, course, beltim_admin
    ):
        """Only a revocation that still holds can be lifted."""
        old = revoked(operator, course, beltim_admin)
        lift_revocation(actor=beltim_admin, certificate=old, reason="Sudah dibina")
        new = issue_certificate(operator=operator, course=course)

        for certificate in (old, new):
            with pytest.raises(CertificateError) as error:
                lift_revocation(
                    actor=beltim_admin, certificate=certificate, reason="Lagi"
                )
            assert str(error.value) == (
                f"Sertifikat {certificate.number} tidak memiliki pencabutan yang "
                "perlu diakhiri; tidak ada yang diubah."
            )

        assert log_entries(old, "literasi.certificate.lift_revocation").count() == 1

    def test_the_database_keeps_lifting_to_revoked_certificates(self, operator, course):
        """A valid certificate cannot carry a lift, even past the service."""
        certificate = issue_certificate(operator=operator, course=course)

        with pytest.raises(IntegrityError), transaction.atomic():
            Certificate.objects.filter(pk=certificate.pk).update(
                lifted_at=timezone.now()
            )


class TestRevokeCertificate:
    def test_revoking_twice_is_refused_and_changes_nothing(
        self, operator, course, gantung_admin, beltim_admin, indonesian
    ):
        """The second revocation says the certificate is already revoked."""
        certificate = issue_certificate(operator=operator, course=course)
        revoke_certificate(
            actor=gantung_admin, certificate=certificate, reason="Data palsu"
        )

        with pytest.raises(CertificateError) as error:
            revoke_certificate(
                actor=beltim_admin, certificate=certificate, reason="Lagi"
            )

        assert str(error.value) == indonesian(
            "Certificate %(number)s is already %(status)s; nothing was changed.",
            number=certificate.number,
            status=indonesian("Revoked").lower(),
        )
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.REVOKED
        assert certificate.ended_by == gantung_admin
        assert certificate.end_reason == "Data palsu"
        assert log_entries(certificate, "literasi.certificate.revoke").count() == 1

    @pytest.mark.parametrize("reason", ["", "   ", None])
    def test_revoking_without_a_reason_is_refused(
        self, reason, operator, course, desa_page, gantung_admin, indonesian
    ):
        """No reason, no revocation: the certificate and its rights stay."""
        certificate = issue_certificate(operator=operator, course=course)

        with pytest.raises(CertificateError) as error:
            revoke_certificate(
                actor=gantung_admin, certificate=certificate, reason=reason
            )

        assert str(error.value) == indonesian(
            "Write the reason for revoking the certificate."
        )
        certificate.refresh_from_db()
        assert certificate.is_valid
        assert can_publish(desa_page, operator)

    def test_admin_of_another_kecamatan_cannot_revoke(
        self, operator, course, manggar_admin
    ):
        """Manggar's admin has no say over a Gantung certificate."""
        certificate = issue_certificate(operator=operator, course=course)

        with pytest.raises(PermissionDenied):
            revoke_certificate(
                actor=manggar_admin, certificate=certificate, reason="Coba"
            )

        certificate.refresh_from_db()
        assert certificate.is_valid

    def test_reissuing_without_a_reason_is_refused(
        self, operator, course, beltim_admin
    ):
        """A replacement needs a reason; the old certificate stays valid."""
        certificate = issue_certificate(operator=operator, course=course)

        with pytest.raises(CertificateError):
            reissue_certificate(actor=beltim_admin, certificate=certificate, reason="")

        certificate.refresh_from_db()
        assert certificate.is_valid
        assert Certificate.objects.count() == 1


class TestExpireCertificates:
    def test_a_certificate_without_end_date_never_expires(
        self, operator, course, desa_page
    ):
        """Validity 0 months: valid however far the day."""
        CertificateTemplate.objects.filter(kabupaten__isnull=True).update(
            validity_months=0
        )
        certificate = issue_certificate(operator=operator, course=course)

        assert expire_certificates(today=date(2099, 12, 31)) == 0

        certificate.refresh_from_db()
        assert certificate.is_valid
        assert can_publish(desa_page, operator)

    def test_a_revoked_certificate_is_not_expired_again(
        self, operator, course, gantung_admin
    ):
        """Only valid certificates are counted and changed."""
        certificate = issue_certificate(operator=operator, course=course)
        revoke_certificate(
            actor=gantung_admin, certificate=certificate, reason="Data palsu"
        )

        assert (
            expire_certificates(today=certificate.valid_until + timedelta(days=1)) == 0
        )

        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.REVOKED

    def test_the_command_expires_due_certificates_and_prints_the_count(
        self, operator, other_operator, course, desa_page
    ):
        """`manage.py expire_certificates` reports how many it expired."""
        due = issue_certificate(operator=operator, course=course)
        issue_certificate(operator=other_operator, course=course)
        Certificate.objects.filter(pk=due.pk).update(
            valid_until=timezone.localdate() - timedelta(days=1)
        )
        out = io.StringIO()

        call_command("expire_certificates", stdout=out)

        assert out.getvalue() == "1 certificate(s) expired.\n"
        due.refresh_from_db()
        assert due.status == Certificate.Status.EXPIRED
        assert not can_publish(desa_page, operator)
        assert Certificate.objects.filter(status="valid").count() == 1

    def test_the_command_prints_zero_when_nothing_is_due(self, operator, course):
        """A day without expiries says so."""
        issue_certificate(operator=operator, course=course)
        out = io.StringIO()

        call_command("expire_certificates", stdout=out)

        assert out.getvalue() == "0 certificate(s) expired.\n"
