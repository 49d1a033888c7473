"""Readiness writes: summaries kept current event by event, the activity import,
monthly snapshots and the maintenance commands."""

import datetime as dt
import random
import zoneinfo
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from accounts.services import (
    create_operator,
    deactivate_operator,
    reactivate_operator,
    update_operator,
)
from certificates.models import Certificate
from certificates.services import (
    expire_certificates,
    issue_certificate,
    revoke_certificate,
)
from courses import services as course_services
from courses.factories import build_course, finish_course
from courses.models import Enrollment
from courses.selectors import course_outline
from lms.shared.csvimport import ImportFailed
from portal.models import DesaPage, ExternalActivity
from portal.services import record_publish
from readiness.models import DesaSummary, Level, Snapshot
from readiness.selectors import annotate_readiness
from readiness.services import (
    import_activity,
    rebuild_summaries,
    refresh_desa_summary,
    take_snapshot,
)
from regions.models import Region

BELITUNG_TIMUR = "19.06"
BANJARNEGARA = "33.04"
JANGKAR_ASAM = "19.06.02.2003"
MEKAR_JAYA = "19.06.01.2012"
KLAMPOK = "33.04.02.2005"


def all_summaries():
    """Every summary row with every field, by desa."""
    return {row["desa_id"]: row for row in DesaSummary.objects.values()}


class RandomHistory:
    """Operators, learning, certificates and publishes in a seeded random order,
    all through the services that keep the summaries current."""

    def __init__(self, seed, admins, courses):
        self.rng = random.Random(seed)
        self.admins = admins  # kabupaten code -> its Diskominfo admin
        self.courses = courses
        # Two kecamatan of two kabupaten: few enough desa for each to see many events.
        self.desa = list(
            Region.objects.filter(
                level=Region.Level.DESA, parent__code__in=["19.06.02", "33.04.02"]
            ).order_by("code")
        )
        self.pages = dict(
            DesaPage.objects.values_list("region_id", "pk")
        )  # desa id -> its portal page id
        self.today = timezone.localdate()
        self.done = Counter()
        self.names = 0

    def admin_of(self, region_code):
        return self.admins[region_code[:5]]

    def operators(self, **filters):
        return list(
            User.objects.filter(role=User.Role.OPERATOR, **filters)
            .select_related("region")
            .order_by("pk")
        )

    def pick_operator(self, **filters):
        found = self.operators(**filters)
        return self.rng.choice(found) if found else None

    def run(self, steps):
        actions = [
            (self.create, 5),
            (self.learn_lesson, 3),
            (self.finish, 4),
            (self.certify_by_hand, 2),
            (self.revoke, 2),
            (self.expire, 2),
            (self.publish, 4),
            (self.deactivate, 1),
            (self.reactivate, 2),
            (self.move, 2),
            (self.import_activity, 2),
        ]
        functions = [f for f, _ in actions]
        weights = [w for _, w in actions]
        for _step in range(steps):
            action = self.rng.choices(functions, weights)[0]
            if action() is not False:
                self.done[action.__name__] += 1

    def create(self):
        desa = self.rng.choice(self.desa)
        self.names += 1
        create_operator(
            actor=self.admin_of(desa.code), name=f"Operator {self.names}", desa=desa
        )

    def learn_lesson(self):
        operator = self.pick_operator(is_active=True)
        if operator is None:
            return False
        course = self.rng.choice(self.courses)
        lesson = self.rng.choice(course_outline(course).lessons)
        course_services.complete_lesson(operator=operator, lesson=lesson)

    def finish(self):
        operator = self.pick_operator(is_active=True)
        course = self.rng.choice(self.courses)
        if (
            operator is None
            or Enrollment.objects.filter(
                operator=operator, course=course, completed_at__isnull=False
            ).exists()
        ):
            return False
        finish_course(operator, course)

    def certify_by_hand(self):
        operator = self.pick_operator(is_active=True)
        if operator is None:
            return False
        issue_certificate(operator=operator, course=self.courses[0])

    def valid_certificate(self):
        found = list(
            Certificate.objects.filter(status=Certificate.Status.VALID).order_by("pk")
        )
        return self.rng.choice(found) if found else None

    def revoke(self):
        certificate = self.valid_certificate()
        if certificate is None:
            return False
        revoke_certificate(
            actor=self.admin_of(certificate.desa_code),
            certificate=certificate,
            reason="Uji acak",
        )

    def expire(self):
        certificate = self.valid_certificate()
        if certificate is None:
            return False
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=self.today - timedelta(days=1)
        )
        expire_certificates(today=self.today)

    def publish(self):
        desa = self.rng.choice(self.desa)
        page = DesaPage.objects.get(pk=self.pages[desa.pk])
        record_publish(
            page=page, at=timezone.now() - timedelta(days=self.rng.randint(0, 120))
        )

    def deactivate(self):
        operator = self.pick_operator(is_active=True)
        if operator is None:
            return False
        deactivate_operator(
            actor=self.admin_of(operator.region.code), operator=operator
        )

    def reactivate(self):
        operator = self.pick_operator(is_active=False)
        if operator is None:
            return False
        reactivate_operator(
            actor=self.admin_of(operator.region.code), operator=operator
        )

    def move(self):
        operator = self.pick_operator()
        if operator is None:
            return False
        kabupaten = operator.region.code[:5]
        desa = self.rng.choice(
            [d for d in self.desa if d.code.startswith(f"{kabupaten}.")]
        )
        update_operator(
            actor=self.admin_of(kabupaten),
            operator=operator,
            name=operator.get_full_name(),
            desa=desa,
            phone=operator.phone,
        )

    def import_activity(self):
        kabupaten = self.rng.choice(list(self.admins))
        desa = self.rng.sample(
            [d for d in self.desa if d.code.startswith(f"{kabupaten}.")], 3
        )
        lines = [
            f"{d.code},{self.today - timedelta(days=self.rng.randint(0, 200))}"
            for d in desa
        ]
        import_activity(actor=self.admins[kabupaten], raw="\n".join(lines).encode())


