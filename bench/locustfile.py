"""A workshop hall for Locust: 80 operators on one connection, and their trainer.

Run by bench/hall_test.py (which writes the plan this file reads and checks the
database afterwards); not meant to be run by hand. Environment:

  HALL_PLAN   JSON written by hall_test.py: accounts, lesson, quiz, answers, faults
  HALL_OUT    where this file writes every request it timed and what each user did
  HALL_PHASE  JSON lines "the hall reached phase X at time T" (for the fault injector)

Each operator: waits until all 80 are there, signs in (plan["signin"]: "password",
username or phone number for one in four; "cards", a one-time sign-in card's link;
"remembered", no sign-in: the phone kept the session cookie of a sign-in
hall_test.py did before the timed run), opens the same lesson, reads it (2-5 s) and marks it done, opens the
quiz page and reads its instructions (2-5 s); waits until all 80 are there and starts
the quiz in the same second; answers each question after 2-5 s of thought (saved page
by page, no JavaScript); submits (one in eight taps "submit" twice at once) and reads
the result. One in five answers everything wrong (fails); of the others, one in three
gets one question wrong (7/8, still passes).

With faults (plan["faults"]): ten operators lose the connection between answering and
submitting. Five send the submit and never see the answer (read timeout of 1 ms), then
submit again on a new connection; five lose the answer to their last question the same
way, reconnect after 2 s, check the review page (re-answering what is missing) and
submit. Requests that fail because the server side went away (a worker killed by
hall_test.py) are retried on a new connection, at most 3 times.

The trainer signs in and refreshes the live board every 3 s with If-None-Match. On a
304 it also fetches the board unconditionally and compares the table with the one
sent under that ETag: a different table under the same ETag is a stale board.

Every request carries an X-Bench-Step header with its step's name; gunicorn's access
log records it, so hall_test.py can put the time in the app beside the clients'.

Secure cookies: production sets Secure session/CSRF cookies, which requests never
sends over plain HTTP; each request here carries the Cookie header built from the
jar (cookies of 127.0.0.1 only), see harness.cookie_header.
"""

import html
import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from gevent.event import Event
from locust import HttpUser, constant, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DEMO_PASSWORD, cookie_header

PLAN = json.loads(Path(os.environ["HALL_PLAN"]).read_text())
OUT = Path(os.environ["HALL_OUT"])
PHASE = Path(os.environ["HALL_PHASE"])
OPERATORS = PLAN["operators"]
N = len(OPERATORS)
THINK = PLAN["think_seconds"]
DEADLINE = time.time() + PLAN["max_seconds"]
LOST_READ_TIMEOUT = 0.001  # seconds: the request is sent, its answer never read
RETRIES = 3

EVENTS = []  # [name, ms, status, exception, time]
RECORDS = {}
BOARD = {"200": 0, "304": 0, "checks": 0, "stale": 0, "stale_examples": []}
ALL_DONE = Event()
DONE = set()
NEXT_INDEX = itertools.count()


def phase(name, **extra):
    with PHASE.open("a") as out:
        out.write(json.dumps({"phase": name, "t": time.time(), **extra}) + "\n")


class Gate:
    """Everyone waits here until all N have arrived (or the timeout)."""

    def __init__(self, name, n):
        self.name, self.n, self.count, self.event = name, n, 0, Event()

    def _arrived(self):
        self.count += 1
        if self.count >= self.n and not self.event.is_set():
            phase(self.name)
            self.event.set()

    def arrive(self, timeout):
        self._arrived()
        self.event.wait(timeout)

    def leave(self):
        """A user that gave up still counts, so the others do not wait for it."""
        self._arrived()


GATES = {
    "login_release": Gate("login_release", N),
    "quiz_release": Gate("quiz_release", N),
}


class Abort(Exception):
    pass


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def write_out():
    OUT.write_text(json.dumps({"events": EVENTS, "records": RECORDS, "board": BOARD}))


