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