class TestIncrementalSummaries:
    def test_a_random_history_leaves_what_a_full_rebuild_computes(
        self, world, course, beltim_admin, banjarnegara_admin
    ):
        """After 100 seeded random events of every kind, each desa's summary, field by
        field, is what `rebuild_summaries` computes from the source tables."""
        rebuild_summaries()
        history = RandomHistory(
            2026,
            admins={BELITUNG_TIMUR: beltim_admin, BANJARNEGARA: banjarnegara_admin},
            courses=[
                course,
                build_course(title="Menulis Berita", modules=1, lessons_per_module=2),
            ],
        )
        history.run(steps=100)
        incremental = all_summaries()

        rebuild_summaries()

        assert all_summaries() == incremental
        assert set(history.done) == {
            "create",
            "learn_lesson",
            "finish",
            "certify_by_hand",
            "revoke",
            "expire",
            "publish",
            "deactivate",
            "reactivate",
            "move",
            "import_activity",
        }
        for field in (
            "operators",
            "operators_trained",
            "operators_certified",
            "first_operator_at",
            "last_published_at",
            "certificate_expires",
        ):
            assert any(row[field] for row in incremental.values()), field
        levels = annotate_readiness(DesaSummary.objects.all()).values_list(
            "level", flat=True
        )
        assert {Level.REGISTERED, Level.TRAINED, Level.CERTIFIED} <= set(levels)

    def test_the_comparison_notices_a_summary_left_behind(self, world, beltim_admin):
        """A change that skips the services (here a bulk update) is only seen after
        a rebuild, so the comparison above has teeth."""
        operator = create_operator(
            actor=beltim_admin,
            name="Siti Aminah",
            desa=Region.objects.get(code=JANGKAR_ASAM),
        ).user
        incremental = all_summaries()

        User.objects.filter(pk=operator.pk).update(is_active=False)
        rebuild_summaries()

        assert all_summaries() != incremental
        assert DesaSummary.objects.get(desa=operator.region).operators == 0

    def test_a_move_updates_both_the_old_and_the_new_desa(self, world, beltim_admin):
        """The operator counts for Mekar Jaya and no longer for Jangkar Asam."""
        operator = create_operator(
            actor=beltim_admin,
            name="Siti Aminah",
            desa=Region.objects.get(code=JANGKAR_ASAM),
        ).user

        update_operator(
            actor=beltim_admin,
            operator=operator,
            name="Siti Aminah",
            desa=Region.objects.get(code=MEKAR_JAYA),
        )

        assert DesaSummary.objects.get(desa__code=JANGKAR_ASAM).operators == 0
        assert DesaSummary.objects.get(desa__code=MEKAR_JAYA).operators == 1

    def test_a_rebuild_below_a_prefix_leaves_other_regions_alone(self, world):
        """Rebuilding Banjarnegara writes its 8 desa and not a row of Belitung Timur."""
        rebuild_summaries()
        DesaSummary.objects.filter(desa__code=JANGKAR_ASAM).update(operators=5)
        DesaSummary.objects.filter(desa__code=KLAMPOK).update(operators=5)

        assert rebuild_summaries(prefix=BANJARNEGARA) == 8

        assert DesaSummary.objects.get(desa__code=JANGKAR_ASAM).operators == 5
        assert DesaSummary.objects.get(desa__code=KLAMPOK).operators == 0
        assert DesaSummary.objects.count() == 47

    def test_refreshing_a_region_that_is_not_a_desa_writes_nothing(self, world):
        """Operators placed on a kecamatan have no desa summary to update."""
        assert (
            refresh_desa_summary(desa_id=Region.objects.get(code="19.06.02").pk) is None
        )
        assert refresh_desa_summary(desa_id=None) is None

        assert not DesaSummary.objects.exists()


