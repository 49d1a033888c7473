"""Wagtail's admin views over pages, limited to the pages a user may see.

Wagtail names pages (their draft titles) and their moderation state in places that
check no permission: the page chooser, bulk-action confirmations, the workflow
cancellation prompt, report filters. These subclasses ask `page_scope_policy`, so
a user reads nothing of another desa, kecamatan or kabupaten.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
    get_users_for_filter,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, Task, Workflow

from .permissions import page_scope_policy

# Page views of Wagtail's page viewset (the explorer, page actions).


class ScopedExplorableIndexView(ExplorableIndexView):
    """The explorer opens only pages the user may see; others lead to the user's
    own starting page, as Wagtail does for pages above it."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None and not (
            page_scope_policy.pages_for(request.user).filter(pk=parent_page_id).exists()
        ):
            root = self.permission_policy.explorable_root_instance(request.user)
            return redirect(self.index_url_name, root.pk)
        return super().get(request, parent_page_id)


class ScopedConfirmWorkflowCancellationView(ConfirmWorkflowCancellationView):
    """Publishing a page in moderation asks to cancel its workflow; only someone
    who may edit the page learns that it is in moderation, and where."""

    def dispatch(self, request, *args, **kwargs):
        if not self.object.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedPageViewSet(PageViewSet):
    """Wagtail's views for every page type, with the explorer and the workflow
    cancellation prompt limited to the user's pages."""

    index_view_class = ScopedExplorableIndexView
    confirm_workflow_cancellation_view_class = ScopedConfirmWorkflowCancellationView


# The page chooser. Its listings are limited by the construct_page_chooser_queryset
# hook; these views guard what the hook does not reach.


class ScopedBrowseView(chooser.BrowseView):
    """Browsing starts from a parent page, whose title the chooser shows: one the
    user may see, or the root."""

    def get(self, request, parent_page_id=None):
        visible = page_scope_policy.pages_for(request.user)
        if parent_page_id is None:
            # Wagtail starts from the common ancestor of every page of the chosen
            # types in the country, which may be another desa's page.
            parent_page_id = self.start_page_id(request, visible)
        elif not (
            visible.filter(pk=parent_page_id).exists()
            or Page.objects.filter(pk=parent_page_id, depth=1).exists()
        ):
            raise Http404
        return super().get(request, parent_page_id)

    def start_page_id(self, request, visible):
        page_type = request.GET.get("page_type") or chooser.base_page_type_string
        try:
            page_models = chooser.page_models_from_string(page_type)
        except (ValueError, LookupError) as exc:
            raise Http404 from exc
        if page_models != (Page,):
            try:
                return visible.type(*page_models).first_common_ancestor().pk
            except Page.DoesNotExist:
                pass
        return Page.get_first_root_node().pk


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    """Hands back only the chosen pages the user may see."""

    def get(self, request):
        pks = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        pages = page_scope_policy.pages_for(request.user).filter(pk__in=pks).specific()
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)


# Bulk actions on pages.


class ScopedPageBulkActionMixin:
    """Wagtail's confirmation lists the chosen pages the user may not act on, by
    title; of those, it keeps the ones the user may see."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        visible = set(
            page_scope_policy.pages_for(self.request.user).values_list("pk", flat=True)
        )
        extra["items_with_no_access"] = [
            page for page in extra["items_with_no_access"] if page.pk in visible
        ]
        return objects, extra


class ScopedDeleteBulkAction(ScopedPageBulkActionMixin, DeleteBulkAction):
    pass


class ScopedMoveBulkAction(ScopedPageBulkActionMixin, MoveBulkAction):
    pass


class ScopedPublishBulkAction(ScopedPageBulkActionMixin, PublishBulkAction):
    pass


class ScopedUnpublishBulkAction(ScopedPageBulkActionMixin, UnpublishBulkAction):
    pass


# Reports. Their rows are the user's already; their filters offered every
# workflow, task and user of the country.


class ScopedWorkflowReportFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.filters["workflow"].queryset = Workflow.objects.filter(
            pk__in=self.queryset.values("workflow")
        )
        self.filters["requested_by"].queryset = User.objects.filter(
            pk__in=self.queryset.values("requested_by")
        ).order_by(User.USERNAME_FIELD)


class ScopedWorkflowTasksReportFilterSet(WorkflowTasksReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["workflow"].queryset = Workflow.objects.filter(
            pk__in=self.queryset.values("workflow_state__workflow")
        )
        self.filters["task"].queryset = Task.objects.filter(
            pk__in=self.queryset.values("task")
        )


class ScopedSiteHistoryReportFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        # Wagtail's filter names the users of every page's history.
        return get_users_for_filter(self.request.user)


class RowsFilterMixin:
    """Give the report's filters the rows the user may see, to choose from."""

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.get_queryset()}


class ScopedWorkflowView(RowsFilterMixin, WorkflowView):
    filterset_class = ScopedWorkflowReportFilterSet


class ScopedWorkflowTasksView(RowsFilterMixin, WorkflowTasksView):
    filterset_class = ScopedWorkflowTasksReportFilterSet


class ScopedLogEntriesView(LogEntriesView):
    filterset_class = ScopedSiteHistoryReportFilterSet


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and names the pages of each type that the user may see."""

    def get_queryset(self):
        pages = page_scope_policy.pages_for(self.request.user).exclude(depth=1)
        queryset = ContentType.objects.filter(model__in=self.page_models)
        base_type = ContentType.objects.get_for_model(Page)
        if not pages.filter(content_type=base_type).exists():
            queryset = queryset.exclude(pk=base_type.pk)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        language_code = self.filters.form.cleaned_data.get("page_locale")
        site_root_path = self.filters.form.cleaned_data.get("site")
        if language_code:
            pages = pages.filter(locale__language_code=language_code)
        if site_root_path:
            pages = pages.filter(path__startswith=site_root_path)
        latest_edited_page = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=Q(pages__in=pages.values("pk"))),
            last_edited_page_id=Subquery(latest_edited_page.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")
