from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from courses import selectors

        from .selectors import attended_a_session_for

        # A course that requires workshop attendance asks this module.
        if attended_a_session_for not in selectors.WORKSHOP_ATTENDANCE_CHECKS:
            selectors.WORKSHOP_ATTENDANCE_CHECKS.append(attended_a_session_for)