COLUMNS = "kode_desa,tanggal_terakhir_terbit,jumlah_artikel"
EMPTY = "The file is empty. Use the columns %(columns)s."


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode()


class TestActivityImport:
    def test_a_valid_file_records_each_desas_last_publish(
        self, world, beltim_admin, now
    ):
        """Header, BOM and the optional article count are accepted; summaries follow."""
        raw = "\ufeff".encode() + csv_bytes(
            "kode_desa,tanggal_terakhir_terbit,jumlah_artikel",
            f"{JANGKAR_ASAM},2026-01-15,12",
            f" {MEKAR_JAYA} , 2025-12-01 ,",
        )

        assert import_activity(actor=beltim_admin, raw=raw) == 2

        assert {
            (a.desa.code, str(a.last_published_on), a.article_count)
            for a in ExternalActivity.objects.select_related("desa")
        } == {(JANGKAR_ASAM, "2026-01-15", 12), (MEKAR_JAYA, "2025-12-01", None)}
        summary = DesaSummary.objects.get(desa__code=JANGKAR_ASAM)
        assert timezone.localtime(summary.last_published_at).date().isoformat() == (
            "2026-01-15"
        )

    def test_importing_again_replaces_the_earlier_date(self, world, beltim_admin):
        """One imported date per desa: the newest file wins, even with an older date."""
        import_activity(actor=beltim_admin, raw=csv_bytes(f"{JANGKAR_ASAM},2026-01-15"))

        import_activity(actor=beltim_admin, raw=csv_bytes(f"{JANGKAR_ASAM},2025-06-01"))

        assert ExternalActivity.objects.get().last_published_on.isoformat() == (
            "2025-06-01"
        )
        summary = DesaSummary.objects.get(desa__code=JANGKAR_ASAM)
        # The imported day starts at midnight in Belitung Timur's zone (WIB).
        local = summary.last_published_at.astimezone(zoneinfo.ZoneInfo("Asia/Jakarta"))
        assert local.date().isoformat() == "2025-06-01"

    @pytest.mark.parametrize(
        ("bad_line", "message", "params"),
        [
            (
                "19.06.02.9999,2026-01-15",
                "Desa code “%(code)s” is unknown or outside your region.",
                {"code": "19.06.02.9999"},
            ),
            (
                f"{KLAMPOK},2026-01-15",
                "Desa code “%(code)s” is unknown or outside your region.",
                {"code": KLAMPOK},
            ),
            (
                "19.06.02,2026-01-15",
                "Desa code “%(code)s” is unknown or outside your region.",
                {"code": "19.06.02"},
            ),
            (
                f"{MEKAR_JAYA},15/01/2026",
                "“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-10-31.",
                {"value": "15/01/2026"},
            ),
            (
                f"{MEKAR_JAYA},2026-02-30",
                "“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-10-31.",
                {"value": "2026-02-30"},
            ),
            (
                f"{MEKAR_JAYA},2026-01-15,dua belas",
                "The article count “%(value)s” is not a whole number.",
                {"value": "dua belas"},
            ),
            (
                f"{MEKAR_JAYA},2026-01-15,-3",
                "The article count “%(value)s” is not a whole number.",
                {"value": "-3"},
            ),
            (
                f"{MEKAR_JAYA},2026-01-15,²",
                "The article count “%(value)s” is not a whole number.",
                {"value": "²"},
            ),
            (
                f"{MEKAR_JAYA},2026-01-15,3000000000",
                "The article count “%(value)s” is too large. Write the number of articles on the website.",
                {"value": "3000000000"},
            ),
            (
                f"{JANGKAR_ASAM},2026-01-20",
                "Desa %(code)s already appears on line %(line)s.",
                {"code": JANGKAR_ASAM, "line": 2},
            ),
            (
                MEKAR_JAYA,
                "Expected the columns %(columns)s; found %(n)s column(s).",
                {"columns": COLUMNS, "n": 1},
            ),
            (
                f"{MEKAR_JAYA},2026-01-15,3,catatan",
                "Expected the columns %(columns)s; found %(n)s column(s).",
                {"columns": COLUMNS, "n": 4},
            ),
        ],
        ids=[
            "unknown-desa",
            "other-kabupaten",
            "kecamatan-code",
            "bad-date",
            "impossible-date",
            "count-in-words",
            "negative-count",
            "superscript-count",
            "count-too-large",
            "duplicate",
            "one-column",
            "four-columns",
        ],
    )
    def test_one_bad_line_stops_the_whole_import(
        self, world, beltim_admin, indonesian, bad_line, message, params
    ):
        """The good line before it is not written either; the error names line 3."""
        raw = csv_bytes(
            "kode_desa,tanggal_terakhir_terbit,jumlah_artikel",
            f"{JANGKAR_ASAM},2026-01-15,4",
            bad_line,
        )

        with pytest.raises(ImportFailed) as caught:
            import_activity(actor=beltim_admin, raw=raw)

        assert caught.value.errors == [(3, indonesian(message, **params))]
        assert not ExternalActivity.objects.exists()
        assert not DesaSummary.objects.exists()

    def test_the_largest_article_count_the_database_holds_is_accepted(
        self, world, beltim_admin
    ):
        """2,147,483,647 articles fit; one more is refused above."""
        import_activity(
            actor=beltim_admin, raw=csv_bytes(f"{JANGKAR_ASAM},2026-01-15,2147483647")
        )

        assert ExternalActivity.objects.get().article_count == 2_147_483_647

    def test_a_date_in_the_future_is_refused_and_today_is_not(
        self, world, beltim_admin, indonesian
    ):
        """Tomorrow has not happened yet; today has."""
        today = timezone.localdate()
        tomorrow = today + timedelta(days=1)
        raw = csv_bytes(f"{JANGKAR_ASAM},{today}", f"{MEKAR_JAYA},{tomorrow}")

        with pytest.raises(ImportFailed) as caught:
            import_activity(actor=beltim_admin, raw=raw)

        assert caught.value.errors == [
            (2, indonesian("The date %(value)s is in the future.", value=str(tomorrow)))
        ]
        assert not ExternalActivity.objects.exists()

    def test_every_bad_line_is_reported_at_once(self, world, beltim_admin):
        """The admin fixes the file in one go rather than line after line."""
        raw = csv_bytes(
            f"{KLAMPOK},2026-01-15",
            f"{JANGKAR_ASAM},kemarin",
            f"{MEKAR_JAYA},2026-01-15",
            f"{MEKAR_JAYA},2026-01-16",
        )

        with pytest.raises(ImportFailed) as caught:
            import_activity(actor=beltim_admin, raw=raw)

        assert [line for line, _message in caught.value.errors] == [1, 2, 4]

    @pytest.mark.parametrize(
        ("raw", "line", "message", "params"),
        [
            (b"", 0, EMPTY, {"columns": COLUMNS}),
            (b" \n\n", 0, EMPTY, {"columns": COLUMNS}),
            (
                b"kode_desa,tanggal_terakhir_terbit\n",
                0,
                "The file has no rows. Write one desa per line.",
                {},
            ),
            (
                f"{JANGKAR_ASAM},2026-01-15\n".encode()
                + "19.06.01.2012,2026-01-15,Désa\n".encode("latin-1"),
                2,
                "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.",
                {},
            ),
        ],
        ids=["empty", "blank", "header-only", "latin-1"],
    )
    def test_a_file_that_is_not_usable_says_why(
        self, world, beltim_admin, indonesian, raw, line, message, params
    ):
        """Empty files and files in another encoding are refused as a whole."""
        with pytest.raises(ImportFailed) as caught:
            import_activity(actor=beltim_admin, raw=raw)

        assert caught.value.errors == [(line, indonesian(message, **params))]
        assert not ExternalActivity.objects.exists()

    def test_a_kecamatan_admin_imports_only_their_kecamatans_desa(
        self, world, gantung_admin, indonesian
    ):
        """Mekar Jaya lies in Manggar, outside Gantung's admin's region."""
        import_activity(
            actor=gantung_admin, raw=csv_bytes(f"{JANGKAR_ASAM},2026-01-15")
        )

        with pytest.raises(ImportFailed) as caught:
            import_activity(
                actor=gantung_admin, raw=csv_bytes(f"{MEKAR_JAYA},2026-01-15")
            )

        assert caught.value.errors == [
            (
                1,
                indonesian(
                    "Desa code “%(code)s” is unknown or outside your region.",
                    code=MEKAR_JAYA,
                ),
            )
        ]
        assert ExternalActivity.objects.get().desa.code == JANGKAR_ASAM

    def test_an_operator_may_not_import(self, world, operator):
        """Operators see no readiness and change none of it."""
        with pytest.raises(PermissionError):
            import_activity(actor=operator, raw=csv_bytes(f"{JANGKAR_ASAM},2026-01-15"))

        assert not ExternalActivity.objects.exists()


