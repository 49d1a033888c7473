"""Shared plumbing for the load and fault tests in bench/ (not a test by itself).

Processes it starts run in their own process group and are stopped by group id;
every wait is bounded. All traffic goes to 127.0.0.1 only.
"""

import contextlib
import datetime as dt
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import psycopg2
import psycopg2.errors
import redis

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
PYTHON = sys.executable
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_HOST = "127.0.0.1"
DEMO_PASSWORD = "desa-demo-2026"  # noqa: S105 - the documented demo password


# The machine ---------------------------------------------------------------------


def _pkg(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def cpu_and_memory():
    """The CPU model and the memory in GiB, as Linux reports them."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return cpu, round(mem_kb / 1024 / 1024, 1)


def machine():
    cpu, memory_gib = cpu_and_memory()
    try:
        with psycopg2.connect(dbname="postgres", **PG) as conn, conn.cursor() as cur:
            cur.execute("SHOW server_version")
            pg = cur.fetchone()[0]
        conn.close()
    except Exception as exc:
        pg = f"unreachable ({exc.__class__.__name__})"
    try:
        rv = redis.Redis(host=REDIS_HOST).info("server")["redis_version"]
    except Exception as exc:
        rv = f"unreachable ({exc.__class__.__name__})"
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory_gib": memory_gib,
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "django": _pkg("django"),
        "wagtail": _pkg("wagtail"),
        "gunicorn": _pkg("gunicorn"),
        "locust": _pkg("locust"),
        "django-tasks-db": _pkg("django-tasks-db"),
        "django-redis": _pkg("django-redis"),
        "postgresql": pg,
        "redis": rv,
    }


def print_machine(title):
    info = machine()
    print(f"== {title}")
    print(
        f"   {info['date']} · nproc {info['nproc']} · {info['cpu']} · "
        f"{info['memory_gib']} GiB · load {info['loadavg']}"
    )
    print(
        "   Python {python} · Django {django} · Wagtail {wagtail} · gunicorn {gunicorn}"
        " · locust {locust} · django-tasks-db {django-tasks-db} · django-redis"
        " {django-redis} · PostgreSQL {postgresql} · Redis {redis}".format(**info)
    )
    return info


# Services --------------------------------------------------------------------------


def _drop(cur, name):
    """DROP DATABASE, bounded: on a shared server it waits until every other backend
    has absorbed its "release files" signal (wait event ProcSignalBarrier)."""
    cur.execute("SET statement_timeout = '300s'")
    started = time.monotonic()
    cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return time.monotonic() - started


def recreate_database(name):
    conn = psycopg2.connect(dbname="postgres", **PG)
    conn.autocommit = True
    with conn.cursor() as cur:
        _drop(cur, name)
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def drop_database(name):
    """Drop the run's database; returns seconds, or None if it timed out (left behind)."""
    conn = psycopg2.connect(dbname="postgres", **PG)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            return _drop(cur, name)
    except psycopg2.errors.QueryCanceled:
        print(f"WARNING: DROP DATABASE {name} timed out; the next run drops it")
        return None
    finally:
        conn.close()


def flush_redis(db):
    redis.Redis(host=REDIS_HOST, db=db).flushdb()


def production_env(*, db_name, redis_db, media_root, base_url):
    """Production settings, pointed at this run's database, Redis db and media."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": base_url,
            "WAGTAILADMIN_BASE_URL": base_url,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db_name}",
            "REDIS_URL": f"redis://{REDIS_HOST}:6379/{redis_db}",
            "DJANGO_MEDIA_ROOT": str(media_root),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(Path(media_root).parent / "private-media"),
            # Plain HTTP on the loopback: no redirect to https. Cookies stay Secure;
            # the clients below send them back to 127.0.0.1 on purpose.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, *, env, log, timeout):
    """Run a command to completion (bounded), output appended to `log`."""
    started = time.monotonic()
    with open(log, "a") as out:
        out.write(f"\n$ {' '.join(str(c) for c in cmd)}\n")
        out.flush()
        proc = subprocess.run(
            [str(c) for c in cmd],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    if proc.returncode:
        raise SystemExit(
            f"failed ({proc.returncode}): {' '.join(map(str, cmd))}; see {log}"
        )
    return time.monotonic() - started


def manage(*args, env, log, timeout=600):
    return run([PYTHON, "manage.py", *args], env=env, log=log, timeout=timeout)


def set_up_site(*, db_name, redis_db, env, log):
    """A fresh database and Redis with the demo data and static files; the seconds
    each step took, e.g. `{"migrate_s": 12.3, ...}`."""
    recreate_database(db_name)
    flush_redis(redis_db)
    timings = {}
    for step in (
        ["migrate", "--noinput"],
        ["compilemessages", "--ignore=.venv"],
        ["load_demo"],
        ["collectstatic", "--noinput"],
    ):
        timings[f"{step[0]}_s"] = round(manage(*step, env=env, log=log), 1)
    return timings


def start(cmd, *, env, log):
    """Start a long-running process in its own process group."""
    out = open(log, "a")  # noqa: SIM115 - closed by stop()
    proc = subprocess.Popen(
        [str(c) for c in cmd],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    proc._bench_log = out
    return proc


def stop(proc, timeout=15):
    """SIGTERM the process group, then SIGKILL it if it is still there."""
    if proc is None:
        return
    try:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        # Workers left behind by a killed master are in the same group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    finally:
        log = getattr(proc, "_bench_log", None)
        if log:
            log.close()


def gunicorn(port, *, env, log, workers=4, worker_class="sync", threads=4):
    """gunicorn as the README runs it (`gunicorn lms.wsgi -w 4`: sync workers)."""
    threading = ["--threads", str(threads)] if worker_class == "gthread" else []
    return start(
        [
            BIN / "gunicorn",
            "lms.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "-k",
            worker_class,
            *threading,
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
            "--access-logfile",
            "-",
            "--access-logformat",
            # %(M)s: ms from the worker taking the request to its last byte (no
            # time queued for a free worker); step: the X-Bench-Step header a bench
            # client names its request with ("-" if none).
            '%(h)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s step="%({x-bench-step}i)s"',
        ],
        env=env,
        log=log,
    )


def db_worker(*, env, log, worker_id=None):
    ident = ["--worker-id", worker_id] if worker_id else []
    return start(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.5", *ident],
        env=env,
        log=log,
    )


def wait_http(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback
                if resp.status < 500:
                    return True
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def cookie_header(jar):
    """The Cookie header for 127.0.0.1, Secure cookies included.

    Production sets Secure session and CSRF cookies, and requests (so Locust's
    HttpUser) never sends a Secure cookie over plain HTTP. The tests talk plain HTTP
    to the loopback (no TLS proxy in front), so they send the header themselves;
    the jar only ever holds cookies from 127.0.0.1.
    """
    return "; ".join(f"{c.name}={c.value}" for c in jar if c.domain in LOOPBACK)


LOOPBACK = ("127.0.0.1", "localhost", "localhost.local")


# Numbers ---------------------------------------------------------------------------


def nearest_rank(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def table(headers, rows):
    widths = [
        max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
        for i, h in enumerate(headers)
    ]
    line = "  ".join(
        f"{h:<{w}}" if i == 0 else f"{h:>{w}}"
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(
            "  ".join(
                f"{c!s:<{w}}" if i == 0 else f"{c!s:>{w}}"
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


class Checks:
    """PASS/FAIL lines; `failed` tells the exit code."""

    def __init__(self):
        self.results = []

    def __call__(self, name, ok, detail=""):
        self.results.append({"check": name, "ok": bool(ok), "detail": str(detail)})
        print(
            f"{'PASS' if ok else 'FAIL'}  {name}" + (f" — {detail}" if detail else "")
        )
        return ok

    @property
    def failed(self):
        return [r for r in self.results if not r["ok"]]


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str, ensure_ascii=False))
