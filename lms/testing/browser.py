"""Headless Debian Chromium for the end-to-end tests (Playwright for Python).

`playwright install` cannot download browsers here, so the tests drive
/usr/bin/chromium with the flags that keep it off the network. The root conftest
launches it once per session (the `chromium` fixture) for the browser tests, which
it runs last.

While Playwright's sync API is started, an asyncio event loop counts as running in
the main thread. Django then refuses database calls unless DJANGO_ALLOW_ASYNC_UNSAFE
is set, and its connection handler (asgiref's thread-critical `Local`) would hand the
main thread new connection objects: without the open transaction of the shared world,
without the migrations' data that `serialized_rollback` restores, and (on SQLite in
memory) not the connection the live server shares. `launch_chromium` therefore sets
the variable and keeps the main thread on the connections it had.
"""

import contextlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def screenshots_dir():
    """artifacts/screenshots/, ignored by git; CI keeps it as an artefact."""
    return Path(settings.BASE_DIR) / "artifacts" / "screenshots"


@contextlib.contextmanager
def launch_chromium():
    """Chromium for as long as the block runs; the test is skipped without it."""
    if not Path(CHROMIUM).exists():
        # On CI the browser must be there: fail loudly instead of skipping.
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Imported here: only browser tests need Playwright, and only once Chromium is there.
    from playwright.sync_api import sync_playwright

    screenshots_dir().mkdir(parents=True, exist_ok=True)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    kept = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in kept.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
