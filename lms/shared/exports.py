"""Spreadsheet exports shared by every table: CSV and XLSX, formula-safe."""

import csv
import functools
import io

from django.http import HttpResponse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a spreadsheet would run as a formula, made plain; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_cell(value):
    """Neutralise spreadsheet formulas in exported text (CSV/XLSX injection)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return neutralise_formula("" if value is None else str(value))


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode()  # a BOM so spreadsheets read UTF-8


def xlsx_bytes(headers, rows, title="Data"):
    # Imported here: openpyxl is heavy and only spreadsheet downloads need it.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_response(fmt, headers, rows, filename):
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(headers, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename += ".xlsx"
    else:
        response = HttpResponse(
            csv_bytes(headers, rows), content_type="text/csv; charset=utf-8"
        )
        filename += ".csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def protect_wagtail_exports():
    """Neutralise formulas in every spreadsheet Wagtail's admin writes.

    Wagtail's reports (workflows, site history, locked and aging pages), form
    submissions, redirects and every listing with `list_export` write their CSV and
    XLSX through `SpreadsheetExportMixin`. Each cell value passes through
    `preprocess_field_value` and each column title through `get_heading`, for both
    formats, so wrapping these two methods covers every such download, including
    views added later. Page titles, form labels and answers are typed by users, and a
    title such as `=HYPERLINK(...)` would otherwise run as a formula when opened.
    """
    if getattr(SpreadsheetExportMixin, "_formulas_neutralised", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    @functools.wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(preprocess(self, field, value, export_format))

    @functools.wraps(heading)
    def get_heading(self, queryset, field):
        return neutralise_formula(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._formulas_neutralised = True
