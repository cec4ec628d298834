"""Reading the organisation: what the public may always read of it."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings

from .models import Department

_OFFICIAL: list[tuple[float, frozenset[str]]] = []
OFFICIAL_PHONES_SECONDS = 60.0


def official_phones() -> frozenset[str]:
    """Phones the government publishes (each department's, the hotlines in YIFA_OFFICIAL_PHONES): never
    masked as a natural person's. Read once a minute per process."""
    now = time.monotonic()
    if _OFFICIAL and now - _OFFICIAL[0][0] < OFFICIAL_PHONES_SECONDS:
        return _OFFICIAL[0][1]
    phones = frozenset(
        list(Department.objects.filter(is_active=True).exclude(phone="").values_list("phone", flat=True))
        + list(settings.YIFA_OFFICIAL_PHONES))
    _OFFICIAL[:] = [(now, phones)]
    return phones


def forget_official_phones() -> None:
    _OFFICIAL.clear()


def department_filter(code: str) -> tuple[list[Any], Any, str]:
    """A public list's department filter from `?department=<code>`: the active departments to choose from, the one
    chosen (or None), and the code as given when it matched none (for a notice; the list then shows all)."""
    from .models import Department

    departments = list(Department.objects.filter(is_active=True).only("pk", "name", "code", "sort_order"))
    code = (code or "").strip()[:30]
    chosen = next((d for d in departments if d.code == code), None) if code else None
    return departments, chosen, code if code and chosen is None else ""
