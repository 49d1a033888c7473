"""Who may write and publish on a desa's portal pages.

The rights themselves live in Wagtail's page permissions (see `DesaAccess`); this
policy is what the rest of the site asks.
"""

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

    def user_can_publish_page(self, user, page):
        """Whether `user` may put `page` live now (e.g. at its scheduled go-live)."""
        return user is not None and page.permissions_for_user(user).can_publish()

    def holds_publishing_rights(self, operator):
        return (
            operator.role == User.Role.OPERATOR
            and DesaAccess.objects.filter(
                desa_id=operator.region_id, publishers__user=operator
            ).exists()
        )


desa_publishing_policy = DesaPublishingPolicy()
