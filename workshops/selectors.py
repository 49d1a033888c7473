"""Reads for workshops: participants, live progress, attendance, an operator's
own invitations."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from certificates.models import Certificate
from courses.models import Enrollment, LessonProgress, QuizAttempt
from courses.permissions import extra_attempt_policy
from courses.selectors import course_outline, quiz_statuses_of_operators
from lms.shared.whatsapp import click_to_chat_url
from regions.models import default_timezone_for

from .models import Attendance, InvitedDesa
from .permissions import invitation_policy

# How Indonesians name their three time zones on a letter or a poster.
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def attended_a_session_for(operator, course):
    """True when the operator checked in to a session of a workshop covering the course."""
    return Attendance.objects.filter(
        operator=operator, session__workshop__courses=course
    ).exists()


def participants(workshop):
    """Invitations with operator, desa and session, in desa order (one query)."""
    return list(
        workshop.invitations.select_related(
            "operator", "operator__region", "desa", "desa__parent", "session"
        ).order_by(
            "session__date", "session__start_time", "desa__code", "operator__first_name"
        )
    )


def invited_desa(workshop):
    """The desa invited to the workshop, in code order, each with `n_operators`
    invited (0: the letter goes to the kepala desa with a row to fill in)."""
    rows = (
        InvitedDesa.objects.filter(workshop=workshop)
        .select_related("desa", "desa__parent")
        .order_by("desa__code")
    )
    counts = {}
    for desa_id in workshop.invitations.values_list("desa_id", flat=True):
        counts[desa_id] = counts.get(desa_id, 0) + 1
    desa = []
    for row in rows:
        row.desa.n_operators = counts.get(row.desa_id, 0)
        desa.append(row.desa)
    return desa


def attendance_by_operator(workshop):
    """{(session_id, operator_id): Attendance} for the workshop (one query)."""
    return {
        (a.session_id, a.operator_id): a
        for a in Attendance.objects.filter(session__workshop=workshop)
    }


def board_version(workshop):
    """A short fingerprint of what the live board shows; changes when progress does."""
    operator_ids = workshop.invitations.values("operator_id")
    courses = workshop.courses.values("pk")
    lessons = LessonProgress.objects.filter(
        operator_id__in=operator_ids, course_id__in=courses
    ).aggregate(n=Count("pk"), last=Max("pk"))
    # Started attempts count too: the board shows "quiz started" as soon as one opens.
    attempts = QuizAttempt.objects.filter(
        operator_id__in=operator_ids, course_id__in=courses
    ).aggregate(
        n=Count("pk", filter=Q(status="graded")),
        started=Count("pk"),
        last=Max("submitted_at"),
    )
    seen = Attendance.objects.filter(session__workshop=workshop).aggregate(
        n=Count("pk")
    )
    # Extra attempts granted to participants count too, in the same query: a grant
    # turns "every attempt used" back into a quiz to take.
    invited = workshop.invitations.aggregate(
        n=Count("pk", distinct=True),
        last=Max("pk"),
        grants=Count("operator__extra_attempts", distinct=True),
        last_grant=Max("operator__extra_attempts"),
    )
    return f"{lessons['n']}-{lessons['last']}-{attempts['n']}-{attempts['started']}-{attempts['last']}-{seen['n']}-{invited['n']}-{invited['last']}-{invited['grants']}-{invited['last_grant']}"


def live_board(workshop, viewer=None):
    """Participants × modules of the workshop's first course: lessons done and quiz state.

    A module's quiz that a participant used every attempt at without passing is
    "out" and, when `viewer` may give that participant one more attempt, the
    cell carries the quiz (`grant`) for the link."""
    course = workshop.courses.live().order_by("path").first()
    people = participants(workshop)
    attendance = attendance_by_operator(workshop)
    if course is None:
        return {"course": None, "modules": [], "rows": []}
    outline = course_outline(course)
    operator_ids = [p.operator_id for p in people]
    done = set(
        LessonProgress.objects.filter(
            operator_id__in=operator_ids, course=course
        ).values_list("operator_id", "lesson_id")
    )
    # Two queries for every participant's attempts at the course's quizzes and the
    # extra attempts they were given: attempts are counted as the quiz page does.
    statuses = quiz_statuses_of_operators(operator_ids, outline.quizzes)
    # The viewer's region is read only when a grant link might be shown.
    out = {key[0] for key, status in statuses.items() if status.out_of_attempts}
    may_grant = (
        {
            operator.pk
            for operator in extra_attempt_policy.operators_user_may_grant(
                viewer, [p.operator for p in people if p.operator_id in out]
            )
        }
        if out and viewer is not None
        else set()
    )
    board_rows = []
    for person in people:
        cells = []
        for module in outline.modules:
            n_done = sum(
                1
                for lesson in module.lessons
                if (person.operator_id, lesson.pk) in done
            )
            quiz = module.quiz
            status = quiz and statuses[(person.operator_id, quiz.pk)]
            grant = None
            if quiz is None:
                quiz_state = "none"
            elif status.passed:
                quiz_state = "passed"
            elif status.out_of_attempts:
                quiz_state = "out"
                if person.operator_id in may_grant:
                    grant = quiz
            elif status.attempts:
                quiz_state = "started"
            else:
                quiz_state = "todo"
            cells.append(
                {
                    "done": n_done,
                    "total": len(module.lessons),
                    "quiz": quiz_state,
                    "grant": grant,
                }
            )
        present = (
            person.session_id and (person.session_id, person.operator_id) in attendance
        )
        board_rows.append({"invitation": person, "cells": cells, "present": present})
    return {"course": course, "modules": outline.modules, "rows": board_rows}


def workshop_summary(workshop):
    """The berita acara's figures: attendance per session and desa, pass rate,
    certificates issued, desa still without a certified operator."""
    people = participants(workshop)
    attendance = attendance_by_operator(workshop)
    sessions = list(workshop.sessions.all())
    courses = list(workshop.courses.all())
    attended_ids = {operator_id for (_s, operator_id) in attendance}
    per_session = []
    for session in sessions:
        invited = [p for p in people if p.session_id == session.pk]
        present = [key for key in attendance if key[0] == session.pk]
        per_session.append(
            {"session": session, "invited": len(invited), "present": len(present)}
        )
    per_desa = {}
    for p in people:
        row = per_desa.setdefault(
            p.desa_id, {"desa": p.desa, "invited": 0, "present": 0}
        )
        row["invited"] += 1
        row["present"] += p.operator_id in attended_ids
    completed = set(
        Enrollment.objects.filter(
            operator_id__in=attended_ids, course__in=courses, completed_at__isnull=False
        ).values_list("operator_id", flat=True)
    )
    valid = Certificate.objects.filter(
        course__in=courses, status=Certificate.Status.VALID
    )
    # The desa's need for pendampingan counts every invitee's certificate; the
    # certificates issued count only those of the operators who attended.
    certified_desa = set(
        valid.filter(operator_id__in=[p.operator_id for p in people]).values_list(
            "desa_code", flat=True
        )
    )
    certified = valid.filter(operator_id__in=attended_ids)
    desa_without = sorted(
        {
            p.desa.code: p.desa for p in people if p.desa.code not in certified_desa
        }.values(),
        key=lambda d: d.code,
    )
    return {
        "per_session": per_session,
        "per_desa": sorted(per_desa.values(), key=lambda r: r["desa"].code),
        "invited": len(people),
        "attended": len(attended_ids),
        "completed": len(completed),
        "pass_rate": round(100 * len(completed) / len(attended_ids))
        if attended_ids
        else 0,
        "certificates": certified.count(),
        "desa_without_certified": desa_without,
    }


def zone_name(kabupaten):
    """WIB, WITA or WIT: the zone a kabupaten's session times are written in."""
    name = kabupaten.timezone or default_timezone_for(kabupaten.code)
    return ZONE_NAMES.get(name, name)


