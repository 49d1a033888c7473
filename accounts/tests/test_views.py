from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from accounts.factories import DEFAULT_PASSWORD, OperatorFactory
from accounts.models import User
from accounts.services import create_operator
from portal.permissions import desa_publishing_policy
from portal.services import grant_publishing_rights
from regions.models import Region

LOGIN_URL = "/akun/masuk/"
PASSWORD_URL = "/akun/kata-sandi/"
INVALID_LOGIN = (
    "The username/phone number or the password is wrong. Check both and try again. "
    "After 5 wrong tries, sign-in waits 15 minutes on a phone that has not signed in "
    "to this account before. If you forgot your password, ask your kecamatan admin or "
    "Diskominfo for a new one."
)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def log_in(username, password):
    """A fresh browser that signs in through the real login page."""
    browser = Client()
    response = browser.post(LOGIN_URL, {"username": username, "password": password})
    return browser, response


class TestLogin:
    def test_an_operator_signs_in_with_their_username(self, client, operator):
        """The login page accepts the username and sends the operator to their courses."""
        response = client.post(
            LOGIN_URL, {"username": "siti.jangkarasam", "password": DEFAULT_PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("courses:my_courses")
        assert signed_in_user_id(client) == str(operator.pk)

    @pytest.mark.parametrize(
        "phone",
        [
            "081219060203",
            "+6281219060203",
            "6281219060203",
            "0812-1906-0203",
            "0812 1906 0203",
            " +62 812-1906-0203 ",
        ],
    )
    def test_an_operator_signs_in_with_their_phone_number_in_any_form(
        self, client, operator, phone
    ):
        """Operators type their number as they know it, with or without +62."""
        response = client.post(
            LOGIN_URL, {"username": phone, "password": DEFAULT_PASSWORD}
        )

        assert response.status_code == 302
        assert signed_in_user_id(client) == str(operator.pk)

    def test_signing_in_returns_to_the_page_asked_for(self, client, operator):
        """A link to a protected page leads back there after signing in."""
        response = client.post(
            f"{LOGIN_URL}?next=/admin/",
            {
                "username": "081219060203",
                "password": DEFAULT_PASSWORD,
                "next": "/admin/",
            },
        )

        assert response["Location"] == "/admin/"

    @pytest.mark.parametrize(
        ("username", "password"),
        [
            ("siti.jangkarasam", "salah-kata-sandi"),
            ("081219060203", "salah-kata-sandi"),
            ("081299999999", DEFAULT_PASSWORD),
            ("tidak.ada", DEFAULT_PASSWORD),
        ],
        ids=["wrong password", "wrong password by phone", "unknown phone", "unknown"],
    )
    def test_a_wrong_password_or_account_gives_one_error_and_no_session(
        self, client, operator, username, password, indonesian
    ):
        """The error does not reveal whether the account exists and says what to do."""
        response = client.post(LOGIN_URL, {"username": username, "password": password})

        assert response.status_code == 200
        expected = indonesian(INVALID_LOGIN)
        assert response.context["form"].non_field_errors() == [expected]
        assert escape(expected) in response.content.decode()
        assert signed_in_user_id(client) is None

    def test_the_error_reads_in_indonesian(self, client, operator):
        """An operator who mistyped reads what to do in Indonesian."""
        response = client.post(
            LOGIN_URL, {"username": "081219060203", "password": "salah-kata-sandi"}
        )

        assert (
            "Nama pengguna/nomor telepon atau kata sandi salah. Periksa keduanya, "
            "lalu coba lagi."
        ) in response.content.decode()

    def test_a_deactivated_operator_cannot_sign_in(self, client, operator):
        """Even with the right password, a deactivated account gets no session."""
        User.objects.filter(pk=operator.pk).update(is_active=False)

        response = client.post(
            LOGIN_URL, {"username": "081219060203", "password": DEFAULT_PASSWORD}
        )

        assert response.status_code == 200
        assert signed_in_user_id(client) is None

    def test_the_login_page_is_in_indonesian(self, client, db):
        """The page is served in Indonesian to a browser that asks for nothing else."""
        response = client.get(LOGIN_URL)

        assert response.status_code == 200
        assert '<html lang="id">' in response.content.decode()


@pytest.fixture
def new_operator(gantung_admin):
    """An operator just added by the admin, holding a one-time password."""
    return create_operator(
        actor=gantung_admin,
        name="Rina Wati",
        desa=Region.objects.get(code="19.06.02.2003"),
        phone="0812 7000 1111",
    )


class TestOneTimePassword:
    def test_every_page_leads_to_the_password_form_until_a_new_one_is_set(
        self, new_operator
    ):
        """Signing in with a one-time password leaves only one way forward."""
        browser, response = log_in("0812 7000 1111", new_operator.password)
        assert signed_in_user_id(browser) == str(new_operator.user.pk)

        for path in ["/", "/admin/", "/admin/pages/", "/kabupaten-belitung-timur/"]:
            response = browser.get(path)
            assert response.status_code == 302, path
            location = urlsplit(response["Location"])
            assert location.path == PASSWORD_URL
            assert parse_qs(location.query)["next"] == [path]

        response = browser.get(PASSWORD_URL)
        assert response.status_code == 200
        assert response.context["forced"] is True

    def test_the_one_time_password_cannot_be_kept(self, new_operator, indonesian):
        """Typing the handed-over password again is refused with a reason."""
        browser, _response = log_in("081270001111", new_operator.password)

        response = browser.post(
            PASSWORD_URL,
            {
                "new_password1": new_operator.password,
                "new_password2": new_operator.password,
            },
        )

        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            indonesian(
                "Choose a new password, not the one-time password you were given."
            )
        ]
        assert User.objects.get(pk=new_operator.user.pk).must_change_password
        assert browser.get("/")["Location"].startswith(PASSWORD_URL)

    def test_two_different_passwords_are_refused(self, new_operator, indonesian):
        """A typo in the repeat field does not lock the operator out."""
        browser, _response = log_in("081270001111", new_operator.password)

        response = browser.post(
            PASSWORD_URL,
            {"new_password1": "Lada-Putih-2026", "new_password2": "Lada-Putih-2027"},
        )

        assert response.context["form"].non_field_errors() == [
            indonesian(
                "The two passwords are not the same. Type the same password twice."
            )
        ]
        assert User.objects.get(pk=new_operator.user.pk).must_change_password

    def test_a_new_password_opens_the_site_and_replaces_the_old_one(self, new_operator):
        """After saving, the operator stays signed in and goes where they wanted."""
        browser, _response = log_in("081270001111", new_operator.password)

        response = browser.post(
            f"{PASSWORD_URL}?next=/meja/",
            {
                "new_password1": "Lada-Putih-2026",
                "new_password2": "Lada-Putih-2026",
                "next": "/meja/",
            },
        )

        assert response.status_code == 302
        assert response["Location"] == "/meja/"
        assert not User.objects.get(pk=new_operator.user.pk).must_change_password
        assert browser.get("/").status_code == 200
        assert browser.get("/kursus/saya/").status_code == 200
        assert log_in("081270001111", "Lada-Putih-2026")[1].status_code == 302
        _browser, refused = log_in("081270001111", new_operator.password)
        assert refused.status_code == 200

    def test_an_outside_next_address_is_ignored(self, new_operator):
        """The form never sends the operator to another site."""
        browser, _response = log_in("081270001111", new_operator.password)

        response = browser.post(
            PASSWORD_URL,
            {
                "new_password1": "Lada-Putih-2026",
                "new_password2": "Lada-Putih-2026",
                "next": "https://contoh.invalid/",
            },
        )

        assert response["Location"] == "/"


def operator_rows(response):
    return {user.username for user in response.context["page_obj"]}


class TestOperatorIndexView:
    def test_a_diskominfo_admin_sees_the_operators_of_the_kabupaten(
        self, client, beltim_admin, operator, other_operator, klampok_operator
    ):
        """Both Belitung Timur operators are listed with their desa."""
        client.force_login(beltim_admin)

        response = client.get(reverse("operators:index"))

        assert response.status_code == 200
        assert operator_rows(response) == {"siti.jangkarasam", "budi.mekarjaya"}
        body = response.content.decode()
        assert "Siti Aminah" in body and "Desa Jangkar Asam" in body
        assert "Budi Santoso" in body and "Desa Mekar Jaya" in body

    def test_a_kecamatan_admin_sees_the_operators_of_the_kecamatan(
        self, client, gantung_admin, operator, other_operator
    ):
        """Gantung's admin lists Jangkar Asam's operator only."""
        client.force_login(gantung_admin)

        response = client.get(reverse("operators:index"))

        assert operator_rows(response) == {"siti.jangkarasam"}

    def test_the_list_can_be_searched_by_name_phone_or_desa(
        self, client, beltim_admin, operator, other_operator
    ):
        """Typing part of a name, a number or a desa narrows the list."""
        client.force_login(beltim_admin)
        url = reverse("operators:index")

        assert operator_rows(client.get(url, {"q": "budi"})) == {"budi.mekarjaya"}
        assert operator_rows(client.get(url, {"q": "Jangkar"})) == {"siti.jangkarasam"}
        assert operator_rows(client.get(url, {"q": "081219060203"})) == {
            "siti.jangkarasam"
        }

    def test_deactivated_operators_are_listed_apart(
        self, client, beltim_admin, operator, other_operator
    ):
        """The default list shows active operators; a filter shows the others."""
        User.objects.filter(pk=other_operator.pk).update(is_active=False)
        client.force_login(beltim_admin)
        url = reverse("operators:index")

        assert operator_rows(client.get(url)) == {"siti.jangkarasam"}
        assert operator_rows(client.get(url, {"status": "inactive"})) == {
            "budi.mekarjaya"
        }
        assert len(operator_rows(client.get(url, {"status": "all"}))) == 2

    def test_the_spreadsheet_lists_the_operators_of_the_region_only(
        self, client, gantung_admin, operator, other_operator
    ):
        """Gantung's admin downloads Siti's account, not Manggar's Budi."""
        client.force_login(gantung_admin)

        response = client.get(reverse("operators:index"), {"export": "csv"})

        assert response["Content-Disposition"] == 'attachment; filename="operator.csv"'
        body = b"".join(response.streaming_content).decode()
        assert "siti.jangkarasam" in body and "+6281219060203" in body
        assert "budi.mekarjaya" not in body

    def test_a_name_cannot_run_as_a_formula_in_the_spreadsheet(
        self, client, gantung_admin, operator
    ):
        """A name typed as a formula reaches the spreadsheet as plain text."""
        User.objects.filter(pk=operator.pk).update(first_name="=1+2")
        client.force_login(gantung_admin)

        response = client.get(reverse("operators:index"), {"export": "csv"})

        body = b"".join(response.streaming_content).decode()
        assert ",'=1+2," in body

    def test_the_menu_shows_operators_to_admins(self, client, gantung_admin):
        """The admin finds the screen from Wagtail's menu."""
        client.force_login(gantung_admin)

        response = client.get("/admin/")

        assert reverse("operators:index") in response.content.decode()

    @pytest.mark.parametrize("count", [5, 25])
    def test_the_list_costs_the_same_queries_for_5_or_25_operators(
        self, client, gantung_admin, count, django_assert_num_queries
    ):
        """Desa and kecamatan names come with the operators, not one query each."""
        for number in range(count):
            OperatorFactory(region_code="19.06.02.2003", first_name=f"Operator{number}")
        client.force_login(gantung_admin)
        url = reverse("operators:index")
        client.get(url)

        with django_assert_num_queries(13):
            response = client.get(url)

        assert len(response.context["page_obj"]) == count


class TestOperatorCreateView:
    def test_the_form_offers_only_desa_of_the_admins_kecamatan(
        self, client, gantung_admin
    ):
        """Gantung's admin chooses among Gantung's 7 desa."""
        client.force_login(gantung_admin)

        response = client.get(reverse("operators:add"))

        choices = response.context["form"].fields["desa"].queryset
        assert sorted(choices.values_list("code", flat=True)) == [
            f"19.06.02.{n}"
            for n in ["2001", "2002", "2003", "2004", "2009", "2010", "2011"]
        ]

    def test_adding_an_operator_shows_a_password_that_works(
        self, client, gantung_admin
    ):
        """The sheet shows the one-time password once; it signs the operator in."""
        client.force_login(gantung_admin)
        jangkar_asam = Region.objects.get(code="19.06.02.2003")

        response = client.post(
            reverse("operators:add"),
            {
                "name": "Rina Wati",
                "phone": "0812 7000 1111",
                "email": "",
                "desa": jangkar_asam.pk,
                "is_kim": "on",
            },
        )

        assert response.status_code == 200
        [credentials] = response.context["credentials"]
        assert credentials.password in response.content.decode()
        user = User.objects.get(phone="+6281270001111")
        assert (user.region, user.is_kim, user.must_change_password) == (
            jangkar_asam,
            True,
            True,
        )
        assert log_in("0812 7000 1111", credentials.password)[1].status_code == 302

    def test_a_desa_of_another_kecamatan_is_refused(self, client, gantung_admin):
        """Posting Mekar Jaya's id by hand does not create an operator there."""
        client.force_login(gantung_admin)
        count = User.objects.count()

        response = client.post(
            reverse("operators:add"),
            {
                "name": "Rina Wati",
                "desa": Region.objects.get(code="19.06.01.2012").pk,
            },
        )

        assert response.status_code == 200
        assert "desa" in response.context["form"].errors
        assert User.objects.count() == count

    def test_a_phone_number_in_use_is_refused_on_the_form(
        self, client, gantung_admin, other_operator, indonesian
    ):
        """The admin learns the number belongs to someone already."""
        client.force_login(gantung_admin)
        count = User.objects.count()

        response = client.post(
            reverse("operators:add"),
            {
                "name": "Rina Wati",
                "phone": "0812 1906 0112",
                "desa": Region.objects.get(code="19.06.02.2003").pk,
            },
        )

        assert response.context["form"].errors["phone"] == [
            indonesian("This phone number is already used by another account.")
        ]
        assert User.objects.count() == count


def csv_upload(text):
    return SimpleUploadedFile("operator.csv", text.encode(), content_type="text/csv")


class TestOperatorImportView:
    def test_a_good_file_shows_every_new_password_and_each_works(
        self, client, beltim_admin
    ):
        """The sheet lists all new accounts; each password signs its operator in."""
        client.force_login(beltim_admin)
        text = (
            "nama,telepon,email,kode_desa,kim\n"
            "Rina Wati,0812 7000 1111,,19.06.02.2003,tidak\n"
            "Joko Susilo,0813 7000 2222,,19.06.01.2012,ya\n"
        )

        response = client.post(reverse("operators:import"), {"file": csv_upload(text)})

        assert response.status_code == 200
        credentials = response.context["credentials"]
        assert len(credentials) == 2
        body = response.content.decode()
        for item in credentials:
            assert item.password in body
            assert log_in(item.user.phone, item.password)[1].status_code == 302

    def test_a_bad_file_lists_the_bad_lines_and_imports_nothing(
        self, client, gantung_admin, indonesian
    ):
        """Line 3 names a desa outside Gantung; line 2 is not written either."""
        client.force_login(gantung_admin)
        count = User.objects.count()
        text = (
            "nama,telepon,email,kode_desa,kim\n"
            "Rina Wati,0812 7000 1111,,19.06.02.2003,tidak\n"
            "Joko Susilo,0813 7000 2222,,19.06.01.2012,ya\n"
        )

        response = client.post(reverse("operators:import"), {"file": csv_upload(text)})

        assert response.status_code == 200
        [(line, message)] = response.context["line_errors"]
        assert line == 3
        assert "19.06.01.2012" in message
        body = response.content.decode()
        assert escape(message) in body
        assert (
            escape(
                indonesian(
                    "Nothing was imported. Fix the lines below and upload the file again."
                )
            )
            in body
        )
        assert User.objects.count() == count


class TestOperatorEditView:
    def test_the_form_is_filled_with_the_operator(
        self, client, gantung_admin, operator
    ):
        """The admin sees what is stored before changing it."""
        client.force_login(gantung_admin)

        response = client.get(reverse("operators:edit", args=[operator.pk]))

        assert response.status_code == 200
        assert response.context["form"].initial["name"] == "Siti Aminah"
        assert response.context["form"].initial["phone"] == "+6281219060203"

    def test_saving_changes_the_operator_and_returns_to_the_list(
        self, client, gantung_admin, operator
    ):
        """A corrected name and number are stored in E.164 form."""
        client.force_login(gantung_admin)

        response = client.post(
            reverse("operators:edit", args=[operator.pk]),
            {
                "name": "Siti Nurhaliza",
                "phone": "0812 9999 0000",
                "email": "siti@contoh.desa.id",
                "desa": operator.region_id,
            },
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("operators:index")
        operator.refresh_from_db()
        assert operator.get_full_name() == "Siti Nurhaliza"
        assert operator.phone == "+6281299990000"
        assert operator.email == "siti@contoh.desa.id"


class TestOperatorResetPasswordView:
    def test_the_admin_is_asked_before_the_password_changes(
        self, client, gantung_admin, operator
    ):
        """Opening the screen changes nothing."""
        client.force_login(gantung_admin)

        response = client.get(reverse("operators:reset_password", args=[operator.pk]))

        assert response.status_code == 200
        assert "Siti Aminah" in response.content.decode()
        assert log_in("siti.jangkarasam", DEFAULT_PASSWORD)[1].status_code == 302

    def test_resetting_gives_a_one_time_password_that_works(
        self, client, gantung_admin, operator
    ):
        """The new password signs in and asks for a new one; the old one stops."""
        client.force_login(gantung_admin)

        response = client.post(reverse("operators:reset_password", args=[operator.pk]))

        [credentials] = response.context["credentials"]
        assert credentials.password in response.content.decode()
        browser, signed_in = log_in("081219060203", credentials.password)
        assert signed_in.status_code == 302
        assert browser.get("/")["Location"].startswith(PASSWORD_URL)
        assert log_in("081219060203", DEFAULT_PASSWORD)[1].status_code == 200


class TestOperatorDeactivateView:
    def test_deactivating_keeps_the_account_and_removes_publishing_rights(
        self, client, beltim_admin, operator
    ):
        """The row stays for history; the rights and the sign-in go, with the reason logged."""
        grant_publishing_rights(operator=operator, reason="Sertifikat terbit")
        client.force_login(beltim_admin)

        response = client.post(
            reverse("operators:deactivate", args=[operator.pk]),
            {"reason": "Pindah tugas"},
        )

        assert response.status_code == 302
        operator = User.objects.get(pk=operator.pk)
        assert not operator.is_active
        assert not desa_publishing_policy.holds_publishing_rights(operator)
        assert not desa_publishing_policy.user_can_write_on(operator, operator.region)
        entry = ModelLogEntry.objects.for_instance(operator).get(
            action="literasi.publishing.revoke"
        )
        assert entry.data["reason"] == "Pindah tugas"
        assert entry.user == beltim_admin
        assert log_in("siti.jangkarasam", DEFAULT_PASSWORD)[1].status_code == 200

    def test_a_deactivated_operator_can_be_activated_again(
        self, client, gantung_admin, operator
    ):
        """Activation restores sign-in and writing, not publishing."""
        client.force_login(gantung_admin)
        client.post(reverse("operators:deactivate", args=[operator.pk]))

        response = client.post(reverse("operators:reactivate", args=[operator.pk]))

        assert response.status_code == 302
        operator = User.objects.get(pk=operator.pk)
        assert operator.is_active
        assert desa_publishing_policy.user_can_write_on(operator, operator.region)
        assert not desa_publishing_policy.holds_publishing_rights(operator)
        assert log_in("siti.jangkarasam", DEFAULT_PASSWORD)[1].status_code == 302
