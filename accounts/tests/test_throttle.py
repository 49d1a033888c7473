from django.urls import reverse

from accounts.factories import DEFAULT_PASSWORD, OperatorFactory

# Every test gets the database through the shared world's fixtures (conftest.py).

LOGIN = "/akun/masuk/"
LOCKED = (
    "This account is locked for 15 minutes after too many wrong passwords. "
    "Wait, then try again; if you forgot the password, ask your kecamatan admin "
    "or Diskominfo for a new one."
)


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

    def test_repeated_wrong_passwords_lock_the_account_with_a_message(
        self, client, operator, indonesian
    ):
        """After five wrong passwords even the right one is refused for a while."""
        for _ in range(5):
            client.post(LOGIN, {"username": operator.username, "password": "salah"})
        response = client.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 200
        assert indonesian(LOCKED) in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_the_lock_follows_the_account_across_phone_formats(
        self, client, operator, indonesian
    ):
        """Guessing by phone number in different forms counts for the same account."""
        for phone in (
            "081219060203",
            "+6281219060203",
            "6281219060203",
            "0812-1906-0203",
            "0812 1906 0203",
        ):
            client.post(LOGIN, {"username": phone, "password": "salah"})
        response = client.post(
            LOGIN, {"username": "0812 1906 0203", "password": DEFAULT_PASSWORD}
        )
        assert "_auth_user_id" not in client.session
        assert indonesian(LOCKED) in response.content.decode()

    def test_another_account_is_not_affected(self, client, operator, other_operator):
        """Locking one account leaves the others signing in."""
        for _ in range(6):
            client.post(LOGIN, {"username": operator.username, "password": "salah"})
        response = client.post(
            LOGIN, {"username": other_operator.username, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302

    def test_the_wagtail_admin_login_is_throttled_too(self, client, operator):
        """The admin's own login form cannot be used to keep guessing."""
        for _ in range(5):
            client.post(LOGIN, {"username": operator.username, "password": "salah"})
        client.post(
            reverse("wagtailadmin_login"),
            {"username": operator.username, "password": DEFAULT_PASSWORD},
        )
        assert "_auth_user_id" not in client.session


class TestDeactivation:
    def test_deactivating_an_account_ends_its_sessions(
        self, client, operator, beltim_admin
    ):
        """A deactivated operator who is signed in is signed out on the next request."""
        from accounts.services import deactivate_operator

        client.force_login(operator)
        assert client.get(reverse("courses:my_courses")).status_code == 200
        deactivate_operator(
            actor=beltim_admin, operator=operator, reason="Pindah tugas"
        )
        response = client.get(reverse("courses:my_courses"))
        assert response.status_code == 302 and reverse("accounts:login") in response.url


class TestDeactivatedSignIn:
    def test_a_deactivated_operator_is_told_to_ask_diskominfo(
        self, client, operator, beltim_admin, indonesian
    ):
        """With the right password, a deactivated account hears why it cannot sign in."""
        from accounts.services import deactivate_operator

        deactivate_operator(
            actor=beltim_admin, operator=operator, reason="Pindah tugas"
        )
        response = client.post(
            LOGIN, {"username": operator.username, "password": DEFAULT_PASSWORD}
        )
        message = indonesian(
            "This account has been deactivated. Ask Diskominfo to activate it."
        )
        assert message in response.content.decode()
        wrong = client.post(LOGIN, {"username": operator.username, "password": "salah"})
        assert message not in wrong.content.decode()
