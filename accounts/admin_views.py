"""Narrow admin screens for managing operators (instead of Wagtail's user admin)."""

import datetime
from dataclasses import dataclass

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import account
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from lms.shared.csvimport.views import CsvUploadMixin
from lms.shared.qr import qr_svg

from .forms import (
    AccountNameEmailForm,
    DeactivateForm,
    NameChangeDecisionForm,
    NameChangeRequestForm,
    OperatorForm,
    OperatorImportForm,
)
from .models import NameChangeRequest, User
from .permissions import operator_policy
from .services import (
    SIGN_IN_CARD_SHEET_DAYS,
    IssuedCard,
    NameChangeError,
    SignInCardError,
    approve_name_change,
    create_operator,
    deactivate_operator,
    import_operators,
    issue_sign_in_cards,
    reactivate_operator,
    reject_name_change,
    reset_operator_password,
    update_operator,
)


class OperatorAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "group"
    permission_action = "change"

    def dispatch(self, request, *args, **kwargs):
        if not operator_policy.user_has_permission(
            request.user, self.permission_action
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_operator(self):
        operator = get_object_or_404(
            operator_policy.instances_user_has_permission_for(
                self.request.user, "change"
            ).select_related("region"),
            pk=self.kwargs["pk"],
        )
        return operator

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("operators:index"), "label": _("Operators")},
            {"url": "", "label": self.get_page_title()},
        ]


class OperatorFilterSet(WagtailFilterSet):
    """Active operators unless asked otherwise."""

    ACTIVE, INACTIVE, ALL = "active", "inactive", "all"

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            (ACTIVE, gettext_lazy("Active")),
            (INACTIVE, gettext_lazy("Deactivated")),
            (ALL, gettext_lazy("All")),
        ],
        empty_label=None,
        initial=ACTIVE,
        method="filter_status",
    )

    class Meta:
        model = User
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = self.ACTIVE
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == self.ACTIVE:
            return queryset.filter(is_active=True)
        if value == self.INACTIVE:
            return queryset.filter(is_active=False)
        return queryset


class DesaColumn(Column):
    cell_template_name = "accounts/admin/operator_desa_cell.html"


class StatusColumn(Column):
    cell_template_name = "accounts/admin/operator_status_cell.html"


class ActionsColumn(Column):
    """Reset and deactivate, or activate again (a POST, so a small form)."""

    cell_template_name = "accounts/admin/operator_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        # Cells render without context processors: the form needs its token.
        return {
            **super().get_cell_context_data(instance, parent_context),
            "csrf_token": get_token(parent_context["request"]),
        }


class OperatorIndexView(IndexView):
    """The operators the user manages: search, status filter, spreadsheet export."""

    model = User
    permission_policy = operator_policy
    any_permission_required = ["change"]
    page_title = gettext_lazy("Operators")
    header_icon = "group"
    verbose_name = gettext_lazy("operator")
    verbose_name_plural = gettext_lazy("operators")
    index_url_name = "operators:index"
    index_results_url_name = "operators:index_results"
    search_fields = ["first_name", "last_name", "username", "phone", "region__name"]
    filterset_class = OperatorFilterSet
    default_ordering = ("region__code", "first_name", "last_name")
    paginate_by = 50
    list_export = [
        "username",
        "first_name",
        "last_name",
        "phone",
        "email",
        "region.code",
        "region.name",
        "is_kim",
        "is_active",
    ]
    export_headings = {
        "username": gettext_lazy("Username"),
        "first_name": gettext_lazy("First name"),
        "last_name": gettext_lazy("Last name"),
        "phone": gettext_lazy("Phone number"),
        "email": gettext_lazy("Email"),
        "region.code": gettext_lazy("Desa code"),
        "region.name": gettext_lazy("Desa"),
        "is_kim": "KIM",
        "is_active": gettext_lazy("Active"),
    }
    export_filename = "operator"

    def get_base_queryset(self):
        return operator_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).select_related("region", "region__parent")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query
        return queryset.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(username__icontains=query)
            # Numbers are kept as +62…: 0812… finds them without its leading 0.
            | Q(phone__icontains=query.lstrip("0"))
            | Q(region__name__icontains=query)
        )

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "display_name",
                label=gettext_lazy("Name"),
                url_name="operators:edit",
            ),
            Column("username", label=gettext_lazy("Username")),
            Column(
                "phone",
                label=gettext_lazy("Phone number"),
                accessor=lambda operator: operator.phone or "—",
            ),
            DesaColumn("region", label=gettext_lazy("Desa")),
            Column(
                "is_kim",
                label="KIM",
                accessor=lambda operator: _("Yes") if operator.is_kim else _("No"),
            ),
            StatusColumn("is_active", label=gettext_lazy("Status")),
            ActionsColumn("actions", label=gettext_lazy("Actions")),
        ]

    @cached_property
    def pending_name_changes(self):
        return (
            operator_policy.name_change_requests_for(self.request.user)
            .filter(status=NameChangeRequest.Status.PENDING)
            .count()
        )

    @cached_property
    def header_buttons(self):
        name_requests = _("Name change requests")
        if self.pending_name_changes:
            name_requests = f"{name_requests} ({self.pending_name_changes})"
        return [
            HeaderButton(
                _("Add operator"), url=reverse("operators:add"), icon_name="plus"
            ),
            HeaderButton(
                _("Import from CSV"),
                url=reverse("operators:import"),
                icon_name="upload",
            ),
            HeaderButton(
                name_requests, url=reverse("operators:name_requests"), icon_name="user"
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending_name_changes"] = self.pending_name_changes
        return context


@dataclass
class CredentialsRow:
    """A line of the sheet: a new password and the card that signs in without it."""

    user: User
    password: str
    card: IssuedCard | None
    qr: str


class CredentialsSheetMixin:
    """The sheet of new one-time passwords, each with a sign-in card's QR code."""

    sheet_template = "accounts/admin/credentials_sheet.html"

    def sign_in_cards(self, credentials):
        """{user pk: IssuedCard}; empty if no card can be made (the passwords are
        set already, so the sheet is shown whatever happens to the cards)."""
        try:
            cards = issue_sign_in_cards(
                actor=self.request.user,
                users=[item.user for item in credentials if item.user.is_active],
                valid_until=timezone.now()
                + datetime.timedelta(days=SIGN_IN_CARD_SHEET_DAYS),
            )
        except (PermissionDenied, SignInCardError):
            return {}
        return {card.user.pk: card for card in cards}

    def render_sheet(self, credentials, title):
        self.template_name = self.sheet_template
        cards = self.sign_in_cards(credentials)
        rows = []
        for item in credentials:
            card = cards.get(item.user.pk)
            rows.append(
                CredentialsRow(
                    user=item.user,
                    password=item.password,
                    card=card,
                    qr=qr_svg(card.url) if card else "",
                )
            )
        return self.render_to_response(
            self.get_context_data(
                credentials=rows,
                sheet_title=title,
                login_url=self.request.build_absolute_uri(reverse("accounts:login")),
                cards_valid_until=next(iter(cards.values())).expires_at
                if cards
                else None,
            )
        )


class OperatorCreateView(CredentialsSheetMixin, OperatorAdminMixin, TemplateView):
    template_name = "accounts/admin/operator_form.html"
    page_title = gettext_lazy("Add operator")
    header_icon = "user"
    permission_action = "add"

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
    permission_action = "add"

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
        return operator_policy.user_can_ask_for_name_change(self.user)

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
