"""Settings shared by every environment. Everything that differs comes from the environment.

DATABASE_URL  postgres:// or postgresql://; unset: an SQLite file in the project folder (embedded mode)
REDIS_URL     Celery broker, result backend and shared cache; unset: tasks run in-process
DJANGO_SECRET_KEY, DJANGO_DEBUG, ALLOWED_HOSTS
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
# Never Django's test-client host name outside the tests (portal/settings/test.py adds it back).
ALLOWED_HOSTS = [host for host in env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]") if host != "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_fsm",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "portal",
    "portal.accounts",
    "portal.audit",
    "eligibility",
    "screening",
    "letters",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.KoreanFirstLocaleMiddleware",  # LocaleMiddleware, minus Accept-Language on pages
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.signin.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.accounts.signin.middleware.MFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.DatabaseLockedMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout flagged during login into the 429
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["portal.templatetags.krw", "portal.templatetags.portal_ui"],
        },
    }
]


# --- database -------------------------------------------------------------------------------
def database_from_env() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        if url.startswith("postgresql://"):
            url = "postgres://" + url[len("postgresql://") :]
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the busy
            # timeout instead of failing half-way through a transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
EMBEDDED = DATABASES["default"]["ENGINE"].endswith("sqlite3")

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- i18n -------------------------------------------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]  # YYYY-MM-DD in Korean and English alike
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# --- static and private files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded documents and issued letters live here: outside STATIC_ROOT, never served directly.
PRIVATE_STORAGE_ROOT = Path(os.environ.get("PORTAL_PRIVATE_ROOT", VAR_DIR / "private"))
# The key and certificate that sign issued letters (PEM), and the CA that verifies them. Unset:
# files under var/pki/, which `make run` fills with a development CA the first time (letters.bootstrap).
# Checkpoints of the audit chain's head, outside the database (append-only JSON lines).
AUDIT_CHECKPOINT_FILE = Path(os.environ.get("AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit" / "checkpoints.jsonl"))
LETTER_SIGNING_KEY = Path(os.environ.get("LETTER_SIGNING_KEY", VAR_DIR / "pki" / "signing-key.pem"))
LETTER_SIGNING_CERT = Path(os.environ.get("LETTER_SIGNING_CERT", VAR_DIR / "pki" / "signing-cert.pem"))
LETTER_SIGNING_CA = Path(os.environ.get("LETTER_SIGNING_CA", VAR_DIR / "pki" / "ca-cert.pem"))
# Demo data (published logins, the development CA, the demo's letter): only where a settings module
# says so (local, test); production and any other settings refuse it (portal.common.demo_guard).
PORTAL_DEMO_ALLOWED = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # JSON bodies; files have their own limits
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Per company (screening): drafts open at once, and the total size of its stored documents (MB).
COMPANY_OPEN_DRAFTS_MAX = int(os.environ.get("COMPANY_OPEN_DRAFTS_MAX", "5"))
COMPANY_DOCUMENTS_QUOTA_MB = int(os.environ.get("COMPANY_DOCUMENTS_QUOTA_MB", "500"))

# --- cache, broker --------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "nal"),
        }
    }
else:
    # Shared by every process of the embedded mode (web, manage.py), unlike a local-memory cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "nal"),
        }
    }

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"  # a host named: kombu warns without one
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "celery"
# Every queue the portal uses; the worker started by `make run` consumes all of them.
CELERY_TASK_QUEUES_ALL = ["celery", "letters"]
# Letter issuance has its own queue, so a backlog of other jobs never delays a letter.
CELERY_TASK_ROUTES = {"letters.*": {"queue": "letters"}}
CELERY_BEAT_SCHEDULE: dict = {}
# The audit log's daily checkpoint (portal/audit/checkpoints.py): its head, to a file and to the auditors.
CELERY_BEAT_SCHEDULE["audit-checkpoint"] = {"task": "portal.audit.checkpoint", "schedule": 86400.0}
# Experts' reminders (screening/tasks.py): hourly, idempotent, so a missed run only delays them.
CELERY_BEAT_SCHEDULE["screening-review-reminders"] = {"task": "screening.send_review_reminders", "schedule": 3600.0}
# Letters (letters/tasks.py): queue approved applications still without a letter; expire letters past
# valid_until (the daily job, run hourly so a letter expires within the hour after its last valid day).
CELERY_BEAT_SCHEDULE["letters-sweep-unissued"] = {"task": "letters.sweep_unissued", "schedule": 300.0}
CELERY_BEAT_SCHEDULE["letters-expire"] = {"task": "letters.expire_letters", "schedule": 3600.0}
# Reports (reports/tasks.py): obligations of newly issued letters; the daily reminders and overdue flags
# (run hourly, idempotent); removal of export files older than a week.
CELERY_BEAT_SCHEDULE["reports-sync-obligations"] = {"task": "reports.sync_obligations", "schedule": 600.0}
CELERY_BEAT_SCHEDULE["reports-reminders"] = {"task": "reports.send_reminders", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["reports-purge-exports"] = {"task": "reports.purge_exports", "schedule": 86400.0}

# --- email ------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@nal.fsc.example")
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Reverse proxies in front of the portal that append the client's address to X-Forwarded-For. 0: the
# client is REMOTE_ADDR (nothing in X-Forwarded-For is trusted). Used by per-client rate limits.
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))

# --- REST API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.accounts.signin.authentication.PortalTokenAuthentication",
        "portal.accounts.signin.authentication.PortalSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["portal.api.render.LocalTimeJSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",  # documents the error responses too
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "portal.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "FSC No-Action Letter Portal API",
    "DESCRIPTION": "Applications for easing network separation for AI-driven cybersecurity.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PATH_CONVERTER_OVERRIDES": {"id": int},  # <id:pk>, portal.common.params.IdConverter: an integer id
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ApplicationStateEnum": "screening.enums.ApplicationState.choices",
        "PhaseStateEnum": "screening.enums.PhaseState.choices",
        "ObligationKindEnum": "reports.enums.ObligationKind.choices",
        "ObligationStateEnum": "reports.enums.ObligationState.choices",
        "ReportKindEnum": "reports.enums.ReportKind.choices",
    },
}

# --- security that does not need TLS: on everywhere ----------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # absolute lifetime
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- authentication hardening (portal/accounts/signin/: mfa.py, lockout.py, sessions.py) -----
# Idle timeout; SESSION_COOKIE_AGE above is the absolute lifetime counted from the login itself
# (portal.accounts.signin.middleware.SessionLifetimeMiddleware enforces both).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
# API tokens expire this long after they are issued (portal/accounts/signin/authentication.py); the token
# answer says when. A new POST /api/v1/auth/token/ after expiry issues a new key.
API_TOKEN_TTL_SECONDS = int(float(os.environ.get("API_TOKEN_TTL_DAYS", "30")) * 24 * 60 * 60)
AUTHENTICATION_BACKENDS = [
    "portal.accounts.signin.lockout.LoginThrottleBackend",  # django-axes: refuses a locked-out username
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes, database handler (SQLite in embedded mode and PostgreSQL alike: attempts survive restarts
# and are shared by every process). Per account, not per address: many people at one bank or at the FSC
# share an egress address, and an attacker rotating addresses must not get fresh tries (hence axes.W006,
# which asks for ip_address, is silenced on purpose).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)  # never a permanent lock
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # hammering a locked account does not extend it
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.accounts.signin.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # failed logins go to the audit log; successes need no second log
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# django-otp: TOTP with static backup codes.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "FSC NAL Portal")
OTP_TOTP_SYNC = False  # accept at most one step of clock drift each way; never learn a drift
# django-csp 4: no inline script or style anywhere; scripts and styles come from /static/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"},
                "weasyprint.progress": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
