"""Who may write and publish on a desa's portal pages.

The rights themselves live in Wagtail's page permissions (see `DesaAccess`); this
policy is what the rest of the site asks.
"""

from wagtail.models import Page, PagePermissionTester
from wagtail.permissions import policy_registry

from accounts.models import User
from accounts.permissions import RolePermissionPolicy
from regions.models import Region

from .models import DesaAccess


class DesaPublishingPolicy(RolePermissionPolicy):
    """Who writes and publishes on which desa's portal pages.

    Actions on a desa (`Region`): ``change`` (write its pages), ``publish``.
    Decided by Wagtail's page permissions on the desa's page.
    """

    def user_has_permission(self, user, action):
        return self.instances_user_has_permission_for(user, action).exists()

    def instances_user_has_permission_for(self, user, action):
        if action not in ("change", "publish") or not self._active(user):
            return Region.objects.none()
        pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(
            user, action
        )
        return Region.objects.filter(access__page__in=pages)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "publish":
            return self.user_can_publish_on(user, instance)
        return action == "change" and self.user_can_write_on(user, instance)

    AUTHOR = "author"
    TRAINER = "trainer"
    PROVINCE = "province"
    MODERATOR = "moderator"

    def portal_role(self, user):
        """What the user is on the portal, which says the groups they belong in.

        ``AUTHOR``: an operator, who writes their desa's pages; ``TRAINER``;
        ``PROVINCE``: a provincial admin, in the admin only to read readiness;
        ``MODERATOR``: a kecamatan's or kabupaten's admin, who reviews its pages;
        None for anyone else, and for an inactive user or one without a region.
        """
        if not (user.is_active and user.region_id):
            return None
        return {
            User.Role.OPERATOR: self.AUTHOR,
            User.Role.TRAINER: self.TRAINER,
            User.Role.ADMIN_PROVINSI: self.PROVINCE,
            User.Role.ADMIN_KECAMATAN: self.MODERATOR,
            User.Role.ADMIN_KABUPATEN: self.MODERATOR,
        }.get(user.role)

    def user_can_publish_on(self, user, desa):
        if not (user.is_authenticated and user.is_active):
            return False
        access = DesaAccess.objects.filter(desa=desa).select_related("page").first()
        return (
            access is not None and access.page.permissions_for_user(user).can_publish()
        )

    def user_can_write_on(self, user, desa):
        if not (user.is_authenticated and user.is_active):
            return False
        access = DesaAccess.objects.filter(desa=desa).select_related("page").first()
        return access is not None and access.page.permissions_for_user(user).can_edit()

    def user_can_publish_page(self, user, page):
        """Whether `user` may put `page` live now (e.g. at its scheduled go-live)."""
        return user is not None and page.permissions_for_user(user).can_publish()

    def user_can_use_meja(self, user):
        """Whether `user` writes their desa's pages in Meja Tulis: an operator who may
        write on their desa. Staff review and publish in the Wagtail admin instead."""
        return (
            user.is_authenticated
            and self.portal_role(user) == self.AUTHOR
            and self.user_can_write_on(user, user.region_id)
        )

    def offers_meja(self, user):
        """Whether the site's menu offers Meja Tulis to `user` (operators), without a
        query; whether their desa's portal exists is told on opening it."""
        return user.is_authenticated and self.portal_role(user) == self.AUTHOR

    def kept_out_of_admin(self, user):
        """Whether `user` is an operator, who writes in Meja Tulis and never enters
        the Wagtail admin (whatever groups they were put in); staff keep it.
        Decided without a query."""
        return (
            user.is_authenticated
            and not user.is_superuser
            and user.role == User.Role.OPERATOR
        )

    def holds_publishing_rights(self, operator):
        return (
            operator.role == User.Role.OPERATOR
            and DesaAccess.objects.filter(
                desa_id=operator.region_id, publishers__user=operator
            ).exists()
        )


desa_publishing_policy = DesaPublishingPolicy(Region)


class DesaPagePermissionTester(PagePermissionTester):
    """What a user may do to a desa's profile page, the root of its portal pages.

    Operators hold their rights on the desa page itself, which would let them
    unpublish, delete or move the profile with everything under it. They write its
    fields like any page, but only rights from above the desa (its kecamatan's and
    kabupaten's moderators) take it offline, and only a superuser may move it or try
    to delete it (a delete is refused while it carries the desa's access).
    """

    def _publishes_from_above(self):
        return any(
            perm.permission.codename == "publish_page"
            and perm.page.path != self.page.path
            and self.page.path.startswith(perm.page.path)
            for perm in self.permission_policy.get_cached_permissions_for_user(
                self.user
            )
        )

    def can_unpublish(self):
        return super().can_unpublish() and (
            self.user.is_superuser or self._publishes_from_above()
        )

    def can_delete(self, ignore_bulk=False):
        return self.user.is_superuser and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return self.user.is_superuser and super().can_move()

    def can_copy(self):
        # A desa has one profile page; a copy could not even be saved.
        return False


class PageScopePolicy(RolePermissionPolicy):
    """Which pages a user may see in the admin: titles, drafts and states.

    Action on `Page`: ``view``.

    The pages the user may work on, and their ancestors to reach them: what Wagtail's
    explorer offers the user. Explorer, chooser, reports and confirmation pages ask
    this policy, so a page of another desa, kecamatan or kabupaten is never named.
    """

    def pages_for(self, user):
        if not (user.is_authenticated and user.is_active):
            return Page.objects.none()
        policy = policy_registry.get_by_type(Page)
        if not user.is_superuser and not policy.get_cached_permissions_for_user(user):
            return Page.objects.none()
        return policy.explorable_instances(user)

    def user_can_see(self, user, page):
        return self.pages_for(user).filter(pk=page.pk).exists()

    def user_has_permission(self, user, action):
        return action == "view" and self.pages_for(user).exists()

    def instances_user_has_permission_for(self, user, action):
        if action != "view":
            return Page.objects.none()
        return self.pages_for(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and self.user_can_see(user, instance)


page_scope_policy = PageScopePolicy(Page)
