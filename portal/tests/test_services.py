import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts.factories import OperatorFactory
from accounts.models import User
from portal.factories import NewsPageFactory
from portal.models import (
    DesaAccess,
    DesaPage,
    KecamatanPage,
    ModeratorAccess,
    NewsPage,
    PortalHomePage,
    PublishEvent,
)
from portal.services import (
    PortalSetupError,
    PublishingRightsError,
    assign_portal_groups,
    grant_publishing_rights,
    record_publish,
    revoke_publishing_rights,
    setup_portal,
)
from regions.models import Region
from regions.services import import_regions_from_lokal

BUILT_BY_SETUP = [
    Page,
    Group,
    Collection,
    Workflow,
    Task,
    WorkflowTask,
    WorkflowPage,
    GroupPagePermission,
    GroupCollectionPermission,
    DesaAccess,
    ModeratorAccess,
]


def counts():
    return {model.__name__: model.objects.count() for model in BUILT_BY_SETUP}


def news_form(title="Kerja bakti warga", slug="kerja-bakti-warga", **actions):
    """What the Wagtail page editor posts for a news page."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-01-05",
            "intro": "Warga membersihkan saluran air.",
            "body": rich_text("<p>Warga dan perangkat desa bergotong royong.</p>"),
            "comments": inline_formset([]),
            **{f"action-{name}": name for name, on in actions.items() if on},
        }
    )


def add_news_url(parent):
    return f"/admin/pages/add/portal/newspage/{parent.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def log_entries(user, action):
    return ModelLogEntry.objects.for_instance(user).filter(action=action)


class TestSetupPortal:
    def test_the_portal_mirrors_the_kabupaten(self, portal):
        """One page per kecamatan and per desa, titled as residents know them."""
        kecamatan = KecamatanPage.objects.child_of(portal)
        assert portal.title == "Kabupaten Belitung Timur"
        assert kecamatan.count() == 7
        assert "Kecamatan Gantung" in kecamatan.values_list("title", flat=True)
        desa = DesaPage.objects.descendant_of(portal)
        assert desa.count() == 39
        jangkar_asam = desa.get(region__code="19.06.02.2003")
        assert jangkar_asam.title == "Desa Jangkar Asam"
        assert jangkar_asam.get_parent().title == "Kecamatan Gantung"
        assert DesaAccess.objects.filter(desa__code__startswith="19.06.").count() == 39

    def test_each_kecamatan_moderates_its_desa_with_the_kabupaten(self, portal):
        """Submissions go to the kecamatan's admins, with Diskominfo as backup."""
        gantung = KecamatanPage.objects.get(region__code="19.06.02")

        workflow = gantung.get_workflow()
        [task] = [wt.task.specific for wt in workflow.workflow_tasks.all()]
        assert isinstance(task, GroupApprovalTask)
        assert set(task.groups.all()) == {
            ModeratorAccess.objects.get(region__code="19.06.02").group,
            ModeratorAccess.objects.get(region__code="19.06").group,
        }
        desa = DesaPage.objects.get(region__code="19.06.02.2003")
        assert desa.get_workflow() == workflow

    def test_a_second_run_adds_nothing(self, portal, operator, gantung_admin):
        """Running setup again leaves pages, groups, collections and workflows as they are."""
        before = counts()
        groups = {
            user.pk: set(user.groups.values_list("pk", flat=True))
            for user in (operator, gantung_admin)
        }

        again = setup_portal(kabupaten_code="19.06")

        assert again.pk == portal.pk
        assert counts() == before
        for user in (operator, gantung_admin):
            assert set(user.groups.values_list("pk", flat=True)) == groups[user.pk]

    def test_a_second_run_keeps_what_operators_wrote(self, desa_page):
        """Profiles and news under a desa page survive a re-run."""
        desa_page.profile = "<p>Desa penghasil lada putih.</p>"
        desa_page.save()
        news = NewsPageFactory(parent=desa_page, title="Panen lada")

        setup_portal(kabupaten_code="19.06")

        desa_page.refresh_from_db()
        assert desa_page.profile == "<p>Desa penghasil lada putih.</p>"
        assert NewsPage.objects.child_of(desa_page).get() == news

    def test_a_renamed_region_renames_its_page(self, desa_page):
        """A correction in the region list reaches the portal on the next run."""
        Region.objects.filter(code="19.06.02.2003").update(name="Jangkar Asam Raya")

        setup_portal(kabupaten_code="19.06")

        desa_page.refresh_from_db()
        assert desa_page.title == "Desa Jangkar Asam Raya"
        assert desa_page.slug == "jangkar-asam"

    def test_people_already_registered_join_the_new_portals_groups(self, regions):
        """Operators added before their kabupaten's portal get their desa's groups."""
        import_regions_from_lokal(prefixes=["19.05.01"])
        mentok_desa = Region.objects.filter(parent__code="19.05.01").first()
        operator = OperatorFactory(region_code=mentok_desa.code)
        assert not operator.groups.filter(name__startswith="Penulis").exists()

        setup_portal(kabupaten_code="19.05")

        access = DesaAccess.objects.get(desa=mentok_desa)
        assert operator.groups.filter(pk=access.authors_id).exists()

    def test_an_unknown_kabupaten_is_refused(self, regions, indonesian):
        """The error says to import the regions first."""
        with pytest.raises(PortalSetupError) as caught:
            setup_portal(kabupaten_code="19.99")

        assert str(caught.value) == indonesian(
            "Kabupaten %(code)s is not in the region list. Run import_regions %(code)s first.",
            code="19.99",
        )

    def test_the_command_builds_the_portal_and_reports_errors(self, regions, capsys):
        """`setup_portal 19.06` prints where the portal is; a wrong code fails."""
        before = counts()

        call_command("setup_portal", "19.06")

        assert "Kabupaten Belitung Timur" in capsys.readouterr().out
        assert counts() == before
        with pytest.raises(CommandError):
            call_command("setup_portal", "19.99")


