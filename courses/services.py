"""Writes for learning: lesson progress, quiz attempts, course completion and
certificate renewal rounds."""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Collection, Page

from accounts.models import User
from lms.shared.errors import DomainError
from portal.services import (
    MODERATOR_PAGE_PERMISSIONS,
    admin_access_group,
    child_collection,
    grant_collection_permissions,
    grant_page_permissions,
)

from . import grading
from .models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    ExtraAttempt,
    LessonPage,
    LessonProgress,
    QuizAnswer,
    QuizAttempt,
    QuizPage,
    Renewal,
)
from .permissions import (
    course_writing_policy,
    extra_attempt_policy,
    learning_policy,
    renewal_policy,
)
from .selectors import (
    LessonVisit,
    attempt_allowances,
    counted_attempts,
    course_outline,
    course_requirements_met,
    open_renewals_requiring,
    quiz_statuses,
    renewal_offer_for,
    renewal_progress,
)
from .signals import course_completed, extra_attempt_granted, renewal_completed

logger = logging.getLogger(__name__)


class LearningError(DomainError):
    """A learner action that cannot happen; the message says why and what to do."""


class AttemptClosed(LearningError):
    pass


def course_of(*, page: Page) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(page).first()


def _ensure_may_learn(operator, course):
    if not learning_policy.user_can_learn(operator, course):
        raise PermissionDenied(_("This course is not open to your account."))
    missing = learning_policy.missing_prerequisites(operator, course)
    if missing:
        raise LearningError(
            _("Finish these courses first: %(courses)s.")
            % {"courses": ", ".join(c.title for c in missing)}
        )


def _enroll(operator, course):
    try:
        with transaction.atomic():
            enrollment, _created = Enrollment.objects.get_or_create(
                operator=operator, course=course
            )
    except IntegrityError:
        enrollment = Enrollment.objects.get(operator=operator, course=course)
    return enrollment


# A visit to the page the operator opened last moves nothing; its time is kept
# to this precision, so that reading a lesson again is no write.
VISIT_PRECISION = timedelta(minutes=5)


def record_visit(
    *,
    operator: User,
    page: Page,
    course: CoursePage | None = None,
    visit: LessonVisit | None = None,
) -> None:
    """Remember the last lesson or quiz an operator opened, for "Lanjutkan".

    `visit`, when the caller has read it (`courses.selectors.lesson_visit` with
    `since=visit_window_start()`), spares the write when nothing changes: the same
    page opened again within `VISIT_PRECISION` of the recorded time.
    """
    course = course or course_of(page=page)
    changes = {"last_page_id": page.pk, "last_seen_at": timezone.now()}
    if visit is not None and visit.enrollment_id is not None:
        if not visit.recorded:
            Enrollment.objects.filter(pk=visit.enrollment_id).update(**changes)
        return
    if not Enrollment.objects.filter(operator=operator, course=course).update(
        **changes
    ):
        _enroll(operator, course)
        Enrollment.objects.filter(operator=operator, course=course).update(**changes)


def visit_window_start() -> datetime:
    """A visit recorded after this moment is not written again (see `record_visit`)."""
    return timezone.now() - VISIT_PRECISION


def complete_lesson(
    *, operator: User, lesson: LessonPage, course: CoursePage | None = None
) -> LessonProgress:
    """Mark a lesson done (idempotent; a double tap records it once)."""
    course = course or course_of(page=lesson)
    _ensure_may_learn(operator, course)
    _enroll(operator, course)
    try:
        with transaction.atomic():
            progress, created = LessonProgress.objects.get_or_create(
                operator=operator,
                lesson=lesson,
                defaults={"course": course, "completed_at": timezone.now()},
            )
    except IntegrityError:
        progress, created = (
            LessonProgress.objects.get(operator=operator, lesson=lesson),
            False,
        )
    if created:
        check_course_completion(operator=operator, course=course)
    return progress


def _expire_if_due(attempt, now=None):
    now = now or timezone.now()
    if attempt.is_open and attempt.deadline and now >= attempt.deadline:
        _grade(attempt, timed_out=True)
        return True
    return False


