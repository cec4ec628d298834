"""Who acted: a person (a user account) or a named system job (ArkCase's DUE_DATE_UPDATER pattern)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class SystemJob:
    """A job that acts without a person, e.g. SystemJob("calendar.recompute")."""

    name: str

    def __str__(self) -> str:
        return f"system:{self.name}"


@dataclass(frozen=True)
class PublicVisitor:
    """A member of the public acting through the portal (no account); ip is kept for the log."""

    label: str = "public"
    ip: str = ""

    def __str__(self) -> str:
        return f"public:{self.label}"


Actor = Union["AbstractBaseUser", "AnonymousUser", SystemJob, PublicVisitor]

CALENDAR_RECOMPUTE = SystemJob("calendar.recompute")
DEMO_LOADER = SystemJob("demo.load")
COMMAND_LINE = SystemJob("command-line")
