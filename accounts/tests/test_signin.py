"""Sign-in on a phone keyboard: letter case, role homes, "Ingat HP ini", Argon2id."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from accounts.factories import (
    DEFAULT_PASSWORD,
    AdminKabupatenFactory,
    AdminKecamatanFactory,
    OperatorFactory,
    SuperuserFactory,
    TrainerFactory,
    UserFactory,
)
from accounts.models import User
from accounts.services import create_operator

LOGIN = "/akun/masuk/"
DAY = 24 * 60 * 60


def sign_in(username, password=DEFAULT_PASSWORD, **data):
    browser = Client()
    response = browser.post(LOGIN, {"username": username, "password": password, **data})
    return browser, response


def signed_in_as(browser):
    return browser.session.get("_auth_user_id")


class TestLetterCase:
    @pytest.mark.parametrize(
        "typed",
        [
            "SITI.JANGKARASAM",
            "Siti.jangkarasam",
            "  siti.Jangkarasam  ",
            "siti.jangkarasam ",
        ],
    )
    def test_case_variants_sign_in(self, operator, typed):
        """A phone keyboard that capitalises the first letter, or a trailing space,
        still signs the operator in."""
        browser, response = sign_in(typed)
        assert response.status_code == 302
        assert signed_in_as(browser) == str(operator.pk)

    def test_wrong_case_tries_with_the_right_password_do_not_lock(self, operator):
        """Six tries with a capital first letter are six sign-ins, not a lock."""
        for _ in range(6):
            browser, _response = sign_in("Siti.jangkarasam")
            assert signed_in_as(browser) == str(operator.pk)
        browser, _response = sign_in("siti.jangkarasam")
        assert signed_in_as(browser) == str(operator.pk)

    def test_the_wagtail_admin_login_ignores_case_too(self, gantung_admin):
        browser = Client()
        browser.post(
            reverse("wagtailadmin_login"),
            {"username": "Admin.Gantung", "password": DEFAULT_PASSWORD},
        )
        assert signed_in_as(browser) == str(gantung_admin.pk)

    def test_the_database_refuses_a_name_differing_only_by_case(self, operator):
        with pytest.raises(IntegrityError), transaction.atomic():
            UserFactory(username="Siti.Jangkarasam")

    def test_new_operators_never_get_a_name_differing_only_by_case(
        self, gantung_admin, regions
    ):
        """`siti.jangkarasam` exists as `Siti.JangkarAsam`: the next Siti gets `…2`."""
        UserFactory(username="Siti.JangkarAsam")
        from regions.models import Region

        made = create_operator(
            actor=gantung_admin,
            name="Siti Rahma",
            desa=Region.objects.get(code="19.06.02.2003"),
        )
        assert made.user.username == "siti.jangkarasam2"

    def test_the_wagtail_user_form_refuses_a_name_differing_only_by_case(
        self, operator, superuser, indonesian
    ):
        """The superuser's user screen says which account already has the name."""
        client = Client()
        client.force_login(superuser)
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": " SITI.Jangkarasam ",
                "email": "siti2@contoh.desa.id",
                "first_name": "Siti",
                "last_name": "Dua",
                "password1": "sandi-panjang-2026",
                "password2": "sandi-panjang-2026",
                "role": "",
            },
        )
        assert response.status_code == 200
        errors = response.context["form"].errors["username"]
        assert errors == [
            indonesian(
                "The username “%(username)s” is already taken as “%(existing)s”: "
                "letter case does not count. Choose another username.",
                username="SITI.Jangkarasam",
                existing="siti.jangkarasam",
            )
        ]
        assert User.objects.with_username("siti.jangkarasam").count() == 1

    def test_the_migration_names_clashes_before_adding_the_constraint(self, regions):
        """Existing names that differ only by case stop the migration, named."""
        import importlib

        migration = importlib.import_module(
            "accounts.migrations.0005_username_case_insensitive"
        )
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DROP INDEX user_username_unique_ignoring_case")
            UserFactory(username="Op.Gantung")
            UserFactory(username="op.gantung")
            with pytest.raises(RuntimeError, match="Op.Gantung / op.gantung"):
                migration.refuse_usernames_differing_only_by_case(django_apps, None)
            transaction.set_rollback(True)

    def test_inputs_suit_a_phone_keyboard(self, client, db):
        """No capital letter, autocorrect or spell-check in the sign-in fields."""
        for url in (LOGIN, reverse("wagtailadmin_login")):
            html = client.get(url).content.decode()
            for attribute in (
                'autocapitalize="none"',
                'autocorrect="off"',
                'spellcheck="false"',
                'autocomplete="username"',
                'autocomplete="current-password"',
            ):
                assert attribute in html, (url, attribute)


