"""Courses: CourseIndexPage → CoursePage → ModulePage → LessonPage / QuizPage,
and each operator's progress through them."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.forms import ScopedMediaPageForm
from regions.models import Region

from .blocks import LessonBodyBlock, QuestionsBlock
from .forms import CoursePageForm


class CourseTreePage(Page):
    """A page of the course tree: who may change it depends on who owns its course
    (see `CoursePagePermissionTester`)."""

    base_form_class = ScopedMediaPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Imported here: courses.permissions imports these models.
        from .permissions import CoursePagePermissionTester

        return CoursePagePermissionTester(user, self)

    def learner_guard(self, request):
        """The checks before a learner sees a lesson or quiz page.

        Returns the page's course structure (`courses.selectors.StepStructure`) and
        a response that replaces the page (a login redirect or the locked page),
        or None when the learner may go on."""
        # Imported here: courses.selectors and courses.permissions import these models.
        from .permissions import learning_policy
        from .selectors import step_structure

        if not request.user.is_authenticated:
            return None, redirect_to_login(request.get_full_path())
        structure = step_structure(self)
        course = structure.course
        if course is None or not course.live:
            raise Http404
        if not learning_policy.user_can_view(request.user, course):
            return structure, _locked_response(
                request,
                course,
                message=gettext("This course is meant for another group of users."),
            )
        missing = learning_policy.missing_prerequisites(
            request.user, course, required=structure.prerequisites
        )
        if missing and learning_policy.user_can_learn(request.user, course):
            return structure, _locked_response(request, course, missing)
        return structure, None


def _locked_response(request, course, missing=None, status=403, message=None):
    return TemplateResponse(
        request,
        "courses/locked.html",
        {"course": course, "missing": missing or [], "message": message},
        status=status,
    )


class CourseIndexPage(CourseTreePage):
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["lms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        # Imported here: courses.selectors imports these models.
        from .selectors import courses_for_user

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = courses_for_user(request.user, index=self)
        return context

    def route(self, request, path_components):
        """Find a page of the course tree in one query by its URL path.

        Wagtail's own routing takes two queries per level (the child by slug, then
        its specific page), eight for a lesson below the index. The pages below the
        index route as Wagtail's do (none overrides `route`), so the page whose
        `url_path` is the requested path is the page Wagtail would find; anything
        else (an unknown path, a page type outside the course tree) goes Wagtail's
        way.
        """
        depth = len(path_components)
        models_at = {1: (CoursePage,), 2: (ModulePage,), 3: (LessonPage, QuizPage)}
        if depth not in models_at or not all(path_components):
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        for model in models_at[depth]:
            # Sliced, not .first(): a URL path is unique, and .first()'s ORDER BY
            # costs CPU to compile on every lesson view.
            page = next(
                iter(
                    model.objects.filter(
                        url_path=url_path,
                        depth=self.depth + depth,
                        path__startswith=self.path,
                        locale_id=self.locale_id,
                    ).order_by()[:1]
                ),
                None,
            )
            if page is not None:
                if depth == 1:
                    page._cached_parent_obj = self
                # An empty path: the page itself, if it is live (else 404).
                return page.route(request, [])
        return super().route(request, path_components)


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CoursePage(CourseTreePage):
    class Audience(models.TextChoices):
        OPERATOR = "operator", _("Desa operators")
        KIM = "kim", _("KIM members")
        ALL = "all", _("Everyone")

    class Level(models.TextChoices):
        BASIC = "dasar", _("Basic")
        INTERMEDIATE = "menengah", _("Intermediate")
        ADVANCED = "lanjut", _("Advanced")

    class RenewalMode(models.TextChoices):
        NONE = "none", _("No renewal")
        REFRESHER = "refresher", _("Take a refresher course")
        RETAKE = "retake", _("Pass this course's module quizzes again")

    summary = models.TextField(_("summary"), max_length=600)
    owner_kabupaten = models.ForeignKey(
        Region,
        verbose_name=_("owner kabupaten"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Region.Level.KABUPATEN},
        help_text=_(
            "The kabupaten that writes this course. Empty: a course shared by every "
            "kabupaten, written by the national course team."
        ),
    )
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.OPERATOR,
    )
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, default=Level.BASIC
    )
    duration_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"), default=60, validators=[MinValueValidator(1)]
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=CourseTag, blank=True, verbose_name=_("tags"))
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
        help_text=_("Courses an operator must complete before starting this one."),
    )
    requires_all_lessons = models.BooleanField(
        _("all lessons done"),
        default=True,
        help_text=_("Required for the certificate."),
    )
    requires_quizzes_passed = models.BooleanField(
        _("every module quiz passed"),
        default=True,
        help_text=_("Required for the certificate."),
    )
    grants_publishing_rights = models.BooleanField(
        _("certificate grants publishing rights"),
        default=False,
        help_text=_(
            "A valid certificate of this course lets the operator publish on their desa's pages."
        ),
    )
    requires_workshop_attendance = models.BooleanField(
        _("attendance at a workshop session"),
        default=False,
        help_text=_("Required for the certificate; checked by the workshops module."),
    )

    renewal_mode = models.CharField(
        _("renewal"),
        max_length=10,
        choices=RenewalMode.choices,
        default=RenewalMode.NONE,
        help_text=_(
            "How an operator whose certificate expired, or expires soon, earns it again."
        ),
    )
    renewal_course = models.ForeignKey(
        "self",
        verbose_name=_("refresher course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A short course with at least one quiz; for the refresher mode."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal offered (days before expiry)"),
        default=60,
        help_text=_("Expired certificates can always be renewed."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("owner_kabupaten"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("duration_minutes"),
                FieldPanel("tags"),
            ],
            heading=_("About the course"),
        ),
        FieldPanel("prerequisites"),
        MultiFieldPanel(
            [
                FieldPanel("requires_all_lessons"),
                FieldPanel("requires_quizzes_passed"),
                FieldPanel("requires_workshop_attendance"),
                FieldPanel("grants_publishing_rights"),
            ],
            heading=_("Certificate requirements"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("renewal_mode"),
                FieldPanel("renewal_course"),
                FieldPanel("renewal_window_days"),
            ],
            heading=_("Renewal"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    template = "courses/course_page.html"
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        if self.pk and self.pk in {p.pk for p in self.prerequisites.all()}:
            raise ValidationError(
                {"prerequisites": _("A course cannot be its own prerequisite.")}
            )
        if self.renewal_mode == self.RenewalMode.REFRESHER:
            if self.renewal_course_id is None:
                raise ValidationError(
                    {
                        "renewal_course": _(
                            "Choose the refresher course, or choose another renewal."
                        )
                    }
                )
            if self.pk and self.renewal_course_id == self.pk:
                raise ValidationError(
                    {
                        "renewal_course": _(
                            "A course cannot be its own refresher; choose a short "
                            "course, or let operators retake this course's quizzes."
                        )
                    }
                )

    def get_context(self, request, *args, **kwargs):
        # Imported here: courses.selectors imports these models.
        from .selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self, request.user))
        return context


class ModulePage(CourseTreePage):
    summary = models.TextField(_("summary"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]
    template = "courses/module_page.html"

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own for learners: its course page lists it.
        return redirect(self.get_parent().url + f"#modul-{self.pk}")


class LessonPage(CourseTreePage):
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("reading time (minutes)"), default=5
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        # Imported here: courses.services and courses.selectors import these models.
        from . import services
        from .permissions import learning_policy
        from .selectors import lesson_visit

        structure, denied = self.learner_guard(request)
        if denied:
            return denied
        course, place = structure.course, structure.place
        can_learn = learning_policy.user_can_learn(request.user, course)
        done = False
        if can_learn:
            visit = lesson_visit(
                request.user, course, self, since=services.visit_window_start()
            )
            done = visit.done
            services.record_visit(
                operator=request.user, page=self, course=course, visit=visit
            )
        return TemplateResponse(
            request,
            self.get_template(request),
            {
                "page": self,
                "self": self,
                "course": course,
                "module_title": place.module_title,
                "done": done,
                "previous_step": place.previous_step,
                "following_step": place.following_step,
                "can_learn": can_learn,
                "position": place.position,
                "total": place.total,
            },
        )


class QuizPage(CourseTreePage):
    """A module's quiz: its questions and the rules for attempts."""

    class ShowAnswers(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_ATTEMPT = "after_attempt", _("After each attempt")
        AFTER_PASS = "after_pass", _("After passing")

    class Grading(models.TextChoices):
        HIGHEST = "highest", _("Highest score")
        LAST = "last", _("Last attempt")

    intro = models.TextField(_("instructions"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), null=True, blank=True, help_text=_("Empty: unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle answer options"), default=False)
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        help_text=_("Draw this many random questions from the pool. Empty: all."),
    )
    show_answers = models.CharField(
        _("show correct answers"),
        max_length=20,
        choices=ShowAnswers.choices,
        default=ShowAnswers.AFTER_ATTEMPT,
    )
    grading = models.CharField(
        _("grade across attempts"),
        max_length=10,
        choices=Grading.choices,
        default=Grading.HIGHEST,
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("questions_per_attempt"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("show_answers"),
                FieldPanel("grading"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("questions"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "courses/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def clean(self):
        super().clean()
        if self.questions_per_attempt and self.questions_per_attempt > len(
            self.questions
        ):
            raise ValidationError(
                {
                    "questions_per_attempt": _(
                        "The quiz has fewer questions than that; add questions or lower the number."
                    )
                }
            )

    def serve(self, request, *args, **kwargs):
        # Imported here: courses.services and courses.selectors import these models.
        from . import services
        from .permissions import learning_policy
        from .selectors import quiz_page_state

        structure, denied = self.learner_guard(request)
        if denied:
            return denied
        course = structure.course
        state = None
        remaining = self.max_attempts
        can_learn = learning_policy.user_can_learn(request.user, course)
        if can_learn:
            services.record_visit(operator=request.user, page=self, course=course)
            state = quiz_page_state(request.user, self, course)
            remaining = state.remaining
        return TemplateResponse(
            request,
            self.get_template(request),
            {
                "page": self,
                "course": course,
                "status": state and state.status,
                "attempts": state.attempts if state else [],
                "renewal": state and state.renewal,
                "round_status": state and state.round_status,
                "remaining": remaining,
                "can_learn": can_learn,
                "question_count": self.questions_per_attempt or len(self.questions),
            },
        )


# Progress -----------------------------------------------------------------------


class Enrollment(models.Model):
    """An operator's journey through one course: where they were, when they finished."""

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    # Learning history outlives no page: a page with history cannot be deleted.
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="enrollments"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "course"], name="one_enrollment_per_course"
            )
        ]
        verbose_name = _("enrollment")

    def __str__(self):
        return f"{self.operator} — {self.course}"


class LessonProgress(models.Model):
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.PROTECT, related_name="progress"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(_("done at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "lesson"], name="one_progress_per_lesson"
            )
        ]
        indexes = [
            models.Index(fields=["operator", "course"], name="progress_operator_course")
        ]
        verbose_name = _("lesson progress")

    def __str__(self):
        return f"{self.operator} — {self.lesson}"


class QuizAttempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        GRADED = "graded", _("Graded")

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.PROTECT, related_name="attempts"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    timed_out = models.BooleanField(default=False)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True
    )
    passed = models.BooleanField(_("passed"), default=False)
    # The questions as they were when the attempt started, correct answers included:
    # editing the quiz later never changes this attempt. Never sent to the browser
    # before the attempt is graded.
    snapshot = models.JSONField(default=list)
    pass_mark = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "quiz"],
                condition=Q(status="in_progress"),
                name="one_open_attempt_per_quiz",
            ),
            models.UniqueConstraint(
                fields=["operator", "quiz", "number"], name="unique_attempt_number"
            ),
        ]
        indexes = [
            models.Index(fields=["operator", "course"], name="attempt_operator_course")
        ]
        verbose_name = _("quiz attempt")

    def __str__(self):
        return f"{self.operator} — {self.quiz} #{self.number}"

    @property
    def is_open(self):
        return self.status == self.Status.IN_PROGRESS


