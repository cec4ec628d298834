"""`yifa daily`: every module's declared daily jobs (`Module.daily_jobs`), each run once per date and recorded.

A job's run for a date is a `DailyJobRun` row inserted before the job starts, in its own transaction: the
partial unique constraint on (job, day) for running and successful runs lets only one process have it, on
SQLite and PostgreSQL alike. The others find it taken and skip the job (it ran, or it is running). A job that
raises is recorded as failed with the error and the next `yifa daily` for that date runs it again; the other
jobs still run. Jobs receive only the date and act as their own system actor (`SystemJob`).

The jobs come from the registry (`yifa.core.modules`), so this module imports no other app.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .dates import DateInputError, parse_day
from .errors import ActionRefused
from .models import DailyJobRun
from .modules import DailyJob, daily_jobs

logger = logging.getLogger("yifa.daily")

Outcome = DailyJobRun.Outcome

# A run still marked running this long after it started was cut off (the process killed, the machine
# rebooted): it stops holding the date, is marked failed and the job runs again. Daily jobs take minutes.
ABANDONED_AFTER = dt.timedelta(hours=6)
# `--from` catches up at most this many days at once: a mistyped year would otherwise run decades of dates.
MAX_CATCH_UP_DAYS = 366

# What became of a job for a date.
RAN = "ran"
ALREADY_RAN = "already_ran"
RUNNING_ELSEWHERE = "running_elsewhere"
FAILED = "failed"
WOULD_RUN = "would_run"


@dataclass(frozen=True)
class JobResult:
    job: DailyJob
    day: dt.date
    status: str
    detail: str = ""  # the job's summary when it ran, the error's one line when it failed


# --- what to run -----------------------------------------------------------------------------------------


def check_day(value: object, *, what: str = "", today: dt.date | None = None) -> dt.date:
    """The date a person typed for the daily jobs, or ActionRefused: a date to come is refused, because the
    jobs act "as of" their date (adjustments take effect, publications expire) and must not run early."""
    try:
        day = parse_day(value, what=what)
    except DateInputError as error:
        raise ActionRefused(str(error)) from None
    today = today or timezone.localdate()
    if day > today:
        raise ActionRefused(
            _("%(what)s %(day)s 尚未到来（今天是 %(today)s）：每日任务按日期办理到期事项，不能提前执行。")
            % {"what": what or _("日期"), "day": day.isoformat(), "today": today.isoformat()}
        )
    return day


def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """`first` to `last` in order (catching up after an outage), or ActionRefused."""
    if first > last:
        raise ActionRefused(_("补跑起始日期 %(first)s 晚于截止日期 %(last)s。")
                            % {"first": first.isoformat(), "last": last.isoformat()})
    count = (last - first).days + 1
    if count > MAX_CATCH_UP_DAYS:
        raise ActionRefused(
            _("一次最多补跑 %(max)s 天（%(first)s 至 %(last)s 共 %(count)s 天），请分段执行（--from 和 --date）。")
            % {"max": MAX_CATCH_UP_DAYS, "first": first.isoformat(), "last": last.isoformat(), "count": count}
        )
    return [first + dt.timedelta(days=offset) for offset in range(count)]


def select_jobs(names: Sequence[str] = ()) -> list[DailyJob]:
    """The registered jobs named (all of them when none is), in the registry's order; an unknown name is refused."""
    registered = daily_jobs()
    if not names:
        return registered
    known = {job.name for job in registered}
    unknown = [name for name in dict.fromkeys(names) if name not in known]
    if unknown:
        raise ActionRefused(
            _("没有名为 %(names)s 的每日任务。已登记的任务：%(known)s。")
            % {"names": "、".join(unknown), "known": "、".join(job.name for job in registered) or _("无")}
        )
    return [job for job in registered if job.name in set(names)]


# --- running them ----------------------------------------------------------------------------------------


