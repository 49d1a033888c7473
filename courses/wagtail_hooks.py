"""Admin wiring of the course tree: learning history is never deleted with a page,
and extra attempts are in the audit log and listed under Reports for the staff of
their region."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from wagtail import hooks
from wagtail.admin.api.actions.delete import DeletePageAPIAction
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from lms.shared.admin import HistoryOnlyViewSetMixin

from . import admin_views
from .models import ExtraAttempt
from .permissions import extra_attempt_policy
from .selectors import pages_with_learning_history


def _refusal(page):
    return _(
        "“%(title)s” cannot be deleted: operators have studied it, and their "
        "progress, quiz attempts and certificates are kept. Unpublish it instead "
        "so that no one new starts it."
    ) % {"title": page.get_admin_display_title()}


@hooks.register("before_delete_page")
def keep_learning_history(request, page):
    if pages_with_learning_history([page]):
        messages.error(request, _refusal(page))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def keep_learning_history_in_bulk(request, action_type, objects, action):
    if action_type != "delete" or not issubclass(action.model, Page):
        return None
    blocked = pages_with_learning_history(objects)
    for page in blocked:
        messages.error(request, _refusal(page))
    if blocked:
        return redirect(action.next_url)
    return None


class KeepHistoryDeletePageAPIAction(DeletePageAPIAction):
    def execute(self, instance, data):
        if pages_with_learning_history([instance]):
            raise ValidationError({"page": [_refusal(instance)]})
        return super().execute(instance, data)


# Registered after Wagtail's own endpoints and after any app that replaces the
# pages endpoint, so the admin API's delete refuses the same pages.
@hooks.register("construct_admin_api", order=10)
def keep_learning_history_in_admin_api(router):
    name, endpoint = router.get_model_endpoint(Page)

    class PagesEndpoint(endpoint):
        actions = {**endpoint.actions, "delete": KeepHistoryDeletePageAPIAction}

    router.register_endpoint(name, PagesEndpoint)


@hooks.register("register_log_actions")
def register_extra_attempt_actions(actions):
    actions.register_action(
        "literasi.extra_attempt.grant",
        _("Grant an extra quiz attempt"),
        _("Extra quiz attempt granted"),
    )


class ExtraAttemptViewSet(HistoryOnlyViewSetMixin, ModelViewSet):
    """Admin → Reports → Kesempatan kuis tambahan: the extra attempts given to the
    operators of the user's region, each with its history. Read-only: a grant is
    given from the progress table or the workshop board."""

    model = ExtraAttempt
    name = "extra_attempts_admin"
    url_prefix = "kesempatan-kuis"
    icon = "history"
    menu_label = gettext_lazy("Extra quiz attempts")
    menu_hook = "register_reports_menu_item"
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = admin_views.ExtraAttemptIndexView
    history_view_class = admin_views.ExtraAttemptHistoryView
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("hasil/", self.index_results_view, name="index_results"),
            path("<int:pk>/riwayat/", self.history_view, name="history"),
            path(
                "<int:pk>/riwayat/hasil/",
                self.history_results_view,
                name="history_results",
            ),
        ]


register_permission_policy(ExtraAttempt, extra_attempt_policy)


@hooks.register("register_admin_viewset")
def register_extra_attempt_viewset():
    return ExtraAttemptViewSet()
