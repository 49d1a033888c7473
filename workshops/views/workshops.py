"""Trainer screens for a workshop day; phone-friendly, no JavaScript needed."""

import hashlib

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from certificates.models import Certificate
from certificates.services import Skipped
from certificates.services import certificates_zip as build_zip
from regions.models import Region

from .. import documents, selectors
from ..forms import InviteForm, SessionForm, WalkInForm, WorkshopForm
from ..models import Invitation, WorkshopLetter, WorkshopSession
from ..permissions import letter_settings_policy, workshop_policy
from ..services import letters as letter_services
from ..services import workshops as services


def _workshop(request, pk, *, run=False):
    workshop = get_object_or_404(
        workshop_policy.workshops_for(request.user).select_related("kabupaten"), pk=pk
    )
    if run and not workshop_policy.user_can_run(request.user, workshop):
        raise PermissionDenied
    return workshop


def _session(request, pk, *, run=False):
    session = get_object_or_404(
        WorkshopSession.objects.select_related(
            "workshop", "workshop__kabupaten"
        ).filter(workshop__in=workshop_policy.workshops_for(request.user)),
        pk=pk,
    )
    if run and not workshop_policy.user_can_run(request.user, session.workshop):
        raise PermissionDenied
    return session


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def index(request):
    workshops = workshop_policy.workshops_for(request.user).select_related("kabupaten")
    if not workshops.exists() and not workshop_policy.user_can_plan(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "workshops/index.html",
        {
            "workshops": workshops,
            "can_plan": workshop_policy.user_can_plan(request.user),
        },
    )


@login_required
def create(request):
    kabupaten = workshop_policy.kabupaten_to_plan_in(request.user)
    if kabupaten is None:
        raise PermissionDenied
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = services.create_workshop(
            actor=request.user, kabupaten=kabupaten, **form.cleaned_data
        )
        messages.success(request, _("Workshop created. Add its sessions next."))
        return redirect("workshops:detail", pk=workshop.pk)
    return TemplateResponse(
        request, "workshops/form.html", {"form": form, "title": _("New workshop")}
    )


@login_required
def detail(request, pk):
    workshop = _workshop(request, pk)
    people = selectors.participants(workshop)
    sessions = list(workshop.sessions.all())
    counts = {s.pk: sum(1 for p in people if p.session_id == s.pk) for s in sessions}
    desa_list = selectors.invited_desa(workshop)
    can_run = workshop_policy.user_can_run(request.user, workshop)
    if can_run:
        # Under each desa's letter, its operators with a WhatsApp link each.
        selectors.with_whatsapp_links(people, workshop)
        for desa in desa_list:
            desa.invited = [p for p in people if p.desa_id == desa.pk]
    return TemplateResponse(
        request,
        "workshops/detail.html",
        {
            "workshop": workshop,
            "sessions": [(s, counts[s.pk]) for s in sessions],
            "invited": len(people),
            "unplaced": sum(1 for p in people if p.session_id is None),
            "confirmed": bool(people) and all(p.confirmed for p in people),
            "desa_list": desa_list,
            "desa_without_operator": sum(1 for d in desa_list if not d.n_operators),
            "can_run": can_run,
            "letter_settings_missing": None
            if documents.letter_settings_for(workshop.kabupaten)
            else _letter_settings_missing(request.user, workshop),
        },
    )


@login_required
def add_session(request, pk):
    workshop = _workshop(request, pk, run=True)
    form = SessionForm(request.POST or None, initial={"date": workshop.start_date})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_session(
                actor=request.user, workshop=workshop, **form.cleaned_data
            )
        except services.WorkshopError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("workshops:detail", pk=workshop.pk)
    return TemplateResponse(
        request,
        "workshops/form.html",
        {"form": form, "title": _("Add a session"), "workshop": workshop},
    )


@login_required
def invite(request, pk):
    workshop = _workshop(request, pk, run=True)
    form = InviteForm(request.POST or None, kabupaten=workshop.kabupaten)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_desa(
                actor=request.user, workshop=workshop, desa=form.chosen_desa()
            )
        except services.WorkshopError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, invited_message(result))
            return redirect("workshops:participants", pk=workshop.pk)
    return TemplateResponse(
        request,
        "workshops/form.html",
        {"form": form, "title": _("Invite desa"), "workshop": workshop},
    )


def invited_message(result):
    """ "7 desa diundang (5 dengan operator) …": a desa without an operator is
    invited too, its letter asks the kepala desa for a name."""
    text = _(
        "%(d)s desa invited (%(with)s with an operator); %(n)s operator(s) newly invited. Check the proposed sessions."
    ) % {
        "d": result.desa,
        "with": result.desa_with_operator,
        "n": len(result.invitations),
    }
    if result.desa_without_operator:
        text += " " + _(
            "The letters of the %(n)s desa without an operator go to the kepala desa, with a row to fill in a name."
        ) % {"n": result.desa_without_operator}
    return text


