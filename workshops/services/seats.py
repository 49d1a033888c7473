"""The desa holds the seat: an upcoming workshop's place stays with the desa when
its operator is replaced, and goes to the operator who serves it next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from portal.selectors import website_activity_by_desa
from regions.models import Region
from regions.selectors import timezone_name_for_code

from ..models import Attendance, Invitation, InvitedDesa, Workshop
from ..signals import operator_invited


def _today_for(region: Region | None) -> dt.date:
    code = region.code if region is not None else ""
    with timezone.override(timezone_name_for_code(code[:5])):
        return timezone.localdate()


@transaction.atomic
def hand_over_seats(
    *, operator: User, today: dt.date | None = None
) -> list[Invitation]:
    """The operator stops serving their desa: each seat they hold in a workshop
    that has not begun for them (today or later, not checked in) goes to the desa's
    other active operator, newest first. A successor already invited keeps their
    own seat (no duplicate); without a successor the seat goes back to the desa,
    whose letter then asks the kepala desa for a name. Past workshops keep their
    history. Returns the invitations handed over."""
    today = today or _today_for(operator.region)
    seats = list(
        Invitation.objects.select_for_update()
        .filter(operator=operator, workshop__start_date__gte=today)
        .exclude(
            Exists(
                Attendance.objects.filter(
                    operator=operator, session__workshop=OuterRef("workshop")
                )
            )
        )
        .select_related("workshop")
    )
    moved = []
    for seat in seats:
        InvitedDesa.objects.get_or_create(workshop=seat.workshop, desa_id=seat.desa_id)
        successor = (
            User.objects.filter(
                role=User.Role.OPERATOR, is_active=True, region_id=seat.desa_id
            )
            .exclude(pk=operator.pk)
            .exclude(workshop_invitations__workshop=seat.workshop)
            .order_by("-date_joined", "-pk")
            .first()
        )
        if successor is None:
            seat.delete()
            continue
        seat.operator = successor
        seat.walk_in = False
        seat.save(update_fields=["operator", "walk_in"])
        moved.append(seat)
    announce_new_seats(moved)
    return moved


@transaction.atomic
def fill_desa_seats(
    *, desa_ids: Iterable[int], today: dt.date | None = None
) -> list[Invitation]:
    """A desa invited to a workshop that has not begun, and holding no seat there
    (its operator was replaced or it had none), gives the seat to its active
    operators. Returns the new invitations."""
    desa_ids = [d for d in set(desa_ids) if d]
    if not desa_ids:
        return []
    waiting = list(
        InvitedDesa.objects.filter(desa_id__in=desa_ids)
        .exclude(
            Exists(
                Invitation.objects.filter(
                    workshop=OuterRef("workshop"), desa=OuterRef("desa")
                )
            )
        )
        .select_related("workshop", "workshop__kabupaten", "desa")
    )
    new = []
    for row in waiting:
        if row.workshop.start_date <= (today or _today_for(row.desa)):
            continue  # begun: the trainer registers newcomers as walk-ins
        operators = list(
            User.objects.filter(
                role=User.Role.OPERATOR, is_active=True, region_id=row.desa_id
            ).order_by("pk")
        )
        if not operators:
            continue
        # Two changes of the desa's operators at once: the second waits here and
        # finds the seats taken, so each new seat is announced once.
        Workshop.objects.select_for_update().filter(pk=row.workshop_id).first()
        if row.workshop.invitations.filter(desa_id=row.desa_id).exists():
            continue
        activity = website_activity_by_desa([row.desa])[row.desa_id]
        Invitation.objects.bulk_create(
            [
                Invitation(
                    workshop=row.workshop,
                    operator=op,
                    desa_id=row.desa_id,
                    activity=activity,
                )
                for op in operators
            ],
            ignore_conflicts=True,
        )
        created = list(
            row.workshop.invitations.filter(
                desa_id=row.desa_id, session__isnull=True
            ).select_related("operator")
        )
        _propose(row.workshop, created)
        announce_new_seats(created)
        new.extend(created)
    return new


def announce_new_seats(invitations: Iterable[Invitation]) -> None:
    """Tell the apps above (notifications) that each operator holds a new seat;
    called inside the transaction that created or moved the seats."""
    for invitation in invitations:
        operator_invited.send(sender=Invitation, invitation=invitation)


def _propose(workshop: Workshop, invitations: list[Invitation]) -> None:
    # Imported here: `workshops.py` imports this module's neighbours.
    from .workshops import propose_sessions

    propose_sessions(workshop=workshop, invitations=invitations)
