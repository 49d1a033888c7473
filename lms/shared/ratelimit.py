"""Rate limits, and the address of the client behind trusted reverse proxies."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The address of the client that sent the request.

    Each reverse proxy in front of the site appends the address it was connected
    from to `X-Forwarded-For`. Behind `TRUSTED_PROXY_COUNT` proxies, the entry that
    many places from the right was written by the outermost trusted proxy: it is the
    client. Entries further left were sent by the client and can say anything. With
    no trusted proxies the header is ignored and the connection's address is used.
    """
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than proxies: every entry was written by a trusted proxy, and
    # the left-most is the nearest to the client.
    return forwarded[max(len(forwarded) - proxies, 0)]


def count_attempt(key, *, seconds):
    """Count one attempt under `key`; the count restarts `seconds` after the first."""
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def _client_bucket(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        # One IPv6 subscriber holds a whole /64: counting single addresses would let
        # them take a fresh one for every attempt.
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_bucket(request):
    """The address (an IPv6 subscriber's /64) that counts as one client."""
    return _client_bucket(client_address(request))


def client_rate_limited(request, *, scope, limit, seconds=60):
    """Count an attempt by this client; True once it made more than `limit`.

    Each client has its own count, so one visitor who hammers a form is slowed
    down alone and never blocks everyone else.
    """
    bucket = hashlib.sha256(_client_bucket(client_address(request)).encode())
    key = f"ratelimit:{scope}:{bucket.hexdigest()[:32]}"
    return count_attempt(key, seconds=seconds) > limit
