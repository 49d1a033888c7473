"""A domain error a view leaves unhandled reaches the visitor as a message."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.test import RequestFactory

from certificates.services import CertificateError
from lms.middleware import DomainErrorMiddleware


def request_from(referer):
    request = RequestFactory().post("/sertifikat/terbitkan/", HTTP_REFERER=referer)
    request.session = SessionBase()
    request._messages = FallbackStorage(request)
    return request


def test_a_domain_error_goes_back_with_its_sentence():
    """The visitor is sent back to the page they came from and reads why."""
    request = request_from("http://testserver/admin/sertifikat/")
    middleware = DomainErrorMiddleware(lambda request: None)

    response = middleware.process_exception(
        request, CertificateError("Letakkan akun di desa dulu.")
    )

    assert response.status_code == 302
    assert response.url == "http://testserver/admin/sertifikat/"
    assert [str(m) for m in get_messages(request)] == ["Letakkan akun di desa dulu."]


def test_a_referer_on_another_site_is_not_followed():
    """A foreign referer sends the visitor to the front page instead."""
    request = request_from("https://evil.example/")
    response = DomainErrorMiddleware(lambda r: None).process_exception(
        request, CertificateError("x")
    )
    assert response.url == "/"


@pytest.mark.parametrize("error", [ValueError("x"), RuntimeError("x")])
def test_other_errors_stay_server_errors(error):
    """Only domain errors are turned into messages."""
    assert (
        DomainErrorMiddleware(lambda r: None).process_exception(request_from(""), error)
        is None
    )
