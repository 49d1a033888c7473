"""The operator's own workshop invitations: which session, when and where."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .. import selectors
from ..permissions import invitation_policy


@login_required
def my_invitations(request):
    """Phone-first, no JavaScript. Staff follow invitations per workshop instead."""
    if not invitation_policy.user_can_see_own(request.user):
        return redirect("workshops:index")
    invitations = selectors.invitations_of(request.user)
    return TemplateResponse(
        request,
        "workshops/my_invitations.html",
        {"upcoming": invitations.upcoming, "past": invitations.past},
    )
