"""Letter numbers given from many requests at once, against a real database server
(transactional, like certificates/tests/test_parallel.py)."""

import datetime as dt

import pytest
from django.db import connection

from accounts.factories import TrainerFactory
from certificates.tests.test_parallel import all_at_once
from regions.models import Region
from workshops.models import LetterSettings, WorkshopLetter
from workshops.services import letters as letter_services
from workshops.services import workshops as services

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def kabupaten():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database lets one thread write at a time; "
            "the race needs PostgreSQL (run with DATABASE_URL=postgres://…)."
        )
    from regions.services import import_regions_from_lokal

    import_regions_from_lokal(prefixes=["19.06.02"])
    kabupaten = Region.objects.get(code="19.06")
    LetterSettings.objects.create(
        kabupaten=kabupaten,
        office_name="Diskominfo Belitung Timur",
        signatory_name="Ahmad",
        signatory_nip="198501012010011001",
        signatory_title="Kepala Dinas",
    )
    return kabupaten


def test_parallel_first_prints_share_one_number_and_workshops_never_do(kabupaten):
    trainer = TrainerFactory(region_code="19.06")
    day = dt.date(2026, 3, 2)
    workshops = [
        services.create_workshop(
            actor=trainer,
            kabupaten=kabupaten,
            title=f"Lokakarya {n}",
            venue="Aula",
            start_date=day,
            end_date=day,
        )
        for n in range(THREADS // 2)
    ]

    results, errors = all_at_once(
        [
            lambda w=w: (
                letter_services.letter_for(
                    workshop=w, kind=WorkshopLetter.Kind.INVITATION, today=day
                ).number
            )
            for w in workshops
            for _ in range(2)  # a double click on each workshop's letter
        ]
    )

    assert errors == []
    stored = list(WorkshopLetter.objects.values_list("number", flat=True))
    assert len(stored) == len(workshops) == len(set(stored))
    assert sorted(results) == sorted(stored * 2)
    assert sorted(stored) == [f"{n:03d}/DISKOMINFO/III/2026" for n in range(1, 5)]
