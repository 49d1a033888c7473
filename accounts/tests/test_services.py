import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from accounts.models import User
from accounts.services import (
    create_operator,
    deactivate_operator,
    generate_one_time_password,
    import_operators,
    reactivate_operator,
    reset_operator_password,
    update_operator,
)
from lms.shared.csvimport import ImportFailed
from portal.models import DesaAccess
from portal.permissions import desa_publishing_policy
from portal.services import grant_publishing_rights
from regions.models import Region


def desa(code):
    return Region.objects.get(code=code)


def sentence(text):
    """How the import joins a line's problems: capitalised, with a full stop."""
    return text[0].upper() + text[1:] + "."


def groups_of(user):
    return set(user.groups.values_list("name", flat=True))


class TestGenerateOneTimePassword:
    def test_passwords_avoid_characters_that_are_misread_on_paper(self):
        """No 0/O or 1/l/I; always a digit and a letter, in two halves."""
        for _ in range(200):
            password = generate_one_time_password()
            first, dash, second = password.partition("-")
            assert (len(first), dash, len(second)) == (5, "-", 5)
            assert not set(password) & set("0O1lI")
            assert any(c.isdigit() for c in password)
            assert any(c.isalpha() for c in password)


class TestCreateOperator:
    def test_a_new_operator_gets_a_one_time_password_for_their_desa(
        self, beltim_admin, portal
    ):
        """The operator signs in with the password handed over, then must change it."""
        credentials = create_operator(
            actor=beltim_admin,
            name="Rina Wati",
            desa=desa("19.06.02.2003"),
            phone="0812 7000 1111",
            email="rina@contoh.desa.id",
            is_kim=True,
        )

        user = User.objects.get(pk=credentials.user.pk)
        assert user.username == "rina.jangkarasam"
        assert (user.first_name, user.last_name) == ("Rina", "Wati")
        assert user.role == User.Role.OPERATOR
        assert user.region.code == "19.06.02.2003"
        assert user.phone == "+6281270001111"
        assert user.is_kim and user.must_change_password
        assert authenticate(username="081270001111", password=credentials.password)
        assert groups_of(user) == {
            "Operator desa",
            "Penulis Desa Jangkar Asam 19.06.02.2003",
        }

    def test_a_new_operator_may_write_but_not_publish(self, gantung_admin, portal):
        """Publishing rights come only with a certificate."""
        credentials = create_operator(
            actor=gantung_admin, name="Rina Wati", desa=desa("19.06.02.2003")
        )

        jangkar_asam = desa("19.06.02.2003")
        assert desa_publishing_policy.user_can_write_on(credentials.user, jangkar_asam)
        assert not desa_publishing_policy.user_can_publish_on(
            credentials.user, jangkar_asam
        )

    def test_operators_with_the_same_first_name_get_different_usernames(
        self, beltim_admin, portal
    ):
        """Two Rinas of one desa can both sign in with their own username."""
        first = create_operator(
            actor=beltim_admin, name="Rina Wati", desa=desa("19.06.02.2003")
        )
        second = create_operator(
            actor=beltim_admin, name="Rina Lestari", desa=desa("19.06.02.2003")
        )

        assert first.user.username != second.user.username

    def test_a_kecamatan_admin_cannot_add_an_operator_in_another_kecamatan(
        self, gantung_admin, portal
    ):
        """Gantung's admin may not place an operator in Mekar Jaya (Manggar)."""
        count = User.objects.count()

        with pytest.raises(PermissionDenied):
            create_operator(
                actor=gantung_admin, name="Rina Wati", desa=desa("19.06.01.2012")
            )

        assert User.objects.count() == count

    @pytest.mark.parametrize("actor_fixture", ["trainer", "operator"])
    def test_trainers_and_operators_cannot_add_operators(
        self, actor_fixture, request, portal
    ):
        """Only admins hand out accounts."""
        actor = request.getfixturevalue(actor_fixture)
        count = User.objects.count()

        with pytest.raises(PermissionDenied):
            create_operator(actor=actor, name="Rina Wati", desa=desa("19.06.02.2003"))

        assert User.objects.count() == count

    def test_a_phone_number_already_in_use_is_refused(
        self, beltim_admin, operator, indonesian
    ):
        """The same number written differently is still the same number."""
        count = User.objects.count()

        with pytest.raises(ValueError) as caught:
            create_operator(
                actor=beltim_admin,
                name="Rina Wati",
                desa=desa("19.06.02.2003"),
                phone="0812-1906-0203",
            )

        assert str(caught.value) == indonesian(
            "This phone number is already used by another account."
        )
        assert User.objects.count() == count

    def test_a_phone_number_that_is_not_indonesian_is_refused(
        self, beltim_admin, portal, indonesian
    ):
        """The error shows an example of a valid number."""
        with pytest.raises(ValueError) as caught:
            create_operator(
                actor=beltim_admin,
                name="Rina Wati",
                desa=desa("19.06.02.2003"),
                phone="12345",
            )

        assert str(caught.value) == indonesian(
            "Enter an Indonesian phone number, for example 0812 3456 7890."
        )


