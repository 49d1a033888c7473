from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, PageLogEntry
from wagtail.permissions import policy_registry

from .admin_views import (
    ScopedDeleteBulkAction,
    ScopedMoveBulkAction,
    ScopedPageViewSet,
    ScopedPublishBulkAction,
    ScopedUnpublishBulkAction,
)
from .models import DesaPage
from .permissions import page_scope_policy
from .services import HELD_FOR_MODERATION


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

    @actions.register_action("literasi.publish.held")
    class HeldBackFormatter(LogFormatter):
        label = _("Scheduled publish held back")

        def format_message(self, log_entry):
            author = log_entry.data.get("author_name") or _("an unknown user")
            if log_entry.data.get("outcome") == HELD_FOR_MODERATION:
                message = _(
                    "Not published at its scheduled time: %(author)s, who scheduled it, may no longer publish it. Sent to moderation instead."
                )
            else:
                message = _(
                    "Not published at its scheduled time: %(author)s, who scheduled it, may no longer publish it. Kept as a draft."
                )
            return message % {"author": author}


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


def _refuse_deleting_desa_pages(request, pages, next_url):
    """Refuse to delete pages that are, or hold, a desa page carrying a desa's access.

    `DesaAccess.page` protects the page in the database; this says so in words
    before the delete fails.
    """
    below = Q()
    for page in pages:
        below |= Q(path__startswith=page.path)
    desa_page = (
        DesaPage.objects.filter(below, access__isnull=False).order_by("path").first()
    )
    if desa_page is None:
        return None
    messages.error(
        request,
        _(
            "The page of %(desa)s carries that desa's publishing rights and media, so it cannot be deleted. Unpublish it instead if it should not be shown."
        )
        % {"desa": desa_page.title},
    )
    return redirect(next_url)


@hooks.register("before_delete_page")
def keep_desa_pages_on_delete(request, page):
    explorer = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    return _refuse_deleting_desa_pages(request, [page], explorer)


@hooks.register("before_bulk_action")
def keep_desa_pages_on_bulk_delete(request, action_type, objects, action_class):
    if action_type != "delete" or not issubclass(action_class.model, Page):
        return None
    return _refuse_deleting_desa_pages(request, objects, action_class.next_url)


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


# The page listings' "Owner" and "Edited by" filters (explorer, page type usage,
# forms) offer by default every user who owns or edited any page: with Meja Tulis
# every operator owns pages, so a kecamatan admin would read the names of operators
# of other kabupaten. Their choices are the owners and editors of the pages the
# user may see (`page_scope_policy`). The filter objects are shared by every
# listing's filter set, so setting them once covers all of them.
def _owners_in_scope(request):
    pages = page_scope_policy.pages_for(request.user).order_by().values("owner_id")
    return get_user_model().objects.filter(pk__in=pages)


def _editors_in_scope(request):
    pages = page_scope_policy.pages_for(request.user).order_by().values("pk")
    edits = PageLogEntry.objects.filter(action="wagtail.edit", page_id__in=pages)
    return get_user_model().objects.filter(pk__in=edits.order_by().values("user_id"))


PageFilterSet.base_filters["owner"].queryset = _owners_in_scope
PageFilterSet.base_filters["edited_by"].queryset = _editors_in_scope
