"""Reads for the inbox, the header's count and the trainers' WhatsApp list."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from lms.shared.whatsapp import click_to_chat_url

from .models import Notice, NotificationPreference
from .permissions import notice_policy

UNREAD_CACHE_SECONDS = 60 * 60


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user) -> int:
    """The user's unread notices: one query, then none until it changes."""
    key = unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notice.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def notices_for(user):
    """The user's own notices, newest first."""
    return notice_policy.instances_user_has_permission_for(user, "view").only(
        "pk", "title", "body", "created_at", "read_at", "kind"
    )


def gateway_configured() -> bool:
    return bool(getattr(settings, "NOTIFICATIONS_GATEWAY_BACKEND", None))


@dataclass(frozen=True)
class Channels:
    """What a user chose and what they can choose, besides the inbox."""

    email: bool
    gateway: bool
    email_offered: bool
    gateway_offered: bool


def channels_for(user) -> Channels:
    """The user's channels: saved choices, or the defaults (email on when they
    have an address; SMS / WhatsApp off). A channel that cannot reach them (no
    address, no phone, no gateway) is off whatever they chose."""
    preference = NotificationPreference.objects.filter(user=user).first()
    email_offered = bool(user.email)
    gateway_offered = gateway_configured() and bool(user.phone)
    chose_email = preference.email if preference else True
    chose_gateway = preference.gateway if preference else False
    return Channels(
        email=email_offered and chose_email,
        gateway=gateway_offered and chose_gateway,
        email_offered=email_offered,
        gateway_offered=gateway_offered,
    )


def absolute_url(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def message_text(notice) -> str:
    """What an email, SMS or WhatsApp message says: title, text, the link."""
    return f"{notice.title}\n\n{notice.body}\n\n{absolute_url(notice.url)}"


@dataclass(frozen=True)
class RelayRow:
    notice: Notice
    whatsapp_url: str | None


def notices_to_relay(user):
    """Recent notices of the operators in the user's region, newest first."""
    return (
        notice_policy.instances_user_has_permission_for(user, "relay")
        .select_related("recipient__region")
        .order_by("-created_at", "-pk")
    )


def relay_rows(notices) -> list[RelayRow]:
    return [
        RelayRow(
            notice=notice,
            whatsapp_url=click_to_chat_url(
                phone=notice.recipient.phone, text=message_text(notice)
            ),
        )
        for notice in notices
    ]
