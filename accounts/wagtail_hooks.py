from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import operator_policy

operator_urls = [
    path("", admin_views.OperatorIndexView.as_view(), name="index"),
    path("tambah/", admin_views.OperatorCreateView.as_view(), name="add"),
    path("impor/", admin_views.OperatorImportView.as_view(), name="import"),
    path("<int:pk>/", admin_views.OperatorEditView.as_view(), name="edit"),
    path(
        "<int:pk>/reset-kata-sandi/",
        admin_views.OperatorResetPasswordView.as_view(),
        name="reset_password",
    ),
    path(
        "<int:pk>/nonaktifkan/",
        admin_views.OperatorDeactivateView.as_view(),
        name="deactivate",
    ),
    path(
        "<int:pk>/aktifkan/",
        admin_views.OperatorReactivateView.as_view(),
        name="reactivate",
    ),
    path(
        "ganti-nama/",
        admin_views.NameChangeRequestIndexView.as_view(),
        name="name_requests",
    ),
    path(
        "ganti-nama/<int:pk>/",
        admin_views.NameChangeRequestDecideView.as_view(),
        name="name_request",
    ),
]


@hooks.register("register_admin_urls")
def register_operator_urls():
    return [
        path("operator/", include((operator_urls, "operators"), namespace="operators"))
    ]


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return operator_policy.user_can_manage_any(request.user)


@hooks.register("register_admin_menu_item")
def register_operator_menu_item():
    return OperatorMenuItem(
        _("Operators"), reverse("operators:index"), icon_name="group", order=250
    )


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
