"""Rate limits count each client, also behind the reverse proxy."""

import importlib

import pytest
from django.test import RequestFactory

import lms.settings.base
from lms.shared.ratelimit import client_address

CHECK = "/sertifikat/cek/"
PROXY = "10.0.0.1"  # the nginx in front of gunicorn
UNKNOWN_CODE = {"kode": "ACDEFGHJKM"}

pytestmark = pytest.mark.django_db


def check(client, forwarded_for=None, remote=PROXY):
    """One certificate check by code, as the app server receives it."""
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.get(CHECK, UNKNOWN_CODE, **extra)


def address_of(forwarded_for, remote=PROXY):
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for
    )
    return client_address(request)


class TestBehindOneProxy:
    @pytest.fixture(autouse=True)
    def _one_proxy(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1

    def test_two_visitors_behind_the_proxy_have_their_own_limit(self, client):
        """One visitor using up the checks does not block another one."""
        for _ in range(10):
            assert check(client, "203.0.113.5").status_code == 404
        assert check(client, "203.0.113.5").status_code == 429

        assert check(client, "198.51.100.7").status_code == 404

    def test_a_spoofed_left_most_entry_does_not_escape_the_limit(self, client):
        """A made-up address sent by the visitor is ignored; the proxy's entry counts."""
        for n in range(10):
            assert check(client, f"192.0.2.{n}, 203.0.113.5").status_code == 404

        assert check(client, "192.0.2.99, 203.0.113.5").status_code == 429
        assert check(client, "203.0.113.5").status_code == 429

    def test_the_right_most_entry_is_the_client(self):
        """The proxy appends the address it saw; that is the client."""
        assert address_of("192.0.2.1, 203.0.113.5") == "203.0.113.5"

    def test_without_the_header_the_connection_counts(self):
        """A request that did not pass the proxy is counted by its own address."""
        request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
        assert client_address(request) == "203.0.113.9"

    def test_an_ipv6_visitor_cannot_hop_addresses_within_their_network(self, client):
        """The addresses of one IPv6 /64 share one limit."""
        for n in range(10):
            assert check(client, f"2001:db8:1:2::{n + 1:x}").status_code == 404

        assert check(client, "2001:db8:1:2::ffff").status_code == 429
        assert check(client, "2001:db8:1:3::1").status_code == 404


class TestBehindTwoProxies:
    def test_the_second_entry_from_the_right_is_the_client(self, settings):
        """With a load balancer and nginx, the balancer's entry is the client."""
        settings.TRUSTED_PROXY_COUNT = 2
        assert address_of("192.0.2.1, 203.0.113.5, 10.0.0.2") == "203.0.113.5"
        assert address_of("203.0.113.5") == "203.0.113.5"


class TestWithoutProxy:
    def test_the_forwarded_header_is_ignored(self, client, settings):
        """Without trusted proxies, a visitor cannot dodge the limit with the header."""
        settings.TRUSTED_PROXY_COUNT = 0
        for n in range(10):
            assert (
                check(client, f"192.0.2.{n}", remote="203.0.113.5").status_code == 404
            )

        assert check(client, "198.51.100.7", remote="203.0.113.5").status_code == 429
        assert check(client, remote="198.51.100.7").status_code == 404


class TestSetting:
    @pytest.fixture
    def base_settings(self, monkeypatch):
        def load(**environment):
            for name, value in environment.items():
                monkeypatch.setenv(name, value)
            return importlib.reload(lms.settings.base)

        yield load
        monkeypatch.undo()
        importlib.reload(lms.settings.base)

    def test_the_proxy_count_comes_from_the_environment(self, base_settings):
        """DJANGO_TRUSTED_PROXY_COUNT sets it; without it no proxy is trusted."""
        assert base_settings(DJANGO_TRUSTED_PROXY_COUNT="1").TRUSTED_PROXY_COUNT == 1

    def test_no_proxy_is_trusted_by_default(self, base_settings, monkeypatch):
        """Left unset, X-Forwarded-For is never believed."""
        monkeypatch.delenv("DJANGO_TRUSTED_PROXY_COUNT", raising=False)
        assert base_settings().TRUSTED_PROXY_COUNT == 0
