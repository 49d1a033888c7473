import re
import threading
import time
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.factories import DEFAULT_PASSWORD, OperatorFactory
from accounts.models import User
from accounts.services import LoginAttempt, check_password_guarded

# Every test gets the database through the shared world's fixtures (conftest.py).

LOGIN = "/akun/masuk/"
INVALID = (
    "The username/phone number or the password is wrong. Check both and try again. "
    "After 5 wrong tries, sign-in waits 15 minutes on a phone that has not signed in "
    "to this account before. If you forgot your password, ask your kecamatan admin or "
    "Diskominfo for a new one."
)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, username, times=1, **extra):
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "salah"}, **extra)


@pytest.fixture
def clock(monkeypatch):
    """Move the cache's clock (time.time) forward without waiting."""
    real = time.time
    offset = [0.0]
    monkeypatch.setattr(time, "time", lambda: real() + offset[0])

    def advance(seconds):
        offset[0] += seconds

    return advance


class TestLoginThrottle:
    def test_a_hall_of_people_behind_one_address_all_sign_in(self, client, regions):
        """Eighty operators from one IP address sign in one after another."""
        operators = [OperatorFactory(region_code="19.06.02.2003") for _ in range(80)]
        for operator in operators:
            client.logout()
            response = client.post(
                LOGIN,
                {"username": operator.username, "password": DEFAULT_PASSWORD},
                REMOTE_ADDR="10.0.0.1",
            )
            assert response.status_code == 302, operator.username

    def test_repeated_wrong_passwords_lock_the_account(
        self, client, operator, indonesian
    ):
        """After five wrong passwords even the right one is refused for a while,
        with the same answer as a wrong password."""
        fail(client, operator.username, times=5)
        response = client.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [indonesian(INVALID)]
        assert not signed_in(client)

    def test_the_lock_follows_the_account_across_phone_formats(self, operator):
        """Guessing by phone number in different forms counts for the same account."""
        client = Client()
        for phone in (
            "081219060203",
            "+6281219060203",
            "6281219060203",
            "0812-1906-0203",
            "0812 1906 0203",
        ):
            fail(client, phone)
        client.post(LOGIN, {"username": "0812 1906 0203", "password": DEFAULT_PASSWORD})
        assert not signed_in(client)

    def test_one_counter_per_account_whatever_identifier_was_typed(self, operator):
        """Username in any case and phone number share one counter: five guesses in
        all, not five per way of writing the account."""
        client = Client()
        fail(client, "siti.jangkarasam")
        fail(client, "SITI.JANGKARASAM")
        fail(client, "Siti.Jangkarasam")
        fail(client, "081219060203")
        fail(client, "+62 812-1906-0203")
        client.post(
            LOGIN, {"username": "siti.jangkarasam", "password": DEFAULT_PASSWORD}
        )
        assert not signed_in(client)

    def test_another_account_is_not_affected(self, client, operator, other_operator):
        """Locking one account leaves the others signing in."""
        fail(client, operator.username, times=6)
        response = client.post(
            LOGIN, {"username": other_operator.username, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302

    def test_the_wagtail_admin_login_is_throttled_too(self, client, operator):
        """The admin's own login form cannot be used to keep guessing."""
        fail(client, operator.username, times=5)
        client.post(
            reverse("wagtailadmin_login"),
            {"username": operator.username, "password": DEFAULT_PASSWORD},
        )
        assert not signed_in(client)

    def test_one_address_may_fail_many_times_but_not_without_end(
        self, operator, settings
    ):
        """A hall behind one router is not held back by a few hundred typos, but an
        address that keeps failing is stopped for every account it tries."""
        settings.LOGIN_ADDRESS_FAILURES_ALLOWED = 4
        hall = Client(REMOTE_ADDR="10.0.0.9")
        for n in range(4):
            fail(hall, f"tidak.ada{n}")
        hall.post(LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD})
        assert not signed_in(hall)
        elsewhere = Client(REMOTE_ADDR="10.0.0.10")
        elsewhere.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        assert signed_in(elsewhere)


class TestFixedLock:
    def test_the_lock_lasts_a_fixed_time_from_when_it_began(self, operator, clock):
        """Five failures lock the account for 15 minutes from the fifth; failures
        during the lock do not make it longer."""
        attacker, owner = Client(), Client()
        fail(attacker, operator.username)
        clock(14 * 60)
        fail(attacker, operator.username, times=4)  # the lock begins now
        clock(2 * 60)  # 16 minutes after the first failure, 2 into the lock
        owner.post(LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD})
        assert not signed_in(owner), "the lock runs from its start, not the 1st try"
        clock(5 * 60)
        fail(attacker, operator.username, times=20)  # during the lock
        clock(8 * 60 + 5)  # just past 15 minutes after the lock began
        owner.post(LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD})
        assert signed_in(owner)


