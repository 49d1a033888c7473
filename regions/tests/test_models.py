import pytest
from django.core.exceptions import ValidationError

from regions.models import Region, level_of_code


class TestRegion:
    @pytest.mark.parametrize(
        ("code", "level"),
        [
            ("19", 1),
            ("19.06", 2),
            ("19.06.02", 3),
            ("19.06.02.2003", 4),
            ("19.6", None),
            ("19.06.02.203", None),
            ("19-06-02", None),
            ("", None),
        ],
    )
    def test_the_level_is_read_from_the_dotted_code(self, code, level):
        """Only the dotted Kemendagri form names a level."""
        assert level_of_code(code) == level

    def test_a_malformed_code_fails_validation(self):
        """An admin who types a code without dots is told the expected form."""
        region = Region(code="190602", name="Gantung", level=Region.Level.KECAMATAN)

        with pytest.raises(ValidationError) as caught:
            region.clean()

        assert "code" in caught.value.message_dict

    def test_a_code_of_another_level_fails_validation(self):
        """A desa code cannot be saved as a kecamatan."""
        region = Region(
            code="19.06.02.2003", name="Jangkar Asam", level=Region.Level.KECAMATAN
        )

        with pytest.raises(ValidationError):
            region.clean()

    @pytest.mark.parametrize(
        ("level", "kind", "shown"),
        [
            (Region.Level.KECAMATAN, "kecamatan", "Kecamatan Gantung"),
            (Region.Level.DESA, "desa", "Desa Gantung"),
            (Region.Level.DESA, "kelurahan", "Kelurahan Gantung"),
            (Region.Level.KABUPATEN, "kabupaten", "Gantung"),
        ],
    )
    def test_the_display_name_says_what_kind_of_region_it_is(self, level, kind, shown):
        """Kecamatan, desa and kelurahan are told apart where names repeat."""
        assert Region(name="Gantung", level=level, kind=kind).display_name == shown

    def test_a_region_contains_itself_and_what_lies_below_only(self):
        """19.06.01 does not contain 19.06.010 look-alikes or its neighbour."""
        manggar = Region(code="19.06.01", level=Region.Level.KECAMATAN)

        assert manggar.contains(manggar)
        assert manggar.contains(Region(code="19.06.01.2012"))
        assert not manggar.contains(Region(code="19.06.02.2003"))
        assert not manggar.contains(Region(code="19.06.010"))

    @pytest.mark.parametrize(
        ("code", "zone"),
        [
            ("19.06", "Asia/Jakarta"),
            ("51.71", "Asia/Makassar"),
            ("94.71", "Asia/Jayapura"),
        ],
    )
    def test_the_time_zone_follows_the_province_unless_set(self, code, zone):
        """WIB, WITA or WIT by province, for the kabupaten's times on screen."""
        region = Region(code=code, level=Region.Level.KABUPATEN)

        assert str(region.tzinfo) == zone
        region.timezone = Region.Timezone.WIT
        assert str(region.tzinfo) == "Asia/Jayapura"
