"""One website-activity rule: the readiness dashboard, workshop session placement and
the portal judge a desa alike, by its kabupaten's windows and its imported activity.

Jangkar Asam (Belitung Timur) last published 10 days ago, on the portal or on a
website elsewhere whose activity Diskominfo imported. Under the default windows
that is aktif; once Belitung Timur sets a 7-day active window it is kurang aktif,
everywhere the desa's activity shows.
"""

import datetime as dt
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Activity
from portal.selectors import website_activity_by_desa
from portal.services import record_publish
from readiness.services import import_activity, rebuild_summaries
from regions.models import Region
from workshops.factories import build_workshop
from workshops.models import TargetGroup
from workshops.services import workshops as workshop_services

BELITUNG_TIMUR = "19.06"
GANTUNG = "19.06.02"
JANGKAR_ASAM = "19.06.02.2003"

SESSION_FOR = {
    Activity.TIDAK_AKTIF: "Sesi situs baru",
    Activity.KURANG_AKTIF: "Sesi kurang aktif",
    Activity.AKTIF: "Sesi situs aktif",
}


def set_active_window(client, admin, days):
    """Diskominfo Belitung Timur changes its active window on the settings screen."""
    client.force_login(admin)
    response = client.post(
        reverse("readiness:settings", args=[BELITUNG_TIMUR]),
        {"active_days": days, "less_active_days": 90, "stuck_days": 60},
    )
    assert response.status_code == 302


def published_on_the_portal(desa_page, days_ago):
    record_publish(page=desa_page, at=timezone.now() - timedelta(days=days_ago))


def published_elsewhere(admin, days_ago):
    """The import of a website that lives outside the portal."""
    day = timezone.localdate() - timedelta(days=days_ago)
    import_activity(actor=admin, raw=f"{JANGKAR_ASAM},{day}\n".encode())


def workshop_with_a_session_per_class(trainer):
    workshop = build_workshop(actor=trainer, sessions=False)
    for activity, title in SESSION_FOR.items():
        workshop_services.add_session(
            actor=trainer,
            workshop=workshop,
            title=title,
            date=workshop.start_date,
            start_time=dt.time(8, 0),
            end_time=dt.time(12, 0),
            capacity=10,
            target_group=TargetGroup(activity),
        )
    return workshop


def activity_everywhere(client, admin, trainer, operator):
    """What the dashboard, the desa's readiness page, the workshop invitation and the
    portal say of Jangkar Asam's activity."""
    jangkar_asam = Region.objects.get(code=JANGKAR_ASAM)
    rebuild_summaries(prefix=BELITUNG_TIMUR)
    client.force_login(admin)
    kecamatan_page = client.get(reverse("readiness:region", args=[GANTUNG]))
    desa_page = client.get(reverse("readiness:desa", args=[JANGKAR_ASAM]))
    workshop = workshop_with_a_session_per_class(trainer)
    workshop_services.invite(actor=trainer, workshop=workshop, desa=[jangkar_asam])
    invitation = workshop.invitations.select_related("session").get(operator=operator)
    return {
        "dashboard": next(
            row.activity
            for row in kecamatan_page.context["rows"]
            if row.desa.code == JANGKAR_ASAM
        ),
        "desa page": desa_page.context["summary"].activity,
        "invitation": invitation.activity,
        "session": invitation.session.title,
        "portal": website_activity_by_desa([jangkar_asam])[jangkar_asam.pk],
    }


def agreeing_on(activity):
    return {
        "dashboard": activity,
        "desa page": activity,
        "invitation": activity,
        "session": SESSION_FOR[activity],
        "portal": activity,
    }


class TestOneActivityRule:
    @pytest.mark.parametrize(
        ("active_window", "activity"),
        [(None, Activity.AKTIF), (7, Activity.KURANG_AKTIF)],
    )
    def test_a_portal_publish_10_days_ago_reads_the_same_everywhere(
        self,
        client,
        beltim_admin,
        trainer,
        operator,
        desa_page,
        active_window,
        activity,
    ):
        """Aktif under the default 30 days; kurang aktif under a 7-day window, in the
        dashboard and in the session the workshop invitation proposes."""
        if active_window:
            set_active_window(client, beltim_admin, active_window)
        published_on_the_portal(desa_page, days_ago=10)

        assert activity_everywhere(
            client, beltim_admin, trainer, operator
        ) == agreeing_on(activity)

    @pytest.mark.parametrize(
        ("active_window", "activity"),
        [(None, Activity.AKTIF), (7, Activity.KURANG_AKTIF)],
    )
    def test_an_imported_publish_10_days_ago_reads_the_same_everywhere(
        self, client, beltim_admin, trainer, operator, portal, active_window, activity
    ):
        """A desa whose website lives elsewhere is not new to the workshop: its
        imported activity counts there as on the dashboard."""
        if active_window:
            set_active_window(client, beltim_admin, active_window)
        published_elsewhere(beltim_admin, days_ago=10)

        assert activity_everywhere(
            client, beltim_admin, trainer, operator
        ) == agreeing_on(activity)

    def test_a_desa_that_never_published_is_new_everywhere(
        self, client, beltim_admin, trainer, operator, portal
    ):
        """No publish on the portal and none imported: tidak aktif, the new-site session."""
        set_active_window(client, beltim_admin, 7)

        assert activity_everywhere(
            client, beltim_admin, trainer, operator
        ) == agreeing_on(Activity.TIDAK_AKTIF)
