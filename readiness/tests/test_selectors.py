"""Readiness levels and website activity classes, computed in SQL from the per-desa
summaries, on hand-built desa at each boundary; the overview and the pendampingan list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.services import create_operator, deactivate_operator
from certificates.models import Certificate
from certificates.services import expire_certificates, revoke_certificate
from courses.factories import build_course, finish_course
from portal.models import Activity, ActivityWindows
from portal.selectors import classify_activity
from readiness import selectors
from readiness.models import DesaSummary, KabupatenSettings, Level
from readiness.services import (
    import_activity,
    rebuild_summaries,
    refresh_desa_summary,
)
from regions.models import Region

BELITUNG_TIMUR = "19.06"
GANTUNG = "19.06.02"
JANGKAR_ASAM = "19.06.02.2003"
MEKAR_JAYA = "19.06.01.2012"
BENTAIAN_JAYA = "19.06.01.2013"
KLAMPOK = "33.04.02.2005"
MOST_ACTIVE = [JANGKAR_ASAM, MEKAR_JAYA, BENTAIAN_JAYA]


def readiness_of(code, now):
    """The (level, activity) the dashboard shows for one desa at `now`."""
    row = (
        selectors.annotate_readiness(
            DesaSummary.objects.filter(desa__code=code), now=now
        )
        .values("level", "activity")
        .get()
    )
    return Level(row["level"]), Activity(row["activity"])


def register(admin, code, name="Operator Uji"):
    """An operator added by an admin, as the dashboard's summaries see it."""
    return create_operator(
        actor=admin, name=name, desa=Region.objects.get(code=code)
    ).user


def import_csv(admin, text):
    return import_activity(actor=admin, raw=text.encode())


class TestActivityClass:
    @pytest.mark.parametrize(
        ("days", "activity"),
        [
            (0, Activity.AKTIF),
            (30, Activity.AKTIF),
            (31, Activity.KURANG_AKTIF),
            (90, Activity.KURANG_AKTIF),
            (91, Activity.TIDAK_AKTIF),
            (None, Activity.TIDAK_AKTIF),
        ],
        ids=["today", "30-days", "31-days", "90-days", "91-days", "never"],
    )
    def test_the_class_follows_the_days_since_the_last_publish(
        self, world, now, publish, days, activity
    ):
        """Aktif up to 30 days, kurang aktif from 31 to 90, tidak aktif after or never;
        only the latest publish counts."""
        if days is not None:
            publish(JANGKAR_ASAM, days=days + 200)
            publish(JANGKAR_ASAM, days=days)
        refresh_desa_summary(desa_id=Region.objects.get(code=JANGKAR_ASAM).pk)

        assert readiness_of(JANGKAR_ASAM, now)[1] == activity

    def test_the_sql_classes_agree_with_the_portals_own_rule_to_the_second(
        self, world, now
    ):
        """A publish 30 days and 23 hours ago is still 30 whole days ago, as the
        workshop's session proposal counts it."""
        expected = {
            timedelta(days=30, hours=23, minutes=59): Activity.AKTIF,
            timedelta(days=31): Activity.KURANG_AKTIF,
            timedelta(days=31, seconds=1): Activity.KURANG_AKTIF,
            timedelta(days=90, hours=23, minutes=59): Activity.KURANG_AKTIF,
            timedelta(days=91): Activity.TIDAK_AKTIF,
            timedelta(days=91, seconds=1): Activity.TIDAK_AKTIF,
        }
        desa = Region.objects.filter(code__startswith="19.06.01.").order_by("code")
        for region, age in zip(desa, expected, strict=False):
            DesaSummary.objects.create(
                desa=region,
                kabupaten_code=region.code[:5],
                kecamatan_code=region.code[:8],
                last_published_at=now - age,
            )

        computed = {
            now - s.last_published_at: s.activity
            for s in selectors.annotate_readiness(DesaSummary.objects.all(), now=now)
        }

        assert computed == expected
        assert all(
            classify_activity(now - age, now=now) == activity
            for age, activity in expected.items()
        )


