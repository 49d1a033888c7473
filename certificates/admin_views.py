"""Admin screens for certificates: list, issue by hand, revoke, lift a revocation,
re-issue, preview."""

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import HistoryView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.models import ModelLogEntry

from accounts.models import User

from .forms import IssueForm, ReasonForm
from .models import Certificate
from .pdf import render_certificate
from .permissions import certificate_policy, template_policy
from .services import (
    CertificateError,
    certificates_zip,
    issue_certificate_by_hand,
    lift_revocation,
    reissue_certificate,
    revoke_certificate,
    validity_end,
)


class CertificateAdminMixin(WagtailAdminTemplateMixin):
    """The hand-made screens beside the generic list and history: issue, revoke,
    lift a revocation, re-issue."""

    header_icon = "doc-full"
    permission_action = "change"

    def dispatch(self, request, *args, **kwargs):
        if not certificate_policy.user_has_permission(
            request.user, self.permission_action
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_certificate(self):
        return get_object_or_404(
            certificate_policy.instances_user_has_permission_for(
                self.request.user, self.permission_action
            ).select_related("course", "operator"),
            pk=self.kwargs["pk"],
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates_admin:index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Certificate.Status.choices,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Certificate
        fields = ["status"]


class StatusColumn(Column):
    """The status, with why it ended and whether a revocation was lifted."""

    cell_template_name = "certificates/admin/status_cell.html"


class CertificateIndexView(IndexView):
    """The certificates of the user's region: search, status filter, spreadsheet
    export, and per certificate its PDF, check page, history and actions."""

    any_permission_required = ["change"]
    page_title = gettext_lazy("Certificates")
    search_fields = ["holder_name", "number", "desa_name"]
    search_backend_name = None
    filterset_class = CertificateFilterSet
    default_ordering = "-issued_at"
    paginate_by = 50
    list_export = [
        "number",
        "holder_name",
        "desa_code",
        "desa_name",
        "kecamatan_name",
        "kabupaten_name",
        "course_title",
        "issued_at",
        "valid_until",
        "get_status_display",
        "end_reason",
    ]
    export_headings = {
        "number": gettext_lazy("Number"),
        "holder_name": gettext_lazy("Holder"),
        "desa_code": gettext_lazy("Desa code"),
        "desa_name": gettext_lazy("Desa"),
        "kecamatan_name": gettext_lazy("Kecamatan"),
        "kabupaten_name": gettext_lazy("Kabupaten"),
        "course_title": gettext_lazy("Course"),
        "issued_at": gettext_lazy("Issued"),
        "valid_until": gettext_lazy("Valid until"),
        "get_status_display": gettext_lazy("Status"),
        "end_reason": gettext_lazy("Reason"),
    }

    def get_base_queryset(self):
        return certificate_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "number",
                label=gettext_lazy("Number"),
                sort_key="number",
                get_url=lambda c: reverse("certificates_admin:history", args=[c.pk]),
            ),
            Column("holder_name", label=gettext_lazy("Holder")),
            Column("desa_name", label=gettext_lazy("Desa")),
            Column("course_title", label=gettext_lazy("Course")),
            Column(
                "issued_at",
                label=gettext_lazy("Issued"),
                sort_key="issued_at",
                accessor=lambda c: date_format(
                    timezone.localtime(c.issued_at), "j M Y"
                ),
            ),
            Column(
                "valid_until",
                label=gettext_lazy("Valid until"),
                accessor=lambda c: (
                    date_format(c.valid_until, "j M Y") if c.valid_until else "—"
                ),
            ),
            StatusColumn("status", label=gettext_lazy("Status")),
        ]

    @cached_property
    def can_lift(self):
        return certificate_policy.user_has_permission(self.request.user, "lift")

    def get_list_more_buttons(self, certificate):
        """The links of one certificate's row, in its dropdown."""
        buttons = [
            Button(
                _("PDF"),
                url=reverse("certificates:download", args=[certificate.pk]),
                priority=10,
            ),
            Button(
                _("Check page"),
                url=reverse("certificates:verify", args=[certificate.token]),
                attrs={"target": "_blank"},
                priority=20,
            ),
            Button(
                _("History"),
                url=reverse("certificates_admin:history", args=[certificate.pk]),
                priority=30,
            ),
        ]
        if certificate.is_valid:
            buttons += [
                Button(
                    _("Re-issue"),
                    url=reverse("certificates_admin:reissue", args=[certificate.pk]),
                    priority=40,
                ),
                Button(
                    _("Revoke"),
                    url=reverse("certificates_admin:revoke", args=[certificate.pk]),
                    priority=50,
                ),
            ]
        elif self.can_lift and certificate.holds_back_new_certificates:
            buttons.append(
                Button(
                    _("Lift the revocation"),
                    url=reverse(
                        "certificates_admin:lift_revocation", args=[certificate.pk]
                    ),
                    priority=60,
                )
            )
        return buttons

    def listing_query_string(self):
        """The search and filters of this list, to carry into the ZIP download."""
        params = self.request.GET.copy()
        for key in (self.page_kwarg, "export", "_w_filter_fragment"):
            params.pop(key, None)
        return params.urlencode()

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(
                _("Issue a certificate by hand"),
                url=reverse("certificates_admin:issue"),
                icon_name="plus",
            )
        ]
        zip_url = reverse("certificates_admin:zip")
        if query := self.listing_query_string():
            zip_url += "?" + query
        buttons.append(
            HeaderButton(
                _("Download the listed PDFs (ZIP)"),
                url=zip_url,
                icon_name="download",
            )
        )
        return buttons


