"""Bad input: malformed CSV files for every importer, tampered form posts and
oversized fields.

Each bad file is refused as a whole: the error names the line at fault (0 for the
whole file) and says what to do, and the importer writes nothing, not even the good
line the file also holds. A tampered post is refused (400, 404, or the form shown
again with its error) and changes nothing; an oversized field gets a clear error,
never a server error.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from accounts.models import User
from accounts.services import import_operators
from certificates.models import Certificate
from certificates.services import issue_certificate
from courses.factories import build_course
from courses.models import QuizAnswer, QuizPage
from courses.services import start_attempt
from desk.models import HelpMessage, HelpRequest
from desk.services import open_help_request
from lms.shared.csvimport import ImportFailed
from portal.models import DesaAccess, ExternalActivity
from readiness.services import import_activity, rebuild_summaries
from regions.models import Region
from regions.services import import_regions_from_csv
from workshops.factories import build_workshop
from workshops.models import Invitation
from workshops.services import workshops as workshop_services

CSV_FIELD_LIMIT = 131_072  # Python's csv.field_size_limit() default
NUL = (
    "The file contains NUL characters, so it is not CSV text. "
    "Save it as “CSV UTF-8” and try again."
)
NUL_IN_ANSWER = (
    "The answer contains a character that cannot be saved (a NUL character). "
    "Type the answer again and save."
)
NOT_UTF8 = "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."
COLUMNS = "Expected the columns %(columns)s; found %(n)s column(s)."
EMPTY = "The file is empty. Use the columns %(columns)s."
TOO_LARGE = "The file is larger than %(size)s. Split it into smaller files."
# settings.CSV_IMPORT_MAX_BYTES as an Indonesian admin reads it.
LIMIT = "2,0\xa0MB"
UNREADABLE = (
    "This line cannot be read as CSV: a field is longer than %(limit)s characters "
    "or the line breaks are not CSV ones. Save the file as “CSV UTF-8” and try again."
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def csv_file(*lines, encoding="utf-8"):
    return ("\n".join(lines) + "\n").encode(encoding)


def larger_than_the_limit(header, good_line):
    """A file of good lines, one line more than CSV_IMPORT_MAX_BYTES holds."""
    return csv_file(header, *[good_line] * (2 * 1024 * 1024 // len(good_line)))


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def png(size=(40, 30), noise=False):
    """A PNG picture; with `noise`, one that does not compress (a large file)."""
    if noise:
        picture = PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        picture = PILImage.new("RGB", size, (11, 110, 79))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def gif():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (11, 110, 79)).save(buffer, format="GIF")
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# CSV files. Each importer's table lists a bad file and the errors it must give:
# (line, msgid, params). The good line of each file would be written were the file
# accepted, so "nothing written" also proves all-or-nothing.

REGION_HEADER = "kode,nama"
REGION_GOOD = "19.06.02.2099,Desa Uji Baru"

REGION_FILES = {
    "latin-1": (
        csv_file(
            REGION_HEADER, REGION_GOOD, "19.06.02.2098,Desa Selatán", encoding="latin-1"
        ),
        [(3, NOT_UTF8, {})],
    ),
    "utf-16": (
        csv_file(REGION_HEADER, REGION_GOOD, encoding="utf-16"),
        [(1, NOT_UTF8, {})],
    ),
    # The header after a BOM is still recognised: line 1 gives no error.
    "bom": (
        "\ufeff".encode() + csv_file(REGION_HEADER, REGION_GOOD, "19.06.02.2098"),
        [(3, COLUMNS, {"columns": REGION_HEADER, "n": 1})],
    ),
    "missing-column": (
        csv_file(REGION_HEADER, REGION_GOOD, "19.06.02.2098"),
        [(3, COLUMNS, {"columns": REGION_HEADER, "n": 1})],
    ),
    "extra-column": (
        csv_file(REGION_HEADER, REGION_GOOD, "19.06.02.2098,Desa Lain,catatan"),
        [(3, COLUMNS, {"columns": REGION_HEADER, "n": 3})],
    ),
    "formula": (
        csv_file(REGION_HEADER, REGION_GOOD, '=HYPERLINK("http://x.invalid"),Desa'),
        [
            (
                3,
                "The code “%(code)s” is not a Kemendagri code such as 19.06.02.2003.",
                {"code": '=HYPERLINK("http://x.invalid")'},
            )
        ],
    ),
    "10000-characters": (
        csv_file(REGION_HEADER, REGION_GOOD, "19.06.02.2098," + "a" * 10_000),
        [(3, "The name is longer than 255 characters.", {})],
    ),
    "beyond-the-csv-field-limit": (
        csv_file(REGION_HEADER, REGION_GOOD, "19.06.02.2098," + "a" * 200_000),
        [(3, UNREADABLE, {"limit": CSV_FIELD_LIMIT})],
    ),
    "nul": (
        csv_file(REGION_HEADER, REGION_GOOD, "19.06.02.2098,Desa\x00Lain"),
        [(3, NUL, {})],
    ),
    "carriage-returns-only": (
        csv_file(REGION_HEADER, REGION_GOOD).replace(b"\n", b"\r"),
        [(1, UNREADABLE, {"limit": CSV_FIELD_LIMIT})],
    ),
    "larger-than-the-limit": (
        larger_than_the_limit(REGION_HEADER, REGION_GOOD),
        [(0, TOO_LARGE, {"size": LIMIT})],
    ),
    "empty": (b"", [(0, EMPTY, {"columns": REGION_HEADER})]),
    "blank-lines": (b"\n  \n\n", [(0, EMPTY, {"columns": REGION_HEADER})]),
    "header-only": (
        csv_file(REGION_HEADER),
        [(0, "The file has no regions. Write one region per line: kode,nama.", {})],
    ),
}

OPERATOR_HEADER = "nama,telepon,email,kode_desa,kim"
OPERATOR_GOOD = "Ani Lestari,0812 3456 7001,,19.06.02.2003,tidak"
OPERATOR_NO_ROWS = (
    "The file has no operators. Write one operator per line under the header."
)
NOT_A_PHONE = "“%(phone)s” is not an Indonesian phone number"
EMAIL_TOO_LONG = "the email address is longer than %(limit)s characters"
# Valid by RFC (at most 320 characters) but longer than the database column (254).
LONG_EMAIL = "siti@" + ".".join(["a" * 60] * 5) + ".id"

OPERATOR_FILES = {
    "latin-1": (
        csv_file(
            OPERATOR_HEADER,
            OPERATOR_GOOD,
            "José Ramos,081234567002,,19.06.02.2003,tidak",
            encoding="latin-1",
        ),
        [(3, NOT_UTF8, {})],
    ),
    "utf-16": (
        csv_file(OPERATOR_HEADER, OPERATOR_GOOD, encoding="utf-16"),
        [(1, NOT_UTF8, {})],
    ),
    "bom": (
        "\ufeff".encode()
        + csv_file(
            OPERATOR_HEADER, OPERATOR_GOOD, "Budi,bukan-nomor,,19.06.02.2003,tidak"
        ),
        [(3, NOT_A_PHONE, {"phone": "bukan-nomor"})],
    ),
    "missing-column": (
        csv_file(OPERATOR_HEADER, OPERATOR_GOOD, "Budi,081234567003,19.06.02.2003"),
        [(3, COLUMNS, {"columns": OPERATOR_HEADER, "n": 3})],
    ),
    "extra-column": (
        csv_file(
            OPERATOR_HEADER,
            OPERATOR_GOOD,
            "Budi,081234567003,,19.06.02.2003,tidak,catatan",
        ),
        [(3, COLUMNS, {"columns": OPERATOR_HEADER, "n": 6})],
    ),
    "formula": (
        csv_file(OPERATOR_HEADER, OPERATOR_GOOD, "Budi,=1+2,,19.06.02.2003,tidak"),
        [(3, NOT_A_PHONE, {"phone": "=1+2"})],
    ),
    "10000-characters": (
        csv_file(
            OPERATOR_HEADER,
            OPERATOR_GOOD,
            "a" * 10_000 + ",081234567003,,19.06.02.2003,tidak",
        ),
        [(3, "the name is longer than 150 characters", {})],
    ),
    "email-of-312-characters": (
        csv_file(
            OPERATOR_HEADER,
            OPERATOR_GOOD,
            f"Budi,081234567003,{LONG_EMAIL},19.06.02.2003,tidak",
        ),
        [(3, EMAIL_TOO_LONG, {"limit": 254})],
    ),
    "beyond-the-csv-field-limit": (
        csv_file(
            OPERATOR_HEADER,
            OPERATOR_GOOD,
            "a" * 200_000 + ",081234567003,,19.06.02.2003,tidak",
        ),
        [(3, UNREADABLE, {"limit": CSV_FIELD_LIMIT})],
    ),
    "nul": (
        csv_file(
            OPERATOR_HEADER, OPERATOR_GOOD, "Budi\x00,081234567003,,19.06.02.2003,tidak"
        ),
        [(3, NUL, {})],
    ),
    "carriage-returns-only": (
        csv_file(OPERATOR_HEADER, OPERATOR_GOOD).replace(b"\n", b"\r"),
        [(1, UNREADABLE, {"limit": CSV_FIELD_LIMIT})],
    ),
    "larger-than-the-limit": (
        larger_than_the_limit(OPERATOR_HEADER, OPERATOR_GOOD),
        [(0, TOO_LARGE, {"size": LIMIT})],
    ),
    "empty": (b"", [(0, EMPTY, {"columns": OPERATOR_HEADER})]),
    "blank-lines": (b"\n  \n\n", [(0, EMPTY, {"columns": OPERATOR_HEADER})]),
    "header-only": (csv_file(OPERATOR_HEADER), [(0, OPERATOR_NO_ROWS, {})]),
}
# Messages about one line's cells are joined into a sentence: capital, full stop.
OPERATOR_CELL_MESSAGES = {
    NOT_A_PHONE,
    "the name is longer than 150 characters",
    EMAIL_TOO_LONG,
}

ACTIVITY_HEADER = "kode_desa,tanggal_terakhir_terbit,jumlah_artikel"
ACTIVITY_GOOD = "19.06.02.2003,2025-01-15,12"

ACTIVITY_FILES = {
    "latin-1": (
        csv_file(
            ACTIVITY_HEADER,
            ACTIVITY_GOOD,
            "19.06.02.2004,2025-01-15,dua belas (é)",
            encoding="latin-1",
        ),
        [(3, NOT_UTF8, {})],
    ),
    "utf-16": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, encoding="utf-16"),
        [(1, NOT_UTF8, {})],
    ),
    "bom": (
        "\ufeff".encode()
        + csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, "19.06.02.2004,kemarin,3"),
        [
            (
                3,
                "“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-10-31.",
                {"value": "kemarin"},
            )
        ],
    ),
    "missing-column": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, "19.06.02.2004"),
        [(3, COLUMNS, {"columns": ACTIVITY_HEADER, "n": 1})],
    ),
    "extra-column": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, "19.06.02.2004,2025-01-15,3,catatan"),
        [(3, COLUMNS, {"columns": ACTIVITY_HEADER, "n": 4})],
    ),
    "formula": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, "19.06.02.2004,2025-01-15,=1+2"),
        [
            (
                3,
                "The article count “%(value)s” is not a whole number.",
                {"value": "=1+2"},
            )
        ],
    ),
    "10000-characters": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, "9" * 10_000 + ",2025-01-15,3"),
        [
            (
                3,
                "Desa code “%(code)s” is unknown or outside your region.",
                {"code": "9" * 10_000},
            )
        ],
    ),
    "beyond-the-csv-field-limit": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, "9" * 200_000 + ",2025-01-15,3"),
        [(3, UNREADABLE, {"limit": CSV_FIELD_LIMIT})],
    ),
    "nul": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD, "19.06.02.2004,2025-01-15,3\x00"),
        [(3, NUL, {})],
    ),
    "carriage-returns-only": (
        csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD).replace(b"\n", b"\r"),
        [(1, UNREADABLE, {"limit": CSV_FIELD_LIMIT})],
    ),
    "larger-than-the-limit": (
        larger_than_the_limit(ACTIVITY_HEADER, ACTIVITY_GOOD),
        [(0, TOO_LARGE, {"size": LIMIT})],
    ),
    "empty": (b"", [(0, EMPTY, {"columns": ACTIVITY_HEADER})]),
    "blank-lines": (b"\n  \n\n", [(0, EMPTY, {"columns": ACTIVITY_HEADER})]),
    "header-only": (
        csv_file(ACTIVITY_HEADER),
        [(0, "The file has no rows. Write one desa per line.", {})],
    ),
}


def expected_errors(indonesian, expected, cell_messages=()):
    errors = []
    for line, msgid, params in expected:
        message = indonesian(msgid, **params)
        if msgid in cell_messages:
            message = message[0].upper() + message[1:] + "."
        errors.append((line, message))
    return errors


class TestRegionCsv:
    @pytest.mark.parametrize("case", REGION_FILES)
    def test_a_bad_file_is_refused_by_line_and_nothing_is_written(
        self, case, regions, indonesian
    ):
        """The error names the line at fault; the good line is not imported either."""
        raw, expected = REGION_FILES[case]
        before = Region.objects.count()

        with pytest.raises(ImportFailed) as refused:
            import_regions_from_csv(raw=raw)

        errors = [(error.line, error.message) for error in refused.value.errors]
        assert errors == expected_errors(indonesian, expected)
        assert Region.objects.count() == before
        assert not Region.objects.filter(code="19.06.02.2099").exists()

    def test_the_good_line_alone_is_imported(self, regions):
        """The files above fail because of their bad line, not their good one."""
        import_regions_from_csv(raw=csv_file(REGION_HEADER, REGION_GOOD))

        assert Region.objects.get(code="19.06.02.2099").name == "Desa Uji Baru"

    def test_a_file_excel_saved_with_semicolons_is_read(self, regions):
        """Semicolons are not bad input: Excel in Indonesian saves CSV with them, and
        every importer reads either separator."""
        import_regions_from_csv(
            raw=csv_file(REGION_HEADER.replace(",", ";"), REGION_GOOD.replace(",", ";"))
        )

        assert Region.objects.get(code="19.06.02.2099").name == "Desa Uji Baru"


class TestOperatorCsv:
    @pytest.mark.parametrize("case", OPERATOR_FILES)
    def test_a_bad_file_is_refused_by_line_and_nothing_is_written(
        self, case, beltim_admin, indonesian
    ):
        """The error names the line at fault; the good line's account is not made."""
        raw, expected = OPERATOR_FILES[case]
        before = User.objects.count()

        with pytest.raises(ImportFailed) as refused:
            import_operators(actor=beltim_admin, raw=raw)

        assert refused.value.errors == expected_errors(
            indonesian, expected, OPERATOR_CELL_MESSAGES
        )
        assert User.objects.count() == before

    def test_the_good_line_alone_is_imported(self, beltim_admin):
        """The files above fail because of their bad line, not their good one."""
        [credentials] = import_operators(
            actor=beltim_admin, raw=csv_file(OPERATOR_HEADER, OPERATOR_GOOD)
        )

        assert credentials.user.phone == "+6281234567001"

    def test_a_file_excel_saved_with_semicolons_is_read(self, beltim_admin):
        """Semicolons are not bad input here: Excel in Indonesian saves CSV with them,
        and the operator import reads either separator."""
        raw = csv_file(
            OPERATOR_HEADER.replace(",", ";"), OPERATOR_GOOD.replace(",", ";")
        )

        [credentials] = import_operators(actor=beltim_admin, raw=raw)

        assert credentials.user.region.code == "19.06.02.2003"

    def test_the_upload_screen_shows_the_refused_lines_without_a_server_error(
        self, beltim_admin, indonesian
    ):
        """Through the admin screen too: the form says nothing was imported and lists
        the line."""
        raw, _expected = OPERATOR_FILES["nul"]
        before = User.objects.count()

        response = signed_in(beltim_admin).post(
            reverse("operators:import"),
            {"file": SimpleUploadedFile("operator.csv", raw)},
        )

        assert response.status_code == 200
        assert response.context["line_errors"] == [(3, indonesian(NUL))]
        assert User.objects.count() == before

    def test_a_file_over_the_size_limit_is_refused_on_the_upload_screen(
        self, beltim_admin, indonesian
    ):
        """The size limit is said, not crashed into."""
        raw = larger_than_the_limit(OPERATOR_HEADER, OPERATOR_GOOD)
        before = User.objects.count()

        response = signed_in(beltim_admin).post(
            reverse("operators:import"),
            {"file": SimpleUploadedFile("operator.csv", raw)},
        )

        assert response.status_code == 200
        assert response.context["line_errors"] == [
            (0, indonesian(TOO_LARGE, size=LIMIT))
        ]
        assert User.objects.count() == before


