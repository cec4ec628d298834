"""Settings for yifa, read from the environment (HackSoft styleguide: one base module).

Every value a deployment changes comes from an environment variable with a safe default for the
demo. `DJANGO_ENV=production` switches on the deploy-time security settings.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("YIFA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


ENVIRONMENTS = ("development", "production")
ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
if ENVIRONMENT not in ENVIRONMENTS:
    # "prod" or a typo must not quietly mean a development server (DEBUG on, the demo's secret key).
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"DJANGO_ENV must be one of {', '.join(ENVIRONMENTS)}, not {ENVIRONMENT!r}.")
PRODUCTION = ENVIRONMENT == "production"
DEMO_SECRET_KEY = "yifa-demo-insecure-key-change-me-in-production"

# Off unless asked for (`DEBUG=1`): the demo shows what a citizen sees — the portal's own 404 and 500
# pages, not Django's debug page listing every URL pattern.
DEBUG = env_bool("DEBUG", False)
# The demo key is only for a machine nobody else reaches; production refuses to start without a real one.
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else DEMO_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or DEMO_SECRET_KEY in SECRET_KEY or "change-me" in SECRET_KEY):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set to 50 or more random characters, not the demo's key, when "
                               "DJANGO_ENV=production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # yifa, lowest layer first (see DEVELOPERS.md / design notes)
    "yifa.core",
    "yifa.audit",
    "yifa.org",
    "yifa.calendar",
    "yifa.casework",
    "yifa.search",
    "yifa.viewcounts",
    "yifa.pagecache",
    "yifa.notifications",
    "yifa.publication",
    "yifa.portal",
    "yifa.powers",
    "yifa.disclosure",
    "yifa.interaction",
    "yifa.enforcement",
    "yifa.api",
    "yifa.backoffice",
    "yifa.demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django and the rest
    "axes",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: the client's address from a trusted proxy's X-Forwarded-For (yifa.core.clientip).
    "yifa.core.clientip.TrustedProxyMiddleware",
    # Reads from the replica when one is configured; above the session middleware so its save counts as a write.
    "yifa.core.dbrouting.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "yifa.core.middleware.SecurityHeadersMiddleware",
    # A database that stays busy answers 503 with Retry-After, not 500.
    "yifa.core.middleware.DatabaseBusyMiddleware",
    # Below every middleware that adds headers, so a page served from the cache carries them too.
    "yifa.pagecache.middleware.PageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # AxesMiddleware last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "yifa.urls"
WSGI_APPLICATION = "yifa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "yifa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "yifa.core.context_processors.site",
                "yifa.portal.context_processors.module_column",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite in var/ by default (WAL, persistent connections); PostgreSQL through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'yifa.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 600))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers proceed while one writer writes; IMMEDIATE avoids upgrade deadlocks.
        "transaction_mode": "IMMEDIATE",
        "timeout": 10,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
            " PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        ),
    }
# A streaming replica of the PostgreSQL primary (scripts/cluster/up.sh builds one on this machine): anonymous
# visitors' reads go to it, writes and everything after a write to the primary (yifa.core.dbrouting).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("CONN_MAX_AGE", 600), conn_health_checks=True)
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["yifa.core.dbrouting.PrimaryReplicaRouter"]
# After a write, the same browser reads the primary for this many seconds (read-your-writes).
YIFA_READ_YOUR_WRITES_SECONDS = env_int("YIFA_READ_YOUR_WRITES_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds what every app server must agree on (rate limits, login slowdowns), so it is shared: the
# database by default (yifa.core.cache: Django's table, with atomic increments; `migrate` creates the table),
# Redis when REDIS_URL is set (redis://127.0.0.1:6379/0). A per-process or per-host cache (local memory,
# files) would let each server count on its own.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "yifa.core.cache.AtomicDatabaseCache",
            "LOCATION": "yifa_cache",
            "OPTIONS": {"MAX_ENTRIES": env_int("YIFA_CACHE_MAX_ENTRIES", 100_000)},
        }
    )
    | {"TIMEOUT": 600, "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "yifa")},
}
# Public forms' per-client limits (yifa.core.ratelimit, through django-ratelimit) count in that cache.
RATELIMIT_USE_CACHE = "default"
# django-ratelimit's check knows Django's DatabaseCache (non-atomic incr: an error) but not yifa's atomic
# subclass nor Django's own RedisCache (atomic INCR), which it only calls "not officially supported".
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# --- Authentication and security --------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "yifa.backoffice.login_throttle.ThrottledAccountBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "yifa.core.passwords.LocalWordPasswordValidator"},
]
# The proxies whose X-Forwarded-For is believed (nginx on the same host by default); comma-separated CIDRs.
YIFA_TRUSTED_PROXIES = env_list("YIFA_TRUSTED_PROXIES", "127.0.0.1/32,::1/128")
# Login lock-out: 5 failures from one address lock that address out for 30 minutes (whatever accounts it
# tries); failures on one account from any number of addresses slow it down (yifa.backoffice.login_throttle)
# rather than lock its owner out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "yifa.core.clientip.axes_client_ip"
YIFA_LOGIN_FAILURES_BEFORE_BACKOFF = env_int("YIFA_LOGIN_FAILURES_BEFORE_BACKOFF", 10)
WAGTAILADMIN_USER_LOGIN_FORM = "yifa.backoffice.login.LoginForm"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)  # 30 minutes idle
SESSION_SAVE_EVERY_REQUEST = True  # the timeout counts from the last request, not the login
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview uses frames of its own origin
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # HSTS preload is a decision for the site owner; we do not opt in on their behalf.
    SILENCED_SYSTEM_CHECKS += [
        # X_FRAME_OPTIONS stays SAMEORIGIN: Wagtail's live preview shows the page in a same-origin frame.
        "security.W019",
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]

# --- Language and time ----------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "yifa" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]

# --- Files ----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "yifa" / "static"]
# Case files (applicants' documents, evidence) are never public media: they live outside MEDIA_ROOT and
# are served only by views that check the case's policy (X-Accel-Redirect through nginx when set).
YIFA_PRIVATE_ROOT = Path(os.environ.get("YIFA_PRIVATE_ROOT", VAR_DIR / "private"))
YIFA_ACCEL_REDIRECT_PREFIX = os.environ.get("YIFA_ACCEL_REDIRECT_PREFIX", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "yifa.core.storage.PrivateFileStorage"},  # in YIFA_PRIVATE_ROOT
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Without nginx (the demo, development) Django serves static files through WhiteNoise straight from the apps
# (no collectstatic needed) and public media itself, with DEBUG off as with it on. Production leaves both to
# nginx (README) and serves collected, hashed static files.
WHITENOISE_USE_FINDERS = not PRODUCTION
YIFA_SERVE_MEDIA = env_bool("YIFA_SERVE_MEDIA", not PRODUCTION)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Case attachments: allowed extensions and the size limit (casework.attachments)
YIFA_ATTACHMENT_EXTENSIONS = env_list(
    "YIFA_ATTACHMENT_EXTENSIONS", "pdf,ofd,doc,docx,xls,xlsx,wps,et,txt,jpg,jpeg,png,zip"
)
YIFA_ATTACHMENT_MAX_BYTES = env_int("YIFA_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("YIFA_SITE_NAME", "肇东政务公开网站")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = YIFA_ATTACHMENT_EXTENSIONS
# Documents published on the portal are checked like case attachments (type, size, content).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "yifa.portal.forms.CheckedDocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# --- yifa -----------------------------------------------------------------------------------------
# Deadlines within this many working days are "due soon" (derived at query time, never stored).
YIFA_DUE_SOON_WORKING_DAYS = env_int("YIFA_DUE_SOON_WORKING_DAYS", 3)
# 网络安全法 art.21: network logs kept no less than six months. The purge refuses anything younger.
YIFA_AUDIT_RETENTION_DAYS = max(env_int("YIFA_AUDIT_RETENTION_DAYS", 365 * 3), 183)
YIFA_CITY_NAME = os.environ.get("YIFA_CITY_NAME", "肇东市")
YIFA_CITY_PINYIN = os.environ.get("YIFA_CITY_PINYIN", "zhaodong,zhaodongshi")
# Named in every reply's remedies (行政复议法 art.20: without the bodies the applicant's period runs up to a year).
YIFA_RECONSIDERATION_BODY = os.environ.get("YIFA_RECONSIDERATION_BODY", "肇东市人民政府")
YIFA_RECONSIDERATION_BODY_BEFORE_2024 = os.environ.get(
    "YIFA_RECONSIDERATION_BODY_BEFORE_2024", "肇东市人民政府或者上一级主管部门")
YIFA_ADMINISTRATIVE_COURT = os.environ.get("YIFA_ADMINISTRATIVE_COURT", "肇东市人民法院")
# A reply that releases information (予以公开, 部分公开) passes these checks before it goes out, in every department
# that has not set its own (政府信息公开条例 2019 art.17: the agency's review procedure): "confidentiality"
# (保密审查) and "head" (负责人签发). Empty: a clerk may send it alone.
YIFA_RELEASE_REVIEW_DEFAULTS = env_list("YIFA_RELEASE_REVIEW_DEFAULTS", "confidentiality,head")
# The city's published hotlines (民情热线, 企业投诉中心): official contacts, never masked as a citizen's phone.
YIFA_OFFICIAL_PHONES = env_list("YIFA_OFFICIAL_PHONES", "0455-7711365,0455-5919595")
# Public messages (互动交流) each client may leave per hour (no national rule: a local default).
YIFA_MESSAGE_LIMIT_PER_HOUR = env_int("YIFA_MESSAGE_LIMIT_PER_HOUR", 5)
# The reply period of a public message (互动交流): no national rule sets it (rules.md "Government website":
# commonly 5–7 working days, 15 when complex, by local rule), so it is the local rule's, named in the
# deadline's basis. The department may mark a message complex (with a reason), which extends its period to
# the complex one. The inspection's three months unanswered (国办秘函〔2019〕19号, 互动回应差) is a website
# check, not this period (yifa/interaction/checks.py).
YIFA_MESSAGE_REPLY_WORKING_DAYS = env_int("YIFA_MESSAGE_REPLY_WORKING_DAYS", 5)
YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS = env_int("YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS", 15)
# The local rule's title as the deadline's basis cites it; a deployment writes its own document's title here.
YIFA_MESSAGE_REPLY_RULE = os.environ.get("YIFA_MESSAGE_REPLY_RULE", "本市政府网站公众留言办理规定")
# Government-website checks (国办秘函〔2019〕19号): 10 or more columns "应更新但长期未更新" fail the site. The
# checks do not say how long "long" is (nor does rules.md): yifa counts a column that should be updated (news,
# notices, policies) as long-unupdated when it has had no new content for this many months.
YIFA_WEBSITE_LONG_UNUPDATED_MONTHS = env_int("YIFA_WEBSITE_LONG_UNUPDATED_MONTHS", 12)
# Policy interpretations (政策解读) are published with their policy ("同步组织、同步审签、同步部署": 国务院办公厅
# 《关于全面推进政务公开工作的意见》实施细则, 国办发〔2016〕80号). No national text fixes a number of days and
# rules.md is silent: within 3 working days of the policy's publication is the common local standard, so it is
# a setting. The website check lists in-force policies still without a published interpretation after it.
YIFA_POLICY_INTERPRETATION_WORKING_DAYS = env_int("YIFA_POLICY_INTERPRETATION_WORKING_DAYS", 3)
# Publishing a policy without a published interpretation warns the editor; a city whose rule forbids it
# (解读方案未同步报送的不予发布) sets this to refuse the publication instead (the draft is kept).
YIFA_POLICY_INTERPRETATION_REQUIRED = env_bool("YIFA_POLICY_INTERPRETATION_REQUIRED", False)

# `yifa demo` places its current work (cases running, due soon, overdue, paused, just concluded) around this day,
# YYYY-MM-DD; empty: the day it runs. For preparing a demo for another day and for tests (yifa/core/demo.py).
YIFA_DEMO_TODAY = os.environ.get("YIFA_DEMO_TODAY", "").strip()

# Published pages for anonymous visitors, stored as files nginx can serve (yifa/pagecache/README.md).
YIFA_PAGE_CACHE = env_bool("YIFA_PAGE_CACHE", True)
YIFA_PAGE_CACHE_DIR = Path(os.environ.get("YIFA_PAGE_CACHE_DIR", VAR_DIR / "pagecache"))
# Views (点击数) one client may add to one page per hour; more are answered but not counted.
YIFA_VIEWS_PER_CLIENT_PER_HOUR = env_int("YIFA_VIEWS_PER_CLIENT_PER_HOUR", 30)

# Notifications (yifa/notifications/README.md): e-mail through Django's backend, SMS through a gateway class.
# Without EMAIL_BACKEND, development writes each message to a file in var/mail and production uses SMTP.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION
                               else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that does not answer fails the attempt after this long (it is retried later), not the request.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "yifa@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The SMS gateway: a dotted path to a yifa.notifications.sms.SmsBackend subclass (the default only logs).
YIFA_SMS_BACKEND = os.environ.get("YIFA_SMS_BACKEND", "yifa.notifications.sms.LoggingSmsBackend")
# Deadlines are reminded of this many working days before they fall due (and once when overdue).
YIFA_REMIND_DAYS_BEFORE = env_int("YIFA_REMIND_DAYS_BEFORE", 2)
# A delivery that keeps failing is tried this many times (5 min, 15 min, 45 min … up to a day apart), then failed.
YIFA_NOTIFY_MAX_ATTEMPTS = env_int("YIFA_NOTIFY_MAX_ATTEMPTS", 8)
YIFA_NOTIFICATIONS = env_bool("YIFA_NOTIFICATIONS", True)

# Enforcement personnel (行政执法人员资格管理): the law exam's pass mark (out of 100), how long a
# certificate is valid, and how many days before its expiry the holder and the legal affairs office are reminded.
YIFA_ENFORCEMENT_EXAM_PASS_MARK = env_int("YIFA_ENFORCEMENT_EXAM_PASS_MARK", 60)
YIFA_ENFORCEMENT_CERTIFICATE_YEARS = env_int("YIFA_ENFORCEMENT_CERTIFICATE_YEARS", 3)
YIFA_ENFORCEMENT_EXPIRY_REMIND_DAYS = env_int("YIFA_ENFORCEMENT_EXPIRY_REMIND_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
