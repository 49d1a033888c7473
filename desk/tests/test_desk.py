"""The consultation desk (pendampingan): questions from a desa, answers from its
trainers and admins, the queue, and the counts the readiness dashboard shows."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.factories import OperatorFactory, TrainerFactory
from accounts.models import User
from desk.demo import create_demo_help_threads
from desk.models import HelpMessage, HelpRequest
from desk.selectors import desk_counts
from desk.services import (
    DeskError,
    add_follow_up,
    answer_help_request,
    close_help_request,
    open_help_request,
    thread_url,
)

JANGKAR_ASAM = "19.06.02.2003"
MEKAR_JAYA = "19.06.01.2012"

NOT_A_PICTURE = (
    "The screenshot must be a picture in PNG, JPEG, WebP or GIF format. "
    "Take the screenshot again or choose another file."
)
TOO_LARGE = (
    "The screenshot is larger than 2 MB. Send a smaller picture, "
    "for example a screenshot of only the part that matters."
)
ANSWER_SUBJECT = "Your question “%(subject)s” has an answer"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def stored_files(settings):
    roots = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]
    return [p for root in roots for p in Path(root).rglob("*") if p.is_file()]


def picture(name="layar-saya.png", image_format="PNG", size=(60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 79)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def ask(operator, subject="Foto tidak muncul di berita", body="Bagaimana caranya?"):
    return open_help_request(
        operator=operator,
        topic=HelpRequest.Topic.PHOTO,
        subject=subject,
        body=body,
    )


def form_data(**overrides):
    data = {
        "topic": "foto",
        "subject": "Foto tidak muncul di berita",
        "body": "Saya sudah memilih foto dari HP, tetapi tidak muncul.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def banjarnegara_trainer(world):
    return TrainerFactory(username="pendamping.banjarnegara", region_code="33.04")


class TestOpenHelpRequest:
    def test_an_operator_opens_a_request_for_their_own_desa(self, client, operator):
        """The thread belongs to the operator's desa and waits for an answer."""
        client.force_login(operator)

        response = client.post(reverse("desk:open"), form_data())

        help_request = HelpRequest.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("desk:thread", args=[help_request.pk])
        assert help_request.desa.code == JANGKAR_ASAM
        assert help_request.opened_by == operator
        assert help_request.topic == HelpRequest.Topic.PHOTO
        assert help_request.status == HelpRequest.Status.NEW
        assert help_request.waiting_since is not None
        message = help_request.messages.get()
        assert message.author == operator
        assert not message.from_staff
        assert not message.screenshot

    def test_a_screenshot_is_stored_under_a_random_name(
        self, client, operator, settings
    ):
        """The file goes to storage, named by the server, never by the user."""
        client.force_login(operator)

        client.post(
            reverse("desk:open"),
            form_data(screenshot=picture("rahasia-siti.png")),
        )

        message = HelpMessage.objects.get()
        assert message.screenshot.name.startswith("desk/")
        assert message.screenshot.name.endswith(".png")
        assert "rahasia" not in message.screenshot.name
        assert len(Path(message.screenshot.name).stem) == 32
        assert stored_files(settings) == [Path(message.screenshot.path)]

    def test_the_stored_extension_follows_the_content_not_the_name(self, operator):
        """A JPEG sent as `foto.png` is stored as .jpg."""
        help_request = open_help_request(
            operator=operator,
            topic=HelpRequest.Topic.PHOTO,
            subject="Foto",
            body="Lihat gambar.",
            screenshot=picture("foto.png", image_format="JPEG"),
        )

        assert help_request.messages.get().screenshot.name.endswith(".jpg")

    def test_a_text_file_renamed_png_is_refused_and_nothing_is_saved(
        self, client, operator, settings, indonesian
    ):
        """The content decides: the operator is told what to send instead."""
        client.force_login(operator)
        fake = SimpleUploadedFile(
            "layar.png", b"bukan gambar, hanya teks", content_type="image/png"
        )

        response = client.post(reverse("desk:open"), form_data(screenshot=fake))

        assert response.status_code == 400
        assert response.context["form"].errors["screenshot"] == [
            indonesian(NOT_A_PICTURE)
        ]
        assert not HelpRequest.objects.exists()
        assert not HelpMessage.objects.exists()
        assert stored_files(settings) == []

    def test_the_service_refuses_a_renamed_text_file_too(self, operator, settings):
        """The rule holds for any caller, not only for the form."""
        fake = SimpleUploadedFile("layar.png", b"GIF89a bukan gambar")

        with pytest.raises(DeskError):
            open_help_request(
                operator=operator,
                topic=HelpRequest.Topic.PHOTO,
                subject="Foto",
                body="Lihat gambar.",
                screenshot=fake,
            )

        assert not HelpRequest.objects.exists()
        assert stored_files(settings) == []

    def test_a_picture_over_2_mb_is_refused(
        self, client, operator, settings, indonesian
    ):
        """A valid picture larger than 2 MB is refused before it is read."""
        client.force_login(operator)
        big = picture()
        big = SimpleUploadedFile("besar.png", big.read() + b"\0" * (2 * 1024 * 1024))

        response = client.post(reverse("desk:open"), form_data(screenshot=big))

        assert response.context["form"].errors["screenshot"] == [indonesian(TOO_LARGE)]
        assert not HelpRequest.objects.exists()
        assert stored_files(settings) == []

    def test_a_picture_in_another_format_is_refused(self, client, operator):
        """Pillow knows BMP, but the desk accepts only PNG, JPEG, WebP and GIF."""
        client.force_login(operator)

        response = client.post(
            reverse("desk:open"),
            form_data(screenshot=picture("layar.png", image_format="BMP")),
        )

        assert "screenshot" in response.context["form"].errors
        assert not HelpRequest.objects.exists()

    def test_the_form_shows_again_what_the_operator_typed(self, client, operator):
        """After an error the subject and the message are still there."""
        client.force_login(operator)

        response = client.post(
            reverse("desk:open"),
            form_data(topic="", body="Pesan panjang saya yang tidak boleh hilang."),
        )

        content = response.content.decode()
        assert response.status_code == 400
        assert "Pesan panjang saya yang tidak boleh hilang." in content
        assert 'value="Foto tidak muncul di berita"' in content

    def test_sending_the_same_question_twice_opens_one_thread(self, operator):
        """A double tap on a slow connection does not open two threads."""
        first = ask(operator)
        second = ask(operator)

        assert first == second
        assert HelpMessage.objects.count() == 1

    def test_trainers_do_not_open_requests(self, client, trainer):
        """Questions come from a desa; the trainer gets no form to ask."""
        client.force_login(trainer)

        response = client.get(reverse("desk:open"))

        assert response.status_code == 403
        with pytest.raises(PermissionDenied):
            ask(trainer)


