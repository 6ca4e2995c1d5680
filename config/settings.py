"""Sanlian settings: one module, every deploy-time value read from the environment.

With no environment variables set, Sanlian runs embedded: SQLite in the project folder, a
Celery broker on the local filesystem and local-memory cache. ``SANLIAN_ENV=production``
makes the production variables compulsory, so a half-configured server refuses to start.
"""

import base64
import hashlib
from datetime import timedelta
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.beat import CELERY_BEAT_SCHEDULE  # noqa: F401  (a setting: the periodic scans)

# The environment and its strict readers (one-line start-up errors) are in config/env.py.
from config.env import PRODUCTION, env
from config.env import boolean as _bool
from config.env import number as _float
from config.env import required as _required
from config.env import url as _url
from config.env import whole_number as _int
from config.headers import (  # noqa: F401  (settings: the security headers' policies)
    CONTENT_SECURITY_POLICY,
    CSP_INLINE_STYLE_PATHS,
    PERMISSIONS_POLICY,
)
from config.logs import logging_config
from config.openapi import SPECTACULAR_SETTINGS  # noqa: F401  (a setting: the API schema)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
SECRET_KEY = _required("SECRET_KEY") or "embedded-insecure-key-do-not-use-in-production"
DEBUG = _bool("DEBUG", default=False)


def _fernet_keys() -> list[str]:
    keys = env.list("FIELD_ENCRYPTION_KEYS", default=[])
    if PRODUCTION and not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must be set when SANLIAN_ENV=production")
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEYS is malformed: each key must be 32 url-safe base64-encoded "
                "bytes (python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())')"
            ) from None
    digest = hashlib.sha256(f"field-encryption:{SECRET_KEY}".encode()).digest()
    return keys or [base64.urlsafe_b64encode(digest).decode()]