class TestDeviceCookie:
    def test_a_known_phone_signs_in_while_the_account_is_locked_for_others(
        self, operator
    ):
        """The owner's phone, which signed in before, is not locked out by an
        attacker's failures from elsewhere."""
        phone = Client()
        phone.post(LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD})
        assert signed_in(phone)
        phone.post(reverse("accounts:logout"))
        assert not signed_in(phone)

        attacker = Client()
        fail(attacker, operator.username, times=10)
        attacker.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        assert not signed_in(attacker)

        phone.post(
            LOGIN, {"username": "Siti.Jangkarasam", "password": DEFAULT_PASSWORD}
        )
        assert signed_in(phone)

    def test_a_known_phone_has_its_own_limit(self, operator):
        """Failures on a known phone lock that phone too (a stolen cookie does not
        give unlimited guesses)."""
        phone = Client()
        phone.post(LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD})
        phone.post(reverse("accounts:logout"))
        fail(phone, operator.username, times=5)
        phone.post(LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD})
        assert not signed_in(phone)

    def test_the_cookie_is_signed_http_only_and_same_site(self, operator):
        browser = Client()
        response = browser.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        cookie = response.cookies[settings.LOGIN_DEVICE_COOKIE_NAME]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert int(cookie["max-age"]) >= 300 * 24 * 60 * 60

    def test_a_forged_or_foreign_cookie_counts_for_nothing(
        self, operator, other_operator
    ):
        """A cookie from another account or a made-up one is an unknown device."""
        other = Client()
        other.post(
            LOGIN, {"username": other_operator.username, "password": DEFAULT_PASSWORD}
        )
        other.post(reverse("accounts:logout"))
        fail(Client(), operator.username, times=5)
        other.post(LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD})
        assert not signed_in(other)
        forged = Client()
        forged.cookies[settings.LOGIN_DEVICE_COOKIE_NAME] = "eyJ1IjoxfQ:x:y"
        forged.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        assert not signed_in(forged)


def _error_html(response):
    """The answer as shown: the page with the CSRF token and the typed name masked."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", html)
    return re.sub(r'name="username" value="[^"]*"', "USERNAME", html)


class TestOneAnswer:
    def test_locked_deactivated_unknown_and_wrong_look_the_same(
        self, operator, other_operator, beltim_admin
    ):
        """Until the password is right and the account may sign in, every case gets
        the same status, message and form: nothing tells them apart."""
        from accounts.services import deactivate_operator

        locked = OperatorFactory(username="terkunci.desa")
        fail(Client(), locked.username, times=5)
        deactivate_operator(actor=beltim_admin, operator=other_operator, reason="x")

        answers = {
            "wrong password": Client().post(
                LOGIN, {"username": operator.username, "password": "salah"}
            ),
            "locked, right password": Client().post(
                LOGIN, {"username": locked.username, "password": DEFAULT_PASSWORD}
            ),
            "deactivated, right password": Client().post(
                LOGIN,
                {"username": other_operator.username, "password": DEFAULT_PASSWORD},
            ),
            "unknown": Client().post(
                LOGIN, {"username": "tidak.ada", "password": DEFAULT_PASSWORD}
            ),
        }
        statuses = {name: r.status_code for name, r in answers.items()}
        assert set(statuses.values()) == {200}, statuses
        pages = {name: _error_html(r) for name, r in answers.items()}
        first = pages["wrong password"]
        for name, page in pages.items():
            assert page == first, name
        assert "dinonaktifkan" not in first


class TestParallelGuesses:
    def test_thirty_parallel_wrong_passwords_check_at_most_five(self, operator):
        """Requests arriving together are counted before any password is checked."""
        checked = []
        lock = threading.Lock()

        def slow_wrong_check(self, raw_password):
            with lock:
                checked.append(raw_password)
            time.sleep(0.02)  # long enough for every thread to be in flight
            return False

        barrier = threading.Barrier(30)
        results = []
        factory = RequestFactory()

        def guess(n):
            barrier.wait(timeout=10)
            request = factory.post(LOGIN, REMOTE_ADDR="10.0.0.1")
            request.COOKIES = {}
            results.append(
                authenticate(request, username=operator.username, password=f"g{n}")
            )

        with (
            mock.patch("accounts.backends.find_account", return_value=operator),
            mock.patch.object(User, "check_password", slow_wrong_check),
        ):
            threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)

        assert results == [None] * 30
        assert len(checked) == settings.LOGIN_FAILURES_ALLOWED

    def test_the_service_counts_before_it_checks(self, db):
        """The throttle on its own: 30 threads, one account, at most 5 checks."""
        checked = []
        barrier = threading.Barrier(30)
        attempt = LoginAttempt(account_id=4242, identifier="x")

        def check():
            checked.append(1)
            time.sleep(0.01)
            return False

        def run():
            barrier.wait(timeout=10)
            check_password_guarded(attempt=attempt, check=check)

        threads = [threading.Thread(target=run) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert len(checked) == 5


class TestDeactivatedSignIn:
    def test_a_deactivated_operator_gets_the_common_answer(
        self, client, operator, beltim_admin, indonesian
    ):
        """With the right password, a deactivated account is told nothing more than
        a wrong password would be: an attacker learns nothing about it."""
        from accounts.services import deactivate_operator

        deactivate_operator(
            actor=beltim_admin, operator=operator, reason="Pindah tugas"
        )
        response = client.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        assert response.context["form"].non_field_errors() == [indonesian(INVALID)]
        assert not signed_in(client)
