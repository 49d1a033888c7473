"""Who may see and manage which people.

`RegionScope` turns a user's role and region into a filter; every list, page and
export about people or regions asks it. `OperatorPolicy` guards operator accounts.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from .models import NameChangeRequest, User


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


class OperatorPolicy:
    """Who may add, edit, reset and deactivate operator accounts, and which ones,
    and decide on their requests for a change of name.

    Diskominfo admins manage the operators of their kabupaten, kecamatan admins those
    of their kecamatan, superusers everyone. Trainers and operators manage none.
    """

    MANAGER_ROLES = {User.Role.ADMIN_KABUPATEN, User.Role.ADMIN_KECAMATAN}

    def user_can_manage_any(self, user):
        if not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or (
            user.role in self.MANAGER_ROLES and user.region_id is not None
        )

    def operators_for(self, user):
        if not self.user_can_manage_any(user):
            return User.objects.none()
        scope = RegionScope.for_user(user)
        return User.objects.filter(role=User.Role.OPERATOR).filter(
            scope.q("region__code")
        )

    def desa_for(self, user):
        """The desa an operator may be placed in by this user."""
        from regions.models import Region

        if not self.user_can_manage_any(user):
            return Region.objects.none()
        scope = RegionScope.for_user(user)
        return Region.objects.filter(level=Region.Level.DESA).filter(scope.q("code"))

    def name_change_requests_for(self, user):
        """The name change requests of the operators this user manages."""
        return NameChangeRequest.objects.filter(
            user__in=self.operators_for(user)
        ).select_related("user__region__parent", "decided_by")

    def user_can_see(self, user, account):
        """Whether `user` may learn that `account` exists (its name, its username)."""
        return (user.is_active and user.is_superuser) or self.user_can_manage(
            user, account
        )

    def user_can_manage(self, user, operator):
        return (
            self.user_can_manage_any(user)
            and operator.role == User.Role.OPERATOR
            and RegionScope.for_user(user).contains(operator.region)
        )


operator_policy = OperatorPolicy()
