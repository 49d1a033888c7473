"""Wagtail's `publish_scheduled`, which first holds back what may no longer go live.

A page goes live at its scheduled time only if whoever scheduled it may still
publish it (an operator's rights end with their certificate). The others go to
moderation or stay drafts (see `hold_back_scheduled_revision`); Wagtail's own
command then publishes the rest and unpublishes what expired.
"""

from django.utils import timezone
from wagtail.management.commands import publish_scheduled
from wagtail.models import Revision

from portal.permissions import desa_publishing_policy
from portal.selectors import scheduled_by
from portal.services import hold_back_scheduled_revision


class Command(publish_scheduled.Command):
    help = (
        "Publish scheduled pages whose scheduler may still publish them, hold back "
        "the others, and unpublish expired pages."
    )

    def handle(self, *args, **options):
        due = Revision.page_revisions.filter(
            approved_go_live_at__lt=timezone.now()
        ).order_by("approved_go_live_at")
        for revision in due:
            page = revision.content_object
            if desa_publishing_policy.user_can_publish_page(
                scheduled_by(revision), page
            ):
                continue
            if options["dryrun"]:
                self.stdout.write(
                    f"Held back (its scheduler may no longer publish): {page.pk} {page.title}"
                )
            else:
                outcome = hold_back_scheduled_revision(revision=revision)
                self.stdout.write(f"Held back ({outcome}): {page.pk} {page.title}")
        super().handle(*args, **options)
