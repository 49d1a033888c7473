"""Admin forms that accept only the images and documents their user may choose.

Wagtail's choosers list only the collections a user may choose from, but a form
accepts any id that is posted: an operator could put the Diskominfo signature or
another desa's photo on a page by typing its id. Every page and snippet form that
refers to images or documents checks each newly referred one against the user's
`choose` permission, in foreign keys, inline child forms (photos), rich text and
StreamField blocks alike. References the object already held are left alone, so a
moderator's image on a page does not stop an operator from fixing a typo.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

NOT_YOURS = {
    "image": _(
        "You may not use this image: it belongs to a collection you cannot choose from. Choose or upload an image of your own desa."
    ),
    "document": _(
        "You may not use this document: it belongs to a collection you cannot choose from. Choose or upload a document of your own."
    ),
}


def _kind(model):
    if model is None:
        return None
    if issubclass(model, get_image_model()):
        return "image"
    if issubclass(model, get_document_model()):
        return "document"
    return None


def _references(form, instance, data):
    """Yield (field name, kind, id) for each image or document the values refer to."""
    for field in form._meta.model._meta.get_fields():
        if field.name not in data:
            continue
        value = data[field.name]
        if getattr(field, "many_to_one", False):
            kind = _kind(field.related_model)
            if kind and value is not None:
                yield field.name, kind, str(getattr(value, "pk", value))
        elif hasattr(field, "extract_references") and value is not None:
            for model, object_id, *_rest in field.extract_references(value):
                kind = _kind(model)
                if kind:
                    yield field.name, kind, str(object_id)


def _held(form):
    """The (kind, id) pairs the object held before this form's changes."""
    instance = form.instance
    if instance is None or instance.pk is None:
        return set()
    held = set()
    for field in form._meta.model._meta.get_fields():
        if field.name not in form.fields:
            continue
        if getattr(field, "many_to_one", False):
            kind = _kind(field.related_model)
            value = getattr(instance, field.attname, None)
            if kind and value is not None:
                held.add((kind, str(value)))
        elif hasattr(field, "extract_references"):
            value = field.value_from_object(instance)
            if value:
                for model, object_id, *_rest in field.extract_references(value):
                    kind = _kind(model)
                    if kind:
                        held.add((kind, str(object_id)))
    return held


def _choosable(user, kind):
    model = get_image_model() if kind == "image" else get_document_model()
    policy = policy_registry.get_by_type(model)
    return {
        str(pk)
        for pk in policy.instances_user_has_any_permission_for(
            user, ["choose"]
        ).values_list("pk", flat=True)
    }


class ScopedMediaFormMixin:
    """Refuse images and documents outside the collections `for_user` may choose."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation writes the posted values onto the instances, so what they
        # held is noted now.
        self._held_media = {id(form): _held(form) for form in self._all_forms()}

    def _all_forms(self):
        forms = [self]
        for formset in getattr(self, "formsets", {}).values():
            forms.extend(formset.forms)
        return forms

    def is_valid(self):
        valid = super().is_valid()
        return self._check_media() and valid

    def _check_media(self):
        user = getattr(self, "for_user", None)
        if user is None:
            return True
        choosable = {}
        ok = True
        told = set()
        for form in self._all_forms():
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            held = self._held_media.get(id(form), set())
            for name, kind, object_id in _references(form, form.instance, data):
                if (kind, object_id) in held:
                    continue
                if kind not in choosable:
                    choosable[kind] = _choosable(user, kind)
                if object_id not in choosable[kind]:
                    form.add_error(
                        name if name in form.fields else None, NOT_YOURS[kind]
                    )
                    if form is not self and kind not in told:
                        self.add_error(None, NOT_YOURS[kind])
                    told.add(kind)
                    ok = False
        return ok


class ScopedMediaPageForm(ScopedMediaFormMixin, WagtailAdminPageForm):
    """The base form of every page type."""


class ScopedMediaModelForm(ScopedMediaFormMixin, WagtailAdminModelForm):
    """The base form of snippets and other admin models that refer to media."""


# Meja Tulis ------------------------------------------------------------------------
# Plain forms for operators' phones: no JavaScript, one column, the text in the
# small markup of `portal.markup`.

MARKUP_HELP = _(
    "A blank line starts a new paragraph. **bold** makes text bold. Lines starting "
    "with “- ” make a list, “1. ” a numbered list. [text](https://…) makes a link."
)


class PhotoInput(forms.ClearableFileInput):
    """A file input that opens the phone's camera, and offers the gallery too."""

    def __init__(self, attrs=None):
        super().__init__(
            {"accept": "image/*", "capture": "environment", **(attrs or {})}
        )


class MejaForm(forms.Form):
    """What every Meja Tulis page has: its text and a photo to add."""

    text_required = True

    text = forms.CharField(
        label=_("Text"),
        help_text=MARKUP_HELP,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    photo = forms.FileField(label=_("Add a photo"), required=False, widget=PhotoInput)
    caption = forms.CharField(label=_("Photo caption"), max_length=255, required=False)
    remove_photos = forms.MultipleChoiceField(
        label=_("Remove photos"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, photos=(), with_token=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_token:
            # Names the page this form creates, so a second post finds the first.
            self.fields["token"] = forms.UUIDField(widget=forms.HiddenInput)
        self.fields["text"].required = self.text_required
        self.fields["remove_photos"].choices = [
            (str(image.pk), image.title) for image in photos
        ]

    def values(self):
        """The cleaned page values, without the photo fields."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("photo", "caption", "remove_photos", "token")
        }


def _date_field(label):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class NewsForm(MejaForm):
    title = forms.CharField(label=_("Title"), max_length=255)
    date = _date_field(_("Date"))
    intro = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences shown in lists of news."),
    )
    field_order = ["title", "date", "intro", "text", "photo", "caption"]


class PotensiForm(MejaForm):
    title = forms.CharField(label=_("Title"), max_length=255)
    category = forms.ChoiceField(label=_("Category"), widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    field_order = ["title", "category", "summary", "text", "photo", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Imported here: portal.models imports this module.
        from .models import PotensiPage

        self.fields["category"].choices = PotensiPage.Category.choices


class ProgressForm(MejaForm):
    text_required = False

    title = forms.CharField(label=_("Title"), max_length=255)
    activity = forms.CharField(label=_("Activity"), max_length=255)
    location = forms.CharField(label=_("Location"), max_length=255)
    budget = forms.DecimalField(
        label=_("Budget (Rp)"),
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
    )
    funding_source = forms.CharField(
        label=_("Funding source"),
        max_length=100,
        required=False,
        help_text=_("e.g. Dana Desa 2026"),
    )
    progress_percent = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, initial=0
    )
    date = _date_field(_("Report date"))
    field_order = [
        "title",
        "activity",
        "location",
        "budget",
        "funding_source",
        "progress_percent",
        "date",
        "text",
        "photo",
        "caption",
    ]


class DesaProfileForm(MejaForm):
    text_required = False

    head_name = forms.CharField(
        label=_("Name of the village head"), max_length=255, required=False
    )
    address = forms.CharField(label=_("Office address"), max_length=255, required=False)
    contact = forms.CharField(
        label=_("Contact (phone or email)"), max_length=255, required=False
    )
    field_order = ["text", "head_name", "address", "contact", "photo", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Desa profile")


MEJA_FORMS = {
    "berita": NewsForm,
    "potensi": PotensiForm,
    "progres": ProgressForm,
    "desa": DesaProfileForm,
}
