"""`yifa deadline`: compute a due date from the command line and show how it was reached.

    yifa deadline --start 2017-09-20 --length 20 --unit working_day
    yifa deadline --start 2017-09-20 --length 60 --unit day --suspend 2017-09-25:2017-09-29
    yifa deadline --start 2017-08-31 --length 6 --unit month
    yifa deadline --period disclosure.reply --start 2019-06-03 [--on 2019-06-03] [--extend 20]
    yifa deadline --list-periods

The first line is the due date (YYYY-MM-DD) — with `--period`, followed by the article that sets the
period —, then the trace. `--period` takes the length, unit, kind and extension cap from the version
of the statute in force on `--on` (default: the start date): modules declare their statutes
(`yifa.calendar.statutes`), no period is typed in. Nothing is stored.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.calendar.engine import Extension, Suspension, compute_deadline
from yifa.calendar.explain import explain
from yifa.calendar.periods import (
    DeadlineInputError,
    Period,
    PeriodKind,
    SuspensionReason,
    Unit,
    format_length,
    parse_date,
    parse_kind,
    parse_unit,
)
from yifa.calendar.statutes import NoVersionInForce, Statute, StatuteVersion, StatutoryPeriod, period_codes
from yifa.calendar.workcalendar import current_calendar


def _int(value: str, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DeadlineInputError(_("%(what)s“%(value)s”不是整数。") % {"what": what, "value": value}) from None


def _in_force(statute: Statute, version: StatuteVersion) -> str:
    """"2019-05-15 起" or "2008-05-01 至 2019-05-14": when a version was the text in force."""
    until = statute.effective_to(version)
    if until is None:
        return _("%(start)s 起") % {"start": version.effective_from.isoformat()}
    return _("%(start)s 至 %(end)s") % {"start": version.effective_from.isoformat(), "end": until.isoformat()}


def _extension_cap(period: Period) -> str:
    if period.max_extension is None:
        return _("未规定")
    if period.max_extension == 0:
        return _("不得延长")
    return format_length(period.max_extension, period.unit)


class Command(BaseCommand):
    help = str(gettext_lazy("计算期限的到期日，并列出计算过程（首行为到期日 YYYY-MM-DD）。"))  # translated at import, in the default language

    def add_arguments(self, parser):
        parser.add_argument("--start", help=gettext_lazy("起算日 YYYY-MM-DD（当日不计入）"))
        parser.add_argument("--length", help=gettext_lazy("期间长度（正整数）"))
        parser.add_argument("--unit", default=None,
                            help=gettext_lazy("working_day（工作日，默认）、day（日）或 month（月）"))
        parser.add_argument("--kind", default=None, help=gettext_lazy("max（最长期限，默认）或 min（最短期限）"))
        parser.add_argument("--period", default=None, metavar="CODE",
                            help=gettext_lazy("法定期间代码，例如 disclosure.reply：长度、单位、类型和延长上限取自法规"))
        parser.add_argument("--on", default=None, metavar="DATE",
                            help=gettext_lazy("按该日施行的法规版本确定 --period 的期间（默认为起算日）"))
        parser.add_argument("--list-periods", action="store_true", help=gettext_lazy("列出已登记的全部法定期间"))
        parser.add_argument(
            "--suspend", action="append", default=[], metavar="FROM:TO",
            help=gettext_lazy("中止计时：FROM 至 TO（含两端）的每一天都不计入；可重复"),
        )
        parser.add_argument("--suspend-reason", default=SuspensionReason.OTHER, choices=SuspensionReason.values,
                            help=gettext_lazy("中止事由（默认 other）"))
        parser.add_argument("--extend", action="append", default=[], metavar="N", help=gettext_lazy("经批准延长 N（同一单位）；可重复"))

    def handle(self, *args, **options):
        try:
            if options["list_periods"]:
                self.list_periods()
                return
            self.compute(options)
        except DeadlineInputError as error:
            raise CommandError(error.message) from None

    # --- computing ---------------------------------------------------------------------------------
    def compute(self, options: dict) -> None:
        if not options["start"]:
            raise DeadlineInputError(_("请用 --start 给出起算日（YYYY-MM-DD）。"))
        start = parse_date(options["start"], what=_("起算日"))
        extensions = [Extension(_int(value, _("延长期限"))) for value in options["extend"]]
        statutory: tuple[Statute, StatuteVersion, str, StatutoryPeriod] | None = None
        if options["period"]:
            given = [flag for flag, key in (("--length", "length"), ("--unit", "unit"), ("--kind", "kind"))
                     if options[key] is not None]
            if given:
                raise DeadlineInputError(
                    _("--period 的期间长度、单位和类型取自法规，不能再用 %(flags)s 指定。") % {"flags": "、".join(given)})
            on = parse_date(options["on"], what=_("适用日")) if options["on"] else start
            statutory = self.statutory_period(options["period"], on)
            period = statutory[3].period
            self.check_extensions(statutory, extensions)
        else:
            if options["on"]:
                raise DeadlineInputError(_("--on 只与 --period 一起使用：它决定适用哪一版法规。"))
            if options["length"] is None:
                raise DeadlineInputError(_("请给出 --length（期间长度），或用 --period 指定法定期间。"))
            unit = parse_unit(options["unit"] or Unit.WORKING_DAY)
            kind = parse_kind(options["kind"] or PeriodKind.MAXIMUM)
            period = Period(_int(options["length"], _("期间长度")), unit, kind)
        suspensions = [self._suspension(value, options["suspend_reason"]) for value in options["suspend"]]
        result = compute_deadline(current_calendar(), start, period, suspensions, extensions)
        due = result.due_date.isoformat() if result.due_date else ""
        if statutory is None:
            self.stdout.write(due)
        else:
            statute, version, code, found = statutory
            basis = version.basis(code)
            self.stdout.write(f"{due}  {basis}")
            self.stdout.write(
                _("%(label)s：%(period)s（%(kind)s）；依据%(basis)s，该版本的施行期间：%(in_force)s。") % {
                    "label": found.label, "period": found.describe(), "kind": PeriodKind(period.kind).label,
                    "basis": basis, "in_force": _in_force(statute, version),
                }
            )
        for line in explain(result.trace, period.unit):
            self.stdout.write(line)

    @staticmethod
    def statutory_period(code: str, on: dt.date) -> tuple[Statute, StatuteVersion, str, StatutoryPeriod]:
        """The period `code` ("disclosure.reply") as the statute's version in force on `on` sets it."""
        known = {full: (statute, name) for full, statute, name in period_codes()}
        code = (code or "").strip()
        if code not in known:
            if not known:
                raise DeadlineInputError(
                    _("未知的法定期间代码“%(code)s”：尚未登记任何法定期间。") % {"code": code})
            raise DeadlineInputError(
                _("未知的法定期间代码“%(code)s”。已登记的代码：%(codes)s（yifa deadline --list-periods 列出详情）。")
                % {"code": code, "codes": "、".join(sorted(known))})
        statute, name = known[code]
        try:
            version = statute.in_force(on)
        except NoVersionInForce as error:
            raise DeadlineInputError(str(error)) from None
        found = version.periods.get(name)
        if found is None:
            raise DeadlineInputError(
                _("%(day)s 施行的《%(title)s》（%(version)s）没有规定期间“%(code)s”。")
                % {"day": on.isoformat(), "title": statute.title, "version": version.name, "code": code})
        return statute, version, name, found

    @staticmethod
    def check_extensions(statutory: tuple[Statute, StatuteVersion, str, StatutoryPeriod],
                         extensions: list[Extension]) -> None:
        """Refuse extensions beyond what the version allows, naming the article (as `extend_deadline` does)."""
        _statute, version, code, found = statutory
        period = found.period
        added = sum(extension.length for extension in extensions)
        if not extensions or period.max_extension is None or period.is_minimum:
            return  # the engine checks the lengths themselves and refuses extending a minimum
        values = {"basis": version.basis(code), "label": found.label, "added": format_length(added, period.unit),
                  "limit": format_length(period.max_extension, period.unit)}
        if period.max_extension == 0:
            raise DeadlineInputError(_("依%(basis)s，%(label)s不得延长。") % values)
        if added > period.max_extension:
            raise DeadlineInputError(
                _("依%(basis)s，%(label)s最多延长 %(limit)s；延长合计 %(added)s 超过了上限。") % values)

    @staticmethod
    def _suspension(value: str, reason: str) -> Suspension:
        if value.count(":") != 1:
            raise DeadlineInputError(
                _("中止期间“%(value)s”应写成 FROM:TO，例如 2017-09-25:2017-09-29。") % {"value": value}
            )
        first, last = value.split(":")
        return Suspension(parse_date(first, what=_("中止起始日")), parse_date(last, what=_("中止截止日")), reason)

    # --- listing -----------------------------------------------------------------------------------
    def list_periods(self) -> None:
        codes = period_codes()
        if not codes:
            self.stdout.write(_("尚未登记任何法定期间（各模块在 Module(statutes=[...]) 中声明）。"))
            return
        self.stdout.write("\t".join([
            _("代码"), _("法规"), _("版本"), _("施行"), _("期间"), _("长度"), _("单位"), _("类型"), _("延长上限"), _("条文"),
        ]))
        for code, statute, name in codes:
            for version in statute.versions:
                found = version.periods.get(name)
                if found is None:
                    continue
                period = found.period
                self.stdout.write("\t".join([
                    code, f"《{statute.title}》", version.name, _in_force(statute, version), str(found.label),
                    str(period.length), str(Unit(period.unit).label), str(PeriodKind(period.kind).label),
                    _extension_cap(period), found.article,
                ]))
