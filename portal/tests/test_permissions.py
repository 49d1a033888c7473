"""Who may open, write and publish which desa's pages, and who manages people."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from accounts.models import User
from portal.factories import NewsPageFactory
from portal.models import DesaAccess, ModeratorAccess, PublishEvent
from portal.permissions import desa_publishing_policy
from portal.services import (
    MEDIA_PERMISSIONS,
    OPERATOR_GROUP,
    TRAINER_GROUP,
    grant_publishing_rights,
)
from regions.models import Region

USER_MANAGEMENT_MODELS = [
    ("accounts", "user"),
    ("auth", "group"),
    ("auth", "permission"),
    ("wagtailusers", "userprofile"),
]


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def region(code):
    return Region.objects.get(code=code)


def portal_group_ids():
    """The groups `setup_portal` created for both kabupaten of the world."""
    ids = set(
        Group.objects.filter(name__in=[OPERATOR_GROUP, TRAINER_GROUP]).values_list(
            "pk", flat=True
        )
    )
    for authors, publishers in DesaAccess.objects.values_list("authors", "publishers"):
        ids |= {authors, publishers}
    ids |= set(ModeratorAccess.objects.values_list("group", flat=True))
    return ids


@pytest.fixture
def mekar_jaya_news(other_desa_page):
    """A live news page of Desa Mekar Jaya with a title found nowhere else."""
    return NewsPageFactory(parent=other_desa_page, title="Panen lada Mekar Jaya")


@pytest.mark.usefixtures("operators_as_limited_editors")
class TestDesaPagesAcrossDesa:
    def test_an_operator_cannot_edit_another_desas_page(
        self, operator, other_desa_page, mekar_jaya_news
    ):
        """Opening Mekar Jaya's editor sends Jangkar Asam's operator away."""
        browser = signed_in(operator)

        for page in (other_desa_page, mekar_jaya_news):
            response = browser.get(f"/admin/pages/{page.pk}/edit/", follow=True)
            assert response.redirect_chain == [("/admin/", 302)]
            body = response.content.decode()
            assert "Desa Mekar Jaya" not in body
            assert "Panen lada Mekar Jaya" not in body
            assert not page.permissions_for_user(operator).can_edit()

    def test_a_posted_edit_to_another_desa_changes_nothing(
        self, operator, mekar_jaya_news
    ):
        """A hand-made request is refused like the editor."""
        browser = signed_in(operator)

        response = browser.post(
            f"/admin/pages/{mekar_jaya_news.pk}/edit/",
            {"title": "Diambil alih", "slug": "diambil-alih", "action-publish": "1"},
        )

        assert response.status_code == 302
        mekar_jaya_news.refresh_from_db()
        assert (mekar_jaya_news.title, mekar_jaya_news.draft_title) == (
            "Panen lada Mekar Jaya",
            "Panen lada Mekar Jaya",
        )

    def test_an_operator_cannot_add_pages_under_another_desa(
        self, operator, other_desa_page
    ):
        """The add form for Mekar Jaya is closed to Jangkar Asam's operator."""
        response = signed_in(operator).get(
            f"/admin/pages/add/portal/newspage/{other_desa_page.pk}/"
        )

        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert not other_desa_page.permissions_for_user(operator).can_add_subpage()

    def test_an_operator_cannot_explore_another_desa(
        self, operator, desa_page, other_desa_page, mekar_jaya_news
    ):
        """The explorer of Mekar Jaya turns into the explorer of their own desa."""
        response = signed_in(operator).get(
            f"/admin/pages/{other_desa_page.pk}/", follow=True
        )

        assert response.redirect_chain == [(f"/admin/pages/{desa_page.pk}/", 302)]
        body = response.content.decode()
        assert "Desa Jangkar Asam" in body
        assert "Desa Mekar Jaya" not in body
        assert "Panen lada Mekar Jaya" not in body

    @pytest.mark.parametrize(
        "path",
        [
            "/admin/",
            "/admin/pages/",
            "/admin/pages/search/?q=Mekar",
            "/admin/pages/search/?q=Panen",
        ],
    )
    def test_another_desas_titles_appear_nowhere_an_operator_can_open(
        self, operator, desa_page, mekar_jaya_news, path
    ):
        """Dashboard, explorer and search only know the operator's own desa."""
        grant_publishing_rights(operator=operator)
        NewsPageFactory(parent=desa_page, title="Panen lada Jangkar Asam")

        response = signed_in(operator).get(path, follow=True)

        assert response.status_code == 200
        body = response.content.decode()
        assert "Desa Mekar Jaya" not in body
        assert "Panen lada Mekar Jaya" not in body

    def test_the_search_finds_the_operators_own_pages(
        self, operator, desa_page, mekar_jaya_news
    ):
        """The search that hides Mekar Jaya does work for Jangkar Asam."""
        NewsPageFactory(parent=desa_page, title="Panen lada Jangkar Asam")

        response = signed_in(operator).get("/admin/pages/search/?q=Panen")

        body = response.content.decode()
        assert "Panen lada Jangkar Asam" in body
        assert "Panen lada Mekar Jaya" not in body

    def test_an_operator_of_another_kabupaten_cannot_write_here(
        self, klampok_operator, desa_page
    ):
        """Klampok's operator (Banjarnegara) has no rights in Belitung Timur."""
        grant_publishing_rights(operator=klampok_operator)

        assert not desa_page.permissions_for_user(klampok_operator).can_edit()
        assert not desa_publishing_policy.user_can_publish_on(
            klampok_operator, region("19.06.02.2003")
        )
        assert desa_publishing_policy.user_can_publish_on(
            klampok_operator, region("33.04.02.2005")
        )
        response = signed_in(klampok_operator).get(f"/admin/pages/{desa_page.pk}/")
        assert response.status_code == 302
        assert response["Location"] != f"/admin/pages/{desa_page.pk}/"

    def test_a_trainer_writes_on_no_desa(self, trainer, desa_page):
        """Pendamping help operators; they do not write for them."""
        assert not desa_page.permissions_for_user(trainer).can_edit()
        assert not desa_publishing_policy.user_can_write_on(
            trainer, region("19.06.02.2003")
        )


