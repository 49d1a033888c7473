"""Reads for learning pages: course outlines and progress, in a fixed number of queries."""

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import unquote
from uuid import uuid4

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import connection, models
from django.db.models import Count, Max, Q
from django.templatetags.static import static
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page

from accounts.models import User

from .models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    ExtraAttempt,
    LessonPage,
    LessonProgress,
    ModulePage,
    QuizAttempt,
    QuizPage,
    Renewal,
)
from .permissions import learning_policy


def _ask_higher_app(setting_name, *args):
    """Ask an app above courses through the function a setting names (see
    `COURSES_WORKSHOP_ATTENDANCE_CHECK` in settings): courses may not import it."""
    return import_string(getattr(settings, setting_name))(*args)


@dataclass
class ModuleOutline:
    page: ModulePage
    lessons: list = field(default_factory=list)
    quiz: QuizPage | None = None

    @property
    def steps(self):
        return [*self.lessons, *([self.quiz] if self.quiz else [])]


@dataclass
class CourseOutline:
    course: CoursePage
    modules: list

    @property
    def lessons(self):
        return [lesson for m in self.modules for lesson in m.lessons]

    @property
    def quizzes(self):
        return [m.quiz for m in self.modules if m.quiz]

    @property
    def steps(self):
        return [step for m in self.modules for step in m.steps]

    def module_of(self, page):
        for module in self.modules:
            if any(step.pk == page.pk for step in module.steps):
                return module
        return None


def course_outline(course):
    """Modules with their live lessons and quiz, in tree order: three queries."""
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    by_path = {m.path: ModuleOutline(page=m) for m in modules}
    lessons = (
        LessonPage.objects.descendant_of(course).live().defer("body").order_by("path")
    )
    for lesson in lessons:
        module = by_path.get(lesson.path[: -lesson.steplen])
        if module:
            module.lessons.append(lesson)
    for quiz in (
        QuizPage.objects.descendant_of(course)
        .live()
        .defer("questions")
        .order_by("path")
    ):
        module = by_path.get(quiz.path[: -quiz.steplen])
        if module and module.quiz is None:
            module.quiz = quiz
    return CourseOutline(course=course, modules=[by_path[m.path] for m in modules])


@dataclass
class LessonPlace:
    """Where a lesson sits in its course, for the lesson page's header and pager."""

    module_title: str | None
    position: int
    total: int
    previous_step: Page | None
    following_step: Page | None


def lesson_place(course, lesson):
    """The lesson's module, its step number and its neighbours, in one query.

    The same steps as `course_outline(course).steps` (live lessons of live modules
    in tree order, then the module's first live quiz), read as rows of the base page
    table: the neighbours come back as `Page` objects with what a link needs (title,
    URL), not as specific pages.
    """
    types = ContentType.objects.get_for_models(ModulePage, LessonPage, QuizPage)
    module_type, lesson_type, quiz_type = (
        types[ModulePage].pk,
        types[LessonPage].pk,
        types[QuizPage].pk,
    )
    rows = (
        Page.objects.filter(
            path__startswith=course.path,
            depth__in=(course.depth + 1, course.depth + 2),
            live=True,
            content_type_id__in=(module_type, lesson_type, quiz_type),
        )
        .order_by("path")
        .values_list("pk", "path", "depth", "title", "url_path", "content_type_id")
    )
    modules = {}  # path -> (title, lessons, quizzes)
    for row in rows:
        pk, path, depth, title, url_path, type_id = row
        if depth == course.depth + 1:
            if type_id == module_type:
                modules[path] = (title, [], [])
            continue
        module = modules.get(path[: -Page.steplen])
        if module is None:
            continue
        if type_id == lesson_type:
            module[1].append(row)
        elif type_id == quiz_type:
            module[2].append(row)
    steps, module_of_step = [], []
    for title, lessons, quizzes in modules.values():
        for step in [*lessons, *quizzes[:1]]:
            steps.append(step)
            module_of_step.append(title)
    index = next((i for i, s in enumerate(steps) if s[0] == lesson.pk), None)
    module_title = module_of_step[index] if index is not None else None
    index = index or 0

    def link(i):
        if not 0 <= i < len(steps):
            return None
        pk, path, depth, title, url_path, _type = steps[i]
        return Page(id=pk, path=path, depth=depth, title=title, url_path=url_path)

    return LessonPlace(
        module_title=module_title,
        position=index + 1,
        total=len(steps),
        previous_step=link(index - 1) if index > 0 else None,
        following_step=link(index + 1),
    )


