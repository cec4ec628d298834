"""Which text of a statute applies is decided by the case's date (../shared/rules.md): each statute is a
list of versions with their effective dates, and each version is a rule set — its periods (with the
article that sets each), and whatever else the module reads from it (reply types, fee rules, notice
wording, the annual-report template).

    DISCLOSURE = Statute("政府信息公开条例", versions=[
        StatuteVersion("2007", dt.date(2008, 5, 1), periods={
            "reply": StatutoryPeriod(_("答复期限"), Period(15, max_extension=15), "第二十四条")}, rules={...}),
        StatuteVersion("2019", dt.date(2019, 5, 15), periods={...}, rules={...}),
    ])
    version = DISCLOSURE.in_force(request.received_on)     # the text governing this request
    period = version.period("reply")                        # its length, unit, extension cap and article

A module declares its statutes in its `Module` (`statutes=[...]`); `yifa deadline --period CODE`
computes any declared period from the command line. No module writes a period's length in its code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .periods import Period

Label = str | Promise


class NoVersionInForce(LookupError):
    """The statute had no text in force on that day."""


@dataclass(frozen=True)
class StatutoryPeriod:
    label: Label  # "答复期限"
    period: Period
    article: str  # "第三十三条": the article of the version it belongs to

    def describe(self) -> str:
        from .periods import format_length

        text = format_length(self.period.length, self.period.unit)
        if self.period.max_extension:
            text += _("，可延长 %(extension)s") % {
                "extension": format_length(self.period.max_extension, self.period.unit)}
        return text


@dataclass(frozen=True)
class StatuteVersion:
    name: str  # "2019": how people name the text (the year of its revision)
    effective_from: dt.date
    periods: Mapping[str, StatutoryPeriod] = field(default_factory=dict)
    rules: Mapping[str, Any] = field(default_factory=dict)
    statute: str = ""  # filled in by Statute

    def period(self, code: str) -> StatutoryPeriod:
        try:
            return self.periods[code]
        except KeyError:
            raise KeyError(f"{self.statute} ({self.name}) declares no period {code!r}") from None

    def basis(self, code: str) -> str:
        """The citation for a period: 《政府信息公开条例》（2019年修订）第三十三条."""
        return self.cite(self.period(code).article)

    def cite(self, article: str) -> str:
        return f"《{self.statute}》（{self.name}）{article}"

    def rule(self, name: str, default: Any = None) -> Any:
        return self.rules.get(name, default)


@dataclass(frozen=True)
class Statute:
    code: str  # "disclosure": how commands and other modules name it
    title: str  # "政府信息公开条例"
    versions: Sequence[StatuteVersion]

    def __post_init__(self) -> None:
        ordered = sorted(self.versions, key=lambda v: v.effective_from)
        named = [StatuteVersion(v.name, v.effective_from, v.periods, v.rules, statute=self.title) for v in ordered]
        object.__setattr__(self, "versions", tuple(named))

    def in_force(self, on: dt.date) -> StatuteVersion:
        """The version in force on `on` (a case's receipt or application date)."""
        current = None
        for version in self.versions:
            if version.effective_from <= on:
                current = version
        if current is None:
            raise NoVersionInForce(_("%(day)s 时《%(title)s》尚未施行。") % {"day": on, "title": self.title})
        return current

    def effective_to(self, version: StatuteVersion) -> dt.date | None:
        """The last day the version was in force (None: still in force)."""
        later = [v.effective_from for v in self.versions if v.effective_from > version.effective_from]
        return min(later) - dt.timedelta(days=1) if later else None


def statutes() -> list[Statute]:
    from yifa.core import modules

    return list(modules.statutes())


def statute(code: str) -> Statute | None:
    return next((s for s in statutes() if s.code == code), None)


def period_codes() -> list[tuple[str, Statute, str]]:
    """("disclosure.reply", statute, "reply") for every period any version of any statute declares."""
    found: dict[str, tuple[str, Statute, str]] = {}
    for each in statutes():
        for version in each.versions:
            for code in version.periods:
                found.setdefault(f"{each.code}.{code}", (f"{each.code}.{code}", each, code))
    return sorted(found.values())