@events.request.add_listener
def _record(name, response_time, response=None, exception=None, **_kw):
    status = getattr(response, "status_code", 0) if response is not None else 0
    EVENTS.append(
        [
            name,
            round(response_time, 2),
            status,
            f"{type(exception).__name__}: {str(exception)[:160]}"
            if exception
            else None,
            round(time.time(), 3),
        ]
    )


@events.test_stop.add_listener
def _stop(**_kw):
    write_out()


@events.quitting.add_listener
def _quit(**_kw):
    write_out()


class Client(HttpUser):
    abstract = True
    wait_time = constant(1)

    def headers(self, extra=None, step="-"):
        return {
            **(extra or {}),
            "Cookie": cookie_header(self.client.cookies),
            "X-Bench-Step": step,
        }

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")

    def fresh_connection(self):
        self.client.close()  # drop pooled connections; the next request opens a new one

    def call(self, method, path, name, expect, data=None, headers=None, timeout=90):
        """One step, retried on a new connection if the server side went away."""
        for attempt in range(RETRIES + 1):
            with self.client.request(
                method,
                path,
                name=name,
                data=data,
                headers=self.headers(headers, name),
                timeout=timeout,
                allow_redirects=False,
                catch_response=True,
            ) as resp:
                if resp.status_code in expect:
                    resp.success()
                    return resp
                if resp.status_code == 0:
                    resp.failure(f"connection lost: {resp.error!r}"[:200])
                    self.rec["connection_errors"] += 1
                else:
                    resp.failure(f"HTTP {resp.status_code}")
                    self.rec["http_errors"].append([name, resp.status_code])
                    if resp.status_code < 500:
                        raise Abort(f"{name}: HTTP {resp.status_code}")
            self.fresh_connection()
            gevent.sleep(1 + attempt)
        raise Abort(f"{name}: gave up after {RETRIES + 1} tries")

    def lost(self, path, name, data):
        """Send a POST and lose its answer (read timeout), as on a dropped connection."""
        with self.client.request(
            "POST",
            path,
            name=name,
            data=data,
            headers=self.headers(step=name),
            timeout=(10, LOST_READ_TIMEOUT),
            allow_redirects=False,
            catch_response=True,
        ) as resp:
            resp.success()  # the injected fault itself is not an error
            self.rec["lost_responses"].append([name, resp.status_code])
        self.fresh_connection()
        gevent.sleep(2)  # off-line for a moment

    def login(self, login):
        self.call("GET", "/akun/masuk/", "login form", (200,))
        self.call(
            "POST",
            "/akun/masuk/",
            "login",
            (302,),
            data={
                "username": login,
                "password": DEMO_PASSWORD,
                "csrfmiddlewaretoken": self.csrf(),
            },
        )
        if not self.client.cookies.get("sessionid"):
            raise Abort("login: no session cookie")

    def card_login(self, token):
        """A one-time sign-in card (its QR code's link): the page, then its button."""
        url = f"/akun/kartu/{token}/"
        self.call("GET", url, "login form", (200,))
        self.call(
            "POST",
            url,
            "login",
            (302,),
            data={"csrfmiddlewaretoken": self.csrf()},
        )
        if not self.client.cookies.get("sessionid"):
            raise Abort("card login: no session cookie")

    def remembered(self, cookies):
        """The phone still holds the session of an earlier visit: no request."""
        for name, value in cookies.items():
            self.client.cookies.set(name, value, domain="127.0.0.1", path="/")

    def sign_in(self, op):
        mode = PLAN.get("signin", "password")
        if mode == "remembered":
            self.remembered(op["cookies"])
        elif mode == "cards":
            self.card_login(op["card_token"])
        else:
            self.login(op["login"])