class TestRoleHomes:
    @pytest.mark.parametrize(
        ("factory", "home"),
        [
            (OperatorFactory, "/kursus/saya/"),
            (TrainerFactory, "/lokakarya/"),
            (AdminKecamatanFactory, "/admin/kesiapan/"),
            (AdminKabupatenFactory, "/admin/kesiapan/"),
            (SuperuserFactory, "/admin/"),
        ],
        ids=["operator", "trainer", "kecamatan admin", "Diskominfo", "superuser"],
    )
    def test_each_role_lands_on_its_own_home(self, regions, factory, home):
        user = factory()
        _browser, response = sign_in(user.username)
        assert response["Location"] == home

    def test_the_course_team_lands_on_the_admin(self, regions):
        user = UserFactory(role=User.Role.COURSE_TEAM)
        _browser, response = sign_in(user.username)
        assert response["Location"] == "/admin/"

    def test_a_page_asked_for_wins(self, trainer):
        _browser, response = sign_in(trainer.username, next="/kursus/")
        assert response["Location"] == "/kursus/"


class TestRememberThisPhone:
    def test_an_operator_who_ticks_it_stays_signed_in_for_90_days(self, operator):
        browser, response = sign_in(operator.username, remember="on")
        assert not browser.session.get_expire_at_browser_close()
        assert browser.session.get_expiry_age() == 90 * DAY
        assert int(response.cookies["sessionid"]["max-age"]) == 90 * DAY

    def test_without_it_the_session_ends_with_the_browser(self, operator):
        browser, response = sign_in(operator.username)
        assert browser.session.get_expire_at_browser_close()
        assert not response.cookies["sessionid"]["max-age"]

    @pytest.mark.parametrize(
        "factory", [AdminKecamatanFactory, TrainerFactory, SuperuserFactory]
    )
    def test_staff_never_get_the_long_session(self, regions, factory):
        user = factory()
        browser, response = sign_in(user.username, remember="on")
        assert browser.session.get_expire_at_browser_close()
        assert not response.cookies["sessionid"]["max-age"]

    def test_the_label_explains_it_in_indonesian(self, client, db):
        html = client.get(LOGIN).content.decode()
        assert "Ingat HP ini" in html
        assert "komputer bersama" in html


class TestPasswordHashing:
    def test_an_old_pbkdf2_hash_becomes_argon2id_at_the_next_sign_in(
        self, operator, settings
    ):
        settings.PASSWORD_HASHERS = [
            "accounts.hashers.OwaspArgon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
        User.objects.filter(pk=operator.pk).update(
            password=make_password(DEFAULT_PASSWORD, hasher="pbkdf2_sha256")
        )
        browser, _response = sign_in(operator.username)
        assert signed_in_as(browser) == str(operator.pk)
        operator.refresh_from_db()
        assert operator.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        again, _response = sign_in(operator.username)
        assert signed_in_as(again) == str(operator.pk)

    def test_the_site_hashes_with_owasp_argon2id_first(self):
        """Production settings (tests keep MD5 for speed): Argon2id at OWASP's
        parameters makes new hashes; PBKDF2 still reads the old ones."""
        from accounts.hashers import OwaspArgon2PasswordHasher
        from lms.settings import base

        assert base.PASSWORD_HASHERS[0] == "accounts.hashers.OwaspArgon2PasswordHasher"
        assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in (
            base.PASSWORD_HASHERS
        )
        encoded = OwaspArgon2PasswordHasher().encode("rahasia-desa", "garamgaramgaram1")
        assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
