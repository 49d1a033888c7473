"""Many answers at once on a SQLite file, the database of `make run`.

A small workshop may run on the default database: its requests write at the same
time. The test database is in memory, where SQLite locks differently, so these tests
copy it to a file and point the threads' connections, with the project's SQLite
options, at that file. Threads need committed data, so the tests are transactional
and build the little they need instead of using the shared world.
"""

import json
import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts.factories import OperatorFactory
from courses.models import QuizAnswer, QuizAttempt, QuizPage
from courses.services import start_attempt

# serialized_rollback puts back what migrations created (home page, site) after the
# flush, for the tests that run next.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANSWERS = 7


def single_choice(n):
    return {
        "type": "single",
        "value": {
            "question": f"Pertanyaan {n}?",
            "explanation": "",
            "choices": [
                {"text": "Benar", "correct": True},
                {"text": "Salah", "correct": False},
            ],
        },
    }


@pytest.fixture
def attempt(settings, tmp_path):
    """An operator's open attempt at a quiz of seven questions, signed in."""
    if connection.vendor != "sqlite":
        pytest.skip("This is about SQLite; PostgreSQL has its own race tests.")
    from courses.factories import build_course
    from portal.services import setup_portal
    from regions.services import import_regions_from_lokal

    settings.MEDIA_ROOT = tmp_path / "media"
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")
    course = build_course(
        title="Dasar",
        modules=1,
        lessons_per_module=1,
        questions=[single_choice(n) for n in range(1, ANSWERS + 1)],
    )
    operator = OperatorFactory(region_code="19.06.02.2003")
    return start_attempt(
        operator=operator, quiz=QuizPage.objects.descendant_of(course).get()
    )


@pytest.fixture
def file_database(attempt, tmp_path, monkeypatch):
    """Copy the test database to a file; connections opened from here on use it."""
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    monkeypatch.setitem(
        connections.settings,
        "default",
        {**connections.settings["default"], "NAME": str(path), "TEST": {}},
    )
    return path


def signed_in_client(operator):
    """A client signed in on the file database (the session row is written there)."""
    client = Client(raise_request_exception=False)
    on_file(lambda: client.force_login(operator))
    return client


def on_file(call):
    """Run `call` in a thread, whose connection opens on the file database."""
    return all_at_once([call])[0][0]


def all_at_once(calls):
    """Run `calls` in threads released together; return results, errors in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:
            errors[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def answer_post(client, attempt, number):
    question = attempt.snapshot[number - 1]
    correct = next(c["id"] for c in question["choices"] if c["correct"])
    return lambda: client.post(
        reverse("courses:question", args=[attempt.pk, number]),
        {"question_id": question["id"], "answer": correct},
        headers={"x-requested-with": "fetch"},
    )


class TestConcurrentWriters:
    def test_the_database_file_is_in_write_ahead_log_mode(self, file_database):
        """Readers do not block the writer, and the writer does not block readers."""

        def journal_mode():
            with connections["default"].cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                return cursor.fetchone()[0]

        assert on_file(journal_mode) == "wal"

    def test_seven_answers_saved_at_once_are_all_saved(self, attempt, file_database):
        """Seven autosaves arriving together each answer "saved", and all seven are."""
        clients = [signed_in_client(attempt.operator) for _ in range(ANSWERS)]

        responses, errors = all_at_once(
            [
                answer_post(client, attempt, number)
                for number, client in enumerate(clients, start=1)
            ]
        )

        assert errors == [None] * ANSWERS
        assert [r.status_code for r in responses] == [200] * ANSWERS
        assert all(json.loads(r.content)["saved"] for r in responses)
        saved = on_file(lambda: QuizAnswer.objects.filter(attempt=attempt).count())
        assert saved == ANSWERS

    def test_two_submits_at_once_grade_the_attempt_once(self, attempt, file_database):
        """A double tap on "Kirim jawaban" shows the result twice, graded once."""
        client = signed_in_client(attempt.operator)
        for number in range(1, ANSWERS + 1):
            on_file(answer_post(client, attempt, number))
        review = reverse("courses:review", args=[attempt.pk])
        tappers = [signed_in_client(attempt.operator) for _ in range(2)]

        responses, errors = all_at_once(
            [lambda tapper=tapper: tapper.post(review) for tapper in tappers]
        )

        assert errors == [None, None]
        result = reverse("courses:result", args=[attempt.pk])
        assert [(r.status_code, r.url) for r in responses] == [(302, result)] * 2
        graded = on_file(lambda: QuizAttempt.objects.get(pk=attempt.pk))
        assert graded.status == QuizAttempt.Status.GRADED
        assert graded.score == 100
