"""Audit event types: each module declares its own codes with a translatable label in its `Module`
(`yifa.core.modules`); this is where the audit log reads them.

Codes are dotted strings, grouped by app ("case.step_refused", "calendar.day_set"), and never reused
for another meaning: old rows keep theirs.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yifa.core import modules

AUDIT_EVENT_TYPES: dict[str, Promise | str] = {
    "audit.purged": _("按保留期限清理审计日志"),
    "auth.login_locked": _("登录失败次数过多，账户锁定"),
    "auth.account_throttled": _("账户登录失败次数过多，放慢尝试"),
}


def event_type_label(code: str) -> str:
    return str(modules.event_types().get(code, code))


def is_registered(code: str) -> bool:
    return code in modules.event_types()


def event_type_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in modules.event_types().items()), key=lambda c: c[0])
