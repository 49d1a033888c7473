"""The consultation desk (pendampingan): a desa's threads, the staff queue, a thread.

Every page works without JavaScript; a thread outside the user's scope is not found.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import HelpRequestForm, MessageForm
from .models import HelpMessage, HelpRequest
from .permissions import desk_policy
from .selectors import desa_threads, desk_counts, desk_queue, thread_messages

THREADS_PER_PAGE = 20
QUEUE_PER_PAGE = 25
SCREENSHOT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "gif": "image/gif",
}


def _visible_request(request, pk):
    return get_object_or_404(
        desk_policy.requests_for(request.user).select_related("desa", "opened_by"),
        pk=pk,
    )


@login_required
def index(request):
    """The desa's threads for an operator; staff go to their queue."""
    if desk_policy.user_can_answer(request.user):
        return redirect("desk:queue")
    if not desk_policy.user_can_open(request.user):
        raise PermissionDenied
    page = Paginator(desa_threads(request.user), THREADS_PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "desk/index.html",
        {"page_obj": page, "desa": request.user.region},
    )


@login_required
def open_request(request):
    if not desk_policy.user_can_open(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = HelpRequestForm(request.POST, request.FILES) if posted else HelpRequestForm()
    if posted and form.is_valid():
        try:
            help_request = services.open_help_request(
                operator=request.user,
                topic=form.cleaned_data["topic"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                screenshot=form.cleaned_data["screenshot"],
            )
        except services.DeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Your question was sent. A trainer answers on this page; you also get an email if your account has an address."
                ),
            )
            return redirect("desk:thread", pk=help_request.pk)
    return TemplateResponse(
        request,
        "desk/open_request.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def thread(request, pk):
    """The messages of a thread and a form to write in it."""
    help_request = _visible_request(request, pk)
    can_answer = desk_policy.user_can_answer(request.user, help_request)
    can_follow_up = desk_policy.user_can_open(request.user)
    posted = request.method == "POST"
    form = MessageForm(request.POST, request.FILES) if posted else MessageForm()
    if posted:
        if not (can_answer or can_follow_up):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                if can_answer:
                    services.answer_help_request(
                        author=request.user,
                        help_request=help_request,
                        body=data["body"],
                        screenshot=data["screenshot"],
                    )
                    done = _("Your answer was sent to the desa.")
                else:
                    services.add_follow_up(
                        operator=request.user,
                        help_request=help_request,
                        body=data["body"],
                        screenshot=data["screenshot"],
                    )
                    done = _("Your message was sent. A trainer answers on this page.")
            except services.DeskError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, done)
                return redirect("desk:thread", pk=help_request.pk)
    return TemplateResponse(
        request,
        "desk/thread.html",
        {
            "help_request": help_request,
            "thread_messages": thread_messages(help_request),
            "form": form,
            "can_answer": can_answer,
            "can_follow_up": can_follow_up,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def close(request, pk):
    help_request = _visible_request(request, pk)
    if not desk_policy.user_can_answer(request.user, help_request):
        raise PermissionDenied
    services.close_help_request(actor=request.user, help_request=help_request)
    messages.success(request, _("The question is closed."))
    return redirect("desk:thread", pk=help_request.pk)


@login_required
def screenshot(request, pk):
    """A message's screenshot, only for those who may see its thread."""
    message = get_object_or_404(
        HelpMessage.objects.filter(
            request__in=desk_policy.requests_for(request.user)
        ).exclude(screenshot=""),
        pk=pk,
    )
    try:
        handle = message.screenshot.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    extension = message.screenshot.name.rsplit(".", 1)[-1]
    # Not cached: PrivateResponsesNotStoredMiddleware sends it private, no-store.
    return FileResponse(handle, content_type=SCREENSHOT_TYPES.get(extension))


@login_required
def queue(request):
    """Threads of the staff member's region, filtered by status, oldest wait first."""
    if not desk_policy.user_can_answer(request.user):
        raise PermissionDenied
    status = request.GET.get("status")
    if status not in HelpRequest.Status.values:
        status = HelpRequest.Status.NEW
    page = Paginator(desk_queue(request.user, status), QUEUE_PER_PAGE).get_page(
        request.GET.get("p")
    )
    counts = desk_counts(request.user)
    tabs = [
        (HelpRequest.Status.NEW, _("Waiting for an answer"), counts.waiting),
        (HelpRequest.Status.ANSWERED, _("Answered"), counts.answered),
        (HelpRequest.Status.CLOSED, _("Closed"), counts.closed),
    ]
    return TemplateResponse(
        request,
        "desk/queue.html",
        {"page_obj": page, "status": status, "tabs": tabs, "counts": counts},
    )
