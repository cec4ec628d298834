"""Writing many rows' fields at once, for system jobs that touch tens of thousands of records.

Django's `bulk_update` builds one CASE expression per field over the whole batch, which the
database evaluates for every row: quadratic in the batch size (100,000 deadlines took minutes on
SQLite). One prepared UPDATE run with `executemany` is linear on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, models, router

MULTI_ROW = 1000


def prepare(model: type[models.Model], field_name: str, value: Any) -> Any:
    """`value` as the database stores it in `field_name` (e.g. JSON text), to prepare a shared value once."""
    connection = connections[router.db_for_write(model)]
    return model._meta.get_field(field_name).get_db_prep_save(value, connection)  # type: ignore[union-attr]


def update_prepared(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """UPDATE `fields` by primary key; each row is the fields' database values, then the primary key."""
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in fields)  # type: ignore[union-attr,arg-type]
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # type: ignore[union-attr,arg-type]
    rows = list(rows)
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    return len(rows)


def insert_prepared(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT rows of the fields' database values with one prepared statement (no save(), no signals)."""
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)  # type: ignore[union-attr,arg-type]
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
    rows = list(rows)
    if not rows:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Multi-row VALUES: one statement per MULTI_ROW rows is 2–3× faster than executemany's one
            # statement a row, even pipelined (measured by `make bench`: the powers import, the recompute's log).
            per = max(1, min(MULTI_ROW, 60_000 // len(fields)))  # PostgreSQL takes at most 65,535 parameters
            for start in range(0, len(rows), per):
                chunk = rows[start:start + per]
                cursor.execute(sql + ", ".join([placeholders] * len(chunk)), [v for row in chunk for v in row])
        else:
            cursor.executemany(sql + placeholders, rows)  # SQLite: executemany of one prepared statement is fastest
    return len(rows)
