"""The installable web app: its manifest and its service worker."""

import json

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# The site's accent colour (--accent in static/css/site.css) and background (--bg).
THEME_COLOUR = "#0b6e4f"
BACKGROUND_COLOUR = "#f7f7f4"


@require_GET
def web_app_manifest(request):
    """The web app manifest: name, icons and start page of the installed app.

    The same for everyone (no personal data), so the phone may keep it a day."""
    manifest = {
        "name": "Literasi Desa",
        "short_name": "Literasi Desa",
        "description": _(
            "Short courses for desa website operators; saved lessons open offline."
        ),
        "lang": "id",
        "dir": "ltr",
        "start_url": "/kursus/saya/",
        "scope": "/",
        "id": "/kursus/saya/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {
                "src": static("icons/icon-192.png"),
                "sizes": "192x192",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": static("icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = HttpResponse(
        json.dumps(manifest, ensure_ascii=False),
        content_type="application/manifest+json",
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def service_worker(request):
    """static/js/sw.js, served from the site's root so it may control every page.

    `no-cache`: the browser asks for a new version at each check, so a change
    reaches phones at their next connection."""
    path = finders.find("js/sw.js")
    if path is None:
        raise Http404
    with open(path, "rb") as script:
        body = script.read()
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
