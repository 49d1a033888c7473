"""Writes of Meja Tulis: operators write, submit and publish their desa's pages.

Every write asks the same policy the Wagtail admin obeys (`desa_publishing_policy`
and the page permission tester behind it), saves a Wagtail revision and goes through
Wagtail's own actions (revision publish, workflow start, resume and cancel, page
unpublish), which write the audit log as the admin does. Moderators keep reviewing
in the admin; their comment is read back by `portal.selectors.meja_entries`.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState
from wagtail.utils.file import hash_filelike

from accounts.models import User
from lms.shared.errors import DomainError
from lms.shared.validators import validate_image_content

from .markup import to_rich_text
from .models import CreateRequest, DesaAccess, DesaPage
from .permissions import desa_publishing_policy
from .selectors import MEJA_KINDS

DRAFT = "draft"
SUBMIT = "submit"
PUBLISH = "publish"
ACTIONS = (DRAFT, SUBMIT, PUBLISH)

# The rich-text field that holds each page type's text.
TEXT_FIELDS = {
    "desa": "profile",
    "berita": "body",
    "potensi": "body",
    "progres": "description",
}
# The fields of each page type an operator sets besides its title and text.
PLAIN_FIELDS = {
    "desa": ["head_name", "address", "contact"],
    "berita": ["date", "intro"],
    "potensi": ["category", "summary"],
    "progres": [
        "activity",
        "location",
        "budget",
        "funding_source",
        "progress_percent",
        "date",
    ],
}
# Photos: the longest side kept, and what an upload may be before it is resized.
PHOTO_MAX_SIDE = 1600
PHOTO_QUALITY = 82
PHOTO_MAX_BYTES = 20 * 1024 * 1024
PHOTO_MAX_PIXELS = 60_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PHOTOS = 12


class MejaError(DomainError):
    """A Meja Tulis action that cannot happen; the message says what to do.

    `field` names the form field the error is about, if one is (e.g. "photo")."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.field = field


def _kind_of(page):
    for kind, model in MEJA_KINDS.items():
        if isinstance(page, model):
            return kind
    return "desa"


def _check_writer(user, desa_page):
    if not (
        desa_publishing_policy.user_can_use_meja(user)
        and user.region_id == desa_page.region_id
    ):
        raise MejaError(
            _(
                "You may only write the pages of your own desa. Open Meja Tulis from the menu to see them."
            )
        )


def _check_page_of(user, page):
    """`page` must be the operator's desa page or one right under it."""
    desa_page = DesaPage.objects.filter(region_id=user.region_id).first()
    if desa_page is None or not (
        page.pk == desa_page.pk
        or (page.path.startswith(desa_page.path) and page.depth == desa_page.depth + 1)
    ):
        raise MejaError(
            _(
                "You may only write the pages of your own desa. Open Meja Tulis from the menu to see them."
            )
        )
    _check_writer(user, desa_page)
    return desa_page


# Photos ---------------------------------------------------------------------------


def check_photo(*, upload: UploadedFile) -> None:
    """Refuse a file that is not a whole photo; raises MejaError saying why."""
    if upload.size > PHOTO_MAX_BYTES:
        raise MejaError(
            _(
                "The photo is larger than 20 MB. Take the photo again at a lower resolution or choose another file."
            ),
            field="photo",
        )
    try:
        validate_image_content(
            upload, formats=PHOTO_FORMATS, max_pixels=PHOTO_MAX_PIXELS
        )
    except ValidationError as exc:
        if exc.code == "markup":
            raise MejaError(exc.messages[0], field="photo") from exc
        if exc.code == "too_many_pixels":
            raise MejaError(
                _(
                    "The photo has too many pixels. Take the photo again at a lower resolution or choose another file."
                ),
                field="photo",
            ) from exc
        raise MejaError(
            _(
                "The file is not a photo that can be opened (JPEG, PNG, WebP or GIF). Take the photo again or choose another file."
            ),
            field="photo",
        ) from exc


