from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Desa portal")

    def ready(self):
        from wagtail.signals import page_published

        from .services import record_publish_from_signal

        # Every publish (editor, scheduled, API) passes through this signal; the
        # receiver only delegates to the service that records website activity.
        page_published.connect(
            record_publish_from_signal, dispatch_uid="portal_record_publish"
        )