def run_jobs(day: dt.date, jobs: Sequence[DailyJob], *, dry_run: bool = False) -> list[JobResult]:
    """Each job for `day`, in order; one failing does not stop the others. `dry_run` only says what would run."""
    return [(_preview if dry_run else _run)(job, day) for job in jobs]


def _run(job: DailyJob, day: dt.date) -> JobResult:
    run = _claim(job, day)
    if run is None:
        taken = DailyJobRun.objects.filter(job=job.name, day=day, outcome=Outcome.OK).exists()
        return JobResult(job, day, ALREADY_RAN if taken else RUNNING_ELSEWHERE)
    try:
        with _savepoint_when_nested():
            summary = str(job.run(day) or "")
    except Exception as error:
        # The traceback goes to the log and the run's record; the person running the command gets one line.
        logger.exception("daily job %s failed for %s", job.name, day)
        _finish(run, Outcome.FAILED, error=traceback.format_exc())
        return JobResult(job, day, FAILED, _one_line(error))
    except BaseException:  # interrupted (Ctrl-C, SystemExit): the date is free again for the next run
        _finish(run, Outcome.FAILED, error=_("执行被中断。"))
        raise
    _finish(run, Outcome.OK, summary=summary)
    return JobResult(job, day, RAN, summary)


def _preview(job: DailyJob, day: dt.date) -> JobResult:
    _release_abandoned(job, day, dry_run=True)
    held = set(DailyJobRun.objects.filter(job=job.name, day=day, outcome__in=[Outcome.OK, Outcome.RUNNING])
               .exclude(outcome=Outcome.RUNNING, started_at__lt=timezone.now() - ABANDONED_AFTER)
               .values_list("outcome", flat=True))
    if Outcome.OK in held:
        return JobResult(job, day, ALREADY_RAN)
    return JobResult(job, day, RUNNING_ELSEWHERE if held else WOULD_RUN)


def _claim(job: DailyJob, day: dt.date) -> DailyJobRun | None:
    """The new run of `job` for `day`, committed before the job starts; None when another run holds the date."""
    _release_abandoned(job, day)
    try:
        with transaction.atomic():
            return DailyJobRun.objects.create(job=job.name, day=day, started_at=timezone.now())
    except IntegrityError:
        return None


def _release_abandoned(job: DailyJob, day: dt.date, *, dry_run: bool = False) -> None:
    now = timezone.now()
    abandoned = DailyJobRun.objects.filter(job=job.name, day=day, outcome=Outcome.RUNNING,
                                           started_at__lt=now - ABANDONED_AFTER)
    if dry_run:
        return
    # One UPDATE: of two processes finding the same abandoned run, only one changes it.
    if abandoned.update(outcome=Outcome.FAILED, finished_at=now,
                        error=_("开始后 %(hours)s 小时仍未结束，视为中断（进程被终止或服务器重启）。")
                        % {"hours": int(ABANDONED_AFTER.total_seconds() // 3600)}):
        logger.warning("daily job %s for %s was abandoned by an earlier run; running it again", job.name, day)


def _finish(run: DailyJobRun, outcome: str, *, summary: str = "", error: str = "") -> None:
    # Only while still ours: a run taken for abandoned meanwhile (and run again elsewhere) keeps that record.
    finished = DailyJobRun.objects.filter(pk=run.pk, outcome=Outcome.RUNNING).update(
        outcome=outcome, finished_at=timezone.now(), summary=summary, error=error)
    if not finished:
        logger.warning("daily job %s for %s finished (%s) after its run was taken for abandoned",
                       run.job, run.day, outcome)


@contextmanager
def _savepoint_when_nested() -> Iterator[None]:
    """A job commits its own work in its own transactions (a long job must not hold SQLite's one writer
    for its whole run). Called inside a transaction (a test, another command), it gets a savepoint, so
    that a database error in the job still leaves the transaction usable for recording the failure."""
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
    else:
        yield


def _one_line(error: BaseException) -> str:
    message = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
    return text if len(text) <= 300 else text[:299] + "…"
