"""Samskab settings: one file, read from the environment.

Every value that differs between a laptop and production comes from an environment
variable (see the configuration table in README.md). With ``DEBUG`` off the site is in
production mode: a missing secret is a startup error, and ``manage.py check --deploy``
has nothing to report.
"""

from __future__ import annotations

import importlib.util
import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets model and admin classes be subscripted for the type checker (Model[...]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production (DEBUG off) Samskab needs a long random "
            "SECRET_KEY in the environment, for example from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
            "For local development set DEBUG=1 (make run does this)."
        )
    # Development only: a fixed key is harmless because DEBUG is on.
    SECRET_KEY = "django-insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. In production list the site's host names, "
        "comma-separated, e.g. ALLOWED_HOSTS=samskab.slagelse.dk"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The secret for person keys (HMAC of the CPR number; see samskab/accounts/identity.py).
# It must never change once people have voted, and must differ from SECRET_KEY.
IDENTITY_HASH_KEY = env_str("IDENTITY_HASH_KEY")
if not IDENTITY_HASH_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "IDENTITY_HASH_KEY is not set. In production Samskab needs a long random secret "
            "for the keyed hash that identifies persons without storing CPR numbers."
        )
    IDENTITY_HASH_KEY = "development-only-identity-key"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "samskab.core",
    "samskab.accounts",
    "samskab.learning",
    "samskab.budgets",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "samskab.engagement",
    "samskab.follows",
    "samskab.ideas",
    "samskab.experiments",
    "samskab.evidence",
    "samskab.meetings",
    "samskab.secretariat",
    "samskab.organisations",
    "samskab.projects",
    "samskab.surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samskab.core.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samskab.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskab.core.context_processors.site",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; DATABASE_URL switches to PostgreSQL.
DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'samskab.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep concurrent writers from seeing "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "samskab.accounts.lockout.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
# Danish date and time formats ("kl. 19.00", "25. okt. 2025"): samskab/core/formats/da.
FORMAT_MODULE_PATH = ["samskab.core.formats"]

LOGIN_REDIRECT_URL = "core:overview"
LOGOUT_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish first, English second.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "da")
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# Each app keeps its own catalogue in samskab/<app>/locale/.
LOCALE_PATHS: list[Path] = []
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_NAME = "samskab_language"
LANGUAGE_COOKIE_SECURE = not DEBUG and env_bool("HTTPS", default=True)
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Leaflet (the local areas' maps) is served from the django-leaflet package's copy, found
# without importing the package (its Django app needs GeoDjango, which Samskab does not use).
_leaflet = importlib.util.find_spec("leaflet")
if _leaflet is None or not _leaflet.submodule_search_locations:
    raise ImproperlyConfigured("django-leaflet is not installed (pip install -e .).")
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [
    Path(_leaflet.submodule_search_locations[0]) / "static"
]
# Det Fælles Designsystem (DKFDS): npm's copy (package.json, installed by `npm ci` from the
# Makefile), served as /static/dkfds/{css,js,fonts,img}/ with its relative font and icon paths
# intact (the Sass sources are left out).
DKFDS_DIST = BASE_DIR / "node_modules" / "dkfds" / "dist"
STATICFILES_DIRS += [(f"dkfds/{part}", DKFDS_DIST / part) for part in ("css", "js", "fonts", "img")]
# Forms render with the design system's markup (samskab.core.forms_rendering).
FORM_RENDERER = "samskab.core.forms_rendering.DesignSystemFormRenderer"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("STATIC_PLAIN", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samskab <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Drift", address) for address in env_list("ADMINS")]

# Security. HTTPS=0 is for a plain-HTTP test server on localhost only.
HTTPS = not DEBUG and env_bool("HTTPS", default=True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", default=False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: everything is served from this site, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Background work (reminders, e-mails, result computation) goes through the tasks API.
# Production: the database backend, drained by `manage.py db_worker` on any machine that
# shares the database. TASKS_BACKEND=immediate runs tasks at once (development, tests).
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env_str("TASKS_BACKEND", "immediate" if DEBUG else "database")]
    }
}

# Map tiles for the local areas' maps (samskab.meetings); the CSP allows this host for images.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")

# Public base URL, for links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SAMSKAB_SITE_NAME = env_str("SITE_NAME", "Samskab Slagelse")

# The accessibility statement (samskab.core): where people report barriers, and the
# statement published at the Agency for Digital Government's was.digst.dk.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "")
ACCESSIBILITY_STATEMENT_URL = env_str("ACCESSIBILITY_STATEMENT_URL", "https://www.was.digst.dk/")


