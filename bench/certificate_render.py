"""Certificate PDF rendering: time per PDF, an 80-certificate batch, memory, size.

Targets (issue): the project's render of one certificate takes at most 1.5x a careful
bare WeasyPrint render of the same HTML+CSS (about 0.1 s); a batch of 80 finishes in
under 10 s in one worker; every PDF is under 200 KB (200,000 bytes).

Measured in one process, on unsaved Certificate/CertificateTemplate instances:
  bare          WeasyPrint only: HTML(string).write_pdf(stylesheets=[CSS(string)]) of
                the project's certificate HTML+CSS, with a NEW FontConfiguration and
                freshly parsed CSS per document (the naive way);
  bare, reused  the same with one FontConfiguration and one parsed CSS reused -- the
                base of the 1.5x target;
  project       certificates.pdf.render_certificate (templating, QR SVG, render_pdf);
  project html  certificates.pdf.certificate_html alone (templating + QR), for the
                breakdown.
Each: 3 warm-up renders, then 30 timed ones, interleaved round-robin so background
load falls on all of them alike; median, p95 (nearest rank) and max.
Batch: 80 different certificates through render_certificate, timed; then the same 80
again under tracemalloc for the Python-heap peak (tracemalloc slows Python, so the
timed run is without it). ru_maxrss is the process peak RSS.
Targets are judged on wall-clock time; process CPU time is shown beside it, as it
is less affected by other processes on a shared machine (load average is printed).

All renders use the project's URL fetcher and BASE_URL, so the bundled fonts load the
same way; the run counts as failed if they are not embedded in the PDF (a silent
fallback to system fonts would make the numbers meaningless). The database is an
in-memory SQLite migrated at start (not timed): certificate_html's kabupaten time
zone lookup runs as in production (one query, then the cache). db.sqlite3 is unused.

Run from the project root:  .venv/bin/python bench/certificate_render.py [--profile]
--profile also prints the top cProfile entries of 10 project renders. Prints a table,
writes bench/results/certificate_render.json, exits 1 if a target fails.
"""

import cProfile
import datetime as dt
import gc
import hashlib
import io
import json
import math
import os
import platform
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from certificates import pdf  # noqa: E402
from certificates.models import Certificate, CertificateTemplate  # noqa: E402

WARMUP, N, BATCH = 3, 30, 80
TARGET = {"ratio": 1.5, "batch_s": 10.0, "size_bytes": 200_000}
NAMES = [
    "Ni Luh Putu Ayu Kadek Ṣ.",
    "Siti Nurhaliza",
    "Muhammad Rizky Pratama",
    "I Gede Made Wirawan Santika Putra Adnyana",
    "Yohanes Wenda",
    "Dewi Lestari Kusumawardhani",
    "Andi Baso Tenriajeng",
    "Rahmat Hidayat",
]
PLACES = [  # (desa code, desa, kecamatan, kabupaten)
    ("19.06.02.2003", "Mekarjaya", "Kecamatan Sungaiselan", "Kabupaten Bangka Tengah"),
    ("51.03.01.2001", "Dalung", "Kecamatan Kuta Utara", "Kabupaten Badung"),
    ("94.71.01.1001", "Hamadi", "Distrik Jayapura Selatan", "Kota Jayapura"),
]
COURSES = ["Operator Website Desa", "Pengelolaan Data Kependudukan Desa Tingkat Lanjut"]
# The project's fetcher as render_pdf passes it to WeasyPrint.
FETCHER = pdf.project_fetcher()


def certificate(i):
    code, desa, kecamatan, kabupaten = PLACES[i % len(PLACES)]
    token = hashlib.sha256(f"bench-{i}".encode()).hexdigest()[:43]
    issued = timezone.now()
    return Certificate(
        number=f"LD/{code[:5]}/2026/{i + 1:06d}",
        token=token,
        short_code=hashlib.md5(token.encode()).hexdigest()[:8].upper(),  # noqa: S324
        holder_name=NAMES[i % len(NAMES)],
        desa_name=desa,
        kecamatan_name=kecamatan,
        kabupaten_name=kabupaten,
        desa_code=code,
        course_title=COURSES[i % len(COURSES)],
        issued_at=issued,
        valid_until=(issued + dt.timedelta(days=730)).date(),
    )


def bare(html, css_text):
    fonts = FontConfiguration()
    css = CSS(
        string=css_text, base_url=pdf.BASE_URL, url_fetcher=FETCHER, font_config=fonts
    )
    doc = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=FETCHER)
    return doc.write_pdf(stylesheets=[css], font_config=fonts)


def stats(wall, cpu):
    ms = sorted(s * 1000 for s in wall)
    return {
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[math.ceil(0.95 * len(ms)) - 1], 1),
        "max_ms": round(ms[-1], 1),
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
    }


def fonts_embedded(data):
    page = PdfReader(io.BytesIO(data)).pages[0]
    fonts = page["/Resources"]["/Font"].values()
    return sorted({str(f.get_object()["/BaseFont"]).split("+")[-1] for f in fonts})


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "weasyprint": version("weasyprint"),
        "django": version("django"),
        "segno": version("segno"),
    }


