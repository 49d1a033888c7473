from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .services import make_device_cookie


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


def remember_device(sender, request, user, **kwargs):
    """On every successful sign-in: this browser gets a new device cookie (below)."""
    if request is not None:
        request.signed_in_device_user_id = user.pk


class DeviceCookieMiddleware:
    """Set the device cookie (OWASP "device cookies") on the response to a sign-in.

    It names the account and a random nonce, signed; a later sign-in to that account
    from this browser is counted on its own counter and is not held back by a lock
    that failures from other devices caused.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user_id = getattr(request, "signed_in_device_user_id", None)
        if user_id is not None:
            response.set_cookie(
                settings.LOGIN_DEVICE_COOKIE_NAME,
                make_device_cookie(user_id=user_id),
                max_age=settings.LOGIN_DEVICE_COOKIE_DAYS * 24 * 60 * 60,
                secure=getattr(settings, "LOGIN_DEVICE_COOKIE_SECURE", False),
                httponly=True,
                samesite="Lax",
            )
        return response
