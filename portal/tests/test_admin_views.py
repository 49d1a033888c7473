"""What the Wagtail admin tells a user about pages outside their region.

Siti, operator of Jangkar Asam (Kec. Gantung, Belitung Timur), has a draft news page
in moderation. Users of another desa, kecamatan or kabupaten must not read its
title or learn that it is in moderation; those above it in her region still do.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from conftest import KLAMPOK
from courses.factories import build_course
from courses.services import ensure_course_editors_group
from portal.factories import NewsPageFactory
from portal.models import DesaPage

# Operators play the limited editor whose rights the admin must hold back.
pytestmark = pytest.mark.usefixtures("operators_as_limited_editors")


DRAFT_TITLE = "Rencana kerja bakti Dusun Sembilan"


@pytest.fixture
def news_in_moderation(desa_page, operator):
    """Siti's draft news page, submitted to the kecamatan's moderation workflow."""
    news = NewsPageFactory(parent=desa_page, title=DRAFT_TITLE, live=False)
    news.save_revision(user=operator)
    news.get_workflow().start(news, operator)
    return news


def body(response):
    return response.content.decode()


def denied(response):
    """Wagtail's denial: back to the dashboard with a message."""
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and bool(list(get_messages(response.wsgi_request)))
    )


class TestWorkflowCancellationPrompt:
    def url(self, page):
        return reverse(
            "wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk]
        )

    @pytest.mark.parametrize(
        "user_fixture", ["manggar_admin", "banjarnegara_admin", "other_operator"]
    )
    def test_a_user_who_may_not_edit_the_page_is_refused(
        self, client, request, user_fixture, news_in_moderation
    ):
        """The prompt would say which workflow holds the page."""
        client.force_login(request.getfixturevalue(user_fixture))

        response = client.get(self.url(news_in_moderation))

        assert denied(response)

    def test_the_kecamatan_admin_is_asked_to_cancel_the_workflow(
        self, client, gantung_admin, news_in_moderation
    ):
        client.force_login(gantung_admin)

        response = client.get(self.url(news_in_moderation))

        assert response.status_code == 200
        assert news_in_moderation.get_workflow().name in body(response)


class TestExplorer:
    @pytest.fixture
    def klampok_news(self, klampok_operator):
        # Diskominfo write courses: their starting page in the explorer is the
        # home page, above every kabupaten's portal.
        build_course(title="Kursus Jelajah", modules=1, lessons_per_module=1)
        ensure_course_editors_group()
        desa_page = DesaPage.objects.get(region__code=KLAMPOK)
        news = NewsPageFactory(parent=desa_page, title=DRAFT_TITLE, live=False)
        news.save_revision(user=klampok_operator)
        return news

    def test_diskominfo_of_another_kabupaten_is_sent_to_their_own_pages(
        self, client, beltim_admin, klampok_news
    ):
        """Banjarnegara's draft titles stay out of Belitung Timur's explorer,
        though Diskominfo's course pages make the home page their starting page."""
        client.force_login(beltim_admin)

        for name in ("wagtailadmin_explore", "wagtailadmin_explore_results"):
            response = client.get(reverse(name, args=[klampok_news.pk]))

            assert response.status_code == 302
            assert response["Location"] != reverse(name, args=[klampok_news.pk])
            assert DRAFT_TITLE not in body(client.get(response["Location"]))

    def test_diskominfo_explores_the_pages_of_their_own_kabupaten(
        self, client, banjarnegara_admin, klampok_news
    ):
        client.force_login(banjarnegara_admin)

        response = client.get(reverse("wagtailadmin_explore", args=[klampok_news.pk]))

        assert response.status_code == 200
        assert DRAFT_TITLE in body(response)


class TestPageChooser:
    def test_another_desas_page_cannot_be_browsed(
        self, client, other_operator, desa_page, news_in_moderation
    ):
        client.force_login(other_operator)

        response = client.get(
            reverse("wagtailadmin_choose_page_child", args=[desa_page.pk])
        )

        assert response.status_code == 404
        assert DRAFT_TITLE not in body(response)

    def test_the_operator_browses_their_own_desa_page(
        self, client, operator, desa_page, news_in_moderation
    ):
        client.force_login(operator)

        response = client.get(
            reverse("wagtailadmin_choose_page_child", args=[desa_page.pk])
        )

        assert response.status_code == 200
        assert DRAFT_TITLE in body(response)

    @pytest.mark.parametrize("user_fixture", ["other_operator", "klampok_operator"])
    def test_search_finds_only_the_users_pages(
        self, client, request, user_fixture, news_in_moderation
    ):
        client.force_login(request.getfixturevalue(user_fixture))

        response = client.get(
            reverse("wagtailadmin_choose_page_search"), {"q": "kerja bakti"}
        )

        assert response.status_code == 200
        assert DRAFT_TITLE not in body(response)

    def test_search_finds_the_operators_own_draft(
        self, client, operator, news_in_moderation
    ):
        client.force_login(operator)

        response = client.get(
            reverse("wagtailadmin_choose_page_search"), {"q": "kerja bakti"}
        )

        assert DRAFT_TITLE in body(response)

    def test_choosing_another_desas_page_by_id_returns_nothing(
        self, client, klampok_operator, news_in_moderation
    ):
        client.force_login(klampok_operator)

        response = client.get(
            reverse("wagtailadmin_choose_page_chosen_multiple"),
            {"id": news_in_moderation.pk},
        )

        assert response.status_code == 200
        assert response.json()["result"] == []

    def test_browsing_by_page_type_starts_from_a_page_the_user_may_see(
        self, client, other_operator, news_in_moderation
    ):
        """Wagtail starts from the common ancestor of all news pages: here Siti's
        desa page."""
        client.force_login(other_operator)

        response = client.get(
            reverse("wagtailadmin_choose_page"), {"page_type": "portal.newspage"}
        )

        assert response.status_code == 200
        assert "Desa Jangkar Asam" not in body(response)
        assert DRAFT_TITLE not in body(response)


