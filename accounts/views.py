from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from lms.shared.errors import DomainError

from .forms import LoginForm, NameChangeRequestForm, OwnEmailForm, OwnPasswordForm
from .homes import home_url_for
from .models import NameChangeRequest
from .permissions import operator_policy
from .services import change_own_email, change_own_password


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if form.cleaned_data.get("remember") and may_stay_signed_in(user):
            self.request.session.set_expiry(
                settings.SESSION_OPERATOR_REMEMBER_DAYS * 24 * 60 * 60
            )
        else:
            self.request.session.set_expiry(0)  # ends when the browser closes
        return response

    def get_default_redirect_url(self):
        """No page asked for: the role's own home (accounts.homes)."""
        return home_url_for(self.request.user)


def may_stay_signed_in(user):
    """Only desa operators keep a long session on their own phone; staff never do."""
    return user.is_operator and not user.is_staff and not user.is_superuser


class LogoutView(auth_views.LogoutView):
    """Sign out, and remove what the browser kept for this user.

    Courses saved for reading offline live in the service worker's cache and quiz
    answers waiting to be sent in local storage; on a shared phone or the kantor
    desa's computer the next person must not read them. `Clear-Site-Data` empties
    the HTTP cache, Cache Storage, local storage and IndexedDB and unregisters the
    service worker (the sign-out form also tells the worker to drop its caches, for
    browsers that ignore the header)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


@login_required
def password_change(request):
    """Set one's own password (required after a one-time password)."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = "/"
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_own_password(
            user=request.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, request.user)
        messages.success(
            request, _("Your password has been saved. Use it from now on.")
        )
        return redirect(next_url)
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "next": next_url, "forced": request.user.must_change_password},
    )


@login_required
def name_change(request):
    """An operator asks for another name on their account and certificates."""
    operator = request.user
    if not operator_policy.user_can_ask_for_name_change(operator):
        raise PermissionDenied
    form = NameChangeRequestForm(request.POST or None, operator=operator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _(
                "Your request was sent. Your kecamatan admin or Diskominfo decides; "
                "until then your certificates keep your registered name."
            ),
        )
        return redirect("accounts:name_change")
    requests = operator.name_change_requests.select_related("decided_by")
    return render(
        request,
        "accounts/name_change.html",
        {
            "form": form,
            "pending": requests.filter(status=NameChangeRequest.Status.PENDING).first(),
            "last_decided": requests.exclude(status=NameChangeRequest.Status.PENDING)
            .order_by("-decided_at")
            .first(),
        },
    )


@login_required
def email_change(request):
    """Change one's own email address (operators have no admin account settings)."""
    form = OwnEmailForm(request.POST or None, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            change_own_email(user=request.user, email=form.cleaned_data["email"])
        except DomainError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("Your email address has been saved."))
            return redirect("accounts:email_change")
    return render(request, "accounts/email_change.html", {"form": form})