class TestLevel:
    def test_a_desa_without_an_operator_is_level_0(self, world, now):
        """A summary with nobody registered is “belum ada operator”."""
        rebuild_summaries(prefix=GANTUNG)

        assert readiness_of(JANGKAR_ASAM, now) == (
            Level.NO_OPERATOR,
            Activity.TIDAK_AKTIF,
        )

    def test_a_registered_operator_makes_level_1(self, world, now, beltim_admin):
        """Adding the account is enough to be “terdaftar”."""
        register(beltim_admin, JANGKAR_ASAM)

        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.REGISTERED

    def test_a_course_without_publishing_rights_does_not_train(
        self, world, now, beltim_admin
    ):
        """Only a course that carries publishing rights counts as the required course."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        finish_course(operator, build_course(title="Menulis Berita", modules=1))

        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.REGISTERED

    def test_a_finished_course_without_a_valid_certificate_is_level_2(
        self, world, now, beltim_admin, course
    ):
        """Trained (lessons and quiz done) but the certificate was revoked."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        finish_course(operator, course)
        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.CERTIFIED

        revoke_certificate(
            actor=beltim_admin,
            certificate=Certificate.objects.get(operator=operator),
            reason="Salah orang",
        )

        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.TRAINED

    @pytest.mark.parametrize("days", [None, 31])
    def test_a_certified_desa_that_has_not_published_lately_is_level_3(
        self, world, now, beltim_admin, course, publish, days
    ):
        """Certification alone, or with a publish outside the active window."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        finish_course(operator, course)
        if days is not None:
            publish(JANGKAR_ASAM, days=days)

        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.CERTIFIED

    @pytest.mark.parametrize("days", [0, 30])
    def test_a_certified_desa_that_published_within_30_days_is_level_4(
        self, world, now, beltim_admin, course, publish, days
    ):
        """“Aktif”: certified and the website is active."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        finish_course(operator, course)
        publish(JANGKAR_ASAM, days=days)

        assert readiness_of(JANGKAR_ASAM, now) == (Level.ACTIVE, Activity.AKTIF)

    def test_an_operator_certified_by_hand_without_the_course_is_level_3(
        self, world, now, beltim_admin, course
    ):
        """The certificate decides level 3, whatever the route to it."""
        from certificates.services import issue_certificate_by_hand

        operator = register(beltim_admin, JANGKAR_ASAM)
        issue_certificate_by_hand(
            actor=beltim_admin, operator=operator, course=course, reason="Ujian kertas"
        )

        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.CERTIFIED

    def test_a_deactivated_operator_no_longer_counts(
        self, world, now, beltim_admin, course, publish
    ):
        """The desa falls back to level 0 when its only operator leaves."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        finish_course(operator, course)
        publish(JANGKAR_ASAM, days=1)

        deactivate_operator(actor=beltim_admin, operator=operator)

        assert readiness_of(JANGKAR_ASAM, now) == (Level.NO_OPERATOR, Activity.AKTIF)

    def test_the_best_operator_of_the_desa_decides_its_level(
        self, world, now, beltim_admin, course
    ):
        """A fresh second operator does not pull a certified desa down."""
        finish_course(register(beltim_admin, JANGKAR_ASAM, "Siti Aminah"), course)
        register(beltim_admin, JANGKAR_ASAM, "Rudi Hartono")

        summary = DesaSummary.objects.get(desa__code=JANGKAR_ASAM)
        assert (summary.operators, summary.operators_certified) == (2, 1)
        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.CERTIFIED


class TestCertificateExpiry:
    @pytest.mark.parametrize(
        ("published", "before"), [(False, Level.CERTIFIED), (True, Level.ACTIVE)]
    )
    def test_a_certificate_that_expired_yesterday_drops_the_desa_to_level_2(
        self, world, now, beltim_admin, course, publish, published, before
    ):
        """The daily expiry run takes the desa back to “terlatih”."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        finish_course(operator, course)
        if published:
            publish(JANGKAR_ASAM, days=1)
        today = timezone.localdate(now)
        Certificate.objects.filter(operator=operator).update(
            valid_until=today - timedelta(days=1)
        )
        assert readiness_of(JANGKAR_ASAM, now)[0] == before

        assert expire_certificates(today=today) == 1

        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.TRAINED

    def test_a_certificate_valid_until_today_still_counts(
        self, world, now, beltim_admin, course
    ):
        """The last day of validity is still a valid day."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        finish_course(operator, course)
        today = timezone.localdate(now)
        Certificate.objects.filter(operator=operator).update(valid_until=today)

        assert expire_certificates(today=today) == 0

        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.CERTIFIED


class TestKabupatenWindows:
    def test_a_7_day_window_makes_a_10_day_old_publish_less_active(
        self, world, now, publish
    ):
        """Belitung Timur's own window applies to its desa only, not to Banjarnegara's."""
        ActivityWindows.objects.create(
            kabupaten=Region.objects.get(code=BELITUNG_TIMUR),
            active_days=7,
            less_active_days=90,
        )
        publish(JANGKAR_ASAM, days=10)
        publish(KLAMPOK, days=10)

        assert readiness_of(JANGKAR_ASAM, now)[1] == Activity.KURANG_AKTIF
        assert readiness_of(KLAMPOK, now)[1] == Activity.AKTIF

    @pytest.mark.parametrize(
        ("days", "activity"),
        [
            (7, Activity.AKTIF),
            (8, Activity.KURANG_AKTIF),
            (40, Activity.KURANG_AKTIF),
            (41, Activity.TIDAK_AKTIF),
        ],
    )
    def test_both_of_a_kabupatens_windows_have_the_same_boundaries(
        self, world, now, publish, days, activity
    ):
        """With 7 and 40 days: aktif up to 7, kurang aktif 8–40, tidak aktif after."""
        ActivityWindows.objects.create(
            kabupaten=Region.objects.get(code=BELITUNG_TIMUR),
            active_days=7,
            less_active_days=40,
        )
        publish(JANGKAR_ASAM, days=days)

        assert readiness_of(JANGKAR_ASAM, now)[1] == activity

    def test_the_kabupatens_active_window_also_decides_level_4(
        self, world, now, beltim_admin, course, publish
    ):
        """Certified and published 10 days ago is level 3 under a 7-day window."""
        finish_course(register(beltim_admin, JANGKAR_ASAM), course)
        publish(JANGKAR_ASAM, days=10)
        assert readiness_of(JANGKAR_ASAM, now)[0] == Level.ACTIVE

        ActivityWindows.objects.create(
            kabupaten=Region.objects.get(code=BELITUNG_TIMUR), active_days=7
        )

        assert readiness_of(JANGKAR_ASAM, now) == (
            Level.CERTIFIED,
            Activity.KURANG_AKTIF,
        )


class TestImportedActivity:
    def test_an_imported_last_publish_counts_like_a_portal_publish(
        self, world, now, beltim_admin
    ):
        """A desa whose website lives elsewhere becomes aktif from the imported date."""
        rebuild_summaries(prefix=GANTUNG)
        assert readiness_of(JANGKAR_ASAM, now)[1] == Activity.TIDAK_AKTIF
        day = timezone.localdate(now) - timedelta(days=10)

        import_csv(
            beltim_admin, f"kode_desa,tanggal_terakhir_terbit\n{JANGKAR_ASAM},{day}\n"
        )

        assert readiness_of(JANGKAR_ASAM, now)[1] == Activity.AKTIF

    def test_an_imported_publish_makes_a_certified_desa_level_4(
        self, world, now, beltim_admin, course
    ):
        """Imported activity counts for level 4 as well."""
        finish_course(register(beltim_admin, JANGKAR_ASAM), course)
        day = timezone.localdate(now) - timedelta(days=3)

        import_csv(beltim_admin, f"{JANGKAR_ASAM},{day},12\n")

        assert readiness_of(JANGKAR_ASAM, now) == (Level.ACTIVE, Activity.AKTIF)

    @pytest.mark.parametrize(
        ("portal_days", "imported_days", "activity"),
        [
            (100, 40, Activity.KURANG_AKTIF),
            (5, 200, Activity.AKTIF),
        ],
    )
    def test_the_later_of_the_portal_and_the_imported_publish_counts(
        self, world, now, beltim_admin, publish, portal_days, imported_days, activity
    ):
        """An old import does not hide a recent portal publish, nor the reverse."""
        publish(JANGKAR_ASAM, days=portal_days)
        day = timezone.localdate(now) - timedelta(days=imported_days)

        import_csv(beltim_admin, f"{JANGKAR_ASAM},{day}\n")

        assert readiness_of(JANGKAR_ASAM, now)[1] == activity


class TestOverview:
    def test_belitung_timur_as_reported_is_10_aktif_6_kurang_aktif_23_tidak_aktif(
        self, world, now, publish
    ):
        """Diskominfo's report rebuilt from publish dates: 10 desa published within 30
        days (the three it names among them), 6 within 31–90 days, 5 longer ago and 18
        never."""
        desa = sorted(
            Region.objects.filter(
                code__startswith="19.06.", level=Region.Level.DESA
            ).values_list("code", flat=True),
            key=lambda code: (code not in MOST_ACTIVE, code),
        )
        plan = [0, 3, 6, 9, 12, 15, 18, 21, 24, 30]
        plan += [31, 40, 50, 60, 75, 90]
        plan += [91, 120, 180, 240, 360]
        for code, days in zip(desa, plan, strict=False):
            publish(code, days=days)
        rebuild_summaries()

        figures = selectors.overview(Region.objects.get(code=BELITUNG_TIMUR), now=now)

        assert figures["desa"] == 39
        assert (
            figures["activity_aktif"],
            figures["activity_kurang_aktif"],
            figures["activity_tidak_aktif"],
        ) == (10, 6, 23)
        for code in MOST_ACTIVE:
            assert readiness_of(code, now)[1] == Activity.AKTIF

    def test_the_overview_counts_levels_operators_and_expiring_certificates(
        self, world, now, beltim_admin, course, publish
    ):
        """Per level, per class, operators, trained, certified, and certificates that
        end within 60 days."""
        rebuild_summaries()
        finish_course(register(beltim_admin, JANGKAR_ASAM), course)
        publish(JANGKAR_ASAM, days=2)
        finish_course(register(beltim_admin, MEKAR_JAYA), course)
        register(beltim_admin, MEKAR_JAYA, "Nur Aini")
        Certificate.objects.filter(operator__region__code=MEKAR_JAYA).update(
            valid_until=timezone.localdate(now) + timedelta(days=60)
        )
        refresh_desa_summary(desa_id=Region.objects.get(code=MEKAR_JAYA).pk)
        register(beltim_admin, BENTAIAN_JAYA)
        publish(BENTAIAN_JAYA, days=45)

        figures = selectors.overview(Region.objects.get(code=BELITUNG_TIMUR), now=now)

        assert figures == {
            "desa": 39,
            "level_0": 36,
            "level_1": 1,
            "level_2": 0,
            "level_3": 1,
            "level_4": 1,
            "activity_aktif": 1,
            "activity_kurang_aktif": 1,
            "activity_tidak_aktif": 37,
            "operators": 4,
            "trained": 2,
            "certified": 2,
            "expiring": 1,
        }

    def test_a_kecamatan_overview_and_the_national_one_count_their_own_desa(
        self, world, now, beltim_admin
    ):
        """Gantung has 7 desa, the nation (in this world) 47."""
        rebuild_summaries()
        register(beltim_admin, JANGKAR_ASAM)
        register(beltim_admin, MEKAR_JAYA)

        gantung = selectors.overview(Region.objects.get(code=GANTUNG), now=now)
        nation = selectors.overview(None, now=now)

        assert (gantung["desa"], gantung["level_1"], gantung["operators"]) == (7, 1, 1)
        assert (nation["desa"], nation["level_1"], nation["operators"]) == (47, 2, 2)

    def test_the_kecamatan_table_adds_up_to_the_kabupaten_overview(
        self, world, now, beltim_admin, publish
    ):
        """One row per kecamatan, named, whose counts sum to the overview's."""
        rebuild_summaries()
        register(beltim_admin, JANGKAR_ASAM)
        publish(MEKAR_JAYA, days=3)
        kabupaten = Region.objects.get(code=BELITUNG_TIMUR)

        rows = selectors.grouped_table(kabupaten, group_by="kecamatan_code", now=now)
        figures = selectors.overview(kabupaten, now=now)

        assert [r["code"] for r in rows] == [f"19.06.0{n}" for n in range(1, 8)]
        assert rows[1]["name"] == "Gantung"
        assert (rows[0]["desa"], rows[0]["activity_aktif"]) == (9, 1)
        assert (rows[1]["desa"], rows[1]["level_1"]) == (7, 1)
        for key in ("desa", "level_0", "level_1", "activity_tidak_aktif", "operators"):
            assert sum(r[key] for r in rows) == figures[key]

    def test_the_desa_list_filters_by_level_and_activity(
        self, world, now, beltim_admin, publish
    ):
        """Filters narrow the desa table the way the dashboard's form asks."""
        rebuild_summaries(prefix=GANTUNG)
        register(beltim_admin, JANGKAR_ASAM)
        publish("19.06.02.2001", days=40)
        gantung = Region.objects.get(code=GANTUNG)

        registered = selectors.desa_rows(gantung, filters={"level": "1"}, now=now)
        less_active = selectors.desa_rows(
            gantung, filters={"activity": Activity.KURANG_AKTIF}, now=now
        )

        assert [r.desa.code for r in registered] == [JANGKAR_ASAM]
        assert [r.desa.code for r in less_active] == ["19.06.02.2001"]
        assert len(selectors.desa_rows(gantung, now=now)) == 7


