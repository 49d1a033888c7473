"""Error pages speak Indonesian and say what to do next."""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


class TestErrorPages:
    def test_an_unknown_address_answers_in_indonesian(self, client):
        """A mistyped address gets the Indonesian 404 page with a way back."""
        response = client.get("/tidak-ada-halaman-ini/")

        assert response.status_code == 404
        body = response.content.decode()
        assert "Halaman tidak ditemukan" in body
        assert "Kembali ke halaman depan" in body
        assert "Not Found" not in body

    def test_a_forbidden_page_answers_in_indonesian(self, operator):
        """An operator opening the trainers' workshop list reads why, in Indonesian."""
        browser = Client()
        browser.force_login(operator)

        response = browser.get("/lokakarya/")

        assert response.status_code == 403
        body = response.content.decode()
        assert "Akses ditolak" in body
        assert "403 Forbidden" not in body

    def test_an_expired_form_answers_in_indonesian(self):
        """A sign-in form posted without its CSRF token explains how to retry."""
        response = Client(enforce_csrf_checks=True).post(
            "/akun/masuk/", {"username": "siapa", "password": "x"}
        )

        assert response.status_code == 403
        assert "Formulir sudah kedaluwarsa" in response.content.decode()

    def test_a_server_error_answers_in_indonesian(self):
        """The 500 page needs no database or context and stays Indonesian."""
        response = server_error(RequestFactory().get("/"))

        assert response.status_code == 500
        body = response.content.decode()
        assert "Terjadi kesalahan" in body
        assert "Server Error" not in body
