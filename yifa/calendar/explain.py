"""How a due date was reached, in words: the stored trace rendered in the reader's language.

Used by the `yifa deadline` command, the back office's deadline screen and the portal's tracking
page, so that a person can see why a deadline falls where it does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from .engine import Step, TraceLine
from .holidays import SOURCES as HOLIDAY_LAW_SOURCES
from .periods import SuspensionReason, Unit, format_length
from .workcalendar import PACKAGE_SOURCE, DayKind

WEEKDAYS = [gettext_noop("星期一"), gettext_noop("星期二"), gettext_noop("星期三"), gettext_noop("星期四"),
            gettext_noop("星期五"), gettext_noop("星期六"), gettext_noop("星期日")]

# Holiday names come from notices; they are proper nouns that the catalogues also translate.
HOLIDAY_NAMES = [gettext_noop("元旦"), gettext_noop("春节"), gettext_noop("清明节"), gettext_noop("劳动节"),
                 gettext_noop("端午节"), gettext_noop("中秋节"), gettext_noop("国庆节")]

ART_85 = gettext_noop("《中华人民共和国民事诉讼法》第八十五条")
ART_202 = gettext_noop("《中华人民共和国民法典》第二百零二条")


# Short weekday names for calendar grids' column heads.
SHORT_WEEKDAYS = [
    pgettext_lazy("short weekday", "一"), pgettext_lazy("short weekday", "二"), pgettext_lazy("short weekday", "三"),
    pgettext_lazy("short weekday", "四"), pgettext_lazy("short weekday", "五"), pgettext_lazy("short weekday", "六"),
    pgettext_lazy("short weekday", "日"),
]


def separator() -> str:
    """Between items of a list: "国庆节、中秋节" in Chinese, "National Day, Mid-Autumn Festival" in English."""
    return _("、")


def weekday(day: dt.date) -> str:
    return _(WEEKDAYS[day.weekday()])


def day_label(day: dt.date) -> str:
    return _("%(date)s（%(weekday)s）") % {"date": day.isoformat(), "weekday": weekday(day)}


def span_label(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return ""
    if end is None or end == start:
        return day_label(start)
    return _("%(start)s至%(end)s") % {"start": day_label(start), "end": day_label(end)}


def holiday_name(name: str) -> str:
    return separator().join(_(part) for part in name.split("、")) if name else ""


def reason_label(reasons: str) -> str:
    labels = dict(SuspensionReason.choices)
    return separator().join(str(labels.get(code, code)) for code in reasons.split("、") if code)


def source_label(source: str) -> str:
    if not source:
        return ""
    if source == PACKAGE_SOURCE or source.startswith("chinesecalendar"):
        return _("国务院办公厅节假日安排（chinesecalendar 数据）")
    law = HOLIDAY_LAW_SOURCES.get(source)
    if law is not None:
        # A statutory holiday of a year whose notice is not in: by the law itself, not by a notice.
        return _("《全国年节及纪念日放假办法》（%(version)s）第二条规定的法定节假日；本年节假日安排通知尚未导入") % {
            "version": _(law.name)}
    return source


def rest_label(line: TraceLine) -> str:
    if line.kind == DayKind.HOLIDAY:
        return _("%(name)s放假") % {"name": holiday_name(line.name)} if line.name else _("法定节假日")
    if line.kind == DayKind.REST:
        return _("休息日（%(name)s）") % {"name": holiday_name(line.name)} if line.name else _("休息日")
    return _("周末")


def counting_unit(unit: str) -> str:
    """The unit a period's days are counted in: a month period counts calendar days."""
    return Unit.DAY if unit == Unit.MONTH else unit