class TestNeedsHelp:
    def test_the_list_names_desa_without_operator_stuck_or_certified_but_inactive(
        self, world, now, beltim_admin, course, publish
    ):
        """In Kecamatan Gantung: Gantung has nobody, Selingsing registered 61 days ago
        and went no further, Lilangan is certified with a silent website. Jangkar Asam
        (registered exactly 60 days ago), Lenggang (active), Batu Penyu (less active)
        and Limbongan (trained) are not listed."""
        rebuild_summaries(prefix=GANTUNG)
        joined = {
            "19.06.02.2002": 61,
            JANGKAR_ASAM: 60,
            "19.06.02.2004": 100,
            "19.06.02.2009": 100,
            "19.06.02.2010": 100,
            "19.06.02.2011": 100,
        }
        operators = {code: register(beltim_admin, code) for code in joined}
        for code in (
            "19.06.02.2004",
            "19.06.02.2009",
            "19.06.02.2010",
            "19.06.02.2011",
        ):
            finish_course(operators[code], course)
        revoke_certificate(
            actor=beltim_admin,
            certificate=Certificate.objects.get(operator=operators["19.06.02.2011"]),
            reason="Salah orang",
        )
        publish("19.06.02.2009", days=10)
        publish("19.06.02.2010", days=45)
        for code, days in joined.items():
            User.objects.filter(pk=operators[code].pk).update(
                date_joined=now - timedelta(days=days)
            )
            refresh_desa_summary(desa_id=operators[code].region_id)

        rows = selectors.needs_help(Region.objects.get(code=GANTUNG), now=now)

        assert {r.desa.code: r.reason for r in rows} == {
            "19.06.02.2001": "no_operator",
            "19.06.02.2002": "stuck",
            "19.06.02.2004": "inactive",
        }

    def test_a_kabupatens_stuck_days_decide_who_is_stuck(
        self, world, now, beltim_admin
    ):
        """With 30 days set, an operator registered 45 days ago needs help."""
        operator = register(beltim_admin, JANGKAR_ASAM)
        User.objects.filter(pk=operator.pk).update(date_joined=now - timedelta(days=45))
        refresh_desa_summary(desa_id=operator.region_id)
        gantung = Region.objects.get(code=GANTUNG)
        assert selectors.needs_help(gantung, now=now) == []

        KabupatenSettings.objects.create(
            kabupaten=Region.objects.get(code=BELITUNG_TIMUR), stuck_days=30
        )

        assert [
            (r.desa.code, r.reason) for r in selectors.needs_help(gantung, now=now)
        ] == [(JANGKAR_ASAM, "stuck")]

    def test_a_kabupatens_list_holds_only_its_own_desa(self, world, now):
        """Banjarnegara's desa without operator are not Belitung Timur's concern."""
        rebuild_summaries()

        rows = selectors.needs_help(Region.objects.get(code=BELITUNG_TIMUR), now=now)

        assert len(rows) == 39
        assert all(r.desa.code.startswith("19.06.") for r in rows)