class TestDesaPagesForAdmins:
    @pytest.mark.parametrize(
        ("admin_fixture", "may", "may_not"),
        [
            ("gantung_admin", ["19.06.02.2003"], ["19.06.01.2012", "33.04.02.2005"]),
            ("manggar_admin", ["19.06.01.2012"], ["19.06.02.2003", "33.04.02.2005"]),
            ("beltim_admin", ["19.06.02.2003", "19.06.01.2012"], ["33.04.02.2005"]),
            ("banjarnegara_admin", ["33.04.02.2005"], ["19.06.02.2003"]),
        ],
    )
    def test_admins_publish_within_their_region_only(
        self, admin_fixture, may, may_not, request, banjarnegara_portal
    ):
        """Moderators act on the desa below their kecamatan or kabupaten."""
        admin = request.getfixturevalue(admin_fixture)

        for code in may:
            assert desa_publishing_policy.user_can_publish_on(admin, region(code))
        for code in may_not:
            assert not desa_publishing_policy.user_can_publish_on(admin, region(code))
            assert not desa_publishing_policy.user_can_write_on(admin, region(code))

    def test_a_kecamatan_admin_approves_a_submission_from_their_kecamatan(
        self, operator, gantung_admin, manggar_admin, desa_page
    ):
        """Gantung's admin approves Jangkar Asam's news; Manggar's admin cannot."""
        page = NewsPageFactory(parent=desa_page, live=False)
        page.save_revision(user=operator)
        page.get_workflow().start(page, operator)
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"

        refused = signed_in(manggar_admin).post(url, {"comment": ""})
        page.refresh_from_db()
        assert refused["Location"] == "/admin/"
        assert not page.live

        approved = signed_in(gantung_admin).post(url, {"comment": "Bagus"})
        page.refresh_from_db()
        assert approved.status_code == 302
        assert page.live
        assert Client().get(page.url).status_code == 200
        assert list(PublishEvent.objects.values_list("desa__code", flat=True)) == [
            "19.06.02.2003"
        ]


class TestUserManagement:
    @pytest.mark.parametrize(
        "user_fixture",
        ["operator", "trainer", "gantung_admin", "beltim_admin", "klampok_operator"],
    )
    @pytest.mark.parametrize("path", ["/admin/users/", "/admin/groups/"])
    def test_nobody_but_a_superuser_reaches_wagtails_user_and_group_screens(
        self, user_fixture, path, request, portal
    ):
        """Accounts are managed only through the narrow operator screens."""
        user = request.getfixturevalue(user_fixture)
        if user.role == User.Role.OPERATOR:
            grant_publishing_rights(operator=user)

        response = signed_in(user).get(path)

        assert response.status_code == 302
        # Operators never enter the admin: they are sent to Meja Tulis.
        home = "/meja/" if user.role == User.Role.OPERATOR else "/admin/"
        assert response["Location"] == home

    @pytest.mark.parametrize("path", ["/admin/users/", "/admin/groups/"])
    def test_a_superuser_does_reach_them(self, superuser, path):
        """The addresses above are the real screens."""
        assert signed_in(superuser).get(path).status_code == 200

    def test_no_portal_group_carries_a_user_management_permission(self, portal):
        """Portal groups hold admin access only; page and media rights are scoped."""
        portal_groups = portal_group_ids()
        assert len(portal_groups) == 2 + 2 * 47 + 10

        perms = Permission.objects.filter(group__in=portal_groups).values_list(
            "content_type__app_label", "content_type__model", "codename"
        )
        assert set(perms) == {("wagtailadmin", "admin", "access_admin")}
        page_perms = GroupPagePermission.objects.filter(group__in=portal_groups)
        assert set(page_perms.values_list("permission__codename", flat=True)) == {
            "add_page",
            "change_page",
            "publish_page",
        }
        media_perms = GroupCollectionPermission.objects.filter(
            group__in=portal_groups
        ).values_list("permission__content_type__app_label", "permission__codename")
        assert set(media_perms) == set(MEDIA_PERMISSIONS)

    def test_no_group_at_all_carries_a_user_management_permission(self, portal):
        """Neither the portal's groups nor Wagtail's default Editors and Moderators."""
        held = Permission.objects.filter(group__isnull=False).values_list(
            "content_type__app_label", "content_type__model"
        )

        assert not set(held) & set(USER_MANAGEMENT_MODELS)

    @pytest.mark.parametrize(
        "user_fixture", ["operator", "trainer", "gantung_admin", "beltim_admin"]
    )
    def test_no_role_may_add_or_change_users_or_groups(
        self, user_fixture, request, portal
    ):
        """Not even an operator holding publishing rights."""
        user = request.getfixturevalue(user_fixture)
        if user.role == User.Role.OPERATOR:
            grant_publishing_rights(operator=user)
        user = User.objects.get(pk=user.pk)

        for app, model in USER_MANAGEMENT_MODELS:
            for action in ("add", "change", "delete", "view"):
                assert not user.has_perm(f"{app}.{action}_{model}")
