"""Spreadsheet exports shared by every table: CSV and XLSX, formula-safe."""

import csv
import io

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise spreadsheet formulas in exported text (CSV/XLSX injection)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode()  # a BOM so spreadsheets read UTF-8


def xlsx_bytes(headers, rows, title="Data"):
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
