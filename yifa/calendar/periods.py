"""What a statutory period is: a length, a unit, and whether it is a maximum or a minimum.

rules.md, "Counting periods": "日" in a statute is a calendar day unless the statute says 工作日;
some periods are minimums (e.g. legality review normally ≥7 working days, 重大行政决策程序暂行条例
art.28), not maximums. Extensions are granted in the period's own unit and may be capped by statute
(e.g. 政府信息公开条例 art.33: at most 20 working days). Some statutes count in months (行政诉讼法
art.46: six months): such a period ends on the corresponding day of its last month, or that month's
last day when it has none (民法典 art.202, `add_months`), then the rest-day rule applies.
"""

from __future__ import annotations

import calendar as calendar_module
import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core.dates import DateInputError, parse_day
from yifa.core.errors import ActionRefused

# Longest periods the engine accepts: beyond these a typo is far likelier than a statute.
MAX_LENGTH = {"working_day": 2600, "day": 3660, "month": 120}


class Unit(models.TextChoices):
    WORKING_DAY = "working_day", gettext_lazy("工作日")
    DAY = "day", gettext_lazy("日")
    MONTH = "month", gettext_lazy("月")


class PeriodKind(models.TextChoices):
    MAXIMUM = "max", gettext_lazy("最长期限")  # act no later than the due date
    MINIMUM = "min", gettext_lazy("最短期限")  # complete no earlier than the due date


class SuspensionReason(models.TextChoices):
    """Why the clock stopped (rules.md: 补正, third-party consultation, 中止, hearing, expert tests)."""

    CORRECTION = "correction", gettext_lazy("补正")
    THIRD_PARTY = "third_party", gettext_lazy("征求第三方意见")
    INTER_AGENCY = "inter_agency", gettext_lazy("征求其他机关意见")
    SUSPENSION = "suspension", gettext_lazy("中止")
    HEARING = "hearing", gettext_lazy("听证")
    EXPERT_TEST = "expert_test", gettext_lazy("检验、检测、检疫、鉴定")
    FEE = "fee", gettext_lazy("等待缴纳信息处理费")  # 国办函〔2020〕109号: not counted in the reply period
    OTHER = "other", gettext_lazy("其他法定事由")


# Looked up on every Period: TextChoices.values builds a new list each time.
UNITS = frozenset(Unit.values)
KINDS = frozenset(PeriodKind.values)


REASONS = frozenset(SuspensionReason.values)


class DeadlineInputError(ActionRefused):
    """The period, a suspension or an extension makes no sense; the message says why."""


UNIT_ALIASES = {
    "working_day": Unit.WORKING_DAY,
    "working_days": Unit.WORKING_DAY,
    "workday": Unit.WORKING_DAY,
    "工作日": Unit.WORKING_DAY,
    "day": Unit.DAY,
    "days": Unit.DAY,
    "calendar_day": Unit.DAY,
    "日": Unit.DAY,
    "天": Unit.DAY,
    "自然日": Unit.DAY,
    "month": Unit.MONTH,
    "months": Unit.MONTH,
    "月": Unit.MONTH,
    "个月": Unit.MONTH,
}


def parse_unit(value: str) -> Unit:
    unit = UNIT_ALIASES.get((value or "").strip().lower())
    if unit is None:
        raise DeadlineInputError(
            _("未知的期间单位“%(unit)s”。可用的单位：working_day（工作日）、day（日，自然日）、month（月）。")
            % {"unit": value}
        )
    return unit


def parse_kind(value: str) -> PeriodKind:
    kinds = {"max": PeriodKind.MAXIMUM, "maximum": PeriodKind.MAXIMUM, "min": PeriodKind.MINIMUM,
             "minimum": PeriodKind.MINIMUM, "最长": PeriodKind.MAXIMUM, "最短": PeriodKind.MINIMUM}
    kind = kinds.get((value or "").strip().lower())
    if kind is None:
        raise DeadlineInputError(_("未知的期限类型“%(kind)s”。可用的类型：max（最长期限）、min（最短期限）。") % {"kind": value})
    return kind


def parse_date(value: str, *, what: str | None = None) -> dt.date:
    """A date as people type it (yifa.core.dates), or a clear message naming what was wrong."""
    try:
        return parse_day(value, what=what or "")
    except DateInputError as error:
        raise DeadlineInputError(str(error)) from None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number `months` later (or earlier, when negative), or that month's last day when it
    has no such day: how a period "in months" runs (e.g. 行政诉讼法 art.46's six months)."""
    month = day.month + months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    last = calendar_module.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def months_before(day: dt.date, months: int) -> dt.date:
    return add_months(day, -months)


def check_length(length: int, unit: str, *, what: str | None = None) -> None:
    if isinstance(length, bool) or not isinstance(length, int):
        raise DeadlineInputError(_("%(what)s长度必须是整数。") % {"what": what or _("期间")})
    if length < 1:
        raise DeadlineInputError(
            _("%(what)s长度必须是正整数，不能是 %(length)s。") % {"what": what or _("期间"), "length": length}
        )
    limit = MAX_LENGTH[str(unit)]
    if length > limit:
        raise DeadlineInputError(
            _("%(what)s长度 %(length)s 超过了允许的上限 %(limit)s，请检查输入。")
            % {"what": what or _("期间"), "length": length, "limit": limit}
        )


@dataclass(frozen=True)
class Period:
    length: int
    unit: str = Unit.WORKING_DAY
    kind: str = PeriodKind.MAXIMUM
    # The most a statute allows to be added by extension, in the same unit; None means no extension cap.
    max_extension: int | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            parse_unit(str(self.unit))  # raises with the message
        if self.kind not in KINDS:
            parse_kind(str(self.kind))
        check_length(self.length, self.unit)
        if self.max_extension is not None and self.max_extension < 0:
            raise DeadlineInputError(_("延长上限不能是负数。"))

    @property
    def is_minimum(self) -> bool:
        return self.kind == PeriodKind.MINIMUM

    def describe(self) -> str:
        return _("%(length)s（%(kind)s）") % {
            "length": format_length(self.length, self.unit),
            "kind": PeriodKind(self.kind).label,
        }


def format_length(length: int, unit: str) -> str:
    """"20 个工作日", "60 日" or "6 个月", as statutes write them."""
    if unit == Unit.WORKING_DAY:
        return _("%(n)s 个工作日") % {"n": length}
    if unit == Unit.MONTH:
        return _("%(n)s 个月") % {"n": length}
    return _("%(n)s 日") % {"n": length}
