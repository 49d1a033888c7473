"""Reads for workshops: participants, live progress, attendance."""

from django.db.models import Count, Max, Q

from certificates.models import Certificate
from courses.models import Enrollment, LessonProgress, QuizAttempt
from courses.selectors import course_outline

from .models import Attendance, InvitedDesa


def attended_a_session_for(operator, course):
    """True when the operator checked in to a session of a workshop covering the course."""
    return Attendance.objects.filter(
        operator=operator, session__workshop__courses=course
    ).exists()


def participants(workshop):
    """Invitations with operator, desa and session, in desa order (one query)."""
    return list(
        workshop.invitations.select_related(
            "operator", "desa", "desa__parent", "session"
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
    invited = workshop.invitations.aggregate(n=Count("pk"), last=Max("pk"))
    return f"{lessons['n']}-{lessons['last']}-{attempts['n']}-{attempts['started']}-{attempts['last']}-{seen['n']}-{invited['n']}-{invited['last']}"


def live_board(workshop):
    """Participants × modules of the workshop's first course: lessons done and quiz state."""
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
    quizzes = outline.quizzes
    passed = {}
    # One query for every participant's attempts at the course's quizzes.
    rows = QuizAttempt.objects.filter(
        operator_id__in=operator_ids, quiz__in=quizzes
    ).values_list("operator_id", "quiz_id", "status", "passed")
    started = set()
    for operator_id, quiz_id, status, ok in rows:
        started.add((operator_id, quiz_id))
        if status == "graded" and ok:
            passed[(operator_id, quiz_id)] = True
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
            if quiz is None:
                quiz_state = "none"
            elif passed.get((person.operator_id, quiz.pk)):
                quiz_state = "passed"
            elif (person.operator_id, quiz.pk) in started:
                quiz_state = "started"
            else:
                quiz_state = "todo"
            cells.append(
                {"done": n_done, "total": len(module.lessons), "quiz": quiz_state}
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
