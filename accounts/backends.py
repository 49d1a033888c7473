from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import normalize_phone


class UsernameOrPhoneBackend(ModelBackend):
    """Sign in with the username or an Indonesian phone number in any common form."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        username = username.strip()
        user = user_model._default_manager.filter(username=username).first()
        if user is None:
            phone = normalize_phone(username)
            if phone:
                user = user_model._default_manager.filter(phone=phone).first()
        if user is None:
            # Spend the time a password check takes, so a missing account is not told apart.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
