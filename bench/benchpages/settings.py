"""The test settings plus the bench-only page type (see bench/lesson_page.py)."""

from lms.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "benchpages"]  # noqa: F405
