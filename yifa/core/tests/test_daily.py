"""`yifa daily`: every module's daily jobs, once per date, each run recorded; failures retried, bad dates refused."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import sqlite3
import time
from contextlib import ExitStack
from functools import partial
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.utils import timezone

from yifa.core import daily, modules
from yifa.core.management.commands.daily import Command
from yifa.core.models import DailyJobRun
from yifa.core.modules import DailyJob, Module, only_modules

DAY = dt.date(2024, 6, 30)


class ScratchJob:
    """A daily job that remembers the dates it ran for, and fails its first `failures` runs."""

    def __init__(self, name: str, label: str, failures: int = 0) -> None:
        self.name, self.label, self.failures = name, label, failures
        self.days: list[dt.date] = []

    def __call__(self, day: dt.date) -> str:
        self.days.append(day)
        if self.failures:
            self.failures -= 1
            raise RuntimeError("磁盘已满\n第二行不给用户看")
        return f"{self.label}完成"

    @property
    def declared(self) -> DailyJob:
        return DailyJob(self.name, self.label, self)


@pytest.fixture
def register():
    """Register scratch jobs as the only module's; the real registry comes back afterwards."""
    with ExitStack() as stack:
        def declare(*jobs: ScratchJob) -> None:
            stack.enter_context(only_modules(Module(
                "daily-tests", daily_jobs=[job.declared for job in jobs], event_types=dict(modules.event_types()))))
        yield declare


