"""Two app servers, one PostgreSQL, one Redis, one task worker: nothing lives in a server.

What it shows, with two gunicorn instances (A and B, 2 sync workers each, production
settings) on two ports of 127.0.0.1, sharing the database and Redis, and one
`manage.py db_worker`:

  (a) sessions: an operator who signs in on A is signed in on B with the same session
      cookie (cached_db sessions in Redis and PostgreSQL); signing out on B signs
      them out on A;
  (b) cache: the certificate check /sertifikat/cek/ allows 10 lookups a minute per
      address; 6 on A and 5 on B make the 11th a 429 (the counter is in Redis);
  (c) background tasks: operator.mekarjaya completes the demo course over HTTP,
      lessons and quizzes alternating between A and B; the last submit issues the
      certificate, whose PDF task is done by the one worker exactly once (one
      django_tasks_db row, SUCCESSFUL, claimed by one worker id); the PDF is then
      downloaded from both A and B (shared media storage), and downloading does not
      queue the task again.

Run from the project root (~2-3 minutes, most of it migrate and collectstatic):

  .venv/bin/pip install -r requirements-bench.txt
  .venv/bin/python bench/two_servers.py

It drops and creates the PostgreSQL database literasi_two (127.0.0.1:5432, user
postgres), flushes Redis db 14, runs migrate, compilemessages, load_demo and
collectstatic with DJANGO_SETTINGS_MODULE=lms.settings.production (only
DJANGO_SECURE_SSL_REDIRECT=0 for plain HTTP on the loopback; Secure cookies are sent
back by the client itself, see harness.cookie_header), starts the servers, prints
PASS/FAIL lines, stops everything, drops the database (unless --keep-db) and exits
1 if a check fails. Logs: bench/results/two_servers/.
"""

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import django
import harness
import redis
from django.db import connection
from harness import ROOT, Checks

sys.path.insert(0, str(ROOT))

REDIS_DB = 14
WORKER_ID = "bench-two-servers-worker"
OPERATOR = "operator.mekarjaya"
COURSE_SLUG = "operator-website-desa-dasar"
UNKNOWN_CODE = "ACDEFGHJKM"  # well-formed, issued to nobody


