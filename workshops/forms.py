from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from portal.forms import ScopedMediaModelForm
from regions.models import Region

from .models import TargetGroup
from .permissions import letter_settings_policy


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    venue = forms.CharField(label=_("Venue"), max_length=255)
    start_date = forms.DateField(label=_("First day"), widget=DateInput)
    end_date = forms.DateField(label=_("Last day"), widget=DateInput)
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses"),
        queryset=CoursePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = CoursePage.objects.live().order_by("title")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("start_date")
            and cleaned.get("end_date")
            and cleaned["end_date"] < cleaned["start_date"]
        ):
            raise forms.ValidationError(
                _("The last day is before the first day. Check the dates.")
            )
        return cleaned


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=100, initial="Sesi 1")
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput)
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=1000)
    target_group = forms.ChoiceField(label=_("For"), choices=TargetGroup.choices)


class InviteForm(forms.Form):
    kecamatan = forms.ModelMultipleChoiceField(
        label=_("Every desa of these kecamatan"),
        queryset=Region.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    desa = forms.ModelMultipleChoiceField(
        label=_("Or these desa"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    everyone = forms.BooleanField(
        label=_("Every desa of the kabupaten"), required=False
    )

    def __init__(self, *args, kabupaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.kabupaten = kabupaten
        self.fields["kecamatan"].queryset = Region.objects.filter(
            parent=kabupaten
        ).order_by("code")
        self.fields["desa"].queryset = (
            Region.objects.filter(parent__parent=kabupaten)
            .select_related("parent")
            .order_by("code")
        )
        self.fields["desa"].label_from_instance = lambda r: (
            f"{r.display_name} — {r.parent.display_name}"
        )

    def chosen_desa(self):
        data = self.cleaned_data
        desa = Region.objects.filter(parent__parent=self.kabupaten)
        if data.get("everyone"):
            return list(desa)
        picked = {d.pk for d in data.get("desa") or []}
        chosen = list(desa.filter(parent__in=data.get("kecamatan") or [])) + [
            d for d in desa if d.pk in picked
        ]
        return list({d.pk: d for d in chosen}.values())

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("everyone") or cleaned.get("kecamatan") or cleaned.get("desa")
        ):
            raise forms.ValidationError(
                _("Choose the whole kabupaten, some kecamatan or some desa to invite.")
            )
        return cleaned


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=300)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    desa = forms.ModelChoiceField(label=_("Desa"), queryset=Region.objects.none())
    is_kim = forms.BooleanField(label=_("KIM member"), required=False)

    def __init__(self, *args, kabupaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].queryset = (
            Region.objects.filter(parent__parent=kabupaten)
            .select_related("parent")
            .order_by("code")
        )
        self.fields["desa"].label_from_instance = lambda r: (
            f"{r.display_name} — {r.parent.display_name}"
        )


class LetterSettingsForm(ScopedMediaModelForm):
    """A Diskominfo admin sets up the letters of their own kabupaten only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "kabupaten" in self.fields:
            self.fields[
                "kabupaten"
            ].queryset = letter_settings_policy.kabupaten_choices(user)
