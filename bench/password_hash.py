"""Time to check one password: Django's PBKDF2 (1,000,000 iterations) against Argon2id
at OWASP's parameters (19 MiB, 2 iterations, 1 lane; accounts/hashers.py).

A sign-in checks one password; in a workshop hall 80 phones sign in within a minute on
a 2-core server, so this time, times 80, divided by the cores, is how long the last of
them waits at the door (see the README's hall test).

Run from the project root:  .venv/bin/python bench/password_hash.py [--runs 21]
Prints a table: per hasher, the median, min and max wall time and the median CPU
time of one check_password, over --runs checks after one warm-up.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django

django.setup()

from django.contrib.auth.hashers import check_password, get_hasher  # noqa: E402

HASHERS = [
    ("PBKDF2-SHA256, 1,000,000 iterations (Django 5.2 default)", "pbkdf2_sha256"),
    ("Argon2id, 19 MiB, t=2, p=1 (OWASP; this site)", "argon2"),
]
PASSWORD = "kata-sandi-uji-2026"  # noqa: S105 - a benchmark input


def measure(algorithm, runs):
    hasher = get_hasher(algorithm)
    encoded = hasher.encode(PASSWORD, hasher.salt())
    check_password(PASSWORD, encoded)  # warm-up
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        assert check_password(PASSWORD, encoded)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return encoded, walls, cpus


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(
        f"check_password, median of {args.runs} after one warm-up "
        f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})"
    )
    header = (
        f"{'hasher':<58} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'CPU ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for label, algorithm in HASHERS:
        encoded, walls, cpus = measure(algorithm, args.runs)
        print(
            f"{label:<58} {statistics.median(walls) * 1000:>10.1f} "
            f"{min(walls) * 1000:>8.1f} {max(walls) * 1000:>8.1f} "
            f"{statistics.median(cpus) * 1000:>8.1f}"
        )
        print(f"  {encoded.rsplit('$', 2)[0]}")  # the parameters, no salt or hash


if __name__ == "__main__":
    main()
