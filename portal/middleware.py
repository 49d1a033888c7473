"""Operators write in Meja Tulis: the Wagtail admin is for staff only."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import desa_publishing_policy


class OperatorsOutOfAdminMiddleware:
    """Send a signed-in operator who opens any /admin/ address to Meja Tulis (or to
    their courses if they do not write on a desa), with a message in Indonesian,
    instead of Wagtail's English sign-in page. Operators hold no admin access
    (`portal.services.operator_group`); this also covers the admin's own sign-in
    form, which signs an operator in to the site, never into the admin."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path.startswith(self.admin_prefix)
            and desa_publishing_policy.kept_out_of_admin(user)
        ):
            messages.info(
                request,
                _("Operators write in Meja Tulis; the admin pages are for staff only."),
            )
            if desa_publishing_policy.offers_meja(user):
                return redirect("meja:index")
            return redirect("courses:my_courses")
        return self.get_response(request)