# The course structure a lesson or quiz page needs, kept in Django's cache --------
#
# Only what is the same for every user: the page's course, the course's live
# prerequisites and, for a lesson, its place. Every entry carries the structure
# version it was read under; any change to a page of the course tree (or above it)
# gives a new version (courses.signal_handlers), so an entry read before the change
# is never served after it. The timeout only bounds a cache that is not shared by
# every process (locmem with several workers); production shares Redis.

STRUCTURE_VERSION_KEY = "courses:structure:version"
STRUCTURE_TIMEOUT = 15 * 60


@dataclass
class StepStructure:
    """A lesson's or quiz's course (None: not in a course), its live
    prerequisites by title, and for a lesson its place."""

    course: CoursePage | None
    prerequisites: list
    place: LessonPlace | None


def forget_course_structure():
    """Start a new structure version: every cached `StepStructure` is stale."""
    cache.set(STRUCTURE_VERSION_KEY, uuid4().hex, timeout=None)


def _structure_version(found):
    version = found.get(STRUCTURE_VERSION_KEY)
    if version is None:
        cache.add(STRUCTURE_VERSION_KEY, uuid4().hex, timeout=None)
        version = cache.get(STRUCTURE_VERSION_KEY)
    return version


def read_step_structure(page):
    """`StepStructure` from the database: three queries for a lesson, two for a quiz."""
    course = CoursePage.objects.ancestor_of(page).first()
    if course is None:
        return StepStructure(course=None, prerequisites=[], place=None)
    return StepStructure(
        course=course,
        prerequisites=list(course.prerequisites.live().order_by("title")),
        place=lesson_place(course, page) if isinstance(page, LessonPage) else None,
    )


def _cached_structure(key, read):
    """`read()`, kept under `key` while the structure version stays the same."""
    found = cache.get_many([STRUCTURE_VERSION_KEY, key])
    version = _structure_version(found)
    entry = found.get(key)
    if entry is not None and version is not None and entry[0] == version:
        return entry[1]
    value = read()
    if version is not None:
        cache.set(key, (version, value), timeout=STRUCTURE_TIMEOUT)
    return value


def step_structure(page):
    """`StepStructure` of a lesson or quiz page: from the cache (one read) while
    the course tree is unchanged, else read and kept."""
    return _cached_structure(
        f"courses:structure:step:{page.pk}", lambda: read_step_structure(page)
    )


def course_index_under(home):
    """The course index page right under `home` (None if there is none), from the
    cache while the course tree is unchanged: the home page routes lesson URLs
    to it without looking it up (see `lms.models.HomePage.route`)."""
    return _cached_structure(
        f"courses:structure:index:{home.pk}",
        lambda: CourseIndexPage.objects.child_of(home).order_by("path").first(),
    )


@dataclass(frozen=True)
class LessonVisit:
    """What the lesson page needs to know about the operator's place in the course."""

    enrollment_id: int | None  # None: not enrolled yet
    recorded: bool  # the enrollment already marks this lesson, seen since `since`
    done: bool  # the operator finished this lesson


