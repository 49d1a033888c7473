"""Writes for workshop days: plan, invite and propose sessions, take attendance,
register walk-ins, issue the certificates earned."""

from __future__ import annotations

import hashlib
import hmac
import time
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dt_time
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import (
    IssuedCard,
    create_operator_account,
    issue_sign_in_cards,
)
from certificates.services import BatchResult, issue_batch
from courses.services import check_course_completion
from lms.shared.errors import DomainError
from portal.selectors import website_activity_by_desa
from regions.models import Region
from regions.selectors import timezone_name_for_code

from ..models import (
    Attendance,
    Invitation,
    InvitedDesa,
    TargetGroup,
    Workshop,
    WorkshopSession,
)
from ..permissions import workshop_policy
from .seats import announce_new_seats

if TYPE_CHECKING:
    import datetime as dt

    from accounts.services import NewCredentials
    from certificates.services import BatchResult
    from courses.models import CoursePage

CODE_SECONDS = 60  # the projector's code changes every minute
EARLY_CHECKIN = timedelta(minutes=30)

# Where a desa goes when its own group's sessions are full or missing: nearest first.
FALLBACK = {
    TargetGroup.NEW_OR_INACTIVE: [
        TargetGroup.NEW_OR_INACTIVE,
        TargetGroup.LESS_ACTIVE,
        TargetGroup.ACTIVE,
    ],
    TargetGroup.LESS_ACTIVE: [
        TargetGroup.LESS_ACTIVE,
        TargetGroup.NEW_OR_INACTIVE,
        TargetGroup.ACTIVE,
    ],
    TargetGroup.ACTIVE: [
        TargetGroup.ACTIVE,
        TargetGroup.LESS_ACTIVE,
        TargetGroup.NEW_OR_INACTIVE,
    ],
}


class WorkshopError(DomainError):
    """A workshop action that cannot happen; the message says why and what to do."""


def _require_plan(actor, kabupaten):
    if not workshop_policy.user_can_plan(actor, kabupaten):
        raise PermissionDenied(_("You may only plan workshops in your own kabupaten."))


@transaction.atomic
def create_workshop(
    *,
    actor: User,
    kabupaten: Region,
    title: str,
    venue: str,
    start_date: dt.date,
    end_date: dt.date,
    courses: Iterable[CoursePage] = (),
) -> Workshop:
    _require_plan(actor, kabupaten)
    if end_date < start_date:
        raise WorkshopError(_("The last day is before the first day. Check the dates."))
    workshop = Workshop.objects.create(
        kabupaten=kabupaten,
        title=title,
        venue=venue,
        start_date=start_date,
        end_date=end_date,
        created_by=actor,
    )
    workshop.courses.set(courses)
    if actor.role == User.Role.TRAINER:
        workshop.trainers.add(actor)
    return workshop


@transaction.atomic
def add_session(
    *,
    actor: User,
    workshop: Workshop,
    title: str,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    capacity: int,
    target_group: str,
    room: str = "",
) -> WorkshopSession:
    _require_plan(actor, workshop.kabupaten)
    if end_time <= start_time:
        raise WorkshopError(_("The session ends before it starts. Check the times."))
    if not workshop.start_date <= date <= workshop.end_date:
        raise WorkshopError(_("The session date is outside the workshop's days."))
    return WorkshopSession.objects.create(
        workshop=workshop,
        title=title,
        date=date,
        start_time=start_time,
        end_time=end_time,
        capacity=capacity,
        target_group=target_group,
        room=room,
    )


@dataclass
class InviteResult:
    """What an invitation of desa did: the operators newly invited, the desa invited
    and how many of those have an operator (the others' letters go to the kepala
    desa with a row to fill in)."""

    invitations: list[Invitation] = field(default_factory=list)
    desa: int = 0
    desa_with_operator: int = 0

    @property
    def desa_without_operator(self) -> int:
        return self.desa - self.desa_with_operator


