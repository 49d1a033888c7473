"""Test settings: fast hasher, in-memory cache, tasks run immediately."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-literasi-desa-00000000000000000000000000"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "private-media-test"  # noqa: F405
STATIC_ROOT = None  # static files come from the finders in tests
CREDENTIAL_KEYS_DIR = BASE_DIR / "credential-keys-test"  # noqa: F405
