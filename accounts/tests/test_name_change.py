"""The name on an operator's account is printed on their certificates, so it is the
name an admin of their region registered or approved: an operator asks for a change
of name, and an admin in scope approves (the account takes the name) or rejects it."""

import pytest
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import NameChangeRequest, User
from accounts.services import request_name_change
from certificates.services import issue_certificate
from courses.factories import build_course

ACCOUNT_URL = "/admin/account/"
NAME_CHANGE_URL = "/akun/nama/"
LONG_EMAIL = "siti@" + ".".join(["a" * 60] * 5) + ".id"  # 312 characters


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def account_settings(browser, **changes):
    """What the account settings page posts when nothing is touched, plus changes."""
    response = browser.get(ACCOUNT_URL)
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                value = field.value()
                if value in (None, False, "") or isinstance(value, FieldFile):
                    continue
                data[field.html_name] = value
    return {**data, **changes}


def names(user):
    user.refresh_from_db()
    return user.first_name, user.last_name


@pytest.fixture
def name_request(operator):
    """Siti asks to be called Siti Aminah Putri."""
    return request_name_change(operator=operator, name="Siti Aminah Putri")


def decide(user, name_request, decision, reason=""):
    return signed_in(user).post(
        reverse("operators:name_request", args=[name_request.pk]),
        {"decision": decision, "reason": reason},
    )


class TestAccountSettings:
    @pytest.mark.parametrize(
        "fields",
        [
            {"name_email-first_name": "Bupati", "name_email-last_name": "Palsu"},
            {"name_change-name": "Siti Aminah Putri"},
        ],
    )
    def test_an_operator_has_no_admin_account_settings(self, operator, fields):
        """Operators never enter the admin: its account settings send them to Meja
        Tulis and change nothing; they ask for a new name at /akun/nama/."""
        browser = signed_in(operator)

        for response in (
            browser.get(ACCOUNT_URL),
            browser.post(ACCOUNT_URL, fields),
        ):
            assert response.status_code == 302
            assert response["Location"] == reverse("meja:index")
        assert names(operator) == ("Siti", "Aminah")
        assert not NameChangeRequest.objects.exists()

    def test_an_admin_still_changes_their_own_name(self, gantung_admin):
        """Only operators' names are printed on certificates."""
        browser = signed_in(gantung_admin)

        browser.post(
            ACCOUNT_URL,
            account_settings(
                browser,
                **{"name_email-first_name": "Rudi", "name_email-last_name": ""},
            ),
        )

        assert names(gantung_admin) == ("Rudi", "")

    def test_an_email_of_312_characters_is_refused(self, gantung_admin):
        """Valid by RFC but longer than the database column: a form error (the
        model's own limit), never a server error."""
        browser = signed_in(gantung_admin)

        response = browser.post(
            ACCOUNT_URL, account_settings(browser, **{"name_email-email": LONG_EMAIL})
        )

        assert response.status_code == 200
        gantung_admin.refresh_from_db()
        assert gantung_admin.email != LONG_EMAIL


class TestNameChangePage:
    def test_the_page_shows_the_name_on_the_certificates(self, operator):
        response = signed_in(operator).get(NAME_CHANGE_URL)

        assert response.status_code == 200
        assert "Nama di sertifikat Anda:" in response.content.decode()
        assert "Siti Aminah" in response.content.decode()

    def test_a_request_is_sent_and_the_name_stays(self, operator):
        """The page then says the request waits for the admin."""
        browser = signed_in(operator)

        response = browser.post(NAME_CHANGE_URL, {"name": "  Siti  Aminah Putri "})

        assert response.status_code == 302
        pending = NameChangeRequest.objects.get(user=operator)
        assert (pending.first_name, pending.last_name) == ("Siti", "Aminah Putri")
        assert names(operator) == ("Siti", "Aminah")
        assert "Siti Aminah Putri" in browser.get(NAME_CHANGE_URL).content.decode()

    def test_a_new_request_replaces_the_one_still_waiting(self, operator):
        browser = signed_in(operator)

        browser.post(NAME_CHANGE_URL, {"name": "Siti Aminah Putri"})
        browser.post(NAME_CHANGE_URL, {"name": "Siti Aminah Putra"})

        [pending] = NameChangeRequest.objects.filter(user=operator)
        assert pending.requested_name == "Siti Aminah Putra"

    def test_the_name_already_on_the_account_is_refused(self, operator):
        response = signed_in(operator).post(NAME_CHANGE_URL, {"name": "Siti Aminah"})

        assert response.status_code == 200
        assert response.context["form"].errors["name"] == [
            "Ini sudah nama di akun Anda. Tulis nama yang baru."
        ]
        assert not NameChangeRequest.objects.exists()

    def test_a_name_of_10000_characters_is_refused(self, operator):
        response = signed_in(operator).post(NAME_CHANGE_URL, {"name": "a" * 10_000})

        assert response.status_code == 200
        assert "name" in response.context["form"].errors
        assert not NameChangeRequest.objects.exists()

    def test_a_rejected_request_shows_the_reason(
        self, operator, gantung_admin, name_request
    ):
        decide(gantung_admin, name_request, "reject", "Tidak sesuai KTP")

        response = signed_in(operator).get(NAME_CHANGE_URL)

        assert "Tidak sesuai KTP" in response.content.decode()

    # The role comes through getfixturevalue; naming the world here puts the test
    # among the database tests, which run before transactional tests empty the tables.
    @pytest.mark.usefixtures("world")
    @pytest.mark.parametrize("role", ["gantung_admin", "trainer", "superuser"])
    def test_only_operators_ask(self, request, world, role):
        """Others change their own name in their account settings."""
        user = request.getfixturevalue(role)

        assert signed_in(user).post(NAME_CHANGE_URL, {"name": "X Y"}).status_code == 403
        assert not NameChangeRequest.objects.exists()


