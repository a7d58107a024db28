"""Settings shared by every environment; each value comes from the environment or a safe default."""

from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_database, env_float, env_int, env_list, env_storage, env_str
from .sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Files the application writes (SQLite database, uploads, generated reports) live here.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
# The official open-data schemas (DECP, OCDS and its extensions, AGEC) the exports are validated
# against, offline, installed by `manage.py fetch_open_data_schemas`; without them the open-data
# page offers no file.
OPEN_DATA_SCHEMAS_DIR = Path(env_str("OPEN_DATA_SCHEMAS_DIR", str(VAR_DIR / "schemas")))
# A base URL that replaces the official addresses when fetching them (a mirror; the tests).
OPEN_DATA_SCHEMAS_MIRROR = env_str("OPEN_DATA_SCHEMAS_MIRROR", "")
# The prefix of the OCDS contracting process identifiers (ocid): register the organisation's own
# with the Open Contracting Partnership before publishing.
OCDS_OCID_PREFIX = env_str("OCDS_OCID_PREFIX", "ocds-achats")

IS_PRODUCTION = False

SECRET_KEY = env_str("SECRET_KEY", "dev-only-key-never-use-in-production-3f9c1a7e5b2d4c6e8a0b")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Absolute address of the site, used in e-mails sent outside a request (invitations, alerts).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The organisation (its short identifier) that publishes the service: the legal notice, the
# accessibility statement and the personal-data page are its. Unset: the first one created.
SITE_PUBLISHER = env_str("SITE_PUBLISHER", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "axes",
    "core",
    "accounts",
    "clauses",
    "purchasing",
    "budgets",
    "network",
    "steering",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "api",
    # A development tool (`manage.py bench`): it refuses to run with production settings.
    "bench",
    "post_office",
    "health_check",
]

MIDDLEWARE = [
    # First: every log line of the request, and its error report, carry its id.
    "core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # French unless the person chose another language: the browser's language is not asked.
    "core.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {"default": env_database("DATABASE_URL", sqlite_path=VAR_DIR / "db.sqlite3")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # A web server writes from several threads or processes: WAL lets readers go on while one
    # writes, IMMEDIATE takes the write lock when the transaction begins (a later upgrade from a
    # read lock fails at once with "database is locked"), and the timeout makes a writer wait.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The list's EXISTS filters push the planner's cost over the JIT thresholds: compiling
    # took seconds for a query that runs in a fifth of one (measured with `make bench`).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and background jobs -----------------------------------------
REDIS_URL = env_str("REDIS_URL", "")

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without Redis, jobs run in the calling process: one machine, nothing else to start.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# JSON only: a task's arguments are IDs and plain values, never pickled objects.
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Job status lives in database rows (pending → running → ready / failed), not in a result backend.
CELERY_TASK_IGNORE_RESULT = True
# A job that runs away is stopped; the soft limit lets it record its failure first.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 900, minimum=10)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30 if CELERY_TASK_TIME_LIMIT > 60 else None
# A job is acknowledged once done, so a killed worker's job is delivered again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Long renders: a worker takes one job at a time instead of hoarding several.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged job after this delay; it must outlast the longest job.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 4}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Asking for a job while Redis is down answers within a few seconds (the job waits for the
# sweep) instead of holding the request through Celery's default retries.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# --- The job mechanism (core.jobs) ------------------------------------------------
# A running job beats its heartbeat this often (seconds), from a thread beside the work.
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 5, minimum=1)
# A running job silent for longer has lost its worker (killed, out of memory, node gone).
JOB_LOST_AFTER_SECONDS = env_int("JOB_LOST_AFTER_SECONDS", 30, minimum=2)
if JOB_LOST_AFTER_SECONDS <= 2 * JOB_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured("JOB_LOST_AFTER_SECONDS must exceed two heartbeats.")
# A pending job whose message is this overdue is sent again (harmless: the claim is unique).
JOB_PENDING_LOST_AFTER_SECONDS = env_int("JOB_PENDING_LOST_AFTER_SECONDS", 300, minimum=10)
# Deliveries of a job at most (worker lost, database gone) before it fails for the person.
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 5, minimum=1)
# First wait before retrying a job after a transient database error; doubles each time.
JOB_RETRY_BACKOFF_SECONDS = env_int("JOB_RETRY_BACKOFF_SECONDS", 5, minimum=1)
# How often beat sweeps lost and waiting jobs (each worker also sweeps as it starts).
JOB_SWEEP_SECONDS = env_int("JOB_SWEEP_SECONDS", 60, minimum=1)
# The worker logs through LOGGING below (with the task id), not through Celery's own set-up.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "core.record_heartbeat", "schedule": timedelta(minutes=5)},
    # Lost jobs re-queued, refused ones sent once Redis is back, the last attempt failed.
    "sweep-jobs": {"task": "core.sweep_jobs", "schedule": timedelta(seconds=JOB_SWEEP_SECONDS)},
    # The e-mails due: retries, and those whose delivery could not be queued.
    "deliver-outbox": {"task": "core.deliver_outbox", "schedule": timedelta(minutes=1)},
    # Department heads hear on 1 October of the rules their department is at risk of missing.
    "compliance-alerts": {
        "task": "budgets.send_compliance_alerts",
        "schedule": crontab(minute=0, hour=8, day_of_month=1, month_of_year=10),
    },
    # The daily digest of notifications, for those who chose it, early in the working day.
    "notification-digests": {
        "task": "core.send_notification_digests",
        "schedule": crontab(minute=30, hour=7),
    },
    # Findings whose corrective action's deadline passed yesterday: the people concerned hear.
    "overdue-findings": {
        "task": "network.notify_overdue_findings",
        "schedule": crontab(minute=0, hour=7),
    },
    # The committee's report of the quarter just ended, on the first day of each quarter.
    "quarterly-reports": {
        "task": "steering.queue_quarterly_reports",
        "schedule": crontab(minute=0, hour=6, day_of_month=1, month_of_year="1,4,7,10"),
    },
}

