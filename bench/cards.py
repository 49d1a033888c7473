"""Sign-in cards for the hall test (`hall_test.py --cards`, to be wired there).

Two pieces, one for each side of the run:

- `issue_hall_cards` runs in the seed (Django set up): it prints a card for every
  operator, as the trainer would, and returns each operator's card path. Only the
  SHA-256 digest is stored, so the plan is the one place the tokens exist.
- `card_login` runs in the Locust client: GET the card page (200; sets the CSRF
  cookie; uses nothing up), then POST it with the CSRF token (302 to
  /kursus/saya/, with a session cookie). No password hash runs on the server.

A card works once: a POST whose answer was lost may have used it, and its retry then
gets 410 with no session. `card_login` then signs in with the password instead,
as the page tells an operator to.
"""

import datetime


def issue_hall_cards(*, trainer, operators, workshop):
    """{username: card path} for the hall's operators, valid for six hours."""
    # Imported here: this module is also imported by Locust, without Django.
    from django.urls import reverse
    from django.utils import timezone

    from accounts.services import issue_sign_in_cards

    cards = issue_sign_in_cards(
        actor=trainer,
        users=operators,
        valid_until=timezone.now() + datetime.timedelta(hours=6),
        workshop_id=workshop.pk,
    )
    return {
        card.user.username: reverse("accounts:sign_in_card", args=[card.token])
        for card in cards
    }


def card_login(client, path, *, password_login=None):
    """Sign a Locust `Client` (see locustfile.py) in with its card: GET, then POST.

    `client.call` raises on any status outside `expect`; a 410 on the POST (the card
    was used by an earlier try whose answer was lost) falls back to `password_login`.
    """
    client.call("GET", path, "card page", (200,))
    response = client.call(
        "POST",
        path,
        "card sign-in",
        (302, 410),
        data={"csrfmiddlewaretoken": client.csrf()},
    )
    if response.status_code == 410:
        if password_login is None:
            raise RuntimeError("card sign-in: the card was already used")
        password_login()
        return
    if not client.client.cookies.get("sessionid"):
        raise RuntimeError("card sign-in: no session cookie")
