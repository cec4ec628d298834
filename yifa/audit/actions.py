"""Writing to the audit log. Called by every other app's action functions, inside their transaction."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from .actors import Actor, PublicVisitor, SystemJob
from .event_types import is_registered
from .models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "system:unknown"
    if isinstance(actor, SystemJob | PublicVisitor):
        return str(actor)
    if not getattr(actor, "is_authenticated", False):
        return "public:anonymous"
    staff = getattr(actor, "staff", None)
    name = staff.name if staff is not None else (actor.get_full_name() or actor.get_username())  # type: ignore[union-attr]
    return f"{name} ({actor.get_username()})"


def record_event(
    *,
    actor: Actor | None,
    event_type: str,
    target: models.Model | None = None,
    department: Any = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
    ip: str | None = None,
) -> AuditEvent:
    """Append one row. Must run inside the caller's transaction so the log and the change agree."""
    event = build_event(
        actor=actor, event_type=event_type, target=target, department=department, old=old, new=new,
        reason=reason, ip=ip,
    )
    event.save()
    return event


# The columns a bulk append writes; occurred_at is stamped here, as auto_now_add would.
BULK_FIELDS = ("occurred_at", "actor_user", "actor_label", "actor_ip", "event_type", "target_type", "target_id",
               "target_repr", "department", "old_values", "new_values", "reason")


def record_events(events: list[dict[str, Any]]) -> int:
    """Append many rows at once (a system job touching thousands of records), in the caller's transaction.

    Each event is a dict of AuditEvent fields (ids for the foreign keys: `target_type_id`, …); the
    event type must be registered. One prepared INSERT: 100,000 rows in about a second."""
    from yifa.core.bulk import insert_prepared, prepare

    now = prepare(AuditEvent, "occurred_at", timezone.now())
    # JSON text, as the column stores it; default=str writes dates as ISO dates, as _jsonable does.
    dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode
    rows = []
    for event in events:
        if not is_registered(event["event_type"]):
            raise ValueError(f"unregistered audit event type {event['event_type']!r}")
        rows.append([
            now, event.get("actor_user_id"), event["actor_label"][:150], event.get("actor_ip"), event["event_type"],
            event.get("target_type_id"), str(event.get("target_id", "")), str(event.get("target_repr", ""))[:255],
            event.get("department_id"), dumps(event.get("old_values") or {}), dumps(event.get("new_values") or {}),
            event.get("reason", ""),
        ])
    return insert_prepared(AuditEvent, BULK_FIELDS, rows)


def build_event(
    *,
    actor: Actor | None,
    event_type: str,
    target: models.Model | None = None,
    department: Any = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
    ip: str | None = None,
) -> AuditEvent:
    """An unsaved row, checked like `record_event`'s."""
    if not is_registered(event_type):
        raise ValueError(f"unregistered audit event type {event_type!r}")
    user: Any = actor if getattr(actor, "is_authenticated", False) and not isinstance(actor, SystemJob) else None
    if ip is None and isinstance(actor, PublicVisitor) and actor.ip:
        ip = actor.ip
    if department is None and target is not None:
        # A department's own records are logged under it, so its staff see them in the audit report.
        department = target if target._meta.label == "org.Department" else getattr(target, "department", None)
    event = AuditEvent(
        actor_user=user,
        actor_label=actor_label(actor)[:150],
        actor_ip=ip or None,
        event_type=event_type,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        department=department,
        old_values=_jsonable(old or {}),
        new_values=_jsonable(new or {}),
        reason=reason,
    )
    return event


def purge_expired_events(*, actor: Actor, older_than_days: int | None = None) -> int:
    """Remove rows past the retention period; refuses any period shorter than six months."""
    days = settings.YIFA_AUDIT_RETENTION_DAYS if older_than_days is None else older_than_days
    if days < 183:
        raise ValueError("网络安全法第二十一条：网络日志留存不少于六个月，不能清理 183 天以内的审计日志。")
    cutoff = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The database refuses to delete audit rows except in a transaction that says it is this purge.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL yifa.audit_purge = 'on'")
        expired = AuditEvent.objects.filter(occurred_at__lt=cutoff)
        ids = list(expired.values_list("pk", flat=True))
        # The only delete path: a raw queryset delete that bypasses the append-only guard.
        count = models.QuerySet(model=AuditEvent).filter(pk__in=ids)._raw_delete(AuditEvent.objects.db)  # noqa: SLF001
        record_event(actor=actor, event_type="audit.purged", new={"removed": count, "cutoff": cutoff})
    return count


