"""Workshops for tests: a Belitung Timur workshop with two sessions today."""

import datetime as dt

from django.utils import timezone

from regions.models import Region

from .models import TargetGroup
from .services import workshops as services


def build_workshop(*, actor, course=None, capacity=40, day=None, sessions=True):
    day = day or timezone.localdate()
    workshop = services.create_workshop(
        actor=actor,
        kabupaten=Region.objects.get(code="19.06"),
        title="Lokakarya Uji",
        venue="Aula Manggar",
        start_date=day,
        end_date=day,
        courses=[course] if course else [],
    )
    if sessions:
        services.add_session(
            actor=actor,
            workshop=workshop,
            title="Sesi 1",
            date=day,
            start_time=dt.time(0, 0),
            end_time=dt.time(23, 59),
            capacity=capacity,
            target_group=TargetGroup.NEW_OR_INACTIVE,
        )
        services.add_session(
            actor=actor,
            workshop=workshop,
            title="Sesi 2",
            date=day,
            start_time=dt.time(0, 0),
            end_time=dt.time(23, 59),
            capacity=capacity,
            target_group=TargetGroup.ACTIVE,
        )
    return workshop