def lesson_visit(operator, course, lesson, *, since):
    """The operator's visit to `lesson`: enrolled?, already recorded as their place
    (seen at or after `since`)?, lesson done? One query once enrolled (two on the
    first visit to the course).

    Written in SQL: this runs on every lesson view, and building the same query
    with the ORM (an EXISTS subquery and a conditional column) cost more CPU than
    the rest of the view's queries together (bench/lesson_page.py, issue #12).
    Both tables are named from the models, the values passed as parameters.
    """
    enrollments = Enrollment._meta.db_table
    progress = LessonProgress._meta.db_table
    done_sql = (
        f"SELECT EXISTS(SELECT 1 FROM {progress} p"  # noqa: S608 - no user input
        f" WHERE p.operator_id = %s AND p.lesson_id = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id, e.last_page_id = %s AND e.last_seen_at >= %s,"  # noqa: S608
            f" ({done_sql}) FROM {enrollments} e"
            f" WHERE e.operator_id = %s AND e.course_id = %s",
            [
                lesson.pk,
                connection.ops.adapt_datetimefield_value(since),
                operator.pk,
                lesson.pk,
                operator.pk,
                course.pk,
            ],
        )
        row = cursor.fetchone()
        if row is None:  # not enrolled yet: the first visit to this course
            cursor.execute(done_sql, [operator.pk, lesson.pk])
            return LessonVisit(
                enrollment_id=None, recorded=False, done=bool(cursor.fetchone()[0])
            )
    enrollment_id, recorded, done = row
    return LessonVisit(
        enrollment_id=enrollment_id, recorded=bool(recorded), done=bool(done)
    )


@dataclass
class AttemptAllowance:
    """How many attempts a quiz allows one operator (None: unlimited), and the
    extra attempts granted to them, oldest first."""

    allowed: int | None = None
    grants: list = field(default_factory=list)


def attempt_allowances(operator_ids, quizzes):
    """{(operator_id, quiz_id): AttemptAllowance} for every pair: the quiz's
    maximum plus one per extra attempt granted; an unlimited quiz stays unlimited.

    The one place attempts are counted: the quiz page, `start_attempt`, Kursus saya
    and the progress table all ask it. One query when a quiz has a maximum, none
    otherwise. Each quiz needs `max_attempts` loaded."""
    allowances = {
        (operator_id, quiz.pk): AttemptAllowance(allowed=quiz.max_attempts)
        for operator_id in operator_ids
        for quiz in quizzes
    }
    limited = [quiz.pk for quiz in quizzes if quiz.max_attempts]
    if limited and operator_ids:
        for grant in ExtraAttempt.objects.filter(
            operator_id__in=operator_ids, quiz_id__in=limited
        ).only("pk", "operator_id", "quiz_id", "reason", "created_at"):
            allowance = allowances[(grant.operator_id, grant.quiz_id)]
            allowance.allowed += 1
            allowance.grants.append(grant)
    return allowances


@dataclass
class QuizStatus:
    attempts: int = 0
    best: object = None
    last: object = None
    passed: bool = False
    open_attempt_id: int | None = None
    allowance: AttemptAllowance = field(default_factory=AttemptAllowance)

    @property
    def allowed(self):
        """Attempts allowed in all (None: unlimited), extra attempts included."""
        return self.allowance.allowed

    @property
    def remaining(self):
        """Attempts the operator may still start (None: unlimited)."""
        if self.allowed is None:
            return None
        return max(0, self.allowed - self.attempts)

    @property
    def out_of_attempts(self):
        """Every allowed attempt used, none in progress, and not passed: only a
        trainer's extra attempt lets this operator try again."""
        return self.remaining == 0 and not self.passed and self.open_attempt_id is None

    @property
    def unused_grant(self):
        """The latest extra attempt granted, while the operator has not used it."""
        if self.allowance.grants and self.remaining and not self.passed:
            return self.allowance.grants[-1]
        return None


@dataclass
class CourseProgress:
    done_lessons: dict
    quizzes: dict
    enrollment: Enrollment | None

    def lesson_done(self, lesson):
        return lesson.pk in self.done_lessons

    def quiz_passed(self, quiz):
        return self.quizzes.get(quiz.pk, QuizStatus()).passed

    def step_done(self, page):
        return (
            self.quiz_passed(page)
            if isinstance(page, QuizPage)
            else self.lesson_done(page)
        )


def quiz_statuses(operator_id, quizzes):
    """Per quiz: attempts used and allowed, best/last score, passed (by the quiz's
    grading)."""
    statuses = quiz_statuses_of_operators([operator_id], quizzes)
    return {quiz.pk: statuses[(operator_id, quiz.pk)] for quiz in quizzes}


