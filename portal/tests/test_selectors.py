import datetime as dt

import pytest
from django.db.models import Q

from portal.models import Activity, PublishEvent
from portal.selectors import (
    activity_counts,
    classify_activity,
    last_publish_by_desa,
)
from regions.models import Region

NOW = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)


def days_ago(days, now=NOW):
    return now - dt.timedelta(days=days)


def publish_event(code, when):
    return PublishEvent.objects.create(
        desa=Region.objects.get(code=code), page_title="Kabar desa", published_at=when
    )


class TestClassifyActivity:
    @pytest.mark.parametrize(
        ("days", "activity"),
        [
            (0, Activity.AKTIF),
            (30, Activity.AKTIF),
            (31, Activity.KURANG_AKTIF),
            (90, Activity.KURANG_AKTIF),
            (91, Activity.TIDAK_AKTIF),
            (400, Activity.TIDAK_AKTIF),
        ],
    )
    def test_the_windows_are_30_and_90_days(self, days, activity):
        """Aktif up to 30 days, kurang aktif up to 90, tidak aktif after."""
        assert classify_activity(days_ago(days), now=NOW) == activity

    def test_a_desa_that_never_published_is_tidak_aktif(self):
        """No publish history at all is the same as a long silence."""
        assert classify_activity(None, now=NOW) == Activity.TIDAK_AKTIF

    def test_a_kabupaten_may_set_its_own_windows(self):
        """The windows are parameters, e.g. 14 and 60 days."""
        windows = {"now": NOW, "active_days": 14, "less_active_days": 60}

        assert classify_activity(days_ago(14), **windows) == Activity.AKTIF
        assert classify_activity(days_ago(15), **windows) == Activity.KURANG_AKTIF
        assert classify_activity(days_ago(61), **windows) == Activity.TIDAK_AKTIF


class TestLastPublish:
    def test_the_last_publish_of_one_desa(self, portal):
        """Its latest publish; other desa's publishes do not count."""
        for days in (10, 45, 100):
            publish_event("19.06.02.2003", days_ago(days))
        publish_event("19.06.01.2012", days_ago(1))
        desa = Region.objects.get(code="19.06.02.2003")

        assert last_publish_by_desa(Q(desa=desa)) == {desa.pk: days_ago(10)}

    def test_a_desa_without_publishes_has_no_last_date(self, portal):
        """The page shows “never” rather than a date."""
        desa = Region.objects.get(code="19.06.02.2003")

        assert last_publish_by_desa(Q(desa=desa)) == {}


class TestActivityCounts:
    def test_each_desa_is_counted_once_by_its_latest_publish(self, portal):
        """An old publish does not pull an active desa down."""
        publish_event("19.06.02.2003", days_ago(200))
        publish_event("19.06.02.2003", days_ago(3))
        publish_event("19.06.01.2012", days_ago(60))
        publish_event("19.06.01.2013", days_ago(120))
        publish_event("33.04.02.2005", days_ago(1))
        belitung_timur = Region.objects.filter(
            level=Region.Level.DESA, code__startswith="19.06."
        )

        assert activity_counts(belitung_timur, now=NOW) == {
            Activity.AKTIF: 1,
            Activity.KURANG_AKTIF: 1,
            Activity.TIDAK_AKTIF: 37,
        }
