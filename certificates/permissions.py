"""Who may issue, revoke and download which certificates, and edit which templates."""

from accounts.models import User
from accounts.permissions import RegionScope

from .models import Certificate, CertificateTemplate


class CertificatePolicy:
    """Operators download their own; trainers and admins manage those of their region.

    Issuing and revoking by hand: Diskominfo and kecamatan admins and trainers, in
    their region. Lifting a revocation: the admins only, in their region, since the
    trainers are the ones a revocation holds back at workshops. Templates: Diskominfo
    admins for their kabupaten; superusers all.
    """

    MANAGERS = {User.Role.TRAINER, User.Role.ADMIN_KECAMATAN, User.Role.ADMIN_KABUPATEN}
    LIFTERS = {User.Role.ADMIN_KECAMATAN, User.Role.ADMIN_KABUPATEN}

    def _active(self, user):
        return user.is_authenticated and user.is_active

    def user_can_manage_any(self, user):
        return self._active(user) and (user.is_superuser or user.role in self.MANAGERS)

    def certificates_for(self, user):
        if not self._active(user):
            return Certificate.objects.none()
        if user.role == User.Role.OPERATOR:
            return Certificate.objects.filter(operator=user)
        if self.user_can_manage_any(user):
            return Certificate.objects.filter(RegionScope.for_user(user).q("desa_code"))
        return Certificate.objects.none()

    def user_can_download(self, user, certificate):
        return self.certificates_for(user).filter(pk=certificate.pk).exists()

    def user_can_manage(self, user, certificate):
        return (
            self.user_can_manage_any(user)
            and self.certificates_for(user).filter(pk=certificate.pk).exists()
        )

    def user_can_lift_any_revocation(self, user):
        return self._active(user) and (user.is_superuser or user.role in self.LIFTERS)

    def user_can_lift_revocation(self, user, certificate):
        return self.user_can_lift_any_revocation(user) and self.user_can_manage(
            user, certificate
        )

    def user_can_issue_for(self, user, operator):
        return (
            self.user_can_manage_any(user)
            and operator.role == User.Role.OPERATOR
            and RegionScope.for_user(user).contains(operator.region)
        )

    def templates_for(self, user):
        if not self._active(user):
            return CertificateTemplate.objects.none()
        if user.is_superuser:
            return CertificateTemplate.objects.all()
        if user.role == User.Role.ADMIN_KABUPATEN and user.region_id:
            return CertificateTemplate.objects.filter(kabupaten_id=user.region_id)
        return CertificateTemplate.objects.none()


certificate_policy = CertificatePolicy()


class CertificateTemplatePermissionPolicy:
    """Wagtail permission policy for the template snippet, region-scoped.

    Diskominfo admins add and change their own kabupaten's template; superusers all.
    """

    ACTIONS = {"add", "change", "view"}

    def __init__(self, model):
        self.model = model

    def _allowed(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return user.role == User.Role.ADMIN_KABUPATEN and action in self.ACTIONS

    def user_has_permission(self, user, action):
        return self._allowed(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self._allowed(user, a) for a in actions)

    def users_with_any_permission(self, actions):
        users = User.objects.filter(is_active=True)
        if set(actions) & self.ACTIONS:
            return users.filter(is_superuser=True) | users.filter(
                role=User.Role.ADMIN_KABUPATEN
            )
        return users.filter(is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self._allowed(user, action)
            and certificate_policy.templates_for(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, a, instance) for a in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return CertificateTemplate.objects.none()
        return certificate_policy.templates_for(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        if instance.kabupaten_id is None:
            return users.filter(is_superuser=True)
        return users.filter(is_superuser=True) | users.filter(
            region_id=instance.kabupaten_id
        )

    def users_with_permission_for_instance(self, action, instance):
        return self.users_with_any_permission_for_instance([action], instance)