class TestActivityCsv:
    @pytest.mark.parametrize("case", ACTIVITY_FILES)
    def test_a_bad_file_is_refused_by_line_and_nothing_is_written(
        self, case, beltim_admin, indonesian
    ):
        """The error names the line at fault; the good line's activity is not kept."""
        raw, expected = ACTIVITY_FILES[case]
        before = ExternalActivity.objects.count()

        with pytest.raises(ImportFailed) as refused:
            import_activity(actor=beltim_admin, raw=raw)

        assert refused.value.errors == expected_errors(indonesian, expected)
        assert ExternalActivity.objects.count() == before

    def test_the_good_line_alone_is_imported(self, beltim_admin):
        """The files above fail because of their bad line, not their good one."""
        assert (
            import_activity(
                actor=beltim_admin, raw=csv_file(ACTIVITY_HEADER, ACTIVITY_GOOD)
            )
            == 1
        )
        assert ExternalActivity.objects.get().article_count == 12

    def test_a_file_excel_saved_with_semicolons_is_read(self, beltim_admin):
        """Semicolons are not bad input here either: the activity import reads
        either separator, as the operator import does."""
        raw = csv_file(
            ACTIVITY_HEADER.replace(",", ";"), ACTIVITY_GOOD.replace(",", ";")
        )

        assert import_activity(actor=beltim_admin, raw=raw) == 1

    def test_a_file_over_the_size_limit_is_refused_on_the_upload_screen(
        self, beltim_admin, indonesian
    ):
        """The same limit and the same sentence as the operator import."""
        raw = larger_than_the_limit(ACTIVITY_HEADER, ACTIVITY_GOOD)

        response = signed_in(beltim_admin).post(
            reverse("readiness:import"),
            {"file": SimpleUploadedFile("aktivitas.csv", raw)},
        )

        assert response.status_code == 200
        assert response.context["line_errors"] == [
            (0, indonesian(TOO_LARGE, size=LIMIT))
        ]
        assert not ExternalActivity.objects.exists()


