"""`yifa daily [--date YYYY-MM-DD | --from YYYY-MM-DD] [--job NAME …] [--dry-run]`: every module's daily jobs.

Run it once a day from cron or a systemd timer (README, "Daily jobs"); each job runs once per date however
often the command is started, and `--from` catches up the dates missed while the server was down."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core import daily
from yifa.core.errors import ActionRefused


class Command(BaseCommand):
    help = str(gettext_lazy("运行各模块登记的每日任务（每个任务每个日期只执行一次）；--from 补跑停机期间错过的日期。"))

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help=gettext_lazy("按这一天执行，默认今天；不能晚于今天"))
        parser.add_argument("--from", dest="first", default="", metavar="DATE",
                            help=gettext_lazy("从这一天起逐日补跑到 --date（默认今天）"))
        parser.add_argument("--job", dest="jobs", action="extend", nargs="+", default=[], metavar="NAME",
                            help=gettext_lazy("只运行这些任务（可写多个）"))
        parser.add_argument("--dry-run", action="store_true", help=gettext_lazy("只列出将要执行的任务，不执行"))

    def handle(self, *args, date, first, jobs, dry_run, **options):
        today = timezone.localdate()
        try:
            last = daily.check_day(date, what=_("执行日期"), today=today) if date else today
            days = daily.days_between(daily.check_day(first, what=_("补跑起始日期"), today=today), last) \
                if first else [last]
            selected = daily.select_jobs(jobs)
        except ActionRefused as error:
            raise CommandError(error.message) from None
        if not selected:
            self.stdout.write(_("没有登记任何每日任务。"))
            return
        failed = 0
        for day in days:
            self.stdout.write(_("%(day)s：") % {"day": day.isoformat()})
            for result in daily.run_jobs(day, selected, dry_run=dry_run):
                failed += result.status == daily.FAILED
                self.stdout.write("  " + self._line(result))
        if failed:
            raise CommandError(_("%(n)s 项任务执行失败（错误已记入日志），再次运行该日期时会重试。") % {"n": failed})

    def _line(self, result: daily.JobResult) -> str:
        job = _("%(label)s（%(name)s）") % {"label": result.job.label, "name": result.job.name}
        if result.status == daily.RAN:
            text = _("%(job)s：已执行") % {"job": job}
            return f"{text} — {result.detail}" if result.detail else text
        if result.status == daily.FAILED:
            return self.style.ERROR(_("%(job)s：失败 — %(error)s") % {"job": job, "error": result.detail})
        return {
            daily.ALREADY_RAN: _("%(job)s：跳过（该日期已执行过）"),
            daily.RUNNING_ELSEWHERE: _("%(job)s：跳过（另一进程正在执行）"),
            daily.WOULD_RUN: _("%(job)s：将执行"),
        }[result.status] % {"job": job}