class TestBulkActionsAndMoves:
    def test_the_bulk_delete_confirmation_does_not_name_anothers_page(
        self, client, klampok_operator, news_in_moderation
    ):
        client.force_login(klampok_operator)

        response = client.get(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]),
            {"id": news_in_moderation.pk},
        )

        assert response.status_code == 200
        assert DRAFT_TITLE not in body(response)

    def test_the_bulk_delete_confirmation_names_the_users_own_page(
        self, client, operator, news_in_moderation
    ):
        client.force_login(operator)

        response = client.get(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]),
            {"id": news_in_moderation.pk},
        )

        assert DRAFT_TITLE in body(response)

    def test_moving_a_page_to_another_desa_is_refused_before_confirming(
        self, client, operator, other_desa_page, news_in_moderation
    ):
        """The confirmation would name the other desa's page."""
        client.force_login(operator)

        response = client.get(
            reverse(
                "wagtailadmin_pages:move_confirm",
                args=[news_in_moderation.pk, other_desa_page.pk],
            )
        )

        assert denied(response)

    def test_diskominfo_confirms_a_move_within_the_kabupaten(
        self, client, beltim_admin, other_desa_page, news_in_moderation
    ):
        client.force_login(beltim_admin)

        response = client.get(
            reverse(
                "wagtailadmin_pages:move_confirm",
                args=[news_in_moderation.pk, other_desa_page.pk],
            )
        )

        assert response.status_code == 200
        assert DRAFT_TITLE in body(response)


class TestReports:
    def test_the_workflow_report_offers_only_the_users_workflows_and_requesters(
        self, client, banjarnegara_admin, news_in_moderation
    ):
        client.force_login(banjarnegara_admin)

        page = body(client.get(reverse("wagtailadmin_reports:workflow")))

        assert news_in_moderation.get_workflow().name not in page
        assert "Siti Aminah" not in page

    def test_the_workflow_report_offers_the_kabupatens_workflows(
        self, client, beltim_admin, news_in_moderation
    ):
        client.force_login(beltim_admin)

        page = body(client.get(reverse("wagtailadmin_reports:workflow")))

        assert news_in_moderation.get_workflow().name in page
        assert "Siti Aminah" in page

    def test_the_workflow_tasks_report_offers_only_the_users_tasks(
        self, client, manggar_admin, news_in_moderation
    ):
        """Gantung's approval task is not Manggar's."""
        client.force_login(manggar_admin)
        workflow = news_in_moderation.get_workflow()

        page = body(client.get(reverse("wagtailadmin_reports:workflow_tasks")))

        assert workflow.name not in page
        assert workflow.tasks.first().name not in page

    def test_the_site_history_offers_only_users_of_the_users_pages(
        self, client, other_operator, news_in_moderation
    ):
        client.force_login(other_operator)

        page = body(client.get(reverse("wagtailadmin_reports:site_history")))

        assert "Siti Aminah" not in page

    def test_the_page_types_report_names_only_the_users_pages(
        self, client, klampok_operator, news_in_moderation
    ):
        client.force_login(klampok_operator)

        page = body(client.get(reverse("wagtailadmin_reports:page_types_usage")))

        assert DRAFT_TITLE not in page

    def test_the_page_types_report_counts_the_users_pages(
        self, client, operator, news_in_moderation
    ):
        """Siti's desa page is one of the desa pages she may see, not one of 47."""
        client.force_login(operator)

        page = body(client.get(reverse("wagtailadmin_reports:page_types_usage")))

        assert DRAFT_TITLE in page
        count = re.search(
            r"portal\.desapage\s*</td>\s*<td[^>]*>\s*<a[^>]*>(\d+)<", page
        )
        assert count.group(1) == "1"