class TestFormulaText:
    def test_a_formula_in_a_name_is_kept_as_text_and_neutralised_in_exports(
        self, regions, beltim_admin
    ):
        """A name is free text, so a formula in it is imported as written; the
        spreadsheet exports put an apostrophe before it, so it never runs."""
        formula = "=cmd|' /C calc'!A0"
        import_regions_from_csv(raw=csv_file(REGION_HEADER, f"19.06.02.2003,{formula}"))
        rebuild_summaries(prefix="19.06")

        response = signed_in(beltim_admin).get(
            reverse("readiness:region", args=["19.06.02"]), {"format": "csv"}
        )

        assert Region.objects.get(code="19.06.02.2003").name == formula
        rows = response.content.decode("utf-8-sig").splitlines()
        assert any(f"19.06.02.2003,'{formula}," in row for row in rows)


# ---------------------------------------------------------------------------------------
# Tampered form posts.


@pytest.fixture
def course(portal):
    return build_course(title="Kursus Uji", modules=1, lessons_per_module=1)


@pytest.fixture
def quiz(course):
    return QuizPage.objects.descendant_of(course).get()


def question_url(attempt, number=1):
    return reverse("courses:question", args=[attempt.pk, number])


class TestTamperedQuizAnswers:
    def test_an_answer_posted_to_another_users_attempt_is_not_found(
        self, operator, other_operator, quiz
    ):
        """Budi's attempt does not exist for Siti, even with the right question id."""
        attempt = start_attempt(operator=other_operator, quiz=quiz)
        response = signed_in(operator).post(
            question_url(attempt),
            {"question_id": attempt.snapshot[0]["id"], "answer": "true"},
        )

        assert response.status_code == 404
        assert not QuizAnswer.objects.exists()

    def test_a_made_up_question_id_is_refused(self, operator, quiz, indonesian):
        """The page says the answer was for another question; nothing is saved."""
        attempt = start_attempt(operator=operator, quiz=quiz)

        response = signed_in(operator).post(
            question_url(attempt), {"question_id": "soal-karangan", "answer": "a"}
        )

        assert response.status_code == 400
        assert response.context["error"] == indonesian(
            "This answer was for another question. Answer the question shown."
        )
        assert not QuizAnswer.objects.exists()

    def test_the_id_of_another_question_of_the_attempt_is_refused(self, operator, quiz):
        """Question 2's id posted on question 1's page is refused, by fetch too."""
        attempt = start_attempt(operator=operator, quiz=quiz)

        response = signed_in(operator).post(
            question_url(attempt),
            {"question_id": attempt.snapshot[1]["id"], "answer": "true"},
            headers={"x-requested-with": "fetch"},
        )

        assert response.status_code == 400
        assert response.json()["saved"] is False
        assert not QuizAnswer.objects.exists()

    def test_a_made_up_choice_is_refused(self, operator, quiz, indonesian):
        """A choice id the question does not have is not saved as an answer."""
        attempt = start_attempt(operator=operator, quiz=quiz)
        number, question = next(
            (n, q) for n, q in enumerate(attempt.snapshot, start=1) if "choices" in q
        )

        response = signed_in(operator).post(
            question_url(attempt, number),
            {"question_id": question["id"], "answer": "pilihan-palsu"},
        )

        assert response.status_code == 400
        assert response.context["error"] == indonesian(
            "Choose an answer before saving."
        )
        assert not QuizAnswer.objects.exists()

    def test_a_typed_answer_with_a_nul_character_is_refused(
        self, operator, quiz, indonesian
    ):
        """PostgreSQL cannot store NUL in text: the page says so, nothing is saved."""
        attempt = start_attempt(operator=operator, quiz=quiz)
        number, question = next(
            (n, q)
            for n, q in enumerate(attempt.snapshot, start=1)
            if q["type"] == "short_text"
        )

        response = signed_in(operator).post(
            question_url(attempt, number),
            {"question_id": question["id"], "answer": "K\x00IM"},
        )

        assert response.status_code == 400
        assert response.context["error"] == indonesian(NUL_IN_ANSWER)
        assert not QuizAnswer.objects.exists()


