"""Writes for official letters: the nomor surat of a workshop's documents."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import NumberSequence
from regions.selectors import timezone_name_for_code

from ..models import LetterSettings, Workshop, WorkshopLetter

ROMAN_MONTHS = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
)


def format_letter_number(*, pattern: str, seq: int, day: dt.date, kabupaten) -> str:
    return pattern.format(
        seq=seq,
        year=day.year,
        month=day.month,
        month_roman=ROMAN_MONTHS[day.month - 1],
        kabupaten=kabupaten.code,
    )


def _next_seq(kabupaten, year):
    """The next number of the kabupaten's letters this year, under a row lock:
    two letters never share one."""
    key = f"surat/{kabupaten.code}/{year}"
    NumberSequence.objects.get_or_create(key=key)
    sequence = NumberSequence.objects.select_for_update().get(key=key)
    sequence.value += 1
    sequence.save(update_fields=["value"])
    return sequence.value


def letter_for(
    *,
    workshop: Workshop,
    kind: str,
    allocate: bool = True,
    today: dt.date | None = None,
) -> WorkshopLetter | None:
    """The nomor surat of one of the workshop's documents, given on first print and
    the same on every reprint. None while the kabupaten has no letter settings (or,
    with `allocate=False`, while nobody allowed to number it has printed it)."""
    existing = WorkshopLetter.objects.filter(workshop=workshop, kind=kind).first()
    if existing is not None or not allocate:
        return existing
    settings = LetterSettings.objects.filter(kabupaten_id=workshop.kabupaten_id).first()
    if settings is None:
        return None
    if today is None:
        with timezone.override(timezone_name_for_code(workshop.kabupaten.code)):
            today = timezone.localdate()
    try:
        with transaction.atomic():
            # Two first prints at once: the second waits here, then finds the number.
            Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
            existing = WorkshopLetter.objects.filter(
                workshop=workshop, kind=kind
            ).first()
            if existing is not None:
                return existing
            number = format_letter_number(
                pattern=settings.number_pattern,
                seq=_next_seq(workshop.kabupaten, today.year),
                day=today,
                kabupaten=workshop.kabupaten,
            )
            return WorkshopLetter.objects.create(
                workshop=workshop, kind=kind, number=number, dated=today
            )
    except IntegrityError:
        return WorkshopLetter.objects.get(workshop=workshop, kind=kind)
