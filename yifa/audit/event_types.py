"""Registry of audit event types. Each app registers its own codes with a translatable label.

Codes are dotted strings, grouped by app ("case.transition", "calendar.day_changed"), and never
reused for another meaning: old rows keep theirs.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_EVENT_TYPES: dict[str, Promise | str] = {}


def register_event_types(types: dict[str, Promise | str]) -> None:
    for code, label in types.items():
        existing = _EVENT_TYPES.get(code)
        if existing is not None and str(existing) != str(label):
            raise ValueError(f"audit event type {code!r} registered twice with different labels")
        _EVENT_TYPES[code] = label


def event_type_label(code: str) -> str:
    return str(_EVENT_TYPES.get(code, code))


def is_registered(code: str) -> bool:
    return code in _EVENT_TYPES


def event_type_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in _EVENT_TYPES.items()), key=lambda c: c[0])


register_event_types(
    {
        "audit.purged": _("按保留期限清理审计日志"),
        "auth.login_locked": _("登录失败次数过多，账户锁定"),
    }
)
