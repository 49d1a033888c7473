"""Reads for accounts: the sign-in card a printed QR code leads to."""

import hashlib

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.shared.errors import DomainError

from .models import SignInCard


class SignInCardError(DomainError, ValueError):
    """The card cannot sign anyone in; the message tells the operator what to do."""


def sign_in_card_digest(token: str) -> str:
    """The SHA-256 digest a card's token is stored as."""
    return hashlib.sha256(token.encode()).hexdigest()


def usable_sign_in_card(*, token: str, now=None) -> SignInCard:
    """The card of `token`, with its user, if it can sign them in now (one query).

    Reading it changes nothing: the page a QR code opens shows whose card it is
    without using it up, so link previews cannot burn a card.
    """
    now = now or timezone.now()
    card = (
        SignInCard.objects.select_related("user", "user__region")
        .filter(token_digest=sign_in_card_digest(token))
        .first()
        if token and len(token) <= 100
        else None
    )
    if card is None or not card.user.is_active:
        # A deactivated account's card reads as unknown: it tells nobody anything.
        raise SignInCardError(
            _(
                "This sign-in card is not valid. Sign in with your username and "
                "password, or ask your trainer (pendamping) for a new card."
            )
        )
    if card.used_at is not None:
        raise SignInCardError(
            _(
                "This sign-in card was already used on %(when)s, and works only once. "
                "Sign in with your username and password, or ask your trainer "
                "(pendamping) for a new card."
            )
            % {"when": date_format(timezone.localtime(card.used_at), "j F Y H:i")}
        )
    if card.replaced_at is not None:
        raise SignInCardError(
            _(
                "This sign-in card was replaced by a newer card. Use the newest card, "
                "or sign in with your username and password."
            )
        )
    if card.expires_at <= now:
        raise SignInCardError(
            _(
                "This sign-in card expired on %(when)s. Sign in with your username and "
                "password, or ask your trainer (pendamping) for a new card."
            )
            % {"when": date_format(timezone.localtime(card.expires_at), "j F Y H:i")}
        )
    return card
