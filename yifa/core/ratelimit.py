"""A per-client limit on public forms (messages, disclosure requests, look-ups, view counts).

Counted by django-ratelimit in the shared cache (the database, or Redis where configured: see
yifa.core.cache and the settings), so every app server and process counts against one limit, with atomic
increments. The window is fixed (django-ratelimit's: it ends at a time of its own for each client).

A submission refused after it was counted (the action found a mistake, stored nothing) gives its use back
(`refund`): a citizen correcting a mistake is not held back. django-ratelimit only counts up, so the uses
given back are counted in a second counter of the same client and window, and a client is over the limit
when its uses less those given back exceed it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging

from django.http import HttpRequest
from django_ratelimit.core import get_usage

logger = logging.getLogger("yifa.ratelimit")

REFUNDS = ":refunded"


def client_key(request: HttpRequest) -> str:
    """The client a limit counts: its address (behind nginx, set from a trusted proxy's header by
    yifa.core.clientip). An IPv6 client counts by its /64, the block one subscriber is given."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        pass
    else:
        if ip.version == 6 and not ip.ipv4_mapped:
            address = str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def _key(group: str, request: HttpRequest) -> str:
    return client_key(request)


def _usage(request: HttpRequest, group: str, limit: int, window_seconds: int, *, increment: bool) -> int | None:
    """The client's count in the current window (None when the cache could not count)."""
    try:
        usage = get_usage(request, group=group, key=_key, rate=(limit, window_seconds), increment=increment)
    except Exception:  # the cache is down: a citizen's submission is not refused for it
        logger.exception("rate limit %s could not be counted; letting the request through", group)
        return None
    if usage is None or usage["time_left"] == -1:  # counting failed inside django-ratelimit
        logger.error("rate limit %s could not be counted; letting the request through", group)
        return None
    return int(usage["count"])


def hit(request: HttpRequest, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of `scope` by this client; False once the client is over `limit` in the window."""
    used = _usage(request, scope, limit, window_seconds, increment=True)
    if used is None or used <= limit:
        return True
    refunded = _usage(request, scope + REFUNDS, limit, window_seconds, increment=False) or 0
    return used - refunded <= limit


def refund(request: HttpRequest, scope: str, *, limit: int, window_seconds: int) -> None:
    """Give back one use: the submission it counted was refused and stored nothing."""
    _usage(request, scope + REFUNDS, limit, window_seconds, increment=True)
