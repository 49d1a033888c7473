"""Wagtail's user screens (superusers only) with the fields this project adds:
role, region, phone, KIM. Admins of a region use the narrow operator screens instead."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from regions.models import Region

from .models import User, normalize_phone
from .services import assign_role_groups

EXTRA_FIELDS = ["role", "region", "phone", "is_kim"]


class RoleFieldsMixin(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *User.Role.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.filter(level__lte=Region.Level.DESA).order_by("code"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "19.06.02.2003"}),
        to_field_name="code",
        help_text=_(
            "The region code: a desa for operators, a kecamatan or kabupaten for "
            "admins; empty for the national course team."
        ),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    is_kim = forms.BooleanField(label=_("KIM member"), required=False)

    def _clean_username(self):
        """Spaces trimmed; refused when another account has it in any letter case."""
        if "username" not in self.cleaned_data:
            return None
        username = (self.cleaned_data["username"] or "").strip()
        self.cleaned_data["username"] = username
        others = User.objects.with_username(username)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        holder = others.first()
        if holder is not None:
            self.add_error(
                "username",
                forms.ValidationError(
                    _(
                        "The username “%(username)s” is already taken as "
                        "“%(existing)s”: letter case does not count. Choose another "
                        "username."
                    )
                    % {"username": username, "existing": holder.username},
                    code="duplicate_username",
                ),
            )
        return username

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return None
        phone = normalize_phone(raw)
        if phone is None:
            raise forms.ValidationError(
                _("Enter an Indonesian phone number, for example 0812 3456 7890.")
            )
        others = User.objects.filter(phone=phone)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("This phone number is already used by another account.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        role, region = cleaned.get("role"), cleaned.get("region")
        if role:
            expected = User.ROLE_LEVELS[role]
            if expected is None:
                if region is not None:
                    self.add_error(
                        "region", _("Leave the region empty for this national role.")
                    )
            elif region is None or region.level != expected:
                self.add_error(
                    "region",
                    _("Choose a %(level)s for this role.")
                    % {"level": Region.Level(expected).label},
                )
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            assign_role_groups(user=user)
        return user


class ProjectUserCreationForm(RoleFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(EXTRA_FIELDS)


class ProjectUserEditForm(RoleFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(EXTRA_FIELDS)


class UserViewSet(WagtailUserViewSet):
    template_prefix = "accounts/wagtailusers/"

    def get_form_class(self, for_update=False):
        return ProjectUserEditForm if for_update else ProjectUserCreationForm
