"""Who may issue, revoke and download which certificates, and edit which templates."""

from accounts.models import User
from accounts.permissions import (
    ADMIN_ROLES,
    STAFF_ROLES,
    RegionScope,
    RolePermissionPolicy,
)

from .models import Certificate, CertificateTemplate


class CertificatePolicy(RolePermissionPolicy):
    """Operators download their own; trainers and admins manage those of their region.

    Actions: ``view`` (download the PDF: operators their own, staff their region's),
    ``add`` (issue by hand) and ``change`` (revoke, re-issue, read the history):
    Diskominfo and kecamatan admins and trainers, in their region. ``lift`` (lift a
    revocation): the admins only, in their region, since the trainers are the ones a
    revocation holds back at workshops.
    """

    roles = {
        "view": {User.Role.OPERATOR, *STAFF_ROLES},
        "add": STAFF_ROLES,
        "change": STAFF_ROLES,
        "lift": ADMIN_ROLES,
    }

    def scope(self, user, action, queryset):
        if user.role == User.Role.OPERATOR:
            return queryset.filter(operator=user)
        return queryset.filter(RegionScope.for_user(user).q("desa_code"))

    def user_can_issue_for(self, user, operator):
        """Whether `user` may issue `operator` a certificate by hand or at a workshop."""
        return (
            self.user_has_permission(user, "add")
            and operator.role == User.Role.OPERATOR
            and RegionScope.for_user(user).contains(operator.region)
        )


certificate_policy = CertificatePolicy(Certificate)


class CertificateTemplatePermissionPolicy(RolePermissionPolicy):
    """Wagtail permission policy for the template snippet, region-scoped.

    Diskominfo admins add, change and view their own kabupaten's template;
    superusers every template, and only they delete one.
    """

    roles = {
        "add": {User.Role.ADMIN_KABUPATEN},
        "change": {User.Role.ADMIN_KABUPATEN},
        "view": {User.Role.ADMIN_KABUPATEN},
    }

    def scope(self, user, action, queryset):
        if user.is_superuser:
            return queryset
        if user.region_id is None:
            return queryset.none()
        return queryset.filter(kabupaten_id=user.region_id)

    def kabupaten_choices(self, user, queryset):
        """The kabupaten of `queryset` a user must place a template in, or None when
        they may choose any or none (superusers: none is the fallback template)."""
        if user.is_superuser:
            return None
        return queryset.filter(pk=user.region_id)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        if instance.kabupaten_id is None:
            return users.filter(is_superuser=True)
        return users.filter(is_superuser=True) | users.filter(
            region_id=instance.kabupaten_id
        )


template_policy = CertificateTemplatePermissionPolicy(CertificateTemplate)
