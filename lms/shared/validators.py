"""Checks on uploaded pictures that every app shares: decoded, not trusted by name.

A picture is accepted only if Pillow decodes all of it (a file cut short or with
only an image header fails) and it carries no web-page markup: a GIF or PNG with
`<script>` inside is a polyglot that a browser may run as a page.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageSequence

# File extension → the Pillow format whose decoder may open it.
IMAGE_FORMATS = {
    "gif": "GIF",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
}
# Tags a browser would act on if it ever took the file for a web page. Tags of four
# letters or more only: shorter ones turn up by chance in compressed picture data
# (about once in 3,000 pictures of 5 MB for three letters, once in 400,000 for four).
MARKUP = re.compile(
    rb"<(?:script|html|head|body|iframe|frame|frameset|object|embed|meta|style"
    rb"|!doctype)[\s/>]",
    re.IGNORECASE,
)
CHUNK_BYTES = 1024 * 1024
OVERLAP_BYTES = 16  # longer than any tag above, so none hides across two chunks

UNREADABLE = _(
    "The file cannot be opened as a whole picture: it is damaged, cut short or not a %(formats)s picture. Save the picture again and upload the new file."
)
MARKUP_INSIDE = _(
    "The picture contains web page code (HTML or script), which a picture must not carry. Save it again as a new picture, for example with a screenshot or a photo editor, and upload that file."
)
TOO_MANY_PIXELS = _(
    "The picture has too many pixels (at most %(limit)s). Make it smaller and upload it again."
)


def _format_names(formats):
    return ", ".join(sorted({"WebP" if f == "WEBP" else f for f in formats}))


def _contains_markup(upload):
    upload.seek(0)
    tail = b""
    while chunk := upload.read(CHUNK_BYTES):
        if MARKUP.search(tail + chunk):
            return True
        tail = chunk[-OVERLAP_BYTES:]
    return False


def validate_image_content(upload, *, formats, max_pixels=None):
    """Return the Pillow format (e.g. "PNG") of `upload` if it is a whole picture.

    `formats` are the Pillow formats allowed; `max_pixels` bounds width × height ×
    frames before anything is decoded. Raises ValidationError with code
    "unreadable", "too_many_pixels" or "markup"; the upload is left at its start.
    """
    unreadable = ValidationError(
        UNREADABLE, code="unreadable", params={"formats": _format_names(formats)}
    )
    try:
        upload.seek(0)
        with Image.open(upload, formats=list(formats)) as image:
            found_format = image.format
            pixels = image.width * image.height * getattr(image, "n_frames", 1)
            if max_pixels is not None and pixels > max_pixels:
                raise ValidationError(
                    TOO_MANY_PIXELS,
                    code="too_many_pixels",
                    params={"limit": max_pixels},
                )
            image.verify()
        # verify() leaves the image unusable; decode every frame from a fresh open.
        upload.seek(0)
        with Image.open(upload, formats=[found_format]) as image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            TOO_MANY_PIXELS,
            code="too_many_pixels",
            params={"limit": max_pixels or Image.MAX_IMAGE_PIXELS},
        ) from exc
    except Exception as exc:
        # Pillow reports a malformed file with many exception types (OSError,
        # SyntaxError, ValueError, EOFError, struct.error…): all mean "not whole".
        raise unreadable from exc
    finally:
        upload.seek(0)
    try:
        if _contains_markup(upload):
            raise ValidationError(MARKUP_INSIDE, code="markup")
    finally:
        upload.seek(0)
    return found_format
