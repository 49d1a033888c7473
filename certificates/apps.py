from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses import services as course_services

        from .services import issue_on_course_completion

        # Completing a course's requirements issues its certificate in the same transaction.
        if issue_on_course_completion not in course_services.COURSE_COMPLETED_HOOKS:
            course_services.COURSE_COMPLETED_HOOKS.append(issue_on_course_completion)
