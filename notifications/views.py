"""The inbox, opening a notice, the user's channels, and the trainers' WhatsApp list.

Every page works without JavaScript; a notice of someone else is not found.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferenceForm
from .permissions import notice_policy

NOTICES_PER_PAGE = 20
RELAY_PER_PAGE = 50


@login_required
def index(request):
    """The user's notices, newest first, unread ones marked."""
    page = Paginator(selectors.notices_for(request.user), NOTICES_PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "notifications/inbox.html",
        {
            "page_obj": page,
            "unread": selectors.unread_count(request.user),
            "can_relay": notice_policy.user_can_relay(request.user),
        },
    )


@login_required
def open_notice(request, pk):
    """Mark the notice read and go where it leads (a GET works, for a plain link)."""
    notice = get_object_or_404(
        notice_policy.instances_user_has_permission_for(request.user, "view"), pk=pk
    )
    services.mark_read(user=request.user, notice=notice)
    if url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=False
    ) and notice.url.startswith("/"):
        return redirect(notice.url)
    return redirect("notifications:index")


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("Every notification is marked as read."))
    return redirect("notifications:index")


@login_required
def preferences(request):
    """Which channels the user wants besides the inbox."""
    channels = selectors.channels_for(request.user)
    if request.method == "POST":
        form = PreferenceForm(request.POST, channels=channels)
        if form.is_valid():
            services.save_preferences(
                user=request.user,
                email=form.cleaned_data.get("email", True),
                gateway=form.cleaned_data.get("gateway", False),
            )
            messages.success(request, _("Your choice is saved."))
            return redirect("notifications:preferences")
    else:
        form = PreferenceForm(
            initial={"email": channels.email, "gateway": channels.gateway},
            channels=channels,
        )
    return TemplateResponse(
        request, "notifications/preferences.html", {"form": form, "channels": channels}
    )


@login_required
def whatsapp(request):
    """Recent notices of the operators in the trainer's or admin's region, each
    with a link that opens WhatsApp with the message typed in."""
    if not notice_policy.user_can_relay(request.user):
        raise PermissionDenied
    page = Paginator(selectors.notices_to_relay(request.user), RELAY_PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "notifications/whatsapp.html",
        {"page_obj": page, "rows": selectors.relay_rows(page.object_list)},
    )