class TestSnapshot:
    def test_taking_the_months_snapshot_twice_keeps_one_row_per_desa(
        self, world, beltim_admin, course
    ):
        """The second run replaces the first with the month's latest levels."""
        rebuild_summaries()
        now = timezone.now()
        month = timezone.localdate(now).replace(day=1)
        assert take_snapshot(now=now) == 47
        operator = create_operator(
            actor=beltim_admin,
            name="Siti Aminah",
            desa=Region.objects.get(code=JANGKAR_ASAM),
        ).user
        finish_course(operator, course)

        assert take_snapshot(month=month + timedelta(days=9), now=now) == 47

        assert Snapshot.objects.count() == 47
        assert set(Snapshot.objects.values_list("month", flat=True)) == {month}
        snapshot = Snapshot.objects.get(desa__code=JANGKAR_ASAM)
        assert (snapshot.level, snapshot.kabupaten_code) == (Level.CERTIFIED, "19.06")

    def test_each_month_keeps_its_own_snapshot(self, world):
        """Taking March's snapshot leaves February's in place, for the trend."""
        rebuild_summaries(prefix=BANJARNEGARA)
        now = timezone.now()
        take_snapshot(month=dt.date(2026, 2, 1), now=now)

        take_snapshot(month=dt.date(2026, 3, 14), now=now)

        assert Counter(
            m.isoformat() for m in Snapshot.objects.values_list("month", flat=True)
        ) == {"2026-02-01": 8, "2026-03-01": 8}

    def test_the_snapshot_holds_each_desas_level_and_activity(
        self, world, beltim_admin
    ):
        """What the dashboard showed that day, desa by desa."""
        rebuild_summaries()
        create_operator(
            actor=beltim_admin, name="Siti", desa=Region.objects.get(code=JANGKAR_ASAM)
        )
        record_publish(
            page=DesaPage.objects.get(region__code=MEKAR_JAYA),
            at=timezone.now() - timedelta(days=40),
        )
        now = timezone.now()

        take_snapshot(now=now)

        assert set(Snapshot.objects.values_list("desa_id", "level", "activity")) == set(
            annotate_readiness(DesaSummary.objects.all(), now=now).values_list(
                "desa_id", "level", "activity"
            )
        )
        assert set(
            Snapshot.objects.exclude(level=0, activity="tidak_aktif").values_list(
                "desa__code", "level", "activity"
            )
        ) == {(JANGKAR_ASAM, 1, "tidak_aktif"), (MEKAR_JAYA, 0, "kurang_aktif")}