class TestAssignPortalGroups:
    @pytest.mark.parametrize(
        ("user_fixture", "groups"),
        [
            ("operator", {"Operator desa", "Penulis Desa Jangkar Asam 19.06.02.2003"}),
            ("trainer", {"Pendamping"}),
            ("gantung_admin", {"Moderator Kecamatan Gantung 19.06.02"}),
            ("beltim_admin", {"Moderator Kabupaten Belitung Timur 19.06"}),
            (
                "klampok_operator",
                {"Operator desa", "Penulis Desa Klampok 33.04.02.2005"},
            ),
        ],
    )
    def test_each_role_joins_the_groups_of_its_region(
        self, user_fixture, groups, request, portal
    ):
        """Roles map to groups; nobody joins a publishers group this way."""
        user = request.getfixturevalue(user_fixture)
        user.groups.clear()

        assign_portal_groups(user=user)

        assert set(user.groups.values_list("name", flat=True)) == groups

    def test_a_changed_role_leaves_the_old_groups(self, operator):
        """An operator who becomes a trainer no longer writes on the desa."""
        operator.role = User.Role.TRAINER
        operator.region = Region.objects.get(code="19.06")
        operator.save()

        assign_portal_groups(user=operator)

        assert set(operator.groups.values_list("name", flat=True)) == {"Pendamping"}

    def test_groups_not_managed_by_the_portal_are_kept(self, operator):
        """A group an admin added by hand stays."""
        extra = Group.objects.create(name="Panitia lomba desa")
        operator.groups.add(extra)

        assign_portal_groups(user=operator)

        assert operator.groups.filter(pk=extra.pk).exists()

    def test_publishing_rights_are_left_alone(self, operator):
        """Only a certificate grants or a revocation removes the publishers group."""
        grant_publishing_rights(operator=operator)

        assign_portal_groups(user=operator)

        assert operator.groups.filter(name__startswith="Penerbit").exists()


