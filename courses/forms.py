"""Forms of the course pages (admin) and of trainers' course screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import ScopedMediaPageForm


class CoursePageForm(ScopedMediaPageForm):
    """The course editor: only the national course team chooses who owns a course.

    A Diskominfo admin's courses belong to their kabupaten, so they can neither
    make a course shared (national) nor hand it to another kabupaten.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        # Imported here: courses.permissions imports the models, which import this form.
        from .permissions import course_writing_policy

        field = self.fields.get("owner_kabupaten")
        if field is None or course_writing_policy.user_can_share(for_user):
            return
        field.disabled = True
        if self.instance.pk is None:
            self.initial["owner_kabupaten"] = course_writing_policy.kabupaten_of(
                for_user
            )


class ExtraAttemptForm(forms.Form):
    """Why an operator gets one more attempt at a quiz (they read it)."""

    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The operator reads this on the quiz page."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _(
                "Write why the operator gets another attempt; they read it on the "
                "quiz page."
            ),
        },
    )