class Operator(Client):
    fixed_count = N

    def on_start(self):
        self.index = next(NEXT_INDEX)
        self.op = OPERATORS[self.index]
        self.passed_gates = set()
        self.rec = RECORDS[self.op["username"]] = {
            "index": self.index,
            "fault": self.op["fault"],
            "double_submit": self.op["double_submit"],
            "attempt_id": None,
            "answers": {},
            "connection_errors": 0,
            "http_errors": [],
            "lost_responses": [],
            "reanswered": 0,
            "completed": False,
            "aborted": None,
        }

    def gate(self, name, timeout):
        self.passed_gates.add(name)
        GATES[name].arrive(timeout)

    @task
    def hall(self):
        try:
            self.gate("login_release", 180)
            self.sign_in(self.op)
            self.lesson()
            self.gate("quiz_release", 240)
            self.quiz()
            self.rec["completed"] = True
        except Abort as exc:
            self.rec["aborted"] = str(exc)
            for name, gate in GATES.items():
                if name not in self.passed_gates:
                    gate.leave()
        finally:
            DONE.add(self.op["username"])
            if len(DONE) >= N:
                phase("all_done")
                ALL_DONE.set()
        ALL_DONE.wait(max(1, DEADLINE - time.time()))
        raise StopUser()

    def think(self):
        gevent.sleep(random.uniform(*THINK))

    def lesson(self):
        self.call("GET", PLAN["lesson_url"], "lesson", (200,))
        self.think()
        resp = self.call(
            "POST",
            f"/kursus/pelajaran/{PLAN['lesson_id']}/selesai/",
            "mark done",
            (302,),
            data={"csrfmiddlewaretoken": self.csrf()},
        )
        self.call("GET", path_of(resp.headers["Location"]), "quiz page", (200,))
        self.think()  # reads the quiz's instructions, then waits for the trainer's "go"

    def choose(self, question_id):
        key = "wrong" if question_id in self.op["wrong"] else "correct"
        return PLAN["answers"][key][question_id]

    def answer(self, url, *, go, lose=False):
        """Open a question page, think, save the answer; return where it led."""
        page = self.call("GET", url, "question", (200,))
        match = re.search(r'name="question_id" value="([^"]+)"', page.text)
        if not match:
            raise Abort(f"question: no question id on {url}")
        question_id = match.group(1)
        values = self.choose(question_id)
        if isinstance(values, dict):  # choices, by their text: ids vary per attempt
            shown = {
                html.unescape(text.strip()): value
                for value, text in re.findall(
                    r'name="answer" value="([^"]+)"[^>]*>([^<]+)</label>', page.text
                )
            }
            try:
                values = [shown[text] for text in values["texts"]]
            except KeyError as exc:
                raise Abort(f"question: option {exc} not on {url}") from exc
        self.think()
        data = {
            "csrfmiddlewaretoken": self.csrf(),
            "question_id": question_id,
            "answer": values,
            "go": go,
        }
        self.rec["answers"][question_id] = values
        if lose:
            self.lost(url, "answer (response lost)", data)
            return None
        resp = self.call("POST", url, "answer", (302,), data=data)
        return path_of(resp.headers["Location"])

    def quiz(self):
        resp = self.call(
            "POST",
            f"/kursus/kuis/{PLAN['quiz_id']}/mulai/",
            "start quiz",
            (302,),
            data={"csrfmiddlewaretoken": self.csrf()},
        )
        url = path_of(resp.headers["Location"])
        match = re.search(r"/percobaan/(\d+)/soal/(\d+)/", url)
        if not match:
            raise Abort(f"start quiz: redirected to {url}")
        attempt = int(match.group(1))
        self.rec["attempt_id"] = attempt
        total = PLAN["questions"]
        review = f"/kursus/percobaan/{attempt}/periksa/"
        for _ in range(total):
            number = int(re.search(r"/soal/(\d+)/", url).group(1))
            last = number == total
            lose = last and self.op["fault"] == "answer_lost"
            url = self.answer(url, go="review" if last else "next", lose=lose)
            if url is None or "/periksa/" in url:
                break
        if self.op["fault"] == "answer_lost":
            self.check_review(review)
        if self.op["fault"] == "submit_lost":
            self.lost(
                review, "submit (response lost)", {"csrfmiddlewaretoken": self.csrf()}
            )
            resp = self.call(
                "POST",
                review,
                "submit (retry)",
                (302,),
                data={"csrfmiddlewaretoken": self.csrf()},
            )
        elif self.op["double_submit"]:
            resp = self.double_submit(review)
        else:
            resp = self.call(
                "POST",
                review,
                "submit",
                (302,),
                data={"csrfmiddlewaretoken": self.csrf()},
            )
        result = path_of(resp.headers["Location"])
        if "/hasil/" not in result:
            raise Abort(f"submit: redirected to {result}")
        self.call("GET", result, "result", (200,))

    def check_review(self, review):
        """After reconnecting: what does the review page say was saved?"""
        for _ in range(3):
            page = self.call("GET", review, "review", (200,))
            missing = re.findall(
                r'<a href="([^"]+/soal/\d+/)">[^<]*</a> — <strong class="error">',
                page.text,
            )
            if not missing:
                return
            for url in missing:
                self.rec["reanswered"] += 1
                self.answer(path_of(url), go="review")
        raise Abort("review: answers still missing after re-answering")

    def double_submit(self, review):
        """Two taps on "submit" at once, on two connections of the same session."""
        data = {"csrfmiddlewaretoken": self.csrf()}
        taps = [
            gevent.spawn(
                self.call, "POST", review, "submit (double)", (302,), data=data
            )
            for _ in range(2)
        ]
        gevent.joinall(taps, timeout=120)
        results = [t.value for t in taps if t.successful()]
        if len(results) != 2:
            errors = [repr(t.exception) for t in taps if not t.successful()]
            raise Abort(f"double submit: {errors}")
        return results[0]


