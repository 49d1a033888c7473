"""Writes for the desa portal: building the page tree, rights, and publish records."""

from datetime import datetime
from functools import partial

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.models import User
from lms.shared.errors import DomainError
from regions.models import Region

from .models import (
    DesaAccess,
    DesaPage,
    KecamatanPage,
    ModeratorAccess,
    PortalHomePage,
    PublishEvent,
)
from .permissions import desa_publishing_policy
from .selectors import scheduled_by
from .signals import publish_recorded

OPERATOR_GROUP = "Operator desa"
TRAINER_GROUP = "Pendamping"
PROVINCE_GROUP = "Admin provinsi"
AUTHOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


HELD_FOR_MODERATION = "moderation"
HELD_AS_DRAFT = "draft"


class PortalSetupError(DomainError):
    pass


class PublishingRightsError(DomainError):
    pass


def _page_permission(codename):
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=codename
    )


def grant_page_permissions(*, group: Group, page: Page, codenames: list[str]) -> None:
    """Let `group` act on `page` and its subtree with the given page permissions."""
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def grant_collection_permissions(*, group: Group, collection: Collection) -> None:
    """Let `group` add, change and choose images and documents in `collection`."""
    for app_label, codename in MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            ),
        )


def admin_access_group(*, name: str) -> Group:
    """The group called `name`, created if missing, with access to the admin."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


def operator_group() -> Group:
    """The group of every operator, created if missing. It carries no access to the
    admin (migration 0005 took it away): operators write in Meja Tulis."""
    group, _created = Group.objects.get_or_create(name=OPERATOR_GROUP)
    return group


def child_collection(*, name: str, parent: Collection) -> Collection:
    """The collection called `name` under `parent`, created if missing."""
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)


def _unique_slug(parent, name, code):
    slug = slugify(name) or code.replace(".", "-")
    if parent.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{code.replace('.', '-')}"
    return slug


def _child_page(parent, model, region, **fields):
    page = model.objects.filter(region=region).first()
    if page is not None:
        if page.title != region.display_name:
            page.title = region.display_name
            page.save(update_fields=["title", "draft_title"])
        return page
    page = model(
        title=region.display_name,
        slug=_unique_slug(parent, region.name, region.code),
        region=region,
        **fields,
    )
    parent.add_child(instance=page)
    return page


def _moderators(region, page, collection=None):
    access = (
        ModeratorAccess.objects.filter(region=region).select_related("group").first()
    )
    if access is None:
        group = admin_access_group(
            name=f"Moderator {region.display_name} {region.code}"[:150]
        )
        access = ModeratorAccess.objects.create(region=region, group=group)
    grant_page_permissions(
        group=access.group, page=page, codenames=MODERATOR_PAGE_PERMISSIONS
    )
    if collection is not None:
        grant_collection_permissions(group=access.group, collection=collection)
    return access.group


def _kecamatan_workflow(kec_page, groups):
    name = f"Moderasi {kec_page.region.display_name} {kec_page.region.code}"
    workflow, _created = Workflow.objects.get_or_create(name=name)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(
            name=f"Persetujuan {kec_page.region.display_name} {kec_page.region.code}"
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    task = workflow.workflow_tasks.first().task.specific
    task.groups.set(groups)
    WorkflowPage.objects.update_or_create(
        page=kec_page, defaults={"workflow": workflow}
    )


def _desa_access(desa, page, kab_collection):
    access = DesaAccess.objects.filter(desa=desa).first()
    if access is not None:
        return access
    label = f"{desa.display_name} {desa.code}"
    authors, _created = Group.objects.get_or_create(name=f"Penulis {label}"[:150])
    publishers, _created = Group.objects.get_or_create(name=f"Penerbit {label}"[:150])
    collection = child_collection(name=label, parent=kab_collection)
    grant_page_permissions(group=authors, page=page, codenames=AUTHOR_PAGE_PERMISSIONS)
    grant_collection_permissions(group=authors, collection=collection)
    grant_page_permissions(group=publishers, page=page, codenames=["publish_page"])
    return DesaAccess.objects.create(
        desa=desa,
        page=page,
        authors=authors,
        publishers=publishers,
        collection=collection,
    )


@transaction.atomic
def setup_portal(*, kabupaten_code: str) -> PortalHomePage:
    """Build (or complete) the portal tree, groups and workflows of a kabupaten.

    Idempotent: existing pages keep their content; missing ones are added.
    """
    kabupaten = Region.objects.filter(
        code=kabupaten_code, level=Region.Level.KABUPATEN
    ).first()
    if kabupaten is None:
        raise PortalSetupError(
            _(
                "Kabupaten %(code)s is not in the region list. Run import_regions %(code)s first."
            )
            % {"code": kabupaten_code}
        )
    # The home page belongs to `lms`, above this app: reach it as the site's root.
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page if site else None
    if home is None:
        raise PortalSetupError(_("The site has no home page. Run migrate first."))
    operator_group()
    admin_access_group(name=TRAINER_GROUP)
    portal = _child_page(home, PortalHomePage, kabupaten)
    root_collection = Collection.get_first_root_node()
    kab_collection = child_collection(
        name=kabupaten.display_name, parent=root_collection
    )
    kab_moderators = _moderators(kabupaten, portal, kab_collection)
    kecamatan_list = Region.objects.filter(parent=kabupaten).order_by("code")
    desa_by_kecamatan = {}
    for desa in Region.objects.filter(parent__parent=kabupaten).order_by("code"):
        desa_by_kecamatan.setdefault(desa.parent_id, []).append(desa)
    for kecamatan in kecamatan_list:
        kec_page = _child_page(portal, KecamatanPage, kecamatan)
        # A kecamatan's admins get the media of its own desa only: the kabupaten
        # collection holds every desa's media and Diskominfo's own (logos,
        # signatures). Portals set up before this held that grant; drop it.
        kec_moderators = _moderators(kecamatan, kec_page)
        GroupCollectionPermission.objects.filter(
            group=kec_moderators, collection=kab_collection
        ).delete()
        _kecamatan_workflow(kec_page, [kec_moderators, kab_moderators])
        for desa in desa_by_kecamatan.get(kecamatan.pk, []):
            page = _child_page(kec_page, DesaPage, desa)
            access = _desa_access(desa, page, kab_collection)
            grant_collection_permissions(
                group=kec_moderators, collection=access.collection
            )
    for user in User.objects.filter(region__code__startswith=kabupaten.code):
        assign_portal_groups(user=user)
    return portal


def assign_portal_groups(*, user: User) -> None:
    """Put a user in the portal groups their role and region call for.

    Publishing rights are not touched here: only a certificate grants them.
    """
    managed = set(DesaAccess.objects.values_list("authors_id", flat=True)) | set(
        ModeratorAccess.objects.values_list("group_id", flat=True)
    )
    managed |= set(
        Group.objects.filter(
            name__in=[OPERATOR_GROUP, TRAINER_GROUP, PROVINCE_GROUP]
        ).values_list("pk", flat=True)
    )
    wanted = set()
    role = desa_publishing_policy.portal_role(user)
    if role == desa_publishing_policy.AUTHOR:
        # Operators write in Meja Tulis on the site: no access to the admin, only
        # the page and media rights Meja Tulis asks Wagtail about.
        wanted.add(operator_group().pk)
        access = DesaAccess.objects.filter(desa_id=user.region_id).first()
        if access:
            wanted.add(access.authors_id)
    elif role == desa_publishing_policy.TRAINER:
        wanted.add(admin_access_group(name=TRAINER_GROUP).pk)
    elif role == desa_publishing_policy.PROVINCE:
        # The admin only to read readiness; no page or user rights.
        wanted.add(admin_access_group(name=PROVINCE_GROUP).pk)
    elif role == desa_publishing_policy.MODERATOR:
        access = ModeratorAccess.objects.filter(region_id=user.region_id).first()
        if access:
            wanted.add(access.group_id)
    current = set(user.groups.filter(pk__in=managed).values_list("pk", flat=True))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))


def _access_for_operator(operator):
    if operator.role != User.Role.OPERATOR or operator.region_id is None:
        raise PublishingRightsError(
            _(
                "%(name)s is not an operator of a desa, so publishing rights cannot change."
            )
            % {"name": operator.display_name}
        )
    access = (
        DesaAccess.objects.filter(desa_id=operator.region_id)
        .select_related("desa")
        .first()
    )
    if access is None:
        raise PublishingRightsError(
            _(
                "The portal of %(desa)s has not been set up yet. Run setup_portal for its kabupaten first."
            )
            % {"desa": operator.region}
        )
    return access


@transaction.atomic
def grant_publishing_rights(
    *, operator: User, actor: User | None = None, reason: str = ""
) -> bool:
    """Let `operator` publish on their own desa's pages; logged. Returns True if new."""
    access = _access_for_operator(operator)
    if not operator.is_active:
        raise PublishingRightsError(
            _("The account is deactivated; activate it before granting rights.")
        )
    if operator.groups.filter(pk=access.publishers_id).exists():
        return False
    operator.groups.add(access.publishers)
    log(
        instance=operator,
        action="literasi.publishing.grant",
        user=actor,
        data={"desa": access.desa.code, "reason": reason},
    )
    return True