@transaction.atomic
def invite_desa(
    *,
    actor: User,
    workshop: Workshop,
    desa: Iterable[Region],
    now: datetime | None = None,
) -> InviteResult:
    """Invite the given desa and their active operators, and propose sessions.

    The desa holds the invitation: a desa without an operator is invited too, and
    its letter asks the kepala desa for a name. Operators already invited keep
    their place.
    """
    _require_plan(actor, workshop.kabupaten)
    # Two trainers inviting at once: the second waits here, then sees the first's
    # seats as existing, so each new seat is announced once.
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    desa = [
        d
        for d in desa
        if d.code.startswith(f"{workshop.kabupaten.code}.")
        and d.level == Region.Level.DESA
    ]
    if not desa:
        raise WorkshopError(_("Choose at least one desa of this workshop's kabupaten."))
    InvitedDesa.objects.bulk_create(
        [InvitedDesa(workshop=workshop, desa=d) for d in desa], ignore_conflicts=True
    )
    activity = website_activity_by_desa(desa, now=now)
    operators = list(
        User.objects.filter(
            role=User.Role.OPERATOR, is_active=True, region__in=desa
        ).order_by("region__code", "pk")
    )
    already = set(workshop.invitations.values_list("operator_id", flat=True))
    new = [
        Invitation(
            workshop=workshop,
            operator=op,
            desa_id=op.region_id,
            activity=activity[op.region_id],
        )
        for op in operators
        if op.pk not in already
    ]
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    new_ids = {i.operator_id for i in new}
    created = list(
        workshop.invitations.filter(
            session__isnull=True, confirmed=False
        ).select_related("operator")
    )
    propose_sessions(workshop=workshop, invitations=created)
    announce_new_seats([i for i in created if i.operator_id in new_ids])
    return InviteResult(
        invitations=created,
        desa=len({d.pk for d in desa}),
        desa_with_operator=len({op.region_id for op in operators}),
    )


def invite(
    *,
    actor: User,
    workshop: Workshop,
    desa: Iterable[Region],
    now: datetime | None = None,
) -> list[Invitation]:
    """`invite_desa`, returning only the new invitations."""
    return invite_desa(actor=actor, workshop=workshop, desa=desa, now=now).invitations


def propose_sessions(
    *, workshop: Workshop, invitations: list[Invitation]
) -> list[Invitation]:
    """Place each invitation in a session for its desa's website activity, within capacity.

    The least active desa are placed first, so they get the sessions meant for them.
    """
    sessions = list(workshop.sessions.all())
    taken = {s.pk: s.invitations.count() for s in sessions}
    order = {
        TargetGroup.NEW_OR_INACTIVE: 0,
        TargetGroup.LESS_ACTIVE: 1,
        TargetGroup.ACTIVE: 2,
    }
    for invitation in sorted(
        invitations, key=lambda i: (order[i.activity], i.desa_id, i.operator_id)
    ):
        chosen = None
        for group in FALLBACK[TargetGroup(invitation.activity)]:
            chosen = next(
                (
                    s
                    for s in sessions
                    if s.target_group == group and taken[s.pk] < s.capacity
                ),
                None,
            )
            if chosen:
                break
        invitation.session = chosen
        if chosen:
            taken[chosen.pk] += 1
    Invitation.objects.bulk_update(invitations, ["session"])
    return invitations


@transaction.atomic
def move_invitation(
    *, actor: User, invitation: Invitation, session: WorkshopSession | None
) -> Invitation:
    """The trainer moves a participant to another session (capacity respected)."""
    _require_plan(actor, invitation.workshop.kabupaten)
    if session is not None:
        if session.workshop_id != invitation.workshop_id:
            raise WorkshopError(_("That session belongs to another workshop."))
        locked = WorkshopSession.objects.select_for_update().get(pk=session.pk)
        if locked.invitations.exclude(pk=invitation.pk).count() >= locked.capacity:
            raise WorkshopError(
                _(
                    "%(session)s is full (%(capacity)s places). Choose another session or raise its capacity."
                )
                % {"session": locked.title, "capacity": locked.capacity}
            )
    invitation.session = session
    invitation.save(update_fields=["session"])
    return invitation


@transaction.atomic
def confirm_invitations(*, actor: User, workshop: Workshop) -> int:
    _require_plan(actor, workshop.kabupaten)
    unplaced = workshop.invitations.filter(session__isnull=True).count()
    if unplaced:
        raise WorkshopError(
            _(
                "%(n)s participant(s) have no session yet. Place them, or add a session, before confirming."
            )
            % {"n": unplaced}
        )
    return workshop.invitations.update(confirmed=True)


