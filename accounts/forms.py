from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .models import User, normalize_phone
from .permissions import operator_policy
from .services import request_name_change

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


# Phone keyboards must not capitalise, correct or spell-check a username.
PHONE_KEYBOARD_USERNAME = {
    "autocapitalize": "none",
    "autocorrect": "off",
    "spellcheck": "false",
    "autocomplete": "username",
}
PHONE_KEYBOARD_PASSWORD = {
    "autocapitalize": "none",
    "autocorrect": "off",
    "spellcheck": "false",
    "autocomplete": "current-password",
}
INVALID_LOGIN = _(
    "The username/phone number or the password is wrong. Check both and try again. "
    "After 5 wrong tries, sign-in waits 15 minutes on a phone that has not signed in "
    "to this account before. If you forgot your password, ask your kecamatan admin or "
    "Diskominfo for a new one."
)


class LoginForm(AuthenticationForm):
    """Username (any letter case) or phone number, and password.

    A wrong password, an unknown account, a locked account and a deactivated one all
    get the same answer, until the password is right and the account may sign in.
    """

    username = forms.CharField(
        label=_("Username or phone number"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "text", **PHONE_KEYBOARD_USERNAME}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs=PHONE_KEYBOARD_PASSWORD),
    )
    remember = forms.BooleanField(
        label=_("Remember this phone"),
        required=False,
        help_text=_(
            "Desa operators on their own phone only: stay signed in for %(days)s days. "
            "Leave it empty on a shared computer; then you are signed out when the "
            "browser closes."
        ),
    )
    error_messages = {
        "invalid_login": INVALID_LOGIN,
        # Only reached when the password is right and the backend let the account in.
        "inactive": INVALID_LOGIN,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remember"].help_text %= {
            "days": settings.SESSION_OPERATOR_REMEMBER_DAYS
        }


class AdminLoginForm(WagtailLoginForm):
    """The Wagtail admin's sign-in: the same keyboard hints; sessions end with the
    browser (the long session is for operators' phones only)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("remember", None)
        self.fields["username"].widget.attrs.update(PHONE_KEYBOARD_USERNAME)
        self.fields["password"].widget.attrs.update(PHONE_KEYBOARD_PASSWORD)


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
