"""The CSV reading every importer shares: separators, header, line numbers, the size
limit and all-or-nothing writes. Each importer's own rules are tested in its app."""

import io

import pytest
from django.contrib.auth.models import Group

from lms.shared.csvimport import (
    CsvLayout,
    ImportFailed,
    LineError,
    RowInvalid,
    import_rows,
    read_upload,
    validate_rows,
)

LAYOUT = CsvLayout(
    columns=("kode", "nama", "catatan"),
    optional=1,
    no_rows_message="The file has no rows.",
)


def cells_of(raw):
    """The cells of every data row, with their line numbers."""
    return validate_rows(
        raw, layout=LAYOUT, clean_row=lambda row: (row.line, row.cells)
    )


class TestReading:
    @pytest.mark.parametrize(
        "raw",
        [
            b"kode,nama\n1,Satu\n",
            b"kode;nama\n1;Satu\n",
            b"kode\tnama\n1\tSatu\n",
            "\ufeffkode;nama\r\n1;Satu\r\n".encode(),
        ],
        ids=["comma", "semicolon", "tab", "bom-and-windows-line-ends"],
    )
    def test_the_separator_a_spreadsheet_saved_with_is_read(self, raw):
        """Commas, semicolons (Excel in Indonesian) or tabs; the header is skipped
        and a left-out optional column reads as empty."""
        assert cells_of(raw) == [(2, ("1", "Satu", ""))]

    def test_commas_inside_a_name_do_not_mislead_the_guess(self):
        """More commas than semicolons on the first line, yet only the semicolon
        splits it into the file's two columns."""
        pair = CsvLayout(columns=("kode", "nama"), no_rows_message="No rows.")

        rows = validate_rows(
            b"1;Desa Uji, Baru, Timur\n", layout=pair, clean_row=lambda row: row.cells
        )

        assert rows == [("1", "Desa Uji, Baru, Timur")]

    def test_line_numbers_count_blank_lines_as_a_spreadsheet_counts_rows(self):
        """A blank line is passed over but keeps its number."""
        assert cells_of(b"\nkode,nama\n\n 1 , Satu \n") == [(4, ("1", "Satu", ""))]

    def test_every_error_comes_back_at_once_in_line_order(self):
        """Column counts and an importer's own refusals, line by line."""

        def clean_row(row):
            if row.cells[0] != "1":
                raise RowInvalid("Only 1 is allowed.")
            return row.cells

        with pytest.raises(ImportFailed) as caught:
            validate_rows(
                b"2,Dua\n1,Satu,a,b\n1,Satu\n",
                layout=LAYOUT,
                clean_row=clean_row,
                check_rows=lambda rows: [LineError(row.line, "Taken.") for row in rows],
            )

        assert caught.value.errors == [
            (1, "Only 1 is allowed."),
            (2, "Kolom yang diharapkan: kode,nama,catatan; yang ditemukan 4 kolom."),
            (3, "Taken."),
        ]

    def test_a_line_error_names_its_line_and_a_file_error_does_not(self):
        """What the import_regions command prints for each error."""
        assert str(LineError(4, "Nama kosong.")) == "Baris 4: Nama kosong."
        assert str(LineError(0, "Berkas kosong.")) == "Berkas kosong."


class TestSizeLimit:
    def test_an_upload_is_read_only_one_byte_past_the_limit(self, settings):
        """A huge upload is never read into memory whole."""
        settings.CSV_IMPORT_MAX_BYTES = 10

        assert read_upload(io.BytesIO(b"x" * 1000)) == b"x" * 11

    def test_a_file_past_the_limit_is_refused_naming_the_limit(self, settings):
        """The admin reads how large a file may be."""
        settings.CSV_IMPORT_MAX_BYTES = 10

        with pytest.raises(ImportFailed) as caught:
            cells_of(read_upload(io.BytesIO(b"kode,nama\n1,Satu\n")))

        assert caught.value.errors == [
            (
                0,
                "Berkas lebih besar dari 10\xa0bita. "
                "Bagi menjadi beberapa berkas yang lebih kecil.",
            )
        ]


@pytest.mark.django_db
class TestAllOrNothing:
    def test_a_write_that_fails_halfway_leaves_nothing(self):
        """The rows written before the failure are rolled back with it."""

        def write(names):
            for name in names:
                Group.objects.create(name=name)
            raise RuntimeError("the database went away")

        with pytest.raises(RuntimeError):
            import_rows(
                b"1,Satu\n2,Dua\n",
                layout=LAYOUT,
                clean_row=lambda row: f"Kelompok {row.cells[0]}",
                write=write,
            )

        assert not Group.objects.filter(name__startswith="Kelompok").exists()

    def test_a_refused_file_is_not_written(self):
        """`write` is not called when any line is refused."""
        written = []

        with pytest.raises(ImportFailed):
            import_rows(
                b"1,Satu\n2\n",
                layout=LAYOUT,
                clean_row=lambda row: row.cells,
                write=written.extend,
            )

        assert written == []