class CertificateZipView(CertificateIndexView):
    """The PDFs of the listed certificates (search and status applied) as one ZIP."""

    MAX = 500
    paginate_by = None

    def get(self, request, *args, **kwargs):
        certificates = list(self.get_queryset()[: self.MAX + 1])
        if len(certificates) > self.MAX:
            messages.error(
                request,
                _(
                    "More than %(max)s certificates match. Narrow the list with the search or status first."
                )
                % {"max": self.MAX},
            )
            return redirect("certificates_admin:index")
        response = HttpResponse(
            certificates_zip(certificates=certificates), content_type="application/zip"
        )
        response["Content-Disposition"] = 'attachment; filename="sertifikat.zip"'
        return response


class CertificateHistoryView(HistoryView):
    """Who issued, revoked, expired or replaced this certificate and why, and the
    publishing rights it moved."""

    any_permission_required = ["change"]
    page_title = gettext_lazy("Certificate history")

    def get_object(self):
        # Asked before dispatch: refuse staff-only screens the Wagtail way first.
        if not certificate_policy.user_has_permission(self.request.user, "change"):
            raise PermissionDenied
        return super().get_object()

    def get_base_object_queryset(self):
        return certificate_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )

    def get_base_queryset(self):
        certificate = self.object
        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Certificate),
            object_id=str(certificate.pk),
        ) | ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(certificate.operator_id),
            action__startswith="literasi.publishing.",
        )
        return self._annotate_queryset(entries)

    def get_page_subtitle(self):
        return str(self.object)

    @cached_property
    def columns(self):
        return [
            *super().columns,
            Column(
                "reason",
                label=gettext_lazy("Reason"),
                accessor=lambda entry: (entry.data or {}).get("reason") or "—",
            ),
        ]

    @cached_property
    def header_buttons(self):
        return []


class CertificateIssueView(CertificateAdminMixin, TemplateView):
    template_name = "certificates/admin/form.html"
    page_title = gettext_lazy("Issue a certificate by hand")
    permission_action = "add"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=IssueForm(actor=request.user))
        )

    def post(self, request, *args, **kwargs):
        form = IssueForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                certificate = issue_certificate_by_hand(
                    actor=request.user,
                    operator=form.cleaned_data["operator"],
                    course=form.cleaned_data["course"],
                    reason=form.cleaned_data["reason"],
                )
            except CertificateError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Certificate %(number)s is valid.")
                    % {"number": certificate.number},
                )
                return redirect("certificates_admin:index")
        return self.render_to_response(self.get_context_data(form=form))


class CertificateEndView(CertificateAdminMixin, TemplateView):
    template_name = "certificates/admin/form.html"
    service = None
    done_message = ""

    def get(self, request, *args, **kwargs):
        certificate = self.get_certificate()
        return self.render_to_response(
            self.get_context_data(form=ReasonForm(), certificate=certificate)
        )

    def post(self, request, *args, **kwargs):
        certificate = self.get_certificate()
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                result = type(self).service(
                    actor=request.user,
                    certificate=certificate,
                    reason=form.cleaned_data["reason"],
                )
            except CertificateError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, self.done_message % {"number": result.number})
                return redirect("certificates_admin:index")
        return self.render_to_response(
            self.get_context_data(form=form, certificate=certificate)
        )


class CertificateRevokeView(CertificateEndView):
    page_title = gettext_lazy("Revoke certificate")
    service = staticmethod(revoke_certificate)
    done_message = gettext_lazy(
        "Certificate %(number)s is revoked; its publishing rights were removed."
    )


class CertificateLiftRevocationView(CertificateEndView):
    """Lift a revocation so the operator may be issued this course's certificate
    again; the certificate itself stays revoked."""

    page_title = gettext_lazy("Lift the revocation")
    service = staticmethod(lift_revocation)
    done_message = gettext_lazy(
        "The revocation of certificate %(number)s is lifted; the operator may be issued a new certificate for this course again."
    )
    explanation = gettext_lazy(
        "The certificate stays revoked. After the revocation is lifted, the operator may earn or be issued a new certificate for this course again (on completing it, by hand, or in a workshop batch)."
    )

    permission_action = "lift"


class CertificateReissueView(CertificateEndView):
    page_title = gettext_lazy("Re-issue certificate")
    service = staticmethod(reissue_certificate)
    done_message = gettext_lazy(
        "The new certificate %(number)s is valid; the old one is marked replaced."
    )


def preview_template(request, pk):
    """A sample certificate in a template, as PDF, without saving anything."""
    template = get_object_or_404(
        template_policy.instances_user_has_permission_for(request.user, "view"), pk=pk
    )
    today = timezone.localdate()
    sample = Certificate(
        number=template.number_pattern.format(
            kabupaten=template.kabupaten.code if template.kabupaten else "00.00",
            year=today.year,
            seq=123,
        ),
        token="contoh",  # noqa: S106 - a sample, never saved
        short_code="CONTOH2345",
        holder_name="Siti Aminah",
        desa_name="Desa Contoh",
        kecamatan_name="Kecamatan Contoh",
        kabupaten_name=template.kabupaten.display_name
        if template.kabupaten
        else "Kabupaten Contoh",
        course_title="Operator Website Desa: Dasar",
        issued_at=timezone.now(),
        # As a certificate issued today in this template would say.
        valid_until=validity_end(template=template, issued_on=today),
    )
    response = HttpResponse(
        render_certificate(sample, template), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="pratinjau-sertifikat.pdf"'
    return response