def run_daily(*args: str) -> str:
    out = StringIO()
    call_command("daily", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def runs(job: ScratchJob) -> list[tuple[dt.date, str]]:
    return list(DailyJobRun.objects.filter(job=job.name).order_by("pk").values_list("day", "outcome"))


@pytest.fixture
def two_jobs(db, register):
    first, second = ScratchJob("daily-tests.first", "第一任务"), ScratchJob("daily-tests.second", "第二任务")
    register(first, second)
    return first, second


def test_each_registered_job_runs_once_for_the_date_and_its_run_is_recorded(two_jobs):
    output = run_daily("--date", "2024-06-30")
    for job in two_jobs:
        assert job.days == [DAY]
        run = DailyJobRun.objects.get(job=job.name)
        assert (run.day, run.outcome, run.summary, run.error) == (DAY, "ok", f"{job.label}完成", "")
        assert run.started_at <= run.finished_at
        assert f"{job.label}（{job.name}）：已执行 — {job.label}完成" in output


def test_running_daily_again_for_the_same_date_skips_the_jobs_that_already_ran(two_jobs):
    run_daily("--date", "2024-06-30")
    output = run_daily("--date", "2024/6/30")
    assert [job.days for job in two_jobs] == [[DAY], [DAY]]
    assert output.count("跳过（该日期已执行过）") == 2
    assert DailyJobRun.objects.count() == 2


def test_the_date_defaults_to_today(two_jobs):
    run_daily()
    assert [job.days for job in two_jobs] == [[timezone.localdate()]] * 2


def test_a_failing_job_is_recorded_and_the_others_still_run_then_it_is_retried_next_time(db, register, caplog):
    first, failing, last = (ScratchJob("daily-tests.first", "第一任务"), ScratchJob("daily-tests.flaky", "会失败的任务", 1),
                            ScratchJob("daily-tests.last", "最后任务"))
    register(first, failing, last)
    out, err = StringIO(), StringIO()
    with caplog.at_level(logging.ERROR, logger="yifa.daily"), pytest.raises(CommandError, match="1 项任务执行失败"):
        call_command("daily", "--date", "2024-06-30", stdout=out, stderr=err)

    assert first.days == failing.days == last.days == [DAY]
    assert "会失败的任务（daily-tests.flaky）：失败 — RuntimeError: 磁盘已满" in out.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue() and "第二行" not in out.getvalue()
    [failed] = DailyJobRun.objects.filter(job=failing.name)
    assert failed.outcome == "failed" and failed.finished_at is not None
    assert "Traceback" in failed.error and "RuntimeError: 磁盘已满" in failed.error
    [logged] = [record for record in caplog.records if record.name == "yifa.daily"]
    assert logged.exc_info and "daily-tests.flaky" in logged.getMessage()

    output = run_daily("--date", "2024-06-30")
    assert failing.days == [DAY, DAY] and first.days == last.days == [DAY]
    assert "会失败的任务（daily-tests.flaky）：已执行" in output and output.count("已执行过") == 2
    assert runs(failing) == [(DAY, "failed"), (DAY, "ok")]


def test_a_database_error_in_a_job_is_recorded_as_its_failure_and_the_next_job_still_runs(db, register):
    def broken(day: dt.date) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_for_daily_tests")
        return "不会到这里"

    after = ScratchJob("daily-tests.after", "之后的任务")
    with only_modules(Module("daily-tests", daily_jobs=[DailyJob("daily-tests.broken", "坏任务", broken), after.declared])):
        with pytest.raises(CommandError):
            run_daily("--date", "2024-06-30")
        assert after.days == [DAY]
        assert DailyJobRun.objects.get(job="daily-tests.broken").outcome == "failed"
        assert DailyJobRun.objects.get(job=after.name).outcome == "ok"


def test_a_job_running_in_another_process_for_the_date_is_skipped(two_jobs):
    first, second = two_jobs
    DailyJobRun.objects.create(job=first.name, day=DAY, started_at=timezone.now())
    output = run_daily("--date", "2024-06-30")
    assert first.days == [] and second.days == [DAY]
    assert "第一任务（daily-tests.first）：跳过（另一进程正在执行）" in output


def test_a_run_cut_off_hours_ago_no_longer_holds_the_date_and_the_job_runs_again(two_jobs):
    first, _ = two_jobs
    abandoned = DailyJobRun.objects.create(job=first.name, day=DAY,
                                           started_at=timezone.now() - daily.ABANDONED_AFTER - dt.timedelta(minutes=1))
    run_daily("--date", "2024-06-30")
    assert first.days == [DAY]
    abandoned.refresh_from_db()
    assert abandoned.outcome == "failed" and "视为中断" in abandoned.error
    assert runs(first) == [(DAY, "failed"), (DAY, "ok")]


def _slow_job(marker: str, day: dt.date) -> str:
    with open(marker, "a") as file:
        file.write(f"{day}\n")
    time.sleep(1)
    return "慢任务完成"


def _run_in_own_process(job: tuple[str, str, dt.date]) -> list[str]:
    """In a forked process with a database connection of its own: the slow job for `day`."""
    database, marker, day = job
    connections.settings["default"]["NAME"] = database
    del connections["default"]  # never touch the parent's connection object
    try:
        return [result.status for result in daily.run_jobs(day, [DailyJob("daily-tests.slow", "慢任务",
                                                                           partial(_slow_job, marker))])]
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_six_processes_starting_daily_at_once_run_the_job_once(tmp_path):
    marker = tmp_path / "ran"
    if connection.vendor == "sqlite":
        # The test database is in memory, which other processes cannot open: copy it to a file.
        database = str(tmp_path / "daily.sqlite3")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [database])
        # A production database is already in WAL mode (it persists in the file); six processes switching a
        # fresh copy at once would race for the exclusive lock that switch needs, which SQLite refuses
        # without waiting ("database is locked"), and that race is not what this test is about.
        with sqlite3.connect(database) as copy:
            assert copy.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
    else:
        database = connection.settings_dict["NAME"]
    connections.close_all()  # forked children must not inherit an open connection

    with multiprocessing.get_context("fork").Pool(6) as pool:
        statuses = sum(pool.map(_run_in_own_process, [(database, str(marker), DAY)] * 6), [])

    assert statuses.count(daily.RAN) == 1
    assert set(statuses) <= {daily.RAN, daily.RUNNING_ELSEWHERE, daily.ALREADY_RAN}
    assert Path(marker).read_text() == f"{DAY}\n"
    if connection.vendor == "sqlite":
        with sqlite3.connect(database) as copy:
            recorded = copy.execute("SELECT outcome FROM core_dailyjobrun WHERE job = 'daily-tests.slow'").fetchall()
        recorded = [outcome for (outcome,) in recorded]
    else:
        recorded = list(DailyJobRun.objects.filter(job="daily-tests.slow").values_list("outcome", flat=True))
    assert recorded == ["ok"]


def _refused(*args: str, capsys) -> str:
    """The command as the shell runs it: the exit status and what it prints."""
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["yifa", "daily", *args])
    assert exited.value.code != 0
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    return printed.err


