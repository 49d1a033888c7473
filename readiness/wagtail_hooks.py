from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, selectors
from .permissions import readiness_policy

readiness_urls = [
    path("", admin_views.home, name="home"),
    path("impor-aktivitas/", admin_views.ActivityImportView.as_view(), name="import"),
    path("desa/<str:code>/", admin_views.DesaView.as_view(), name="desa"),
    path("<str:code>/", admin_views.RegionView.as_view(), name="region"),
    path("<str:code>/undang/", admin_views.invite_needing_help, name="invite"),
    path("<str:code>/pengaturan/", admin_views.SettingsView.as_view(), name="settings"),
]


@hooks.register("register_admin_urls")
def register_readiness_urls():
    return [
        path("kesiapan/", include((readiness_urls, "readiness"), namespace="readiness"))
    ]


class ReadinessMenuItem(MenuItem):
    def is_shown(self, request):
        return readiness_policy.user_can_see_any(request.user)


@hooks.register("register_admin_menu_item")
def register_readiness_menu_item():
    return ReadinessMenuItem(
        _("Readiness"), reverse("readiness:home"), icon_name="table", order=240
    )


class ReadinessPanel(Component):
    name = "readiness"
    order = 50
    template_name = "readiness/panel.html"

    def __init__(self, region):
        self.region = region

    def get_context_data(self, parent_context):
        return {
            "figures": selectors.overview(self.region),
            "region_name": self.region.display_name if self.region else _("Indonesia"),
            "url": reverse("readiness:home"),
        }


@hooks.register("construct_homepage_panels")
def add_readiness_panel(request, panels):
    if readiness_policy.user_can_see_any(request.user):
        panels.append(ReadinessPanel(readiness_policy.home_region(request.user)))
