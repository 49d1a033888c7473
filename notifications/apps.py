from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Imported here: the handlers import models, which load after this module.
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