def quiz_statuses_of_operators(operator_ids, quizzes):
    """`quiz_statuses` for several operators at once: {(operator_id, quiz_id):
    QuizStatus}, in two queries (one when no quiz has a maximum)."""
    allowances = attempt_allowances(operator_ids, quizzes)
    statuses = {key: QuizStatus(allowance=a) for key, a in allowances.items()}
    grading = {q.pk: q.grading for q in quizzes}
    rows = (
        QuizAttempt.objects.filter(operator_id__in=operator_ids, quiz_id__in=grading)
        .values_list("operator_id", "quiz_id", "status", "score", "passed", "pk")
        .order_by("number")
    )
    for operator_id, quiz_id, status, score, passed, pk in rows:
        _count_attempt(
            statuses[(operator_id, quiz_id)],
            grading[quiz_id],
            status,
            score,
            passed,
            pk,
        )
    return statuses


def _count_attempt(st, grading, status, score, passed, pk):
    """Add one attempt (taken in `number` order) to a `QuizStatus`."""
    st.attempts += 1
    if status == QuizAttempt.Status.IN_PROGRESS:
        st.open_attempt_id = pk
        return
    st.last = score
    st.best = score if st.best is None else max(st.best, score)
    if grading == QuizPage.Grading.LAST:
        st.passed = passed
    else:
        st.passed = st.passed or passed


@dataclass
class QuizPageState:
    """What the quiz page shows an operator: their attempts and status and, while
    an open renewal round asks for the quiz, the round and the status of the
    attempts started in it (those alone count there)."""

    status: QuizStatus
    attempts: list
    renewal: Renewal | None = None
    round_status: QuizStatus | None = None

    @property
    def remaining(self):
        """Attempts the operator may still start (None: unlimited)."""
        return (self.round_status or self.status).remaining


def quiz_page_state(operator, quiz, course):
    """`QuizPageState` of the operator at the quiz of `course`, in three queries
    (two when the quiz has no maximum): the extra attempts, the attempts, the
    operator's open round asking for the quiz (the earliest, as
    `counted_attempts` counts)."""
    allowance = attempt_allowances([operator.pk], [quiz])[(operator.pk, quiz.pk)]
    attempts = list(
        QuizAttempt.objects.filter(operator=operator, quiz=quiz).defer("snapshot")
    )
    status = QuizStatus(allowance=allowance)
    for a in attempts:
        _count_attempt(status, quiz.grading, a.status, a.score, a.passed, a.pk)
    renewal = open_renewals_requiring(operator, course).order_by("started_at").first()
    round_status = None
    if renewal is not None:
        round_status = QuizStatus(allowance=allowance)
        for a in attempts:
            if a.started_at >= renewal.started_at:
                _count_attempt(
                    round_status, quiz.grading, a.status, a.score, a.passed, a.pk
                )
    return QuizPageState(
        status=status, attempts=attempts, renewal=renewal, round_status=round_status
    )


def quizzes_out_of_attempts(operators):
    """For a page of operators: {operator_id: [live quizzes whose every allowed
    attempt they used without passing]}, where an extra attempt would help; three
    queries."""
    operator_ids = [o.pk for o in operators]
    if not operator_ids:
        return {}
    quizzes = list(
        QuizPage.objects.live()
        .filter(
            max_attempts__isnull=False,
            pk__in=QuizAttempt.objects.filter(operator_id__in=operator_ids).values(
                "quiz_id"
            ),
        )
        .only("id", "title", "path", "grading", "max_attempts")
        .order_by("path")
    )
    statuses = quiz_statuses_of_operators(operator_ids, quizzes)
    found = {}
    for operator_id in operator_ids:
        for quiz in quizzes:
            if statuses[(operator_id, quiz.pk)].out_of_attempts:
                found.setdefault(operator_id, []).append(quiz)
    return found


def extra_attempts_given(operator, quiz):
    """The extra attempts an operator was granted at a quiz, newest first, with who
    granted them."""
    return list(
        ExtraAttempt.objects.filter(operator=operator, quiz=quiz)
        .select_related("granted_by")
        .order_by("-created_at", "-pk")
    )


