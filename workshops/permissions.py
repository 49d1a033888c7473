"""Who may run which workshop, and who sees which consultation threads."""

from accounts.models import User
from accounts.permissions import RegionScope

from .models import HelpRequest, Workshop

STAFF = {User.Role.TRAINER, User.Role.ADMIN_KECAMATAN, User.Role.ADMIN_KABUPATEN}


def _active(user):
    return user.is_authenticated and user.is_active


class WorkshopPolicy:
    """Trainers and Diskominfo admins plan and run workshops of their kabupaten;
    kecamatan admins follow them (read only). Operators see their invitations."""

    PLANNERS = {User.Role.TRAINER, User.Role.ADMIN_KABUPATEN}

    def workshops_for(self, user):
        if not _active(user):
            return Workshop.objects.none()
        if user.is_superuser:
            return Workshop.objects.all()
        if user.role in STAFF and user.region_id:
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

    def user_can_run(self, user, workshop):
        """Take attendance, register walk-ins, issue certificates."""
        return self.user_can_plan(user, workshop.kabupaten)

    def user_can_view(self, user, workshop):
        return self.workshops_for(user).filter(pk=workshop.pk).exists()

    def desa_scope(self, user):
        return RegionScope.for_user(user)


class DeskPolicy:
    """Operators see their own desa's threads (also those of earlier operators);
    trainers and admins see and answer the threads of their region."""

    def requests_for(self, user):
        if not _active(user):
            return HelpRequest.objects.none()
        if user.role == User.Role.OPERATOR:
            return HelpRequest.objects.filter(desa_id=user.region_id)
        if user.is_superuser or user.role in STAFF:
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
        if not _active(user) or not (user.is_superuser or user.role in STAFF):
            return False
        return (
            help_request is None
            or self.requests_for(user).filter(pk=help_request.pk).exists()
        )


workshop_policy = WorkshopPolicy()
desk_policy = DeskPolicy()
