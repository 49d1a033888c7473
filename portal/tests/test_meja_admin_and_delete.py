"""Operators write only in Meja Tulis: no Wagtail admin, and drafts are deleted there."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from accounts.factories import DEFAULT_PASSWORD
from portal.factories import NewsPageFactory
from portal.services import OPERATOR_GROUP, assign_portal_groups

INDEX = reverse("meja:index")
STAFF_ONLY = "Operator menulis di Meja Tulis; halaman admin hanya untuk staf."


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def draft_news(desa_page, operator):
    page = NewsPageFactory(parent=desa_page, title="Panen lada", live=False)
    page.owner = operator
    page.save()
    page.save_revision(user=operator)
    return page


class TestNoAdminForOperators:
    def test_operators_hold_no_admin_access(self, operator, portal):
        assign_portal_groups(user=operator)

        assert not operator.has_perm("wagtailadmin.access_admin")
        assert operator.groups.filter(name=OPERATOR_GROUP).exists()

    def test_the_migration_takes_admin_access_from_the_operators_group(
        self, operator, portal
    ):
        group = Group.objects.get(name=OPERATOR_GROUP)
        access = Permission.objects.get(codename="access_admin")
        group.permissions.add(access)
        migration = importlib.import_module(
            "portal.migrations.0005_operators_without_admin_access"
        )

        migration.remove_admin_access(django_apps, None)

        assert not group.permissions.filter(pk=access.pk).exists()

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/",
            "/admin/pages/",
            "/admin/images/",
            "/admin/account/",
            "/admin/login/",
            "/admin/api/main/pages/",
        ],
    )
    def test_an_operator_opening_the_admin_goes_to_meja_tulis(self, operator, url):
        response = signed_in(operator).get(url)

        assert response.status_code == 302
        assert response["Location"] == INDEX
        assert said(response) == [STAFF_ONLY]

    def test_the_admins_sign_in_form_does_not_let_an_operator_in(
        self, operator, portal
    ):
        browser = Client()
        response = browser.post(
            reverse("wagtailadmin_login"),
            {"username": operator.username, "password": DEFAULT_PASSWORD},
            follow=True,
        )

        assert response.redirect_chain[-1][0] == INDEX
        assert STAFF_ONLY in response.content.decode()
        assert browser.get("/admin/pages/")["Location"] == INDEX

    def test_staff_keep_the_admin(self, gantung_admin):
        response = signed_in(gantung_admin).get("/admin/")

        assert response.status_code == 200

    def test_the_menu_offers_the_dashboard_to_staff_only(self, operator, gantung_admin):
        dashboard = f'href="{reverse("wagtailadmin_home")}"'
        my_courses = reverse("courses:my_courses")

        assert dashboard not in signed_in(operator).get(my_courses).content.decode()
        assert dashboard in signed_in(gantung_admin).get(my_courses).content.decode()


class TestDeleteDraft:
    def test_an_operator_deletes_a_draft_after_confirming(self, operator, draft_news):
        browser = signed_in(operator)
        url = reverse("meja:delete", args=[draft_news.pk])
        edit = browser.get(reverse("meja:edit", args=[draft_news.pk]))
        assert f'href="{url}"' in edit.content.decode()
        confirm = browser.get(url)
        assert confirm.status_code == 200
        assert "Hapus draf" in confirm.content.decode()
        assert Page.objects.filter(pk=draft_news.pk).exists()

        response = browser.post(url)

        assert response["Location"] == INDEX
        assert not Page.objects.filter(pk=draft_news.pk).exists()
        assert PageLogEntry.objects.filter(
            page_id=draft_news.pk, action="wagtail.delete", user=operator
        ).exists()
        assert said(response) == ["Draf “Panen lada” sudah dihapus."]
        # A second click finds nothing to delete and changes nothing else.
        assert browser.post(url).status_code == 404

    def test_a_page_once_published_is_not_deleted(self, operator, desa_page):
        news = NewsPageFactory(parent=desa_page, title="Panen lada", live=False)
        news.owner = operator
        news.save()
        news.save_revision(user=operator).publish()
        news.refresh_from_db()
        news.unpublish()
        browser = signed_in(operator)
        url = reverse("meja:delete", args=[news.pk])

        assert browser.get(url)["Location"] == reverse("meja:edit", args=[news.pk])
        response = browser.post(url)

        assert Page.objects.filter(pk=news.pk).exists()
        assert said(response)[-1] == (
            "Hanya draf yang belum pernah diterbitkan yang dapat dihapus. "
            "Turunkan halaman ini saja."
        )
        edit = browser.get(reverse("meja:edit", args=[news.pk]))
        assert f'href="{url}"' not in edit.content.decode()

    def test_a_page_in_moderation_is_not_deleted(self, operator, draft_news):
        draft_news.get_workflow().start(draft_news, operator)

        response = signed_in(operator).post(
            reverse("meja:delete", args=[draft_news.pk])
        )

        assert Page.objects.filter(pk=draft_news.pk).exists()
        assert "Tarik dari moderasi dahulu" in said(response)[0]

    def test_the_desa_profile_is_not_deleted(self, operator, desa_page):
        response = signed_in(operator).post(reverse("meja:delete", args=[desa_page.pk]))

        assert Page.objects.filter(pk=desa_page.pk).exists()
        assert said(response) == [
            "Profil desa tidak dapat dihapus. Ubah teksnya saja, atau tanyakan "
            "kepada admin kecamatan."
        ]

    def test_another_desas_draft_answers_404(self, operator, other_desa_page):
        news = NewsPageFactory(parent=other_desa_page, title="Draf lain", live=False)
        browser = signed_in(operator)

        for method in ("get", "post"):
            response = getattr(browser, method)(reverse("meja:delete", args=[news.pk]))
            assert response.status_code == 404
        assert Page.objects.filter(pk=news.pk).exists()
