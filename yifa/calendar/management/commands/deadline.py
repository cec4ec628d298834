"""`yifa deadline`: compute a due date from the command line and show how it was reached.

    yifa deadline --start 2017-09-20 --length 20 --unit working_day
    yifa deadline --start 2017-09-20 --length 60 --unit day --suspend 2017-09-25:2017-09-29

The first line is the due date (YYYY-MM-DD), then the trace. Nothing is stored.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.calendar.engine import Extension, Suspension, compute_deadline
from yifa.calendar.explain import explain
from yifa.calendar.periods import (
    DeadlineInputError,
    Period,
    SuspensionReason,
    parse_date,
    parse_kind,
    parse_unit,
)
from yifa.calendar.workcalendar import current_calendar


def _int(value: str, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DeadlineInputError(_("%(what)s“%(value)s”不是整数。") % {"what": what, "value": value}) from None


class Command(BaseCommand):
    help = str(gettext_lazy("计算期限的到期日，并列出计算过程（首行为到期日 YYYY-MM-DD）。"))  # translated at import, in the default language

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help=gettext_lazy("起算日 YYYY-MM-DD（当日不计入）"))
        parser.add_argument("--length", required=True, help=gettext_lazy("期间长度（正整数）"))
        parser.add_argument("--unit", default="working_day", help=gettext_lazy("working_day（工作日，默认）或 day（日）"))
        parser.add_argument("--kind", default="max", help=gettext_lazy("max（最长期限，默认）或 min（最短期限）"))
        parser.add_argument(
            "--suspend", action="append", default=[], metavar="FROM:TO",
            help=gettext_lazy("中止计时：FROM 至 TO（含两端）的每一天都不计入；可重复"),
        )
        parser.add_argument("--suspend-reason", default=SuspensionReason.OTHER, choices=SuspensionReason.values,
                            help=gettext_lazy("中止事由（默认 other）"))
        parser.add_argument("--extend", action="append", default=[], metavar="N", help=gettext_lazy("经批准延长 N（同一单位）；可重复"))

    def handle(self, *args, **options):
        try:
            start = parse_date(options["start"], what=_("起算日"))
            unit = parse_unit(options["unit"])
            period = Period(_int(options["length"], _("期间长度")), unit, parse_kind(options["kind"]))
            suspensions = [self._suspension(value, options["suspend_reason"]) for value in options["suspend"]]
            extensions = [Extension(_int(value, _("延长期限"))) for value in options["extend"]]
            result = compute_deadline(current_calendar(), start, period, suspensions, extensions)
        except DeadlineInputError as error:
            raise CommandError(error.message) from None
        self.stdout.write(result.due_date.isoformat() if result.due_date else "")
        for line in explain(result.trace, unit):
            self.stdout.write(line)

    @staticmethod
    def _suspension(value: str, reason: str) -> Suspension:
        if value.count(":") != 1:
            raise DeadlineInputError(
                _("中止期间“%(value)s”应写成 FROM:TO，例如 2017-09-25:2017-09-29。") % {"value": value}
            )
        first, last = value.split(":")
        return Suspension(parse_date(first, what=_("中止起始日")), parse_date(last, what=_("中止截止日")), reason)