# ---------------------------------------------------------------------------------------
# Identity (samskab.accounts): MitID and staff login through OpenID Connect, two-factor
# login for administrators, lockout after failed logins, privacy and retention.
# ---------------------------------------------------------------------------------------
# Residents: MitID through a Danish OpenID Connect broker. The issuer's discovery document
# (<issuer>/.well-known/openid-configuration) gives the endpoints and keys. The CPR claim
# becomes a person key and a birth date (so the age) at login; the number itself is never
# stored.
MITID_OIDC_ISSUER = env_str("MITID_OIDC_ISSUER").rstrip("/")
MITID_OIDC_CLIENT_ID = env_str("MITID_OIDC_CLIENT_ID")
MITID_OIDC_CLIENT_SECRET = env_str("MITID_OIDC_CLIENT_SECRET")
MITID_OIDC_SCOPE = env_str("MITID_OIDC_SCOPE", "openid profile")
MITID_OIDC_CPR_CLAIM = env_str("MITID_OIDC_CPR_CLAIM", "cpr")
MITID_OIDC_NAME_CLAIM = env_str("MITID_OIDC_NAME_CLAIM", "name")
MITID_OIDC_EMAIL_CLAIM = env_str("MITID_OIDC_EMAIL_CLAIM", "email")
# Residency: a claim from the broker, and the local area of the address claim (OpenID
# Connect's structured ``address``) by the municipality's address-to-area table; or an
# adapter to the municipality's register (samskab/accounts/residency.py). Only the area is
# stored, never the address.
MITID_OIDC_RESIDENCY_CLAIM = env_str("MITID_OIDC_RESIDENCY_CLAIM", "municipal_resident")
MITID_OIDC_ADDRESS_CLAIM = env_str("MITID_OIDC_ADDRESS_CLAIM", "address")
IDENTITY_RESIDENCY_ADAPTER = env_str(
    "IDENTITY_RESIDENCY_ADAPTER", "samskab.accounts.residency.AddressTableResidency"
)

# Employees: the municipality's OpenID Connect provider (e.g. Microsoft Entra ID), with
# roles from a group claim: STAFF_OIDC_ROLE_MAP is JSON, {"<group>": "<role>", ...}.
STAFF_OIDC_ISSUER = env_str("STAFF_OIDC_ISSUER").rstrip("/")
STAFF_OIDC_CLIENT_ID = env_str("STAFF_OIDC_CLIENT_ID")
STAFF_OIDC_CLIENT_SECRET = env_str("STAFF_OIDC_CLIENT_SECRET")
STAFF_OIDC_SCOPE = env_str("STAFF_OIDC_SCOPE", "openid profile email")
STAFF_OIDC_GROUPS_CLAIM = env_str("STAFF_OIDC_GROUPS_CLAIM", "groups")
try:
    STAFF_OIDC_ROLE_MAP: dict[str, str] = json.loads(env_str("STAFF_OIDC_ROLE_MAP", "{}"))
except ValueError as error:
    raise ImproperlyConfigured(
        'STAFF_OIDC_ROLE_MAP must be JSON, e.g. {"samskab-ledere": "manager"}.'
    ) from error

# Demo test identities (a "log in as" page with fictitious MitID identities): development
# only. Production settings refuse to start with them.
DEMO_IDENTITIES = env_bool("DEMO_IDENTITIES", default=DEBUG)
if DEMO_IDENTITIES and not DEBUG:
    raise ImproperlyConfigured(
        "DEMO_IDENTITIES lets anyone log in as a test identity and only works with DEBUG=1. "
        "Remove DEMO_IDENTITIES from the production environment."
    )

# Two-factor login (TOTP) for local administrator accounts; the admin site requires it.
OTP_TOTP_ISSUER = SAMSKAB_SITE_NAME

# Lockout after repeated failed logins (django-axes), per e-mail address and IP address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login forms call authenticate(username=...)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_CLIENT_IP_CALLABLE = "samskab.accounts.lockout.client_ip"
AXES_VERBOSE = False

# Retention periods (days), enforced by `manage.py privacy_retention` (run it daily).
PRIVACY_UNVERIFIED_ACCOUNT_DAYS = env_int("PRIVACY_UNVERIFIED_ACCOUNT_DAYS", 730)
PRIVACY_AUDIT_EVENT_DAYS = env_int("PRIVACY_AUDIT_EVENT_DAYS", 1825)
PRIVACY_LOGIN_LOG_DAYS = env_int("PRIVACY_LOGIN_LOG_DAYS", 90)

# No CPR number in any log line, whatever logs it.
LOGGING["filters"] = {"redact_cpr": {"()": "samskab.accounts.log_filters.RedactCPR"}}
LOGGING["handlers"]["console"]["filters"] = ["redact_cpr"]  # type: ignore[index]
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # type: ignore[index]