def operator_form(desa, **changes):
    return {
        "name": "Rina Marlina",
        "phone": "0812 3456 7010",
        "email": "",
        "desa": desa.pk,
        **changes,
    }


class TestTamperedOperatorForm:
    """The desa list offers the admin's region only; a posted id from outside it is
    refused by the form, which is shown again with its error (200), as Wagtail's
    forms do."""

    @pytest.mark.parametrize(
        ("admin", "desa_code"),
        [
            ("gantung_admin", "19.06.01.2012"),  # Mekar Jaya, Kec. Manggar
            ("beltim_admin", "33.04.02.2005"),  # Klampok, another kabupaten
        ],
    )
    def test_adding_an_operator_to_a_desa_outside_the_region_is_refused(
        self, request, admin, desa_code, regions
    ):
        """No account is made."""
        browser = signed_in(request.getfixturevalue(admin))
        before = User.objects.count()

        response = browser.post(
            reverse("operators:add"), operator_form(Region.objects.get(code=desa_code))
        )

        assert response.status_code == 200
        assert "desa" in response.context["form"].errors
        assert User.objects.count() == before

    def test_moving_an_operator_to_a_desa_outside_the_region_is_refused(
        self, gantung_admin, operator
    ):
        """Siti stays in Jangkar Asam."""
        klampok = Region.objects.get(code="33.04.02.2005")

        response = signed_in(gantung_admin).post(
            reverse("operators:edit", args=[operator.pk]),
            operator_form(klampok, name="Siti Aminah", phone=operator.phone),
        )

        assert response.status_code == 200
        assert "desa" in response.context["form"].errors
        operator.refresh_from_db()
        assert operator.region.code == "19.06.02.2003"

    def test_a_name_of_10000_characters_is_refused(self, gantung_admin, regions):
        """The form says how long a name may be; no account is made."""
        before = User.objects.count()
        jangkar_asam = Region.objects.get(code="19.06.02.2003")

        response = signed_in(gantung_admin).post(
            reverse("operators:add"), operator_form(jangkar_asam, name="a" * 10_000)
        )

        assert response.status_code == 200
        assert "name" in response.context["form"].errors
        assert User.objects.count() == before

    def test_an_email_of_312_characters_is_refused(self, gantung_admin, regions):
        """Valid by RFC but longer than an account's email may be: the form says
        how long it may be; no account is made."""
        before = User.objects.count()
        jangkar_asam = Region.objects.get(code="19.06.02.2003")

        response = signed_in(gantung_admin).post(
            reverse("operators:add"), operator_form(jangkar_asam, email=LONG_EMAIL)
        )

        assert response.status_code == 200
        assert response.context["form"].errors["email"] == [
            "Pastikan nilai ini mengandung paling banyak 254 karakter "
            "(sekarang 312 karakter)."
        ]
        assert User.objects.count() == before

    def test_an_operators_email_of_312_characters_is_refused(
        self, gantung_admin, operator
    ):
        """Editing: the form shows the error; Siti's email stays as it was."""
        response = signed_in(gantung_admin).post(
            reverse("operators:edit", args=[operator.pk]),
            operator_form(
                operator.region,
                name="Siti Aminah",
                phone=operator.phone,
                email=LONG_EMAIL,
            ),
        )

        assert response.status_code == 200
        assert "email" in response.context["form"].errors
        operator.refresh_from_db()
        assert operator.email != LONG_EMAIL