def _with_when(invitation):
    """Give an invitation what its line says: `day` (the session's date, or the
    workshop's first day while no session is set), `last_day`, `zone` and `place`."""
    workshop, session = invitation.workshop, invitation.session
    invitation.day = session.date if session else workshop.start_date
    invitation.last_day = session.date if session else workshop.end_date
    invitation.zone = zone_name(workshop.kabupaten)
    invitation.place = ", ".join(
        part for part in (workshop.venue, session.room if session else "") if part
    )
    return invitation


def _own_invitations(user):
    return invitation_policy.invitations_for(user).select_related(
        "workshop", "workshop__kabupaten", "session"
    )


@dataclass
class OperatorInvitations:
    upcoming: list
    past: list


def invitations_of(user, *, today: dt.date | None = None) -> OperatorInvitations:
    """The user's own workshop invitations (one query): those still to come, soonest
    first, and those past, latest first, each knowing whether the operator attended."""
    today = today or timezone.localdate()
    rows = [
        _with_when(invitation)
        for invitation in _own_invitations(user).annotate(
            attended=Exists(
                Attendance.objects.filter(
                    operator_id=OuterRef("operator_id"),
                    session__workshop_id=OuterRef("workshop_id"),
                )
            )
        )
    ]
    upcoming = sorted(
        (i for i in rows if i.last_day >= today),
        key=lambda i: (i.day, i.session.start_time if i.session else dt.time(0)),
    )
    past = sorted(
        (i for i in rows if i.last_day < today), key=lambda i: i.day, reverse=True
    )
    return OperatorInvitations(upcoming=upcoming, past=past)


