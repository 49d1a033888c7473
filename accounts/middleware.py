from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse


class ForcePasswordChangeMiddleware:
    """Send a user holding a one-time password to set their own before anything else."""

    ALLOWED_PREFIXES = ("/static/", "/media/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (
                reverse("accounts:password_change"),
                reverse("accounts:logout"),
            )
            if request.path not in allowed and not request.path.startswith(
                self.ALLOWED_PREFIXES
            ):
                return redirect(
                    f"{allowed[0]}?{urlencode({'next': request.get_full_path()})}"
                )
        return self.get_response(request)
