"""Meja Tulis: operators write, submit and publish their desa's pages on the site.

Thin views: the reads are `portal.selectors.meja_*`, the writes `portal.meja`. Every
address with a page id answers 404 unless the page is the operator's own desa page
or one under it.
"""

import functools
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.images import get_image_model

from .forms import MEJA_FORMS
from .markup import to_markup
from .meja import (
    DRAFT,
    PUBLISH,
    SUBMIT,
    TEXT_FIELDS,
    MejaError,
    can_delete_draft,
    create_page,
    delete_draft,
    unpublish_page,
    update_page,
    withdraw_from_moderation,
)
from .meja import PLAIN_FIELDS as FIELDS
from .permissions import desa_publishing_policy
from .selectors import (
    MEJA_KINDS,
    MejaState,
    meja_desa_page,
    meja_entries,
    meja_entry,
)

PREVIEW = "preview"
DONE = {
    DRAFT: _("The draft is saved."),
    SUBMIT: _(
        "The page is sent to your kecamatan's moderators. Their answer appears here in Meja Tulis."
    ),
    PUBLISH: _("The page is published."),
}


def meja_view(view):
    """Let in operators who write on their desa; staff go to the Wagtail admin."""

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        desa_page = meja_desa_page(request.user)
        if desa_page is None:
            if desa_publishing_policy.offers_meja(request.user):
                return render(request, "portal/meja/no_portal.html", status=403)
            if request.user.has_perm("wagtailadmin.access_admin"):
                messages.info(
                    request,
                    _(
                        "Meja Tulis is where operators write; staff review and publish pages here in the admin."
                    ),
                )
                return redirect("wagtailadmin_home")
            raise PermissionDenied
        return view(request, desa_page, *args, **kwargs)

    return wrapper


def _entry_or_404(desa_page, page_id):
    entry = meja_entry(desa_page, page_id)
    if entry is None:
        raise Http404
    return entry


def _photos(draft, kind):
    if kind in ("desa", "berita"):
        ids = [draft.photo_id] if draft.photo_id else []
    else:
        ids = [photo.image_id for photo in draft.photos.all()]
    images = get_image_model().objects.in_bulk(ids)
    return [images[pk] for pk in ids if pk in images]


def _initial(draft, kind):
    initial = {name: getattr(draft, name) for name in FIELDS[kind]}
    if kind != "desa":
        initial["title"] = draft.title
    text, lossy = to_markup(getattr(draft, TEXT_FIELDS[kind]))
    initial["text"] = text
    return initial, lossy


def _action(request):
    action = request.POST.get("action", DRAFT)
    return action if action in (DRAFT, SUBMIT, PUBLISH, PREVIEW) else DRAFT


def _after_save(request, page, action):
    if action == PREVIEW:
        return redirect("meja:preview", page.pk)
    messages.success(request, DONE[action])
    if action == DRAFT:
        return redirect("meja:edit", page.pk)
    return redirect("meja:index")


@meja_view
def index(request, desa_page):
    return render(
        request,
        "portal/meja/index.html",
        {
            "desa_page": desa_page,
            "entries": meja_entries(desa_page),
            "kinds": MEJA_KINDS,
            "states": MejaState,
        },
    )


@meja_view
@require_http_methods(["GET", "POST"])
def create(request, desa_page, kind):
    if kind not in MEJA_KINDS:
        raise Http404
    form_class = MEJA_FORMS[kind]
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, with_token=True)
        if form.is_valid():
            action = _action(request)
            try:
                page = create_page(
                    user=request.user,
                    kind=kind,
                    values=form.values(),
                    token=form.cleaned_data["token"],
                    action=DRAFT if action == PREVIEW else action,
                    photo=form.cleaned_data["photo"],
                    caption=form.cleaned_data["caption"],
                )
            except MejaError as error:
                form.add_error(error.field, str(error))
            else:
                return _after_save(request, page, action)
    else:
        form = form_class(
            with_token=True,
            initial={"token": uuid.uuid4(), "date": timezone.localdate()},
        )
    return render(
        request,
        "portal/meja/edit.html",
        {
            "desa_page": desa_page,
            "form": form,
            "kind": kind,
            "kind_label": MEJA_KINDS[kind]._meta.verbose_name,
            "can_publish": desa_page.permissions_for_user(request.user).can_publish(),
            "action_url": reverse("meja:create", args=[kind]),
        },
    )


