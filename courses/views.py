"""Learner views: lessons, quizzes (page by page, no JavaScript needed), Kursus saya."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ExtraAttemptForm
from .models import CoursePage, LessonPage, QuizAttempt, QuizPage
from .permissions import (
    extra_attempt_policy,
    learning_policy,
    progress_policy,
    renewal_policy,
)
from .selectors import (
    course_outline,
    course_progress,
    extra_attempts_given,
    my_courses,
    next_step,
    offline_bundle,
    operator_progress_rows,
    quiz_statuses,
    quizzes_out_of_attempts,
    renewal_progress,
    upcoming_invitation,
)


@require_POST
@login_required
def complete_lesson(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = services.course_of(page=lesson)
    try:
        services.complete_lesson(operator=request.user, lesson=lesson, course=course)
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect(lesson.url)
    outline = course_outline(course)
    step = next_step(outline, course_progress(request.user, outline))
    messages.success(request, _("Lesson marked as done."))
    return redirect(step.url if step else course.url)


@require_POST
@login_required
def start_quiz(request, quiz_id):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        attempt = services.start_attempt(operator=request.user, quiz=quiz)
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect(quiz.url)
    first_unanswered = _first_unanswered(attempt)
    return redirect("courses:question", attempt_id=attempt.pk, number=first_unanswered)


def _first_unanswered(attempt):
    answered = set(attempt.answers.values_list("question_id", flat=True))
    for number, question in enumerate(attempt.snapshot, start=1):
        if question["id"] not in answered:
            return number
    return len(attempt.snapshot)


def _own_attempt(request, attempt_id):
    # Another user's attempt is simply not found: no hint that it exists.
    return get_object_or_404(
        QuizAttempt.objects.select_related("quiz"),
        pk=attempt_id,
        operator_id=request.user.pk,
    )


def _public_question(question):
    """What the browser may see of a question before grading: no correct answers."""
    public = {
        "id": question["id"],
        "type": question["type"],
        "question": question["question"],
    }
    if "choices" in question:
        public["choices"] = [
            {"id": c["id"], "text": c["text"]} for c in question["choices"]
        ]
    return public


def _closed_attempt_message(*, timed_out):
    if timed_out:
        return _(
            "Time is up: the attempt was graded with the answers saved before the deadline."
        )
    return _("This attempt has already been submitted; answers can no longer change.")


@login_required
def question(request, attempt_id, number):
    attempt = _own_attempt(request, attempt_id)
    wants_json = request.headers.get("x-requested-with") == "fetch"
    timed_out = services._expire_if_due(attempt)
    if timed_out or not attempt.is_open:
        if wants_json and request.method == "POST":
            # An answer the quiz script sends late (e.g. kept while offline): the
            # server's clock decides, and the page shows why it was not saved.
            return JsonResponse(
                {
                    "saved": False,
                    "error": _closed_attempt_message(
                        timed_out=timed_out or attempt.timed_out
                    ),
                },
                status=409,
            )
        return redirect("courses:result", attempt_id=attempt.pk)
    total = len(attempt.snapshot)
    if not 1 <= number <= total:
        raise Http404
    item = attempt.snapshot[number - 1]
    error = None
    if request.method == "POST":
        if request.POST.get("question_id") != item["id"]:
            error = _(
                "This answer was for another question. Answer the question shown."
            )
        elif "answer" in request.POST:
            try:
                services.save_answer(
                    operator=request.user,
                    attempt=attempt,
                    question_id=item["id"],
                    raw=request.POST.getlist("answer"),
                )
            except services.AttemptClosed as exc:
                if wants_json:
                    return JsonResponse({"saved": False, "error": str(exc)}, status=409)
                messages.error(request, str(exc))
                return redirect("courses:result", attempt_id=attempt.pk)
            except services.LearningError as exc:
                error = str(exc)
        if wants_json:
            return JsonResponse(
                {"saved": error is None, "error": error},
                status=200 if error is None else 400,
            )
        if error is None:
            go = request.POST.get("go", "next")
            if go == "previous" and number > 1:
                return redirect(
                    "courses:question", attempt_id=attempt.pk, number=number - 1
                )
            if go == "review" or number == total:
                return redirect("courses:review", attempt_id=attempt.pk)
            return redirect(
                "courses:question", attempt_id=attempt.pk, number=number + 1
            )
    saved = (
        attempt.answers.filter(question_id=item["id"])
        .values_list("response", flat=True)
        .first()
    )
    if isinstance(saved, bool):
        saved_values = ["true" if saved else "false"]
    elif isinstance(saved, list):
        saved_values = saved
    elif saved is None:
        saved_values = []
    else:
        saved_values = [saved]
    return TemplateResponse(
        request,
        "courses/question.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "item": _public_question(item),
            "number": number,
            "total": total,
            "saved_values": saved_values,
            "question_urls": [
                reverse("courses:question", args=[attempt.pk, n])
                for n in range(1, total + 1)
            ],
            "error": error,
            "seconds_left": int((attempt.deadline - timezone.now()).total_seconds())
            if attempt.deadline
            else None,
        },
        status=400 if error else 200,
    )


@login_required
def review(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if services._expire_if_due(attempt) or not attempt.is_open:
        return redirect("courses:result", attempt_id=attempt.pk)
    if request.method == "POST":
        services.submit_attempt(operator=request.user, attempt=attempt)
        return redirect("courses:result", attempt_id=attempt.pk)
    answered = set(attempt.answers.values_list("question_id", flat=True))
    items = [
        {"number": n, "question": q["question"], "answered": q["id"] in answered}
        for n, q in enumerate(attempt.snapshot, start=1)
    ]
    return TemplateResponse(
        request,
        "courses/review.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "items": items,
            "unanswered": sum(1 for i in items if not i["answered"]),
        },
    )


@login_required
def result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    services._expire_if_due(attempt)
    attempt.refresh_from_db()
    if attempt.is_open:
        return redirect("courses:review", attempt_id=attempt.pk)
    quiz = attempt.quiz
    show = quiz.show_answers == QuizPage.ShowAnswers.AFTER_ATTEMPT or (
        quiz.show_answers == QuizPage.ShowAnswers.AFTER_PASS
        and quiz_statuses(request.user.pk, [quiz])[quiz.pk].passed
    )
    answers = {a.question_id: a for a in attempt.answers.all()}
    items = []
    for number, q in enumerate(attempt.snapshot, start=1):
        answer = answers.get(q["id"])
        items.append(
            {
                "number": number,
                "q": q,
                "response": answer.response if answer else None,
                "score": answer.score if answer else 0,
            }
        )
    course = attempt.course
    outline = course_outline(course)
    progress = course_progress(request.user, outline)
    step = next_step(outline, progress)
    if step is not None and step.pk == quiz.pk:
        # A failed quiz is its own next step; "Back to the quiz" already leads there.
        step = None
    return TemplateResponse(
        request,
        "courses/result.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "items": items,
            "show_answers": show,
            "course": course,
            "next_step": step,
            "course_completed": bool(
                progress.enrollment and progress.enrollment.completed_at
            ),
        },
    )


@login_required
def continue_course(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not learning_policy.user_can_view(request.user, course):
        raise PermissionDenied
    outline = course_outline(course)
    progress = course_progress(request.user, outline)
    step = next_step(outline, progress)
    return redirect(step.url if step else course.url)


def course_offline(request, course_id):
    """What saving a course for reading offline downloads (JSON for the service worker).

    Only for a user who may open the course's lessons: the same checks as the
    lesson pages, answered as JSON with a sentence to show."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": _("Sign in again, then save the course.")}, status=401
        )
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if course is None or not learning_policy.user_can_view(request.user, course):
        return JsonResponse(
            {"error": _("This course is not open to your account.")}, status=404
        )
    missing = learning_policy.missing_prerequisites(request.user, course)
    if missing and learning_policy.user_can_learn(request.user, course):
        return JsonResponse(
            {
                "error": _("Finish these courses first: %(courses)s.")
                % {"courses": ", ".join(c.title for c in missing)}
            },
            status=403,
        )
    return JsonResponse(offline_bundle(course, request.user))


