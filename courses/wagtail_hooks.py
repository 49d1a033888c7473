"""Admin wiring of the course tree: learning history is never deleted with a page,
and extra attempts are in the audit log."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from wagtail import hooks
from wagtail.admin.api.actions.delete import DeletePageAPIAction
from wagtail.models import Page

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