class TestDesaThreads:
    def test_the_next_operator_of_the_desa_sees_the_history(
        self, client, operator, gantung_admin
    ):
        """After an election the new operator finds the desa's earlier threads."""
        from accounts.services import deactivate_operator

        help_request = ask(operator)
        answer_help_request(
            author=gantung_admin, help_request=help_request, body="Begini caranya."
        )
        deactivate_operator(actor=gantung_admin, operator=operator)
        successor = OperatorFactory(region_code=JANGKAR_ASAM)
        client.force_login(successor)

        listing = client.get(reverse("desk:index"))
        thread = client.get(reverse("desk:thread", args=[help_request.pk]))

        assert list(listing.context["page_obj"]) == [help_request]
        assert thread.status_code == 200
        assert "Begini caranya." in thread.content.decode()
        assert operator.display_name in thread.content.decode()

    def test_the_next_operator_can_carry_the_thread_on(self, operator):
        """A follow-up by another operator of the desa is accepted."""
        help_request = ask(operator)
        successor = OperatorFactory(region_code=JANGKAR_ASAM)

        add_follow_up(operator=successor, help_request=help_request, body="Masih?")

        assert help_request.messages.count() == 2

    def test_staff_are_sent_to_their_queue(self, client, trainer):
        """The desk's front page is the queue for those who answer."""
        client.force_login(trainer)

        response = client.get(reverse("desk:index"))

        assert response["Location"] == reverse("desk:queue")

    def test_the_header_links_operators_and_staff_to_the_desk(
        self, client, operator, trainer
    ):
        """Operators reach their desa's threads, staff their queue, from any page."""
        client.force_login(operator)
        as_operator = client.get(reverse("desk:index")).content.decode()
        client.force_login(trainer)
        as_trainer = client.get(reverse("desk:queue")).content.decode()

        assert f'href="{reverse("desk:index")}"' in as_operator
        assert f'href="{reverse("desk:queue")}"' in as_trainer

    @pytest.mark.parametrize("count", [3, 20])
    def test_the_list_costs_the_same_queries_for_3_or_20_threads(
        self, client, operator, count, django_assert_num_queries
    ):
        """Who asked and how many messages come with the threads, not one query each."""
        for number in range(count):
            ask(operator, subject=f"Pertanyaan {number}")
        client.force_login(operator)
        url = reverse("desk:index")
        client.get(url)

        with django_assert_num_queries(5):
            response = client.get(url)

        assert len(response.context["page_obj"]) == count