def start_attempt(*, operator: User, quiz: QuizPage) -> QuizAttempt:
    """Return the operator's open attempt at the quiz, or start a new one."""
    course = course_of(page=quiz)
    _ensure_may_learn(operator, course)
    open_attempt = QuizAttempt.objects.filter(
        operator=operator, quiz=quiz, status=QuizAttempt.Status.IN_PROGRESS
    ).first()
    if open_attempt and not _expire_if_due(open_attempt):
        return open_attempt
    used = QuizAttempt.objects.filter(operator=operator, quiz=quiz).count()
    allowed = attempt_allowances([operator.pk], [quiz])[(operator.pk, quiz.pk)].allowed
    counted = counted_attempts(operator, quiz, course, used, allowed=allowed)
    if allowed is not None and counted >= allowed:
        raise LearningError(
            _(
                "You have used all %(n)s attempts for this quiz. Ask your trainer if you need another."
            )
            % {"n": allowed}
        )
    if not len(quiz.questions):
        raise LearningError(_("This quiz has no questions yet. Try again later."))
    now = timezone.now()
    _enroll(operator, course)
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                operator=operator,
                quiz=quiz,
                course=course,
                number=used + 1,
                started_at=now,
                deadline=now + timedelta(minutes=quiz.time_limit_minutes)
                if quiz.time_limit_minutes
                else None,
                snapshot=grading.snapshot_questions(quiz),
                pass_mark=quiz.pass_mark,
            )
    except IntegrityError:
        # Two taps at once: the other request started it; use that one.
        return QuizAttempt.objects.get(
            operator=operator, quiz=quiz, status=QuizAttempt.Status.IN_PROGRESS
        )


