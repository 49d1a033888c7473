from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from .shared.errors import DomainError


class IndonesianFirstLocaleMiddleware:
    """Speak Indonesian unless the visitor chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many phones
    in Indonesia are set to English; the site should still open in Indonesian. The
    language switcher's cookie is the only way to change it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """A content-security policy and related headers on every response.

    Learner pages load only the site's own CSS and JavaScript. The Wagtail admin
    needs inline scripts and styles, so it gets a looser script policy; both forbid
    other origins, plugins and framing by other sites.
    """

    # blob: images: Meja Tulis shrinks a chosen photo in the browser before upload.
    SITE = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'self'; "
        "manifest-src 'self'; worker-src 'self'"
    )
    ADMIN = (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'self'; frame-src 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.ADMIN if request.path.startswith("/admin/") else self.SITE
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


class PrivateResponsesNotStoredMiddleware:
    """Keep what only one visitor may see out of the browser's cache.

    Computers at the kantor desa are shared: a lesson page, a certificate PDF or a
    help-desk screenshot kept in the browser's cache is readable by whoever sits down
    next. Every response to a signed-in user, and to a visitor who unlocked a
    password-protected page or document collection, is sent `private, no-store`,
    whatever the view set. Public pages for anonymous visitors, the same for
    everyone, keep their own caching; static files never get here (WhiteNoise
    answers them earlier in the chain).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_private(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _is_private(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False

        return any(
            request.session.get(restriction.passed_view_restrictions_session_key)
            for restriction in (PageViewRestriction, CollectionViewRestriction)
        )


class DomainErrorMiddleware:
    """Show a domain error a view left unhandled as a message, not a server error.

    The visitor goes back to the page they came from (or this one, for a GET) and
    reads the error's sentence there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        messages.error(request, str(exception))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = request.get_full_path() if request.method == "GET" else "/"
        return redirect(back)
