"""Forms of the consultation desk: ask a question, write in a thread."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HelpRequest
from .services import MAX_BODY_LENGTH, DeskError, check_screenshot


class MessageForm(forms.Form):
    """A message in a thread, with an optional screenshot (checked by its content)."""

    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your message before sending it."),
            "max_length": _(
                "The message is longer than %(limit_value)d characters. Shorten it or send it in two parts."
            ),
        },
    )
    screenshot = forms.FileField(
        label=_("Screenshot (optional)"),
        required=False,
        widget=forms.FileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
        help_text=_(
            "A picture of the screen helps the trainer see the problem. PNG, JPEG, WebP or GIF, at most 2 MB."
        ),
    )

    def clean_screenshot(self):
        upload = self.cleaned_data.get("screenshot")
        if not upload:
            return None
        try:
            check_screenshot(upload=upload)
        except DeskError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class HelpRequestForm(MessageForm):
    """A new question from a desa."""

    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("Choose a topic")), *HelpRequest.Topic.choices],
        error_messages={
            "required": _("Choose a topic from the list."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("In a few words, e.g. “Photo does not appear in the news”."),
        error_messages={
            "required": _("Write a short subject for your question."),
            "max_length": _(
                "The subject is longer than %(limit_value)d characters. Shorten it and put the details in the message."
            ),
        },
    )

    field_order = ["topic", "subject", "body", "screenshot"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your question")
        self.fields["body"].help_text = _(
            "What did you try, and what happened? Write the page or menu you were on."
        )