class TestCommands:
    def test_rebuild_readiness_recomputes_every_desa(self, world):
        """The command after an import or restore: stale rows are corrected."""
        rebuild_summaries()
        DesaSummary.objects.filter(desa__code=JANGKAR_ASAM).update(operators=9)
        out = StringIO()

        call_command("rebuild_readiness", stdout=out)

        assert out.getvalue().startswith("47 desa summaries rebuilt in ")
        assert DesaSummary.objects.get(desa__code=JANGKAR_ASAM).operators == 0

    def test_rebuild_readiness_takes_a_region_code(self, world):
        """Only Kecamatan Gantung's 7 desa are rebuilt."""
        out = StringIO()

        call_command("rebuild_readiness", "19.06.02", stdout=out)

        assert out.getvalue().startswith("7 desa summaries rebuilt in ")
        assert set(DesaSummary.objects.values_list("kecamatan_code", flat=True)) == {
            "19.06.02"
        }

    def test_snapshot_readiness_records_this_month(self, world):
        """Run on the 1st of each month by cron."""
        rebuild_summaries()
        out = StringIO()

        call_command("snapshot_readiness", stdout=out)

        assert out.getvalue() == "47 desa recorded for this month.\n"
        assert set(Snapshot.objects.values_list("month", flat=True)) == {
            timezone.localdate().replace(day=1)
        }