def course_progress(operator, outline):
    if not (operator.is_authenticated and operator.role == User.Role.OPERATOR):
        return CourseProgress(done_lessons={}, quizzes={}, enrollment=None)
    done = dict(
        LessonProgress.objects.filter(
            operator=operator, course=outline.course
        ).values_list("lesson_id", "completed_at")
    )
    enrollment = Enrollment.objects.filter(
        operator=operator, course=outline.course
    ).first()
    return CourseProgress(
        done_lessons=done,
        quizzes=quiz_statuses(operator.pk, outline.quizzes),
        enrollment=enrollment,
    )


def next_step(outline, progress):
    """The exact next thing to do: the first step in order not yet done."""
    for step in outline.steps:
        if not progress.step_done(step):
            return step
    return None


def completion_percent(outline, progress):
    steps = outline.steps
    if not steps:
        return 0
    return round(100 * sum(1 for s in steps if progress.step_done(s)) / len(steps))


def course_requirements_met(operator, course):
    outline = course_outline(course)
    progress = course_progress(operator, outline)
    if course.requires_all_lessons and not all(
        progress.lesson_done(x) for x in outline.lessons
    ):
        return False
    if course.requires_quizzes_passed and not all(
        progress.quiz_passed(q) for q in outline.quizzes
    ):
        return False
    if course.requires_workshop_attendance and not _ask_higher_app(
        "COURSES_WORKSHOP_ATTENDANCE_CHECK", operator, course
    ):
        return False
    return bool(outline.steps)


def course_page_context(course, user):
    outline = course_outline(course)
    progress = course_progress(user, outline)
    missing = (
        learning_policy.missing_prerequisites(user, course)
        if user.is_authenticated
        else []
    )
    return {
        "outline": outline,
        "progress": progress,
        "next_step": next_step(outline, progress),
        "percent": completion_percent(outline, progress),
        "missing_prerequisites": missing,
        "can_learn": learning_policy.user_can_learn(user, course),
        "prerequisites": list(course.prerequisites.live().order_by("title")),
        "passed_quiz_ids": {q.pk for q in outline.quizzes if progress.quiz_passed(q)},
    }


def courses_for_user(user, index=None):
    courses = CoursePage.objects.live().order_by("path")
    if index is not None:
        courses = courses.child_of(index)
    return courses.filter(audience__in=learning_policy.audiences_for(user) or ["all"])


@dataclass
class CourseCard:
    course: CoursePage
    lessons_total: int
    lessons_done: int
    quizzes_total: int
    quizzes_passed: int
    enrollment: Enrollment | None
    certificate: object = None
    renewal: "RenewalOffer | None" = None

    @property
    def percent(self):
        total = self.lessons_total + self.quizzes_total
        return (
            round(100 * (self.lessons_done + self.quizzes_passed) / total)
            if total
            else 0
        )

    @property
    def completed(self):
        return bool(self.enrollment and self.enrollment.completed_at)


def my_courses(operator):
    """Every course open to the operator with their progress and certificate."""
    courses = list(courses_for_user(operator).defer_streamfields())
    if not courses:
        return []
    course_ids = [c.pk for c in courses]
    under_courses = Q()
    for course in courses:
        under_courses |= Q(path__startswith=course.path)
    prefix = len(courses[0].path)  # every course sits at the same depth
    lesson_counts = {}
    for path in (
        LessonPage.objects.live().filter(under_courses).values_list("path", flat=True)
    ):
        lesson_counts[path[:prefix]] = lesson_counts.get(path[:prefix], 0) + 1
    quiz_pages = list(
        QuizPage.objects.live()
        .filter(under_courses)
        .only("id", "path", "grading", "max_attempts")
    )
    statuses = quiz_statuses(operator.pk, quiz_pages)
    quizzes_by_course = {}
    for quiz in quiz_pages:
        quizzes_by_course.setdefault(quiz.path[:prefix], []).append(quiz.pk)
    done = dict(
        LessonProgress.objects.filter(
            operator=operator, course_id__in=course_ids, lesson__live=True
        )
        .values("course_id")
        .annotate(n=Count("pk"))
        .values_list("course_id", "n")
    )
    enrollments = {
        e.course_id: e
        for e in Enrollment.objects.filter(operator=operator, course_id__in=course_ids)
    }
    standing = _ask_higher_app("COURSES_CERTIFICATE_STANDING", operator, course_ids)
    today = timezone.localdate()
    offers = {
        course.pk: renewal_offer(course, standing.get(course.pk), today)
        for course in courses
    }
    if any(offers.values()):
        for renewal in Renewal.objects.open().filter(
            operator=operator,
            course_id__in=[pk for pk, offer in offers.items() if offer],
        ):
            offers[renewal.course_id].renewal = renewal
    cards = []
    for course in courses:
        quiz_ids = quizzes_by_course.get(course.path, [])
        valid = standing.get(course.pk)
        cards.append(
            CourseCard(
                course=course,
                lessons_total=lesson_counts.get(course.path, 0),
                lessons_done=done.get(course.pk, 0),
                quizzes_total=len(quiz_ids),
                quizzes_passed=sum(1 for q in quiz_ids if statuses[q].passed),
                enrollment=enrollments.get(course.pk),
                certificate=valid.valid if valid else None,
                renewal=offers[course.pk],
            )
        )
    return cards