@login_required
def participants(request, pk):
    workshop = _workshop(request, pk)
    can_run = workshop_policy.user_can_run(request.user, workshop)
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if "confirm" in request.POST:
            try:
                services.confirm_invitations(actor=request.user, workshop=workshop)
            except services.WorkshopError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The sessions are confirmed."))
        else:
            invitation = get_object_or_404(
                Invitation, workshop=workshop, pk=request.POST.get("invitation")
            )
            session_id = request.POST.get("session")
            session = (
                get_object_or_404(WorkshopSession, workshop=workshop, pk=session_id)
                if session_id
                else None
            )
            try:
                services.move_invitation(
                    actor=request.user, invitation=invitation, session=session
                )
            except services.WorkshopError as exc:
                messages.error(request, str(exc))
        return redirect("workshops:participants", pk=workshop.pk)
    people = selectors.participants(workshop)
    if can_run:
        selectors.with_whatsapp_links(people, workshop)
    return TemplateResponse(
        request,
        "workshops/participants.html",
        {
            "workshop": workshop,
            "people": people,
            "sessions": list(workshop.sessions.all()),
            "can_run": can_run,
        },
    )


def _letter(request, workshop, kind):
    """The document's nomor surat: given on the first print by someone who runs the
    workshop, the same on every reprint. Without letter settings the letter prints
    with blanks, and the user is told where they are filled in."""
    letter = letter_services.letter_for(
        workshop=workshop,
        kind=kind,
        allocate=workshop_policy.user_can_run(request.user, workshop),
    )
    if not documents.letter_settings_for(workshop.kabupaten):
        messages.warning(request, _letter_settings_missing(request.user, workshop))
    return letter


def _letter_settings_missing(user, workshop):
    if letter_settings_policy.user_can_edit_for(user, workshop.kabupaten):
        return _(
            "The letters of %(kabupaten)s print blanks for the letterhead, letter number and signatory: fill them in under Settings → Letter settings in the admin."
        ) % {"kabupaten": workshop.kabupaten.display_name}
    return _(
        "The letters of %(kabupaten)s print blanks for the letterhead, letter number and signatory: ask a Diskominfo admin of %(kabupaten)s to fill in the letter settings."
    ) % {"kabupaten": workshop.kabupaten.display_name}


@login_required
def invitation_letter(request, pk, desa_code):
    workshop = _workshop(request, pk)
    desa = get_object_or_404(Region, code=desa_code, parent__parent=workshop.kabupaten)
    letter = _letter(request, workshop, WorkshopLetter.Kind.INVITATION)
    return _attachment(
        documents.invitation_pdf(workshop, desa, letter=letter),
        "application/pdf",
        f"undangan-{desa.code}.pdf",
    )


@login_required
def attendance(request, pk):
    """The phone-friendly list: tick names as people arrive."""
    session = _session(request, pk)
    can_run = workshop_policy.user_can_run(request.user, session.workshop)
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        operator = get_object_or_404(
            User,
            pk=request.POST.get("operator"),
            workshop_invitations__workshop=session.workshop,
        )
        try:
            if request.POST.get("present") == "0":
                services.untick_attendance(
                    actor=request.user, session=session, operator=operator
                )
            else:
                services.tick_attendance(
                    actor=request.user, session=session, operator=operator
                )
        except services.WorkshopError as exc:
            messages.error(request, str(exc))
        return redirect(
            f"{reverse('workshops:attendance', args=[session.pk])}#p{operator.pk}"
        )
    people = [
        p
        for p in selectors.participants(session.workshop)
        if p.session_id == session.pk
    ]
    seen = selectors.attendance_by_operator(session.workshop)
    rows = [(p, seen.get((session.pk, p.operator_id))) for p in people]
    return TemplateResponse(
        request,
        "workshops/attendance.html",
        {
            "session": session,
            "rows": rows,
            "present": sum(1 for _p, a in rows if a),
            "can_run": can_run,
        },
    )


@login_required
def projector(request, pk):
    """The check-in QR code for the projector; it changes every minute."""
    session = _session(request, pk, run=True)
    code = services.checkin_code(session=session)
    url = request.build_absolute_uri(
        reverse("workshops:check_in", args=[session.pk, code])
    )
    opens, closes = services.session_window(session=session)
    return TemplateResponse(
        request,
        "workshops/projector.html",
        {
            "session": session,
            # No width or height, only a viewBox: the CSS sizes the code to the screen.
            "qr": segno.make(url, error="m").svg_inline(
                scale=10, border=2, omitsize=True
            ),
            "url": url,
            "open_now": opens <= timezone.now() <= closes,
            "present": session.attendances.count(),
            "refresh": services.CODE_SECONDS // 2,
        },
    )


@login_required
def check_in(request, pk, code):
    """Where the projector's QR code leads a participant."""
    session = get_object_or_404(
        WorkshopSession.objects.select_related("workshop", "workshop__kabupaten"), pk=pk
    )
    error = None
    attendance = None
    if request.method == "POST":
        try:
            attendance, _created = services.check_in_with_code(
                operator=request.user, session=session, code=code
            )
        except services.WorkshopError as exc:
            error = str(exc)
    return TemplateResponse(
        request,
        "workshops/check_in.html",
        {"session": session, "attendance": attendance, "error": error, "code": code},
        status=400 if error else 200,
    )


