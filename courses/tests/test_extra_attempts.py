"""Extra attempts: a trainer or admin in scope gives an operator who used every
attempt at a quiz one more, with a reason, in the audit log."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.factories import TrainerFactory
from courses import services
from courses.factories import answer_all, build_course, wrong_form_values
from courses.models import ExtraAttempt, QuizAttempt, QuizPage
from courses.selectors import quiz_statuses
from courses.signals import extra_attempt_granted

# Every test gets the database through the shared world's fixtures (conftest.py).


@pytest.fixture
def quiz(portal):
    course = build_course(
        title="Terbatas",
        modules=1,
        lessons_per_module=1,
        quiz_options={"max_attempts": 2},
    )
    return QuizPage.objects.descendant_of(course).get()


def fail_once(operator, quiz):
    attempt = services.start_attempt(operator=operator, quiz=quiz)
    answer_all(operator, attempt, wrong_form_values)
    return services.submit_attempt(operator=operator, attempt=attempt)


@pytest.fixture
def out_of_attempts(operator, quiz):
    """Siti failed the quiz twice: every allowed attempt is used."""
    fail_once(operator, quiz)
    fail_once(operator, quiz)
    return operator


@pytest.fixture
def other_trainer(regions):
    """A trainer of Banjarnegara, another kabupaten."""
    return TrainerFactory(username="pendamping.banjarnegara", region_code="33.04")


def grant_url(quiz, operator):
    return reverse("courses:grant_extra_attempt", args=[quiz.pk, operator.pk])


class TestGrantExtraAttempt:
    def test_trainer_in_scope_gives_exactly_one_more_attempt(
        self, trainer, out_of_attempts, quiz
    ):
        """After a grant the operator starts one more attempt, and no more."""
        operator = out_of_attempts
        with pytest.raises(services.LearningError):
            services.start_attempt(operator=operator, quiz=quiz)
        services.grant_extra_attempt(
            actor=trainer, operator=operator, quiz=quiz, reason="Sinyal putus."
        )
        third = services.start_attempt(operator=operator, quiz=quiz)
        assert third.number == 3
        answer_all(operator, third, wrong_form_values)
        services.submit_attempt(operator=operator, attempt=third)
        with pytest.raises(services.LearningError, match="3"):
            services.start_attempt(operator=operator, quiz=quiz)
        assert QuizAttempt.objects.filter(operator=operator, quiz=quiz).count() == 3

    @pytest.mark.parametrize(
        "actor_fixture", ["gantung_admin", "beltim_admin", "superuser"]
    )
    def test_admins_whose_region_covers_the_desa_may_grant(
        self, request, actor_fixture, out_of_attempts, quiz
    ):
        """The kecamatan admin of the desa, Diskominfo of its kabupaten, a superuser."""
        actor = request.getfixturevalue(actor_fixture)
        grant = services.grant_extra_attempt(
            actor=actor, operator=out_of_attempts, quiz=quiz, reason="Ulang."
        )
        assert grant.granted_by == actor

    @pytest.mark.parametrize(
        "actor_fixture",
        ["other_trainer", "manggar_admin", "banjarnegara_admin", "other_operator"],
    )
    def test_nobody_outside_the_desas_region_may_grant(
        self, request, actor_fixture, out_of_attempts, quiz
    ):
        """Another kabupaten's trainer, another kecamatan's admin, an operator: refused."""
        actor = request.getfixturevalue(actor_fixture)
        with pytest.raises(PermissionDenied):
            services.grant_extra_attempt(
                actor=actor, operator=out_of_attempts, quiz=quiz, reason="Ulang."
            )
        assert not ExtraAttempt.objects.exists()

    def test_the_operator_cannot_grant_themselves_an_attempt(
        self, out_of_attempts, quiz
    ):
        """An operator is no trainer, not even for their own quiz."""
        with pytest.raises(PermissionDenied):
            services.grant_extra_attempt(
                actor=out_of_attempts,
                operator=out_of_attempts,
                quiz=quiz,
                reason="Saya mau lagi.",
            )
        assert not ExtraAttempt.objects.exists()

    def test_an_empty_reason_is_refused_and_nothing_saved(
        self, trainer, out_of_attempts, quiz, indonesian
    ):
        """The reason is what the operator reads: it is required."""
        with pytest.raises(services.LearningError, match="Tulis alasan"):
            services.grant_extra_attempt(
                actor=trainer, operator=out_of_attempts, quiz=quiz, reason="   "
            )
        assert not ExtraAttempt.objects.exists()

    def test_a_grant_while_attempts_remain_is_refused(
        self, trainer, operator, quiz, indonesian
    ):
        """One attempt used of two: nothing to grant yet, and the message says so."""
        fail_once(operator, quiz)
        with pytest.raises(services.LearningError, match="masih punya 1 kesempatan"):
            services.grant_extra_attempt(
                actor=trainer, operator=operator, quiz=quiz, reason="Ulang."
            )
        assert not ExtraAttempt.objects.exists()

    def test_the_same_grant_sent_twice_gives_one_attempt(
        self, trainer, out_of_attempts, quiz
    ):
        """A double submit: the second grant finds the first one unused."""
        services.grant_extra_attempt(
            actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Ulang."
        )
        with pytest.raises(services.LearningError):
            services.grant_extra_attempt(
                actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Ulang."
            )
        assert ExtraAttempt.objects.count() == 1

    def test_a_grant_after_passing_is_refused(
        self, trainer, operator, quiz, indonesian
    ):
        """An operator who passed needs no extra attempt, and the message says so."""
        fail_once(operator, quiz)
        attempt = services.start_attempt(operator=operator, quiz=quiz)
        answer_all(operator, attempt)
        services.submit_attempt(operator=operator, attempt=attempt)
        with pytest.raises(services.LearningError, match="sudah lulus"):
            services.grant_extra_attempt(
                actor=trainer, operator=operator, quiz=quiz, reason="Ulang."
            )
        assert not ExtraAttempt.objects.exists()

    def test_a_grant_is_in_the_audit_log_and_sent_once(
        self, trainer, out_of_attempts, quiz
    ):
        """The site history holds who gave it and why; listeners hear of it once."""
        heard = []

        def listener(sender, grant, **kwargs):
            heard.append(grant)

        extra_attempt_granted.connect(listener)
        try:
            grant = services.grant_extra_attempt(
                actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Sakit."
            )
        finally:
            extra_attempt_granted.disconnect(listener)
        assert heard == [grant]
        entry = ModelLogEntry.objects.get(action="literasi.extra_attempt.grant")
        assert entry.user == trainer
        assert entry.object_id == str(grant.pk)
        assert entry.data["reason"] == "Sakit."
        assert entry.data["operator"] == out_of_attempts.username


class TestGrantScreen:
    def test_progress_table_offers_a_grant_only_for_an_operator_out_of_attempts(
        self, client, trainer, out_of_attempts, other_operator, quiz, indonesian
    ):
        """The link shows beside Siti, who used both attempts, and nowhere else."""
        fail_once(other_operator, quiz)
        client.force_login(trainer)
        html = client.get(reverse("courses:progress_table")).content.decode()
        assert html.count("Beri satu kesempatan lagi") == 1
        assert grant_url(quiz, out_of_attempts) in html
        assert grant_url(quiz, other_operator) not in html

    def test_trainer_grants_from_the_form_and_goes_back_with_a_message(
        self, client, trainer, out_of_attempts, quiz, indonesian
    ):
        """POST with a reason: saved, back to the progress table, success message."""
        client.force_login(trainer)
        back = reverse("courses:progress_table") + "?q=Jangkar"
        response = client.post(
            grant_url(quiz, out_of_attempts),
            {"reason": "HP mati saat kuis.", "next": back},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == back
        assert "sekarang dapat mencoba" in response.content.decode()
        grant = ExtraAttempt.objects.get()
        assert (grant.operator, grant.granted_by) == (out_of_attempts, trainer)
        assert grant.reason == "HP mati saat kuis."

    def test_form_lists_past_grants_with_who_and_why(
        self, client, trainer, beltim_admin, out_of_attempts, quiz, indonesian
    ):
        """The form page shows every earlier grant: who gave it and the reason."""
        services.grant_extra_attempt(
            actor=beltim_admin,
            operator=out_of_attempts,
            quiz=quiz,
            reason="Lampu padam.",
        )
        fail_once(out_of_attempts, quiz)
        client.force_login(trainer)
        html = client.get(grant_url(quiz, out_of_attempts)).content.decode()
        assert "Lampu padam." in html
        assert beltim_admin.display_name in html
        assert "Kesempatan terpakai: 3 dari 3" in html

    def test_an_error_shows_the_form_again_with_what_was_typed(
        self, client, trainer, operator, quiz, indonesian
    ):
        """Attempts remain: refused with the reason, the text typed kept."""
        fail_once(operator, quiz)
        client.force_login(trainer)
        response = client.post(
            grant_url(quiz, operator), {"reason": "Coba lagi ya <b>besok</b>"}
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "masih punya 1 kesempatan" in html
        assert "Coba lagi ya &lt;b&gt;besok&lt;/b&gt;" in html
        assert not ExtraAttempt.objects.exists()

    def test_an_empty_reason_is_an_error_on_the_form(
        self, client, trainer, out_of_attempts, quiz, indonesian
    ):
        client.force_login(trainer)
        response = client.post(grant_url(quiz, out_of_attempts), {"reason": ""})
        assert response.status_code == 400
        assert "Tulis alasan" in response.content.decode()
        assert not ExtraAttempt.objects.exists()

    @pytest.mark.parametrize(
        ("actor_fixture", "status"),
        [
            ("other_trainer", 404),
            ("manggar_admin", 404),
            ("banjarnegara_admin", 404),
            ("operator", 403),
        ],
    )
    def test_out_of_scope_users_get_no_form_and_change_nothing(
        self, client, request, actor_fixture, status, out_of_attempts, quiz
    ):
        """Another kabupaten's trainer or another kecamatan's admin: 404; operators 403."""
        client.force_login(request.getfixturevalue(actor_fixture))
        url = grant_url(quiz, out_of_attempts)
        assert client.get(url).status_code == status
        assert client.post(url, {"reason": "Ulang."}).status_code == status
        assert not ExtraAttempt.objects.exists()

    def test_a_next_address_off_the_site_is_ignored(
        self, client, trainer, out_of_attempts, quiz
    ):
        client.force_login(trainer)
        response = client.post(
            grant_url(quiz, out_of_attempts),
            {"reason": "Ulang.", "next": "https://contoh.invalid/"},
        )
        assert response.url == reverse("courses:progress_table")


class TestQuizPageAfterAGrant:
    def test_quiz_page_shows_the_grant_and_try_again_works(
        self, client, trainer, out_of_attempts, quiz, indonesian
    ):
        """The operator reads the reason and "Coba lagi" starts attempt 3."""
        client.force_login(out_of_attempts)
        html = client.get(quiz.url).content.decode()
        assert "Coba lagi" not in html
        services.grant_extra_attempt(
            actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Sinyal putus."
        )
        html = client.get(quiz.url).content.decode()
        assert "Pendamping memberi Anda satu kesempatan lagi: Sinyal putus." in html
        assert "Coba lagi" in html
        response = client.post(reverse("courses:start_quiz", args=[quiz.pk]))
        attempt = QuizAttempt.objects.get(operator=out_of_attempts, number=3)
        assert response.url == reverse("courses:question", args=[attempt.pk, 1])
        html = client.get(quiz.url).content.decode()
        assert "Pendamping memberi Anda" not in html

    def test_quiz_page_queries_are_pinned(
        self, client, trainer, out_of_attempts, quiz, django_assert_num_queries
    ):
        """A limited quiz reads the grants in one query, whatever their number."""
        services.grant_extra_attempt(
            actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Ulang."
        )
        client.force_login(out_of_attempts)
        client.get(quiz.url)  # the course structure, then from the cache
        with django_assert_num_queries(12):
            assert client.get(quiz.url).status_code == 200

    def test_quiz_statuses_count_the_granted_attempt(
        self, trainer, out_of_attempts, quiz
    ):
        """Kursus saya and the course page read the same count as the quiz page."""
        services.grant_extra_attempt(
            actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Ulang."
        )
        status = quiz_statuses(out_of_attempts.pk, [quiz])[quiz.pk]
        assert (status.attempts, status.allowed, status.remaining) == (2, 3, 1)


class TestSiteHistory:
    def test_the_grant_is_listed_in_the_admins_site_history(
        self, client, superuser, trainer, out_of_attempts, quiz, indonesian
    ):
        """Admin → Laporan → Riwayat situs names the action in Indonesian."""
        services.grant_extra_attempt(
            actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Ulang."
        )
        client.force_login(superuser)
        html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
        assert "Kesempatan kuis tambahan diberikan" in html


class TestGrantsInTheAdmin:
    """Admin → Reports → Kesempatan kuis tambahan: the grants of the admin's region
    and their audit log, where Wagtail's Site history shows them to superusers only."""

    @pytest.fixture
    def grant(self, trainer, out_of_attempts, quiz):
        return services.grant_extra_attempt(
            actor=trainer, operator=out_of_attempts, quiz=quiz, reason="Baterai habis."
        )

    def test_diskominfo_of_the_operators_kabupaten_sees_the_grant_and_its_history(
        self, client, beltim_admin, trainer, grant, quiz, indonesian
    ):
        """The list names the operator, desa, quiz, who gave it and why; the
        grant's history holds the audit entry with its reason."""
        client.force_login(beltim_admin)
        admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("extra_attempts_admin:index") in admin_home
        html = client.get(reverse("extra_attempts_admin:index")).content.decode()
        assert "Kesempatan kuis tambahan" in html
        for shown in (
            grant.operator.display_name,
            grant.operator.region.display_name,
            quiz.title,
            trainer.display_name,
            "Baterai habis.",
        ):
            assert shown in html, shown
        history = client.get(reverse("extra_attempts_admin:history", args=[grant.pk]))
        body = history.content.decode()
        assert history.status_code == 200
        assert "Kesempatan kuis tambahan diberikan" in body
        assert "Baterai habis." in body

    def test_another_kabupatens_admin_sees_neither_the_grant_nor_its_history(
        self, client, banjarnegara_admin, manggar_admin, grant
    ):
        """Banjarnegara's Diskominfo and the admin of Kec. Manggar (the operator is
        in Gantung) find no grant: an empty list and a 404 history."""
        for admin in (banjarnegara_admin, manggar_admin):
            client.force_login(admin)
            response = client.get(reverse("extra_attempts_admin:index"))
            html = response.content.decode()
            assert response.status_code == 200
            assert "Baterai habis." not in html
            assert grant.operator.display_name not in html
            history = reverse("extra_attempts_admin:history", args=[grant.pk])
            assert client.get(history).status_code == 404

    def test_operators_never_reach_the_admin_list(self, client, out_of_attempts, grant):
        """Even the operator the grant is for is sent away from /admin/."""
        client.force_login(out_of_attempts)
        for url in (
            reverse("extra_attempts_admin:index"),
            reverse("extra_attempts_admin:history", args=[grant.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert not response["Location"].startswith("/admin/"), url