class TestTamperedWorkshopPosts:
    @pytest.fixture
    def workshop(self, trainer, operator, course):
        workshop = build_workshop(actor=trainer, course=course)
        workshop_services.invite(
            actor=trainer, workshop=workshop, desa=[operator.region]
        )
        return workshop

    def test_moving_a_participant_to_another_workshops_session_is_not_found(
        self, trainer, operator, workshop, course
    ):
        """A session id from another workshop, even of the same kabupaten, is not
        found; Siti keeps her session."""
        other = build_workshop(actor=trainer, course=course)
        invitation = Invitation.objects.get(workshop=workshop, operator=operator)
        placed = invitation.session_id

        response = signed_in(trainer).post(
            reverse("workshops:participants", args=[workshop.pk]),
            {"invitation": invitation.pk, "session": other.sessions.first().pk},
        )

        assert response.status_code == 404
        invitation.refresh_from_db()
        assert invitation.session_id == placed

    def test_moving_another_workshops_participant_is_not_found(
        self, trainer, operator, workshop, course
    ):
        """An invitation id from another workshop is not found through this one."""
        other = build_workshop(actor=trainer, course=course)
        workshop_services.invite(actor=trainer, workshop=other, desa=[operator.region])
        invitation = Invitation.objects.get(workshop=other, operator=operator)
        placed = invitation.session_id

        response = signed_in(trainer).post(
            reverse("workshops:participants", args=[workshop.pk]),
            {"invitation": invitation.pk, "session": ""},
        )

        assert response.status_code == 404
        invitation.refresh_from_db()
        assert invitation.session_id == placed


