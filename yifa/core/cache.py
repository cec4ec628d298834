"""The cache every app server shares: Django's database cache, with increments that are atomic.

yifa's default cache is the database (one table, `yifa_cache`, created by `migrate`), so that several app
servers share rate limits and login slowdowns without another service; a deployment with Redis sets
REDIS_URL and gets Django's RedisCache instead (settings). Django's DatabaseCache implements `incr` as a
read followed by a write, so two servers counting at once can both read 4 and both write 5: a limit of 5
lets 6 or more through. Here the read and the write happen in one transaction with the row locked
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE transactions take the one write lock before the
read), so concurrent increments queue and none is lost. `add` was already safe: the key is the table's
primary key, so of two concurrent inserts one fails and reports the key as taken.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connections, models, router, transaction
from django.utils.timezone import now


class AtomicDatabaseCache(DatabaseCache):
    """DatabaseCache whose incr/decr cannot lose a concurrent update (see the module's docstring)."""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]  # set by BaseDatabaseCache, not in the stubs
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')}, {quote('expires')} FROM {table} WHERE {quote('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",
                           [encoded, key])
        return value

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        return self.incr(key, -delta, version=version)

    @staticmethod
    def _expired(connection: Any, expires: Any) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < now()


def create_cache_tables(using: str = "default", **kwargs: Any) -> None:
    """After every `migrate` (post_migrate): the database cache's table, if it is configured and missing.

    `createcachetable` skips a table that exists, so this is cheap and runs wherever migrate runs: a new
    server, `make demo`, the test databases."""
    call_command("createcachetable", database=using, verbosity=0)
