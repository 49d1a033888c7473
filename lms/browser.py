"""Headless Debian Chromium for the end-to-end tests (Playwright for Python).

`playwright install` cannot download browsers here, so the tests drive
/usr/bin/chromium with the flags that keep it off the network.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

# serialized_rollback puts back what migrations created (home page, site, default
# certificate template) after the flush, for the tests that run next.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def require_chromium():
    """Skip the module without Chromium, except on CI, where it must be there."""
    if Path(CHROMIUM).exists():
        # Playwright's sync API runs an event loop; the live server's ORM calls are safe.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: apt-get install chromium")
    pytest.skip(
        "Chromium is not installed (apt-get install chromium)", allow_module_level=True
    )


@pytest.fixture
def chromium():
    """A launched headless Chromium; screenshots go to artifacts/screenshots/."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