def main():
    info = machine()
    call_command("migrate", verbosity=0)
    template = CertificateTemplate(
        name="Bench",
        signatory_name="Dr. Ir. Bambang Sutrisno, M.Si.",
        signatory_title="Kepala Dinas Komunikasi dan Informatika",
        signatory_id="197001011995031001",
    )
    cert = certificate(0)
    html = pdf.certificate_html(cert, template)
    css_text = render_to_string("certificates/pdf/certificate.css")
    reused_fonts = FontConfiguration()
    reused_css = CSS(
        string=css_text,
        base_url=pdf.BASE_URL,
        url_fetcher=FETCHER,
        font_config=reused_fonts,
    )

    def bare_reused():
        doc = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=FETCHER)
        return doc.write_pdf(stylesheets=[reused_css], font_config=reused_fonts)

    cases = {
        "bare": lambda: bare(html, css_text),
        "bare, reused": bare_reused,
        "project": lambda: pdf.render_certificate(cert, template),
        "project html": lambda: pdf.certificate_html(cert, template),
    }
    times = {name: [] for name in cases}
    cpu = {name: [] for name in cases}
    sizes, fonts = {}, {}
    for rnd in range(WARMUP + N):
        for name, run in cases.items():
            start, cpu_start = time.perf_counter(), time.process_time()
            out = run()
            if rnd >= WARMUP:
                times[name].append(time.perf_counter() - start)
                cpu[name].append(time.process_time() - cpu_start)
            if name != "project html":
                sizes[name] = len(out)
                fonts.setdefault(name, fonts_embedded(out))
    single = {name: stats(times[name], cpu[name]) for name in cases}
    base, naive = single["bare, reused"]["median_ms"], single["bare"]["median_ms"]
    ratio = single["project"]["median_ms"] / base
    ratio_bare = single["project"]["median_ms"] / naive

    certs = [certificate(i) for i in range(BATCH)]
    gc.collect()
    start, cpu_start = time.perf_counter(), time.process_time()
    pdfs = [pdf.render_certificate(c, template) for c in certs]
    batch_s = time.perf_counter() - start
    batch_cpu_s = time.process_time() - cpu_start
    gc.collect()
    tracemalloc.start()
    for c in certs:
        pdf.render_certificate(c, template)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    all_sizes = [len(p) for p in pdfs] + list(sizes.values())
    expected = {"Sertifikat-Sans", "Sertifikat-Sans-Bold", "Sertifikat-Serif-Bold"}
    fonts_ok = all(expected <= set(f) for f in fonts.values())

    checks = {
        f"project <= {TARGET['ratio']}x bare, reused": ratio <= TARGET["ratio"],
        f"batch of {BATCH} < {TARGET['batch_s']:.0f} s": batch_s < TARGET["batch_s"],
        "largest PDF < 200 KB": max(all_sizes) < TARGET["size_bytes"],
        "bundled fonts embedded": fonts_ok,
    }
    result = {
        "machine": info,
        "renders": {"warmup": WARMUP, "n": N, **single},
        "ratio_project_to_bare_reused": round(ratio, 2),
        "ratio_project_to_bare": round(ratio_bare, 2),
        "batch": {
            "n": BATCH,
            "total_s": round(batch_s, 2),
            "mean_ms": round(batch_s / BATCH * 1000, 1),
            "cpu_s": round(batch_cpu_s, 2),
            "tracemalloc_peak_bytes": traced_peak,
        },
        "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "pdf_bytes": {"min": min(all_sizes), "max": max(all_sizes)},
        "fonts_embedded": fonts,
        "checks": checks,
    }

    print(f"Certificate PDF rendering -- {info['date']}")
    print(
        f"{info['nproc']} CPU(s), {info['cpu']}; load {info['loadavg_at_start']}; "
        f"Python {info['python']}, WeasyPrint {info['weasyprint']}, "
        f"Django {info['django']}, segno {info['segno']}"
    )
    head = f"render ({N} timed after {WARMUP} warm-up)"
    print(f"\n{head:<34}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}{'CPU ms':>10}")
    for name, s in single.items():
        row = [s["median_ms"], s["p95_ms"], s["max_ms"], s["cpu_median_ms"]]
        print(f"{name:<34}" + "".join(f"{v:>10.1f}" for v in row))
    print("(CPU ms: median process CPU time, less affected by other load)")
    print(f"\nproject / bare, reused   {ratio:.2f}x (medians)")
    print(f"project / bare           {ratio_bare:.2f}x")
    mean_ms = batch_s / BATCH * 1000
    print(f"batch of {BATCH}             {batch_s:.2f} s wall ({mean_ms:.1f} ms/PDF)")
    print(f"                         {batch_cpu_s:.2f} s CPU")
    print(f"tracemalloc peak (batch) {traced_peak / 1e6:.1f} MB")
    print(f"ru_maxrss (process)      {result['ru_maxrss_kib'] / 1024:.1f} MiB")
    print(f"PDF size                 {min(all_sizes):,}-{max(all_sizes):,} bytes")
    print(f"fonts (project PDF)      {', '.join(fonts['project'])}\n")
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")

    out = ROOT / "bench" / "results" / "certificate_render.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {out.relative_to(ROOT)}")

    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.runcall(
            lambda: [pdf.render_certificate(c, template) for c in certs[:10]]
        )
        print("\ncProfile, 10 project renders, top 25 by cumulative time:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