@transaction.atomic
def revoke_publishing_rights(
    *, operator: User, actor: User | None = None, reason: str = ""
) -> bool:
    """Take publishing rights on their desa away from `operator`; logged. Returns True if held."""
    access = _access_for_operator(operator)
    if not operator.groups.filter(pk=access.publishers_id).exists():
        return False
    operator.groups.remove(access.publishers)
    log(
        instance=operator,
        action="literasi.publishing.revoke",
        user=actor,
        data={"desa": access.desa.code, "reason": reason},
    )
    return True


def desa_region_id_for_page(*, page: Page) -> int | None:
    """The desa a page belongs to (the page itself or an ancestor is a DesaPage)."""
    step = Page.steplen
    paths = [page.path[:i] for i in range(step, len(page.path) + 1, step)]
    return (
        DesaPage.objects.filter(path__in=paths)
        .values_list("region_id", flat=True)
        .first()
    )


def record_publish(
    *, page: Page, user: User | None = None, at: datetime | None = None
) -> PublishEvent | None:
    """Record a publish on a desa subtree; pages outside any desa are ignored."""
    desa_id = desa_region_id_for_page(page=page)
    if desa_id is None:
        return None
    event = PublishEvent.objects.create(
        desa_id=desa_id,
        page_id=page.pk,
        page_title=page.title[:255],
        user=user,
        published_at=at or timezone.now(),
    )
    publish_recorded.send(sender=PublishEvent, event=event)
    return event


