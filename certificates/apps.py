from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # Imported here: the handlers import models, which load after this module.
        from .keys import check_keys_dir
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        checks.register(check_keys_dir, checks.Tags.security)
