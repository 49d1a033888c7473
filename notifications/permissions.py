"""Who reads which notices."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from accounts.permissions import STAFF_ROLES, RegionScope, RolePermissionPolicy

from .models import Notice

# How far back the trainers' WhatsApp list reaches.
WHATSAPP_WINDOW = timedelta(days=30)


class NoticePolicy(RolePermissionPolicy):
    """Everyone signed in reads their own notices; trainers and admins also see
    the recent notices of the operators in their region, to pass them on by
    WhatsApp.

    Actions on `Notice`: ``view`` (one's own), ``relay`` (an operator's, in scope).
    """

    roles = {"relay": STAFF_ROLES}

    def user_has_permission(self, user, action):
        if action == "view":
            return self._active(user)
        return super().user_has_permission(user, action) and (
            user.is_superuser or user.region_id is not None
        )

    def scope(self, user, action, queryset):
        if action == "view":
            return queryset.filter(recipient=user)
        return queryset.filter(
            recipient__role=User.Role.OPERATOR,
            created_at__gte=timezone.now() - WHATSAPP_WINDOW,
        ).filter(RegionScope.for_user(user).q("recipient__region__code"))

    def user_can_relay(self, user):
        return self.user_has_permission(user, "relay")


notice_policy = NoticePolicy(Notice)