@pytest.mark.parametrize("value", ["2024-13-01", "2024-02-30", "明天", "30/06/2024", "2024-06-30; rm -rf /", ""])
def test_a_malformed_date_is_refused_with_a_clear_message_and_nothing_runs(register, capsys, value):
    job = ScratchJob("daily-tests.first", "第一任务")
    register(job)
    message = _refused("--date", value or " ", capsys=capsys)
    assert "不是有效的日期" in message and "YYYY-MM-DD" in message
    assert job.days == []  # and the database was not touched: this test may not use it


@pytest.mark.parametrize("days_ahead", [1, 8, 3650])
def test_a_date_to_come_is_refused_because_the_jobs_act_as_of_their_date(register, capsys, days_ahead):
    job = ScratchJob("daily-tests.first", "第一任务")
    register(job)
    ahead = timezone.localdate() + dt.timedelta(days=days_ahead)
    message = _refused("--date", ahead.isoformat(), capsys=capsys)
    assert f"{ahead.isoformat()} 尚未到来" in message and "不能提前执行" in message
    message = _refused("--from", ahead.isoformat(), capsys=capsys)
    assert "尚未到来" in message
    assert job.days == []


def test_from_catches_up_every_date_up_to_today_in_order_each_once(two_jobs):
    first, second = two_jobs
    today = timezone.localdate()
    run_daily("--date", (today - dt.timedelta(days=1)).isoformat())  # the one day the server was up
    output = run_daily("--from", (today - dt.timedelta(days=3)).isoformat())
    expected = [today - dt.timedelta(days=n) for n in (1, 3, 2, 0)]
    assert first.days == second.days == expected
    assert output.count("跳过（该日期已执行过）") == 2
    assert [line for line in output.splitlines() if not line.startswith(" ")] == [
        f"{today - dt.timedelta(days=n)}：" for n in (3, 2, 1, 0)]
    run_daily("--from", (today - dt.timedelta(days=3)).isoformat())
    assert first.days == expected  # nothing twice


def test_from_stops_at_the_date_given(two_jobs):
    first, _ = two_jobs
    run_daily("--from", "2024-06-28", "--date", "2024-06-30")
    assert first.days == [dt.date(2024, 6, 28), dt.date(2024, 6, 29), DAY]


@pytest.mark.parametrize("args, message", [
    (["--from", "2024-07-01", "--date", "2024-06-30"], "晚于截止日期"),
    (["--from", "2014-06-30", "--date", "2024-06-30"], "一次最多补跑 366 天"),
])
def test_a_catch_up_backwards_or_over_a_year_is_refused(register, capsys, args, message):
    job = ScratchJob("daily-tests.first", "第一任务")
    register(job)
    assert message in _refused(*args, capsys=capsys)
    assert job.days == []


def test_job_runs_only_the_jobs_named(two_jobs):
    first, second = two_jobs
    output = run_daily("--date", "2024-06-30", "--job", second.name)
    assert first.days == [] and second.days == [DAY] and first.name not in output


def test_an_unknown_job_name_is_refused_naming_the_jobs_there_are(register, capsys):
    register(ScratchJob("daily-tests.first", "第一任务"))
    message = _refused("--job", "daily-tests.nope", capsys=capsys)
    assert "没有名为 daily-tests.nope 的每日任务" in message and "daily-tests.first" in message


def test_dry_run_lists_what_would_run_and_runs_nothing(two_jobs):
    first, second = two_jobs
    run_daily("--date", "2024-06-30", "--job", first.name)
    output = run_daily("--date", "2024-06-30", "--dry-run")
    assert "第一任务（daily-tests.first）：跳过（该日期已执行过）" in output
    assert "第二任务（daily-tests.second）：将执行" in output
    assert first.days == [DAY] and second.days == []
    assert DailyJobRun.objects.count() == 1


def test_the_modules_own_daily_jobs_run_without_error_on_an_empty_database(db):
    registered = {job.name for job in modules.daily_jobs()}
    assert {"powers.take_effect", "publication.withdraw_expired"} <= registered
    output = run_daily("--date", "2024-06-30")
    assert "失败" not in output
    assert dict(DailyJobRun.objects.values_list("job", "outcome")) == dict.fromkeys(registered, "ok")
    assert "清单调整到期生效（powers.take_effect）：已执行" in output