@login_required
def walk_in(request, pk):
    session = _session(request, pk, run=True)
    form = WalkInForm(request.POST or None, kabupaten=session.workshop.kabupaten)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            credentials = services.register_walk_in(
                actor=request.user,
                session=session,
                name=data["name"],
                desa=data["desa"],
                phone=data["phone"] or None,
                is_kim=data["is_kim"],
            )
        except (ValueError, services.WorkshopError) as exc:
            form.add_error(None, str(exc))
        else:
            return TemplateResponse(
                request,
                "workshops/walk_in_done.html",
                {"session": session, "credentials": credentials},
            )
    return TemplateResponse(
        request,
        "workshops/form.html",
        {"form": form, "title": _("Register a walk-in"), "workshop": session.workshop},
    )


@login_required
def board(request, pk):
    """The live board for the projector. Refreshes itself; unchanged data costs a 304."""
    workshop = _workshop(request, pk)
    # The grant links depend on who looks: one browser, two accounts, two boards.
    version = f"{request.user.pk}-{selectors.board_version(workshop)}"
    etag = '"' + hashlib.sha256(version.encode()).hexdigest()[:16] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    response = TemplateResponse(
        request,
        "workshops/board.html",
        {
            "workshop": workshop,
            **selectors.live_board(workshop, viewer=request.user),
            "refresh": 15,
            "back": request.get_full_path(),
        },
    )
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def attendance_document(request, pk, fmt):
    if fmt not in ("pdf", "csv", "xlsx"):
        raise Http404
    session = _session(request, pk)
    name = f"daftar-hadir-{session.workshop_id}-{session.pk}"
    if fmt == "pdf":
        return _attachment(
            documents.attendance_pdf(session), "application/pdf", f"{name}.pdf"
        )
    if fmt == "csv":
        return _attachment(
            documents.attendance_csv(session), "text/csv; charset=utf-8", f"{name}.csv"
        )
    return _attachment(
        documents.attendance_xlsx(session),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{name}.xlsx",
    )


@login_required
def summary(request, pk):
    workshop = _workshop(request, pk)
    letter = _letter(request, workshop, WorkshopLetter.Kind.SUMMARY)
    return _attachment(
        documents.summary_pdf(workshop, letter=letter),
        "application/pdf",
        f"berita-acara-{workshop.pk}.pdf",
    )


@require_POST
@login_required
def issue_certificates(request, pk):
    workshop = _workshop(request, pk, run=True)

    result = services.issue_workshop_certificates(actor=request.user, workshop=workshop)
    messages.success(
        request,
        _("%(n)s certificate(s) are valid for this workshop's participants.")
        % {"n": len(result.issued)},
    )
    not_completed = {}
    for skipped in result.skipped:
        if skipped.why == Skipped.Why.NOT_COMPLETED:
            not_completed.setdefault(skipped.course.title, []).append(
                skipped.operator.display_name
            )
        else:
            messages.warning(
                request,
                _("Not issued to %(name)s (%(course)s): %(reason)s")
                % {
                    "name": skipped.operator.display_name,
                    "course": skipped.course.title,
                    "reason": skipped.reason,
                },
            )
    for course, names in not_completed.items():
        messages.info(
            request,
            _("Not issued yet for %(course)s, the course is not completed: %(names)s.")
            % {"course": course, "names": ", ".join(names)},
        )
    return redirect("workshops:detail", pk=workshop.pk)


@login_required
def certificates_zip(request, pk):
    workshop = _workshop(request, pk, run=True)
    certificates = Certificate.objects.filter(
        operator__attendances__session__workshop=workshop,
        course__in=workshop.courses.all(),
        status=Certificate.Status.VALID,
    ).distinct()
    return _attachment(
        build_zip(certificates=list(certificates)),
        "application/zip",
        f"sertifikat-lokakarya-{workshop.pk}.zip",
    )


@login_required
def sign_in_cards(request, pk):
    """Print the invited operators' sign-in cards: a POST, since printing makes new
    cards and the old ones stop working."""
    workshop = _workshop(request, pk, run=True)
    if request.method == "POST":
        try:
            cards = services.print_sign_in_cards(actor=request.user, workshop=workshop)
        except services.WorkshopError as exc:
            messages.error(request, str(exc))
            return redirect("workshops:sign_in_cards", pk=workshop.pk)
        response = _attachment(
            documents.sign_in_cards_pdf(workshop, cards),
            "application/pdf",
            f"kartu-masuk-{workshop.pk}.pdf",
        )
        response["Cache-Control"] = "no-store"
        return response
    return TemplateResponse(
        request,
        "workshops/sign_in_cards.html",
        {
            "workshop": workshop,
            "operators": workshop.invitations.filter(operator__is_active=True).count(),
            "valid_until": services.sign_in_cards_valid_until(workshop=workshop),
        },
    )
