"""Server time and query counts of the readiness dashboard on a national dataset.

Targets (issue #12): p95 of the kabupaten views (kabupaten dashboard, kecamatan desa
lists of the largest kabupaten and kecamatan, desa page) under 300 ms, the national
rollup under 1 s, also while 100 kabupaten use their own activity windows; no
dashboard page over 150 KB of HTML (150,000 bytes); the number of queries of each view
independent of the number of desa.

What it does:
  1. DATABASE_URL (default postgres://postgres@127.0.0.1:5432/literasi_scale; must be
     PostgreSQL): creates the database if missing, migrates, and runs
     bench/seed_scale.py when it holds no synthetic data (or `--seed`: seed again
     from scratch with --reset);
  2. Django in-process (DJANGO_SETTINGS_MODULE defaults to lms.settings.test), a
     superuser and a Diskominfo admin of the largest kabupaten (by desa count),
     created if missing, signed in with django.test.Client.force_login;
  3. per view: 3 warm-up requests, then --runs (default 200) timed requests, interleaved with the
     other views' (time around client.get: the whole Django request, middleware,
     queries and template rendering; no network); p50/p95/max, and the CPU time of
     this process (shows how much of the wall time was waiting when the machine is
     shared); then one request under CaptureQueriesContext for the query count and
     the database time;
  4. the same view for the smallest region of its kind, to show the query count does
     not grow with the number of desa;
  5. the national and kabupaten views again while 100 kabupaten (the largest among
     them) have their own activity windows (`--custom-windows N`, 0 skips it).

Run from the project root:  .venv/bin/python bench/readiness_dashboard.py [--seed]
Exit status 1 if a target is missed (time or HTML size) or a query count differs. Results also go to
bench/results/readiness_dashboard.json. `--explain` prints EXPLAIN ANALYZE of the
slowest queries of each view; `--wait-idle 600` first waits up to 10 minutes for the
load average to drop below the number of cores (a shared machine skews wall times).
"""

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import django
import harness  # next to this script
import psycopg2
import seed_scale  # next to this script
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/literasi_scale"
SUPERUSER = "bench.superuser"
DISKOMINFO = "bench.diskominfo"
MAX_HTML_BYTES = 150_000  # no dashboard page over 150 KB of HTML


