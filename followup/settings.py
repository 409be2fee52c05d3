"""Django settings for Followup.

Every value a deployment may change comes from a ``FOLLOWUP_*`` environment variable (or
``DATABASE_URL``), parsed strictly by :mod:`followup.env`. The defaults serve a laptop: SQLite
in ``var/``, mail written to ``var/outbox``. Production values are listed in the README.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from followup.env import (
    DEVELOPMENT_SECRET_KEY,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_str,
    secret_key_from_file,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("FOLLOWUP_DATA_DIR", str(BASE_DIR.parent / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("FOLLOWUP_DEBUG", False)
# The key comes from FOLLOWUP_SECRET_KEY (the same on every machine), else from the file that
# `followup run` makes once in the data folder. Without either, only Django's development
# server and the tests may go on, with the public DEVELOPMENT_SECRET_KEY: followup/wsgi.py
# (what gunicorn loads) and `check --deploy` refuse it, whatever FOLLOWUP_DEBUG says.
SECRET_KEY_FILE = DATA_DIR / "secret_key"
SECRET_KEY = env_str("FOLLOWUP_SECRET_KEY", "") or secret_key_from_file(SECRET_KEY_FILE)
if not SECRET_KEY:
    if env_bool("FOLLOWUP_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured(
            f"FOLLOWUP_REQUIRE_SECRET_KEY is on and there is no secret key: set FOLLOWUP_SECRET_KEY "
            f"(or keep one in {SECRET_KEY_FILE})."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("FOLLOWUP_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("FOLLOWUP_CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("FOLLOWUP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs' Swagger UI from our own static files (no CDN needed)
    "django_tasks",
    "django_tasks_db",
    "followup.core",
    "followup.accounts",
    "followup.customers",
    "followup.tasks",
    "followup.deals",
    "followup.memos",
    "followup.projects",
    "followup.notifications",
    "followup.chat",
    "followup.reminders",
    "followup.sync",  # A2: the change log, above tasks, customers and reminders
    "followup.automation",
    "followup.sharing",  # L7, B1: above tasks (whose visibility rule reads its grants)
    "followup.intake",  # forms (D9): beside automation, whose assignment rules it reuses
    "followup.tasktemplates",  # L3, L4: task templates and post-sale tasks, beside automation
    "followup.communications",  # A5: calls and e-mails logged from a task (customers' History shows them)
    "followup.suggestions",  # L2: the next task a completed one proposes
    "followup.recurrence",  # recurring tasks (B3): follows tasks' task_closed hook
    "followup.datetriggers",  # A1: above automation, whose assignment rules it reuses
    "followup.escalations",  # A6
    "followup.calendars",  # L9: above tasks
    "followup.setup",
    "followup.devtools",  # the top layer: demo, bench, run (imports every app; none imports it)
]

MIDDLEWARE = [
    "followup.core.clientaddr.TrustedProxyMiddleware",  # first: drops forwarded headers an untrusted peer sent
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "followup.core.headers.ContentSecurityPolicyMiddleware",  # after WhiteNoise: pages, not static files
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "followup.chat.middleware.UploadNamesMiddleware",  # before CSRF, which parses uploads
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "followup.accounts.middleware.UserTimezoneMiddleware",
    "followup.accounts.middleware.UserLanguageMiddleware",  # after authentication: the user's own language
    "followup.core.middleware.RefuseNulCharactersMiddleware",  # after the user is known: its 400 page has the layout
    "followup.api.idempotency.IdempotencyMiddleware",  # after the user and the NUL check; around the API's views
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "followup.urls"
# Only Django's development server (runserver) loads WSGI_APPLICATION; every other WSGI server
# loads followup.wsgi, which refuses the development key.
WSGI_APPLICATION = "followup.wsgi_development.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "followup.tasks.context_processors.task_badge",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# SQLite by default (WAL, immediate transactions, 20 s busy timeout: the OPTIONS below),
# PostgreSQL with DATABASE_URL=postgres://user@host:5432/name.
_default_sqlite = f"sqlite:///{DATA_DIR / 'followup.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "") or _default_sqlite,  # set but empty: the default too
        conn_max_age=env_int("FOLLOWUP_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else 60
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000; PRAGMA cache_size=-65536;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["followup.accounts.backends.FollowupBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # the first module that is on (accounts.views.home)
LOGOUT_REDIRECT_URL = "login"
LOGIN_THROTTLE_FAILURES = env_int("FOLLOWUP_LOGIN_THROTTLE_FAILURES", 5, minimum=1)
LOGIN_THROTTLE_MINUTES = env_int("FOLLOWUP_LOGIN_THROTTLE_MINUTES", 15, minimum=1)
# Per (username, client address) and per client address, so that a stranger can neither lock
# a user out nor spray one password over many users (followup/accounts/throttle.py).
LOGIN_THROTTLE_ADDRESS_FAILURES = env_int("FOLLOWUP_LOGIN_THROTTLE_ADDRESS_FAILURES", 50, minimum=1)

# --- Security: proxies, cookies, headers ------------------------------------------------
# The reverse proxies in front of the web processes. Only a request that comes from one of them
# may say who the client is (X-Forwarded-For) and that it came over HTTPS (X-Forwarded-Proto);
# from anyone else those headers are dropped (followup/core/clientaddr.py).
TRUSTED_PROXIES = env_networks("FOLLOWUP_TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_ENGINE = "followup.core.sessions"  # Django's database sessions, read by SQL compiled once
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("FOLLOWUP_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HSTS goes with secure cookies: a site whose cookies only travel over HTTPS is an HTTPS site.
# Django sends it on HTTPS requests only, which behind a proxy needs FOLLOWUP_TRUSTED_PROXIES.
SECURE_HSTS_SECONDS = env_int("FOLLOWUP_HSTS_SECONDS", 365 * 24 * 3600) if SESSION_COOKIE_SECURE else 0
# Scripts only from our own static files, so injected markup cannot run (htmx's eval is off:
# base.html's htmx-config). Styles only from app.css too: no style="" attributes and no <style>
# elements, so 'unsafe-inline' is not needed (progress bars are <progress>, htmx's indicator
# styles live in app.css) and an injected style cannot restyle a page to mislead.
# img-src allows data: URIs for the favicon and app.css's small SVG icons (the select arrow).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# --- Words and times --------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("pl", _("Polish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# §4: the login page's English / Polski switch keeps its choice in this cookie for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = env_str("FOLLOWUP_TIME_ZONE", "UTC")
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
# Issue 16 §2: hashed names (cached for a year), gzip and Brotli copies; filled by collectstatic
# (``followup run`` and the test suite run it; production runs it on each release).
STATIC_ROOT = Path(env_str("FOLLOWUP_STATIC_ROOT", str(DATA_DIR / "static"))).resolve()
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]  # the project-wide layout, CSS and vendored htmx
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "followup.core.staticstorage.StaticStorage"},
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "followup.core.staticfinder.CollectedFinder",  # the hashed copies, for the tests' live server
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}  # the web app manifest (A2)
MEDIA_ROOT = DATA_DIR / "media"  # uploaded chat files live under media/chat/, outside the static root

# --- Uploads ----------------------------------------------------------------------------
# J5: the largest file a chat message may carry, in megabytes.
FOLLOWUP_MAX_UPLOAD_MB = env_int("FOLLOWUP_MAX_UPLOAD_MB", 10, minimum=1)

# --- E-mail -----------------------------------------------------------------------------
# Real SMTP when FOLLOWUP_EMAIL_HOST is set; otherwise every message is written to a file in
# var/outbox so that the embedded default never needs a mail server.
EMAIL_HOST = env_str("FOLLOWUP_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("FOLLOWUP_EMAIL_PORT", 25)
    EMAIL_HOST_USER = env_str("FOLLOWUP_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env_str("FOLLOWUP_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("FOLLOWUP_EMAIL_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = env_str("FOLLOWUP_FROM_EMAIL", "Followup <followup@localhost>")

# --- Background work --------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Pagination -------------------------------------------------------------------------
# J2 "due soon": how many minutes before a task's due time its people are told.
DUE_SOON_MINUTES = env_int("FOLLOWUP_DUE_SOON_MINUTES", 60, minimum=1)
# J2: a burst of one person's changes to one task within this many minutes is one notification and one e-mail.
NOTIFY_FOLD_MINUTES = env_int("FOLLOWUP_NOTIFY_FOLD_MINUTES", 5, minimum=0)
PAGE_SIZE = env_int("FOLLOWUP_PAGE_SIZE", 25, minimum=1)
MAX_PAGE_SIZE = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env_str("FOLLOWUP_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