def upcoming_invitation(operator):
    """The operator's next workshop invitation, as the app above announces it
    (workshop, session, day, times, zone, place, url), or None."""
    return _ask_higher_app("COURSES_UPCOMING_INVITATION", operator)


# Renewal ------------------------------------------------------------------------


@dataclass
class RenewalOffer:
    """What Kursus saya offers for renewing a course's certificate.

    `certificate`: the certificate a renewal would renew (valid and expiring
    within the course's window, or expired), or the revoked one that holds
    renewal back (`held_back`); `renewal`: the operator's open round, if any."""

    certificate: object
    expired: bool = False
    held_back: bool = False
    renewal: Renewal | None = None

    @property
    def expired_since(self):
        """The first day the expired certificate was no longer valid."""
        until = self.certificate.valid_until
        return until + timedelta(days=1) if self.expired and until else None


def offers_renewal(course) -> bool:
    """Whether an operator can renew the course's certificate in the app."""
    return course.renewal_mode != CoursePage.RenewalMode.NONE


def renewal_opens_on(course, valid_until: date | None) -> date | None:
    """The first day a certificate of the course valid until `valid_until` can be
    renewed (the course's renewal window before it ends); None when the course
    offers no renewal or the certificate never ends."""
    if not offers_renewal(course) or valid_until is None:
        return None
    return valid_until - timedelta(days=course.renewal_window_days)


def renewal_offer(course, standing, today: date) -> RenewalOffer | None:
    """The renewal a course offers an operator with this certificate `standing`
    (`certificates.selectors.CertificateStanding`, None without one); None when
    it offers none: the course has no renewal, the operator holds no certificate
    to renew, or a valid one is not yet within the renewal window."""
    if course.renewal_mode == CoursePage.RenewalMode.NONE or standing is None:
        return None
    if standing.held_back is not None:
        return RenewalOffer(certificate=standing.held_back, held_back=True)
    if standing.valid is not None:
        opens = renewal_opens_on(course, standing.valid.valid_until)
        if opens is None or today < opens:
            return None
        return RenewalOffer(certificate=standing.valid)
    if standing.expired is not None:
        return RenewalOffer(certificate=standing.expired, expired=True)
    return None


def renewal_offer_for(operator, course) -> RenewalOffer | None:
    """`renewal_offer` of one course for the operator, with their open round."""
    standing = _ask_higher_app("COURSES_CERTIFICATE_STANDING", operator, [course.pk])
    offer = renewal_offer(course, standing.get(course.pk), timezone.localdate())
    if offer is not None:
        offer.renewal = (
            Renewal.objects.open().filter(operator=operator, course=course).first()
        )
    return offer


def open_renewals_requiring(operator, course):
    """The operator's open rounds whose quizzes are those of `course`: rounds of
    the course itself in retake mode, rounds of any course with it as refresher."""
    return (
        Renewal.objects.open()
        .filter(
            Q(mode=Renewal.Mode.RETAKE, course=course)
            | Q(mode=Renewal.Mode.REFRESHER, refresher=course),
            operator=operator,
        )
        .select_related("course", "refresher")
    )