class TestTamperedCertificateRevoke:
    def test_revoking_another_kabupatens_certificate_is_not_found(
        self, beltim_admin, klampok_operator, course
    ):
        """Belitung Timur's Diskominfo cannot revoke Sri's certificate by posting
        its id; it stays valid."""
        certificate = issue_certificate(operator=klampok_operator, course=course)

        response = signed_in(beltim_admin).post(
            reverse("certificates_admin:revoke", args=[certificate.pk]),
            {"reason": "Coba-coba"},
        )

        assert response.status_code == 404
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.VALID

    def test_a_reason_of_10000_characters_is_refused(
        self, gantung_admin, operator, course
    ):
        """The form says the reason is too long; the certificate stays valid."""
        certificate = issue_certificate(operator=operator, course=course)

        response = signed_in(gantung_admin).post(
            reverse("certificates_admin:revoke", args=[certificate.pk]),
            {"reason": "a" * 10_000},
        )

        assert response.status_code == 200
        assert "reason" in response.context["form"].errors
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.VALID


# ---------------------------------------------------------------------------------------
# Oversized fields and files.

TOO_LONG_MESSAGE = (
    "The message is longer than %(limit_value)d characters. "
    "Shorten it or send it in two parts."
)


class TestOversizedDeskPosts:
    def test_a_question_of_10000_characters_is_refused(self, operator, indonesian):
        """The form says how long a message may be; no thread is opened."""
        response = signed_in(operator).post(
            reverse("desk:open"),
            {"topic": "foto", "subject": "Foto hilang", "body": "a" * 10_000},
        )

        assert response.status_code == 400
        assert response.context["form"].errors["body"] == [
            indonesian(TOO_LONG_MESSAGE, limit_value=4000)
        ]
        assert not HelpRequest.objects.exists()

    def test_a_subject_of_10000_characters_is_refused(self, operator):
        """No thread is opened with a subject the database cannot hold."""
        response = signed_in(operator).post(
            reverse("desk:open"),
            {"topic": "foto", "subject": "a" * 10_000, "body": "Foto hilang."},
        )

        assert response.status_code == 400
        assert "subject" in response.context["form"].errors
        assert not HelpRequest.objects.exists()

    def test_a_follow_up_of_10000_characters_is_refused(self, operator, indonesian):
        """The thread keeps its one message."""
        thread = open_help_request(
            operator=operator, topic="foto", subject="Foto hilang", body="Tolong."
        )

        response = signed_in(operator).post(
            reverse("desk:thread", args=[thread.pk]), {"body": "a" * 10_000}
        )

        assert response.status_code == 400
        assert response.context["form"].errors["body"] == [
            indonesian(TOO_LONG_MESSAGE, limit_value=4000)
        ]
        assert HelpMessage.objects.filter(request=thread).count() == 1

    def test_a_screenshot_of_6_megabytes_is_refused(self, operator, indonesian):
        """The picture is too large to be a screenshot; no thread is opened."""
        response = signed_in(operator).post(
            reverse("desk:open"),
            {
                "topic": "foto",
                "subject": "Foto hilang",
                "body": "Lihat gambar.",
                "screenshot": SimpleUploadedFile(
                    "layar.png", png((1600, 1400), noise=True), "image/png"
                ),
            },
        )

        assert response.status_code == 400
        assert response.context["form"].errors["screenshot"] == [
            indonesian(
                "The screenshot is larger than 2 MB. Send a smaller picture, "
                "for example a screenshot of only the part that matters."
            )
        ]
        assert not HelpRequest.objects.exists()


