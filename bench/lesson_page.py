"""Server time and queries of the learning pages against a plain Wagtail page.

Target (issue #12): the lesson page costs at most 1.2x a plain Wagtail page with the
same body blocks and the same base template, in the same run; the lesson page's
query count is the same for a course of 3 lessons and one of 30 lessons in ONE module.

The baseline. The project has no page type but the lesson with a StreamField body, so
the bench installs its own: `benchpages.PlainPage` (bench/benchpages/, installed only
by bench/benchpages/settings.py, never by the site), a Wagtail page with the lesson's
`LessonBodyBlock` body, Wagtail's own `serve`/`get_context`, and a template that
extends the site's base.html and renders the title and the body as the lesson
template does. It sits right under the home page, where a site's plain pages sit.

What it does:
  1. creates a throwaway database with Django's test-database machinery (SQLite in
     memory by default; with DATABASE_URL=postgres://... a `test_<name>` database on
     that server, dropped at the end) and migrates it;
  2. builds a course of 1 module with 3 lessons and a quiz, a course of 1 module with
     30 lessons and a quiz, and the plain page; every lesson and the plain page carry
     the body of the second demo lesson (courses/demo/1-mengenal-portal-desa.json:
     text, steps, text, warning, checklist); an operator (signed in with
     django.test.Client.force_login) who finished the first lesson of each course;
  3. per case: --warmup requests, then --runs timed requests, interleaved round-robin
     with the other cases (A B C ... A B C ...) so background load falls on all alike;
     time around client.get: the whole Django request, middleware, session, queries,
     template rendering; no network. Median and p95 (nearest rank) of wall time, and
     the median CPU time of this process (less affected by other load);
  4. then one request per case (per URL) under CaptureQueriesContext, after one
     pass over the case's URLs: the query count.

Cases: the plain page; a lesson of the 3-lesson course, opened again (the visit is
already recorded); lessons 2 and 3 of another 3-lesson course in turn (each view
moves the "continue here" mark: the visit is written); a lesson of the 30-lesson module; the
course page; the quiz page; "Kursus saya".

Run from the project root:  .venv/bin/python bench/lesson_page.py [--runs 200]
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/lesson_db .venv/bin/python bench/lesson_page.py
Prints a table, writes bench/results/lesson_page.json, exits 1 if a target fails.
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ["DJANGO_SETTINGS_MODULE"] = "benchpages.settings"

import django  # noqa: E402

django.setup()

import harness  # noqa: E402  (next to this script)
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import Site  # noqa: E402

TARGET_RATIO = 1.2
DEMO_LESSON = ROOT / "courses" / "demo" / "1-mengenal-portal-desa.json"


def demo_body():
    return json.loads(DEMO_LESSON.read_text())["lessons"][1]["body"]


def course_outline_dict(title, lessons, body):
    from courses.factories import QUESTIONS

    return {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "summary": f"Ringkasan {title}.",
        "modules": [
            {
                "title": "Modul 1",
                "slug": "modul-1",
                "lessons": [
                    {
                        "title": f"Pelajaran {n}",
                        "slug": f"pelajaran-{n}",
                        "summary": "Ringkasan pelajaran.",
                        "body": body,
                    }
                    for n in range(1, lessons + 1)
                ],
                "quiz": {"title": "Kuis", "slug": "kuis", "questions": QUESTIONS},
            }
        ],
    }


def build(body):
    """The courses, the plain page and a signed-in operator; returns the cases."""
    from benchpages.models import PlainPage

    from accounts.models import User
    from courses import services
    from courses.factories import build_course_tree
    from courses.models import LessonPage, QuizPage

    small = build_course_tree(course_outline_dict("Tiga Pelajaran", 3, body))
    # Its own course, so that moving between lessons leaves the reload case's mark.
    other = build_course_tree(course_outline_dict("Tiga Pelajaran Lain", 3, body))
    large = build_course_tree(course_outline_dict("Tiga Puluh Pelajaran", 30, body))
    home = Site.objects.get(is_default_site=True).root_page
    plain = home.add_child(
        instance=PlainPage(title="Pelajaran", slug="halaman-polos", body=body)
    )
    operator = User.objects.create_user(
        username="bench.operator", password=None, role=User.Role.OPERATOR
    )
    small_lessons = list(LessonPage.objects.descendant_of(small).order_by("path"))
    large_lessons = list(LessonPage.objects.descendant_of(large).order_by("path"))
    other_lessons = list(LessonPage.objects.descendant_of(other).order_by("path"))
    for course, first in (
        (small, small_lessons[0]),
        (large, large_lessons[0]),
        (other, other_lessons[0]),
    ):
        services.complete_lesson(operator=operator, lesson=first, course=course)
    quiz = QuizPage.objects.descendant_of(small).get()
    client = Client()
    client.force_login(operator)
    moving = [other_lessons[1].url, other_lessons[2].url]
    return client, {
        "plain page": [plain.url],
        "lesson, 3 lessons (reload)": [small_lessons[1].url],
        "lesson, 3 lessons (next: writes the visit)": moving,
        "lesson, 30 lessons in 1 module": [large_lessons[14].url],
        "course page": [small.url],
        "quiz page": [quiz.url],
        "Kursus saya": [reverse("courses:my_courses")],
    }


def measure(client, cases, warmup, runs):
    wall = {name: [] for name in cases}
    cpu = {name: [] for name in cases}
    for rnd in range(warmup + runs):
        for name, urls in cases.items():
            url = urls[rnd % len(urls)]
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed, cpu_used = (
                time.perf_counter() - start,
                time.process_time() - cpu_start,
            )
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            if rnd >= warmup:
                wall[name].append(elapsed * 1000)
                cpu[name].append(cpu_used * 1000)
    queries = {}
    for name, urls in cases.items():
        counts = []
        # One pass first, so the reload case is a reload (a visit's time is
        # rewritten every 5 minutes, which the timed loop may have outlasted).
        for url in urls:
            client.get(url)
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            counts.append(len(ctx.captured_queries))
        queries[name] = max(counts)
    rows = {}
    for name in cases:
        ms = sorted(wall[name])
        rows[name] = {
            "median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(harness.nearest_rank(ms, 95), 2),
            "cpu_median_ms": round(statistics.median(cpu[name]), 2),
            "queries": queries[name],
        }
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=200, help="timed samples per case")
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()

    cpu_model, memory_gib = harness.cpu_and_memory()
    vendor = connection.vendor
    info = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu_model,
        "memory_gib": memory_gib,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "database": vendor,
    }
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        client, cases = build(demo_body())
        rows = measure(client, cases, args.warmup, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    plain = rows["plain page"]
    ratios = {
        name: round(row["median_ms"] / plain["median_ms"], 2)
        for name, row in rows.items()
    }
    cpu_ratios = {
        name: round(row["cpu_median_ms"] / plain["cpu_median_ms"], 2)
        for name, row in rows.items()
    }
    print(f"Lesson page against a plain Wagtail page -- {info['date']}")
    print(
        f"{info['nproc']} CPU(s), {info['cpu']}; load {info['loadavg_at_start']}; "
        f"Python {info['python']}, Django {info['django']}, Wagtail {info['wagtail']}; "
        f"{vendor}"
    )
    print(
        f"{args.runs} timed requests per case after {args.warmup} warm-up, interleaved\n"
    )
    harness.table(
        ["case", "median ms", "p95 ms", "CPU ms", "x plain", "x plain CPU", "queries"],
        [
            [
                name,
                f"{row['median_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                f"{row['cpu_median_ms']:.1f}",
                f"{ratios[name]:.2f}",
                f"{cpu_ratios[name]:.2f}",
                row["queries"],
            ]
            for name, row in rows.items()
        ],
    )
    print("(x plain: median / the plain page's median, same run; CPU: this process)\n")
    checks = harness.Checks()
    for name in (
        "lesson, 3 lessons (reload)",
        "lesson, 3 lessons (next: writes the visit)",
        "lesson, 30 lessons in 1 module",
    ):
        checks(
            f"{name} <= {TARGET_RATIO}x plain page",
            ratios[name] <= TARGET_RATIO,
            f"{ratios[name]:.2f}x",
        )
    small, large = (
        rows["lesson, 3 lessons (reload)"]["queries"],
        rows["lesson, 30 lessons in 1 module"]["queries"],
    )
    checks(
        "lesson queries equal for 3 and 30 lessons", small == large, f"{small}, {large}"
    )
    result = {
        "machine": info,
        "runs": args.runs,
        "warmup": args.warmup,
        "cases": rows,
        "ratio_to_plain": ratios,
        "cpu_ratio_to_plain": cpu_ratios,
        "checks": checks.results,
    }
    out = harness.RESULTS / "lesson_page.json"
    harness.write_json(out, result)
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
