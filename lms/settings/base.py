"""Settings shared by every environment. Environment-specific files import this."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "lms",
    "regions",
    "accounts",
    "portal",
    "courses",
    "certificates",
    "workshops",
    "desk",
    "readiness",
    "notifications",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.DeviceCookieMiddleware",
    "lms.middleware.PrivateResponsesNotStoredMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
    "regions.middleware.KabupatenTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.OperatorsOutOfAdminMiddleware",
    "lms.middleware.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` and a small workshop use SQLite, with a few people writing at once.
    # In write-ahead-log mode readers never block the writer; transactions take the
    # write lock when they begin, so two of them cannot deadlock halfway (SQLite
    # then answers "database is locked" at once); a writer waits its turn for up to
    # 20 seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.UsernameOrPhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Argon2id at OWASP's parameters first; PBKDF2 stays so that older hashes still verify,
# and each is re-hashed with Argon2id at that user's next sign-in.
PASSWORD_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
# Sign-in throttling (accounts/services.py): five wrong passwords lock an account for
# 15 minutes on devices it never signed in from; one address may fail 300 times in
# 15 minutes (a workshop hall shares one router).
LOGIN_FAILURES_ALLOWED = 5
LOGIN_LOCK_SECONDS = 15 * 60
LOGIN_ADDRESS_FAILURES_ALLOWED = 300
# The device cookie (OWASP "device cookies"): signed, HttpOnly, a year long.
LOGIN_DEVICE_COOKIE_NAME = "ld_perangkat"
LOGIN_DEVICE_COOKIE_DAYS = 365
# Sessions end when the browser closes, except for an operator who ticks "Ingat HP
# ini" on their own phone: they stay signed in this many days. Staff never do.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_OPERATOR_REMEMBER_DAYS = 90
# Where each role lands after signing in when no page was asked for (URL names;
# accounts may not import the apps that own them).
ACCOUNTS_ROLE_HOMES = {
    "superuser": "wagtailadmin_home",
    "operator": "courses:my_courses",
    "trainer": "workshops:index",
    "admin_kecamatan": "readiness:home",
    "admin_kabupaten": "readiness:home",
    "admin_provinsi": "readiness:home",
    "course_team": "wagtailadmin_home",
}
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first; English selectable (site switcher, admin account settings).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project catalogue first, then the Indonesian translations of the Wagtail admin
# screens operators use (Wagtail ships only a small `id_ID` catalogue that Django does
# not pick up for `id`).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "lms" / "translations" / "wagtail"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"  # default; each kabupaten may set its own (WIB/WITA/WIT)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Certificate PDFs and desk screenshots: outside MEDIA_ROOT and without a URL, read
# only by the views that check who asks (never put it under MEDIA_ROOT).
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "lms.shared.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The kabupaten's keys that sign digital credentials (Open Badges 3.0): files made
# by `manage.py create_issuer_key`, never in the database or the media folders.
CREDENTIAL_KEYS_DIR = Path(
    os.environ.get("DJANGO_CREDENTIAL_KEYS_DIR", BASE_DIR / "credential-keys")
)

# Reverse proxies in front of the site (nginx: 1). Rate limits take the client's
# address from X-Forwarded-For, that many entries from the right; 0 ignores it.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (Wagtail's own index/reference work, certificate rendering later).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Literasi Desa <noreply@literasi.invalid>"
)

# An SMS / WhatsApp gateway a kabupaten plugs in (README, "Pemberitahuan"): the
# dotted path of a class with send(*, phone, text); None offers no such channel.
# notifications.backends.WebhookGateway POSTs {"to", "text"} as JSON to the URL.
NOTIFICATIONS_GATEWAY_BACKEND = os.environ.get("NOTIFICATIONS_GATEWAY_BACKEND") or None
NOTIFICATIONS_GATEWAY_URL = os.environ.get("NOTIFICATIONS_GATEWAY_URL", "")
NOTIFICATIONS_GATEWAY_TOKEN = os.environ.get("NOTIFICATIONS_GATEWAY_TOKEN", "")
NOTIFICATIONS_GATEWAY_TIMEOUT = 10  # seconds

WAGTAIL_SITE_NAME = "Literasi Desa"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "accounts:login"
# The admin's own login form, for phone keyboards and without a long "remember me".
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
# Nothing is fetched from the internet at run time.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "txt", "csv"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = (
    "lms.forms.DocumentForm"  # checks content, not only names
)
# Only PDFs open in the browser; every other document downloads as an attachment.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# No SVG: an uploaded SVG could carry script.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Decodes every uploaded picture whole and refuses one carrying HTML or script.
WAGTAILIMAGES_IMAGE_FORM_BASE = "lms.forms.ImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Questions `courses` asks of apps above it, which it may not import: each names a
# function (operator, ...) that the higher app provides.
# Did the operator attend a workshop session covering this course? -> bool
COURSES_WORKSHOP_ATTENDANCE_CHECK = "workshops.selectors.attended_a_session_for"
# The operator's valid certificates among these courses -> {course_id: Certificate}
COURSES_VALID_CERTIFICATES = "certificates.selectors.valid_certificates_by_course"
# The operator's next workshop invitation -> an object with workshop, session, day,
# start_time, end_time, zone, place and url, or None
COURSES_UPCOMING_INVITATION = "workshops.selectors.next_invitation_for"
# The operator's standing with these courses' certificates (valid, expired and not
# renewed, revocation holding) -> {course_id: CertificateStanding}
COURSES_CERTIFICATE_STANDING = "certificates.selectors.certificate_standing_by_course"
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Operators manage no users; escalation through Wagtail's user admin is closed.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Every CSV import (regions, operators, website activity) refuses a larger file.
CSV_IMPORT_MAX_BYTES = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
