"""Who acted: a person (a user account) or a named system job (ArkCase's DUE_DATE_UPDATER pattern)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


# What the audit log shows for a stored "system:…" or "public:…" actor: each job or visitor kind names
# itself once, where it is declared (SystemJob("disclosure.receipt", _("收到申请，开始计时"))).
_ACTOR_LABELS: dict[str, Any] = {}


def registered_actor_label(stored: str) -> str:
    label = _ACTOR_LABELS.get(stored)
    return str(label) if label else ""


@dataclass(frozen=True)
class SystemJob:
    """A job that acts without a person, e.g. SystemJob("calendar.recompute", _("日历变更后重新计算期限"))."""

    name: str
    title: Any = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.title:
            _ACTOR_LABELS[str(self)] = self.title

    def __str__(self) -> str:
        return f"system:{self.name}"


@dataclass(frozen=True)
class PublicVisitor:
    """A member of the public acting through the portal (no account); ip is kept for the log."""

    label: str = "public"
    ip: str = ""
    title: Any = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.title:
            _ACTOR_LABELS[str(self)] = self.title

    def __str__(self) -> str:
        return f"public:{self.label}"


Actor = Union["AbstractBaseUser", "AnonymousUser", SystemJob, PublicVisitor]

CALENDAR_RECOMPUTE = SystemJob("calendar.recompute", _("日历变更后重新计算期限"))
DEMO_LOADER = SystemJob("demo.load", _("载入演示数据"))
COMMAND_LINE = SystemJob("command-line", _("命令行"))
PURGE_JOB = SystemJob("audit.purge", _("按保留期限清理审计日志"))
THROTTLE_JOB = SystemJob("auth.throttle", _("登录失败限速"))
BENCH_JOB = SystemJob("bench", _("性能测试"))
