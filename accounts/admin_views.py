"""Narrow admin screens for managing operators (instead of Wagtail's user admin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views import account
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from csvimport.views import CsvUploadMixin

from .forms import (
    AccountNameEmailForm,
    DeactivateForm,
    NameChangeDecisionForm,
    NameChangeRequestForm,
    OperatorForm,
    OperatorImportForm,
)
from .models import NameChangeRequest
from .permissions import operator_policy
from .services import (
    NameChangeError,
    approve_name_change,
    create_operator,
    deactivate_operator,
    import_operators,
    reactivate_operator,
    reject_name_change,
    reset_operator_password,
)


class OperatorAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not operator_policy.user_can_manage_any(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_operator(self):
        operator = get_object_or_404(
            operator_policy.operators_for(self.request.user).select_related("region"),
            pk=self.kwargs["pk"],
        )
        return operator

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("operators:index"), "label": _("Operators")},
            {"url": "", "label": self.get_page_title()},
        ]


class OperatorIndexView(OperatorAdminMixin, TemplateView):
    template_name = "accounts/admin/operator_index.html"
    page_title = gettext_lazy("Operators")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = (
            operator_policy.operators_for(self.request.user)
            .select_related("region", "region__parent")
            .order_by("region__code", "first_name", "last_name")
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(
                Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(username__icontains=query)
                | Q(phone__icontains=query.lstrip("0"))
                | Q(region__name__icontains=query)
            )
        status = self.request.GET.get("status", "active")
        context["pending_name_changes"] = (
            operator_policy.name_change_requests_for(self.request.user)
            .filter(status=NameChangeRequest.Status.PENDING)
            .count()
        )
        if status == "active":
            queryset = queryset.filter(is_active=True)
        elif status == "inactive":
            queryset = queryset.filter(is_active=False)
        page = Paginator(queryset, 50).get_page(self.request.GET.get("p"))
        context.update({"page_obj": page, "query": query, "status": status})
        return context


class CredentialsSheetMixin:
    sheet_template = "accounts/admin/credentials_sheet.html"

    def render_sheet(self, credentials, title):
        self.template_name = self.sheet_template
        return self.render_to_response(
            self.get_context_data(
                credentials=credentials,
                sheet_title=title,
                login_url=self.request.build_absolute_uri(reverse("accounts:login")),
            )
        )


class OperatorCreateView(CredentialsSheetMixin, OperatorAdminMixin, TemplateView):
    template_name = "accounts/admin/operator_form.html"
    page_title = gettext_lazy("Add operator")
    header_icon = "user"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=OperatorForm(actor=request.user))
        )

    def post(self, request, *args, **kwargs):
        form = OperatorForm(request.POST, actor=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                credentials = create_operator(
                    actor=request.user,
                    name=data["name"],
                    desa=data["desa"],
                    phone=data["phone"],
                    email=data["email"],
                    is_kim=data["is_kim"],
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                return self.render_sheet([credentials], _("New operator account"))
        return self.render_to_response(self.get_context_data(form=form))


class OperatorImportView(
    CsvUploadMixin, CredentialsSheetMixin, OperatorAdminMixin, TemplateView
):
    template_name = "accounts/admin/operator_import.html"
    page_title = gettext_lazy("Import operators from CSV")
    header_icon = "upload"
    form_class = OperatorImportForm

    def run_import(self, raw):
        return import_operators(actor=self.request.user, raw=raw)

    def imported(self, result):
        return self.render_sheet(result, _("New operator accounts"))


class OperatorEditView(OperatorAdminMixin, TemplateView):
    template_name = "accounts/admin/operator_form.html"
    header_icon = "user"

    def get_page_title(self):
        return _("Edit operator")

    def get_initial(self, operator):
        return {
            "name": operator.get_full_name(),
            "phone": operator.phone or "",
            "email": operator.email,
            "desa": operator.region,
            "is_kim": operator.is_kim,
        }

    def get(self, request, *args, **kwargs):
        operator = self.get_operator()
        form = OperatorForm(
            initial=self.get_initial(operator), actor=request.user, operator=operator
        )
        return self.render_to_response(
            self.get_context_data(form=form, operator=operator)
        )

    def post(self, request, *args, **kwargs):
        from .services import update_operator

        operator = self.get_operator()
        form = OperatorForm(request.POST, actor=request.user, operator=operator)
        if form.is_valid():
            update_operator(actor=request.user, operator=operator, **form.cleaned_data)
            messages.success(
                request,
                _("The operator %(name)s has been saved.")
                % {"name": operator.display_name},
            )
            return redirect("operators:index")
        return self.render_to_response(
            self.get_context_data(form=form, operator=operator)
        )


class OperatorResetPasswordView(
    CredentialsSheetMixin, OperatorAdminMixin, TemplateView
):
    template_name = "accounts/admin/operator_confirm.html"
    header_icon = "key"

    def get_page_title(self):
        return _("Reset password")

    def get(self, request, *args, **kwargs):
        operator = self.get_operator()
        return self.render_to_response(
            self.get_context_data(
                operator=operator,
                question=_(
                    "Give %(name)s a new one-time password? The old password stops working at once."
                )
                % {"name": operator.display_name},
                button=_("Reset password"),
            )
        )

    def post(self, request, *args, **kwargs):
        operator = self.get_operator()
        credentials = reset_operator_password(actor=request.user, operator=operator)
        return self.render_sheet([credentials], _("New one-time password"))


class OperatorDeactivateView(OperatorAdminMixin, TemplateView):
    template_name = "accounts/admin/operator_confirm.html"
    header_icon = "cross"

    def get_page_title(self):
        return _("Deactivate operator")

    def get(self, request, *args, **kwargs):
        operator = self.get_operator()
        return self.render_to_response(
            self.get_context_data(
                operator=operator,
                form=DeactivateForm(),
                question=_(
                    "Deactivate %(name)s? They can no longer sign in and lose publishing rights. "
                    "Their desa keeps its pages and history."
                )
                % {"name": operator.display_name},
                button=_("Deactivate"),
            )
        )

    def post(self, request, *args, **kwargs):
        operator = self.get_operator()
        form = DeactivateForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        deactivate_operator(actor=request.user, operator=operator, reason=reason)
        messages.success(
            request,
            _("%(name)s has been deactivated.") % {"name": operator.display_name},
        )
        return redirect("operators:index")


class OperatorReactivateView(OperatorAdminMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        operator = self.get_operator()
        reactivate_operator(actor=request.user, operator=operator)
        messages.success(
            request,
            _("%(name)s has been activated again.") % {"name": operator.display_name},
        )
        return redirect("operators:index")


class NameChangeRequestIndexView(OperatorAdminMixin, TemplateView):
    template_name = "accounts/admin/name_change_request_index.html"
    page_title = gettext_lazy("Name change requests")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["name_requests"] = operator_policy.name_change_requests_for(
            self.request.user
        ).filter(status=NameChangeRequest.Status.PENDING)
        return context


class NameChangeRequestDecideView(OperatorAdminMixin, TemplateView):
    """Approve (the operator takes the name) or reject, with a reason."""

    template_name = "accounts/admin/name_change_request_decide.html"
    page_title = gettext_lazy("Name change request")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("operators:index"), "label": _("Operators")},
            {
                "url": reverse("operators:name_requests"),
                "label": _("Name change requests"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_name_request(self):
        return get_object_or_404(
            operator_policy.name_change_requests_for(self.request.user),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(
                name_request=self.get_name_request(), form=NameChangeDecisionForm()
            )
        )

    def post(self, request, *args, **kwargs):
        name_request = self.get_name_request()
        form = NameChangeDecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == form.APPROVE:
                    approve_name_change(
                        actor=request.user,
                        name_request=name_request,
                        reason=data["reason"],
                    )
                    message = _("%(name)s is now the name of the account.")
                else:
                    reject_name_change(
                        actor=request.user,
                        name_request=name_request,
                        reason=data["reason"],
                    )
                    message = _("The request for the name %(name)s was rejected.")
            except NameChangeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, message % {"name": name_request.requested_name}
                )
                return redirect("operators:name_requests")
        name_request.refresh_from_db()
        return self.render_to_response(
            self.get_context_data(name_request=name_request, form=form)
        )


# Account settings ----------------------------------------------------------------------


class NameEmailSettingsPanel(account.NameEmailSettingsPanel):
    form_class = AccountNameEmailForm


class NameChangeRequestPanel(account.BaseSettingsPanel):
    """An operator asks for another name from their account settings too."""

    name = "name_change"
    title = gettext_lazy("Change of name")
    order = 110
    template_name = "accounts/admin/name_change_request_panel.html"

    def is_active(self):
        return self.user.is_operator

    def get_form(self):
        # Bound only when a name is written, so the other settings save without it.
        data = None
        if (
            self.request.method == "POST"
            and self.request.POST.get(f"{self.name}-name", "").strip()
        ):
            data = self.request.POST
        form = NameChangeRequestForm(data, operator=self.user, prefix=self.name)
        form.fields["name"].required = False
        return form

    def get_context_data(self):
        return {
            **super().get_context_data(),
            "pending": self.user.name_change_requests.filter(
                status=NameChangeRequest.Status.PENDING
            ).first(),
        }


class AccountView(account.AccountView):
    """Wagtail's account settings, where an operator cannot change their own name."""

    def get_panels(self):
        return [
            NameEmailSettingsPanel(panel.request, panel.user, panel.profile)
            if type(panel) is account.NameEmailSettingsPanel
            else panel
            for panel in super().get_panels()
        ]
