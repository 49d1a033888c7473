"""Printable documents of a workshop: invitation letters, daftar hadir, berita acara,
sign-in cards."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates import pdf
from lms.shared.exports import safe_cell
from lms.shared.qr import qr_svg
from regions.selectors import timezone_name_for_code

from .models import LetterSettings, WorkshopLetter
from .selectors import attendance_by_operator, participants, workshop_summary

# What a letter prints where its settings are not filled in yet: a clear blank.
BLANK = "…"
PERIHAL = {
    WorkshopLetter.Kind.INVITATION: "Undangan Lokakarya Operator Website Desa",
    WorkshopLetter.Kind.SUMMARY: "Berita Acara Lokakarya Operator Website Desa",
}


def render_pdf(
    template_name, context, workshop, stylesheet="workshops/pdf/document.css"
):
    with (
        translation.override("id"),
        timezone.override(timezone_name_for_code(workshop.kabupaten.code)),
    ):
        html = render_to_string(
            template_name, {**context, "workshop": workshop, "now": timezone.now()}
        )
    return pdf.render_pdf(html, stylesheet=stylesheet)


def attendance_rows(session):
    """Daftar hadir rows: the session's invited participants and check-in times."""
    people = [p for p in participants(session.workshop) if p.session_id == session.pk]
    attendance = attendance_by_operator(session.workshop)
    rows = []
    for number, person in enumerate(people, start=1):
        seen = attendance.get((session.pk, person.operator_id))
        rows.append(
            {
                "number": number,
                "name": person.operator.display_name,
                "desa": person.desa.display_name,
                "kecamatan": person.desa.parent.display_name,
                "kim": person.operator.is_kim,
                "walk_in": person.walk_in,
                "checked_in_at": timezone.localtime(seen.checked_in_at)
                if seen
                else None,
            }
        )
    return rows


HEADERS = ["No", "Nama", "Desa", "Kecamatan", "KIM", "Jam hadir"]


def _plain_rows(rows):
    for r in rows:
        yield [
            r["number"],
            r["name"],
            r["desa"],
            r["kecamatan"],
            "ya" if r["kim"] else "tidak",
            r["checked_in_at"].strftime("%H:%M") if r["checked_in_at"] else "",
        ]


def attendance_csv(session):
    with timezone.override(timezone_name_for_code(session.workshop.kabupaten.code)):
        rows = attendance_rows(session)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in _plain_rows(rows):
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()  # a BOM so spreadsheet programs read UTF-8


def attendance_xlsx(session):
    # Imported here: openpyxl is heavy and only the spreadsheet download needs it.
    from openpyxl import Workbook

    with timezone.override(timezone_name_for_code(session.workshop.kabupaten.code)):
        rows = attendance_rows(session)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Attendance")[:31]
    sheet.append(HEADERS)
    for row in _plain_rows(rows):
        sheet.append([v if isinstance(v, int) else safe_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def attendance_pdf(session):
    with timezone.override(timezone_name_for_code(session.workshop.kabupaten.code)):
        rows = attendance_rows(session)
    return render_pdf(
        "workshops/pdf/attendance.html",
        {"session": session, "rows": rows},
        session.workshop,
    )


def letter_settings_for(kabupaten):
    return (
        LetterSettings.objects.filter(kabupaten=kabupaten)
        .select_related("logo")
        .first()
    )


def letter_context(*, workshop, kind, letter, attached):
    """The kop, nomor/sifat/lampiran/perihal block and signatory of a letter;
    blanks ("…") where the kabupaten's letter settings are missing."""
    settings = letter_settings_for(workshop.kabupaten)

    def value(field):
        return (getattr(settings, field, "") if settings else "") or BLANK

    return {
        "kop": {
            "logo_url": pdf.image_url(settings.logo, "max-200x200")
            if settings
            else None,
            "office_name": value("office_name"),
            "address": settings.address if settings else "",
        },
        "number": letter.number if letter else BLANK,
        "dated": letter.dated if letter else None,
        "sifat": value("sifat"),
        "lampiran": "1 (satu) berkas" if attached else "-",
        "perihal": PERIHAL[kind],
        "signatory": {
            "name": value("signatory_name"),
            "nip": value("signatory_nip"),
            "title": value("signatory_title"),
        },
    }


def invitation_pdf(workshop, desa, *, letter=None):
    """The undangan to one desa's kepala desa; its operators in the attached list,
    or a row to fill in when the desa has no operator yet."""
    people = [p for p in participants(workshop) if p.desa_id == desa.pk]
    return render_pdf(
        "workshops/pdf/invitation.html",
        {
            "desa": desa,
            "people": people,
            "letter": letter_context(
                workshop=workshop,
                kind=WorkshopLetter.Kind.INVITATION,
                letter=letter,
                attached=True,
            ),
        },
        workshop,
    )


def summary_pdf(workshop, *, letter=None):
    """The berita acara; the daftar hadir of those who attended is attached."""
    summary = workshop_summary(workshop)
    attendance = attendance_by_operator(workshop)
    attended = {operator_id for (_session, operator_id) in attendance}
    attendees = [p for p in participants(workshop) if p.operator_id in attended]
    return render_pdf(
        "workshops/pdf/summary.html",
        {
            "summary": summary,
            "attendees": attendees,
            "letter": letter_context(
                workshop=workshop,
                kind=WorkshopLetter.Kind.SUMMARY,
                letter=letter,
                attached=bool(attendees),
            ),
        },
        workshop,
    )


CARDS_PER_PAGE = 10


def sign_in_cards_pdf(workshop, cards):
    """A4 sheets of ten cards to cut apart: name, desa, username and the QR code."""
    cards = sorted(
        cards, key=lambda c: (c.user.region.code, c.user.display_name.casefold())
    )
    items = [
        {
            "name": card.user.display_name,
            "username": card.user.username,
            "desa": card.user.region.display_name,
            "expires_at": card.expires_at,
            "qr": qr_svg(card.url),
        }
        for card in cards
    ]
    pages = [
        [
            items[i : i + 2]
            for i in range(start, min(start + CARDS_PER_PAGE, len(items)), 2)
        ]
        for start in range(0, len(items), CARDS_PER_PAGE)
    ]
    return render_pdf(
        "workshops/pdf/sign_in_cards.html",
        {"pages": pages},
        workshop,
        stylesheet="workshops/pdf/sign_in_cards.css",
    )