class Browser:
    """One person's cookie jar, used against either server."""

    def __init__(self, servers):
        self.servers = servers
        self.session = requests.Session()
        self.log = []

    def csrf(self):
        return self.session.cookies.get("csrftoken", "")

    def request(self, method, server, path, expect, **kwargs):
        url = self.servers[server] + path
        headers = {"Cookie": harness.cookie_header(self.session.cookies)}
        resp = self.session.request(
            method, url, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        self.log.append((server, method, path, resp.status_code))
        if expect and resp.status_code not in expect:
            raise AssertionError(f"{method} {server}{path}: HTTP {resp.status_code}")
        return resp

    def get(self, server, path, expect=(200,), **kwargs):
        return self.request("GET", server, path, expect, **kwargs)

    def post(self, server, path, data=None, expect=(302,)):
        return self.request(
            "POST",
            server,
            path,
            expect,
            data={"csrfmiddlewaretoken": self.csrf(), **(data or {})},
        )

    def login(self, server, username):
        self.get(server, "/akun/masuk/")
        self.post(
            server,
            "/akun/masuk/",
            {"username": username, "password": harness.DEMO_PASSWORD},
        )


def location(resp):
    return resp.headers["Location"]


def answers_for(quiz):
    # Imported here: project and app models load only after django.setup().
    from courses import grading
    from courses.factories import correct_form_values

    quiz.questions_per_attempt = None  # in memory only: every question, not a draw
    return {q["id"]: correct_form_values(q) for q in grading.snapshot_questions(quiz)}


def complete_course(browser, course):
    """Every lesson done and every quiz passed over HTTP, alternating A and B."""
    # Imported here: project and app models load only after django.setup().
    from courses.selectors import course_outline

    turn = 0
    last_submit = None
    for module in course_outline(course).modules:
        for lesson in module.lessons:
            browser.post("AB"[turn % 2], f"/kursus/pelajaran/{lesson.pk}/selesai/")
            turn += 1
        quiz = module.quiz.specific
        correct = answers_for(quiz)
        url = location(browser.post("AB"[turn % 2], f"/kursus/kuis/{quiz.pk}/mulai/"))
        for _ in range(len(correct) + 1):
            turn += 1
            server = "AB"[turn % 2]
            page = browser.get(server, url).text
            question_id = re.search(r'name="question_id" value="([^"]+)"', page).group(
                1
            )
            url = location(
                browser.post(
                    server,
                    url,
                    {
                        "question_id": question_id,
                        "answer": correct[question_id],
                        "go": "next",
                    },
                )
            )
            if "/periksa/" in url:
                break
        turn += 1
        last_submit = "AB"[turn % 2]
        result = location(browser.post(last_submit, url))
        browser.get("AB"[(turn + 1) % 2], result)
    return last_submit


def wait_for(predicate, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        connection.close()
        time.sleep(0.3)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="literasi_two")
    parser.add_argument("--workers", type=int, default=2, help="per server")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    wall = time.monotonic()
    harness.print_machine("Two app servers, one PostgreSQL, one Redis, one worker")
    run_dir = harness.RESULTS / "two_servers"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    ports = {"A": harness.free_port(), "B": harness.free_port()}
    servers = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    env = harness.production_env(
        db_name=args.db,
        redis_db=REDIS_DB,
        media_root=run_dir / "media",
        base_url=",".join(servers.values()),
    )
    env["WAGTAILADMIN_BASE_URL"] = servers["A"]
    os.environ.update(env)
    check, procs, timings = Checks(), {}, {}
    django_ready = False
    try:
        started = time.monotonic()
        harness.set_up_site(
            db_name=args.db, redis_db=REDIS_DB, env=env, log=run_dir / "setup.log"
        )
        timings["setup_s"] = round(time.monotonic() - started, 1)

        django.setup()
        django_ready = True
        # Imported here: project and app models load only after django.setup().
        from django_tasks_db.models import DBTaskResult

        from certificates.models import Certificate
        from courses.models import CoursePage

        procs["worker"] = harness.db_worker(
            env=env, log=run_dir / "worker.log", worker_id=WORKER_ID
        )
        for name, port in ports.items():
            procs[name] = harness.gunicorn(
                port,
                env=env,
                log=run_dir / f"gunicorn_{name}.log",
                workers=args.workers,
            )
        for url in servers.values():
            harness.wait_http(url + "/akun/masuk/")
        wait_for(lambda: not DBTaskResult.objects.filter(status="READY").exists(), 300)
        timings["start_s"] = round(time.monotonic() - started - timings["setup_s"], 1)
        print(
            f"   setup {timings['setup_s']} s; server A {servers['A']} (pid "
            f"{procs['A'].pid}), server B {servers['B']} (pid {procs['B'].pid}), "
            f"-w {args.workers} each; one db_worker (id {WORKER_ID}); "
            f"PostgreSQL db {args.db}, Redis db {REDIS_DB}"
        )
        print()

        # (a) One session, two servers --------------------------------------------
        print("(a) sessions")
        operator = Browser(servers)
        operator.login("A", OPERATOR)
        cookie = operator.session.cookies.get("sessionid", "")
        on_a = operator.get("A", "/kursus/saya/", expect=None)
        on_b = operator.get("B", "/kursus/saya/", expect=None)
        stranger = Browser(servers).get("B", "/kursus/saya/", expect=None)
        check(
            "signed in on A => signed in on B with the same session cookie",
            cookie
            and on_a.status_code == on_b.status_code == 200
            and "/akun/keluar/" in on_b.text  # the sign-out button: a signed-in page
            and "Operator Website Desa" in on_b.text,  # their course card
            f"sessionid {cookie[:8]}…; /kursus/saya/ on A {on_a.status_code}, "
            f"on B {on_b.status_code}; without the cookie on B {stranger.status_code} "
            f"→ {stranger.headers.get('Location', '')}",
        )

        store = redis.Redis(host=harness.REDIS_HOST, db=REDIS_DB)
        in_redis = [k.decode() for k in store.keys(f"*{cookie}*")] if cookie else []
        check(
            "the session is in the shared Redis",
            bool(in_redis),
            ", ".join(in_redis)[:100],
        )

        # (b) One rate limit, two servers ------------------------------------------
        print("(b) cache: 10 certificate lookups per minute per address")
        anyone = Browser(servers)
        statuses = [
            (
                server,
                anyone.get(
                    server, f"/sertifikat/cek/?kode={UNKNOWN_CODE}", expect=None
                ),
            )
            for server in ["A"] * 6 + ["B"] * 5
        ]
        codes = [resp.status_code for _server, resp in statuses]
        counter = [
            (k.decode(), store.get(k).decode())
            for k in store.keys("*ratelimit:certificate-lookup*")
        ]
        check(
            "6 lookups on A + 5 on B: the first 10 are answered, the 11th (on B) is 429",
            all(c != 429 for c in codes[:10]) and codes[10] == 429,
            "A "
            + " ".join(map(str, codes[:6]))
            + " | B "
            + " ".join(map(str, codes[6:])),
        )
        check(
            "the counter is one key in the shared Redis",
            len(counter) == 1,
            f"{counter}",
        )

        # (c) One worker, two servers ----------------------------------------------
        print("(c) certificate PDF task")
        course = CoursePage.objects.get(slug=COURSE_SLUG)
        started = time.monotonic()
        submitted_on = complete_course(operator, course)
        timings["course_over_http_s"] = round(time.monotonic() - started, 1)
        certs = list(
            Certificate.objects.filter(operator__username=OPERATOR, course=course)
        )
        check(
            "completing the course over HTTP issued one certificate",
            len(certs) == 1,
            f"{len(certs)} certificate(s); {len(operator.log)} requests, "
            f"{sum(1 for s, *_ in operator.log if s == 'A')} on A and "
            f"{sum(1 for s, *_ in operator.log if s == 'B')} on B, "
            f"the last submit on {submitted_on}, {timings['course_over_http_s']} s",
        )
        if certs:
            cert = certs[0]

            def rendered():
                cert.refresh_from_db()
                return bool(cert.pdf)

            waited = wait_for(rendered, 90)
            rows = list(
                DBTaskResult.objects.filter(
                    task_path__endswith="render_certificate_pdf",
                    args_kwargs__args=[cert.pk],
                )
            )
            check(
                "the worker rendered the PDF",
                waited is not None,
                f"{cert.pdf.name} within {waited and round(waited, 1)} s",
            )
            check(
                "its task ran exactly once, by the one worker",
                len(rows) == 1
                and rows[0].status == "SUCCESSFUL"
                and rows[0].worker_ids == [WORKER_ID],
                "; ".join(
                    f"task {r.id}: {r.status}, worker_ids {r.worker_ids}, "
                    f"ran {(r.finished_at - r.started_at).total_seconds():.2f} s"
                    for r in rows
                    if r.finished_at and r.started_at
                )
                or f"{len(rows)} rows",
            )
            pdf_a = operator.get("A", f"/sertifikat/{cert.pk}/unduh/", expect=None)
            pdf_b = operator.get("B", f"/sertifikat/{cert.pk}/unduh/", expect=None)
            check(
                "the PDF downloads from A and from B, the same file",
                pdf_a.status_code == pdf_b.status_code == 200
                and pdf_a.content.startswith(b"%PDF")
                and pdf_a.content == pdf_b.content,
                f"A {pdf_a.status_code} {len(pdf_a.content)} B, "
                f"B {pdf_b.status_code} {len(pdf_b.content)} B",
            )
            again = DBTaskResult.objects.filter(
                task_path__endswith="render_certificate_pdf",
                args_kwargs__args=[cert.pk],
            ).count()
            check(
                "downloading did not queue it again", again == 1, f"{again} task row(s)"
            )
            public = Browser(servers).get(
                "B", f"/sertifikat/v/{cert.token}/", expect=None
            )
            check(
                "the public check page of the certificate answers on B",
                public.status_code == 200 and cert.number in public.text,
                f"{cert.number}: HTTP {public.status_code}",
            )

        # (a, continued) Signing out on B signs out on A ----------------------------
        operator.post("B", "/akun/keluar/")
        after = operator.get("A", "/kursus/saya/", expect=None)
        check(
            "signed out on B => signed out on A",
            after.status_code == 302
            and "/akun/masuk/" in after.headers.get("Location", ""),
            f"/kursus/saya/ on A {after.status_code} → {after.headers.get('Location', '')}",
        )
        text = "".join(
            (run_dir / f"gunicorn_{n}.log").read_text(errors="replace") for n in "AB"
        )
        tracebacks = text.count("Traceback (most recent call last)")
        check("no traceback in either server's log", tracebacks == 0, f"{tracebacks}")
        connection.close()
    except (AssertionError, KeyError, AttributeError) as exc:
        check("the HTTP flow ran", False, f"{type(exc).__name__}: {exc}")
    finally:
        t = time.monotonic()
        for name in ("A", "B", "worker"):
            harness.stop(procs.get(name))
        timings["stop_s"] = round(time.monotonic() - t, 1)
        if django_ready:
            connection.close()
        t = time.monotonic()
        if not args.keep_db:
            harness.drop_database(args.db)
        harness.flush_redis(REDIS_DB)
        shutil.rmtree(run_dir / "media", ignore_errors=True)
        shutil.rmtree(run_dir / "private-media", ignore_errors=True)
        timings["cleanup_s"] = round(time.monotonic() - t, 1)
    timings["total_s"] = round(time.monotonic() - wall, 1)
    harness.write_json(
        run_dir / "summary.json", {"checks": check.results, "timings": timings}
    )
    print(f"\n   timings: {timings}")
    if check.failed:
        print(f"FAILED: {len(check.failed)} check(s)")
        sys.exit(1)
    print("ALL CHECKS PASSED")


if __name__ == "__main__":
    main()
