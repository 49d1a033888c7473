import pytest
from django.core.exceptions import ValidationError

from accounts.models import User, normalize_phone
from regions.models import Region


class TestNormalizePhone:
    @pytest.mark.parametrize(
        "written",
        [
            "081219060203",
            "+6281219060203",
            "6281219060203",
            "0812-1906-0203",
            "0812 1906 0203",
            " +62 812 1906 0203 ",
        ],
    )
    def test_every_common_form_gives_the_same_number(self, written):
        """Numbers are stored once, in E.164, however they were typed."""
        assert normalize_phone(written) == "+6281219060203"

    @pytest.mark.parametrize("written", ["12345", "bukan nomor", "", None])
    def test_something_that_is_not_a_number_gives_none(self, written):
        """The caller decides how to report it."""
        assert normalize_phone(written) is None


class TestUser:
    def test_an_operator_must_belong_to_a_desa(self, regions):
        """An operator placed in a kecamatan is refused with the level to choose."""
        user = User(
            username="rina",
            role=User.Role.OPERATOR,
            region=Region.objects.get(code="19.06.02"),
        )

        with pytest.raises(ValidationError) as caught:
            user.clean()

        assert "region" in caught.value.message_dict

    @pytest.mark.parametrize(
        ("role", "code"),
        [
            (User.Role.OPERATOR, "19.06.02.2003"),
            (User.Role.ADMIN_KECAMATAN, "19.06.02"),
            (User.Role.ADMIN_KABUPATEN, "19.06"),
            (User.Role.TRAINER, "19.06"),
        ],
    )
    def test_each_role_is_bound_to_its_region_level(self, role, code, regions):
        """Desa for operators, kecamatan or kabupaten for admins and trainers."""
        user = User(username="rina", role=role, region=Region.objects.get(code=code))

        user.clean()

    def test_the_course_team_is_national_and_has_no_region(self, regions):
        """A course team member with a region is refused; without one, accepted."""
        User(username="ratna", role=User.Role.COURSE_TEAM).clean()
        user = User(
            username="ratna",
            role=User.Role.COURSE_TEAM,
            region=Region.objects.get(code="19.06"),
        )

        with pytest.raises(ValidationError) as caught:
            user.clean()

        assert "region" in caught.value.message_dict

    def test_a_phone_number_is_stored_in_e164_form(self, regions):
        """Admins may type the number as the operator says it."""
        user = User(
            username="rina",
            role=User.Role.OPERATOR,
            region=Region.objects.get(code="19.06.02.2003"),
            phone="0812 7000 1111",
        )

        user.clean()

        assert user.phone == "+6281270001111"

    def test_a_wrong_phone_number_is_refused(self, regions):
        """The error names the phone field."""
        user = User(username="rina", phone="12345")

        with pytest.raises(ValidationError) as caught:
            user.clean()

        assert "phone" in caught.value.message_dict