@meja_view
@require_http_methods(["GET", "POST"])
def edit(request, desa_page, page_id):
    entry = _entry_or_404(desa_page, page_id)
    page = entry.page.specific
    draft = page.get_latest_revision_as_object()
    photos = _photos(draft, entry.kind)
    form_class = MEJA_FORMS[entry.kind]
    initial, lossy = _initial(draft, entry.kind)
    locked = entry.state == MejaState.MODERATION
    if request.method == "POST" and not locked:
        form = form_class(request.POST, request.FILES, photos=photos)
        if form.is_valid():
            action = _action(request)
            try:
                update_page(
                    user=request.user,
                    page=page,
                    values=form.values(),
                    action=DRAFT if action == PREVIEW else action,
                    photo=form.cleaned_data["photo"],
                    caption=form.cleaned_data["caption"],
                    remove_photos=tuple(form.cleaned_data["remove_photos"]),
                )
            except MejaError as error:
                form.add_error(error.field, str(error))
            else:
                return _after_save(request, page, action)
    else:
        form = form_class(initial=initial, photos=photos)
    permissions = page.permissions_for_user(request.user)
    return render(
        request,
        "portal/meja/edit.html",
        {
            "desa_page": desa_page,
            "page": page,
            "entry": entry,
            "form": form,
            "photos": photos,
            "kind": entry.kind,
            "kind_label": entry.kind_label,
            "locked": locked,
            "lossy": lossy,
            "can_publish": permissions.can_publish(),
            "can_unpublish": entry.kind != "desa" and permissions.can_unpublish(),
            "can_delete": can_delete_draft(user=request.user, page=page),
            "action_url": reverse("meja:edit", args=[page.pk]),
        },
    )


@meja_view
def preview(request, desa_page, page_id):
    entry = _entry_or_404(desa_page, page_id)
    draft = entry.page.specific.get_latest_revision_as_object()
    # The site's base template shows a bar with the way back to the form.
    request.meja_back_url = reverse("meja:edit", args=[page_id])
    return draft.serve_preview(request, draft.default_preview_mode)


@meja_view
@require_POST
def withdraw(request, desa_page, page_id):
    entry = _entry_or_404(desa_page, page_id)
    try:
        withdraw_from_moderation(user=request.user, page=entry.page)
    except MejaError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The page is withdrawn from moderation. It is a draft again."),
        )
    return redirect("meja:edit", page_id)


@meja_view
@require_http_methods(["GET", "POST"])
def unpublish(request, desa_page, page_id):
    entry = _entry_or_404(desa_page, page_id)
    if request.method == "GET":
        return render(
            request,
            "portal/meja/unpublish.html",
            {"desa_page": desa_page, "entry": entry},
        )
    try:
        unpublish_page(user=request.user, page=entry.page)
    except MejaError as error:
        messages.error(request, str(error))
        return redirect("meja:edit", page_id)
    messages.success(request, _("The page is offline. Its text stays here as a draft."))
    return redirect("meja:index")


@meja_view
@require_http_methods(["GET", "POST"])
def delete(request, desa_page, page_id):
    entry = _entry_or_404(desa_page, page_id)
    if request.method == "GET":
        if not can_delete_draft(user=request.user, page=entry.page):
            messages.error(
                request,
                _(
                    "Only a draft that was never published and is not waiting for moderation can be deleted."
                ),
            )
            return redirect("meja:edit", page_id)
        return render(
            request,
            "portal/meja/delete.html",
            {"desa_page": desa_page, "entry": entry},
        )
    title = entry.page.specific.get_latest_revision_as_object().title
    try:
        delete_draft(user=request.user, page=entry.page)
    except MejaError as error:
        messages.error(request, str(error))
        return redirect("meja:edit", page_id)
    messages.success(request, _("The draft “%(title)s” is deleted.") % {"title": title})
    return redirect("meja:index")
