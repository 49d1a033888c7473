"""A synthetic national dataset for load tests of the readiness dashboard (PostgreSQL).

Every desa of the real region list, ~170,000 operators (usernames start with
``skala.``), a 20-lesson course that grants publishing rights (plus, by default, two
more 20-lesson courses so that the progress table reaches ~5 million rows: one
20-lesson course caps it at 20 x 170,000 = 3.4 million), quiz attempts, enrollments,
certificates for about a third of desa, a year of publish history, then the per-desa
summaries and a year of monthly snapshots.

Rows go in with COPY from in-memory buffers inside one transaction, so a failed run
leaves nothing behind. Same --seed, same data (dates are relative to today).
DATABASE_URL names the database, DJANGO_SETTINGS_MODULE defaults to lms.settings.dev
(as manage.py). From the project root:

    .venv/bin/python bench/seed_scale.py             # seed (nothing if already seeded)
    .venv/bin/python bench/seed_scale.py --reset     # drop the synthetic rows, then seed
    .venv/bin/python bench/seed_scale.py --desa-limit 3000   # a quick small run

`bench/readiness_dashboard.py` calls `seed` when its database holds no synthetic data.
"""

import argparse
import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path

import django
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREFIX = "skala."
PUBLISH_MARK = "[skala] "
MAIN_TITLE = "Kursus Skala Nasional"
EXTRA_TITLES = ["Kursus Skala Lanjutan A", "Kursus Skala Lanjutan B", "Kursus Skala C"]
MODULES, LESSONS_PER_MODULE = 4, 5
PASSWORD = "skala-desa-2026"  # noqa: S105 - synthetic accounts of a load-test database
# Operators per desa: 0..4, mean ~2.03 (about 170,000 for the 83,762 desa).
OPS_WEIGHTS = [0.10, 0.18, 0.39, 0.23, 0.10]
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"  # as certificates.services
FIRST = (  # noqa: SIM905 - a list of names is easier to read as text
    "Siti Nur Dewi Sri Rina Yuli Ani Lina Wati Ayu Putri Indah Ratna Fitri Maya "
    "Budi Agus Andi Rudi Joko Eko Hendra Dedi Rahmat Bambang Yusuf Ahmad Made "
    "Wayan Ketut Nyoman Fajar Rizki Dimas Arif Teguh Slamet Imam Hasan Ilham "
    "Yohanes Markus"
).split()
LAST = (  # noqa: SIM905 - a list of names is easier to read as text
    "Aminah Lestari Rahayu Wulandari Sari Hidayat Pratama Saputra Santoso Wijaya "
    "Kurniawan Setiawan Nugroho Gunawan Siregar Nasution Harahap Lubis Sitompul "
    "Simanjuntak Tanjung Rangkuti Daulay Manurung Pane Sembiring Ginting Tarigan "
    "Purba Damanik Sinaga Hutapea Tambunan Napitupulu Wonda Kogoya Tabuni Wenda"
).split()


def esc(value):
    """A value for COPY's text format."""
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


