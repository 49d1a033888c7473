"""Page weight of the learner pages, as a village operator's phone downloads them.

Budget (issue): a lesson page weighs at most 100 KB on a first visit (HTML + CSS +
JS + fonts; content images excluded) and 30 KB on a repeat visit (static assets
cached). The other pages in PAGES (course, quiz question, "Kursus saya", the desk,
and the public pages: home, sign-in, certificate check) are shown against the same
budget. Adding a page is one line in PAGES: (label, path, sign in as).

What it does, from nothing to a clean exit:
  1. a temporary directory with a fresh SQLite database and media root; migrate,
     compilemessages, load_demo and collectstatic with the production settings
     (STATIC_ROOT is the git-ignored static_collected/; it is removed afterwards
     unless it existed before; Redis db 15 is flushed before and after);
  2. gunicorn on a free local port, stopped at the end whatever happens;
  3. per account in PAGES, one sign-in through the real form (public pages are
     fetched without signing in); then, per page, the HTML and every stylesheet,
     script, font (also CSS url() and @import) and icon it references, each fetched
     once with `Accept-Encoding: gzip` (and `br` if the brotli module is installed).

Bytes are counted as transferred: the body as sent (compressed if the server
compressed it) plus the HTTP/1.1 status line and response headers. TCP/TLS overhead
and request headers are not counted. First visit = HTML + all assets; repeat visit =
HTML + assets whose Cache-Control does not let the phone keep them. Images are
fetched and reported but not counted. A `data:` URL (the `data:,` favicon) is inline
in the page, so it counts 0 bytes and no request; other non-HTTP references
(mailto:, javascript:, ...) are not fetched, and neither is anything on another host
(listed with a warning: a phone would download it, this script does not).
KB = 1000 bytes.

Run from the project root:  .venv/bin/python bench/page_weight.py
Exit status 1 if the lesson page is over budget, if a page cannot be measured (its
row says why; the other pages are still measured), or if a setup step fails (its
error on stderr). Results also go to bench/results/page_weight.json.
"""

import datetime as dt
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import redis
import requests
from offline_size import saved_course_size  # next to this script

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COURSE_PATH = "/belajar/operator-website-desa-dasar/"
PASSWORD = "desa-demo-2026"  # noqa: S105 - load_demo's documented demo password
OPERATOR = "operator.mekarjaya"  # load_demo's operators and trainer
TRAINER = "pendamping.beltim"
REDIS_URL = "redis://127.0.0.1:6379/15"
BUDGET = {"first": 100_000, "repeat": 30_000}
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 11; SM-A107F) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
)
try:  # Brotli is optional (not in the requirements): ask for it only if we can read it.
    import brotli
except ImportError:
    brotli = None
ACCEPT_ENCODING = "gzip, br" if brotli else "gzip"
FONT_EXT = {".woff2", ".woff", ".ttf", ".otf", ".eot"}
CSS_REF = re.compile(
    r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)"""
)


class PageParser(HTMLParser):
    """Assets, images, links, forms and the course outline's lists of a page."""

    def __init__(self):
        super().__init__()
        self.assets, self.images, self.links, self.forms = [], [], [], []
        self.outline = []  # one list of hrefs per <ul class="list"> (one per module)
        self._in_list = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel:
            self.assets.append(("css", a["href"]))
        elif tag == "link" and {"preload", "modulepreload"} & set(rel):
            kind = {"style": "css", "script": "js", "font": "font", "image": "img"}
            (self.images if a.get("as") == "image" else self.assets).append(
                (kind.get(a.get("as"), "other"), a["href"])
            )
        elif tag == "link" and {"icon", "manifest", "apple-touch-icon"} & set(rel):
            self.assets.append(("icon", a["href"]))
        elif tag == "script" and a.get("src"):
            self.assets.append(("js", a["src"]))
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            # The phone downloads one candidate: the src, else the first of srcset.
            self.images.append(("img", a.get("src") or a["srcset"].split()[0]))
        elif tag == "ul" and "list" in a.get("class", "").split():
            self._in_list = True
            self.outline.append([])
        elif tag == "a" and a.get("href"):
            self.links.append((a["href"], a.get("class", "")))
            if self._in_list:
                self.outline[-1].append(a["href"])
        elif tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and a.get("type") == "hidden":
            self.forms[-1]["fields"][a.get("name")] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_list = False


