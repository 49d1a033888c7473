"""Granting an extra attempt from several requests at once, against a real
database server (the same transactional setup as certificates/tests/test_parallel.py)."""

import threading

import pytest
from django.db import connection, connections

from accounts.factories import OperatorFactory, TrainerFactory
from courses import services
from courses.factories import answer_all, build_course, wrong_form_values
from courses.models import ExtraAttempt, QuizPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 6


@pytest.fixture
def gantung(settings, tmp_path):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database lets one thread write at a time; "
            "the race needs PostgreSQL (run with DATABASE_URL=postgres://…)."
        )
    from portal.services import setup_portal
    from regions.services import import_regions_from_lokal

    settings.MEDIA_ROOT = tmp_path / "media"
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")


def all_at_once(calls):
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=30)
            results.append(call())
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_simultaneous_grants_give_one_attempt(gantung):
    """Six trainers' taps at once on the same grant: one extra attempt, the rest
    refused with a sentence."""
    course = build_course(
        title="Terbatas",
        modules=1,
        lessons_per_module=1,
        quiz_options={"max_attempts": 1},
    )
    quiz = QuizPage.objects.descendant_of(course).get()
    operator = OperatorFactory(username="siti", region_code="19.06.02.2003")
    trainer = TrainerFactory(username="pendamping", region_code="19.06")
    attempt = services.start_attempt(operator=operator, quiz=quiz)
    answer_all(operator, attempt, wrong_form_values)
    services.submit_attempt(operator=operator, attempt=attempt)

    def grant():
        return services.grant_extra_attempt(
            actor=trainer, operator=operator, quiz=quiz, reason="Ulang."
        )

    results, errors = all_at_once([grant] * THREADS)
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, services.LearningError) for e in errors)
    assert ExtraAttempt.objects.count() == 1
