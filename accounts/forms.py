from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NameEmailForm

from .models import User, normalize_phone
from .permissions import operator_policy
from .services import login_locked, request_name_change

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


class LoginForm(AuthenticationForm):
    """Username or phone number, and password."""

    username = forms.CharField(
        label=_("Username or phone number"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "text"}
        ),
    )
    error_messages = {
        "invalid_login": _(
            "The username/phone number or the password is wrong. Check both and try again; "
            "if you forgot your password, ask your kecamatan admin or Diskominfo for a new one."
        ),
        "inactive": _(
            "This account has been deactivated. Ask Diskominfo to activate it."
        ),
        "locked": _(
            "This account is locked for 15 minutes after too many wrong passwords. "
            "Wait, then try again; if you forgot the password, ask your kecamatan admin "
            "or Diskominfo for a new one."
        ),
    }

    @staticmethod
    def _inactive_account(username, password):
        """A deactivated account, only when the right password was given."""
        if not username or not password:
            return None
        phone = normalize_phone(username)
        user = User.objects.filter(username=username.strip()).first() or (
            User.objects.filter(phone=phone).first() if phone else None
        )
        if user is not None and not user.is_active and user.check_password(password):
            return user
        return None

    def clean(self):
        username = self.cleaned_data.get("username")
        try:
            return super().clean()
        except forms.ValidationError:
            inactive = self._inactive_account(
                username, self.cleaned_data.get("password")
            )
            if inactive:
                raise forms.ValidationError(
                    self.error_messages["inactive"], code="inactive"
                ) from None
            if username and login_locked(username=username):
                raise forms.ValidationError(
                    self.error_messages["locked"], code="locked"
                ) from None
            raise


class OwnPasswordForm(forms.Form):
    """Set one's own password after signing in with a one-time password."""

    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits; not like your name."),
    )
    new_password2 = forms.CharField(
        label=_("Repeat the new password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("new_password1"), cleaned.get("new_password2")
        if one and two and one != two:
            raise forms.ValidationError(
                _("The two passwords are not the same. Type the same password twice.")
            )
        if one:
            if self.user.check_password(one):
                raise forms.ValidationError(
                    _(
                        "Choose a new password, not the one-time password you were given."
                    )
                )
            password_validation.validate_password(one, self.user)
        return cleaned


class OperatorForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=300)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        help_text=_("For signing in, e.g. 0812 3456 7890."),
    )
    # The database column is shorter than the 320 characters an address may have.
    email = forms.EmailField(
        label=_("Email"), max_length=EMAIL_MAX_LENGTH, required=False
    )
    desa = forms.ModelChoiceField(label=_("Desa"), queryset=None)
    is_kim = forms.BooleanField(label=_("KIM member"), required=False)

    def __init__(self, *args, actor, operator=None, **kwargs):
        self.operator = operator
        super().__init__(*args, **kwargs)
        self.fields["desa"].queryset = operator_policy.desa_for(actor).select_related(
            "parent"
        )
        self.fields["desa"].label_from_instance = lambda r: (
            f"{r.display_name} — {r.parent.display_name} ({r.code})"
        )

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return None
        phone = normalize_phone(raw)
        if phone is None:
            raise forms.ValidationError(
                _("Enter an Indonesian phone number, for example 0812 3456 7890.")
            )
        others = User.objects.filter(phone=phone)
        if self.operator is not None:
            others = others.exclude(pk=self.operator.pk)
        if others.exists():
            raise forms.ValidationError(
                _("This phone number is already used by another account.")
            )
        return phone


class OperatorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: nama, telepon, email (optional), kode_desa, kim (ya/tidak). UTF-8."
        ),
    )


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        required=False,
        help_text=_("e.g. left after the village election"),
    )


class NameChangeRequestForm(forms.Form):
    """An operator asks for another name on their account and certificates."""

    name = forms.CharField(
        label=_("New full name"),
        max_length=150,
        help_text=_(
            "As it should be printed on your certificates, e.g. as on your KTP. "
            "Your kecamatan admin or Diskominfo checks it first."
        ),
    )

    def __init__(self, *args, operator, **kwargs):
        self.operator = operator
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if name == " ".join(self.operator.get_full_name().split()):
            raise forms.ValidationError(
                _("This is already the name on your account. Write the new name.")
            )
        return name

    def save(self):
        return request_name_change(
            operator=self.operator, name=self.cleaned_data["name"]
        )


class NameChangeDecisionForm(forms.Form):
    """An admin approves or rejects an operator's request for another name."""

    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        required=False,
        help_text=_(
            "Required to reject; the operator reads it. "
            "For example: the name does not match the KTP."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("reason"):
            self.add_error(
                "reason", _("Write why the request is rejected; the operator reads it.")
            )
        return cleaned


class AccountNameEmailForm(NameEmailForm):
    """Wagtail's name and email settings. An operator's name is printed on their
    certificates, so here it is shown, not edited: they ask for a change instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Many Indonesians have a single name.
        self.fields["last_name"].required = False
        if self.instance.is_operator:
            for field in ("first_name", "last_name"):
                self.fields[field].disabled = True
                self.fields[field].required = False
            self.fields["first_name"].help_text = _(
                "Printed on your certificates. To change it, ask for a change of name."
            )
            if "email" in self.fields:
                # Operators are registered without an email as often as with one.
                self.fields["email"].required = False


class OwnEmailForm(forms.Form):
    """A signed-in user's own email address, which may stay empty."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=False,
        help_text=_("Leave it empty if you have none."),
    )