def counted_attempts(operator, quiz, course, used, *, allowed):
    """How many of the operator's `used` attempts at the quiz count against the
    attempts it `allowed` them (`attempt_allowances`; None: unlimited): all of
    them, except in an open renewal round that asks for the quiz, where only the
    attempts started in the round count.

    The round is looked up only when the limit would bite, so a page or a start
    within the limit costs no query."""
    if allowed is None or used < allowed:
        return used
    renewal = open_renewals_requiring(operator, course).order_by("started_at").first()
    if renewal is None:
        return used
    return QuizAttempt.objects.filter(
        operator=operator, quiz=quiz, started_at__gte=renewal.started_at
    ).count()


@dataclass
class RenewalProgress:
    """A round's steps: the target course's lessons (refresher mode) and quizzes,
    each quiz passed or not by an attempt started in the round."""

    renewal: Renewal
    outline: CourseOutline
    lessons_required: bool
    done_lessons: set
    passed_quizzes: set

    def step_done(self, page):
        if isinstance(page, QuizPage):
            return page.pk in self.passed_quizzes
        return page.pk in self.done_lessons

    @property
    def steps(self):
        return [
            step
            for step in self.outline.steps
            if isinstance(step, QuizPage) or self.lessons_required
        ]

    @property
    def next_step(self):
        return next((s for s in self.steps if not self.step_done(s)), None)

    @property
    def met(self):
        return bool(self.outline.quizzes) and all(
            self.step_done(step) for step in self.steps
        )


def renewal_progress(renewal):
    """`RenewalProgress` of a round. Lessons of a refresher count whenever they
    were done (reading again is free); quizzes only by attempts started in the
    round, graded as the quiz grades (best or last attempt)."""
    target = renewal.target
    outline = course_outline(target)
    lessons_required = (
        renewal.mode == Renewal.Mode.REFRESHER and target.requires_all_lessons
    )
    done = set()
    if lessons_required:
        done = set(
            LessonProgress.objects.filter(
                operator_id=renewal.operator_id, course=target
            ).values_list("lesson_id", flat=True)
        )
    grading = {q.pk: q.grading for q in outline.quizzes}
    passed = set()
    for quiz_id, attempt_passed in (
        QuizAttempt.objects.filter(
            operator_id=renewal.operator_id,
            quiz_id__in=grading,
            status=QuizAttempt.Status.GRADED,
            started_at__gte=renewal.started_at,
        )
        .order_by("number")
        .values_list("quiz_id", "passed")
    ):
        if grading[quiz_id] == QuizPage.Grading.LAST:
            (passed.add if attempt_passed else passed.discard)(quiz_id)
        elif attempt_passed:
            passed.add(quiz_id)
    return RenewalProgress(
        renewal=renewal,
        outline=outline,
        lessons_required=lessons_required,
        done_lessons=done,
        passed_quizzes=passed,
    )


def operator_progress_rows(operators, courses):
    """For a page of operators: {(operator_id, course_id): (lessons done, last activity)}."""
    rows = (
        LessonProgress.objects.filter(operator__in=operators, course__in=courses)
        .values("operator_id", "course_id")
        .annotate(n=Count("pk"), last=Max("completed_at"))
    )
    return {(r["operator_id"], r["course_id"]): (r["n"], r["last"]) for r in rows}


def pages_with_learning_history(pages):
    """The pages among `pages` under which learning history is kept.

    History is whatever protects a course page from deletion: enrollments, lesson
    progress and quiz attempts (and certificates, which the certificates module
    keeps the same way). Deleting a page deletes its subtree, so each page counts
    with the pages below it.
    """
    course_models = (CourseIndexPage, CoursePage, ModulePage, LessonPage, QuizPage)
    protecting = [
        relation
        for model in course_models
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and getattr(relation, "on_delete", None) is models.PROTECT
    ]
    blocked = []
    for page in pages:
        subtree = Page.objects.descendant_of(page, inclusive=True).values("pk")
        if any(
            relation.related_model._default_manager.filter(
                **{f"{relation.field.name}__in": subtree}
            ).exists()
            for relation in protecting
        ):
            blocked.append(page)
    return blocked


