"""Who may write and publish on a desa's portal pages.

The rights themselves live in Wagtail's page permissions (see `DesaAccess`); this
policy is what the rest of the site asks.
"""

from wagtail.models import Page
from wagtail.permissions import policy_registry

from accounts.models import User

from .models import DesaAccess


class DesaPublishingPolicy:
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

    def holds_publishing_rights(self, operator):
        return (
            operator.role == User.Role.OPERATOR
            and DesaAccess.objects.filter(
                desa_id=operator.region_id, publishers__user=operator
            ).exists()
        )


desa_publishing_policy = DesaPublishingPolicy()


class PageScopePolicy:
    """Which pages a user may see in the admin: titles, drafts and states.

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


page_scope_policy = PageScopePolicy()
