"""Test settings: fast and hermetic (fast hasher, immediate tasks, local-memory cache and mail)."""

import os
import tempfile

os.environ.setdefault("YIFA_VAR_DIR", tempfile.mkdtemp(prefix="yifa-test-var-"))

from . import *  # noqa: E402,F403
from . import DATABASES, VAR_DIR  # noqa: E402

# A 'replica' alias mirroring the test database, for the replica router's tests (yifa/core/tests/test_dbrouting.py);
# nothing reads it unless a test installs the router (DATABASE_ROUTERS).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite's cache is per process (each test empties it); the shared caches are tested across processes in
# yifa/core/tests/test_shared_rate_limit.py. django-ratelimit's check rightly calls local memory unshared.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "media"
YIFA_PRIVATE_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "yifa.core.storage.PrivateFileStorage"},  # in YIFA_PRIVATE_ROOT
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Off for the suite (a rolled-back test would leave its pages on disk); yifa/pagecache's tests turn it on.
YIFA_PAGE_CACHE = False
# The browser tests' live server answers a page and its scripts on parallel threads. An in-memory SQLite
# database is shared between them with table locks that do not wait (busy_timeout does not apply), so two
# requests saving the session at once failed with "database table is locked" (a 400, a console error). A
# file in the test var directory waits like the real database does (WAL, busy_timeout).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
