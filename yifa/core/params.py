"""Numbers from a query string, bounded: a page, a year or an id typed as 99999999999999999999 is a
normal request that gets the nearest sensible value (or none), never an overflow in the database."""

from __future__ import annotations

from typing import overload

# Ids are database integers: nothing above this exists (and SQLite cannot even compare with it).
MAX_ID = 2**31 - 1


@overload
def int_param(value: object, *, default: int, minimum: int, maximum: int) -> int: ...
@overload
def int_param(value: object, *, default: None, minimum: int, maximum: int) -> int | None: ...
def int_param(value: object, *, default: int | None, minimum: int, maximum: int) -> int | None:
    """`value` as an int within [minimum, maximum]; `default` when it is missing or not a number."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > 20 or not text.lstrip("-").isdigit():
        return default
    return min(max(int(text), minimum), maximum)


def id_param(value: object) -> int | None:
    """A record id from the query string, or None when it cannot be one."""
    number = int_param(value, default=None, minimum=0, maximum=MAX_ID + 1)
    return number if number and number <= MAX_ID else None
