from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Literasi Desa")

    def ready(self):
        from .storage import check_private_media_root

        checks.register(check_private_media_root, checks.Tags.security)