@pytest.mark.usefixtures("operators_as_limited_editors")
class TestPublishingRights:
    def test_before_the_grant_an_operator_writes_and_edits_drafts(
        self, operator, desa_page
    ):
        """The editor saves new pages and changes as drafts under their desa."""
        browser = signed_in(operator)

        created = browser.post(add_news_url(desa_page), news_form())
        page = NewsPage.objects.child_of(desa_page).get()
        edited = browser.post(edit_url(page), news_form(title="Kerja bakti RT 03"))

        assert created.status_code == 302
        assert edited.status_code == 302
        page.refresh_from_db()
        assert page.draft_title == "Kerja bakti RT 03"
        assert not page.live

    def test_before_the_grant_an_operator_submits_for_moderation(
        self, operator, desa_page
    ):
        """Submitting starts the kecamatan's approval; the page stays offline."""
        page = NewsPageFactory(parent=desa_page, live=False)
        page.save_revision(user=operator)

        signed_in(operator).post(edit_url(page), news_form(submit=True))

        page.refresh_from_db()
        assert page.workflow_in_progress
        assert (
            page.current_workflow_task.name == "Persetujuan Kecamatan Gantung 19.06.02"
        )
        assert not page.live
        assert not PublishEvent.objects.exists()

    def test_before_the_grant_an_operator_cannot_publish(self, operator, desa_page):
        """Neither the permission nor a hand-made publish request gets a page online."""
        page = NewsPageFactory(parent=desa_page, live=False)
        page.save_revision(user=operator)
        browser = signed_in(operator)

        browser.post(edit_url(page), news_form(publish=True))
        browser.post(add_news_url(desa_page), news_form(slug="kedua", publish=True))

        assert not page.permissions_for_user(operator).can_publish()
        assert not desa_page.permissions_for_user(operator).can_publish_subpage()
        assert not NewsPage.objects.child_of(desa_page).live().exists()
        assert not PublishEvent.objects.exists()

    def test_after_the_grant_an_operator_publishes_on_their_desa(
        self, operator, desa_page
    ):
        """A published page goes online and counts as the desa's activity."""
        page = NewsPageFactory(parent=desa_page, live=False)
        page.save_revision(user=operator)

        assert grant_publishing_rights(operator=operator, reason="Sertifikat terbit")
        signed_in(operator).post(edit_url(page), news_form(publish=True))

        page.refresh_from_db()
        assert page.permissions_for_user(operator).can_publish()
        assert page.live
        event = PublishEvent.objects.get()
        assert (event.desa.code, event.page_id, event.user) == (
            "19.06.02.2003",
            page.pk,
            operator,
        )

    def test_after_the_grant_an_operator_still_cannot_publish_on_another_desa(
        self, operator, other_desa_page
    ):
        """Rights on Jangkar Asam say nothing about Mekar Jaya."""
        news = NewsPageFactory(parent=other_desa_page, title="Panen lada")
        grant_publishing_rights(operator=operator)
        browser = signed_in(operator)

        browser.post(edit_url(news), news_form(title="Diubah", publish=True))
        browser.post(add_news_url(other_desa_page), news_form(publish=True))

        assert not news.permissions_for_user(operator).can_publish()
        news.refresh_from_db()
        assert news.title == "Panen lada"
        assert NewsPage.objects.child_of(other_desa_page).count() == 1
        assert not PublishEvent.objects.exists()

    def test_revoking_takes_publishing_away_again(self, operator, desa_page):
        """After revocation a publish request leaves the page offline."""
        page = NewsPageFactory(parent=desa_page, live=False)
        page.save_revision(user=operator)
        grant_publishing_rights(operator=operator)

        assert revoke_publishing_rights(operator=operator, reason="Sertifikat dicabut")
        operator = User.objects.get(pk=operator.pk)
        signed_in(operator).post(edit_url(page), news_form(publish=True))

        page.refresh_from_db()
        assert not page.permissions_for_user(operator).can_publish()
        assert not page.live
        assert page.permissions_for_user(operator).can_edit()

    def test_grant_and_revoke_are_logged_with_who_and_why(self, operator, beltim_admin):
        """Wagtail's audit log holds both, with the desa and the reason."""
        grant_publishing_rights(
            operator=operator, actor=beltim_admin, reason="Lulus pelatihan"
        )
        revoke_publishing_rights(
            operator=operator, actor=beltim_admin, reason="Sertifikat kedaluwarsa"
        )

        grant = log_entries(operator, "literasi.publishing.grant").get()
        revoke = log_entries(operator, "literasi.publishing.revoke").get()
        assert grant.user == revoke.user == beltim_admin
        assert grant.data == {"desa": "19.06.02.2003", "reason": "Lulus pelatihan"}
        assert revoke.data == {
            "desa": "19.06.02.2003",
            "reason": "Sertifikat kedaluwarsa",
        }

    def test_granting_twice_or_revoking_what_is_not_held_logs_nothing_more(
        self, operator
    ):
        """Repeated calls report that nothing changed."""
        assert not revoke_publishing_rights(operator=operator)
        assert grant_publishing_rights(operator=operator)
        assert not grant_publishing_rights(operator=operator)

        assert log_entries(operator, "literasi.publishing.grant").count() == 1
        assert not log_entries(operator, "literasi.publishing.revoke").exists()

    def test_a_deactivated_operator_cannot_be_granted_rights(self, operator):
        """Rights wait until the account is active again."""
        operator.is_active = False
        operator.save()

        with pytest.raises(PublishingRightsError):
            grant_publishing_rights(operator=operator)

        assert not log_entries(operator, "literasi.publishing.grant").exists()

    def test_only_operators_of_a_desa_can_hold_rights(self, trainer):
        """A trainer has no desa to publish on."""
        with pytest.raises(PublishingRightsError):
            grant_publishing_rights(operator=trainer)

    def test_a_desa_without_a_portal_cannot_grant_rights(self, regions, indonesian):
        """The error says to run setup_portal first."""
        import_regions_from_lokal(prefixes=["19.05.01"])
        operator = OperatorFactory(region_code="19.05.01.1001")

        with pytest.raises(PublishingRightsError) as caught:
            grant_publishing_rights(operator=operator)

        assert str(caught.value) == indonesian(
            "The portal of %(desa)s has not been set up yet. Run setup_portal for its kabupaten first.",
            desa=operator.region,
        )


