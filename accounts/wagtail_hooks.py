from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import admin_views
from .permissions import operator_policy


class OperatorViewSet(ViewSet):
    """Operator accounts: the generic list with search, filter and export, and the
    screens to add, import, edit, reset, deactivate and decide on a change of name."""

    name = "operators"
    url_prefix = "operator"
    icon = "group"
    menu_label = _("Operators")
    menu_order = 250
    add_to_admin_menu = True

    @cached_property
    def menu_item_class(self):
        class OperatorMenuItem(MenuItem):
            def is_shown(self, request):
                return operator_policy.user_has_permission(request.user, "change")

        return OperatorMenuItem

    def get_urlpatterns(self):
        index = admin_views.OperatorIndexView
        screens = [
            ("tambah/", admin_views.OperatorCreateView, "add"),
            ("impor/", admin_views.OperatorImportView, "import"),
            ("<int:pk>/", admin_views.OperatorEditView, "edit"),
            (
                "<int:pk>/reset-kata-sandi/",
                admin_views.OperatorResetPasswordView,
                "reset_password",
            ),
            ("<int:pk>/nonaktifkan/", admin_views.OperatorDeactivateView, "deactivate"),
            ("<int:pk>/aktifkan/", admin_views.OperatorReactivateView, "reactivate"),
            ("ganti-nama/", admin_views.NameChangeRequestIndexView, "name_requests"),
            (
                "ganti-nama/<int:pk>/",
                admin_views.NameChangeRequestDecideView,
                "name_request",
            ),
        ]
        return [
            path("", index.as_view(), name="index"),
            path("hasil/", index.as_view(results_only=True), name="index_results"),
            *(path(route, view.as_view(), name=name) for route, view, name in screens),
        ]


@hooks.register("register_admin_viewset")
def register_operator_viewset():
    return OperatorViewSet()


@hooks.register("register_account_settings_panel")
def register_name_change_request_panel(request, user, profile):
    return admin_views.NameChangeRequestPanel(request, user, profile)


@hooks.register("register_log_actions")
def register_name_change_actions(actions):
    actions.register_action(
        "literasi.name_change.request",
        _("Request a change of name"),
        _("Change of name requested"),
    )
    actions.register_action(
        "literasi.name_change.approve",
        _("Approve a change of name"),
        _("Change of name approved"),
    )
    actions.register_action(
        "literasi.name_change.reject",
        _("Reject a change of name"),
        _("Change of name rejected"),
    )


@hooks.register("register_log_actions")
def register_sign_in_card_actions(actions):
    actions.register_action(
        "literasi.sign_in_card.issue",
        _("Print a sign-in card"),
        _("Sign-in card printed"),
    )
    actions.register_action(
        "literasi.sign_in_card.use",
        _("Sign in with a card"),
        _("Signed in with a sign-in card"),
    )
