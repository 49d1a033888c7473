"""The desa profile page stays where the portal put it; operators write its fields."""

import html

import pytest
from django.contrib.messages import get_messages
from django.db.models import ProtectedError
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.factories import NewsPageFactory
from portal.models import DesaAccess, DesaPage, KecamatanPage, NewsPage
from portal.services import grant_publishing_rights

DENIED = ("/admin/", 302)


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def bulk_url(action, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return f"/admin/bulk/wagtailcore/page/{action}/?{ids}"


def reloaded(page):
    return DesaPage.objects.get(pk=page.pk)


def messages_of(response):
    """The admin's messages as read on screen (Wagtail renders them as HTML)."""
    return [
        html.unescape(str(message)).strip()
        for message in get_messages(response.wsgi_request)
    ]


@pytest.fixture
def publisher(operator):
    """Siti, holding publishing rights on Jangkar Asam (a valid certificate)."""
    grant_publishing_rights(operator=operator)
    return operator


@pytest.fixture
def news(desa_page):
    return NewsPageFactory(parent=desa_page, title="Posyandu balita")


@pytest.fixture
def other_kecamatan(portal):
    return KecamatanPage.objects.get(region__code="19.06.01")


@pytest.mark.usefixtures("operators_as_limited_editors")
class TestOperatorsAndTheirDesaPage:
    def test_an_operator_cannot_delete_their_desa_page(self, publisher, desa_page):
        """The delete screen and a hand-made delete are refused; nothing is lost."""
        browser = signed_in(publisher)

        opened = browser.get(f"/admin/pages/{desa_page.pk}/delete/")
        posted = browser.post(f"/admin/pages/{desa_page.pk}/delete/")

        assert (opened["Location"], opened.status_code) == DENIED
        assert (posted["Location"], posted.status_code) == DENIED
        assert reloaded(desa_page).live
        assert DesaAccess.objects.filter(page=desa_page).exists()
        assert not desa_page.permissions_for_user(publisher).can_delete()

    def test_an_operator_cannot_unpublish_their_desa_page(self, publisher, desa_page):
        """The portal of the desa stays online, with everything under it."""
        browser = signed_in(publisher)

        opened = browser.get(f"/admin/pages/{desa_page.pk}/unpublish/")
        posted = browser.post(
            f"/admin/pages/{desa_page.pk}/unpublish/", {"include_descendants": "on"}
        )

        assert (opened["Location"], opened.status_code) == DENIED
        assert (posted["Location"], posted.status_code) == DENIED
        assert reloaded(desa_page).live
        assert not desa_page.permissions_for_user(publisher).can_unpublish()

    def test_an_operator_cannot_move_their_desa_page(
        self, publisher, desa_page, other_kecamatan
    ):
        """It stays under its own kecamatan."""
        browser = signed_in(publisher)
        parent = desa_page.get_parent()

        opened = browser.get(f"/admin/pages/{desa_page.pk}/move/")
        posted = browser.post(
            f"/admin/pages/{desa_page.pk}/move/{other_kecamatan.pk}/confirm/"
        )

        assert (opened["Location"], opened.status_code) == DENIED
        assert (posted["Location"], posted.status_code) == DENIED
        assert reloaded(desa_page).get_parent() == parent

    def test_an_operator_cannot_copy_their_desa_page(self, publisher, desa_page):
        """A desa has one profile page."""
        response = signed_in(publisher).get(f"/admin/pages/{desa_page.pk}/copy/")

        assert (response["Location"], response.status_code) == DENIED

    @pytest.mark.parametrize("action", ["delete", "unpublish", "move"])
    def test_bulk_actions_leave_the_desa_page_alone(
        self, publisher, desa_page, other_kecamatan, action
    ):
        """Selecting the desa page in the explorer's bulk actions changes nothing."""
        response = signed_in(publisher).post(
            bulk_url(action, desa_page),
            {"chooser": other_kecamatan.pk, "include_descendants": "on"},
        )

        assert response.status_code in (200, 302)
        page = reloaded(desa_page)
        assert page.live
        assert page.get_parent().pk != other_kecamatan.pk
        assert DesaAccess.objects.filter(page=desa_page).exists()

    def test_an_operator_unpublishes_their_own_news(self, publisher, news):
        """Their own content pages come and go as they choose."""
        response = signed_in(publisher).post(f"/admin/pages/{news.pk}/unpublish/")

        assert response.status_code == 302
        assert not NewsPage.objects.get(pk=news.pk).live

    def test_an_operator_deletes_their_own_news(self, publisher, news):
        """Deleting a content page is still theirs to do."""
        response = signed_in(publisher).post(f"/admin/pages/{news.pk}/delete/")

        assert response.status_code == 302
        assert not NewsPage.objects.filter(pk=news.pk).exists()

    def test_an_operator_still_edits_and_publishes_the_profile(
        self, publisher, desa_page
    ):
        """The village office details are theirs to keep up to date."""
        response = signed_in(publisher).post(
            f"/admin/pages/{desa_page.pk}/edit/",
            nested_form_data(
                {
                    "title": desa_page.title,
                    "slug": desa_page.slug,
                    "profile": rich_text("<p>Desa nelayan dan kebun lada.</p>"),
                    "head_name": "Bapak Kepala Desa",
                    "address": "Jalan Raya Jangkar Asam 1",
                    "contact": "0719 123456",
                    "comments": inline_formset([]),
                    "action-publish": "action-publish",
                }
            ),
        )

        assert response.status_code == 302
        page = reloaded(desa_page)
        assert (page.live, page.head_name) == (True, "Bapak Kepala Desa")

    def test_an_operator_cannot_give_the_profile_an_expiry_date(
        self, publisher, desa_page, indonesian
    ):
        """At its expiry Wagtail would unpublish the desa's whole portal."""
        response = signed_in(publisher).post(
            f"/admin/pages/{desa_page.pk}/edit/",
            nested_form_data(
                {
                    "title": desa_page.title,
                    "slug": desa_page.slug,
                    "profile": rich_text("<p>Desa nelayan.</p>"),
                    "comments": inline_formset([]),
                    "expire_at": "2030-01-01 08:00",
                    "action-publish": "action-publish",
                }
            ),
        )

        assert response.status_code == 200
        assert response.context["form"].errors["expire_at"] == [
            indonesian(
                "The desa profile stays online, so it cannot have an expiry date. Remove the date."
            )
        ]
        page = reloaded(desa_page)
        assert (page.live, page.expire_at) == (True, None)


class TestModeratorsAndTheDesaPage:
    def test_the_kecamatan_admin_may_still_take_a_desa_page_offline(
        self, gantung_admin, desa_page
    ):
        """Moderation from above the desa keeps its unpublish."""
        response = signed_in(gantung_admin).post(
            f"/admin/pages/{desa_page.pk}/unpublish/"
        )

        assert response.status_code == 302
        assert not reloaded(desa_page).live

    def test_a_moderator_cannot_delete_or_move_it(self, beltim_admin, desa_page):
        """Only a superuser may even try."""
        permissions = desa_page.permissions_for_user(beltim_admin)

        assert not permissions.can_delete()
        assert not permissions.can_move()


class TestDeletingNeverLosesTheAccess:
    def test_a_superusers_delete_is_refused_with_a_clear_message(
        self, superuser, desa_page, indonesian
    ):
        """The confirm screen sends them back and says why."""
        browser = signed_in(superuser)

        posted = browser.post(f"/admin/pages/{desa_page.pk}/delete/")

        parent = desa_page.get_parent()
        assert posted["Location"] == f"/admin/pages/{parent.pk}/"
        assert messages_of(posted) == [
            indonesian(
                "The page of %(desa)s carries that desa's publishing rights and media, so it cannot be deleted. Unpublish it instead if it should not be shown.",
                desa="Desa Jangkar Asam",
            )
        ]
        assert DesaPage.objects.filter(pk=desa_page.pk).exists()
        assert DesaAccess.objects.filter(page=desa_page).exists()

    def test_deleting_the_kecamatan_above_is_refused_too(self, superuser, desa_page):
        """A delete higher up would take the desa pages with it."""
        kecamatan = desa_page.get_parent()

        response = signed_in(superuser).post(f"/admin/pages/{kecamatan.pk}/delete/")

        assert response.status_code == 302
        assert KecamatanPage.objects.filter(pk=kecamatan.pk).exists()
        assert DesaAccess.objects.filter(page=desa_page).exists()

    def test_a_superusers_bulk_delete_is_refused(self, superuser, desa_page):
        """The explorer's bulk delete says the same."""
        response = signed_in(superuser).post(bulk_url("delete", desa_page))

        assert response.status_code == 302
        assert DesaPage.objects.filter(pk=desa_page.pk).exists()
        assert DesaAccess.objects.filter(page=desa_page).exists()

    def test_the_database_refuses_a_delete_from_code(self, desa_page):
        """Even a shell or a script cannot cascade the access away."""
        with pytest.raises(ProtectedError):
            DesaPage.objects.get(pk=desa_page.pk).delete()

        assert DesaAccess.objects.filter(page=desa_page).exists()
