"""Who may take which course, and whose progress a user may see."""

from accounts.models import User
from accounts.permissions import STAFF_ROLES, RegionScope

from .models import CoursePage, Enrollment


class LearningPolicy:
    """Operators learn the courses meant for them; staff may open them to look."""

    STAFF_ROLES = STAFF_ROLES

    def audiences_for(self, user):
        if not (user.is_authenticated and user.is_active):
            return set()
        if user.is_superuser or user.role in self.STAFF_ROLES:
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

    def missing_prerequisites(self, user, course):
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


class ProgressPolicy:
    """Operators see their own progress; trainers and admins those in their region."""

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


learning_policy = LearningPolicy()
progress_policy = ProgressPolicy()
