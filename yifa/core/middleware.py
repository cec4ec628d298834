"""Security headers that Django's SecurityMiddleware does not set: the Content-Security-Policy above all.

No inline script runs anywhere: the portal has none, and the back office's few (Wagtail's inline
panels and date widgets, in yifa/core/templates/wagtailadmin/) carry this response's nonce. A script
smuggled into a page — a label in a flowchart, a title — is not executed even if it escaped escaping.
Styles still allow inline `style` attributes, which Wagtail's admin and the flowcharts use.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from contextvars import ContextVar

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_NONCE: ContextVar[str] = ContextVar("yifa_csp_nonce", default="")


def current_nonce() -> str:
    """This request's nonce (made on first use), for `{% csp_nonce %}`."""
    nonce = _NONCE.get()
    if not nonce:
        nonce = secrets.token_urlsafe(18)
        _NONCE.set(nonce)
    return nonce


def content_security_policy(nonce: str = "") -> str:
    scripts = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    return (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        f"script-src {scripts}; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; "
        "form-action 'self'"
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _NONCE.set("")
        try:
            response = self.get_response(request)
            # A nonce is in the policy only when the page used one (a cached portal page never does).
            response.headers.setdefault("Content-Security-Policy", content_security_policy(_NONCE.get()))
        finally:
            _NONCE.reset(token)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


BUSY_RETRY_AFTER_SECONDS = 5


def _database_busy(error: BaseException) -> bool:
    # SQLite: another connection holds the write lock beyond busy_timeout. PostgreSQL: a lock or statement
    # timeout. Both mean "try again shortly", not a fault in the request.
    text = str(error).lower()
    return isinstance(error, OperationalError) and any(
        sign in text for sign in ("database is locked", "database table is locked", "lock timeout",
                                  "canceling statement due to statement timeout"))


class DatabaseBusyMiddleware:
    """A database that stays busy answers 503 with Retry-After, in the visitor's language, never a 500.

    On SQLite one writer holds the whole database; a long write (a big import) makes other writes wait
    for busy_timeout. The request changed nothing (its transaction rolled back), so the visitor may simply
    send it again. If this happens more than rarely, the deployment has outgrown SQLite (README)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not _database_busy(exception):
            return None
        logger.warning("database busy: %s %s", request.method, request.path)
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": _("系统正忙，请稍后重试。")}, status=503)
        else:
            response = render(request, "core/busy.html", status=503)
        response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
        return response
