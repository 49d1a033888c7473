"""Spreadsheets downloaded from Wagtail's own reports are formula-safe."""

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from lms.shared.exports import FORMULA_START
from portal.factories import NewsPageFactory

EVIL_TITLE = '=HYPERLINK("http://x","y")'
REPORTS = [
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/site-history/",
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
]


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_cells(raw):
    text = raw.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(raw):
    sheet = load_workbook(io.BytesIO(raw)).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


@pytest.fixture
def evil_page(desa_page, operator, superuser):
    """A live news page titled as a formula, locked, with changes in moderation."""
    page = NewsPageFactory(
        parent=desa_page,
        title=EVIL_TITLE,
        live=True,
        last_published_at=timezone.now() - dt.timedelta(days=400),
    )
    page.save_revision(user=operator, log_action=True)
    page.get_workflow().start(page, operator)
    page.locked = True
    page.locked_by = superuser
    page.locked_at = timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    return page


class TestWagtailReportExports:
    @pytest.mark.parametrize("url", REPORTS)
    def test_no_csv_cell_starts_a_formula(self, url, evil_page, superuser):
        """The formula title comes out as text with a leading apostrophe."""
        response = signed_in(superuser).get(url, {"export": "csv"})

        assert response.status_code == 200
        cells = csv_cells(body_of(response))
        assert "'" + EVIL_TITLE in cells
        assert not [c for c in cells if c.startswith(FORMULA_START)]

    @pytest.mark.parametrize("url", REPORTS)
    def test_no_xlsx_cell_starts_a_formula(self, url, evil_page, superuser):
        """In the workbook too the title is plain text, not a formula."""
        response = signed_in(superuser).get(url, {"export": "xlsx"})

        assert response.status_code == 200
        cells = xlsx_cells(body_of(response))
        assert "'" + EVIL_TITLE in cells
        texts = [c for c in cells if isinstance(c, str)]
        assert not [c for c in texts if c.startswith(FORMULA_START)]

    def test_dates_and_numbers_keep_their_type_in_the_workbook(
        self, evil_page, superuser
    ):
        """Neutralising touches text only: the publication date stays a date."""
        response = signed_in(superuser).get(
            "/admin/reports/aging-pages/", {"export": "xlsx"}
        )

        cells = xlsx_cells(body_of(response))
        assert any(isinstance(c, dt.datetime) for c in cells)

    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_listing_exports_are_formula_safe_too(self, fmt, superuser, regions):
        """A redirect's target typed as a formula downloads as text, in both formats."""
        from wagtail.contrib.redirects.models import Redirect

        Redirect.objects.create(old_path="/lama", redirect_link="@SUM(1+1)")

        response = signed_in(superuser).get("/admin/redirects/", {"export": fmt})

        raw = body_of(response)
        cells = csv_cells(raw) if fmt == "csv" else xlsx_cells(raw)
        assert "'@SUM(1+1)" in cells
        texts = [c for c in cells if isinstance(c, str)]
        assert not [c for c in texts if c.startswith(FORMULA_START)]