class Clock:
    """Minutes since a base day, formatted fast for COPY."""

    def __init__(self, now):
        self.now = now.replace(second=0, microsecond=0)
        self.base = dt.datetime.combine(
            self.now.date() - dt.timedelta(days=800), dt.time(), tzinfo=dt.UTC
        )
        self.days = [
            (self.base.date() + dt.timedelta(days=d)) for d in range(0, 802 + 1)
        ]
        self.day_str = [d.isoformat() for d in self.days]
        self.hm = [f"{m // 60:02d}:{m % 60:02d}:00+00" for m in range(1440)]
        self.now_m = int((self.now - self.base).total_seconds() // 60)

    def ts(self, m):
        m = min(m, self.now_m)
        return f"{self.day_str[m // 1440]} {self.hm[m % 1440]}"

    def date(self, m):
        return self.days[min(m, self.now_m) // 1440]


class Buffers:
    """One COPY buffer per table, flushed when large."""

    LIMIT = 32 * 1024 * 1024

    def __init__(self, cursor, columns):
        self.cursor = cursor
        self.columns = columns  # table -> "col, col, ..."
        self.parts = {table: [] for table in columns}
        self.sizes = dict.fromkeys(columns, 0)
        self.rows = dict.fromkeys(columns, 0)
        self.copy_seconds = 0.0

    def add(self, table, line):
        self.parts[table].append(line)
        self.sizes[table] += len(line)
        self.rows[table] += 1
        if self.sizes[table] > self.LIMIT:
            self.flush(table)

    def flush(self, table=None):
        for name in [table] if table else list(self.parts):
            if not self.parts[name]:
                continue
            started = time.monotonic()
            buffer = io.StringIO("".join(self.parts[name]))
            self.cursor.copy_expert(
                f"COPY {name} ({self.columns[name]}) FROM STDIN", buffer
            )
            self.parts[name], self.sizes[name] = [], 0
            self.copy_seconds += time.monotonic() - started


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reset",
        action="store_true",
        help=f"drop the synthetic rows (users named {PREFIX}*) first",
    )
    parser.add_argument(
        "--desa-limit", type=int, help="only the first N desa (a quick run)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed")
    parser.add_argument(
        "--extra-courses",
        type=int,
        default=2,
        choices=range(0, len(EXTRA_TITLES) + 1),
        help="20-lesson courses besides the main one (default 2: ~5M progress rows)",
    )
    parser.add_argument(
        "--history-months",
        type=int,
        default=11,
        help="monthly snapshots to make up before this month (empty months; all "
        "of them with --reset)",
    )
    return parser


def seed(**options):
    """Seed the database Django is set up with; `options` as the command line's
    (reset, desa_limit, seed, extra_courses, history_months), defaults for the rest."""
    defaults = vars(arguments().parse_args([]))
    Seeder().run(**{**defaults, **options})


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

    django.setup()
    seed(**vars(arguments().parse_args()))


class Seeder:
    """One run of the seeder: the steps in order, timed."""

    def say(self, text):
        print(text, flush=True)

    # -- helpers ---------------------------------------------------------------------

    def step(self, name):
        now = time.monotonic()
        if self._step is not None:
            label, started = self._step
            self.timings.append((label, now - started))
            self.say(f"  {label}: {now - started:.1f} s")
        self._step = (name, now) if name else None
        if name:
            self.say(f"{name} …")

    def run(self, **options):
        if connection.vendor != "postgresql":
            raise SystemExit(
                "seed_scale.py needs PostgreSQL (it loads millions of rows with COPY); "
                f"this database is {connection.vendor}. Set DATABASE_URL, e.g. "
                "postgres://postgres@127.0.0.1:5432/literasi_scale."
            )
        self.timings, self._step = [], None
        started = time.monotonic()
        self.rng = random.Random(options["seed"])

        self.step("Regions (import_regions)")
        call_command("import_regions")

        existing = self._synthetic_count()
        if existing and not options["reset"]:
            self.step(None)
            self.say(
                f"{existing} synthetic operators already present: nothing to do. "
                "Use --reset to drop them and seed again."
            )
            return

        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL synchronous_commit = off")
                if existing:
                    self.step(f"Reset: drop {existing} synthetic operators and rows")
                    self._reset(cursor)
                self.step("Courses")
                self._courses(options["extra_courses"])
                self.step("Desa list")
                self._load_desa(options["desa_limit"])
                self.step("Operators (COPY)")
                self._operators(cursor)
                self.step(
                    "Progress, quiz attempts, enrollments, certificates, publishes (COPY)"
                )
                counts = self._activity(cursor)
                self.step("ANALYZE")
                for table in counts:
                    cursor.execute(f"ANALYZE {table}")
                cursor.execute("ANALYZE accounts_user")
            self.step("rebuild_summaries()")
            # Imported here: project and app models load only after django.setup().
            from readiness.services import rebuild_summaries, take_snapshot

            summaries = rebuild_summaries()
            self.step("take_snapshot()")
            take_snapshot()
            self.step("Snapshot history (COPY)")
            history = self._history(
                options["history_months"], replace=bool(options["reset"])
            )
        self.step("VACUUM ANALYZE (loaded tables), ANALYZE (all)")
        with connection.cursor() as cursor:
            for table in [
                *counts,
                "accounts_user",
                "readiness_desasummary",
                "readiness_snapshot",
            ]:
                cursor.execute(f"VACUUM ANALYZE {table}")
            # Every other table too (the regions just imported, the course pages):
            # without statistics the planner guesses, e.g. a seq scan of all 91,599
            # regions to join a kabupaten's ~900 desa, and autovacuum may be off or not yet run.
            cursor.execute("ANALYZE")
        self.step(None)
        total = time.monotonic() - started
        self.say("")
        self.say(f"Desa: {len(self.desa)}; summaries: {summaries}")
        self.say(f"Operators: {len(self.operators)}")
        for table, n in counts.items():
            self.say(f"{table}: {n}")
        self.say(f"Snapshot months made up: {history}")
        self.say("")
        self.say("Step timings:")
        for label, seconds in self.timings:
            self.say(f"  {seconds:7.1f} s  {label}")
        self.say(f"  {total:7.1f} s  TOTAL")

    def _synthetic_count(self):
        # Imported here: project and app models load only after django.setup().
        from accounts.models import User

        return User.objects.filter(username__startswith=PREFIX).count()

    # -- reset -----------------------------------------------------------------------

    def _reset(self, cursor):
        cursor.execute(
            "CREATE TEMP TABLE skala_users ON COMMIT DROP AS "
            "SELECT id FROM accounts_user WHERE username LIKE %s",
            [PREFIX + "%"],
        )
        cursor.execute("CREATE INDEX ON skala_users (id)")
        cursor.execute("ANALYZE skala_users")

        def only_synthetic(table, column):
            cursor.execute(
                f"SELECT NOT EXISTS (SELECT 1 FROM {table} t WHERE NOT EXISTS "  # noqa: S608 - table names are constants
                f"(SELECT 1 FROM skala_users s WHERE s.id = t.{column}))"
            )
            return cursor.fetchone()[0]

        def clear(table, column, referenced_by=()):
            # TRUNCATE (fast, no dead rows) when every row is synthetic and the tables
            # that reference this one are empty; else DELETE the synthetic rows.
            def empty(name):
                cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {name})")  # noqa: S608
                return cursor.fetchone()[0]

            if only_synthetic(table, column) and all(map(empty, referenced_by)):
                cursor.execute(f"TRUNCATE {', '.join([table, *referenced_by])}")
            else:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM skala_users)"  # noqa: S608
                )

        clear("courses_lessonprogress", "operator_id")
        cursor.execute(
            "DELETE FROM courses_quizanswer WHERE attempt_id IN (SELECT a.id FROM "
            "courses_quizattempt a JOIN skala_users s ON s.id = a.operator_id)"
        )
        clear(
            "courses_quizattempt", "operator_id", referenced_by=["courses_quizanswer"]
        )
        clear("courses_enrollment", "operator_id")
        cursor.execute(
            "DELETE FROM certificates_certificate WHERE operator_id IN "
            "(SELECT id FROM skala_users)"
        )
        cursor.execute(
            "DELETE FROM portal_publishevent WHERE user_id IN (SELECT id FROM skala_users) "
            "OR page_title LIKE %s",
            [PUBLISH_MARK + "%"],
        )
        for table in (
            "accounts_user_groups",
            "accounts_user_user_permissions",
            "accounts_user_kecamatan_scope",
            "wagtailusers_userprofile",
        ):
            cursor.execute(
                f"DELETE FROM {table} WHERE user_id IN (SELECT id FROM skala_users)"  # noqa: S608
            )
        cursor.execute(
            "DELETE FROM accounts_user WHERE id IN (SELECT id FROM skala_users)"
        )

    # -- courses ---------------------------------------------------------------------

    def _courses(self, extra):
        # Imported here: project and app models load only after django.setup().
        from courses.factories import build_course
        from courses.models import CoursePage, LessonPage, ModulePage, QuizPage

        self.courses = []
        for n, title in enumerate([MAIN_TITLE, *EXTRA_TITLES[:extra]]):
            slug = title.lower().replace(" ", "-")
            course = CoursePage.objects.filter(slug=slug).first()
            if course is None:
                course = build_course(
                    title=title, modules=MODULES, lessons_per_module=LESSONS_PER_MODULE
                )
            CoursePage.objects.filter(pk=course.pk).update(
                grants_publishing_rights=(n == 0)
            )
            modules = []
            for module in ModulePage.objects.child_of(course).order_by("path"):
                lessons = list(
                    LessonPage.objects.child_of(module)
                    .order_by("path")
                    .values_list("pk", flat=True)
                )
                quiz = QuizPage.objects.child_of(module).values_list("pk", flat=True)
                modules.append((lessons, quiz.first()))
            if [len(lessons) for lessons, _quiz in modules] != [
                LESSONS_PER_MODULE
            ] * MODULES or not all(quiz for _lessons, quiz in modules):
                raise SystemExit(
                    f"The course “{title}” exists but is not {MODULES} modules of "
                    f"{LESSONS_PER_MODULE} lessons and a quiz; rename or delete it."
                )
            self.courses.append((course.pk, course.title, modules))
            self.say(
                f"  {title}: {sum(len(lessons) for lessons, _q in modules)} lessons, "
                f"{len(modules)} quizzes"
                + (" (grants publishing rights)" if n == 0 else "")
            )

    # -- desa and operators ----------------------------------------------------------

    def _load_desa(self, limit):
        # Imported here: project and app models load only after django.setup().
        from certificates.models import CertificateTemplate
        from regions.models import Region

        names = dict(
            Region.objects.filter(level__lt=Region.Level.DESA).values_list(
                "code", "name"
            )
        )
        desa = Region.objects.filter(level=Region.Level.DESA).order_by("code")
        if limit:
            desa = desa[:limit]
        self.desa = list(desa.values_list("pk", "code", "name"))
        self.names = names
        self.template_id = (
            CertificateTemplate.objects.filter(kabupaten__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
        if self.template_id is None:
            raise SystemExit("No default certificate template; run migrate.")
        # Each kabupaten a readiness factor, so that dashboards differ.
        kabupaten = sorted({code[:5] for _pk, code, _name in self.desa})
        self.factor = {k: self.rng.uniform(0.4, 1.6) for k in kabupaten}
        self.say(f"  {len(self.desa)} desa in {len(kabupaten)} kabupaten")

    def _operators(self, cursor):
        rng = self.rng
        self.clock = Clock(timezone.now())
        clock = self.clock
        password = make_password(PASSWORD)
        plan = []  # (desa index, n)
        for i, _desa in enumerate(self.desa):
            n = rng.choices(range(5), OPS_WEIGHTS)[0]
            if n:
                plan.append((i, n))
        total = sum(n for _i, n in plan)
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('accounts_user', 'id')) "
            "FROM generate_series(1, %s)",
            [total],
        )
        ids = [row[0] for row in cursor.fetchall()]
        buffers = Buffers(
            cursor,
            {
                "accounts_user": "id, password, is_superuser, username, first_name, "
                "last_name, email, is_staff, is_active, date_joined, role, is_kim, "
                "must_change_password, region_id"
            },
        )
        self.operators = []  # (id, desa index, joined minute, full name, active)
        k = 0
        for i, n in plan:
            pk, code, _name = self.desa[i]
            digits = code.replace(".", "")
            for j in range(n):
                op_id = ids[k]
                k += 1
                first, last = rng.choice(FIRST), rng.choice(LAST)
                joined = clock.now_m - rng.randint(5 * 1440, 720 * 1440)
                active = rng.random() > 0.03
                kim = rng.random() < 0.15
                buffers.add(
                    "accounts_user",
                    f"{op_id}\t{password}\tf\t{PREFIX}{digits}.{j + 1}\t{first}\t{last}"
                    f"\t\tf\t{'t' if active else 'f'}\t{clock.ts(joined)}\toperator"
                    f"\t{'t' if kim else 'f'}\tf\t{pk}\n",
                )
                self.operators.append((op_id, i, joined, f"{first} {last}", active))
        buffers.flush()
        self.say(f"  {total} operators in {len(plan)} desa")

    # -- progress and the rest -------------------------------------------------------

    def _course_progress(self, buffers, op_id, course, start, stage, k=0):
        """Write one operator's progress in one course; return (completed at, last)."""
        rng, clock = self.rng, self.clock
        course_id, _title, modules = course
        if stage == "zero":
            if rng.random() < 0.5:
                buffers.add(
                    "courses_enrollment",
                    f"{clock.ts(start)}\t\\N\t\\N\t{course_id}\t\\N\t{op_id}\n",
                )
            return None, start
        lessons = MODULES * LESSONS_PER_MODULE if stage in ("done", "lessons") else k
        t = start
        done = 0
        last_page = None
        completed = None
        for m, (lesson_ids, quiz_id) in enumerate(modules, start=1):
            for lesson_id in lesson_ids:
                if done >= lessons:
                    break
                t += rng.randint(5, 2 * 1440)
                done += 1
                last_page = lesson_id
                buffers.add(
                    "courses_lessonprogress",
                    f"{clock.ts(t)}\t{course_id}\t{lesson_id}\t{op_id}\n",
                )
            if done < m * LESSONS_PER_MODULE:
                break
            # The module's lessons are done: its quiz.
            # Passed when the course was completed or the operator went on to the next
            # module; stopped right at the quiz: 0-2 failed attempts.
            passes = stage == "done" or done > m * LESSONS_PER_MODULE
            attempts = (
                1 + (rng.random() < 0.3) + (rng.random() < 0.1)
                if passes
                else rng.choice((0, 1, 1, 2))
            )
            for number in range(1, attempts + 1):
                passed = passes and number == attempts
                score = rng.randint(70, 100) if passed else rng.randint(20, 69)
                t += rng.randint(1, 240)
                submitted = t + rng.randint(3, 20)
                buffers.add(
                    "courses_quizattempt",
                    f"{number}\tgraded\t{clock.ts(t)}\t\\N\t{clock.ts(submitted)}\tf"
                    f"\t{score}.00\t{'t' if passed else 'f'}\t[]\t70\t{course_id}"
                    f"\t{op_id}\t{quiz_id}\n",
                )
                t = submitted
            if m == MODULES and stage == "done":
                completed = t
        buffers.add(
            "courses_enrollment",
            f"{clock.ts(start)}\t{clock.ts(t)}\t"
            f"{clock.ts(completed) if completed else chr(92) + 'N'}\t{course_id}"
            f"\t{last_page or chr(92) + 'N'}\t{op_id}\n",
        )
        return completed, t

    def _activity(self, cursor):
        rng, clock = self.rng, self.clock
        buffers = Buffers(
            cursor,
            {
                "courses_lessonprogress": "completed_at, course_id, lesson_id, operator_id",
                "courses_quizattempt": "number, status, started_at, deadline, "
                "submitted_at, timed_out, score, passed, snapshot, pass_mark, "
                "course_id, operator_id, quiz_id",
                "courses_enrollment": "started_at, last_seen_at, completed_at, "
                "course_id, last_page_id, operator_id",
                "certificates_certificate": "number, token, short_code, status, "
                "issued_at, valid_until, issue_reason, ended_at, end_reason, "
                "holder_name, desa_name, kecamatan_name, kabupaten_name, desa_code, "
                "course_title, pdf, course_id, operator_id, template_id, lift_reason",
                "portal_publishevent": "page_title, published_at, desa_id, user_id",
            },
        )
        main, extras = self.courses[0], self.courses[1:]
        by_desa = {}
        for op in self.operators:
            by_desa.setdefault(op[1], []).append(op)
        seq = 0
        for i, (desa_id, code, desa_name) in enumerate(self.desa):
            ops = by_desa.get(i, [])
            factor = self.factor[code[:5]]
            # Certificates for about a third of all desa (0.37 of those with operators).
            certified_desa = bool(ops) and rng.random() < min(0.95, 0.37 * factor)
            certified_ops = []
            trained = False
            for n, (op_id, _i, joined, full_name, _active) in enumerate(ops):
                r = rng.random()
                if certified_desa and n == 0:
                    stage = "done"
                elif r < 0.15 / factor**0.5:
                    stage = "zero"
                elif r < 0.55:
                    stage = "partial"
                elif r < 0.75:
                    stage = "lessons"
                else:
                    stage = "done"
                start = joined + rng.randint(0, 30 * 1440)
                k = rng.randint(1, MODULES * LESSONS_PER_MODULE - 1)
                completed, last = self._course_progress(
                    buffers, op_id, main, start, stage, k
                )
                if completed is not None:
                    trained = True
                    if certified_desa or rng.random() < 0.2:
                        seq += 1
                        valid = certified_desa
                        issued = completed + rng.randint(1, 60)
                        day = clock.date(issued)
                        try:
                            until = day.replace(year=day.year + 2)
                        except ValueError:  # 29 February
                            until = day.replace(year=day.year + 2, day=28)
                        short = "".join(
                            CODE_ALPHABET[(seq // 26**p) % 26] for p in range(9)
                        )
                        ended = (
                            "\\N"
                            if valid
                            else clock.ts(issued + rng.randint(1440, 200 * 1440))
                        )
                        buffers.add(
                            "certificates_certificate",
                            f"SKALA/{code[:5]}/{day.year}/{seq:07d}\tskala-{seq:010d}"
                            f"\t9{short}\t{'valid' if valid else 'revoked'}"
                            f"\t{clock.ts(issued)}\t{until.isoformat()}\t\t{ended}"
                            f"\t{'' if valid else 'Sintetis: dicabut'}\t{esc(full_name)}"
                            f"\t{esc(desa_name)}\t{esc(self.names.get(code[:8], ''))}"
                            f"\t{esc(self.names.get(code[:5], ''))}\t{code}"
                            f"\t{esc(main[1])}\t\t{main[0]}\t{op_id}\t{self.template_id}\t\n",
                        )
                        if valid:
                            certified_ops.append(op_id)
                # The further courses, more likely for those who went further.
                p_extra = {"done": 0.85, "lessons": 0.65, "partial": 0.4}.get(
                    stage, 0.05
                )
                for course in extras:
                    if rng.random() < p_extra:
                        extra_stage = "done" if rng.random() < 0.45 else "partial"
                        self._course_progress(
                            buffers,
                            op_id,
                            course,
                            last + rng.randint(0, 20 * 1440),
                            extra_stage,
                            rng.randint(1, MODULES * LESSONS_PER_MODULE - 1),
                        )
            # Publish history: mostly desa with certified operators; many never.
            p_publish = 0.85 if certified_ops else (0.15 if trained else 0.02)
            if rng.random() < p_publish:
                r = rng.random()
                if r < 0.35:
                    age = rng.randint(0, 30 * 1440)
                elif r < 0.65:
                    age = rng.randint(31 * 1440, 90 * 1440)
                else:
                    age = rng.randint(91 * 1440, 365 * 1440)
                latest = clock.now_m - age
                users = certified_ops or [op[0] for op in ops] or [None]
                count = 1 + min(int(rng.expovariate(1 / 5)), 40)
                for e in range(count):
                    at = latest if e == 0 else latest - rng.randint(0, 365 * 1440)
                    user = rng.choice(users)
                    buffers.add(
                        "portal_publishevent",
                        f"{PUBLISH_MARK}Berita desa {e + 1}\t{clock.ts(at)}\t{desa_id}"
                        f"\t{user if user else chr(92) + 'N'}\n",
                    )
        buffers.flush()
        self.say(f"  COPY time {buffers.copy_seconds:.1f} s of the step")
        return dict(buffers.rows)

    # -- snapshot history ------------------------------------------------------------

    def _history(self, months, *, replace=False):
        """Make up monthly snapshots before this month: for months without any, or
        (with --reset) replacing those months."""
        # Imported here: project and app models load only after django.setup().
        from readiness.models import Snapshot

        rng = self.rng
        this_month = timezone.localdate().replace(day=1)
        current = list(
            Snapshot.objects.filter(month=this_month).values_list(
                "desa_id", "kabupaten_code", "level", "activity"
            )
        )
        done = []
        month = this_month
        speed = {desa_id: (rng.random(), rng.random()) for desa_id, *_rest in current}
        for back in range(1, months + 1):
            month = (month - dt.timedelta(days=1)).replace(day=1)
            if replace:
                Snapshot.objects.filter(month=month).delete()
            elif Snapshot.objects.filter(month=month).exists():
                continue
            buffer = io.StringIO()
            for desa_id, kabupaten, level, activity in current:
                rate, offset = speed[desa_id]
                past = max(0, level - int(back * rate * 0.35 + offset))
                buffer.write(
                    f"{month.isoformat()}\t{desa_id}\t{kabupaten}\t{past}\t"
                    f"{activity if past >= 3 else 'tidak_aktif'}\n"
                )
            buffer.seek(0)
            with connection.cursor() as cursor:
                cursor.copy_expert(
                    "COPY readiness_snapshot (month, desa_id, kabupaten_code, level, "
                    "activity) FROM STDIN",
                    buffer,
                )
            done.append(month.strftime("%Y-%m"))
        return ", ".join(done) or "none"


if __name__ == "__main__":
    main()