# Static files a saved course needs offline: the stylesheet, the scripts of the
# learner pages and the app's icon.
OFFLINE_ASSETS = ("css/site.css", "js/pwa.js", "js/quiz.js", "icons/icon-192.png")
# What a lesson page adds to its body's HTML (header, navigation, buttons), in
# bytes; measured on the demo course, used only for the estimate shown before saving.
LESSON_PAGE_CHROME = 3_200


class _Images(HTMLParser):
    """Every <img> of some HTML: its src and its srcset candidates with widths."""

    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        a = dict(attrs)
        candidates = {}
        for part in (a.get("srcset") or "").split(","):
            bits = part.split()
            if bits:
                width = bits[1][:-1] if len(bits) > 1 and bits[1].endswith("w") else ""
                candidates[bits[0]] = int(width) if width.isdigit() else 0
        if a.get("src") and a["src"] not in candidates:
            candidates[a["src"]] = 0
        if candidates:
            self.images.append(candidates)


def _media_size(url):
    """The size of a file under MEDIA_URL, or None for another address."""
    if not url.startswith(settings.MEDIA_URL):
        return None
    name = unquote(url[len(settings.MEDIA_URL) :])
    try:
        return default_storage.size(name)
    except (OSError, NotImplementedError, SuspiciousFileOperation):
        return None


def _static_size(name):
    path = finders.find(name)
    return os.path.getsize(path) if path else 0


def offline_bundle(course, user):
    """What saving a course for reading offline downloads, with sizes in bytes.

    The course page and its live lessons (with the revision they were published
    at, so a phone can tell which saved copies changed), the images the lessons
    show (every rendition in each image's srcset; the phone picks one per image
    as its browser would) and the static files the pages need. Page sizes are
    estimates (the lesson's body and the page around it); images and static
    files are their stored sizes.
    """
    outline = course_outline(course)
    lessons = {
        lesson.pk: lesson
        for lesson in LessonPage.objects.filter(
            pk__in=[x.pk for x in outline.lessons]
        ).only("id", "body", "live_revision_id", "last_published_at")
    }
    pages = [
        {
            "url": course.url,
            "title": course.title,
            "revision": course.live_revision_id,
            "published_at": course.last_published_at,
            "size": LESSON_PAGE_CHROME,
        }
    ]
    images = {}
    for step in outline.lessons:
        lesson = lessons[step.pk]
        body = str(lesson.body)
        parser = _Images()
        parser.feed(body)
        for candidates in parser.images:
            key = " ".join(sorted(candidates))
            images.setdefault(
                key,
                [
                    {"url": url, "width": width, "size": _media_size(url) or 0}
                    for url, width in sorted(candidates.items(), key=lambda c: c[1])
                ],
            )
        pages.append(
            {
                "url": step.url,
                "title": step.title,
                "revision": lesson.live_revision_id,
                "published_at": lesson.last_published_at,
                "size": len(body.encode()) + LESSON_PAGE_CHROME,
            }
        )
    return {
        "user": user.pk,
        "course": {"id": course.pk, "title": course.title, "url": course.url},
        "pages": pages,
        "images": list(images.values()),
        "assets": [
            {"url": static(name), "size": _static_size(name)} for name in OFFLINE_ASSETS
        ],
    }


def offline_download_size(bundle, *, image_width=720):
    """Files and bytes a phone downloads to save a course (see `offline_bundle`).

    Per image, the smallest rendition at least `image_width` pixels wide (else
    the widest), as a browser picks from a srcset: 720 is a 360 px phone screen
    at twice the density."""
    sizes = [p["size"] for p in bundle["pages"]] + [a["size"] for a in bundle["assets"]]
    for candidates in bundle["images"]:
        wide_enough = [c for c in candidates if c["width"] >= image_width]
        sizes.append((wide_enough[0] if wide_enough else candidates[-1])["size"])
    return {"files": len(sizes), "bytes": sum(sizes)}
