"""`make run HOST=…` prints the address the site really serves on."""

import pytest

from lms.management.commands.load_demo import site_address


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("127.0.0.1:8000", "127.0.0.1:8000"),
        ("0.0.0.0:8080", "127.0.0.1:8080"),
        ("192.168.1.20:8000", "192.168.1.20:8000"),
        ("9000", "127.0.0.1:9000"),
        ("literasi.local", "literasi.local:8000"),
    ],
)
def test_the_printed_address_follows_host(host, shown):
    """Links printed after the demo loads point where runserver listens."""
    assert site_address(host) == shown