class TestRecordPublish:
    def test_a_publish_in_a_desa_subtree_records_one_event_for_that_desa(
        self, operator, desa_page
    ):
        """Publishing a news page is the desa's website activity."""
        page = NewsPageFactory(parent=desa_page, live=False, title="Posyandu balita")
        grant_publishing_rights(operator=operator)

        page.save_revision(user=operator).publish(user=operator)

        event = PublishEvent.objects.get()
        assert event.desa.code == "19.06.02.2003"
        assert (event.page_id, event.page_title, event.user) == (
            page.pk,
            "Posyandu balita",
            operator,
        )

    def test_publishing_the_desa_page_itself_counts_for_the_desa(self, desa_page):
        """An updated profile is activity too."""
        desa_page.save_revision().publish()

        assert list(PublishEvent.objects.values_list("desa__code", flat=True)) == [
            "19.06.02.2003"
        ]

    def test_a_publish_outside_any_desa_records_nothing(self, portal):
        """Kecamatan, portal and home pages belong to no desa."""
        kecamatan = KecamatanPage.objects.get(region__code="19.06.02")

        for page in (kecamatan, portal, portal.get_parent().specific):
            page.save_revision().publish()

        assert not PublishEvent.objects.exists()
        assert record_publish(page=PortalHomePage.objects.get(pk=portal.pk)) is None

    def test_saving_a_draft_records_nothing(self, desa_page):
        """Only what residents can see counts."""
        page = NewsPageFactory(parent=desa_page, live=False)

        page.save_revision()

        assert not PublishEvent.objects.exists()

    def test_the_publish_time_can_be_given(self, desa_page):
        """Imports of activity from elsewhere keep their original date."""
        when = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)

        event = record_publish(page=desa_page, at=when)

        assert event.published_at == when
        assert event.user is None
