from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.models import CoursePage
from courses.permissions import progress_policy
from portal.forms import ScopedMediaModelForm

from .permissions import template_policy


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        error_messages={"required": _("Write the reason; it is kept in the history.")},
    )


class IssueForm(ReasonForm):
    operator = forms.ModelChoiceField(label=_("Operator"), queryset=User.objects.none())
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none()
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["operator"].queryset = (
            progress_policy.operators_visible_to(actor)
            .filter(is_active=True)
            .select_related("region")
            .order_by("region__code", "first_name")
        )
        self.fields["operator"].label_from_instance = lambda u: (
            f"{u.display_name} — {u.region.display_name}"
        )
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.order_fields(["operator", "course", "reason"])


class CertificateTemplateForm(ScopedMediaModelForm):
    """A Diskominfo admin places a template in their own kabupaten only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "kabupaten" in self.fields:
            field = self.fields["kabupaten"]
            kabupaten = template_policy.kabupaten_choices(user, field.queryset)
            if kabupaten is not None:
                field.queryset = kabupaten
                field.required = True
