"""Who sees readiness, for which region."""

from accounts.models import User
from accounts.permissions import STAFF_ROLES, RegionScope, RolePermissionPolicy
from regions.models import Region


class ReadinessPolicy(RolePermissionPolicy):
    """Diskominfo sees its kabupaten, kecamatan admins their kecamatan, trainers their
    region; a provincial admin sees the rollup of their provinsi, superusers the national
    one. Operators see none of it.

    Actions on `Region`: ``view`` (its readiness), ``change`` (a kabupaten's
    readiness settings).
    """

    VIEWERS = {*STAFF_ROLES, User.Role.ADMIN_PROVINSI}
    roles = {"view": VIEWERS, "change": {User.Role.ADMIN_KABUPATEN}}

    def user_has_permission(self, user, action):
        if action == "view":
            return self.user_can_see_any(user)
        return super().user_has_permission(user, action)

    def scope(self, user, action, queryset):
        if action == "change" and not user.is_superuser:
            return queryset.filter(pk=user.region_id)
        return queryset.filter(RegionScope.for_user(user).q("code"))

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return self.user_can_see(user, instance)
        return (
            action == "change"
            and self._active(user)
            and self.user_can_edit_settings(user, instance)
        )

    def user_can_see_any(self, user):
        return (
            user.is_authenticated
            and user.is_active
            and (user.is_superuser or user.role in self.VIEWERS)
        )

    def user_can_see(self, user, region):
        return self.user_can_see_any(user) and RegionScope.for_user(user).contains(
            region
        )

    def user_can_see_country(self, user):
        """The national rollup, above every provinsi: superusers only."""
        return self.user_can_see_any(user) and user.is_superuser

    def home_region(self, user):
        """The region a user's dashboard opens on (None: the whole country)."""
        if user.is_superuser:
            return None
        scope = RegionScope.for_user(user)
        if user.region is None or scope.contains(user.region):
            return user.region
        # A trainer serving some kecamatan of the kabupaten may not see the whole of it.
        return Region.objects.filter(code__in=scope.codes).order_by("code").first()

    def user_can_edit_settings(self, user, kabupaten):
        return user.is_superuser or (
            user.role == User.Role.ADMIN_KABUPATEN and user.region_id == kabupaten.pk
        )


readiness_policy = ReadinessPolicy(Region)
