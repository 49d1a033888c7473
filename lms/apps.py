from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Literasi Desa")

    def ready(self):
        # Imported here: they import Wagtail's models, which load after this module.
        from .shared.exports import protect_wagtail_exports
        from .shared.storage import check_private_media_root

        # Wagtail's own report downloads must be as formula-safe as the project's.
        protect_wagtail_exports()
        checks.register(check_private_media_root, checks.Tags.security)