# Attendance ----------------------------------------------------------------------


def session_window(*, session: WorkshopSession) -> tuple[datetime, datetime]:
    """(opens, closes) as aware datetimes in the kabupaten's time zone."""
    zone = zoneinfo.ZoneInfo(timezone_name_for_code(session.workshop.kabupaten.code))
    starts = datetime.combine(session.date, session.start_time, tzinfo=zone)
    ends = datetime.combine(session.date, session.end_time, tzinfo=zone)
    return starts - EARLY_CHECKIN, ends


def checkin_code(*, session: WorkshopSession, at: float | None = None) -> str:
    """The code the projector shows now; it changes every CODE_SECONDS."""
    bucket = int((at or time.time()) // CODE_SECONDS)
    return _code(session, bucket)


def _code(session, bucket):
    digest = hmac.new(
        session.checkin_secret.encode(),
        f"{session.pk}:{bucket}".encode(),
        hashlib.sha256,
    )
    return digest.hexdigest()[:10]


def code_is_current(
    *, session: WorkshopSession, code: str, at: float | None = None
) -> bool:
    """The current code, or the one just before it (a participant who scanned late)."""
    bucket = int((at or time.time()) // CODE_SECONDS)
    return any(
        hmac.compare_digest(code, _code(session, b)) for b in (bucket, bucket - 1)
    )


def _record(session, operator, method, recorded_by, now):
    try:
        with transaction.atomic():
            attendance, created = Attendance.objects.get_or_create(
                session=session,
                operator=operator,
                defaults={
                    "checked_in_at": now,
                    "method": method,
                    "recorded_by": recorded_by,
                },
            )
    except IntegrityError:
        attendance, created = (
            Attendance.objects.get(session=session, operator=operator),
            False,
        )
    if created:
        _complete_courses_of(session.workshop, operator)
    return attendance, created


def _complete_courses_of(workshop, operator):
    """Attending may be the last requirement of the workshop's courses."""
    for course in workshop.courses.all():
        check_course_completion(operator=operator, course=course)


def tick_attendance(
    *,
    actor: User,
    session: WorkshopSession,
    operator: User,
    now: datetime | None = None,
) -> tuple[Attendance, bool]:
    """The trainer ticks a name on the list (twice is harmless)."""
    if not workshop_policy.user_can_run(actor, session.workshop):
        raise PermissionDenied(
            _("You may only take attendance at workshops of your kabupaten.")
        )
    if not session.workshop.invitations.filter(operator=operator).exists():
        raise WorkshopError(
            _("%(name)s is not invited to this workshop. Register them as a walk-in.")
            % {"name": operator.display_name}
        )
    return _record(
        session, operator, Attendance.Method.LIST, actor, now or timezone.now()
    )


def untick_attendance(*, actor: User, session: WorkshopSession, operator: User) -> int:
    if not workshop_policy.user_can_run(actor, session.workshop):
        raise PermissionDenied(
            _("You may only take attendance at workshops of your kabupaten.")
        )
    return Attendance.objects.filter(session=session, operator=operator).delete()[0]


def check_in_with_code(
    *, operator: User, session: WorkshopSession, code: str, now: datetime | None = None
) -> tuple[Attendance, bool]:
    """A participant scanned the projector's QR code."""
    now = now or timezone.now()
    if operator.role != User.Role.OPERATOR:
        raise WorkshopError(_("Only desa operators check in with the QR code."))
    opens, closes = session_window(session=session)
    if not opens <= now <= closes:
        raise WorkshopError(
            _(
                "Check-in for %(session)s is open from %(opens)s to %(closes)s. This code cannot be used now."
            )
            % {
                "session": session.title,
                "opens": opens.strftime("%d-%m-%Y %H:%M"),
                "closes": closes.strftime("%H:%M"),
            }
        )
    if not code_is_current(session=session, code=code, at=now.timestamp()):
        raise WorkshopError(
            _(
                "This code has expired. Scan the QR code on the screen in the hall again."
            )
        )
    invitation = (
        session.workshop.invitations.filter(operator=operator)
        .select_related("session")
        .first()
    )
    if invitation is None:
        if not (
            operator.region
            and operator.region.code.startswith(f"{session.workshop.kabupaten.code}.")
        ):
            raise WorkshopError(_("This workshop is for another kabupaten."))
        invitation = Invitation.objects.create(
            workshop=session.workshop,
            operator=operator,
            desa_id=operator.region_id,
            activity=website_activity_by_desa([operator.region])[operator.region_id],
            session=session,
            walk_in=True,
            confirmed=True,
        )
    elif invitation.session_id and invitation.session_id != session.pk:
        raise WorkshopError(
            _(
                "This code is for %(this)s; you are registered for %(yours)s. Ask the trainer if you need to change."
            )
            % {"this": session.title, "yours": invitation.session.title}
        )
    return _record(session, operator, Attendance.Method.QR, None, now)


@transaction.atomic
def register_walk_in(
    *,
    actor: User,
    session: WorkshopSession,
    name: str,
    desa: Region,
    phone: str | None = None,
    email: str = "",
    is_kim: bool = False,
) -> NewCredentials:
    """A new operator account on the spot, invited and checked in; returns credentials."""
    workshop = session.workshop
    if not workshop_policy.user_can_run(actor, workshop):
        raise PermissionDenied(
            _("You may only register walk-ins at workshops of your kabupaten.")
        )
    if (
        not desa.code.startswith(f"{workshop.kabupaten.code}.")
        or desa.level != Region.Level.DESA
    ):
        raise WorkshopError(_("Choose a desa of this workshop's kabupaten."))
    credentials = create_operator_account(
        name=name, desa=desa, phone=phone, email=email, is_kim=is_kim
    )
    activity = website_activity_by_desa([desa])[desa.pk]
    # Before the workshop begins, a desa invited without an operator gives its
    # seat to the new account as it is created (`fill_desa_seats`): the walk-in
    # takes that seat, in this session.
    Invitation.objects.update_or_create(
        workshop=workshop,
        operator=credentials.user,
        defaults={
            "desa": desa,
            "activity": activity,
            "session": session,
            "walk_in": True,
            "confirmed": True,
        },
    )
    _record(session, credentials.user, Attendance.Method.WALK_IN, actor, timezone.now())
    return credentials


def issue_workshop_certificates(*, actor: User, workshop: Workshop) -> BatchResult:
    """Issue the certificates participants have earned (attended, course completed).

    Returns the batch result: the certificates valid now, and who was skipped and why
    (course not completed, a revocation not lifted, …).
    """
    if not workshop_policy.user_can_run(actor, workshop):
        raise PermissionDenied(
            _("You may only issue certificates for workshops of your kabupaten.")
        )
    attended = list(
        User.objects.filter(attendances__session__workshop=workshop)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )
    for operator in attended:
        _complete_courses_of(workshop, operator)
    result = BatchResult()
    for course in workshop.courses.all():
        result += issue_batch(actor=actor, operators=attended, course=course)
    return result


# Sign-in cards ---------------------------------------------------------------------


def sign_in_cards_valid_until(*, workshop: Workshop) -> datetime:
    """The end of the day after the workshop's last day, in the kabupaten's time zone:
    long enough for late arrivals and a second day, short enough for a lost card."""
    zone = zoneinfo.ZoneInfo(timezone_name_for_code(workshop.kabupaten.code))
    return datetime.combine(
        workshop.end_date + timedelta(days=1), dt_time(23, 59), tzinfo=zone
    )


def print_sign_in_cards(*, actor: User, workshop: Workshop) -> list[IssuedCard]:
    """New sign-in cards for the workshop's invited, active operators.

    Earlier cards of these operators that were not used yet stop working.
    """
    if not workshop_policy.user_can_run(actor, workshop):
        raise PermissionDenied(
            _("Only the trainers and admins running this workshop print its cards.")
        )
    valid_until = sign_in_cards_valid_until(workshop=workshop)
    if valid_until <= timezone.now():
        raise WorkshopError(
            _("This workshop is over; its sign-in cards can no longer be printed.")
        )
    operators = [
        invitation.operator
        for invitation in workshop.invitations.select_related(
            "operator", "operator__region"
        ).filter(operator__is_active=True)
    ]
    if not operators:
        raise WorkshopError(
            _("No operator is invited yet. Invite desa first, then print the cards.")
        )
    return issue_sign_in_cards(
        actor=actor,
        users=operators,
        valid_until=valid_until,
        workshop_id=workshop.pk,
    )
