from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

from .admin_views import (
    ScopedDeleteBulkAction,
    ScopedMoveBulkAction,
    ScopedPageViewSet,
    ScopedPublishBulkAction,
    ScopedUnpublishBulkAction,
)
from .permissions import page_scope_policy


@hooks.register("register_log_actions")
def register_publishing_rights_actions(actions):
    actions.register_action(
        "literasi.publishing.grant",
        _("Grant publishing rights"),
        _("Publishing rights granted"),
    )
    actions.register_action(
        "literasi.publishing.revoke",
        _("Revoke publishing rights"),
        _("Publishing rights revoked"),
    )


def _choosable(queryset, user):
    """The media of `queryset` the user may choose: those the choosers show."""
    policy = policy_registry.get_by_type(queryset.model)
    allowed = policy.instances_user_has_any_permission_for(user, ["choose"])
    return queryset.filter(pk__in=allowed.values("pk"))


class DesaImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return _choosable(super().get_queryset(), self.request.user)


class DesaDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return _choosable(super().get_queryset(), self.request.user)


# Wagtail's own endpoints list every image and document of every collection, with
# their file addresses, to anyone who may open the admin. These replace them, so
# they register after Wagtail's.
@hooks.register("construct_admin_api", order=1)
def scope_admin_api_media(router):
    router.register_endpoint("images", DesaImagesAdminAPIViewSet)
    router.register_endpoint("documents", DesaDocumentsAdminAPIViewSet)


@hooks.register("register_admin_viewset")
def register_scoped_page_viewset():
    # Registered after Wagtail's own (order -1), so it serves every page type.
    return ScopedPageViewSet()


# After Wagtail's own bulk actions (order 0), which these replace.
for bulk_action in (
    ScopedDeleteBulkAction,
    ScopedMoveBulkAction,
    ScopedPublishBulkAction,
    ScopedUnpublishBulkAction,
):
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("construct_page_chooser_queryset")
def show_only_visible_pages_in_the_chooser(pages, request):
    return pages.filter(pk__in=page_scope_policy.pages_for(request.user).values("pk"))


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    # Wagtail shows the destination's title before the move itself is checked.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None
