"""Order keys: one 64-bit integer per document whose order is "newest published first".

key = (seconds since 1900-01-01 UTC) × 2^20 + a tie-breaker for documents of the same second; an
undated document gets UNDATED + a 40-bit tie-breaker, below every dated one. The tie-breaker comes
from a hash of (source, key), moved on to the next free value when taken, so it needs no id and a
bulk load computes every key before inserting. On SQLite the key is also the FTS5 rowid, so the
index yields matches newest first and stops after one page; a date range is a rowid range.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable

SECOND_BITS = 20
UNDATED_BITS = 40
UNDATED = -(2**62)
SECONDS_1900_TO_1970 = 2_208_988_800
FIRST_DATED = UNDATED + (1 << UNDATED_BITS)  # every dated key is at least this


def second_of(moment: dt.datetime) -> int:
    """Whole seconds since 1900-01-01 UTC (microseconds dropped)."""
    return calendar.timegm(moment.utctimetuple()) + SECONDS_1900_TO_1970


def first_key_at(moment: dt.datetime) -> int:
    """The smallest key of a document published at `moment` or later: for date ranges."""
    return second_of(moment) << SECOND_BITS


def _tie_breaker(source: str, key: str, bits: int) -> int:
    digest = hashlib.blake2b(f"{source}\x00{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << bits) - 1)


def candidate(source: str, key: str, published_at: dt.datetime | None, attempt: int = 0) -> int:
    if published_at is None:
        bits, base = UNDATED_BITS, UNDATED
    else:
        bits, base = SECOND_BITS, first_key_at(published_at)
    return base + ((_tie_breaker(source, key, bits) + attempt) & ((1 << bits) - 1))


def assign(
    documents: Iterable[tuple[str, str, dt.datetime | None]],
    taken: Callable[[set[int]], set[int]],
) -> list[int]:
    """A free key for each (source, key, published_at), given `taken(keys)`: which of keys are in use."""
    documents = list(documents)
    attempts = [0] * len(documents)
    keys = [candidate(s, k, p) for s, k, p in documents]
    pending = set(range(len(documents)))
    while pending:
        used = taken({keys[i] for i in pending})
        mine: set[int] = {keys[i] for i in range(len(documents)) if i not in pending}
        next_pending = set()
        for i in sorted(pending):
            if keys[i] in used or keys[i] in mine:
                attempts[i] += 1
                keys[i] = candidate(*documents[i], attempt=attempts[i])
                next_pending.add(i)
            else:
                mine.add(keys[i])
        pending = next_pending
    return keys
