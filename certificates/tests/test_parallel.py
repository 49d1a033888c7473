"""Issuing from many requests at once, against a real database server.

Threads need their own committed data, so these tests are transactional and build
the little they need (Kecamatan Gantung and the Belitung Timur portal) instead of
using the shared world.
"""

import threading
from unittest import mock

import pytest
from django.db import connection, connections

from accounts.factories import OperatorFactory
from accounts.models import User
from certificates import pdf
from certificates.models import Certificate
from certificates.services import issue_certificate
from courses.factories import build_course
from portal.permissions import desa_publishing_policy

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def server_database():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database lets one thread write at a time; "
            "the race needs PostgreSQL (run with DATABASE_URL=postgres://…)."
        )


@pytest.fixture
def gantung(server_database, settings, tmp_path):
    from portal.services import setup_portal
    from regions.services import import_regions_from_lokal

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")


@pytest.fixture
def course(gantung):
    return build_course(
        title="Operator Website Desa",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
    )


@pytest.fixture
def render():
    """A stand-in renderer: the race is about rows, not pixels."""
    with mock.patch.object(
        pdf, "render_certificate", return_value=b"%PDF-1.7 stub"
    ) as stub:
        yield stub


def all_at_once(calls):
    """Run `calls` in threads released together; return their results and errors."""
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


class TestParallelIssue:
    def test_eight_simultaneous_issues_make_one_certificate(self, course, render):
        """Eight retries racing each other leave one row, handed to all eight."""
        operator = OperatorFactory(username="siti.jangkarasam")

        results, errors = all_at_once(
            [
                lambda: issue_certificate(operator=operator, course=course)
                for _ in range(THREADS)
            ]
        )

        assert errors == []
        assert Certificate.objects.count() == 1
        certificate = Certificate.objects.get()
        assert {result.pk for result in results} == {certificate.pk}
        assert render.call_count == 1
        assert desa_publishing_policy.holds_publishing_rights(
            User.objects.get(pk=operator.pk)
        )

    def test_simultaneous_issues_for_eight_operators_get_distinct_numbers(
        self, course, render
    ):
        """The kabupaten's counter hands out 1 to 8 with no number twice."""
        operators = [
            OperatorFactory(username=f"operator.gantung{n}") for n in range(THREADS)
        ]

        results, errors = all_at_once(
            [
                lambda person=person: issue_certificate(operator=person, course=course)
                for person in operators
            ]
        )

        assert errors == []
        assert len(results) == THREADS
        sequence = sorted(
            int(number.rsplit("/", 1)[1])
            for number in Certificate.objects.values_list("number", flat=True)
        )
        assert sequence == list(range(1, THREADS + 1))