COLUMNS = "nama,telepon,email,kode_desa,kim"
EMPTY = "The file is empty. Use the columns %(columns)s."
GOOD_CSV = (
    "nama,telepon,email,kode_desa,kim\n"
    "Rina Wati,0812 7000 1111,rina@contoh.desa.id,19.06.02.2003,tidak\n"
    "Joko Susilo,+62 813-7000-2222,,19.06.01.2012,ya\n"
)
BAD_LINES = {
    "bad phone": (
        "Ani Rahma,12345,,19.06.02.2001,tidak",
        "“%(phone)s” is not an Indonesian phone number",
        {"phone": "12345"},
    ),
    "empty phone": (
        "Ani Rahma,,,19.06.02.2001,tidak",
        "the phone number is empty",
        {},
    ),
    "duplicate phone in the file": (
        "Ani Rahma,6281270001111,,19.06.02.2001,tidak",
        "the phone number already appears on line %(line)s",
        {"line": 2},
    ),
    "unknown desa code": (
        "Ani Rahma,0813 7000 3333,,19.06.02.2999,tidak",
        "desa code “%(code)s” does not exist",
        {"code": "19.06.02.2999"},
    ),
    "desa outside the admin's region": (
        "Ani Rahma,0813 7000 3333,,33.04.02.2005,tidak",
        "desa %(code)s is outside your region",
        {"code": "33.04.02.2005"},
    ),
    "bad KIM value": (
        "Ani Rahma,0813 7000 3333,,19.06.02.2001,mungkin",
        "KIM must be ya or tidak, not “%(value)s”",
        {"value": "mungkin"},
    ),
    "bad email": (
        "Ani Rahma,0813 7000 3333,bukan-email,19.06.02.2001,tidak",
        "“%(email)s” is not an email address",
        {"email": "bukan-email"},
    ),
    "empty name": (
        ",0813 7000 3333,,19.06.02.2001,tidak",
        "the name is empty",
        {},
    ),
}


