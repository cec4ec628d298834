"""Reads from a streaming replica, writes to the primary, and every reader sees its own writes.

Active only when `DATABASE_REPLICA_URL` sets a `replica` database (settings). Then:

- Outside a request (management commands, the task worker, the shell, tests) everything uses the primary.
- In a request, reads go to the replica only when it is a safe method (GET, HEAD, OPTIONS), carries no
  session cookie (staff, and anyone logged in, read the primary: what they just saved is what they see),
  and carries no read-your-writes cookie. Everything else reads the primary.
- The first write a request makes on the primary (INSERT, UPDATE, DELETE … as executed, raw SQL included)
  pins the rest of that request to the primary, as does an open transaction on the primary (a read inside
  an action's transaction, `select_for_update` included, sees that transaction's rows).
- A response to a request that wrote sets the read-your-writes cookie for `YIFA_READ_YOUR_WRITES_SECONDS`
  (10): the same browser's next reads use the primary while the replica catches up (on one machine it lags
  by milliseconds; the cookie covers seconds).
- If the replica cannot be reached the request reads the primary, and the replica is not tried again for
  `REPLICA_RETRY_SECONDS` in this process: a replica failure slows the site, it does not take it down.

The page cache (yifa.pagecache) renders the pages it stores from the primary (`use_primary`): a stored
page outlives a purge's render only if what it was rendered from was already committed, which the replica
cannot promise in the moment after a publish.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
COOKIE = "yifa_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REPLICA_RETRY_SECONDS = 30.0


@dataclass
class _State:
    replica_allowed: bool = False
    wrote: bool = False


# Default (no request, or a request not marked): primary only. Each request gets its own state object.
_state: contextvars.ContextVar[_State | None] = contextvars.ContextVar("yifa_db_routing", default=None)
_replica_down_until = 0.0


ROUTER = f"{__name__}.PrimaryReplicaRouter"


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES and ROUTER in settings.DATABASE_ROUTERS


def use_primary() -> None:
    """Read the primary for the rest of this request (no-op outside a request)."""
    state = _state.get()
    if state is not None:
        state.replica_allowed = False


def wrote_in_this_request() -> bool:
    state = _state.get()
    return bool(state and state.wrote)


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry when a replica is configured (see the module's docstring)."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        state = _state.get()
        if state is None or not state.replica_allowed:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # inside a transaction on the primary: read what it has written
        return REPLICA

    def db_for_write(self, model: type, **hints: Any) -> str:
        # Not itself a write: get_or_create asks here and usually only reads (Wagtail's site settings on every
        # page). What the primary executes decides (_watch_writes).
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows: objects from either may be related

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db != REPLICA  # a standby is read-only; it receives the schema by replication


def _replica_reachable() -> bool:
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        replica = connections[REPLICA]
        replica.close_if_health_check_failed()  # a kept connection to a replica that restarted (CONN_HEALTH_CHECKS)
        replica.ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning("replica unreachable, reading the primary for %ss: %s", REPLICA_RETRY_SECONDS, error)
        return False
    return True


_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|MERGE|COPY|CREATE|ALTER|DROP|TRUNCATE)\b", re.IGNORECASE)


def _watch_writes(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    """On the primary's connection during a request: the first write pins the request to the primary."""
    state = _state.get()
    if state is not None and not state.wrote and _WRITE.match(sql):
        state.wrote = True
        state.replica_allowed = False
    return execute(sql, params, many, context)


def may_read_replica(request: HttpRequest) -> bool:
    return (
        request.method in SAFE_METHODS
        and COOKIE not in request.COOKIES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaRoutingMiddleware:
    """Above the session middleware, so the session saved on the way out counts as a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        state = _State(replica_allowed=may_read_replica(request) and _replica_reachable())
        token = _state.set(state)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(_watch_writes):
                response = self.get_response(request)
        finally:
            _state.reset(token)
        if state.wrote:
            response.set_cookie(
                COOKIE, "1", max_age=settings.YIFA_READ_YOUR_WRITES_SECONDS, httponly=True, samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