# --- Accounts and security ----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute-force protection: five wrong passwords for one account lock it for a while.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
# The login form posts the e-mail in its "username" field (Django default is USERNAME_FIELD).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.security.lockout_username"
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking by address would lock a whole office behind one NAT address after five typos;
# the lockout is per account, which is what stops guessing one person's password.
# models.W040: on SQLite (the embedded default) a covering index is made without its included
# columns, which only PostgreSQL reads (budgets.Purchase's purchase_family_sums).
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# No inline script or style and no third-party origin, on every page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)

# --- REST API (api/) --------------------------------------------------------------
REST_FRAMEWORK = {
    # Tokens for other systems; the session for the documentation page tried in the browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": "60/hour",
        "user": "2000/hour",
        # Each push checks and writes up to API_PUSH_MAX_ITEMS lines.
        "purchases-push": "120/hour",
    },
}
# Tokens are stored hashed (SHA-512), shown once, and expire.
KNOX_TOKEN_MODEL = "api.ApiToken"
# knox's own token table is replaced by api.ApiToken: its migrations would still create it,
# pointing at the people, and PostgreSQL then refuses to empty the people's table (tests).
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("API_TOKEN_DAYS", 90, minimum=1)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_PREFIX": "ar_",
}
API_PUSH_MAX_ITEMS = env_int("API_PUSH_MAX_ITEMS", 10000, minimum=1)
# The contract list's CSV/XLSX: up to this many contracts written into the answer at once, a
# longer list prepared as a file in the background (its page shows the progress).
EXPORT_IMMEDIATE_MAX_ROWS = env_int("EXPORT_IMMEDIATE_MAX_ROWS", 2000, minimum=0)
# Levels of lists and objects a JSON body may nest (a push of purchases needs 3).
API_JSON_MAX_DEPTH = env_int("API_JSON_MAX_DEPTH", 32, minimum=4)
SPECTACULAR_SETTINGS = {
    # Translated: `/api/schema/?lang=en` and `/api/docs/?lang=en` give the English description.
    "TITLE": _("API Achats responsables"),
    "DESCRIPTION": _(
        "Lecture des marchés, clauses, budgets, achats et du respect des règles d'achat, "
        "et envoi des achats du logiciel financier. Authentification par jeton : en-tête "
        "`Authorization: Token VOTRE_JETON`, jetons créés depuis la page de profil. "
        "Mêmes droits que les pages du site ; pages de 50 lignes (`page`, `page_size` ≤ 200)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_common_errors",
    ],
    # Swagger UI served by the application (no CDN), its scripts as files (CSP script-src 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": False, "displayOperationId": False},
    "ENUM_NAME_OVERRIDES": {
        "MarketStatusEnum": "purchasing.models.MarketStatus",
        "CriterionKindEnum": "purchasing.models.CriterionKind",
        "ClauseStatusEnum": "clauses.models.ClauseStatus",
        "ClauseKindEnum": "clauses.models.ClauseKind",
        "ComplianceStatusEnum": "budgets.models.ComplianceStatus",
    },
}

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and uploaded files ----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Every uploaded or generated file (evidence, minutes, audit reports, imports, quarterly reports,
# exports) goes through Django's storage: the local folder by default, an S3-compatible object
# storage shared by every host when STORAGE_URL is set (config/settings/env.py, env_storage).
STORAGES = {
    "default": env_storage("STORAGE_URL"),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Form data (files excepted) above this size is refused before it reaches a view;
# each upload field checks its own file size.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# Files of rows (core.tabular: imports of budgets and purchases, clause exchange): lines read at
# most after the header, errors kept per file (the others are counted), and the unpacked size
# and compression ratio beyond which a workbook is refused before it is read (a zip bomb).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000, minimum=1)
IMPORT_MAX_ERRORS = env_int("IMPORT_MAX_ERRORS", 1000, minimum=1)
XLSX_MAX_UNCOMPRESSED_BYTES = env_int(
    "XLSX_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024, minimum=1024 * 1024
)
XLSX_MAX_RATIO = env_int("XLSX_MAX_RATIO", 100, minimum=10)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail -----------------------------------------------------------------------
# Every e-mail is queued in the outbox (a table, in the transaction of the change it announces)
# and delivered by a job through the backend that EMAIL_DELIVERY_BACKEND names: core/outbox.py.
EMAIL_BACKEND = "core.outbox.OutboxBackend"
EMAIL_DELIVERY_BACKEND = env_str(
    # EMAIL_BACKEND is still read, for the .env files written before the outbox.
    "EMAIL_DELIVERY_BACKEND",
    env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
)
if EMAIL_DELIVERY_BACKEND == EMAIL_BACKEND:
    raise ImproperlyConfigured("EMAIL_DELIVERY_BACKEND must name a backend that sends.")
# A message that failed is tried again after 1 min, 2, 4… then every hour: 30 retries, about
# a day, before it is marked failed for an administrator to see (the technical admin, /sante/).
EMAIL_RETRY_FIRST_SECONDS = env_int("EMAIL_RETRY_FIRST_SECONDS", 60, minimum=1)
EMAIL_RETRY_MAX_SECONDS = env_int("EMAIL_RETRY_MAX_SECONDS", 3600, minimum=1)
EMAIL_MAX_RETRIES = env_int("EMAIL_MAX_RETRIES", 30, minimum=0)
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_DELIVERY_BACKEND},
    # Delivery is queued by core.tasks once the transaction commits, not by post_office's own
    # handler (whose broker error would surface in the request that saved the change).
    "CELERY_ENABLED": False,
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": EMAIL_MAX_RETRIES,
    # The first wait; core.outbox doubles it at each failure.
    "RETRY_INTERVAL": timedelta(seconds=EMAIL_RETRY_FIRST_SECONDS),
    # Successes and failures both logged, for the admin's history of each message.
    "LOG_LEVEL": 2,
    "BATCH_SIZE": 100,
    "MESSAGE_ID_ENABLED": True,
}
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Achats responsables <noreply@achats.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Error reporting ----------------------------------------------------------------
# Sentry (or GlitchTip, which speaks its protocol) when SENTRY_DSN is set; otherwise the people
# of ADMINS ("Name <address>, address2") get each error by e-mail, through the outbox.
SENTRY_DSN = env_str("SENTRY_DSN", "")
ADMINS = [parseaddr(item) for item in env_list("ADMINS", [])]
if any("@" not in address for _name, address in ADMINS):
    raise ImproperlyConfigured("ADMINS must be a comma-separated list of e-mail addresses.")