def _field_values(instance: models.Model, fields: list[str] | None) -> dict[str, Any]:
    names = fields or [f.name for f in instance._meta.concrete_fields if not f.primary_key]
    values: dict[str, Any] = {}
    for name in names:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = getattr(instance, attname)
    return values


def actor_may(policy: Any, actor: Actor | None, action: str, instance: models.Model | None) -> bool:
    """System jobs (commands, scheduled work) run with the server's authority; people need the policy."""
    if isinstance(actor, SystemJob):
        return True
    return bool(policy.can(actor, action, instance))


def check_actor(policy: Any, actor: Actor | None, action: str, instance: models.Model | None = None) -> None:
    if isinstance(actor, SystemJob):
        return
    policy.check(actor, action, instance)


def save_record(
    *,
    actor: Actor | None,
    instance: models.Model,
    policy: Any,
    event_type: str,
    fields: list[str] | None = None,
    reason: str = "",
) -> models.Model:
    """The shared write path for reference data: check, validate, save, and log old and new values."""
    from django.core.exceptions import ValidationError  # noqa: F401  (raised by full_clean)

    adding = instance._state.adding
    check_actor(policy, actor, "add" if adding else "change", instance)
    instance.full_clean()
    with transaction.atomic():
        old: dict[str, Any] = {}
        if not adding:
            before = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
            old = _field_values(before, fields)
        instance.save()
        new = _field_values(instance, fields)
        if not adding:
            changed = {k for k in new if old.get(k) != new[k]}
            old = {k: v for k, v in old.items() if k in changed}
            new = {k: v for k, v in new.items() if k in changed}
        record_event(actor=actor, event_type=event_type, target=instance, old=old, new=new, reason=reason)
    return instance


def record_events_for_rows(
    *,
    actor: Actor,
    event_type: str,
    rows: models.QuerySet,
    old: dict[str, Any],
    new: dict[str, Any],
    id_key: str,
    reason: str = "",
) -> int:
    """One event per row of `rows` (a queryset of records that point at their case through
    `target_type`/`target_id` and have `department` and `purpose`), written by one INSERT … SELECT.

    For a system job that changes thousands of records alike (deadlines recomputed after a calendar
    change): `old` and `new` are the same for every row except the row's own id, stored under
    `id_key`; each event is logged on the row's case."""
    from django.db import connections, router

    if not is_registered(event_type):
        raise ValueError(f"unregistered audit event type {event_type!r}")
    model = rows.model
    connection = connections[router.db_for_write(AuditEvent)]
    quote = connection.ops.quote_name
    inner_sql, inner_params = rows.values("pk").query.sql_with_params()

    def json_with_id(values: dict[str, Any]) -> tuple[str, list[str]]:
        rest = json.dumps(_jsonable(values), ensure_ascii=False)[1:]  # '…}' or '}'
        prefix = "{" + json.dumps(id_key) + ": "
        expression = f"%s || CAST(r.{quote(model._meta.pk.column)} AS TEXT) || %s"  # type: ignore[union-attr]
        if connection.vendor == "postgresql":
            expression = f"CAST({expression} AS jsonb)"
        return expression, [prefix, (", " + rest) if rest != "}" else "}"]

    old_sql, old_params = json_with_id(old)
    new_sql, new_params = json_with_id(new)
    columns = ", ".join(quote(AuditEvent._meta.get_field(name).column) for name in BULK_FIELDS)  # type: ignore[union-attr,arg-type]
    sql = (
        f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({columns}) "
        f"SELECT %s, NULL, %s, NULL, %s, r.{quote('target_type_id')}, r.{quote('target_id')}, "
        f"SUBSTR(r.{quote('purpose')}, 1, 255), r.{quote('department_id')}, {old_sql}, {new_sql}, %s "
        f"FROM {quote(model._meta.db_table)} r WHERE r.{quote(model._meta.pk.column)} IN ({inner_sql})"  # type: ignore[union-attr]
    )
    from yifa.core.bulk import prepare

    params = [prepare(AuditEvent, "occurred_at", timezone.now()), actor_label(actor)[:150], event_type,
              *old_params, *new_params, reason, *inner_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