class Trainer(Client):
    fixed_count = 1

    def on_start(self):
        self.rec = RECORDS["trainer"] = {
            "connection_errors": 0,
            "http_errors": [],
            "lost_responses": [],
            "aborted": None,
        }
        self.etag = None
        self.tables = {}

    @staticmethod
    def table(html):
        match = re.search(r'<table class="board">.*?</table>', html, re.S)
        return match.group(0) if match else ""

    def poll(self):
        board = f"/lokakarya/{PLAN['workshop_id']}/papan/"
        headers = {"If-None-Match": self.etag} if self.etag else {}
        resp = self.call("GET", board, "board", (200, 304), headers=headers)
        if resp.status_code == 200:
            BOARD["200"] += 1
            self.etag = resp.headers.get("ETag")
            self.tables[self.etag] = self.table(resp.text)
            return
        BOARD["304"] += 1
        check = self.call("GET", board, "board (check, no ETag)", (200,))
        BOARD["checks"] += 1
        if check.headers.get("ETag") == self.etag and self.table(
            check.text
        ) != self.tables.get(self.etag):
            BOARD["stale"] += 1
            if len(BOARD["stale_examples"]) < 3:
                BOARD["stale_examples"].append(
                    {"t": round(time.time(), 3), "etag": self.etag}
                )

    @task
    def watch(self):
        try:
            self.login(PLAN["trainer"])
            while not ALL_DONE.is_set() and time.time() < DEADLINE:
                self.poll()
                ALL_DONE.wait(PLAN["board_every_seconds"])
            gevent.sleep(1)
            self.poll()  # the final state, once everyone is done
        except Abort as exc:
            self.rec["aborted"] = str(exc)
        finally:
            ALL_DONE.wait(max(1, DEADLINE - time.time()))
            write_out()
            gevent.spawn_later(0.5, self.environment.runner.quit)
        gevent.sleep(30)
        raise StopUser()
