from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import normalize_phone
from .services import login_locked, register_failed_login, reset_failed_logins


class UsernameOrPhoneBackend(ModelBackend):
    """Sign in with the username or an Indonesian phone number in any common form.

    Repeated wrong passwords lock the account (not the address) for a cool-off; every
    sign-in form of the site, the Wagtail admin's included, goes through here.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        username = username.strip()
        if login_locked(username=username):
            return None
        user = user_model._default_manager.filter(username=username).first()
        if user is None:
            phone = normalize_phone(username)
            if phone:
                user = user_model._default_manager.filter(phone=phone).first()
        if user is None:
            # Spend the time a password check takes, so a missing account is not told apart.
            user_model().set_password(password)
            register_failed_login(username=username)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            reset_failed_logins(username=username)
            return user
        register_failed_login(username=username)
        return None
