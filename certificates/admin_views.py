"""Admin screens for certificates: list, issue by hand, revoke, lift a revocation,
re-issue, preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import IssueForm, ReasonForm
from .models import Certificate
from .pdf import render_certificate
from .permissions import certificate_policy
from .services import (
    CertificateError,
    certificates_zip,
    issue_certificate_by_hand,
    lift_revocation,
    reissue_certificate,
    revoke_certificate,
)


class CertificateAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not certificate_policy.user_can_manage_any(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_certificate(self):
        return get_object_or_404(
            certificate_policy.certificates_for(self.request.user).select_related(
                "course", "operator"
            ),
            pk=self.kwargs["pk"],
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates_admin:index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]


def filtered_certificates(request):
    """The certificates in the user's region matching the list's search and status."""
    certificates = certificate_policy.certificates_for(request.user).order_by(
        "-issued_at"
    )
    query = request.GET.get("q", "").strip()
    if query:
        certificates = certificates.filter(
            Q(holder_name__icontains=query)
            | Q(number__icontains=query)
            | Q(desa_name__icontains=query)
        )
    status = request.GET.get("status", "")
    if status in Certificate.Status.values:
        certificates = certificates.filter(status=status)
    return certificates, query, status


class CertificateIndexView(CertificateAdminMixin, TemplateView):
    template_name = "certificates/admin/index.html"
    page_title = gettext_lazy("Certificates")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificates, query, status = filtered_certificates(self.request)
        context.update(
            {
                "page_obj": Paginator(certificates, 50).get_page(
                    self.request.GET.get("p")
                ),
                "query": query,
                "status": status,
                "statuses": Certificate.Status.choices,
                "can_lift": certificate_policy.user_can_lift_any_revocation(
                    self.request.user
                ),
            }
        )
        return context


class CertificateZipView(CertificateAdminMixin, TemplateView):
    """The PDFs of the listed certificates (search and status applied) as one ZIP."""

    MAX = 500

    def get(self, request, *args, **kwargs):
        certificates, _query, _status = filtered_certificates(request)
        certificates = list(certificates[: self.MAX + 1])
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
            certificates_zip(certificates), content_type="application/zip"
        )
        response["Content-Disposition"] = 'attachment; filename="sertifikat.zip"'
        return response


class CertificateHistoryView(CertificateAdminMixin, TemplateView):
    """Who issued, revoked, expired or replaced this certificate and why, and the
    publishing rights it moved."""

    template_name = "certificates/admin/history.html"
    page_title = gettext_lazy("Certificate history")

    def get_context_data(self, **kwargs):
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import ModelLogEntry

        context = super().get_context_data(**kwargs)
        certificate = self.get_certificate()
        certificate_entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Certificate),
            object_id=str(certificate.pk),
        )
        rights_entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(certificate.operator),
            object_id=str(certificate.operator_id),
            action__startswith="literasi.publishing.",
        )
        entries = (
            (certificate_entries | rights_entries)
            .select_related("user")
            .order_by("-timestamp")
        )
        context.update({"certificate": certificate, "entries": entries})
        return context


class CertificateIssueView(CertificateAdminMixin, TemplateView):
    template_name = "certificates/admin/form.html"
    page_title = gettext_lazy("Issue a certificate by hand")

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

    def dispatch(self, request, *args, **kwargs):
        if not certificate_policy.user_can_lift_any_revocation(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CertificateReissueView(CertificateEndView):
    page_title = gettext_lazy("Re-issue certificate")
    service = staticmethod(reissue_certificate)
    done_message = gettext_lazy(
        "The new certificate %(number)s is valid; the old one is marked replaced."
    )


def preview_template(request, pk):
    """A sample certificate in a template, as PDF, without saving anything."""
    template = get_object_or_404(certificate_policy.templates_for(request.user), pk=pk)
    sample = Certificate(
        number=template.number_pattern.format(
            kabupaten=template.kabupaten.code if template.kabupaten else "00.00",
            year=timezone.localdate().year,
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
        valid_until=timezone.localdate(),
    )
    response = HttpResponse(
        render_certificate(sample, template), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="pratinjau-sertifikat.pdf"'
    return response