class TestThreadScope:
    @pytest.mark.parametrize(
        "outsider",
        [
            "other_operator",
            "klampok_operator",
            "banjarnegara_admin",
            "banjarnegara_trainer",
            "manggar_admin",
        ],
    )
    def test_someone_outside_the_desas_region_finds_nothing(
        self, client, operator, outsider, request
    ):
        """Another desa, kecamatan or kabupaten gets 404 and an empty list."""
        help_request = open_help_request(
            operator=operator,
            topic=HelpRequest.Topic.PHOTO,
            subject="Foto",
            body="Lihat gambar.",
            screenshot=picture(),
        )
        message = help_request.messages.get()
        user = request.getfixturevalue(outsider)
        client.force_login(user)

        thread = client.get(reverse("desk:thread", args=[help_request.pk]))
        answer = client.post(
            reverse("desk:thread", args=[help_request.pk]), {"body": "Halo"}
        )
        close = client.post(reverse("desk:close", args=[help_request.pk]))
        image = client.get(reverse("desk:screenshot", args=[message.pk]))
        listing = client.get(
            reverse("desk:queue" if user.role != User.Role.OPERATOR else "desk:index")
        )

        assert thread.status_code == 404
        assert answer.status_code == 404
        assert close.status_code == 404
        assert image.status_code == 404
        assert list(listing.context["page_obj"]) == []
        assert help_request.messages.count() == 1

    @pytest.mark.parametrize(
        "insider", ["operator", "gantung_admin", "beltim_admin", "trainer"]
    )
    def test_the_desa_and_its_region_see_the_thread(
        self, client, operator, insider, request
    ):
        """The desa, its kecamatan admin and its kabupaten's trainer and admin see it."""
        help_request = ask(operator)
        client.force_login(request.getfixturevalue(insider))

        response = client.get(reverse("desk:thread", args=[help_request.pk]))

        assert response.status_code == 200

    def test_a_kecamatan_admin_sees_only_their_kecamatans_threads(
        self, client, operator, other_operator, manggar_admin
    ):
        """Manggar's admin sees Mekar Jaya's question, not Jangkar Asam's (Gantung)."""
        ask(operator, subject="Dari Gantung")
        mekar_jaya = ask(other_operator, subject="Dari Manggar")
        client.force_login(manggar_admin)

        response = client.get(reverse("desk:queue"))

        assert list(response.context["page_obj"]) == [mekar_jaya]

    def test_a_screenshot_is_served_to_the_desa_as_a_picture(self, client, operator):
        """The picture comes through a guarded address with its own type."""
        help_request = open_help_request(
            operator=operator,
            topic=HelpRequest.Topic.PHOTO,
            subject="Foto",
            body="Lihat gambar.",
            screenshot=picture(),
        )
        client.force_login(operator)

        response = client.get(
            reverse("desk:screenshot", args=[help_request.messages.get().pk])
        )

        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    @pytest.mark.parametrize("answers", [1, 12])
    def test_a_thread_costs_the_same_queries_for_2_or_13_messages(
        self, client, operator, trainer, answers, django_assert_num_queries
    ):
        """Authors come with the messages, not one query each."""
        help_request = ask(operator)
        for number in range(answers):
            answer_help_request(
                author=trainer, help_request=help_request, body=f"Jawaban {number}"
            )
        client.force_login(operator)
        url = reverse("desk:thread", args=[help_request.pk])
        client.get(url)

        with django_assert_num_queries(4):
            response = client.get(url)

        assert len(response.context["thread_messages"]) == answers + 1