class TestOversizedImageUpload:
    @pytest.mark.usefixtures("operators_as_limited_editors")
    def test_an_image_of_6_megabytes_is_refused_by_wagtails_form(self, operator):
        """Wagtail's image form says the file is over 5 MB; no image is kept."""
        collection = DesaAccess.objects.get(desa=operator.region).collection
        picture = png((1600, 1400), noise=True)
        assert len(picture) > 6 * 1024 * 1024

        response = signed_in(operator).post(
            reverse("wagtailimages:add"),
            {
                "title": "Foto besar",
                "collection": collection.pk,
                "file": SimpleUploadedFile("besar.png", picture, "image/png"),
            },
        )

        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not get_image_model().objects.exists()


# ---------------------------------------------------------------------------------------
# Pictures that are not whole, or carry a web page. Each upload path decodes the whole
# picture first: the form says what is wrong (never a 500) and nothing is stored.

UNREADABLE_PICTURE = (
    "The file cannot be opened as a whole picture: it is damaged, cut short or not a "
    "%(formats)s picture. Save the picture again and upload the new file."
)
MARKUP_IN_PICTURE = (
    "The picture contains web page code (HTML or script), which a picture must not "
    "carry. Save it again as a new picture, for example with a screenshot or a photo "
    "editor, and upload that file."
)
SCREENSHOT_NOT_A_PICTURE = (
    "The screenshot must be a picture in PNG, JPEG, WebP or GIF format. "
    "Take the screenshot again or choose another file."
)
# name, content, message for Wagtail's image forms, message for the desk
BAD_PICTURES = {
    "gif-header-then-html": (
        "foto.gif",
        b"GIF89a/*\x0a\x00\x0a\x00\x00\x00\x00*/=1;"
        b"<html><body><script>alert(document.cookie)</script></body></html>",
        UNREADABLE_PICTURE,
        SCREENSHOT_NOT_A_PICTURE,
    ),
    "gif-with-script-after-it": (
        "foto.gif",
        gif() + b"<script>alert(document.cookie)</script>",
        MARKUP_IN_PICTURE,
        MARKUP_IN_PICTURE,
    ),
    "png-cut-short": (
        "foto.png",
        png((200, 150), noise=True)[:45_000],
        UNREADABLE_PICTURE,
        SCREENSHOT_NOT_A_PICTURE,
    ),
}
IMAGE_FORMATS = "GIF, JPEG, PNG, WebP"