class TestDecidingOnANameChange:
    def test_the_kecamatan_admin_sees_the_request_waiting(
        self, gantung_admin, name_request
    ):
        browser = signed_in(gantung_admin)

        listing = browser.get(reverse("operators:name_requests"))
        index = browser.get(reverse("operators:index"))

        assert list(listing.context["name_requests"]) == [name_request]
        assert index.context["pending_name_changes"] == 1

    def test_approval_gives_the_operator_the_name_and_is_logged(
        self, operator, gantung_admin, name_request
    ):
        response = decide(gantung_admin, name_request, "approve")

        assert response.status_code == 302
        assert names(operator) == ("Siti", "Aminah Putri")
        name_request.refresh_from_db()
        assert name_request.status == NameChangeRequest.Status.APPROVED
        assert name_request.decided_by == gantung_admin
        assert name_request.decided_at is not None
        entry = ModelLogEntry.objects.for_instance(operator).get(
            action="literasi.name_change.approve"
        )
        assert entry.user == gantung_admin
        assert entry.data["old_name"] == "Siti Aminah"
        assert entry.data["new_name"] == "Siti Aminah Putri"
        assert entry.message == "Penggantian nama disetujui"

    def test_rejection_changes_nothing_but_the_request(
        self, operator, gantung_admin, name_request
    ):
        response = decide(gantung_admin, name_request, "reject", "Tidak sesuai KTP")

        assert response.status_code == 302
        assert names(operator) == ("Siti", "Aminah")
        name_request.refresh_from_db()
        assert name_request.status == NameChangeRequest.Status.REJECTED
        assert name_request.reason == "Tidak sesuai KTP"
        assert ModelLogEntry.objects.for_instance(operator).filter(
            action="literasi.name_change.reject"
        )

    def test_rejection_needs_a_reason(self, operator, gantung_admin, name_request):
        response = decide(gantung_admin, name_request, "reject")

        assert response.status_code == 200
        assert response.context["form"].errors["reason"] == [
            "Tulis alasan permintaan ditolak; operator akan membacanya."
        ]
        name_request.refresh_from_db()
        assert name_request.status == NameChangeRequest.Status.PENDING

    def test_a_request_is_decided_once(self, operator, gantung_admin, name_request):
        """An approval after a rejection (another admin's, in another tab) is
        refused and says so."""
        decide(gantung_admin, name_request, "reject", "Tidak sesuai KTP")

        response = decide(gantung_admin, name_request, "approve")

        assert response.status_code == 200
        assert (
            "Permintaan ini sudah diputuskan (Ditolak). Tidak ada yang diubah."
            in response.content.decode()
        )
        assert names(operator) == ("Siti", "Aminah")

    @pytest.mark.parametrize("admin", ["banjarnegara_admin", "manggar_admin"])
    def test_an_admin_outside_the_operators_region_cannot_see_or_decide(
        self, request, admin, operator, name_request
    ):
        """Another kabupaten's Diskominfo or another kecamatan's admin: not found."""
        browser = signed_in(request.getfixturevalue(admin))
        url = reverse("operators:name_request", args=[name_request.pk])

        listing = browser.get(reverse("operators:name_requests"))

        assert list(listing.context["name_requests"]) == []
        assert browser.get(url).status_code == 404
        assert browser.post(url, {"decision": "approve"}).status_code == 404
        assert names(operator) == ("Siti", "Aminah")
        name_request.refresh_from_db()
        assert name_request.status == NameChangeRequest.Status.PENDING

    @pytest.mark.parametrize("role", ["operator", "trainer"])
    def test_operators_and_trainers_cannot_decide(self, request, role, name_request):
        user = request.getfixturevalue(role)

        response = decide(user, name_request, "approve")

        assert response.status_code == 302
        # Operators never enter the admin: they land in Meja Tulis.
        home = "meja:index" if role == "operator" else "wagtailadmin_home"
        assert response["Location"] == reverse(home)
        assert User.objects.get(pk=name_request.user_id).last_name == "Aminah"


@pytest.fixture
def courses(portal):
    return [
        build_course(title=title, modules=1, lessons_per_module=1)
        for title in ("Operator Website Desa", "Menulis Berita Desa")
    ]


class TestNameOnCertificates:
    def test_a_requested_name_is_not_printed_before_approval(
        self, operator, courses, name_request
    ):
        certificate = issue_certificate(operator=operator, course=courses[0])

        assert certificate.holder_name == "Siti Aminah"

    def test_the_approved_name_is_printed_on_the_next_certificate(
        self, operator, gantung_admin, courses, name_request
    ):
        """The certificate issued before keeps the name it was issued to."""
        before = issue_certificate(operator=operator, course=courses[0])
        decide(gantung_admin, name_request, "approve")

        after = issue_certificate(
            operator=User.objects.get(pk=operator.pk), course=courses[1]
        )

        assert after.holder_name == "Siti Aminah Putri"
        before.refresh_from_db()
        assert before.holder_name == "Siti Aminah"
