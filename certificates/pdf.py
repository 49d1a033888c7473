"""Certificate PDFs with WeasyPrint: one warm renderer, no network, no stray files."""

import atexit
import functools
import mimetypes
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from regions.selectors import timezone_name_for_code

# Documents are rendered with this base URL; only its /static/ and /media/ paths resolve.
BASE_URL = "https://literasi.invalid/"


class FetchRefused(ValueError):
    pass


def _response(url, data, mime_type):
    # Imported here: WeasyPrint is heavy and only PDF rendering needs it.
    from weasyprint.urls import URLFetcherResponse

    return URLFetcherResponse(
        url, data, {"Content-Type": mime_type or "application/octet-stream"}
    )


def url_fetcher(url, timeout=10, ssl_context=None):
    """Serve the project's own static and media files; refuse everything else."""
    if url.startswith("data:"):
        # Imported here: WeasyPrint is heavy and only PDF rendering needs it.
        from weasyprint.urls import URLFetcher

        return URLFetcher(allowed_protocols={"data"}).fetch(url)
    if not url.startswith(BASE_URL):
        raise FetchRefused(
            f"Refused to fetch {url!r}: only the project's static and media files."
        )
    path = url[len(BASE_URL) - 1 :]
    static_prefix, media_prefix = settings.STATIC_URL, settings.MEDIA_URL
    if path.startswith(static_prefix):
        relative = path[len(static_prefix) :]
        if ".." in Path(relative).parts:
            raise FetchRefused(f"Refused path {url!r}.")
        found = finders.find(relative)
        if not found:
            raise FetchRefused(f"No static file {relative!r}.")
        return _response(url, Path(found).read_bytes(), mimetypes.guess_type(found)[0])
    if path.startswith(media_prefix):
        name = path[len(media_prefix) :]
        if ".." in Path(name).parts or not default_storage.exists(name):
            raise FetchRefused(f"No media file {name!r}.")
        with default_storage.open(name, "rb") as handle:
            return _response(url, handle.read(), mimetypes.guess_type(name)[0])
    raise FetchRefused(f"Refused to fetch {url!r}.")


@functools.cache
def project_fetcher():
    """`url_fetcher` as WeasyPrint (70) takes it: a URLFetcher; refusals become warnings."""
    # Imported here: WeasyPrint is heavy and only PDF rendering needs it.
    from weasyprint.urls import URLFetcher

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return url_fetcher(url)

    return ProjectFetcher()


@functools.cache
def _renderer(stylesheet):
    """A stylesheet template parsed with its font configuration, shared by every render."""
    # Imported here: WeasyPrint is heavy and only PDF rendering needs it.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(
        string=render_to_string(stylesheet),
        base_url=BASE_URL,
        url_fetcher=project_fetcher(),
        font_config=fonts,
    )
    return css, fonts


atexit.register(_renderer.cache_clear)


def qr_svg(url):
    return segno.make(url, error="m").svg_inline(scale=4, border=0, dark="#1d2a33")


def _image_url(image, spec):
    """A Wagtail image's rendition as a URL the PDF renderer fetches, or None."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except Exception:
        return None
    return (
        BASE_URL.rstrip("/") + rendition.url if rendition.url.startswith("/") else None
    )


def certificate_html(certificate, template=None):
    template = template or certificate.template
    url = certificate.get_verification_url()
    zone = (
        timezone_name_for_code(certificate.desa_code) if certificate.desa_code else None
    )
    with translation.override("id"), timezone.override(zone):
        return render_to_string(
            "certificates/pdf/certificate.html",
            {
                "c": certificate,
                "t": template,
                "qr": qr_svg(url),
                "lookup_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("certificates:lookup"),
                "logo_url": _image_url(template.logo, "max-300x300"),
                "signature_url": _image_url(template.signature_image, "max-500x200"),
            },
        )


image_url = _image_url


def render_pdf(html, *, stylesheet="certificates/pdf/certificate.css"):
    """A PDF of the HTML, styled by the stylesheet template; it may use only the
    project's own static and media files (see `url_fetcher`)."""
    # Imported here: WeasyPrint is heavy and only PDF rendering needs it.
    from weasyprint import HTML

    css, fonts = _renderer(stylesheet)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=project_fetcher())
    return document.write_pdf(stylesheets=[css], font_config=fonts)


def render_certificate(certificate, template=None):
    return render_pdf(certificate_html(certificate, template))
