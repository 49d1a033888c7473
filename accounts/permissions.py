"""Who may see and manage which people, and the shape of every policy.

`RegionScope` turns a user's role and region into a filter; every list, page and
export about people or regions asks it. `RolePermissionPolicy` is the interface the
project's own policies share, Wagtail's: `user_has_permission(user, action)`,
`instances_user_has_permission_for(user, action)` and
`user_has_permission_for_instance(user, action, instance)`. `OperatorPolicy` guards
operator accounts.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from regions.models import Region

from .models import NameChangeRequest, SignInCard, User

# The staff of a region: they train, follow and manage its operators.
ADMIN_ROLES = frozenset({User.Role.ADMIN_KECAMATAN, User.Role.ADMIN_KABUPATEN})
STAFF_ROLES = frozenset({User.Role.TRAINER, *ADMIN_ROLES})


class RegionScope:
    """The set of regions a user may see: a few region codes and all that lie below."""

    def __init__(self, codes=(), everything=False):
        self.codes = tuple(codes)
        self.everything = everything

    @classmethod
    def for_user(cls, user):
        if not user.is_authenticated or not user.is_active:
            return cls()
        if user.is_superuser:
            return cls(everything=True)
        if user.region_id is None:
            return cls()
        if user.role == User.Role.TRAINER:
            kecamatan = [r.code for r in user.kecamatan_scope.all()]
            if kecamatan:
                return cls(kecamatan)
        return cls([user.region.code])

    def q(self, field="code"):
        """A Q object limiting a region-code field (e.g. `region__code`) to this scope."""
        if self.everything:
            return Q()
        if not self.codes:
            return Q(pk__in=[])
        return reduce(
            or_,
            (
                Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})
                for code in self.codes
            ),
        )

    def contains(self, region):
        if region is None:
            return False
        if self.everything:
            return True
        return any(
            region.code == c or region.code.startswith(f"{c}.") for c in self.codes
        )


class RolePermissionPolicy(BasePermissionPolicy):
    """A Wagtail permission policy decided by role and region, the base of the
    project's own policies.

    `roles` maps each action (Wagtail's ``add``, ``change``, ``view``, ``delete``
    or a policy's own, such as ``lift``) to the roles allowed to do it somewhere;
    active superusers may do everything. `scope(user, action, queryset)` narrows
    the instances to those of the user's region. Views, menus, services and
    templates ask these three questions and never look at a role themselves.
    """

    roles = {}

    def _active(self, user):
        return bool(user.is_authenticated and user.is_active)

    def user_has_permission(self, user, action):
        if not self._active(user):
            return False
        return user.is_superuser or user.role in self.roles.get(action, ())

    def scope(self, user, action, queryset):
        """The instances of `queryset` in reach of a user allowed `action`."""
        return queryset

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model._default_manager.none()
        return self.scope(user, action, self.model._default_manager.all())

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.none()
        for action in actions:
            instances = instances | self.instances_user_has_permission_for(user, action)
        return instances

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.instances_user_has_permission_for(user, action)
            .filter(pk=instance.pk)
            .exists()
        )

    def users_with_any_permission(self, actions):
        roles = set().union(*(self.roles.get(action, ()) for action in actions))
        return User.objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(role__in=roles)
        )


class OperatorPolicy(RolePermissionPolicy):
    """Who may add, edit, reset and deactivate operator accounts, and which ones,
    and decide on their requests for a change of name.

    Diskominfo admins manage the operators of their kabupaten, kecamatan admins those
    of their kecamatan, superusers everyone. Trainers and operators manage none.
    Actions: ``add`` (create and import), ``change`` (edit, reset the password,
    deactivate, decide on a change of name).
    """

    roles = {"add": ADMIN_ROLES, "change": ADMIN_ROLES}

    def user_has_permission(self, user, action):
        # An admin without a region has no operators to manage.
        return super().user_has_permission(user, action) and (
            user.is_superuser or user.region_id is not None
        )

    def scope(self, user, action, queryset):
        return queryset.filter(role=User.Role.OPERATOR).filter(
            RegionScope.for_user(user).q("region__code")
        )

    def user_has_permission_for_instance(self, user, action, instance):
        # Asked by every service on an operator: decided without a query.
        return (
            self.user_has_permission(user, action)
            and instance.role == User.Role.OPERATOR
            and RegionScope.for_user(user).contains(instance.region)
        )

    def desa_for(self, user):
        """The desa an operator may be placed in by this user."""
        if not self.user_has_permission(user, "add"):
            return Region.objects.none()
        scope = RegionScope.for_user(user)
        return Region.objects.filter(level=Region.Level.DESA).filter(scope.q("code"))

    def name_change_requests_for(self, user):
        """The name change requests of the operators this user manages."""
        return NameChangeRequest.objects.filter(
            user__in=self.instances_user_has_permission_for(user, "change")
        ).select_related("user__region__parent", "decided_by")

    def user_can_ask_for_name_change(self, user):
        """Whether `user` may ask for another name on their own account: operators."""
        return self._active(user) and user.role == User.Role.OPERATOR

    def user_can_see(self, user, account):
        """Whether `user` may learn that `account` exists (its name, its username)."""
        return (
            user.is_active and user.is_superuser
        ) or self.user_has_permission_for_instance(user, "change", account)


operator_policy = OperatorPolicy(User)


class SignInCardPolicy(RolePermissionPolicy):
    """Who may print sign-in cards, and for which operators.

    Admins print them for the operators they manage (as they reset passwords);
    trainers for the operators of their kabupaten, whose workshops they run;
    superusers for every operator. Action: ``add`` (issue cards).
    """

    roles = {"add": STAFF_ROLES}

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and (
            user.is_superuser or user.region_id is not None
        )

    def _scope_for(self, user):
        if user.role == User.Role.TRAINER and not user.is_superuser:
            # A trainer runs every workshop of the kabupaten, whatever kecamatan
            # they usually serve (see the workshop policy).
            return RegionScope([user.region.code])
        return RegionScope.for_user(user)

    def scope(self, user, action, queryset):
        return queryset.filter(self._scope_for(user).q("user__region__code"))

    def user_may_issue_for(self, user, operator):
        """Whether `user` may print a card that signs `operator` in (no query)."""
        return (
            self.user_has_permission(user, "add")
            and operator.role == User.Role.OPERATOR
            and self._scope_for(user).contains(operator.region)
        )


sign_in_card_policy = SignInCardPolicy(SignInCard)
