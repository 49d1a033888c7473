"""Who may take which course, who writes it, and whose progress a user may see."""

from wagtail.models import PagePermissionTester

from accounts.models import User
from accounts.permissions import STAFF_ROLES, RegionScope, RolePermissionPolicy

from .models import CourseIndexPage, CoursePage, Enrollment, ExtraAttempt, Renewal


class LearningPolicy(RolePermissionPolicy):
    """Operators learn the courses meant for them; staff may open them to look.

    Actions on `CoursePage`: ``view``, ``learn`` (progress and attempts recorded).
    """

    STAFF_ROLES = STAFF_ROLES
    roles = {"learn": {User.Role.OPERATOR}}

    def user_has_permission(self, user, action):
        if action == "view":
            return bool(self.audiences_for(user))
        return super().user_has_permission(user, action)

    def scope(self, user, action, queryset):
        return queryset.filter(audience__in=self.audiences_for(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return self.user_can_view(user, instance)
        return action == "learn" and self.user_can_learn(user, instance)

    def audiences_for(self, user):
        if not (user.is_authenticated and user.is_active):
            return set()
        if (
            user.is_superuser
            or user.role in self.STAFF_ROLES
            or user.role == User.Role.COURSE_TEAM
        ):
            return set(CoursePage.Audience.values)
        if user.role == User.Role.OPERATOR:
            audiences = {CoursePage.Audience.ALL, CoursePage.Audience.OPERATOR}
            if user.is_kim:
                audiences.add(CoursePage.Audience.KIM)
            return audiences
        return {CoursePage.Audience.ALL}

    def user_can_view(self, user, course):
        return course.audience in self.audiences_for(user)

    def user_can_learn(self, user, course):
        """Progress and attempts are recorded for operators only."""
        return (
            user.is_authenticated
            and user.is_active
            and user.role == User.Role.OPERATOR
            and self.user_can_view(user, course)
        )

    def missing_prerequisites(self, user, course, required=None):
        """The live prerequisites of `course` the user has not completed.

        `required`: the course's live prerequisites by title, if the caller has
        them (see `courses.selectors.step_structure`)."""
        if required is None:
            required = list(course.prerequisites.live().order_by("title"))
        if not required:
            return []
        done = set(
            Enrollment.objects.filter(
                operator_id=user.pk,
                course__in=required,
                completed_at__isnull=False,
            ).values_list("course_id", flat=True)
        )
        return [c for c in required if c.pk not in done]


class ProgressPolicy(RolePermissionPolicy):
    """Operators see their own progress; trainers and admins those in their region.

    Action on operators (`User`): ``view`` (their progress).
    """

    roles = {"view": {User.Role.OPERATOR, *STAFF_ROLES}}

    def instances_user_has_permission_for(self, user, action):
        if action != "view":
            return User.objects.none()
        return self.operators_visible_to(user)

    def operators_visible_to(self, user):
        if not (user.is_authenticated and user.is_active):
            return User.objects.none()
        if user.role == User.Role.OPERATOR:
            return User.objects.filter(pk=user.pk)
        if user.is_superuser or user.role in LearningPolicy.STAFF_ROLES:
            return User.objects.filter(role=User.Role.OPERATOR).filter(
                RegionScope.for_user(user).q("region__code")
            )
        return User.objects.none()

    def user_can_see_any(self, user):
        return user.is_authenticated and (
            user.is_superuser or user.role in LearningPolicy.STAFF_ROLES
        )


class ExtraAttemptPolicy(RolePermissionPolicy):
    """Who may give an operator one more attempt at a quiz, and which operators.

    Trainers and admins whose region covers the operator's desa: a kecamatan admin
    that kecamatan's operators, Diskominfo its kabupaten's, a trainer those whose
    progress they follow (their kabupaten, or the kecamatan they serve);
    superusers everyone. Action on `ExtraAttempt`: ``add`` (grant).
    """

    roles = {"add": STAFF_ROLES, "view": STAFF_ROLES}

    def user_has_permission(self, user, action):
        # Staff without a region have no operators to help.
        return super().user_has_permission(user, action) and (
            user.is_superuser or user.region_id is not None
        )

    def scope(self, user, action, queryset):
        return queryset.filter(RegionScope.for_user(user).q("operator__region__code"))

    def operators_for(self, user):
        """The operators `user` may grant an extra attempt to."""
        if not self.user_has_permission(user, "add"):
            return User.objects.none()
        return User.objects.filter(role=User.Role.OPERATOR).filter(
            RegionScope.for_user(user).q("region__code")
        )

    def user_may_grant(self, user, operator):
        """Whether `user` may give `operator` one more attempt."""
        return bool(self.operators_user_may_grant(user, [operator]))

    def operators_user_may_grant(self, user, operators):
        """Those of `operators` (each with `region` loaded) `user` may give one
        more attempt to: `user_may_grant` for a whole page, the user's region
        read once."""
        if not self.user_has_permission(user, "add"):
            return []
        scope = RegionScope.for_user(user)
        return [
            operator
            for operator in operators
            if operator.role == User.Role.OPERATOR and scope.contains(operator.region)
        ]


class RenewalPolicy(RolePermissionPolicy):
    """Operators renew their own certificates; a round is seen by its operator only.

    Actions on `Renewal`: ``add`` (open a round), ``view``.
    """

    roles = {"add": {User.Role.OPERATOR}, "view": {User.Role.OPERATOR}}

    def scope(self, user, action, queryset):
        return queryset.filter(operator_id=user.pk)

    def user_can_renew(self, user, course):
        return self.user_has_permission(user, "add") and learning_policy.user_can_learn(
            user, course
        )

    def rounds_visible_to(self, user):
        return self.instances_user_has_permission_for(user, "view")


# Every action Wagtail's page permissions know of.
PAGE_ACTIONS = frozenset({"add", "change", "publish", "bulk_delete", "lock", "unlock"})


class CourseWritingPolicy(RolePermissionPolicy):
    """Who writes which course.

    A course belongs to whoever wrote it. A kabupaten's course (`owner_kabupaten`)
    is written by that kabupaten's Diskominfo admins; a shared course (no owner)
    and the course index by the national course team. Superusers write everything.
    Wagtail's page permissions (the course editors' group on the course index)
    say that a role writes courses at all; this policy says which ones, through
    `CoursePagePermissionTester`.

    Actions on `CoursePage`: Wagtail's page actions (``add``, ``change``,
    ``publish``, ...).
    """

    def user_has_permission(self, user, action):
        return action in PAGE_ACTIONS and (
            self.user_can_share(user) or self.kabupaten_of(user) is not None
        )

    def scope(self, user, action, queryset):
        if user.is_superuser:
            return queryset
        if self.user_can_share(user):
            return queryset.filter(owner_kabupaten__isnull=True)
        return queryset.filter(owner_kabupaten_id=self.kabupaten_of(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return action in self.allowed_actions(user, instance)

    def user_can_share(self, user):
        """Whether the user writes shared courses and chooses who owns a course."""
        return bool(
            user is not None
            and user.is_active
            and (user.is_superuser or user.role == User.Role.COURSE_TEAM)
        )

    def user_writes_courses(self, user):
        """Whether the user belongs in the course editors' group: Diskominfo
        admins and the course team (superusers need no group)."""
        return user.is_active and user.role in (
            User.Role.ADMIN_KABUPATEN,
            User.Role.COURSE_TEAM,
        )

    def kabupaten_of(self, user):
        """The kabupaten whose courses the user writes, if any."""
        if user.is_active and user.role == User.Role.ADMIN_KABUPATEN:
            return user.region_id
        return None

    def user_can_write(self, user, owner_kabupaten_id):
        """Whether the user may change a course owned by `owner_kabupaten_id`."""
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if owner_kabupaten_id is None:
            return user.role == User.Role.COURSE_TEAM
        return owner_kabupaten_id == self.kabupaten_of(user)

    def allowed_actions(self, user, page):
        """The page actions ownership leaves to the user on a page of the course tree.

        On the course index a Diskominfo admin may only add (their own) courses;
        renaming, reordering or publishing the index is the course team's.
        """
        if isinstance(page, CourseIndexPage):
            if self.user_can_share(user):
                return PAGE_ACTIONS
            return frozenset({"add"}) if self.kabupaten_of(user) else frozenset()
        if self.user_can_write(user, self.owner_of(page, user)):
            return PAGE_ACTIONS
        return frozenset()

    def owner_of(self, page, user=None):
        """The owner kabupaten id of the course a page belongs to (None: shared).

        Remembered on `user` for the request, as Wagtail does with page
        permissions, so a listing of a course's pages asks once.
        """
        if isinstance(page, CoursePage):
            return page.owner_kabupaten_id
        cache = getattr(user, "_course_owner_cache", None)
        if cache is None:
            cache = {}
            if user is not None:
                user._course_owner_cache = cache
        for path, owner in cache.items():
            if page.path.startswith(path):
                return owner
        course = (
            CoursePage.objects.ancestor_of(page)
            .values_list("path", "owner_kabupaten_id")
            .first()
        )
        if course is None:
            return None
        cache[course[0]] = course[1]
        return course[1]


class CoursePagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions on the course tree, narrowed by ownership.

    Every admin path (edit, revert a revision, publish, unpublish, delete, move,
    copy, reorder, lock, bulk actions, the admin API) asks a page's tester, so
    narrowing it here closes them all. Editing through a moderation task is
    closed too: a user who may not write the course may not edit it at all.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.allowed = course_writing_policy.allowed_actions(user, page)
        if user.is_active and not user.is_superuser:
            self.permissions &= self.allowed

    def can_edit(self):
        return "change" in self.allowed and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return "change" in self.allowed and super().can_delete(ignore_bulk)

    def can_lock(self):
        return "change" in self.allowed and super().can_lock()


learning_policy = LearningPolicy(CoursePage)
progress_policy = ProgressPolicy(User)
course_writing_policy = CourseWritingPolicy(CoursePage)
extra_attempt_policy = ExtraAttemptPolicy(ExtraAttempt)
renewal_policy = RenewalPolicy(Renewal)
