from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model


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