class TestFollowUp:
    def test_a_follow_up_puts_an_answered_thread_back_in_the_queue(
        self, client, operator, trainer
    ):
        """The desa writes again: the thread waits for an answer from now."""
        help_request = ask(operator)
        answer_help_request(author=trainer, help_request=help_request, body="Coba ini.")
        client.force_login(operator)

        response = client.post(
            reverse("desk:thread", args=[help_request.pk]),
            {"body": "Sudah saya coba, masih gagal."},
        )

        help_request.refresh_from_db()
        assert response.status_code == 302
        assert help_request.status == HelpRequest.Status.NEW
        assert help_request.waiting_since == help_request.messages.last().created_at

    def test_a_follow_up_while_waiting_keeps_the_start_of_the_wait(self, operator):
        """Writing again does not move the desa to the back of the queue."""
        help_request = ask(operator)
        started = help_request.waiting_since

        add_follow_up(operator=operator, help_request=help_request, body="Tambahan.")

        help_request.refresh_from_db()
        assert help_request.waiting_since == started

    def test_a_follow_up_reopens_a_closed_thread(self, operator, trainer):
        """A closed question comes back to the queue when the desa writes again."""
        help_request = ask(operator)
        close_help_request(actor=trainer, help_request=help_request)

        add_follow_up(operator=operator, help_request=help_request, body="Lagi.")

        help_request.refresh_from_db()
        assert help_request.status == HelpRequest.Status.NEW
        assert help_request.closed_at is None
        assert help_request.waiting_since is not None


class TestAnswer:
    def test_answering_emails_the_desas_operators_and_marks_it_answered(
        self,
        client,
        operator,
        other_operator,
        trainer,
        indonesian,
        django_capture_on_commit_callbacks,
    ):
        """Only active operators of the desa with an address get the email."""
        OperatorFactory(region_code=JANGKAR_ASAM, email="")
        OperatorFactory(region_code=JANGKAR_ASAM, is_active=False)
        help_request = ask(operator)
        client.force_login(trainer)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("desk:thread", args=[help_request.pk]),
                {"body": "Tekan tombol Unggah, lalu Simpan."},
            )

        help_request.refresh_from_db()
        assert response.status_code == 302
        assert help_request.status == HelpRequest.Status.ANSWERED
        assert help_request.waiting_since is None
        answer = help_request.messages.last()
        assert answer.from_staff
        assert answer.author == trainer
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == [operator.email]
        assert email.subject == indonesian(
            ANSWER_SUBJECT, subject="Foto tidak muncul di berita"
        )
        assert thread_url(help_request=help_request) in email.body
        assert "Tekan tombol Unggah, lalu Simpan." in email.body

    def test_each_operator_gets_their_own_email(
        self, operator, trainer, django_capture_on_commit_callbacks
    ):
        """Two operators of the desa get one email each, not each other's address."""
        second = OperatorFactory(region_code=JANGKAR_ASAM)
        help_request = ask(operator)

        with django_capture_on_commit_callbacks(execute=True):
            answer_help_request(author=trainer, help_request=help_request, body="Ya.")

        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [operator.email, second.email]
        )
        assert all(len(m.to) == 1 for m in mail.outbox)

    def test_no_email_leaves_before_the_answer_is_saved(
        self, operator, trainer, django_capture_on_commit_callbacks
    ):
        """The email waits for the commit; a rolled-back answer sends nothing."""
        help_request = ask(operator)

        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            answer_help_request(author=trainer, help_request=help_request, body="Ya.")

        assert len(callbacks) == 1
        assert mail.outbox == []

    def test_a_double_submitted_answer_creates_one_message_and_one_email(
        self, client, operator, trainer, django_capture_on_commit_callbacks
    ):
        """The same answer sent twice within seconds is saved and emailed once."""
        help_request = ask(operator)
        client.force_login(trainer)
        url = reverse("desk:thread", args=[help_request.pk])

        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(url, {"body": "Coba unggah ulang."})
            second = client.post(url, {"body": "Coba unggah ulang."})

        assert first.status_code == second.status_code == 302
        assert help_request.messages.filter(from_staff=True).count() == 1
        assert len(mail.outbox) == 1

    def test_the_same_words_later_are_a_new_answer(self, operator, trainer):
        """Only a repeat within a few seconds counts as a double submit."""
        help_request = ask(operator)
        first = answer_help_request(
            author=trainer, help_request=help_request, body="Sudah?"
        )
        HelpMessage.objects.filter(pk=first.pk).update(
            created_at=timezone.now() - timedelta(minutes=5)
        )

        answer_help_request(author=trainer, help_request=help_request, body="Sudah?")

        assert help_request.messages.filter(from_staff=True).count() == 2

    def test_an_operator_cannot_answer(self, operator):
        """Answers come from trainers and admins only."""
        help_request = ask(operator)

        with pytest.raises(PermissionDenied):
            answer_help_request(author=operator, help_request=help_request, body="Ya")

    def test_a_trainer_of_another_kabupaten_cannot_answer(
        self, operator, banjarnegara_trainer
    ):
        """Banjarnegara's trainer does not answer Belitung Timur's desa."""
        help_request = ask(operator)

        with pytest.raises(PermissionDenied):
            answer_help_request(
                author=banjarnegara_trainer, help_request=help_request, body="Ya"
            )

    def test_an_empty_answer_is_refused_and_the_page_says_so(
        self, client, operator, trainer
    ):
        """Nothing is saved and the form asks for the message."""
        help_request = ask(operator)
        client.force_login(trainer)

        response = client.post(
            reverse("desk:thread", args=[help_request.pk]), {"body": "   "}
        )

        assert response.status_code == 400
        assert response.context["form"].errors["body"]
        assert help_request.messages.count() == 1