@transaction.atomic
def grant_extra_attempt(
    *, actor: User, operator: User, quiz: QuizPage, reason: str
) -> ExtraAttempt:
    """Give an operator who used every attempt at a quiz one more, with the reason
    they read on the quiz page; in the audit log.

    Refused while the operator still has an attempt to start or in progress, or
    passed: so the same grant sent twice gives one attempt."""
    if not extra_attempt_policy.user_may_grant(actor, operator):
        raise PermissionDenied(
            _("You may only give extra attempts to operators in your region.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise LearningError(
            _(
                "Write why the operator gets another attempt; they read it on the "
                "quiz page."
            )
        )
    if not quiz.max_attempts:
        raise LearningError(
            _(
                "This quiz allows unlimited attempts, so no extra attempt is needed. "
                "Nothing was changed."
            )
        )
    # One grant at a time per operator: the second of two grants sent at once
    # waits here, then sees the attempt the first one gave.
    User.objects.select_for_update().filter(pk=operator.pk).first()
    status = quiz_statuses(operator.pk, [quiz])[quiz.pk]
    name = operator.display_name
    if status.passed:
        raise LearningError(
            _(
                "%(name)s already passed this quiz, so no extra attempt is needed. "
                "Nothing was changed."
            )
            % {"name": name}
        )
    if status.open_attempt_id is not None:
        raise LearningError(
            _(
                "%(name)s has an attempt at this quiz in progress. Grant another "
                "attempt only after it is submitted and not passed."
            )
            % {"name": name}
        )
    if status.remaining:
        raise LearningError(
            _(
                "%(name)s still has %(n)s attempt(s) left at this quiz, so no extra "
                "attempt was given. Grant one only when every attempt is used."
            )
            % {"name": name, "n": status.remaining}
        )
    grant = ExtraAttempt.objects.create(
        operator=operator, quiz=quiz, granted_by=actor, reason=reason
    )
    log(
        instance=grant,
        action="literasi.extra_attempt.grant",
        user=actor,
        data={
            "operator": operator.username,
            "quiz_id": quiz.pk,
            "quiz": quiz.title,
            "reason": reason,
            "allowed": status.allowed + 1,
        },
    )
    extra_attempt_granted.send(sender=ExtraAttempt, grant=grant)
    return grant


def question_in(*, attempt: QuizAttempt, question_id: str) -> dict | None:
    for question in attempt.snapshot:
        if question["id"] == question_id:
            return question
    return None


def save_answer(
    *, operator: User, attempt: QuizAttempt, question_id: str, raw: list[str] | None
) -> Any:
    """Save (or replace) one answer of an open attempt."""
    if attempt.operator_id != operator.pk:
        raise PermissionDenied(_("This attempt belongs to someone else."))
    if _expire_if_due(attempt):
        raise AttemptClosed(
            _(
                "Time is up: the attempt was graded with the answers saved before the deadline."
            )
        )
    if not attempt.is_open:
        raise AttemptClosed(
            _("This attempt has already been submitted; answers can no longer change.")
        )
    question = question_in(attempt=attempt, question_id=question_id)
    if question is None:
        raise LearningError(
            _(
                "That question is not part of this attempt. Reload the quiz and try again."
            )
        )
    try:
        response = grading.clean_response(question, raw)
    except grading.UnstorableText as exc:
        raise LearningError(
            _(
                "The answer contains a character that cannot be saved (a NUL character). "
                "Type the answer again and save."
            )
        ) from exc
    except grading.InvalidResponse as exc:
        raise LearningError(_("Choose an answer before saving.")) from exc
    with transaction.atomic():
        locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            raise AttemptClosed(
                _(
                    "This attempt has already been submitted; answers can no longer change."
                )
            )
        QuizAnswer.objects.update_or_create(
            attempt=attempt, question_id=question_id, defaults={"response": response}
        )
    return response


def _grade(attempt, *, timed_out=False):
    """Grade an open attempt exactly once; return the graded attempt."""
    with transaction.atomic():
        locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return locked
        answers = {a.question_id: a for a in locked.answers.all()}
        total = 0
        scored = []
        for question in locked.snapshot:
            answer = answers.get(question["id"])
            score = grading.score_question(
                question, answer.response if answer else None
            )
            total += score
            if answer is not None:
                answer.score = score
                scored.append(answer)
        # Every answer's score in one UPDATE, whatever the number of questions.
        QuizAnswer.objects.bulk_update(scored, ["score"], batch_size=500)
        locked.score = grading.percent(total, len(locked.snapshot))
        locked.passed = locked.score >= locked.pass_mark
        locked.status = QuizAttempt.Status.GRADED
        locked.submitted_at = (
            min(timezone.now(), locked.deadline)
            if timed_out and locked.deadline
            else timezone.now()
        )
        locked.timed_out = timed_out
        locked.save()
    if locked.passed:
        check_course_completion(operator=locked.operator, course=locked.course)
    return locked


def submit_attempt(*, operator: User, attempt: QuizAttempt) -> QuizAttempt:
    """Grade the attempt with its saved answers. Submitting twice grades once."""
    if attempt.operator_id != operator.pk:
        raise PermissionDenied(_("This attempt belongs to someone else."))
    timed_out = bool(attempt.deadline and timezone.now() >= attempt.deadline)
    return _grade(attempt, timed_out=timed_out)


def grade_expired_attempts(*, now: datetime | None = None) -> int:
    """Grade every open attempt whose time ran out (for a periodic command)."""
    now = now or timezone.now()
    graded = 0
    for attempt in QuizAttempt.objects.filter(
        status=QuizAttempt.Status.IN_PROGRESS, deadline__lte=now
    ):
        _grade(attempt, timed_out=True)
        graded += 1
    return graded


def check_course_completion(*, operator: User, course: CoursePage) -> None:
    """Complete the course, and any renewal round asking for its steps, when
    every requirement is met (called after progress)."""
    if course_requirements_met(operator, course):
        complete_course(operator=operator, course=course)
    for renewal in open_renewals_requiring(operator, course):
        if renewal_progress(renewal).met:
            complete_renewal(renewal=renewal)


def complete_course(*, operator: User, course: CoursePage) -> bool:
    """The single event "operator completed course".

    Runs its effects exactly once per operator and course, whatever the retries or
    races: only the request that flips `completed_at` from empty goes on, and
    sends `course_completed` inside its transaction (certificates issue there).
    """
    now = timezone.now()
    _enroll(operator, course)
    with transaction.atomic():
        flipped = Enrollment.objects.filter(
            operator=operator, course=course, completed_at__isnull=True
        ).update(completed_at=now)
        if not flipped:
            return False
        course_completed.send(sender=CoursePage, operator=operator, course=course)
    return True


def _refusal(offer, course):
    """Why the operator cannot renew the course's certificate now, or None."""
    if course.renewal_mode == CoursePage.RenewalMode.NONE:
        return _("%(course)s has no renewal. Ask the course team.") % {
            "course": course.title
        }
    if offer is None:
        return _(
            "Your certificate of %(course)s cannot be renewed now: renewal opens "
            "%(days)s days before it expires, and needs a certificate of the course."
        ) % {"course": course.title, "days": course.renewal_window_days}
    if offer.held_back:
        return _(
            "Your certificate of %(course)s was revoked, so it cannot be renewed. "
            "Ask Diskominfo to lift the revocation first."
        ) % {"course": course.title}
    return None


def start_renewal(*, operator: User, course: CoursePage) -> Renewal:
    """Open the operator's renewal round for the course, or return the open one.

    Only for an operator whose certificate of the course expired, or expires
    within the course's renewal window, and whom no revocation holds back.
    Double-submit safe: the database allows one open round per operator and
    course, and the loser of a race gets the winner's round.
    """
    if not renewal_policy.user_can_renew(operator, course):
        raise PermissionDenied(_("This course is not open to your account."))
    offer = renewal_offer_for(operator, course)
    refusal = _refusal(offer, course)
    if refusal:
        raise LearningError(refusal)
    if offer.renewal is not None:
        return offer.renewal
    refresher = None
    if course.renewal_mode == CoursePage.RenewalMode.REFRESHER:
        refresher = course.renewal_course
        if refresher is None or not refresher.live:
            raise LearningError(
                _(
                    "The refresher course of %(course)s is not available. Ask the "
                    "course team to publish it."
                )
                % {"course": course.title}
            )
        _ensure_may_learn(operator, refresher)
    target = refresher or course
    if not course_outline(target).quizzes:
        raise LearningError(
            _(
                "%(course)s has no quiz to take for a renewal yet. Ask the course "
                "team to add one."
            )
            % {"course": target.title}
        )
    try:
        with transaction.atomic():
            return Renewal.objects.create(
                operator=operator,
                course=course,
                refresher=refresher,
                mode=Renewal.Mode.REFRESHER if refresher else Renewal.Mode.RETAKE,
            )
    except IntegrityError:
        return Renewal.objects.open().get(operator=operator, course=course)


def complete_renewal(*, renewal: Renewal) -> bool:
    """The single event "operator completed a renewal round".

    Only the request that flips `completed_at` from empty goes on and sends
    `renewal_completed` inside its transaction (certificates renew there). A
    receiver's refusal (a revocation, say) rolls the completion back: the
    round stays open and Kursus saya says why.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            flipped = (
                Renewal.objects.open().filter(pk=renewal.pk).update(completed_at=now)
            )
            if not flipped:
                return False
            renewal.completed_at = now
            renewal_completed.send(sender=Renewal, renewal=renewal)
    except DomainError as exc:
        renewal.completed_at = None
        logger.warning("Renewal %s not completed: %s", renewal.pk, exc)
        return False
    return True


def close_open_renewals(*, operator: User, course: CoursePage, note: str) -> int:
    """Close the operator's open renewal round of the course, if any, with a note
    (why it is no longer needed); returns how many were closed.

    For the app that issues certificates: a new valid certificate of the course
    that came another way than the round (by hand, a workshop batch, a re-issue)
    leaves nothing to renew. Called inside the issuing transaction; the round
    stays as history and the round page says it is no longer needed."""
    return (
        Renewal.objects.open()
        .filter(operator=operator, course=course)
        .update(closed_at=timezone.now(), closed_note=note[:300])
    )


COURSE_EDITORS_GROUP = "Penyusun kursus"


def ensure_course_editors_group() -> Group:
    """The group that writes courses (Diskominfo admins and the national course
    team): pages under the course index and the course media collection.

    Which courses each member may change is the ownership rule of
    `CourseWritingPolicy`, applied to every page of the course tree."""
    group = admin_access_group(name=COURSE_EDITORS_GROUP)
    index = CourseIndexPage.objects.first()
    if index is not None:
        grant_page_permissions(
            group=group, page=index, codenames=MODERATOR_PAGE_PERMISSIONS
        )
    collection = child_collection(
        name="Materi kursus", parent=Collection.get_first_root_node()
    )
    grant_collection_permissions(group=group, collection=collection)
    return group


def assign_course_groups(*, user: User) -> None:
    """Diskominfo admins and the course team write courses (superusers need nothing)."""
    group = ensure_course_editors_group()
    if course_writing_policy.user_writes_courses(user):
        user.groups.add(group)
    else:
        user.groups.remove(group)