# What the error page may promise: someone is told.
ERROR_REPORTING = "sentry" if SENTRY_DSN else ("email" if ADMINS else "")
if SENTRY_DSN:
    init_sentry(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", "") or None,
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )

# --- Health checks (/sante/ and /sante/vie/) -------------------------------------------
# Older than this, the worker's last heartbeat (scheduled every 5 minutes) is a warning.
HEALTH_WORKER_HEARTBEAT_MAX_AGE = env_int("HEALTH_WORKER_HEARTBEAT_MAX_AGE", 15 * 60, minimum=60)

# --- Logging ------------------------------------------------------------------------
# Each line names the request (its X-Request-ID) or the job (its Celery task id) it belongs to.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "core.tracing.LogContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {
            "format": "{asctime} {levelname} {name} [req={request_id} task={task_id}]: {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["context"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "context"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Errors of requests, of jobs and of the product's own code reach ADMINS by e-mail when
        # there is no Sentry (Sentry takes them itself: its logging integration).
        "django": {
            "handlers": ["mail_admins"] if ERROR_REPORTING == "email" else [],
            "level": "INFO",
        },
        "celery.app.trace": {"handlers": ["mail_admins"] if ERROR_REPORTING == "email" else []},
        "achats": {"handlers": ["mail_admins"] if ERROR_REPORTING == "email" else []},
        "django.db.backends": {"level": "WARNING"},
        # post_office logs each pass at INFO and each failed attempt at ERROR; core.outbox says
        # what matters (a message out of retries). A handler here also stops post_office from
        # adding its own.
        "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint and its font library log every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
