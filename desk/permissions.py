"""Who sees, opens and answers which consultation threads."""

from accounts.models import User
from accounts.permissions import STAFF_ROLES, RegionScope, RolePermissionPolicy

from .models import HelpRequest


def _active(user):
    return user.is_authenticated and user.is_active


class DeskPolicy(RolePermissionPolicy):
    """Operators see their own desa's threads (also those of earlier operators);
    trainers and admins see and answer the threads of their region.

    Actions on `HelpRequest`: ``view``, ``add`` (open a thread), ``answer``.
    """

    roles = {
        "view": {User.Role.OPERATOR, *STAFF_ROLES},
        "add": {User.Role.OPERATOR},
        "answer": STAFF_ROLES,
    }

    def user_has_permission(self, user, action):
        if action == "add":
            return self.user_can_open(user)
        if action == "answer":
            return self.user_can_answer(user)
        return action == "view" and super().user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        if action == "add" or not self.user_has_permission(user, action):
            return HelpRequest.objects.none()
        return self.requests_for(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "answer":
            return self.user_can_answer(user, instance)
        return super().user_has_permission_for_instance(user, action, instance)

    def requests_for(self, user):
        if not _active(user):
            return HelpRequest.objects.none()
        if user.role == User.Role.OPERATOR:
            return HelpRequest.objects.filter(desa_id=user.region_id)
        if user.is_superuser or user.role in STAFF_ROLES:
            return HelpRequest.objects.filter(
                RegionScope.for_user(user).q("desa__code")
            )
        return HelpRequest.objects.none()

    def user_can_open(self, user):
        return (
            _active(user)
            and user.role == User.Role.OPERATOR
            and user.region_id is not None
        )

    def user_can_answer(self, user, help_request=None):
        if not _active(user) or not (user.is_superuser or user.role in STAFF_ROLES):
            return False
        return (
            help_request is None
            or self.requests_for(user).filter(pk=help_request.pk).exists()
        )


desk_policy = DeskPolicy(HelpRequest)
