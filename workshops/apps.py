from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        # Imported here: handlers need the app registry to be ready.
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