def describe(line: TraceLine, unit: str) -> str:
    """One sentence for one trace line."""
    n = line.days
    # Ordinary weekends need no citation; holidays, 调休 days and corrections name their document.
    basis = source_label(line.source) if line.kind not in ("", DayKind.WEEKEND, DayKind.WORKDAY) else ""

    def with_basis(clause: str) -> str:
        if basis:
            return _("%(clause)s（依据：%(basis)s）。") % {"clause": clause, "basis": basis}
        return _("%(clause)s。") % {"clause": clause}

    if line.code == Step.START:
        return _("起算日 %(day)s，当日不计入；期间为 %(length)s。") % {
            "day": day_label(line.date_from), "length": format_length(line.total, unit),  # type: ignore[arg-type]
        }
    if line.code == Step.EXTENSION:
        values = {
            "length": format_length(n, unit), "total": format_length(line.total, unit),
            "who": line.name or _("批准人"), "when": line.date_from.isoformat() if line.date_from else "—",
        }
        if line.name or line.date_from:
            text = _("%(who)s于 %(when)s 批准延长 %(length)s，期间合计 %(total)s。") % values
        else:
            text = _("经批准延长 %(length)s，期间合计 %(total)s。") % values
        return text + (_("理由：%(reason)s") % {"reason": line.note} if line.note else "")
    if line.code == Step.COUNT:
        if unit == Unit.WORKING_DAY and line.skipped:
            return _("%(span)s：计 %(counted)s 个工作日（其间周末 %(skipped)s 天不计入），累计 %(total)s 个工作日。") % {
                "span": span_label(line.date_from, line.date_to), "counted": line.counted, "total": line.total,
                "skipped": line.skipped,
            }
        if unit == Unit.WORKING_DAY:
            return _("%(span)s：计 %(counted)s 个工作日，累计 %(total)s 个工作日。") % {
                "span": span_label(line.date_from, line.date_to), "counted": line.counted, "total": line.total,
            }
        return _("%(span)s：计 %(counted)s 日，累计 %(total)s 日。") % {
            "span": span_label(line.date_from, line.date_to), "counted": line.counted, "total": line.total,
        }
    if line.code == Step.MONTHS:
        values = {"length": format_length(line.total, Unit.MONTH), "day": day_label(line.date_to),  # type: ignore[arg-type]
                  "art": _(ART_202)}
        if line.date_from is not None and line.date_to is not None and line.date_to.day != line.date_from.day:
            return _("按月计算：%(length)s后的到期月没有与起算日对应的 %(number)s 日，以该月最后一日 %(day)s 为期间最后一日"
                     "（%(art)s）。") % {**values, "number": line.date_from.day}
        return _("按月计算：%(length)s后的对应日 %(day)s 为期间最后一日（%(art)s）。") % values
    if line.code == Step.SHIFTED:
        return _("中止计时的 %(days)s 日不计入期间，期间最后一日由 %(from)s 顺延至 %(to)s。") % {
            "days": n, "from": day_label(line.date_from), "to": day_label(line.date_to),  # type: ignore[arg-type]
        }
    if line.code == Step.MAKEUP:
        return with_basis(
            _("%(span)s：调休上班日（%(name)s），计入，累计 %(total)s") % {
                "span": span_label(line.date_from, line.date_to), "name": holiday_name(line.name) or _("调休"),
                "total": format_length(line.total, Unit.WORKING_DAY),  # only working-day periods count them
            }
        )
    if line.code == Step.REST:
        return with_basis(
            _("%(span)s：%(what)s，不计入") % {"span": span_label(line.date_from, line.date_to), "what": rest_label(line)}
        )
    if line.code == Step.SUSPENDED:
        return _("%(span)s：因%(reason)s中止计时 %(days)s 日，不计入。") % {
            "span": span_label(line.date_from, line.date_to), "reason": reason_label(line.name), "days": n,
        }
    if line.code == Step.PAUSED:
        return _("自 %(day)s 起因%(reason)s中止计时，尚未恢复；已计 %(total)s，恢复计时后重新计算到期日。") % {
            "day": day_label(line.date_from), "reason": reason_label(line.name),  # type: ignore[arg-type]
            "total": format_length(line.total, counting_unit(unit)),
        }
    if line.code == Step.ROLLOVER:
        values = {
            "last": day_label(line.date_from), "what": rest_label(line),  # type: ignore[arg-type]
            "due": day_label(line.date_to), "art": _(ART_85), "basis": basis,  # type: ignore[arg-type]
        }
        if basis:
            return _("期间最后一日 %(last)s 为%(what)s（依据：%(basis)s），顺延至其后第一个工作日 %(due)s（%(art)s）。") % values
        return _("期间最后一日 %(last)s 为%(what)s，顺延至其后第一个工作日 %(due)s（%(art)s）。") % values
    if line.code == Step.DUE:
        return _("到期日：%(day)s。") % {"day": day_label(line.date_from)}  # type: ignore[arg-type]
    if line.code == Step.EARLIEST:
        return _("最短期限届满日：%(day)s，不得早于此日完成。") % {"day": day_label(line.date_from)}  # type: ignore[arg-type]
    if line.code == Step.UNCONFIRMED:
        return _(
            "注意：%(years)s 年的节假日安排尚未确认（未导入国务院办公厅通知）：这些年份以《全国年节及纪念日放假办法》"
            "规定的法定节假日和周末为休息日推算，调休安排尚不可知，到期日待确认；导入通知后自动重新计算。"
        ) % {"years": separator().join(line.name.split("、"))}
    return line.code


def explain(lines: Iterable[TraceLine | dict], unit: str) -> list[str]:
    return [describe(line if isinstance(line, TraceLine) else TraceLine.from_json(line), unit) for line in lines]
