"""Notifications listen to the apps below it and to Wagtail's moderation: each
event becomes a notice (once) for the people it concerns."""

from wagtail.models import Page, TaskState
from wagtail.signals import workflow_approved, workflow_rejected

from accounts.models import User
from accounts.signals import roles_changed
from certificates.signals import certificate_ended, certificate_issued
from courses.signals import extra_attempt_granted
from desk.signals import answer_posted
from portal.services import desa_region_id_for_page
from workshops.signals import operator_invited

from . import services


def certificate_was_issued(sender, certificate, **kwargs):
    services.notify_certificate_issued(certificate=certificate)


def certificate_has_ended(sender, certificate, **kwargs):
    services.notify_certificate_ended(certificate=certificate)


def desk_answer_was_posted(sender, message, **kwargs):
    services.notify_desk_answer(message=message)


def operator_was_invited(sender, invitation, **kwargs):
    services.notify_workshop_invitation(invitation=invitation)


def extra_attempt_was_granted(sender, grant, **kwargs):
    services.notify_extra_attempt(grant=grant)


def role_has_changed(sender, user, **kwargs):
    services.silence_wagtail_moderation_emails(user=user)


def _desa_page_review(workflow_state, user, *, approved):
    """Tell the operator who submitted a desa page what the moderator decided."""
    page = workflow_state.content_object
    requested_by = workflow_state.requested_by
    if (
        not isinstance(page, Page)
        or requested_by is None
        or requested_by.role != User.Role.OPERATOR
        or desa_region_id_for_page(page=page) is None
    ):
        return
    task_state = (
        TaskState.objects.filter(workflow_state=workflow_state)
        .exclude(finished_at=None)
        .order_by("-finished_at", "-pk")
        .first()
    )
    key = (
        f"page-approved:{workflow_state.pk}"
        if approved
        else f"page-sent-back:{task_state.pk if task_state else workflow_state.pk}"
    )
    services.notify_page_reviewed(
        page=page.specific_deferred,
        requested_by=requested_by,
        moderator=user,
        approved=approved,
        comment=task_state.comment if task_state else "",
        key=key,
    )


def page_was_approved(sender, instance, user, **kwargs):
    _desa_page_review(instance, user, approved=True)


def page_was_sent_back(sender, instance, user, **kwargs):
    _desa_page_review(instance, user, approved=False)


def register_signal_handlers():
    certificate_issued.connect(
        certificate_was_issued, dispatch_uid="notifications_certificate_issued"
    )
    certificate_ended.connect(
        certificate_has_ended, dispatch_uid="notifications_certificate_ended"
    )
    answer_posted.connect(
        desk_answer_was_posted, dispatch_uid="notifications_answer_posted"
    )
    operator_invited.connect(
        operator_was_invited, dispatch_uid="notifications_operator_invited"
    )
    extra_attempt_granted.connect(
        extra_attempt_was_granted, dispatch_uid="notifications_extra_attempt"
    )
    roles_changed.connect(role_has_changed, dispatch_uid="notifications_roles_changed")
    workflow_approved.connect(
        page_was_approved, dispatch_uid="notifications_workflow_approved"
    )
    workflow_rejected.connect(
        page_was_sent_back, dispatch_uid="notifications_workflow_rejected"
    )
