"""Writes for the consultation desk (pendampingan): open a question, follow it up,
answer it, close it.

A thread belongs to its desa, not to the operator who opened it, so the next
operator of the desa carries on where the last one stopped.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from lms.shared.errors import DomainError
from lms.shared.validators import validate_image_content

from .models import HelpMessage, HelpRequest
from .permissions import desk_policy
from .signals import answer_posted

MAX_BODY_LENGTH = 4000
MAX_SCREENSHOT_BYTES = 2 * 1024 * 1024
# A phone screenshot has a few million pixels; far more is not a screenshot.
MAX_SCREENSHOT_PIXELS = 40_000_000
# Pillow format name → the extension the stored file gets.
SCREENSHOT_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
# The same text sent again by the same person this soon is a double submit.
DUPLICATE_WINDOW = timedelta(seconds=10)


class DeskError(DomainError):
    """A desk action that cannot happen; the message says why and what to do."""


def check_screenshot(*, upload: UploadedFile) -> str:
    """Return the extension to store an acceptable screenshot under.

    The file's content decides, never its name: Pillow must recognise it as PNG,
    JPEG, WebP or GIF and decode all of it, and it must carry no web-page markup.
    Raises DeskError otherwise.
    """
    if upload.size > MAX_SCREENSHOT_BYTES:
        raise DeskError(
            _(
                "The screenshot is larger than 2 MB. Send a smaller picture, for example a screenshot of only the part that matters."
            )
        )
    try:
        found_format = validate_image_content(
            upload, formats=SCREENSHOT_FORMATS, max_pixels=MAX_SCREENSHOT_PIXELS
        )
    except ValidationError as exc:
        if exc.code == "too_many_pixels":
            raise DeskError(
                _(
                    "The picture is too large to be a screenshot. Send a screenshot taken on the phone or computer."
                )
            ) from exc
        if exc.code == "markup":
            raise DeskError(exc.messages[0]) from exc
        raise DeskError(
            _(
                "The screenshot must be a picture in PNG, JPEG, WebP or GIF format. Take the screenshot again or choose another file."
            )
        ) from exc
    return SCREENSHOT_FORMATS[found_format]


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise DeskError(_("Write your message before sending it."))
    if len(body) > MAX_BODY_LENGTH:
        raise DeskError(
            _(
                "The message is longer than %(limit)d characters. Shorten it or send it in two parts."
            )
            % {"limit": MAX_BODY_LENGTH}
        )
    return body


def _recent_duplicate(*, author, body, **filters):
    """The same message by the same author sent within DUPLICATE_WINDOW, if any."""
    return (
        HelpMessage.objects.filter(
            author=author,
            body=body,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            **filters,
        )
        .order_by("created_at")
        .first()
    )


def _add_message(*, help_request, author, body, screenshot, from_staff):
    """Save one message; the screenshot goes to storage under a random name."""
    message = HelpMessage(
        request=help_request, author=author, body=body, from_staff=from_staff
    )
    if screenshot is None:
        message.save()
        return message
    extension = check_screenshot(upload=screenshot)
    message.screenshot.save(
        f"{secrets.token_hex(16)}.{extension}", screenshot, save=False
    )
    try:
        message.save()
    except BaseException:
        message.screenshot.delete(save=False)
        raise
    return message


def _lock(help_request):
    # Concurrent replies to one thread queue up here, so a double submit finds the
    # first message and status changes do not overwrite each other.
    return HelpRequest.objects.select_for_update().get(pk=help_request.pk)


def _reply(*, help_request, author, body, screenshot, from_staff):
    """Add a message to a thread and return the thread (locked), the message and
    whether it is new: the same message sent again within seconds is not saved twice."""
    body = _clean_body(body)
    if screenshot is not None:
        check_screenshot(upload=screenshot)
    help_request = _lock(help_request)
    duplicate = _recent_duplicate(author=author, body=body, request=help_request)
    if duplicate is not None:
        return help_request, duplicate, False
    message = _add_message(
        help_request=help_request,
        author=author,
        body=body,
        screenshot=screenshot,
        from_staff=from_staff,
    )
    return help_request, message, True


@transaction.atomic
def open_help_request(
    *,
    operator: User,
    topic: str,
    subject: str,
    body: str,
    screenshot: UploadedFile | None = None,
) -> HelpRequest:
    """An operator asks for help for their desa; the thread waits for an answer."""
    if not desk_policy.user_can_open(operator):
        raise PermissionDenied(
            _("Only the operator of a desa can ask the consultation desk for help.")
        )
    if topic not in HelpRequest.Topic.values:
        raise DeskError(_("Choose a topic from the list."))
    subject = (subject or "").strip()
    if not subject:
        raise DeskError(_("Write a short subject for your question."))
    body = _clean_body(body)
    if screenshot is not None:
        check_screenshot(upload=screenshot)
    # Two submits of the same form by one person queue up on their own row.
    User.objects.select_for_update(no_key=True).filter(pk=operator.pk).first()
    duplicate = _recent_duplicate(
        author=operator,
        body=body,
        request__subject=subject,
        request__desa_id=operator.region_id,
    )
    if duplicate is not None:
        return duplicate.request
    now = timezone.now()
    help_request = HelpRequest.objects.create(
        desa_id=operator.region_id,
        opened_by=operator,
        topic=topic,
        subject=subject,
        status=HelpRequest.Status.NEW,
        waiting_since=now,
    )
    _add_message(
        help_request=help_request,
        author=operator,
        body=body,
        screenshot=screenshot,
        from_staff=False,
    )
    return help_request


@transaction.atomic
def add_follow_up(
    *,
    operator: User,
    help_request: HelpRequest,
    body: str,
    screenshot: UploadedFile | None = None,
) -> HelpMessage:
    """An operator of the desa writes again; the thread waits for an answer again.

    A closed thread reopens. A thread already waiting keeps the time it started
    waiting, so the queue's "waiting longest" stays true.
    """
    if not (
        desk_policy.user_can_open(operator)
        and desk_policy.requests_for(operator).filter(pk=help_request.pk).exists()
    ):
        raise PermissionDenied(
            _("Only an operator of this desa can add to this question.")
        )
    help_request, message, created = _reply(
        help_request=help_request,
        author=operator,
        body=body,
        screenshot=screenshot,
        from_staff=False,
    )
    if not created:
        return message
    if help_request.status != HelpRequest.Status.NEW or not help_request.waiting_since:
        help_request.waiting_since = message.created_at
    help_request.status = HelpRequest.Status.NEW
    help_request.closed_at = None
    help_request.save(update_fields=["status", "waiting_since", "closed_at"])
    return message


@transaction.atomic
def answer_help_request(
    *,
    author: User,
    help_request: HelpRequest,
    body: str,
    screenshot: UploadedFile | None = None,
) -> HelpMessage:
    """A trainer or admin answers; `answer_posted` tells the desa's operators.

    The same answer sent twice within a few seconds is saved (and announced) once.
    """
    if not desk_policy.user_can_answer(author, help_request):
        raise PermissionDenied(_("You may only answer questions from your region."))
    help_request, message, created = _reply(
        help_request=help_request,
        author=author,
        body=body,
        screenshot=screenshot,
        from_staff=True,
    )
    if not created:
        return message
    help_request.status = HelpRequest.Status.ANSWERED
    help_request.waiting_since = None
    help_request.closed_at = None
    help_request.save(update_fields=["status", "waiting_since", "closed_at"])
    # Notifications tells the desa's operators (inbox, and email after the commit).
    answer_posted.send(sender=HelpMessage, message=message)
    return message


@transaction.atomic
def close_help_request(*, actor: User, help_request: HelpRequest) -> HelpRequest:
    """A trainer or admin closes the question; the desa can reopen it by writing."""
    if not desk_policy.user_can_answer(actor, help_request):
        raise PermissionDenied(_("You may only close questions from your region."))
    help_request = _lock(help_request)
    if help_request.status == HelpRequest.Status.CLOSED:
        return help_request
    help_request.status = HelpRequest.Status.CLOSED
    help_request.waiting_since = None
    help_request.closed_at = timezone.now()
    help_request.save(update_fields=["status", "waiting_since", "closed_at"])
    return help_request


def thread_url(*, help_request: HelpRequest) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("desk:thread", kwargs={"pk": help_request.pk})