class TestImportOperators:
    def test_every_line_becomes_an_operator_whose_password_works(
        self, beltim_admin, portal
    ):
        """Each new account signs in with its phone number and one-time password."""
        credentials = import_operators(actor=beltim_admin, raw=GOOD_CSV.encode())

        assert [c.user.get_full_name() for c in credentials] == [
            "Rina Wati",
            "Joko Susilo",
        ]
        rina, joko = (User.objects.get(pk=c.user.pk) for c in credentials)
        assert (rina.region.code, rina.is_kim, rina.email) == (
            "19.06.02.2003",
            False,
            "rina@contoh.desa.id",
        )
        assert (joko.region.code, joko.is_kim, joko.phone) == (
            "19.06.01.2012",
            True,
            "+6281370002222",
        )
        assert all(u.must_change_password for u in (rina, joko))
        for item in credentials:
            assert authenticate(username=item.user.phone, password=item.password)
        assert "Penulis Desa Mekar Jaya 19.06.01.2012" in groups_of(joko)

    def test_a_file_with_semicolons_and_no_header_is_read_too(
        self, gantung_admin, portal
    ):
        """Spreadsheets set to Indonesian save CSV with semicolons."""
        raw = b"Rina Wati;0812 7000 1111;;19.06.02.2003;ya\n"

        credentials = import_operators(actor=gantung_admin, raw=raw)

        assert credentials[0].user.region.code == "19.06.02.2003"
        assert credentials[0].user.is_kim

    @pytest.mark.parametrize(
        ("line", "message", "params"), BAD_LINES.values(), ids=BAD_LINES.keys()
    )
    def test_one_bad_line_imports_nothing_and_names_the_line(
        self, line, message, params, beltim_admin, portal, indonesian
    ):
        """The good lines before it are not written either."""
        count = User.objects.count()

        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=beltim_admin, raw=(GOOD_CSV + line).encode())

        assert caught.value.errors == [(4, sentence(indonesian(message, **params)))]
        assert User.objects.count() == count

    def test_line_errors_read_in_indonesian(self, beltim_admin, portal):
        """The admin reads why a line is wrong in Indonesian."""
        raw = GOOD_CSV + "Ani Rahma,0812 7000 1111,,19.06.02.2001,tidak\n"

        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=beltim_admin, raw=raw.encode())

        assert caught.value.errors == [(4, "Nomor telepon sudah ada di baris 2.")]

    def test_a_phone_number_already_in_the_database_imports_nothing(
        self, beltim_admin, operator, indonesian
    ):
        """The admin is told which account already has the number."""
        count = User.objects.count()
        raw = GOOD_CSV + "Ani Rahma,0812 1906 0203,,19.06.02.2001,tidak\n"

        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=beltim_admin, raw=raw.encode())

        assert caught.value.errors == [
            (
                4,
                indonesian(
                    "The phone number is already used by the account %(username)s.",
                    username="siti.jangkarasam",
                ),
            )
        ]
        assert User.objects.count() == count

    @pytest.mark.parametrize(
        ("actor_fixture", "line"),
        [
            ("banjarnegara_admin", "Ani Rahma,0812 1906 0203,,33.04.02.2005,tidak\n"),
            ("manggar_admin", "Ani Rahma,0812 1906 0203,,19.06.01.2012,tidak\n"),
        ],
        ids=["another kabupaten", "another kecamatan"],
    )
    def test_a_phone_number_held_outside_the_admins_region_names_no_account(
        self, actor_fixture, line, request, operator, indonesian
    ):
        """Siti of Jangkar Asam holds the number; an admin outside her region is
        told the number is taken, not by whom."""
        actor = request.getfixturevalue(actor_fixture)

        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=actor, raw=line.encode())

        assert caught.value.errors == [
            (1, indonesian("This phone number is already used by another account."))
        ]
        assert "siti" not in str(caught.value)

    def test_a_kecamatan_admin_cannot_import_into_another_kecamatan(
        self, gantung_admin, portal, indonesian
    ):
        """Mekar Jaya lies in Manggar, outside Gantung's admin's region."""
        count = User.objects.count()

        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=gantung_admin, raw=GOOD_CSV.encode())

        assert caught.value.errors == [
            (
                3,
                sentence(
                    indonesian(
                        "desa %(code)s is outside your region", code="19.06.01.2012"
                    )
                ),
            )
        ]
        assert User.objects.count() == count

    def test_a_wrong_column_count_imports_nothing(
        self, beltim_admin, portal, indonesian
    ):
        """A line with too few columns is named with how many it has."""
        count = User.objects.count()

        with pytest.raises(ImportFailed) as caught:
            import_operators(
                actor=beltim_admin, raw=(GOOD_CSV + "Ani Rahma,0813 7000 3333").encode()
            )

        assert caught.value.errors == [
            (
                4,
                indonesian(
                    "Expected the columns %(columns)s; found %(n)s column(s).",
                    columns=COLUMNS,
                    n=2,
                ),
            )
        ]
        assert User.objects.count() == count

    def test_latin1_bytes_import_nothing_and_name_the_line(
        self, beltim_admin, portal, indonesian
    ):
        """A file saved in the old Windows encoding is refused at its first bad line."""
        count = User.objects.count()
        latin1_line = "Ani Rahmé,0813 7000 3333,,19.06.02.2001,tidak\n"
        raw = GOOD_CSV.encode() + latin1_line.encode("latin-1")

        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=beltim_admin, raw=raw)

        assert caught.value.errors == [
            (
                4,
                indonesian(
                    "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."
                ),
            )
        ]
        assert User.objects.count() == count

    @pytest.mark.parametrize(
        ("raw", "message", "params"),
        [
            (b"", EMPTY, {"columns": COLUMNS}),
            (b"  \n", EMPTY, {"columns": COLUMNS}),
            (
                b"nama,telepon,email,kode_desa,kim\n",
                "The file has no operators. Write one operator per line under the header.",
                {},
            ),
        ],
        ids=["empty", "blank", "header only"],
    )
    def test_an_empty_file_is_refused(
        self, raw, message, params, beltim_admin, portal, indonesian
    ):
        """The admin is told what the file should contain."""
        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=beltim_admin, raw=raw)

        assert caught.value.errors == [(0, indonesian(message, **params))]

    def test_every_bad_line_is_reported_at_once_in_line_order(
        self, beltim_admin, portal
    ):
        """The admin fixes the file in one pass."""
        raw = (
            b"Ani,12345,,19.06.02.2001,tidak\n"
            b"Rina Wati,0812 7000 1111,,19.06.02.2003,tidak\n"
            b"Budi,0812 7000 1111,,19.06.02.2999,mungkin\n"
        )

        with pytest.raises(ImportFailed) as caught:
            import_operators(actor=beltim_admin, raw=raw)

        assert [line for line, _message in caught.value.errors] == [1, 3]
        assert caught.value.errors[1][1].count(";") == 2

    @pytest.mark.parametrize("actor_fixture", ["trainer", "operator"])
    def test_trainers_and_operators_cannot_import(self, actor_fixture, request, portal):
        """The import is an admin's tool."""
        actor = request.getfixturevalue(actor_fixture)

        with pytest.raises(PermissionDenied):
            import_operators(actor=actor, raw=GOOD_CSV.encode())


