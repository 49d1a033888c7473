"""Wagtail admin URLs answered by the scoped views of `admin_views`.

Mounted in `lms/urls.py` before Wagtail's admin, at the same paths and without
names: Wagtail's URL names still reverse to these paths.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_views

urlpatterns = [
    path("choose-page/", admin_views.ScopedBrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", admin_views.ScopedBrowseView.as_view()),
    path(
        "choose-page/chosen-multiple/",
        admin_views.ScopedChosenMultipleView.as_view(),
    ),
    path("reports/workflow/", admin_views.ScopedWorkflowView.as_view()),
    path(
        "reports/workflow/results/",
        admin_views.ScopedWorkflowView.as_view(results_only=True),
    ),
    path("reports/workflow_tasks/", admin_views.ScopedWorkflowTasksView.as_view()),
    path(
        "reports/workflow_tasks/results/",
        admin_views.ScopedWorkflowTasksView.as_view(results_only=True),
    ),
    path("reports/site-history/", admin_views.ScopedLogEntriesView.as_view()),
    path(
        "reports/site-history/results/",
        admin_views.ScopedLogEntriesView.as_view(results_only=True),
    ),
    path(
        "reports/page-types-usage/",
        admin_views.ScopedPageTypesUsageReportView.as_view(),
    ),
    path(
        "reports/page-types-usage/results/",
        admin_views.ScopedPageTypesUsageReportView.as_view(results_only=True),
    ),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
