"""Public verification (no login) and certificate downloads."""

import zoneinfo
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.shared.http import allow_any_origin
from lms.shared.ratelimit import client_rate_limited
from regions.selectors import timezone_name_for_code

from .credentials import certificate_credential, did_document, status_list_credential
from .keys import IssuerKeyError
from .models import Certificate
from .permissions import certificate_policy
from .services import normalize_short_code
from .tasks import render_certificate_pdf

LOOKUPS_PER_MINUTE = 10


def public_facts(certificate):
    """What a certificate states, and nothing else about the person."""
    zone = zoneinfo.ZoneInfo(timezone_name_for_code(certificate.desa_code))
    return {
        "number": certificate.number,
        "status": certificate.status,
        "status_label": certificate.get_status_display(),
        "holder": certificate.holder_name,
        "desa": certificate.desa_name,
        "kecamatan": certificate.kecamatan_name,
        "kabupaten": certificate.kabupaten_name,
        "course": certificate.course_title,
        "issued_on": certificate.issued_at.astimezone(zone).date().isoformat(),
        "valid_until": certificate.valid_until.isoformat()
        if certificate.valid_until
        else None,
        "grants_publishing_rights": certificate.is_valid
        and certificate.course.grants_publishing_rights,
    }


def _not_found(request):
    return TemplateResponse(request, "certificates/not_found.html", status=404)


def _lookup(token, *, renewals=False):
    """The certificate with this token; with `renewals`, also the certificate it
    renews and the one renewing it (in the same query)."""
    if not token or len(token) > 64:
        return None
    related = ("course", "renews", "renewed_by") if renewals else ("course",)
    return Certificate.objects.select_related(*related).filter(token=token).first()


@require_GET
def verify(request, token):
    certificate = _lookup(token, renewals=True)
    if certificate is None:
        return _not_found(request)
    facts = public_facts(certificate)
    return TemplateResponse(
        request,
        "certificates/verify.html",
        {
            "facts": facts,
            "certificate": certificate,
            "issued_on": date.fromisoformat(facts["issued_on"]),
        },
    )


@require_GET
@allow_any_origin
def verify_json(request, token):
    certificate = _lookup(token)
    if certificate is None:
        return JsonResponse({"found": False}, status=404)
    return JsonResponse({"found": True, **public_facts(certificate)})


def _json(document, *, filename=None):
    response = JsonResponse(document, json_dumps_params={"indent": 2})
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@allow_any_origin
def credential(request, token):
    """The certificate as a signed Open Badges 3.0 credential (public, like verify).

    A revoked, replaced or expired certificate still has its credential: a verifier
    reads the revocation list it points to and its validUntil.
    """
    certificate = _lookup(token)
    if certificate is None:
        return _not_found(request)
    try:
        document = certificate_credential(certificate)
    except IssuerKeyError as exc:
        return TemplateResponse(
            request,
            "certificates/credential_unavailable.html",
            {"certificate": certificate, "message": str(exc)},
            status=404,
        )
    filename = "kredensial-" + certificate.number.replace("/", "-") + ".json"
    return _json(document, filename=filename)


@require_GET
@allow_any_origin
def issuer_did_document(request, code):
    """did:web document of the kabupaten: the public keys its credentials verify with."""
    try:
        document = did_document(kabupaten_code=code)
    except IssuerKeyError:
        document = None
    if document is None:
        return JsonResponse({"found": False}, status=404)
    return _json(document)


@require_GET
@allow_any_origin
@never_cache
def status_list(request, code):
    """The kabupaten's signed revocation list (W3C Bitstring Status List)."""
    try:
        document = status_list_credential(kabupaten_code=code)
    except IssuerKeyError:
        return JsonResponse({"found": False}, status=404)
    return _json(document)


@never_cache
def lookup(request):
    """Type the short code printed on the certificate."""
    code = request.GET.get("kode", "").strip()
    context = {"code": code}
    if code:
        if client_rate_limited(
            request, scope="certificate-lookup", limit=LOOKUPS_PER_MINUTE
        ):
            context["error"] = _(
                "Too many checks from your connection. Wait a minute and try again."
            )
            return TemplateResponse(
                request, "certificates/lookup.html", context, status=429
            )
        normalized = normalize_short_code(value=code)
        certificate = (
            Certificate.objects.filter(short_code=normalized).only("token").first()
            if normalized
            else None
        )
        if certificate is None:
            return _not_found(request)
        return redirect("certificates:verify", token=certificate.token)
    return TemplateResponse(request, "certificates/lookup.html", context)


@login_required
def download(request, pk):
    certificate = get_object_or_404(
        certificate_policy.instances_user_has_permission_for(request.user, "view"),
        pk=pk,
    )
    if not certificate.pdf:
        # Rendering runs in the background; ask the worker again in case it was lost.
        render_certificate_pdf.enqueue(certificate.pk)
        certificate.refresh_from_db()
        if not certificate.pdf:
            return TemplateResponse(
                request,
                "certificates/pending.html",
                {"certificate": certificate},
                status=202,
            )
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