class TestResetOperatorPassword:
    def test_the_new_one_time_password_works_and_the_old_one_stops(
        self, gantung_admin, operator
    ):
        """The operator forgot their password; the admin gives them a new one."""
        credentials = reset_operator_password(actor=gantung_admin, operator=operator)

        operator.refresh_from_db()
        assert operator.must_change_password
        assert authenticate(username="siti.jangkarasam", password=credentials.password)
        assert not authenticate(
            username="siti.jangkarasam", password="kata-sandi-uji-2026"
        )

    def test_an_admin_of_another_kecamatan_cannot_reset(self, manggar_admin, operator):
        """Manggar's admin cannot take over an account in Gantung."""
        with pytest.raises(PermissionDenied):
            reset_operator_password(actor=manggar_admin, operator=operator)

        assert authenticate(username="siti.jangkarasam", password="kata-sandi-uji-2026")


class TestDeactivateOperator:
    def test_the_account_is_kept_but_cannot_sign_in_or_publish(
        self, gantung_admin, operator
    ):
        """After a village election the old operator loses access; history stays."""
        grant_publishing_rights(operator=operator, reason="Sertifikat terbit")

        assert deactivate_operator(
            actor=gantung_admin, operator=operator, reason="Pergantian perangkat desa"
        )

        operator = User.objects.get(pk=operator.pk)
        assert not operator.is_active
        assert not authenticate(
            username="siti.jangkarasam", password="kata-sandi-uji-2026"
        )
        assert not desa_publishing_policy.holds_publishing_rights(operator)
        assert groups_of(operator) == set()
        entry = ModelLogEntry.objects.for_instance(operator).get(
            action="literasi.publishing.revoke"
        )
        assert entry.user == gantung_admin
        assert entry.data["reason"] == "Pergantian perangkat desa"

    def test_deactivating_twice_changes_nothing_more(self, gantung_admin, operator):
        """The second call reports that nothing was done."""
        deactivate_operator(actor=gantung_admin, operator=operator)

        assert not deactivate_operator(actor=gantung_admin, operator=operator)

    def test_an_admin_of_another_kabupaten_cannot_deactivate(
        self, banjarnegara_admin, operator
    ):
        """Banjarnegara's Diskominfo has no say over Belitung Timur's operators."""
        with pytest.raises(PermissionDenied):
            deactivate_operator(actor=banjarnegara_admin, operator=operator)

        operator.refresh_from_db()
        assert operator.is_active

    def test_reactivating_restores_writing_but_not_publishing(
        self, gantung_admin, operator
    ):
        """Publishing rights come back only through a certificate."""
        grant_publishing_rights(operator=operator)
        deactivate_operator(actor=gantung_admin, operator=operator)

        reactivate_operator(actor=gantung_admin, operator=operator)

        operator = User.objects.get(pk=operator.pk)
        assert operator.is_active
        jangkar_asam = desa("19.06.02.2003")
        assert desa_publishing_policy.user_can_write_on(operator, jangkar_asam)
        assert not desa_publishing_policy.user_can_publish_on(operator, jangkar_asam)