class TestClose:
    def test_closing_marks_the_thread_done(self, client, operator, beltim_admin):
        """The Diskominfo admin closes it: done, and no longer waiting."""
        help_request = ask(operator)
        client.force_login(beltim_admin)

        response = client.post(reverse("desk:close", args=[help_request.pk]))

        help_request.refresh_from_db()
        assert response.status_code == 302
        assert help_request.status == HelpRequest.Status.CLOSED
        assert help_request.closed_at is not None
        assert help_request.waiting_since is None

    def test_an_operator_cannot_close_their_thread(self, client, operator):
        """The desa sees the thread but closing is for the help desk."""
        help_request = ask(operator)
        client.force_login(operator)

        response = client.post(reverse("desk:close", args=[help_request.pk]))

        help_request.refresh_from_db()
        assert response.status_code == 403
        assert help_request.status == HelpRequest.Status.NEW

    def test_closing_is_only_by_post(self, client, operator, trainer):
        """A link followed by a crawler or a preview closes nothing."""
        help_request = ask(operator)
        client.force_login(trainer)

        response = client.get(reverse("desk:close", args=[help_request.pk]))

        assert response.status_code == 405


class TestQueue:
    def test_waiting_threads_come_oldest_wait_first(
        self, client, operator, other_operator, trainer
    ):
        """The desa that has waited longest is at the top."""
        recent = ask(operator, subject="Baru saja")
        oldest = ask(other_operator, subject="Sejak kemarin")
        HelpRequest.objects.filter(pk=oldest.pk).update(
            waiting_since=timezone.now() - timedelta(days=1)
        )
        client.force_login(trainer)

        response = client.get(reverse("desk:queue"))

        assert list(response.context["page_obj"]) == [oldest, recent]

    @pytest.mark.parametrize(
        ("status", "expected"),
        [("baru", "waiting"), ("dijawab", "answered"), ("selesai", "closed")],
    )
    def test_the_queue_filters_by_status(
        self, client, operator, trainer, status, expected
    ):
        """Each status shows its own threads."""
        threads = {
            "waiting": ask(operator, subject="Menunggu"),
            "answered": ask(operator, subject="Terjawab"),
            "closed": ask(operator, subject="Selesai"),
        }
        answer_help_request(
            author=trainer, help_request=threads["answered"], body="Jawaban."
        )
        close_help_request(actor=trainer, help_request=threads["closed"])
        client.force_login(trainer)

        response = client.get(reverse("desk:queue"), {"status": status})

        assert list(response.context["page_obj"]) == [threads[expected]]

    def test_an_unknown_status_shows_the_waiting_threads(
        self, client, operator, trainer
    ):
        """A hand-edited address falls back to what needs an answer."""
        waiting = ask(operator)
        client.force_login(trainer)

        response = client.get(reverse("desk:queue"), {"status": "semua"})

        assert response.context["status"] == "baru"
        assert list(response.context["page_obj"]) == [waiting]

    def test_operators_have_no_queue(self, client, operator):
        """The queue is for those who answer."""
        client.force_login(operator)

        response = client.get(reverse("desk:queue"))

        assert response.status_code == 403

    def test_the_queue_is_paginated(self, client, operator, trainer):
        """Thirty waiting threads make two pages."""
        for number in range(30):
            ask(operator, subject=f"Pertanyaan {number}")
        client.force_login(trainer)

        second = client.get(reverse("desk:queue"), {"status": "baru", "p": 2})

        assert second.context["page_obj"].paginator.num_pages == 2
        assert len(second.context["page_obj"]) == 5

    @pytest.mark.parametrize("count", [3, 20])
    def test_the_queue_costs_the_same_queries_for_3_or_20_threads(
        self,
        client,
        operator,
        other_operator,
        trainer,
        count,
        django_assert_num_queries,
    ):
        """Desa, kecamatan and message counts come with the threads."""
        for number in range(count):
            ask(
                operator if number % 2 else other_operator,
                subject=f"Pertanyaan {number}",
            )
        client.force_login(trainer)
        url = reverse("desk:queue")
        client.get(url)

        with django_assert_num_queries(8):
            response = client.get(url)

        assert len(response.context["page_obj"]) == count


