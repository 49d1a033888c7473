"""The page a sign-in card's QR code opens: whose card it is, and a button to sign in."""

from django.conf import settings
from django.contrib.auth import login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lms.shared.ratelimit import client_rate_limited

from .selectors import SignInCardError, usable_sign_in_card
from .services import sign_in_with_card

# Generous: a whole hall signs in from behind one router.
CARD_POSTS_PER_ADDRESS = 300
CARD_WINDOW_SECONDS = 15 * 60


def _page(request, context, status=200):
    response = TemplateResponse(
        request, "accounts/sign_in_card.html", context, status=status
    )
    # The address holds the token: never send it on to another site, never index it.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def sign_in_card(request, token):
    """GET shows the card's owner without using the card (link previews and
    prefetchers open pages too); POST uses it up and signs its owner in."""
    if request.method not in ("GET", "HEAD", "POST"):
        return _page(
            request, {"error": _("Open the card's page and press Sign in.")}, 405
        )
    if request.method == "POST" and client_rate_limited(
        request,
        scope="sign-in-card",
        limit=CARD_POSTS_PER_ADDRESS,
        seconds=CARD_WINDOW_SECONDS,
    ):
        return _page(
            request,
            {
                "error": _(
                    "Too many sign-ins from this network. Wait a few minutes, or sign "
                    "in with your username and password."
                )
            },
            429,
        )
    if request.method == "POST" and not request.user.is_authenticated:
        # The hall's path: one lookup and one conditional UPDATE, no password hash.
        return _use_card(request, token)
    try:
        card = usable_sign_in_card(token=token)
    except SignInCardError as exc:
        # Signed in already? Perhaps a double tap, whose first press used the card.
        signed_in = request.user if request.user.is_authenticated else None
        return _page(request, {"error": str(exc), "signed_in": signed_in}, 410)
    if request.user.is_authenticated and request.user.pk == card.user_id:
        # Already signed in as this operator: the card is kept for another day.
        if request.method == "POST":
            return redirect("courses:my_courses")
        return _page(request, {"card": card, "signed_in": request.user})
    if request.method != "POST":
        return _page(request, {"card": card})
    return _use_card(request, token)


def _use_card(request, token):
    try:
        user = sign_in_with_card(token=token)
    except SignInCardError as exc:
        return _page(request, {"error": str(exc)}, 410)
    # Rotates the session key and the CSRF token, like a password sign-in.
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    return redirect("courses:my_courses")