class QuizAnswer(models.Model):
    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=64)
    response = models.JSONField()
    saved_at = models.DateTimeField(auto_now=True)
    score = models.DecimalField(max_digits=5, decimal_places=4, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="one_answer_per_question"
            )
        ]
        verbose_name = _("quiz answer")

    def __str__(self):
        return f"{self.attempt} — {self.question_id}"


class ExtraAttempt(models.Model):
    """One more attempt at a quiz, given to an operator who used every attempt by a
    trainer or admin of their region, with the reason the operator reads.

    How many attempts a quiz allows an operator is counted in one place:
    `courses.selectors.attempt_allowances`."""

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="extra_attempts",
    )
    # Part of the learning history: a quiz with grants is never deleted.
    quiz = models.ForeignKey(
        QuizPage,
        verbose_name=_("quiz"),
        on_delete=models.PROTECT,
        related_name="extra_attempts",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["operator", "quiz"], name="extra_attempt_operator_quiz"
            )
        ]
        verbose_name = _("extra attempt")
        verbose_name_plural = _("extra attempts")

    def __str__(self):
        return f"{self.operator} — {self.quiz} (+1)"


class RenewalQuerySet(models.QuerySet):
    def open(self):
        """Rounds neither completed nor closed: the operator still works on them."""
        return self.filter(completed_at__isnull=True, closed_at__isnull=True)


