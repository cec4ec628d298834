"""Counting a view: the one write of this app.

`record_view` adds one to the page's total and to its count for the day in a single transaction,
each with an atomic upsert, valid on SQLite (3.35+) and PostgreSQL:

    INSERT INTO … (page_id, day, views) VALUES (…, 1)
    ON CONFLICT (page_id, day) DO UPDATE SET views = ….views + 1

The database does the addition, so eight processes counting at once lose no increment (a
read-modify-write in Python would). The total's upsert returns the fresh total with RETURNING.

Unlike other actions, a view is not written to the audit log: it is not an act anyone answers for,
and one audit row per page view would make the audit log the site's largest write load.
The permission check is the page itself: only live pages the public may see are counted.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused

from .models import DailyPageViews, PageViewTotal
from .selectors import is_countable


class PageNotCountable(ActionRefused):
    """The page does not exist, is not live, or is not public."""


def _upsert_sql(model: type, key_columns: tuple[str, ...], returning: bool) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)  # type: ignore[attr-defined]
    columns = [*key_columns, "views"]
    placeholders = ", ".join(["%s"] * len(key_columns) + ["1"])
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) VALUES ({placeholders}) "
        f"ON CONFLICT ({', '.join(quote(c) for c in key_columns)}) "
        f"DO UPDATE SET {quote('views')} = {table}.{quote('views')} + 1"
    )
    return sql + (f" RETURNING {quote('views')}" if returning else "")


def record_view(*, page_id: int, day: dt.date | None = None) -> int:
    """Count one view of the page on `day` (today, local time); returns the page's new total."""
    if not is_countable(page_id):
        raise PageNotCountable(_("该网页不存在或未公开，不计点击数。"))
    day = day or timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        # Same order (daily, then total) in every transaction: concurrent views never deadlock.
        cursor.execute(_upsert_sql(DailyPageViews, ("page_id", "day"), returning=False), [page_id, day])
        cursor.execute(_upsert_sql(PageViewTotal, ("page_id",), returning=True), [page_id])
        (total,) = cursor.fetchone()
    return int(total)