def ensure_database(url):
    """Create the database named in the URL if it does not exist."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    conn = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")
    conn.close()


def percentile(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def machine_info():
    cpu, memory_gib = harness.cpu_and_memory()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
        settings = {}
        for name in (
            "shared_buffers",
            "work_mem",
            "max_parallel_workers_per_gather",
            "autovacuum",
        ):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "host": platform.node(),
        "os": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": memory_gib,
        "python": platform.python_version(),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "postgresql": pg,
        **settings,
        "settings_module": os.environ["DJANGO_SETTINGS_MODULE"],
    }


def data_counts():
    tables = {
        "desa": "SELECT count(*) FROM regions_region WHERE level = 4",
        "desa summaries": "SELECT count(*) FROM readiness_desasummary",
        "operators": "SELECT count(*) FROM accounts_user WHERE role = 'operator'",
        "lesson progress": "SELECT count(*) FROM courses_lessonprogress",
        "quiz attempts": "SELECT count(*) FROM courses_quizattempt",
        "enrollments": "SELECT count(*) FROM courses_enrollment",
        "certificates": "SELECT count(*) FROM certificates_certificate",
        "publish events": "SELECT count(*) FROM portal_publishevent",
        "snapshots": "SELECT count(*) FROM readiness_snapshot",
        "snapshot months": "SELECT count(DISTINCT month) FROM readiness_snapshot",
    }
    out = {}
    with connection.cursor() as cursor:
        for label, sql in tables.items():
            cursor.execute(sql)
            out[label] = cursor.fetchone()[0]
    return out


def pick_regions():
    """The largest and smallest kabupaten and kecamatan (by desa), and two desa."""
    # Imported here: project and app models load only after django.setup().
    from readiness.models import DesaSummary
    from regions.models import Region

    def by_size(field, **filters):
        return list(
            DesaSummary.objects.filter(**filters)
            .values(field)
            .annotate(n=Count("pk"))
            .order_by("-n", field)
            .values_list(field, "n")
        )

    kabupaten = by_size("kabupaten_code")
    big_kab, big_kab_n = kabupaten[0]
    small_kab, small_kab_n = kabupaten[-1]
    kec_in_big = by_size("kecamatan_code", kabupaten_code=big_kab)
    kecamatan = by_size("kecamatan_code")
    desa = DesaSummary.objects.filter(kecamatan_code=kec_in_big[0][0])
    busy = desa.order_by("-operators", "-operators_certified", "desa_id").first()
    # The fewest operators, at least one: with none, Django skips the two `operator__in=[]`
    # queries of the desa page altogether.
    few = desa.filter(operators__gt=0).order_by("operators", "desa_id").first()
    codes = dict(
        Region.objects.filter(pk__in=[busy.desa_id, few.desa_id]).values_list(
            "pk", "code"
        )
    )
    return {
        "big_kab": (big_kab, big_kab_n),
        "small_kab": (small_kab, small_kab_n),
        "big_kec": kec_in_big[0],
        "biggest_kec": kecamatan[0],
        "small_kec": kecamatan[-1],
        "busy_desa": (codes[busy.desa_id], busy.operators),
        "few_desa": (codes[few.desa_id], few.operators),
    }


def ensure_users(big_kab_code):
    # Imported here: project and app models load only after django.setup().
    from accounts.models import User
    from accounts.services import assign_role_groups
    from regions.models import Region

    superuser, _created = User.objects.get_or_create(
        username=SUPERUSER,
        defaults={"is_superuser": True, "is_staff": True, "first_name": "Bench"},
    )
    kabupaten = Region.objects.get(code=big_kab_code)
    admin, created = User.objects.get_or_create(
        username=DISKOMINFO,
        defaults={
            "role": User.Role.ADMIN_KABUPATEN,
            "region": kabupaten,
            "first_name": "Diskominfo",
        },
    )
    if created or admin.region_id != kabupaten.pk:
        admin.region = kabupaten
        admin.role = User.Role.ADMIN_KABUPATEN
        admin.save()
        assign_role_groups(user=admin)
    return superuser, admin


def fetch(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return response


def time_views(views, *, warmup, runs):
    """Wall and CPU ms per request for each (client, url), the runs interleaved
    (round-robin) so that a burst of load from elsewhere hits every view alike."""
    for client, url in views:
        for _ in range(warmup):
            fetch(client, url)
    wall = [[] for _ in views]
    cpu = [[] for _ in views]
    for _ in range(runs):
        for i, (client, url) in enumerate(views):
            started, started_cpu = time.perf_counter(), time.process_time()
            fetch(client, url)
            wall[i].append((time.perf_counter() - started) * 1000)
            cpu[i].append((time.process_time() - started_cpu) * 1000)
    return [
        {
            "p50": statistics.median(w),
            "p95": percentile(w, 95),
            "max": max(w),
            "cpu_p50": statistics.median(c),
        }
        for w, c in zip(wall, cpu, strict=True)
    ]


def capture(client, url):
    """Queries of one request (after a warm-up one): count, total and slowest time."""
    fetch(client, url)
    with CaptureQueriesContext(connection) as captured:
        response = fetch(client, url)
    queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    return {
        "url": url,
        "queries": len(queries),
        "db_ms": sum(t for t, _sql in queries),
        "slowest_ms": max((t for t, _sql in queries), default=0),
        "bytes": len(response.content),
        "html": response["Content-Type"].startswith("text/html"),
        "_sql": sorted(queries, reverse=True),
    }


def judge(result, target):
    """PASS/FAIL on the p95 (against `target` ms, None: no target) and, for an HTML
    page, on its size (at most MAX_HTML_BYTES)."""
    result["target"] = target
    result["time_ok"] = target is None or result["p95"] < target
    result["size_ok"] = not result["html"] or result["bytes"] <= MAX_HTML_BYTES
    result["ok"] = result["time_ok"] and result["size_ok"]
    return result


def with_custom_windows(n, big_kab, views, *, warmup, runs):
    """The same views while `n` kabupaten (the largest among them) have their own
    activity windows, as Diskominfo may set them: written in a transaction that is
    rolled back (the in-process client shares the connection, so the views see it)."""
    # Imported here: project and app models load only after django.setup().
    from portal.models import ActivityWindows
    from regions.models import Region

    rng = random.Random(n)
    kabupaten = list(
        Region.objects.filter(level=Region.Level.KABUPATEN)
        .exclude(code=big_kab)
        .order_by("code")
    )
    chosen = [Region.objects.get(code=big_kab), *rng.sample(kabupaten, n - 1)]
    results = []
    with transaction.atomic():
        ActivityWindows.objects.filter(kabupaten__in=chosen).delete()
        ActivityWindows.objects.bulk_create(
            ActivityWindows(
                kabupaten=k,
                active_days=rng.choice([14, 30, 45, 60]),
                less_active_days=rng.choice([90, 120, 180]),
            )
            for k in chosen
        )
        print(f"Timing with {n} kabupaten using their own windows…", flush=True)
        timings = time_views(
            [(client, path) for _label, client, path, _t in views],
            warmup=warmup,
            runs=runs,
        )
        for (label, client, path, target), timing in zip(views, timings, strict=True):
            result = {**capture(client, path), **timing}
            # "Kabupaten dashboard 11.08 (852 desa, Diskominfo)" → "… (Diskominfo)"
            head, _sep, inside = label.partition(" (")
            who = inside.rstrip(")").rpartition(", ")[2]
            result["label"] = f"{head} ({who}), {n} own windows"
            results.append(judge(result, target))
        transaction.set_rollback(True)
    return results


def wait_idle(seconds):
    """Wait up to `seconds` for the 1-minute load average to drop below the cores."""
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + seconds
    while os.getloadavg()[0] >= cores:
        if time.monotonic() >= deadline:
            print(f"  still busy after {seconds} s: measuring anyway.")
            return
        print(f"  waiting for an idle machine (load {os.getloadavg()[0]:.1f})…")
        time.sleep(15)


def explain(sqls):
    with connection.cursor() as cursor:
        for ms, sql in sqls:
            print(f"\n-- {ms:.1f} ms: {sql[:300]}{'…' if len(sql) > 300 else ''}")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            for (line,) in cursor.fetchall():
                print("   ", line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seed", action="store_true", help="seed again (seed_scale.py --reset)"
    )
    parser.add_argument(
        "--runs", type=int, default=200, help="timed runs per view (default 200)"
    )
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--desa-limit", type=int, help="passed to seed_scale.py (a quick run)"
    )
    parser.add_argument(
        "--wait-idle",
        type=int,
        default=0,
        metavar="SECONDS",
        help="first wait up to this long for the load average to drop below the cores",
    )
    parser.add_argument(
        "--custom-windows",
        type=int,
        default=100,
        metavar="N",
        help="also time the national and kabupaten views while N kabupaten have their "
        "own activity windows (rolled back afterwards; 0: skip)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="EXPLAIN ANALYZE the slowest queries of each view",
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit(f"DATABASE_URL must point at PostgreSQL, not {url!r}.")
    ensure_database(url)

    django.setup()

    # Imported here: project and app models load only after django.setup().
    from accounts.models import User

    print(f"Database: {urlsplit(url).hostname}/{urlsplit(url).path.lstrip('/')}")
    call_command("migrate", interactive=False, verbosity=0)
    seeded = User.objects.filter(username__startswith="skala.").exists()
    seed_seconds = None
    if args.seed or not seeded:
        started = time.monotonic()
        seed_scale.seed(reset=seeded, desa_limit=args.desa_limit)
        seed_seconds = time.monotonic() - started
        print(f"Seeded in {seed_seconds:.0f} s.\n")

    info = machine_info()
    counts = data_counts()
    regions = pick_regions()
    superuser, admin = ensure_users(regions["big_kab"][0])
    as_super, as_admin = Client(), Client()
    as_super.force_login(superuser)
    as_admin.force_login(admin)

    base = "/admin/kesiapan/"
    big_kab, big_kab_n = regions["big_kab"]
    small_kab, small_kab_n = regions["small_kab"]
    big_kec, big_kec_n = regions["big_kec"]
    biggest_kec, biggest_kec_n = regions["biggest_kec"]
    small_kec, small_kec_n = regions["small_kec"]
    busy_desa, busy_ops = regions["busy_desa"]
    few_desa, few_ops = regions["few_desa"]
    # (label, client, url, target ms, smallest counterpart url for the query count)
    views = [
        (
            "Baseline: Wagtail admin page /admin/account/ (no target)",
            as_admin,
            "/admin/account/",
            None,
            None,
        ),
        ("National rollup (superuser)", as_super, f"{base}id/", 1000, None),
        (
            f"Kabupaten dashboard {big_kab} ({big_kab_n} desa, Diskominfo)",
            as_admin,
            f"{base}{big_kab}/",
            300,
            None,
        ),
        (
            f"Kabupaten dashboard {big_kab} ({big_kab_n} desa, superuser)",
            as_super,
            f"{base}{big_kab}/",
            300,
            (f"{base}{small_kab}/", f"{small_kab} ({small_kab_n} desa)"),
        ),
        (
            f"Kecamatan desa list {big_kec} ({big_kec_n} desa, Diskominfo)",
            as_admin,
            f"{base}{big_kec}/",
            300,
            None,
        ),
        (
            f"Kecamatan desa list {biggest_kec} ({biggest_kec_n} desa, largest)",
            as_super,
            f"{base}{biggest_kec}/",
            300,
            (f"{base}{small_kec}/", f"{small_kec} ({small_kec_n} desa)"),
        ),
        (
            f"Kabupaten CSV export {big_kab} (superuser)",
            as_super,
            f"{base}{big_kab}/?format=csv",
            300,
            (f"{base}{small_kab}/?format=csv", f"{small_kab}"),
        ),
        (
            f"Desa page {busy_desa} ({busy_ops} operators)",
            as_super,
            f"{base}desa/{busy_desa}/",
            300,
            (f"{base}desa/{few_desa}/", f"{few_desa} ({few_ops} operators)"),
        ),
    ]

    if args.wait_idle:
        wait_idle(args.wait_idle)
    info["load_average_before"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Timing {len(views)} views, {args.runs} runs each, interleaved…", flush=True)
    timings = time_views(
        [(client, path) for _label, client, path, _t, _c in views],
        warmup=args.warmup,
        runs=args.runs,
    )
    results = []
    for (label, client, path, target, counterpart), timing in zip(
        views, timings, strict=True
    ):
        result = {**capture(client, path), **timing}
        result["label"] = label
        judge(result, target)
        if counterpart:
            small = capture(client, counterpart[0])
            result.update(
                small_label=counterpart[1],
                small_queries=small["queries"],
                same_queries=small["queries"] == result["queries"],
            )
        results.append(result)

    if args.custom_windows:
        results += with_custom_windows(
            args.custom_windows,
            big_kab,
            # Every view whose figures depend on the windows (not the baseline, and
            # not the export: the same queries as its page).
            [view[:4] for view in views[1:] if "format=" not in view[2]],
            warmup=args.warmup,
            runs=args.runs,
        )

    info["load_average_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print()
    print(
        "Readiness dashboard, server time per request (django.test.Client, in-process)"
    )
    for key, value in info.items():
        print(f"  {key}: {value}")
    print("  data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"  runs per view: {args.runs} (after {args.warmup} warm-up)")
    print()
    header = (
        f"{'view':<58} {'p50':>5} {'p95':>5} {'max':>5} {'target':>6} {'':4} "
        f"{'cpu':>4} {'queries':>7} {'db ms':>6} {'slowest q':>9} {'KB':>5} {'':4}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        target = f"<{r['target']}" if r["target"] else "-"
        verdict = ("PASS" if r["time_ok"] else "FAIL") if r["target"] else "info"
        size = ("ok" if r["size_ok"] else "FAIL") if r["html"] else "-"
        print(
            f"{r['label']:<58} {r['p50']:5.0f} {r['p95']:5.0f} {r['max']:5.0f} "
            f"{target:>6} {verdict:4} {r['cpu_p50']:4.0f} "
            f"{r['queries']:7d} {r['db_ms']:6.1f} {r['slowest_ms']:9.1f} "
            f"{r['bytes'] / 1000:5.0f} {size:4}"
        )
    print(
        "(ms. p50/p95/max: wall time around client.get, PASS/FAIL on p95; cpu: p50 "
        "CPU time of this Python process (excludes PostgreSQL and waiting);\n"
        " queries, db ms (sum) and slowest query from one extra request; KB: size of "
        f"the response (1 KB = 1,000 bytes), HTML pages at most {MAX_HTML_BYTES:,} bytes)"
    )
    cores = os.cpu_count() or 1
    if max(os.getloadavg()[0], float(info["load_average_before"].split()[0])) > cores:
        print(
            f"WARNING: the machine was busy (load average "
            f"{info['load_average_before']} → {info['load_average_after']} on {cores} "
            "cores): wall times include waiting for a CPU."
        )
    print()
    print("Query count, largest vs smallest region of the same kind:")
    for r in results:
        if "small_label" in r:
            print(
                f"  {r['label']:<58} {r['queries']:3d}  vs  {r['small_label']:<26} "
                f"{r['small_queries']:3d}  {'equal' if r['same_queries'] else 'DIFFERENT'}"
            )

    if args.explain:
        for r in results:
            print(f"\n== {r['label']}: slowest queries")
            explain(r["_sql"][:3])

    failed = [
        f"{r['label']} ({'p95' if not r['time_ok'] else 'HTML size'})"
        for r in results
        if not r["ok"]
    ] + [
        f"{r['label']} (query count)"
        for r in results
        if "small_label" in r and not r["same_queries"]
    ]
    out = ROOT / "bench" / "results" / "readiness_dashboard.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "machine": info,
                "data": counts,
                "seed_seconds": seed_seconds,
                "runs": args.runs,
                "results": [
                    {k: v for k, v in r.items() if not k.startswith("_")}
                    for r in results
                ],
                "failed": failed,
            },
            indent=2,
        )
    )
    print(f"\nResults: {out.relative_to(ROOT)}")
    if failed:
        print("FAILED: " + "; ".join(failed))
        return 1
    print("All targets met; query counts do not depend on the number of desa.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