# Personal identifiers: encrypted with the first key (others still decrypt, for rotation) and
# hashed with a separate key for uniqueness and exact search.
FIELD_ENCRYPTION_KEYS = _fernet_keys()
ID_HASH_KEY = _required("ID_HASH_KEY") or f"id-hash:{SECRET_KEY}"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when SANLIAN_ENV=production")
if not PRODUCTION:
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]
# How many reverse proxies in front of the web process append to X-Forwarded-For (0: none, the
# client is REMOTE_ADDR). Rate limits, lockouts and the audit log key on that address.
TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", default=0)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The address members' phones reach the site at: personal links sent by SMS start with it.
SITE_URL = _url("SITE_URL", ("http", "https"), default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "config.admin_site.SanlianAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "treebeard",
    "simple_history",
    "rest_framework.authtoken",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "members",
    "education",
    "services",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.csp.SanlianCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go compressed to phones (the region picker's options are 300 KB of HTML, 57 KB
    # compressed); Django pads compressed responses against BREACH since 4.2.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "members.accounts.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its 429 page.
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
                "members.outbox.context_processors.inbox",
                "members.web.permissions_context",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL names PostgreSQL.
DATABASE_URL = _required("DATABASE_URL")
if DATABASE_URL:
    _url("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
    }
DATABASES["default"]["CONN_MAX_AGE"] = _int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file; wait for a lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    # The covering index of the category counts is a PostgreSQL optimisation; SQLite keeps
    # its key column and drops the others, which is all the embedded demo needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    # Planner settings for the web's queries, per connection (measured in bench/README.md):
    # JIT compiled plans of big estimated cost, seconds spent on queries that return a page
    # in milliseconds; and PostgreSQL's default random_page_cost (4) prices SSD reads as a
    # spinning disk's, so it walked a table backwards rather than use a scope's index.
    _planner = [f"-c random_page_cost={_float('DATABASE_RANDOM_PAGE_COST', default=1.1)}"]
    if not _bool("DATABASE_JIT", default=False):
        _planner.append("-c jit=off")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(_planner)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Security: authentication. Passwords of 12 characters or more (above); five wrong passwords in
# a row lock the account, and separately the client address, for 30 minutes (django-axes, keyed
# on the address behind TRUSTED_PROXY_COUNT proxies); each try while locked restarts the 30
# minutes, so the page can say exactly when to come back.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = _int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=_int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True  # "consecutive": a right password clears the count
AXES_CLIENT_IP_CALLABLE = "members.web.client_ip"
AXES_LOCKOUT_CALLABLE = "members.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins go to the audit log, not a second table
AXES_ENABLE_ADMIN = False  # unlock with `manage.py axes_reset_username <login>`
# Sign-in attempts per client address, before the lockout (a guessing run over many logins).
LOGIN_RATE = env.str("LOGIN_RATE", default="30/m")
# Sessions end after 30 idle minutes and at the latest 12 hours after sign-in.
SESSION_IDLE_TIMEOUT = _int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_AGE = _int("SESSION_COOKIE_AGE", default=12 * 3600)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (forms carry the token; Swagger UI gets it in its page).
CSRF_COOKIE_HTTPONLY = True
# The admin site asks its staff for a TOTP code (django-otp); the issuer names the site in
# the authenticator app.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Sanlian")

# Cache and broker: Redis when REDIS_URL is set, else in-process cache and a filesystem broker.
REDIS_URL = _url("REDIS_URL", ("redis", "rediss"))
if PRODUCTION and not REDIS_URL and not env.str("CELERY_BROKER_URL", default=""):
    raise ImproperlyConfigured(
        "REDIS_URL or CELERY_BROKER_URL must be set when SANLIAN_ENV=production"
    )
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# The embedded server serves static files straight from the apps and static/ folders.
# Files browsers ask for at the site's root (/favicon.ico), served as they are.
WHITENOISE_ROOT = BASE_DIR / "public"
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

# E-mail: SMTP when EMAIL_HOST is set, otherwise messages are written to files under var/mail.
EMAIL_HOST = env.str("EMAIL_HOST", default="")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = _int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = _bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="sanlian@localhost")

# Celery
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "celery" / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery' / 'results'}"
)
if not REDIS_URL:
    # The filesystem broker and result store need their folders before the first message.
    for _folder in ("broker", "control", "results"):
        (VAR_DIR / "celery" / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = _bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# CELERY_BEAT_SCHEDULE: the periodic scans, in config/beat.py (imported above).

# Notifications: one outbox, one backend per channel (members/outbox/channels.py).
SMS_BACKENDS = {
    "file": "members.outbox.channels.FileSmsBackend",
    "tencent": "members.outbox.channels.TencentSmsBackend",
}
SMS_BACKEND = env.str("SMS_BACKEND", default="file")
SMS_BACKEND = SMS_BACKENDS.get(SMS_BACKEND, SMS_BACKEND)
SMS_FILE_PATH = env.path("SMS_FILE_PATH", default=VAR_DIR / "sms")
SMS_TENCENT = {
    "endpoint": env.str("SMS_TENCENT_ENDPOINT", default="https://sms.tencentcloudapi.com"),
    "region": env.str("SMS_TENCENT_REGION", default="ap-guangzhou"),
    "secret_id": env.str("SMS_TENCENT_SECRET_ID", default=""),
    "secret_key": env.str("SMS_TENCENT_SECRET_KEY", default=""),
    "sdk_app_id": env.str("SMS_TENCENT_SDK_APP_ID", default=""),
    "sign_name": env.str("SMS_TENCENT_SIGN_NAME", default=""),
    "template_id": env.str("SMS_TENCENT_TEMPLATE_ID", default=""),
    "timeout": _int("SMS_TENCENT_TIMEOUT", default=10),
}
if SMS_BACKEND.endswith("TencentSmsBackend"):
    _missing = [
        k for k in ("secret_id", "secret_key", "sdk_app_id", "template_id") if not SMS_TENCENT[k]
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"SMS_BACKEND=tencent needs SMS_TENCENT_{_missing[0].upper()} to be set"
        )
NOTIFICATION_BACKENDS = {
    "inbox": "members.outbox.channels.InboxBackend",
    "sms": SMS_BACKEND,
    "email": "members.outbox.channels.EmailBackend",
}
NOTIFICATION_MAX_ATTEMPTS = _int("NOTIFICATION_MAX_ATTEMPTS", default=5)
NOTIFICATION_RETRY_BACKOFF = _int("NOTIFICATION_RETRY_BACKOFF", default=30)
NOTIFICATION_RETRY_BACKOFF_MAX = _int("NOTIFICATION_RETRY_BACKOFF_MAX", default=3600)
NOTIFICATION_SEND_BATCH = _int("NOTIFICATION_SEND_BATCH", default=100)
# Celery rate limit of one send task (a batch of NOTIFICATION_SEND_BATCH messages) per worker.
NOTIFICATION_SEND_RATE_LIMIT = env.str("NOTIFICATION_SEND_RATE_LIMIT", default="60/m")

# Mobile records: remind the inflow side of a registration not handled within this many days,
# and both sides of a member who has not reported in within this many days of submission.
MOBILE_REVIEW_REMINDER_DAYS = _int("MOBILE_REVIEW_REMINDER_DAYS", default=7)
MOBILE_REPORT_REMINDER_DAYS = _int("MOBILE_REPORT_REMINDER_DAYS", default=30)

# Security: API authentication and throttling. A session, or a token the user (or an
# administrator) can revoke; never HTTP Basic. Rates per user, per anonymous client address
# and, stricter, for issuing tokens.
API_THROTTLE_RATES = {
    "user": env.str("API_RATE_USER", default="1000/hour"),
    "anon": env.str("API_RATE_ANON", default="100/hour"),
    "token": env.str("API_RATE_TOKEN", default="10/hour"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "members.accounts.api.UserRateThrottle",
        "members.accounts.api.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": API_THROTTLE_RATES,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    # An action's ValidationError → 400 with field errors, a refused step → 409.
    "EXCEPTION_HANDLER": "members.web.api_exception_handler",
}
# History is read in the admin, never restored from it: a revert would bypass the actions
# (their checks, the transition table, the timeline and the notices).
SIMPLE_HISTORY_REVERT_DISABLED = True

# SPECTACULAR_SETTINGS: the API schema's settings, in config/openapi.py (imported above).

# Security: strict in production, relaxed only where the embedded server speaks plain HTTP.
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# CONTENT_SECURITY_POLICY, CSP_INLINE_STYLE_PATHS, PERMISSIONS_POLICY: config/headers.py (imported
# above).

# Security: no ID numbers in any log. Searches by ID number are GETs, so the access log's request
# line would carry them: config.log_filters redacts them in runserver's access log
# (django.server, its own handler as in Django's default), django.request's warnings and
# whatever else reaches the console. (gunicorn writes no access log unless asked to.)
LOGGING = logging_config(level=env.str("LOG_LEVEL", default="INFO"))