def _may_submit_for_moderation(user, page, revision):
    if user is None or not revision.is_latest_revision():
        return False
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and permissions.can_submit_for_moderation()


@transaction.atomic
def hold_back_scheduled_revision(*, revision: Revision) -> str:
    """Keep a due scheduled page revision offline: its scheduler may no longer publish.

    The page goes to its moderation workflow in the scheduler's name when they may
    still submit it, or else stays a draft. Wagtail's log says why, and the
    scheduler is emailed if they have an address. Returns the outcome,
    `HELD_FOR_MODERATION` or `HELD_AS_DRAFT`.
    """
    page = Page.objects.get(pk=revision.object_id).specific
    author = scheduled_by(revision)
    # Without its approval the revision is a plain draft again; Wagtail logs the
    # cancelled schedule.
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    outcome = HELD_AS_DRAFT
    if _may_submit_for_moderation(author, page, revision):
        page.get_workflow().start(page, author)
        outcome = HELD_FOR_MODERATION
    log(
        instance=page,
        action="literasi.publish.held",
        data={
            "outcome": outcome,
            "author": author.pk if author else None,
            "author_name": author.display_name if author else "",
        },
        revision=revision,
    )
    if author is not None and author.email:
        transaction.on_commit(
            partial(_send_held_back_email, author=author, page=page, outcome=outcome),
            robust=True,
        )
    return outcome


def _send_held_back_email(*, author, page, outcome):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("“%(title)s” was not published at its scheduled time") % {
            "title": page.get_admin_display_title()
        }
        text = render_to_string(
            "portal/held_back_email.txt",
            {
                "recipient": author,
                "page": page,
                "for_moderation": outcome == HELD_FOR_MODERATION,
                "url": base + reverse("wagtailadmin_pages:edit", args=[page.pk]),
            },
        )
    send_mail(subject, text, None, [author.email])
