"""What the portal does when Wagtail or a lower app reports an event."""

import contextlib

from wagtail.signals import page_published

from accounts.signals import operator_replaced, roles_changed

from .services import (
    PublishingRightsError,
    assign_portal_groups,
    record_publish,
    revoke_publishing_rights,
)


def record_publish_from_signal(sender, instance, revision=None, **kwargs):
    # Wagtail also sends `page_published` when a page that was never live is
    # scheduled for later; it is not online yet, so that is not activity.
    if not instance.live:
        return
    user = getattr(revision, "user", None) if revision is not None else None
    record_publish(page=instance, user=user)


def assign_groups(sender, user, **kwargs):
    assign_portal_groups(user=user)


def drop_publishing_rights(sender, operator, actor, reason, **kwargs):
    # A desa without a portal yet has no rights to remove.
    with contextlib.suppress(PublishingRightsError):
        revoke_publishing_rights(operator=operator, actor=actor, reason=reason)


def register_signal_handlers():
    # Every publish (editor, scheduled, API) passes through this signal.
    page_published.connect(
        record_publish_from_signal, dispatch_uid="portal_record_publish"
    )
    roles_changed.connect(assign_groups, dispatch_uid="portal_assign_groups")
    operator_replaced.connect(
        drop_publishing_rights, dispatch_uid="portal_drop_publishing_rights"
    )