def stored_files(settings):
    roots = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]
    return [p for root in roots for p in Path(root).rglob("*") if p.is_file()]


@pytest.mark.parametrize("case", BAD_PICTURES)
class TestBadPictureUploads:
    @pytest.mark.usefixtures("operators_as_limited_editors")
    def test_wagtails_image_form_refuses_it(self, case, operator, indonesian, settings):
        """/admin/images/add/ shows the form again with the reason; no image is kept."""
        name, content, message, _desk_message = BAD_PICTURES[case]
        collection = DesaAccess.objects.get(desa=operator.region).collection

        response = signed_in(operator).post(
            reverse("wagtailimages:add"),
            {
                "title": "Foto",
                "collection": collection.pk,
                "file": SimpleUploadedFile(name, content),
            },
        )

        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [
            indonesian(message, formats=IMAGE_FORMATS)
        ]
        assert not get_image_model().objects.exists()
        assert stored_files(settings) == []

    @pytest.mark.usefixtures("operators_as_limited_editors")
    def test_wagtails_multiple_upload_refuses_it(
        self, case, operator, indonesian, settings
    ):
        """/admin/images/multiple/add/ answers with the reason; no image is kept."""
        name, content, message, _desk_message = BAD_PICTURES[case]
        collection = DesaAccess.objects.get(desa=operator.region).collection

        response = signed_in(operator).post(
            reverse("wagtailimages:add_multiple"),
            {
                "title": "Foto",
                "collection": collection.pk,
                "files[]": SimpleUploadedFile(name, content),
            },
        )

        assert response.status_code == 200
        assert response.json() == {
            "success": False,
            "error_message": indonesian(message, formats=IMAGE_FORMATS),
        }
        assert not get_image_model().objects.exists()
        assert stored_files(settings) == []

    def test_the_desk_refuses_it_as_a_screenshot(
        self, case, operator, indonesian, settings
    ):
        """The question form says why; no thread is opened and no file is stored."""
        name, content, _message, desk_message = BAD_PICTURES[case]

        response = signed_in(operator).post(
            reverse("desk:open"),
            {
                "topic": "foto",
                "subject": "Foto hilang",
                "body": "Lihat gambar.",
                "screenshot": SimpleUploadedFile(name, content),
            },
        )

        assert response.status_code == 400
        assert response.context["form"].errors["screenshot"] == [
            indonesian(desk_message)
        ]
        assert not HelpRequest.objects.exists()
        assert stored_files(settings) == []