@dataclass(frozen=True)
class InvitationNotice:
    """The next invitation as Kursus saya announces it (`COURSES_UPCOMING_INVITATION`)."""

    workshop: str
    session: str
    day: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    zone: str
    place: str
    url: str


def next_invitation_for(user, today: dt.date | None = None) -> InvitationNotice | None:
    """The user's next workshop invitation still to come, or None (one query)."""
    today = today or timezone.localdate()
    invitation = (
        _own_invitations(user)
        .annotate(
            last_day=Coalesce("session__date", "workshop__end_date"),
            first_day=Coalesce("session__date", "workshop__start_date"),
        )
        .filter(last_day__gte=today)
        .order_by("first_day", "session__start_time", "pk")
        .first()
    )
    if invitation is None:
        return None
    invitation = _with_when(invitation)
    session = invitation.session
    return InvitationNotice(
        workshop=invitation.workshop.title,
        session=session.title if session else "",
        day=invitation.day,
        start_time=session.start_time if session else None,
        end_time=session.end_time if session else None,
        zone=invitation.zone,
        place=invitation.place,
        url=reverse("workshops:my_invitations"),
    )


def invitation_message(invitation, workshop) -> str:
    """The invitation as a WhatsApp message to the operator, always in Indonesian:
    who, which workshop and session, when, where, and the link to their invitations."""
    invitation.workshop = workshop
    _with_when(invitation)
    session = invitation.session
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "workshops:my_invitations"
    )
    with translation.override("id"):
        values = {
            "name": invitation.operator.display_name,
            "workshop": workshop.title,
            "date": date_format(invitation.day, "l, j F Y"),
            "place": invitation.place,
            "url": link,
        }
        if session is None:
            return (
                _(
                    "Hello %(name)s, you are invited to %(workshop)s on %(date)s at %(place)s; your session will be announced. See your invitation: %(url)s"
                )
                % values
            )
        return _(
            "Hello %(name)s, you are invited to %(workshop)s, %(session)s, on %(date)s, %(start)s–%(end)s %(zone)s, at %(place)s. See your invitation: %(url)s"
        ) % {
            **values,
            "session": session.title,
            "start": time_format(session.start_time, "H.i"),
            "end": time_format(session.end_time, "H.i"),
            "zone": invitation.zone,
        }


def with_whatsapp_links(invitations, workshop):
    """Give each invitation `whatsapp_url`: a click-to-chat link with the invitation
    filled in, or None when the operator has no valid mobile number (no query)."""
    for invitation in invitations:
        invitation.whatsapp_url = click_to_chat_url(
            phone=invitation.operator.phone,
            text=invitation_message(invitation, workshop),
        )
    return invitations
