"""`load_demo` on an empty database: no shared world, so it builds every portal itself."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page

from accounts.models import User
from portal.models import (
    Activity,
    DesaAccess,
    DesaPage,
    ModeratorAccess,
    PortalHomePage,
    PublishEvent,
)
from portal.permissions import desa_publishing_policy
from portal.selectors import activity_counts, website_activity_by_desa
from regions.models import Region


def demo_state():
    return {
        "pages": Page.objects.count(),
        "desa access": DesaAccess.objects.count(),
        "publish events": PublishEvent.objects.count(),
        "users": User.objects.count(),
        "grants": ModelLogEntry.objects.filter(
            action="literasi.publishing.grant"
        ).count(),
    }


class TestLoadDemo:
    def test_the_demo_matches_belitung_timurs_report_and_loads_twice_alike(self, db):
        """10 aktif, 6 kurang aktif, 23 tidak aktif of 39 desa, on every run.

        The most active desa of the report (Jangkar Asam, Mekar Jaya and Bentaian
        Jaya) are among the aktif ones.
        """
        call_command("load_demo", stdout=StringIO())
        first = demo_state()
        belitung_timur = Region.objects.filter(
            level=Region.Level.DESA, code__startswith="19.06."
        )
        counts = activity_counts(belitung_timur, now=timezone.now())
        activity = website_activity_by_desa(belitung_timur)
        leaders = [
            activity[belitung_timur.get(code=code).pk]
            for code in ("19.06.02.2003", "19.06.01.2012", "19.06.01.2013")
        ]
        call_command("load_demo", stdout=StringIO())

        assert belitung_timur.count() == 39
        assert counts == {
            Activity.AKTIF: 10,
            Activity.KURANG_AKTIF: 6,
            Activity.TIDAK_AKTIF: 23,
        }
        assert activity_counts(belitung_timur, now=timezone.now()) == counts
        assert demo_state() == first
        assert first["publish events"] == 21
        assert first["grants"] == 1
        assert leaders == [Activity.AKTIF] * 3, (
            "Jangkar Asam, Mekar Jaya, Bentaian Jaya"
        )
        self.check_banjarnegara()

    def check_banjarnegara(self):
        """Banjarnegara's portal is built too: operator.klampok writes on Desa
        Klampok's page (Kecamatan Purworeja Klampok), and Diskominfo Banjarnegara
        moderates its own portal."""
        klampok = User.objects.get(username="operator.klampok")
        access = DesaAccess.objects.get(desa=klampok.region)
        assert access.page.specific.region == klampok.region
        assert klampok.groups.filter(pk=access.authors_id).exists()
        assert desa_publishing_policy.user_can_write_on(klampok, klampok.region)
        assert (
            DesaPage.objects.filter(region__code__startswith="33.04.02.").count() == 8
        )

        diskominfo = User.objects.get(username="diskominfo.banjarnegara")
        assert PortalHomePage.objects.get(region__code="33.04").live
        moderators = ModeratorAccess.objects.get(region__code="33.04")
        assert diskominfo.groups.filter(pk=moderators.group_id).exists()
