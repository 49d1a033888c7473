import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


class TestDocumentUploads:
    def _upload(self, client, name, content):
        return client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Uji",
                "file": SimpleUploadedFile(name, content),
                "collection": 1,
            },
        )

    def test_a_real_pdf_is_accepted_and_a_renamed_html_file_is_refused(
        self, client, superuser
    ):
        """A web page renamed .pdf is refused; nothing is stored."""
        client.force_login(superuser)
        refused = self._upload(
            client, "berita.pdf", b"<html><script>alert(1)</script></html>"
        )
        assert refused.status_code == 200
        assert not get_document_model().objects.exists()
        accepted = self._upload(client, "berita.pdf", b"%PDF-1.7\n%%EOF\n")
        assert accepted.status_code == 302
        assert get_document_model().objects.count() == 1

    def test_a_renamed_file_posing_as_word_is_refused(self, client, superuser):
        """A .docx that is not an Office archive is refused."""
        client.force_login(superuser)
        response = self._upload(client, "laporan.docx", b"MZ\x90\x00 not a document")
        assert response.status_code == 200
        assert not get_document_model().objects.exists()


def picture(image_format, frames=1):
    images = [Image.new("RGB", (64, 48), (11 * i, 110, 79)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer, format=image_format, save_all=frames > 1, append_images=images[1:]
    )
    return buffer.getvalue()


class TestImageUploads:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("foto.png", picture("PNG")),
            ("foto.jpg", picture("JPEG")),
            ("foto.webp", picture("WEBP")),
            ("foto.gif", picture("GIF")),
            ("bergerak.gif", picture("GIF", frames=3)),
        ],
    )
    def test_a_whole_picture_is_accepted(self, client, superuser, name, content):
        """Decoding every picture whole refuses no ordinary photo or animation."""
        client.force_login(superuser)

        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Foto",
                "file": SimpleUploadedFile(name, content),
                "collection": 1,
            },
        )

        assert response.status_code == 302
        image = get_image_model().objects.get()
        assert (image.width, image.height) == (64, 48)