class Client:
    """HTTP client that carries cookies itself: production marks them Secure and
    the benchmark speaks plain HTTP, where `requests` would not send them back."""

    def __init__(self, base):
        self.base, self.cookies = base, {}

    def fetch(self, path, data=None):
        """One request, no redirect followed; returns (response, wire bytes, body)."""
        headers = {
            "User-Agent": USER_AGENT,
            "Accept-Encoding": ACCEPT_ENCODING,
            "Accept-Language": "id-ID,id;q=0.9",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        url = urljoin(self.base, path)
        method = "POST" if data is not None else "GET"
        if data is not None:
            headers["Referer"] = url
        resp = requests.request(
            method,
            url,
            data=data,
            headers=headers,
            stream=True,
            allow_redirects=False,
            timeout=30,
        )
        raw = resp.raw.read(decode_content=False)
        for header in resp.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        head = f"HTTP/1.1 {resp.status_code} {resp.reason}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in resp.raw.headers.items()) + "\r\n"
        return resp, len(head.encode("latin-1")) + len(raw), decode(resp, raw)

    def page(self, path, data=None):
        """Like fetch, following redirects; returns (final path, response, body)."""
        resp, _, body = self.fetch(path, data)
        while resp.is_redirect:
            target = urlsplit(urljoin(path, resp.headers["Location"]))
            path = target.path + (f"?{target.query}" if target.query else "")
            resp, _, body = self.fetch(path)
        resp.raise_for_status()
        return path, resp, body


def decode(resp, raw):
    encoding = resp.headers.get("Content-Encoding", "")
    if encoding == "gzip":
        return gzip.decompress(raw)
    if encoding == "br":
        return brotli.decompress(raw)
    return raw


def cacheable(resp):
    cc = resp.headers.get("Cache-Control", "").lower()
    max_age = re.search(r"max-age=(\d+)", cc)
    return bool(max_age and int(max_age[1]) > 0) and not (
        {"no-cache", "no-store"} & {d.strip() for d in cc.split(",")}
    )


def where(base, url):
    """How a referenced URL is loaded: "fetch" (this server, over HTTP), "inline"
    (a data: URL, part of the page already), "external" (another host: a phone would
    download it, this script does not) or "skip" (mailto:, javascript:, ...)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return "inline"
    if scheme not in ("http", "https"):
        return "skip"
    return "fetch" if parts.netloc == urlsplit(base).netloc else "external"


def measure(client, name, path):
    """Weigh one page: its HTML, then each referenced asset and image once."""
    resp, html_bytes, body = client.fetch(path)
    if resp.status_code != 200:
        where_to = resp.headers.get("Location")
        raise PageError(
            f"{path}: HTTP {resp.status_code}"
            + (f" (redirects to {where_to})" if where_to else "")
        )
    parser = PageParser()
    parser.feed(body.decode(resp.encoding or "utf-8"))
    page_url = urljoin(client.base, path)
    assets, seen, unfetched = [], set(), []
    queue = [(k, urljoin(page_url, u)) for k, u in parser.assets]
    while queue:
        kind, url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        how = where(client.base, url)
        if how == "inline":  # no request: the bytes are in the page already
            assets.append(
                {
                    "url": url[:40],
                    "kind": kind,
                    "status": 200,
                    "bytes": 0,
                    "encoding": "inline",
                    "cached": True,
                    "inline": True,
                }
            )
            continue
        if how != "fetch":
            unfetched.append({"url": url, "kind": kind, "why": how})
            continue
        a_resp, size, a_body = client.fetch(url)
        assets.append(
            {
                "url": urlsplit(url).path,
                "kind": kind,
                "status": a_resp.status_code,
                "bytes": size,
                "encoding": a_resp.headers.get("Content-Encoding", "identity"),
                "cached": cacheable(a_resp),
                "inline": False,
            }
        )
        if kind == "css":  # fonts, images and imports referenced from the stylesheet
            for imported, ref in CSS_REF.findall(a_body.decode("utf-8", "replace")):
                ext = Path(urlsplit(imported or ref).path).suffix.lower()
                sub = "css" if imported else "font" if ext in FONT_EXT else "img"
                queue.append((sub, urljoin(url, imported or ref)))
    images = [a for a in assets if a["kind"] == "img"]
    for _kind, ref in parser.images:
        url = urljoin(page_url, ref)
        if url in seen:
            continue
        seen.add(url)
        how = where(client.base, url)
        if how == "fetch":
            _, size, _ = client.fetch(url)
            images.append({"url": urlsplit(url).path, "kind": "img", "bytes": size})
        elif how != "inline":
            unfetched.append({"url": url, "kind": "img", "why": how})
    counted = [a for a in assets if a["kind"] != "img"]
    requested = [a for a in counted if not a["inline"]]
    asset_bytes = sum(a["bytes"] for a in counted)
    uncached = sum(a["bytes"] for a in counted if not a["cached"])
    html_encoding = resp.headers.get("Content-Encoding", "identity")
    return {
        "page": name,
        "path": path,
        "html_bytes": html_bytes,
        "html_encoding": html_encoding,
        "html_gzip_bytes": len(gzip.compress(body, 6)),
        "asset_bytes": asset_bytes,
        "first_bytes": html_bytes + asset_bytes,
        "repeat_bytes": html_bytes + uncached,
        "image_bytes": sum(i["bytes"] for i in images),
        "requests_first": 1 + len(requested),
        "requests_repeat": 1 + sum(not a["cached"] for a in requested),
        "requests_images": len(images),
        "assets": counted,
        "images": images,
        "not_fetched": unfetched,
        "links": parser.links,
        "outline": parser.outline,
        "forms": parser.forms,
    }


class PageError(Exception):
    """A page could not be measured; the message says why (shown in its row)."""


def parse(body):
    parser = PageParser()
    parser.feed(body.decode("utf-8", "replace"))
    return parser


def sign_in(client, username):
    _, _, body = client.page("/akun/masuk/")
    form = next(
        (f for f in parse(body).forms if "csrfmiddlewaretoken" in f["fields"]), None
    )
    if form is None:
        raise PageError("/akun/masuk/: no sign-in form with a CSRF token")
    fields = form["fields"] | {"username": username, "password": PASSWORD}
    resp, _, _ = client.fetch("/akun/masuk/", fields)
    if resp.status_code != 302:
        raise PageError(f"signing in as {username} failed (HTTP {resp.status_code})")


def first_lesson(client):
    """The course's "Mulai"/"Lanjutkan" button, else the outline's first lesson."""
    _, _, body = client.page(COURSE_PATH)
    course = parse(body)
    start = next((h for h, _c in course.links if "/lanjutkan/" in h), None)
    if start:
        return client.page(start)[0]
    if not course.outline or not course.outline[0]:
        raise PageError(f"{COURSE_PATH}: no lesson in the course outline")
    return course.outline[0][0]


def quiz_question(client):
    """Starts the first module's quiz (the last entry of its outline list) and
    returns its first question page."""
    _, _, body = client.page(COURSE_PATH)
    outline = parse(body).outline
    for quiz_path in reversed(outline[0] if outline else []):
        _, _, body = client.page(quiz_path)
        form = next((f for f in parse(body).forms if "/kuis/" in f["action"]), None)
        if form:
            break
    else:
        raise PageError("no quiz start form in the course's first module")
    question_path, _, _ = client.page(form["action"], form["fields"])
    if "/soal/" not in question_path:
        raise PageError(f"the quiz did not start: ended on {question_path}")
    return question_path


# The pages weighed, in the table's order; one line each. The path is a string, or a
# function of the signed-in client that finds it (and may do what a user would do to
# get there). Sign in as: a load_demo account, or None for a visitor not signed in.
# The budget applies to the row labelled BUDGETED_PAGE; the others are shown beside it.
BUDGETED_PAGE = "Lesson (first)"
PAGES = [
    (BUDGETED_PAGE, first_lesson, OPERATOR),
    ("Quiz question", quiz_question, OPERATOR),
    ("Course page", COURSE_PATH, OPERATOR),
    ("Kursus saya", "/kursus/saya/", OPERATOR),
    ("Desk (operator)", "/pendampingan/", OPERATOR),
    ("Desk queue (trainer)", "/pendampingan/antrian/", TRAINER),
    ("Home", "/", None),
    ("Sign-in page", "/akun/masuk/", None),
    ("Certificate check", "/sertifikat/cek/", None),
    ("Meja Tulis", "/meja/", OPERATOR),
    ("Meja Tulis: new berita", "/meja/tulis/berita/", OPERATOR),
    ("Pemberitahuan (inbox)", "/pemberitahuan/", OPERATOR),
    ("Undangan lokakarya saya", "/lokakarya/undangan/", OPERATOR),
]


def run_pages(base):
    """Every page in PAGES; a page that fails gets an "error" row, the rest go on."""
    clients, pages = {}, []
    for label, path, account in PAGES:
        try:
            if account not in clients:
                clients[account] = Client(base)
                if account:
                    sign_in(clients[account], account)
            client = clients[account]
            pages.append(
                measure(client, label, path(client) if callable(path) else path)
            )
        except (PageError, requests.RequestException) as exc:
            pages.append({"page": label, "path": getattr(path, "__name__", path)})
            pages[-1]["error"] = str(exc)
    # Where a page declares no icon, browsers ask for /favicon.ico on their own.
    favicon = None
    measured = [p for p in pages if "error" not in p]
    if not any(a["kind"] == "icon" for p in measured for a in p["assets"]):
        resp, size, _ = Client(base).fetch("/favicon.ico")
        favicon = {"status": resp.status_code, "bytes": size}
    # What "Simpan untuk dibaca offline" puts on the phone for the demo course.
    try:
        offline = saved_course_size(clients.get(OPERATOR) or Client(base), COURSE_PATH)
    except (SystemExit, requests.RequestException, KeyError, ValueError) as exc:
        offline = {"page": "Saved course (offline)", "error": str(exc)}
    return pages, favicon, offline


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        cpu = next((ln.split(":", 1)[1].strip() for ln in f if "model name" in ln), cpu)
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": version("Django"),
        "wagtail": version("wagtail"),
        "gunicorn": version("gunicorn"),
        "whitenoise": version("whitenoise"),
    }


def report(pages, favicon, info):
    def kb(n):
        return f"{n / 1000:.1f}"

    rows = [
        ("page", "HTML B", "CSS/JS/font B", "first KB", "repeat KB", "images KB")
        + ("budget KB", "result", "requests 1st/rep/img")
    ]
    measured = [p for p in pages if "error" not in p]
    for p in pages:
        if "error" in p:
            p["ok"] = False
            rows.append((p["page"], *["-"] * 6, "ERROR", "-"))
            continue
        over = (
            p["first_bytes"] > BUDGET["first"] or p["repeat_bytes"] > BUDGET["repeat"]
        )
        p["ok"] = not over
        rows.append(
            (
                p["page"],
                str(p["html_bytes"]),
                str(p["asset_bytes"]),
                kb(p["first_bytes"]),
                kb(p["repeat_bytes"]),
                kb(p["image_bytes"]),
                f"{BUDGET['first'] // 1000}/{BUDGET['repeat'] // 1000}",
                "OVER" if over else "OK",
                f"{p['requests_first']}/{p['requests_repeat']}/{p['requests_images']}",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(
        f"\nThe budget applies to {BUDGETED_PAGE!r}; the others are shown against it."
    )
    for p in pages:
        if "error" in p:
            print(f"ERROR  {p['page']} ({p['path']}): {p['error']}")
    print("\nAssets (bytes as transferred, incl. headers):")
    shown = set()
    for p in measured:
        for a in p["assets"] + p["images"]:
            if a["url"] not in shown:
                shown.add(a["url"])
                print(
                    f"  {a['kind']:<5} {a['bytes']:>7}  {a.get('encoding', '-'):<8} "
                    f"{'cached' if a.get('cached') else 'not cached':<10}  {a['url']}"
                    + (f"  HTTP {a['status']}!" if a.get("status", 200) != 200 else "")
                    + ("  (a data: URL, inline: no request)" if a.get("inline") else "")
                )
    for p in measured:
        for a in p["not_fetched"]:
            if a["url"] not in shown:
                shown.add(a["url"])
                note = (
                    "WARNING: on another host, not fetched and not counted"
                    if a["why"] == "external"
                    else "not an HTTP URL, not fetched"
                )
                print(f"  {a['kind']:<5} {'-':>7}  {note}: {a['url'][:80]}")
    if favicon:
        print(
            f"  not counted: /favicon.ico, HTTP {favicon['status']}, {favicon['bytes']} B "
            "(no page declares an icon, so browsers request this one)"
        )
    print("\nHTML per page (bytes as sent, Content-Encoding, body if gzipped):")
    width = max(len(p["page"]) for p in measured) if measured else 0
    for p in measured:
        print(
            f"  {p['page']:<{width}} {p['html_bytes']:>7} B {p['html_encoding']:<8} "
            f"gzip ~{p['html_gzip_bytes']} B body  {p['path']}"
        )
    print(
        f"\nServer: Python {info['python']}, Django {info['django']}, "
        f"Wagtail {info['wagtail']}, gunicorn {info['gunicorn']}, "
        f"whitenoise {info['whitenoise']}"
    )
    print(f"Machine: {info['nproc']} CPU(s), {info['cpu']}")
    print(f"Date: {info['date']}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flush_redis():
    redis.Redis.from_url(REDIS_URL).flushdb()


def main():
    static_root = ROOT / "static_collected"
    static_existed = static_root.exists()
    tmp = Path(tempfile.mkdtemp(prefix="page-weight-"))
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp / "private-media"),
    }
    server = None
    try:
        flush_redis()
        for args in (
            ["migrate", "--noinput"],
            ["compilemessages", "--ignore=.venv"],
            ["load_demo"],
            ["collectstatic", "--noinput"],
        ):
            print(f"manage.py {' '.join(args)} …", file=sys.stderr)
            done = subprocess.run(
                [sys.executable, "manage.py", *args, "-v", "0"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode:
                raise SystemExit(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
        port = free_port()
        log = (tmp / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [BIN / "gunicorn", "lms.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit((tmp / "gunicorn.log").read_text())
            try:
                requests.get(f"{base}/akun/masuk/", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)
        pages, favicon, offline = run_pages(base)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        flush_redis()
        shutil.rmtree(tmp, ignore_errors=True)
        if not static_existed:
            shutil.rmtree(static_root, ignore_errors=True)

    info = machine()
    report(pages, favicon, info)
    if "error" in offline:
        print(f"\nERROR  saved course (offline): {offline['error']}")
    else:
        print(
            f"\nSaved course (offline), {COURSE_PATH}: {offline['files']} files, "
            f"{offline['transferred'] / 1000:.1f} KB transferred, "
            f"{offline['stored'] / 1000:.1f} KB stored on the phone "
            f"(offline.json announced {offline['estimate'] / 1000:.1f} KB)"
        )
    out = ROOT / "bench" / "results" / "page_weight.json"
    out.parent.mkdir(exist_ok=True)
    keep = ("links", "outline", "forms")
    results = [{k: v for k, v in p.items() if k not in keep} for p in pages]
    out.write_text(
        json.dumps(
            {
                "budget": BUDGET,
                **info,
                "pages": results,
                "favicon": favicon,
                "saved_course": offline,
            },
            indent=2,
        )
    )
    print(f"JSON: {out.relative_to(ROOT)}")
    budgeted = next(p for p in pages if p["page"] == BUDGETED_PAGE)
    errors = [p["page"] for p in pages if "error" in p]
    if "error" in offline:
        errors.append(offline["page"])
    if errors:
        print(f"FAILED: could not measure {', '.join(errors)}", file=sys.stderr)
    return 0 if budgeted["ok"] and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
