"""Read a CSV file made in a spreadsheet and import it all or nothing.

Every importer (regions, operators, website activity) takes the file the same way: at
most `settings.CSV_IMPORT_MAX_BYTES`, UTF-8 with or without the byte order mark Excel
writes, separated by commas, semicolons (Excel set to Indonesian) or tabs, with or
without a header line. Each importer says only what a good row is and how to write
the rows; `import_rows` reads every row, collects every error, then writes all rows in
one transaction or nothing, and `ImportFailed` names each line at fault.

It lives in the `lms.shared` toolbox, which imports no app, so every importer uses it
without importing upward.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lms.shared.errors import DomainError

DELIMITERS = (",", ";", "\t")


class LineError(NamedTuple):
    """Why one line of the file is refused; line 0 stands for the file as a whole."""

    line: int
    message: str

    def __str__(self):
        if not self.line:
            return self.message
        return _("Line %(line)s: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


class ImportFailed(DomainError):
    """Nothing was imported; `errors` lists every line at fault, in line order."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=attrgetter("line"))
        super().__init__("\n".join(str(error) for error in self.errors))


class RowInvalid(Exception):
    """Raised by an importer's `clean_row`: the row is refused for `message`."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


def refuse(line, message):
    """Refuse the whole import for one reason."""
    return ImportFailed([LineError(line, message)])


@dataclass(frozen=True)
class CsvLayout:
    """The columns an importer reads, in order, as the header names them."""

    columns: tuple[str, ...]
    # What to say when the file holds no data line (it names what to write).
    no_rows_message: str
    # How many of the last columns a line may leave out.
    optional: int = 0
    # First cells, besides the first column's name, that mark the header line.
    header_aliases: frozenset[str] = frozenset()

    @property
    def column_list(self):
        return ",".join(self.columns)

    def is_header(self, cells):
        first = cells[0].lower()
        return first == self.columns[0] or first in self.header_aliases

    def fits(self, count):
        return len(self.columns) - self.optional <= count <= len(self.columns)


@dataclass(frozen=True)
class Row:
    """A data line: its number as the spreadsheet counts rows, and its trimmed cells,
    with the optional columns the line leaves out given as ""."""

    line: int
    cells: tuple[str, ...]


class CleanRow(NamedTuple):
    """What an importer's `clean_row` made of the row on `line`."""

    line: int
    value: Any


def max_bytes():
    """The largest file any CSV import reads."""
    return settings.CSV_IMPORT_MAX_BYTES


def read_upload(file):
    """The bytes of an uploaded or opened file; past the limit, one byte more than it,
    so that a huge file is refused without being read into memory."""
    return file.read(max_bytes() + 1)


def decode(raw, *, layout):
    """The file's text, or ImportFailed when it is too large, not UTF-8 or empty."""
    if len(raw) > max_bytes():
        raise refuse(
            0,
            _("The file is larger than %(size)s. Split it into smaller files.")
            % {"size": filesizeformat(max_bytes())},
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(
            raw[: exc.start].count(b"\n") + 1,
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
        ) from exc
    if "\0" in text:
        # NULs come from UTF-16 or binary files; the database refuses them.
        raise refuse(
            text.count("\n", 0, text.index("\0")) + 1,
            _(
                "The file contains NUL characters, so it is not CSV text. Save it as “CSV UTF-8” and try again."
            ),
        )
    if not text.strip():
        raise refuse(
            0,
            _("The file is empty. Use the columns %(columns)s.")
            % {"columns": layout.column_list},
        )
    return text


def sniff_delimiter(text, *, layout):
    """The separator of the first non-blank line: the most frequent one that splits
    it into the layout's columns, else the most frequent; a tie goes to the comma."""
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    candidates = sorted(DELIMITERS, key=first.count, reverse=True)
    for delimiter in candidates:
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            break  # reading the file will name the line that cannot be read
        if layout.fits(len(cells)):
            return delimiter
    return candidates[0]


def _records(text, delimiter):
    """The file's records numbered from 1; a line the csv module cannot read is
    refused by number."""
    number = 0
    try:
        for number, record in enumerate(
            csv.reader(io.StringIO(text), delimiter=delimiter), start=1
        ):
            yield number, record
    except csv.Error as exc:
        raise refuse(
            number + 1,
            _(
                "This line cannot be read as CSV: a field is longer than %(limit)s characters or the line breaks are not CSV ones. Save the file as “CSV UTF-8” and try again."
            )
            % {"limit": csv.field_size_limit()},
        ) from exc


def read_rows(raw, *, layout, errors):
    """Yield the data rows of the file; blank lines and the header are passed over,
    a line with the wrong number of columns goes to `errors`."""
    text = decode(raw, layout=layout)
    seen_a_line = False
    for number, record in _records(text, sniff_delimiter(text, layout=layout)):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if not seen_a_line:
            seen_a_line = True
            if layout.is_header(cells):
                continue
        if not layout.fits(len(cells)):
            errors.append(
                LineError(
                    number,
                    _("Expected the columns %(columns)s; found %(n)s column(s).")
                    % {"columns": layout.column_list, "n": len(cells)},
                )
            )
            continue
        padding = [""] * (len(layout.columns) - len(cells))
        yield Row(line=number, cells=(*cells, *padding))


def validate_rows(
    raw: bytes,
    *,
    layout: CsvLayout,
    clean_row: Callable[[Row], Any],
    check_rows: Callable[[list[CleanRow]], list[LineError]] | None = None,
) -> list[Any]:
    """Every row's clean value, or ImportFailed naming every line at fault.

    `clean_row` returns a row's value or raises RowInvalid; `check_rows` gets the
    clean rows with their lines and returns the errors only the whole file shows
    (a number already in the database, a parent region missing).
    """
    errors, clean = [], []
    for row in read_rows(raw, layout=layout, errors=errors):
        try:
            clean.append(CleanRow(row.line, clean_row(row)))
        except RowInvalid as exc:
            errors.append(LineError(row.line, exc.message))
    if check_rows is not None:
        errors.extend(check_rows(clean))
    if not clean and not errors:
        errors.append(LineError(0, str(layout.no_rows_message)))
    if errors:
        raise ImportFailed(errors)
    return [row.value for row in clean]


def import_rows(
    raw: bytes,
    *,
    layout: CsvLayout,
    clean_row: Callable[[Row], Any],
    write: Callable[[list[Any]], Any],
    check_rows: Callable[[list[CleanRow]], list[LineError]] | None = None,
):
    """Validate every row, then `write` them all in one transaction, or write nothing.

    Returns what `write` returns.
    """
    values = validate_rows(
        raw, layout=layout, clean_row=clean_row, check_rows=check_rows
    )
    with transaction.atomic():
        return write(values)
