"""Serving and storing published pages in-process, for deployments without nginx (`make demo`).

A request may be answered from the cache when it is an anonymous GET without a query string in the
default language: no session cookie (staff are logged in), no language other than the default
(chosen by cookie or by the browser's Accept-Language). Its response is stored when Wagtail served
a published page without view restrictions (marked by the `before_serve_page` hook) and the
response is a plain 200 HTML page that sets no cookie.

The middleware sits below the ones that add headers (security, CSP, Content-Language), so a page
from the cache carries the same headers as a rendered one. It cannot see cookies that middleware
above it sets on the way out (CSRF, session, messages), so it checks the request state they act on.

With a database replica (yifa.core.dbrouting) a page that may be stored is rendered from the primary.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from yifa.core.dbrouting import use_primary

from . import store

CACHEABLE_PAGE = "_yifa_pagecache_page"  # set on the request by wagtail_hooks.mark_cacheable_page


def may_use_cache(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE
    )


def _sets_a_cookie(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        response.cookies
        or response.has_header("Set-Cookie")
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page used a CSRF token
        or (session is not None and session.modified)
        or (messages is not None and getattr(messages, "_queued_messages", None))
    )


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        getattr(request, CACHEABLE_PAGE, False)
        and not getattr(request, "is_preview", False)
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and not _sets_a_cookie(request, response)
    )


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.YIFA_PAGE_CACHE or not may_use_cache(request):
            return self.get_response(request)
        file = store.cache_file(request)
        if file is None:
            return self.get_response(request)
        content = store.read(file)
        if content is not None:
            response = HttpResponse(content, content_type="text/html; charset=utf-8")
            response["X-Yifa-Cache"] = "hit"
            return response
        # A page that will be stored is rendered from the primary: a replica may not yet have the publish
        # whose purge emptied the cache, and the stale page would stay until the next purge.
        use_primary()
        generation = store.generation()  # before rendering: see store.py on purges during a render
        response = self.get_response(request)
        if may_store(request, response) and store.store(file, response.content, generation):
            response["X-Yifa-Cache"] = "miss"
        return response
