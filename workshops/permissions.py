"""Who may plan, run and follow which workshop."""

from accounts.models import User
from accounts.permissions import STAFF_ROLES, RegionScope
from regions.models import Region

from .models import Workshop


def _active(user):
    return user.is_authenticated and user.is_active


class WorkshopPolicy:
    """Trainers and Diskominfo admins plan and run workshops of their kabupaten;
    kecamatan admins follow them (read only). Operators see their invitations."""

    PLANNERS = frozenset({User.Role.TRAINER, User.Role.ADMIN_KABUPATEN})

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


workshop_policy = WorkshopPolicy()