class TestDeskCounts:
    def test_counts_and_the_longest_wait_within_the_users_scope(
        self, operator, other_operator, klampok_operator, trainer, manggar_admin
    ):
        """Waiting, answered and closed threads and the oldest wait, per scope."""
        waiting = ask(operator, subject="Menunggu")
        long_ago = timezone.now() - timedelta(hours=30)
        HelpRequest.objects.filter(pk=waiting.pk).update(waiting_since=long_ago)
        answered = ask(operator, subject="Terjawab")
        answer_help_request(author=trainer, help_request=answered, body="Ini.")
        close_help_request(
            actor=trainer, help_request=ask(other_operator, subject="Selesai")
        )
        ask(klampok_operator, subject="Dari Banjarnegara")

        beltim = desk_counts(trainer)
        manggar = desk_counts(manggar_admin)

        assert (beltim.waiting, beltim.answered, beltim.closed) == (1, 1, 1)
        assert beltim.open == 2
        assert beltim.oldest_waiting_since == long_ago
        assert beltim.longest_wait() >= timedelta(hours=30)
        assert (manggar.waiting, manggar.answered, manggar.closed) == (0, 0, 1)
        assert manggar.oldest_waiting_since is None
        assert manggar.longest_wait() is None

    def test_an_operator_counts_their_desa_in_one_query(
        self, operator, django_assert_num_queries
    ):
        """The readiness dashboard can ask for it on every page view."""
        ask(operator)

        with django_assert_num_queries(1):
            counts = desk_counts(operator)

        assert counts.waiting == 1

    def test_a_trainer_counts_their_region_in_two_queries(
        self, trainer, django_assert_num_queries
    ):
        """One query for the trainer's kecamatan scope, one for the counts."""
        with django_assert_num_queries(2):
            desk_counts(trainer)


class TestDemoThreads:
    @pytest.fixture
    def demo_users(self, world):
        return [
            OperatorFactory(username="operator.jangkarasam", region_code=JANGKAR_ASAM),
            OperatorFactory(username="operator.mekarjaya", region_code=MEKAR_JAYA),
            OperatorFactory(username="kim.bentaianjaya", region_code="19.06.01.2013"),
            TrainerFactory(username="pendamping.beltim"),
        ]

    def test_the_demo_threads_are_created_once(self, demo_users):
        """Loading the demo twice adds no second copy."""
        added = create_demo_help_threads()
        again = create_demo_help_threads()

        assert added == HelpRequest.objects.count() == 4
        assert again == 0
        waiting = HelpRequest.objects.get(status=HelpRequest.Status.NEW)
        assert waiting.desa.code == MEKAR_JAYA
        assert waiting.waiting_since < timezone.now() - timedelta(hours=12)
        answered_by_trainer = HelpMessage.objects.filter(
            from_staff=True, author__username="pendamping.beltim"
        )
        assert answered_by_trainer.filter(request__desa__code=JANGKAR_ASAM).exists()
