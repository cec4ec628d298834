"""`yifa calendar`: import a year's State Council holiday notice, show a year, list the years' status.

    yifa calendar import NOTICE.txt --year 2027 [--document 国办发明电〔2026〕12号] [--dry-run]
    yifa calendar show 2017
    yifa calendar status
    yifa calendar recompute [--from 2027-01-01]

`recompute` recomputes the open deadlines that reach past a day, by today's calendar: what an upgrade that
changes how the calendar is read (e.g. statutory holidays in years without a notice) runs once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import COMMAND_LINE
from yifa.calendar.actions import import_holiday_notice, recompute_open_deadlines
from yifa.calendar.explain import holiday_name, weekday
from yifa.calendar.selectors import year_statuses
from yifa.calendar.workcalendar import DayKind, current_calendar
from yifa.core.errors import ActionRefused

MAX_NOTICE_BYTES = 512 * 1024


def read_notice_file(path: Path) -> str:
    """The notice's text from a file, or a message saying why it cannot be read."""
    if not path.is_file():
        raise ActionRefused(_("找不到文件：%(path)s") % {"path": path})
    if path.stat().st_size > MAX_NOTICE_BYTES:
        raise ActionRefused(_("文件太大（超过 512 KB），这不像一份节假日安排通知。"))
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ActionRefused(_("无法读取文件编码：请另存为 UTF-8 文本后再导入。"))


def status_label(status) -> str:  # type: ignore[no-untyped-def]
    if status.basis == "notice":
        return _("已确认：已导入通知 %(number)s") % {"number": status.document_number}
    if status.basis == "package":
        return _("已确认：chinesecalendar 数据（国务院办公厅通知）")
    return _("未确认：尚未导入国务院办公厅节假日安排通知，按法定节假日和周末推算")


class Command(BaseCommand):
    help = str(gettext_lazy("工作日历：导入国务院办公厅节假日安排通知、查看某年日历、列出各年确认状态。"))  # translated at import, in the default language

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", metavar="import|show|status|recompute")
        sub.required = True
        imp = sub.add_parser("import", help=gettext_lazy("导入一年的节假日安排通知（文本或 holiday-cn JSON）"))
        imp.add_argument("file", help=gettext_lazy("通知全文的文本文件"))
        imp.add_argument("--year", type=int, default=None, help=gettext_lazy("年度（通知标题中有年度时可省略）"))
        imp.add_argument("--document", default="", help=gettext_lazy("文号，例如 国办发明电〔2016〕17号"))
        imp.add_argument("--dry-run", action="store_true", help=gettext_lazy("只显示将要发生的变化，不导入"))
        show = sub.add_parser("show", help=gettext_lazy("列出某年的节假日和调休上班日"))
        show.add_argument("year", type=int)
        sub.add_parser("status", help=gettext_lazy("列出各年日历的确认状态"))
        recompute = sub.add_parser("recompute", help=gettext_lazy("按现行日历重新计算未结期限（升级后运行一次）"))
        recompute.add_argument("--from", dest="date_from", default="",
                               help=gettext_lazy("只重新计算跨越此日之后的期限，格式 YYYY-MM-DD；默认全部"))

    def handle(self, *args, **options):
        try:
            getattr(self, f"handle_{options['subcommand']}")(**options)
        except ActionRefused as error:
            raise CommandError(error.message) from None

    def handle_import(self, *, file: str, year: int | None, document: str, dry_run: bool, **_options) -> None:
        text = read_notice_file(Path(file))
        outcome = import_holiday_notice(
            actor=COMMAND_LINE, text=text, year=year, document_number=document, dry_run=dry_run
        )
        notice = outcome.notice
        self.stdout.write(
            _("%(year)s 年（%(number)s）：放假 %(off)s 天，调休上班 %(work)s 天；与现有日历相比，工作日与休息日变化 "
              "%(changed)s 天，需重新计算的未结期限 %(affected)s 个。") % {
                "year": notice.year, "number": notice.document_number, "off": len(notice.days_off),
                "work": len(notice.working_days), "changed": len(outcome.working_changes),
                "affected": outcome.affected,
            }
        )
        for change in outcome.working_changes:
            self.stdout.write(
                "  " + _("%(day)s：%(before)s → %(after)s") % {
                    "day": change.date.isoformat(),
                    "before": _("工作日") if change.before.working else _("休息日"),
                    "after": _("工作日") if change.after.working else _("休息日"),
                }
            )
        if dry_run:
            self.stdout.write(_("（试运行，未导入）"))
        elif outcome.imported:
            self.stdout.write(self.style.SUCCESS(_("已导入。")))
        else:
            self.stdout.write(_("与已导入的通知相同，未作改动。"))

    def handle_show(self, *, year: int, **_options) -> None:
        calendar = current_calendar()
        status = calendar.year_status(year)
        self.stdout.write(f"{year}: {status_label(status)}")
        day = dt.date(year, 1, 1)
        while day.year == year:
            info = calendar.day(day)
            if info.kind not in (DayKind.WORKDAY, DayKind.WEEKEND):
                what = _("上班") if info.working else _("休息")
                self.stdout.write(f"{day.isoformat()} {weekday(day)} {what} {holiday_name(info.name)} {info.source}".rstrip())
            day += dt.timedelta(days=1)

    def handle_status(self, **_options) -> None:
        for status in year_statuses():
            self.stdout.write(f"{status.year}: {status_label(status)}")

    def handle_recompute(self, *, date_from: str, **_options) -> None:
        from yifa.core.dates import DateInputError, parse_day

        start = dt.date(1999, 1, 1)
        if date_from:
            try:
                start = parse_day(date_from, what=_("起始日期"))
            except DateInputError as error:
                raise ActionRefused(str(error)) from None
        summary = recompute_open_deadlines(date_from=start, date_to=dt.date(2199, 12, 31),
                                           actor=COMMAND_LINE, reason=_("按现行日历重新计算"))
        self.stdout.write(_("已重新计算 %(checked)s 个未结期限，其中 %(moved)s 个到期日有变化。") % {
            "checked": summary.checked, "moved": summary.moved})