@login_required
def my_courses_view(request):
    if not learning_policy.user_can_learn(
        request.user, CoursePage(audience=CoursePage.Audience.ALL)
    ):
        return TemplateResponse(
            request, "courses/my_courses.html", {"cards": [], "not_operator": True}
        )
    return TemplateResponse(
        request,
        "courses/my_courses.html",
        {
            "cards": my_courses(request.user),
            "invitation": upcoming_invitation(request.user),
        },
    )


@require_POST
@login_required
def start_renewal(request, course_id):
    """Open (or go back to) the operator's round renewing a course's certificate."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        renewal = services.start_renewal(operator=request.user, course=course)
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect("courses:my_courses")
    return redirect("courses:renewal", renewal_id=renewal.pk)


@login_required
def renewal(request, renewal_id):
    """A renewal round: what to take again, what is done, where to go next."""
    round_ = get_object_or_404(
        renewal_policy.rounds_visible_to(request.user).select_related(
            "course", "refresher"
        ),
        pk=renewal_id,
    )
    progress = renewal_progress(round_)
    return TemplateResponse(
        request,
        "courses/renewal.html",
        {
            "renewal": round_,
            "target": round_.target,
            "steps": [(step, progress.step_done(step)) for step in progress.steps],
            "next_step": progress.next_step,
        },
    )


@login_required
def progress_table(request):
    """Trainers and admins: operators in their region and their course progress."""
    if not progress_policy.user_can_see_any(request.user):
        raise PermissionDenied
    operators = (
        progress_policy.operators_visible_to(request.user)
        .filter(is_active=True)
        .select_related("region", "region__parent")
        .order_by("region__code", "first_name", "last_name")
    )
    query = request.GET.get("q", "").strip()
    if query:
        operators = operators.filter(region__name__icontains=query) | operators.filter(
            first_name__icontains=query
        )
    page = Paginator(operators, 50).get_page(request.GET.get("p"))
    courses = list(CoursePage.objects.live().order_by("path").defer_streamfields())
    outlines = {c.pk: course_outline(c) for c in courses}
    done = operator_progress_rows(list(page.object_list), courses)
    may_grant = extra_attempt_policy.user_has_permission(request.user, "add")
    out_of_attempts = (
        quizzes_out_of_attempts(list(page.object_list)) if may_grant else {}
    )
    rows = []
    for operator in page.object_list:
        cells = []
        for course in courses:
            total = len(outlines[course.pk].lessons)
            n, last = done.get((operator.pk, course.pk), (0, None))
            cells.append(
                {
                    "done": n,
                    "total": total,
                    "percent": round(100 * n / total) if total else 0,
                    "last": last,
                    "out_of_attempts": [
                        quiz
                        for quiz in out_of_attempts.get(operator.pk, [])
                        if quiz.path.startswith(course.path)
                    ],
                }
            )
        rows.append({"operator": operator, "cells": cells})
    return TemplateResponse(
        request,
        "courses/progress_table.html",
        {
            "page_obj": page,
            "rows": rows,
            "courses": courses,
            "query": query,
            "back": request.get_full_path(),
        },
    )


def _back_to(request):
    """Where to go after a trainer's form: the page they came from, on this site."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("courses:progress_table")


@login_required
def grant_extra_attempt(request, quiz_id, user_id):
    """Trainers and admins: give an operator who used every attempt one more."""
    if not extra_attempt_policy.user_has_permission(request.user, "add"):
        raise PermissionDenied
    # Another region's operator is simply not found: no hint that they exist.
    operator = get_object_or_404(
        extra_attempt_policy.operators_for(request.user).select_related(
            "region__parent"
        ),
        pk=user_id,
    )
    quiz = get_object_or_404(QuizPage.objects.live().defer("questions"), pk=quiz_id)
    back = _back_to(request)
    form = ExtraAttemptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_extra_attempt(
                actor=request.user,
                operator=operator,
                quiz=quiz,
                reason=form.cleaned_data["reason"],
            )
        except services.LearningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s may now try “%(quiz)s” once more.")
                % {"name": operator.display_name, "quiz": quiz.title},
            )
            return redirect(back)
    return TemplateResponse(
        request,
        "courses/extra_attempt_form.html",
        {
            "form": form,
            "quiz": quiz,
            "operator": operator,
            "status": quiz_statuses(operator.pk, [quiz])[quiz.pk],
            "grants": extra_attempts_given(operator, quiz),
            "back": back,
        },
        status=400 if form.errors else 200,
    )
