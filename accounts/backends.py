from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from lms.shared.ratelimit import client_bucket

from .models import normalize_phone
from .services import LoginAttempt, check_password_guarded, device_nonce


def find_account(identifier):
    """The account a typed username (any case) or phone number (any form) names."""
    user_model = get_user_model()
    user = user_model._default_manager.with_username(identifier).first()
    if user is None:
        phone = normalize_phone(identifier)
        if phone:
            user = user_model._default_manager.filter(phone=phone).first()
    return user


def device_cookie(request):
    from django.conf import settings

    if request is None:
        return None
    return getattr(request, "COOKIES", {}).get(settings.LOGIN_DEVICE_COOKIE_NAME)


class UsernameOrPhoneBackend(ModelBackend):
    """Sign in with the username (any letter case) or an Indonesian phone number in
    any common form.

    Every sign-in form of the site, the Wagtail admin's included, goes through here.
    Failures are counted per account before the password is checked (see
    `accounts.services.check_password_guarded`); a locked, deactivated or unknown
    account and a wrong password all look the same: `None`.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        identifier = username.strip()
        if not identifier:
            return None
        user = find_account(identifier)
        attempt = LoginAttempt(
            account_id=user.pk if user else None,
            identifier=identifier,
            device=(
                device_nonce(cookie=device_cookie(request), user_id=user.pk)
                if user
                else None
            ),
            address=client_bucket(request) if request is not None else None,
        )

        def may_sign_in():
            if user is None:
                # Spend the time a password check takes: a missing account is not
                # told apart from a wrong password.
                user_model().set_password(password)
                return False
            return user.check_password(password) and self.user_can_authenticate(user)

        if check_password_guarded(attempt=attempt, check=may_sign_in):
            return user
        return None
