"""Who may plan, run and follow which workshop."""

from accounts.models import User
from accounts.permissions import STAFF_ROLES, RegionScope, RolePermissionPolicy
from regions.models import Region

from .models import Invitation, LetterSettings, Workshop


def _active(user):
    return user.is_authenticated and user.is_active


class WorkshopPolicy(RolePermissionPolicy):
    """Trainers and Diskominfo admins plan and run workshops of their kabupaten;
    kecamatan admins follow them (read only). Operators see their invitations.

    Actions on `Workshop`: ``view`` (follow), ``add`` (plan), ``change`` (run).
    """

    PLANNERS = frozenset({User.Role.TRAINER, User.Role.ADMIN_KABUPATEN})
    roles = {"view": STAFF_ROLES, "add": PLANNERS, "change": PLANNERS}

    def user_has_permission(self, user, action):
        if action == "view":
            return _active(user) and (
                user.is_superuser or (user.role in STAFF_ROLES and bool(user.region_id))
            )
        return action in ("add", "change") and self.user_can_plan(user)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Workshop.objects.none()
        return self.workshops_for(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return self.user_can_view(user, instance)
        if action == "add":
            return self.user_can_plan(user, instance.kabupaten)
        return action == "change" and self.user_can_run(user, instance)

    def workshops_for(self, user):
        if not _active(user):
            return Workshop.objects.none()
        if user.is_superuser:
            return Workshop.objects.all()
        if user.role in STAFF_ROLES and user.region_id:
            kabupaten_code = user.region.code[:5]
            return Workshop.objects.filter(kabupaten__code=kabupaten_code)
        return Workshop.objects.none()

    def user_can_plan(self, user, kabupaten=None):
        if not _active(user):
            return False
        if user.is_superuser:
            return True
        if user.role not in self.PLANNERS or not user.region_id:
            return False
        return kabupaten is None or user.region.code[:5] == kabupaten.code

    def kabupaten_to_plan_in(self, user):
        """The kabupaten a new workshop of this user belongs to, or None if the user
        may not plan one (a superuser without a region has no kabupaten)."""
        if not self.user_can_plan(user) or not user.region_id:
            return None
        return Region.objects.get(code=user.region.code[:5])

    def user_can_run(self, user, workshop):
        """Take attendance, register walk-ins, issue certificates."""
        return self.user_can_plan(user, workshop.kabupaten)

    def user_can_view(self, user, workshop):
        return self.workshops_for(user).filter(pk=workshop.pk).exists()

    def desa_scope(self, user):
        return RegionScope.for_user(user)


workshop_policy = WorkshopPolicy(Workshop)


class InvitationPolicy(RolePermissionPolicy):
    """An operator sees their own workshop invitations (session, venue, time) and
    nobody else's; staff follow invitations through the workshops they may view
    (`WorkshopPolicy`), not through this page.

    Action: ``view``.
    """

    roles = {"view": {User.Role.OPERATOR}}

    def user_has_permission(self, user, action):
        # An operator's own list: superusers have none, so no exception for them.
        return (
            self._active(user)
            and action in self.roles
            and user.role in self.roles[action]
        )

    def scope(self, user, action, queryset):
        return queryset.filter(operator=user)

    def user_can_see_own(self, user):
        return self.user_has_permission(user, "view")

    def invitations_for(self, user):
        return self.instances_user_has_permission_for(user, "view")


invitation_policy = InvitationPolicy(Invitation)


class LetterSettingsPolicy(RolePermissionPolicy):
    """The kop, nomor surat pattern and signatory of a kabupaten's letters.

    Diskominfo admins add, change and view their own kabupaten's settings only;
    superusers every kabupaten's. Nobody deletes them in the admin (a letter
    already numbered would lose its kop).
    """

    roles = {
        "add": {User.Role.ADMIN_KABUPATEN},
        "change": {User.Role.ADMIN_KABUPATEN},
        "view": {User.Role.ADMIN_KABUPATEN},
    }

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and (
            user.is_superuser or user.region_id is not None
        )

    def scope(self, user, action, queryset):
        if user.is_superuser:
            return queryset
        return queryset.filter(kabupaten_id=user.region_id)

    def kabupaten_choices(self, user):
        """The kabupaten a user may set letters up for."""
        kabupaten = Region.objects.filter(level=Region.Level.KABUPATEN)
        if not self.user_has_permission(user, "add"):
            return kabupaten.none()
        if user.is_superuser:
            return kabupaten
        return kabupaten.filter(pk=user.region_id)

    def user_can_edit_for(self, user, kabupaten):
        """Whether `user` may fill in `kabupaten`'s letter settings."""
        return self.kabupaten_choices(user).filter(pk=kabupaten.pk).exists()


letter_settings_policy = LetterSettingsPolicy(LetterSettings)
