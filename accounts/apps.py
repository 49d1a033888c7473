from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # the module holds two configs; this one is `accounts`
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import remember_device

        user_logged_in.connect(remember_device, dispatch_uid="accounts.remember_device")


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user screens with the project's user form (role, region, phone)."""

    default = False
    user_viewset = "accounts.user_admin.UserViewSet"
