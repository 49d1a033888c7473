from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    """The channels besides the inbox; a channel that cannot reach the user is
    left out of the form."""

    email = forms.BooleanField(label=_("By email"), required=False)
    gateway = forms.BooleanField(label=_("By SMS / WhatsApp message"), required=False)

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.channels = channels
        if not channels.email_offered:
            del self.fields["email"]
        if not channels.gateway_offered:
            del self.fields["gateway"]
