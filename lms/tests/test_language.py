import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


class TestLanguage:
    def test_site_speaks_indonesian_even_to_an_english_browser(self, client):
        """A phone set to English still gets the Indonesian sign-in page."""
        response = client.get("/akun/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response["Content-Language"] == "id"
        assert "Nama pengguna atau nomor telepon" in response.content.decode()

    def test_english_is_available_through_the_switcher(self, client):
        """Choosing English with the language switcher shows English pages."""
        response = client.post(
            "/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"}
        )
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
        page = client.get("/akun/masuk/")
        assert "Username or phone number" in page.content.decode()


class TestSecurityHeaders:
    def test_every_page_carries_a_content_security_policy(self, client):
        """Learner pages allow only the site's own scripts; the admin's login too."""
        page = client.get("/akun/masuk/")
        assert "script-src 'self';" in page["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in page["Content-Security-Policy"]
        assert page["X-Content-Type-Options"] == "nosniff"
        assert page["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
        admin = client.get("/admin/login/")
        assert "object-src 'none'" in admin["Content-Security-Policy"]
