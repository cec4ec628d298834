"""Security headers that Django's SecurityMiddleware does not set: the Content-Security-Policy above all.

No inline script runs anywhere: the portal has none, and the back office's few (Wagtail's inline
panels and date widgets, in yifa/core/templates/wagtailadmin/) carry this response's nonce. A script
smuggled into a page — a label in a flowchart, a title — is not executed even if it escaped escaping.
Styles still allow inline `style` attributes, which Wagtail's admin and the flowcharts use.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

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
