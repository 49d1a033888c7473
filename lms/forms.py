"""Forms every app shares: the Wagtail document and image forms that check uploads
by content."""

import io
import zipfile

from django import forms
from django.conf import settings
from django.forms.fields import FileField
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import ImageFileExtensionValidator, WagtailImageField
from wagtail.images.forms import BaseImageForm

from .shared.validators import IMAGE_FORMATS, validate_image_content

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
OOXML = {"docx", "xlsx", "pptx"}
ODF = {"odt", "ods"}
TEXT = {"txt", "csv"}


def _content_matches(extension, head, upload):
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in OOXML | ODF:
        if not head.startswith(b"PK\x03\x04"):
            return False
        upload.seek(0)
        try:
            with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return False
        return (
            "[Content_Types].xml" in names
            if extension in OOXML
            else "mimetype" in names
        )
    if extension in TEXT:
        upload.seek(0)
        sample = upload.read(64 * 1024)
        if b"\x00" in sample:
            return False
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError:
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
        return True
    return False


class DocumentForm(BaseDocumentForm):
    """Documents must be what their name says: a PDF, an office file or plain text."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        if upload.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Upload a smaller file.")
            )
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        upload.seek(0)
        head = upload.read(8)
        ok = _content_matches(extension, head, upload)
        upload.seek(0)
        if not ok:
            raise forms.ValidationError(
                _(
                    "The file's content is not a %(kind)s file. Upload the real document, saved in its own format."
                )
                % {"kind": extension.upper() or _("known")}
            )
        return upload


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, refusing a picture Pillow cannot decode whole or one
    carrying web-page markup, before Wagtail reads it (which failed with a 500)."""

    def to_python(self, data):
        upload = FileField.to_python(self, data)
        if upload is not None:
            ImageFileExtensionValidator(upload)
            formats = {
                IMAGE_FORMATS[extension]
                for extension in settings.WAGTAILIMAGES_EXTENSIONS
                if extension in IMAGE_FORMATS
            }
            validate_image_content(
                upload, formats=formats, max_pixels=self.max_image_pixels
            )
        return super().to_python(data)


class ImageForm(BaseImageForm):
    """Images must decode whole and carry no markup (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = DecodedImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
            )
