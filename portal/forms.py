"""Admin forms that accept only the images and documents their user may choose.

Wagtail's choosers list only the collections a user may choose from, but a form
accepts any id that is posted: an operator could put the Diskominfo signature or
another desa's photo on a page by typing its id. Every page and snippet form that
refers to images or documents checks each newly referred one against the user's
`choose` permission, in foreign keys, inline child forms (photos), rich text and
StreamField blocks alike. References the object already held are left alone, so a
moderator's image on a page does not stop an operator from fixing a typo.
"""

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