class TestUpdateOperator:
    def test_moving_to_another_desa_moves_writing_rights_and_drops_publishing(
        self, beltim_admin, operator
    ):
        """Rights tied to the old desa do not follow the operator."""
        grant_publishing_rights(operator=operator)

        update_operator(
            actor=beltim_admin,
            operator=operator,
            name="Siti Aminah",
            desa=desa("19.06.01.2012"),
            phone="+6281219060203",
        )

        operator = User.objects.get(pk=operator.pk)
        assert operator.region.code == "19.06.01.2012"
        assert groups_of(operator) == {
            "Operator desa",
            "Penulis Desa Mekar Jaya 19.06.01.2012",
        }
        assert not desa_publishing_policy.user_can_write_on(
            operator, desa("19.06.02.2003")
        )
        assert not desa_publishing_policy.holds_publishing_rights(operator)
        assert ModelLogEntry.objects.for_instance(operator).filter(
            action="literasi.publishing.revoke"
        )

    def test_editing_details_within_the_desa_keeps_publishing_rights(
        self, gantung_admin, operator
    ):
        """Correcting a name or number is not a reason to lose rights."""
        grant_publishing_rights(operator=operator)

        update_operator(
            actor=gantung_admin,
            operator=operator,
            name="Siti Nurhaliza",
            desa=desa("19.06.02.2003"),
            phone="+6281299990000",
            is_kim=True,
        )

        operator = User.objects.get(pk=operator.pk)
        assert operator.get_full_name() == "Siti Nurhaliza"
        assert (operator.phone, operator.is_kim) == ("+6281299990000", True)
        assert desa_publishing_policy.holds_publishing_rights(operator)

    def test_a_kecamatan_admin_cannot_move_an_operator_out_of_their_kecamatan(
        self, gantung_admin, operator
    ):
        """Gantung's admin cannot hand Siti to Mekar Jaya in Manggar."""
        with pytest.raises(PermissionDenied):
            update_operator(
                actor=gantung_admin,
                operator=operator,
                name="Siti Aminah",
                desa=desa("19.06.01.2012"),
            )

        operator.refresh_from_db()
        assert operator.region.code == "19.06.02.2003"

    def test_the_desa_access_groups_are_those_of_setup_portal(self, operator):
        """The author group an operator joins is the one recorded for their desa."""
        access = DesaAccess.objects.get(desa__code="19.06.02.2003")

        assert operator.groups.filter(pk=access.authors_id).exists()
        assert not operator.groups.filter(pk=access.publishers_id).exists()
