"""The shared `world` fixture: built once per package, yet every test starts clean.

The first test changes everything it can reach; the second, which runs after it,
checks that none of it is left. Run in file order, as pytest does.
"""

from wagtail.models import ModelLogEntry

from accounts.models import User
from portal.factories import NewsPageFactory
from portal.models import DesaAccess, DesaPage, PortalHomePage, PublishEvent
from portal.services import grant_publishing_rights
from regions.models import Region


class TestWorld:
    def test_the_world_holds_both_kabupaten_and_their_portals(self, portal):
        """59 regions, 47 desa pages with their access groups, two portals."""
        assert Region.objects.count() == 59
        assert DesaPage.objects.count() == 47
        assert DesaAccess.objects.count() == 47
        assert set(PortalHomePage.objects.values_list("title", flat=True)) == {
            "Kabupaten Belitung Timur",
            "Kabupaten Banjarnegara",
        }

    def test_a_test_may_change_the_world(self, operator, desa_page):
        """Renames, new users, rights, pages and publishes, all inside one test."""
        Region.objects.filter(code="19.06").update(name="Belitung Timur Baru")
        desa_page.title = "Diubah"
        desa_page.save()
        grant_publishing_rights(operator=operator, reason="uji")
        NewsPageFactory(parent=desa_page).save_revision().publish()

        assert PublishEvent.objects.count() == 1
        assert User.objects.filter(username="siti.jangkarasam").exists()

    def test_the_next_test_sees_none_of_those_changes(self, portal, desa_page):
        """The previous test's writes were rolled back with its savepoint."""
        assert Region.objects.get(code="19.06").name == "Kabupaten Belitung Timur"
        assert desa_page.title == "Desa Jangkar Asam"
        assert not User.objects.exists()
        assert not PublishEvent.objects.exists()
        assert not ModelLogEntry.objects.filter(
            action="literasi.publishing.grant"
        ).exists()
        assert desa_page.get_children_count() == 0
