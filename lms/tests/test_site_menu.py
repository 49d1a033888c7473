"""The site's menu: each link shown to those the screen behind it lets in."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User

MY_COURSES = reverse("courses:my_courses")
PROGRESS = reverse("courses:progress_table")
WORKSHOPS = reverse("workshops:index")
DESK = reverse("desk:index")
DESK_QUEUE = reverse("desk:queue")
ALL_LINKS = {MY_COURSES, PROGRESS, WORKSHOPS, DESK, DESK_QUEUE}


def menu_links(user):
    browser = Client()
    browser.force_login(user)
    body = browser.get(reverse("accounts:password_change")).content.decode()
    nav = body.split("<nav", 1)[1].split("</nav>", 1)[0]
    return {link for link in ALL_LINKS if f'href="{link}"' in nav}


class TestSiteMenu:
    def test_an_operator_finds_their_courses_and_the_help_desk(self, operator):
        assert menu_links(operator) == {MY_COURSES, DESK}

    @pytest.mark.parametrize("role", ["trainer", "gantung_admin", "superuser"])
    def test_staff_find_progress_workshops_and_the_desk_queue(
        self, request, role, world
    ):
        user = request.getfixturevalue(role)

        assert menu_links(user) == {PROGRESS, WORKSHOPS, DESK_QUEUE}

    def test_a_provincial_admin_is_not_offered_screens_that_refuse_them(self, regions):
        """The provincial admin sees readiness only, in the Wagtail admin: the
        progress table, workshops and desk queue would refuse them."""
        admin = UserFactory(role=User.Role.ADMIN_PROVINSI, region_code="19")
        browser = Client()
        browser.force_login(admin)

        assert menu_links(admin) == set()
        assert browser.get(PROGRESS).status_code == 403
        assert browser.get(DESK_QUEUE).status_code == 403
