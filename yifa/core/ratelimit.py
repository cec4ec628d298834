"""A per-client limit on public forms (messages, disclosure requests), kept in the cache.

A fixed window per client and form: simple, shared by every app server through the cache (use
Redis or Memcached in production so the count is common to all processes).
"""

from __future__ import annotations

import contextlib
import hashlib

from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest) -> str:
    # Behind nginx, REMOTE_ADDR is the client's, set from a trusted proxy's header (yifa.core.clientip).
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def hit(request: HttpRequest, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of `scope` by this client; False once the client is over `limit` in the window."""
    key = f"yifa:ratelimit:{scope}:{client_key(request)}"
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit


def refund(request: HttpRequest, scope: str) -> None:
    """Give back one use: the submission it counted was refused and stored nothing."""
    key = f"yifa:ratelimit:{scope}:{client_key(request)}"
    with contextlib.suppress(ValueError):  # expired meanwhile: nothing to give back
        cache.decr(key)