class Renewal(models.Model):
    """A round in which an operator earns a course's certificate again.

    Opened from Kursus saya by an operator whose certificate expired or expires
    soon; completed once the round's quizzes (of the refresher course, or of the
    course itself) are passed by attempts started in the round; closed, with a
    note, when a new certificate of the course came another way meanwhile (by
    hand, in a workshop batch, a re-issue). A closed round stays as history.
    """

    class Mode(models.TextChoices):
        REFRESHER = "refresher", _("Refresher course")
        RETAKE = "retake", _("Quizzes taken again")

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="renewals"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="renewals"
    )
    # The refresher the round was opened with: a later change of the course's
    # settings does not move the goal of a round already under way.
    refresher = models.ForeignKey(
        CoursePage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_note = models.CharField(_("why closed"), max_length=300, blank=True)

    objects = RenewalQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "course"],
                condition=Q(completed_at__isnull=True, closed_at__isnull=True),
                name="one_open_renewal_per_course",
            )
        ]
        verbose_name = _("certificate renewal")

    def __str__(self):
        return f"{self.operator} — {self.course} ({self.started_at:%Y-%m-%d})"

    @property
    def target(self):
        """The course whose quizzes the round asks for."""
        return self.refresher if self.mode == self.Mode.REFRESHER else self.course
