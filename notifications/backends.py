"""SMS / WhatsApp gateways a kabupaten plugs in with `NOTIFICATIONS_GATEWAY_BACKEND`.

A gateway is a class with ``send(*, phone: str, text: str) -> None`` that raises
on failure. The two here are examples to adapt: one writes to the log, the other
POSTs JSON to a provider's HTTP endpoint.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class GatewayError(Exception):
    """The gateway refused or could not be reached; the delivery is marked failed."""


def get_gateway():
    """An instance of the configured gateway, or None when there is none."""
    path = getattr(settings, "NOTIFICATIONS_GATEWAY_BACKEND", None)
    if not path:
        return None
    return import_string(path)()


class ConsoleGateway:
    """Writes each message to the log instead of sending it (development)."""

    def send(self, *, phone: str, text: str) -> None:
        logger.warning("Gateway message to %s:\n%s", phone, text)


class WebhookGateway:
    """POSTs ``{"to": phone, "text": text}`` as JSON to `NOTIFICATIONS_GATEWAY_URL`.

    With `NOTIFICATIONS_GATEWAY_TOKEN` set, it is sent as a bearer token. Any
    answer other than 2xx, or no answer within `NOTIFICATIONS_GATEWAY_TIMEOUT`
    seconds, raises `GatewayError`.
    """

    def send(self, *, phone: str, text: str) -> None:
        url = settings.NOTIFICATIONS_GATEWAY_URL
        if not url.startswith(("https://", "http://")):
            raise GatewayError("NOTIFICATIONS_GATEWAY_URL must be an http(s) URL.")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        token = getattr(settings, "NOTIFICATIONS_GATEWAY_TOKEN", "")
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            url,
            data=json.dumps({"to": phone, "text": text}).encode(),
            headers=headers,
            method="POST",
        )
        timeout = getattr(settings, "NOTIFICATIONS_GATEWAY_TIMEOUT", 10)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                status = response.status
        except OSError as exc:  # URLError, HTTPError and timeouts
            raise GatewayError(f"Gateway request failed: {exc}") from exc
        if not 200 <= status < 300:
            raise GatewayError(f"Gateway answered HTTP {status}.")