def _resized_jpeg(upload):
    """The photo turned upright, at most PHOTO_MAX_SIDE pixels, as a JPEG without
    any metadata (no EXIF: no GPS position, no camera, no time)."""
    upload.seek(0)
    with PillowImage.open(upload) as original:
        original.seek(0)
        picture = ImageOps.exif_transpose(original)
        if picture.mode != "RGB":
            picture = picture.convert("RGBA") if "A" in picture.getbands() else picture
            if picture.mode == "RGBA":
                background = PillowImage.new("RGB", picture.size, (255, 255, 255))
                background.paste(picture, mask=picture.getchannel("A"))
                picture = background
            else:
                picture = picture.convert("RGB")
        picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), PillowImage.LANCZOS)
        # A fresh image carries no info dict, so nothing of the original's
        # metadata (EXIF, XMP, ICC comments) is written.
        clean = PillowImage.new("RGB", picture.size)
        clean.paste(picture)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=PHOTO_QUALITY, optimize=True)
    return out.getvalue()


def store_photo(*, user: User, upload: UploadedFile, title: str):
    """Check, shrink and strip a photo, and keep it in the desa's collection."""
    check_photo(upload=upload)
    access = DesaAccess.objects.filter(desa_id=user.region_id).first()
    if access is None:
        raise MejaError(
            _(
                "Your desa's portal has not been set up yet. Ask the Diskominfo admin to set it up."
            )
        )
    data = _resized_jpeg(upload)
    image = get_image_model()(
        title=(title or _("Photo"))[:255],
        # Assigned at creation, so the file field fills in width and height.
        file=ContentFile(data, name=f"{uuid.uuid4().hex}.jpg"),
        collection=access.collection,
        uploaded_by_user=user,
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    image.save()
    return image


# Pages ----------------------------------------------------------------------------


def _unique_slug(parent, title, page=None):
    base = slugify(title)[:60] or "halaman"
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _apply_values(page, kind, values, *, user, photo, caption, remove_photos):
    if kind != "desa" and values.get("title"):
        page.title = values["title"]
        page.draft_title = values["title"]
    for name in PLAIN_FIELDS[kind]:
        if name in values:
            setattr(page, name, values[name])
    setattr(page, TEXT_FIELDS[kind], to_rich_text(values.get("text", "")))
    image = None
    if photo is not None:
        image = store_photo(user=user, upload=photo, title=caption or page.title)
    if kind in ("berita", "desa"):
        if image is not None:
            page.photo = image
        elif remove_photos:
            page.photo = None
        return
    kept = [p for p in page.photos.all() if str(p.image_id) not in remove_photos]
    if image is not None:
        if len(kept) >= MAX_PHOTOS:
            raise MejaError(
                _(
                    "A page holds at most %(count)d photos. Remove a photo before adding another."
                )
                % {"count": MAX_PHOTOS},
                field="photo",
            )
        photo_model = page.photos.model
        kept.append(photo_model(image=image, caption=caption or ""))
    page.photos = kept


def _finish(page, *, user, action, revision):
    """Publish the saved revision or send it to moderation, as `action` asks."""
    if action == PUBLISH:
        if not desa_publishing_policy.user_can_publish_page(user, page):
            raise MejaError(
                _(
                    "You may not publish yet: your certificate gives you that right. Send the page for moderation instead."
                )
            )
        revision.publish(user=user)
    elif action == SUBMIT:
        workflow_state = page.current_workflow_state
        if (
            workflow_state is not None
            and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        ):
            workflow_state.resume(user)
            return
        if not page.permissions_for_user(user).can_submit_for_moderation():
            raise MejaError(
                _(
                    "This page cannot be sent for moderation now: it is already waiting for the moderators, or your kecamatan has no moderation set up."
                )
            )
        page.get_workflow().start(page, user)


@transaction.atomic
def create_page(
    *,
    user: User,
    kind: str,
    values: dict,
    token: uuid.UUID,
    action: str = DRAFT,
    photo: UploadedFile | None = None,
    caption: str = "",
) -> Page:
    """Write a new page of `kind` (berita, potensi, progres) under the operator's desa.

    The form's `token` makes a repeated post return the page the first one made.
    `action` is DRAFT, SUBMIT (to the kecamatan's moderators) or PUBLISH.
    """
    if kind not in MEJA_KINDS or action not in ACTIONS:
        raise MejaError(_("This kind of page cannot be written here."))
    desa_page = DesaPage.objects.filter(region_id=user.region_id).first()
    if desa_page is None:
        raise MejaError(
            _(
                "Your desa's portal has not been set up yet. Ask the Diskominfo admin to set it up."
            )
        )
    _check_writer(user, desa_page)
    try:
        with transaction.atomic():
            claim = CreateRequest.objects.create(token=token, user=user)
    except IntegrityError:
        earlier = CreateRequest.objects.filter(token=token, user=user).first()
        if earlier is not None and earlier.page_id is not None:
            return earlier.page.specific
        raise MejaError(
            _("This form was already sent. Open Meja Tulis to see your pages.")
        ) from None
    page = MEJA_KINDS[kind](owner=user, live=False)
    _apply_values(
        page, kind, values, user=user, photo=photo, caption=caption, remove_photos=()
    )
    page.slug = _unique_slug(desa_page, page.title)
    desa_page.add_child(instance=page)
    claim.page = page
    claim.save(update_fields=["page"])
    revision = page.save_revision(user=user, log_action=True, clean=False)
    _finish(page, user=user, action=action, revision=revision)
    return page


@transaction.atomic
def update_page(
    *,
    user: User,
    page: Page,
    values: dict,
    action: str = DRAFT,
    photo: UploadedFile | None = None,
    caption: str = "",
    remove_photos: tuple[str, ...] = (),
) -> Page:
    """Save the operator's changes to `page` as a new revision, then publish it or
    send it for moderation as `action` asks. A live page stays as it is online
    until the revision is published."""
    if action not in ACTIONS:
        raise MejaError(_("This kind of page cannot be written here."))
    _check_page_of(user, page)
    page = page.specific
    permissions = page.permissions_for_user(user)
    if permissions.page_locked():
        raise MejaError(
            _(
                "The page is waiting for moderation and cannot be changed. Withdraw it from moderation first."
            )
        )
    if not permissions.can_edit():
        raise MejaError(_("You may not change this page."))
    kind = _kind_of(page)
    draft = page.get_latest_revision_as_object()
    previous_revision = page.latest_revision
    _apply_values(
        draft,
        kind,
        values,
        user=user,
        photo=photo,
        caption=caption,
        remove_photos=remove_photos,
    )
    if kind != "desa" and not page.live and draft.title != page.title:
        draft.slug = _unique_slug(page.get_parent(), draft.title, page)
    if not draft.live:
        draft.save()
    revision = draft.save_revision(
        user=user, log_action=True, previous_revision=previous_revision, clean=False
    )
    _finish(draft, user=user, action=action, revision=revision)
    return draft


@transaction.atomic
def withdraw_from_moderation(*, user: User, page: Page) -> None:
    """Take the page back from the moderators (it becomes a draft again)."""
    _check_page_of(user, page)
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        raise MejaError(_("The page is not waiting for moderation."))
    if not workflow_state.user_can_cancel(user):
        raise MejaError(
            _("Only the operator who sent the page may withdraw it from moderation.")
        )
    workflow_state.cancel(user=user)


@transaction.atomic
def unpublish_page(*, user: User, page: Page) -> None:
    """Take an operator's own content page offline; the desa profile stays online."""
    desa_page = _check_page_of(user, page)
    if page.pk == desa_page.pk:
        raise MejaError(
            _(
                "The desa profile stays online. Change its text instead, or ask the kecamatan admin."
            )
        )
    if not page.live:
        raise MejaError(_("The page is not online."))
    if not page.permissions_for_user(user).can_unpublish():
        raise MejaError(
            _(
                "You may not take pages offline yet: your certificate gives you that right. Ask your kecamatan admin."
            )
        )
    page.specific.unpublish(user=user, log_action=True)


def can_delete_draft(*, user: User, page: Page) -> bool:
    """Whether `user` may delete `page` from Meja Tulis: a content page of their desa
    that was never published and is not waiting for moderation."""
    page = page.specific
    return (
        _kind_of(page) != "desa"
        and not page.live
        and page.first_published_at is None
        and page.current_workflow_state is None
        and page.permissions_for_user(user).can_delete()
    )


@transaction.atomic
def delete_draft(*, user: User, page: Page) -> None:
    """Delete a never-published content page of the operator's desa, with Wagtail's
    delete action (which writes the audit log as the admin does)."""
    desa_page = _check_page_of(user, page)
    page = page.specific
    if page.pk == desa_page.pk:
        raise MejaError(
            _(
                "The desa profile cannot be deleted. Change its text instead, or ask the kecamatan admin."
            )
        )
    if page.live or page.first_published_at is not None:
        raise MejaError(
            _(
                "Only a draft that was never published can be deleted. Take the page offline instead."
            )
        )
    if page.current_workflow_state is not None:
        raise MejaError(
            _(
                "The page is waiting for moderation. Withdraw it from moderation first, then delete it."
            )
        )
    if not page.permissions_for_user(user).can_delete():
        raise MejaError(_("You may not delete this page."))
    page.delete(user=user)
