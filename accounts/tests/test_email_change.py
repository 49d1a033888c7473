"""Operators change their own email address on the site (they have no admin)."""

from django.test import Client
from django.urls import reverse

from accounts.models import User

URL = reverse("accounts:email_change")


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def test_an_operator_changes_their_email(operator):
    browser = signed_in(operator)

    response = browser.post(URL, {"email": " siti@desa.id "})

    assert response["Location"] == URL
    assert User.objects.get(pk=operator.pk).email == "siti@desa.id"
    assert "Alamat email Anda sudah disimpan." in browser.get(URL).content.decode()


def test_the_email_may_be_left_empty(operator):
    signed_in(operator).post(URL, {"email": ""})

    assert User.objects.get(pk=operator.pk).email == ""


def test_a_bad_address_is_refused_in_indonesian_and_nothing_changes(operator):
    before = operator.email

    response = signed_in(operator).post(URL, {"email": "siti@"})

    assert response.status_code == 200
    assert "alamat email" in response.content.decode().lower()
    assert User.objects.get(pk=operator.pk).email == before


def test_my_courses_links_to_it(operator):
    page = signed_in(operator).get(reverse("courses:my_courses")).content.decode()

    assert f'href="{URL}"' in page
