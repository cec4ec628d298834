"""Slowing down guesses at one account from many addresses (login lock-out by account).

django-axes locks an address out after a few failures. An attacker with many addresses could still
try an account's password a few times from each; locking the account itself would let anyone lock
its owner out. So failures on an account, from any address, are counted for an hour, and past
YIFA_LOGIN_FAILURES_BEFORE_BACKOFF each further attempt must wait longer since the last failure (1, 2,
4 … minutes, at most 30): 80 guesses from 20 addresses now take days, while the owner waits minutes.
The count lives in the shared cache (the database or Redis: every app server counts on it); the first
slowdown is in the audit log. The address lock-out is django-axes' and lives in the database (its default
AxesDatabaseHandler: AccessAttempt rows), so it too counts across app servers.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from yifa.audit.actions import record_event
from yifa.audit.actors import SystemJob

WINDOW_SECONDS = 3600
FIRST_WAIT_SECONDS = 60
LONGEST_WAIT_SECONDS = 30 * 60


def _key(username: str) -> str:
    digest = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()[:32]
    return f"yifa:login-failures:{digest}"


def failures(username: str) -> tuple[int, float]:
    """(failures in the last hour, time of the last one)."""
    key = _key(username)
    values = cache.get_many([key, key + ":last"])
    return int(values.get(key) or 0), float(values.get(key + ":last") or 0.0)


def _add_failure(username: str) -> int:
    """One more failure on the account; the count after it. The increment is atomic in the shared cache, so
    failures sent to several app servers at once are all counted; the hour runs from the last failure."""
    key = _key(username)
    cache.set(key + ":last", time.time(), timeout=WINDOW_SECONDS)
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        count = int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return 1
    cache.touch(key, timeout=WINDOW_SECONDS)
    return count


def wait_seconds(username: str, now: float | None = None) -> int:
    """How long this account must wait before the next attempt is even checked (0: not slowed down)."""
    count, last = failures(username)
    over = count - settings.YIFA_LOGIN_FAILURES_BEFORE_BACKOFF
    if over < 0:
        return 0
    wait = min(FIRST_WAIT_SECONDS * 2 ** min(over, 10), LONGEST_WAIT_SECONDS)
    return max(0, int(last + wait - (now if now is not None else time.time())))


@receiver(user_login_failed, dispatch_uid="yifa.backoffice.login_throttle.failed")
def _count_failure(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    if not username or getattr(request, "_yifa_login_throttled", False):
        return  # an attempt refused for waiting is not another failure: the owner's retry must not extend it
    count = _add_failure(username)
    if count == settings.YIFA_LOGIN_FAILURES_BEFORE_BACKOFF:
        ip = request.META.get("REMOTE_ADDR") if request is not None else None
        record_event(actor=SystemJob("auth.throttle"), event_type="auth.account_throttled", ip=ip or None,
                     new={"username": username[:150], "failures": count})


@receiver(user_logged_in, dispatch_uid="yifa.backoffice.login_throttle.succeeded")
def _forget_failures(sender: Any, user: Any, **kwargs: Any) -> None:
    key = _key(user.get_username())
    cache.delete_many([key, key + ":last"])


class ThrottledAccountBackend(ModelBackend):
    """Before any password is checked: refuse an account that must still wait (Django stops at PermissionDenied)."""

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> None:
        if username and wait_seconds(username) > 0:
            if request is not None:
                request._yifa_login_throttled = True
            raise PermissionDenied
        return None
