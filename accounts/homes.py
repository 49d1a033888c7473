"""Where each role lands after signing in when no page was asked for.

`accounts` sits below the apps that own these pages, so it names them only by URL
name, from the `ACCOUNTS_ROLE_HOMES` setting.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def home_url_for(user) -> str:
    """The role's own home: Kursus saya, the trainer's workshops, readiness, the admin."""
    homes = settings.ACCOUNTS_ROLE_HOMES
    name = homes.get("superuser") if user.is_superuser else homes.get(user.role)
    if not name:
        return settings.LOGIN_REDIRECT_URL
    try:
        return reverse(name)
    except NoReverseMatch:
        return settings.LOGIN_REDIRECT_URL
