"""The core's one table: the record of each daily job's run for a date (`yifa daily`, yifa/core/daily.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DailyJobRun(models.Model):
    """One attempt at one daily job for one date.

    A job runs once per date: at most one run of a (job, day) is running or succeeded — the database
    refuses a second one (the partial unique constraint), so two `yifa daily` started together cannot
    both run it. Failed attempts stay as history and do not block a retry."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("执行中")
        OK = "ok", _("成功")
        FAILED = "failed", _("失败")

    job = models.CharField(_("任务"), max_length=100)
    day = models.DateField(_("执行日期"))
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices, default=Outcome.RUNNING)
    summary = models.TextField(_("摘要"), blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("每日任务运行记录")
        verbose_name_plural = _("每日任务运行记录")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "day"], condition=Q(outcome__in=["running", "ok"]), name="core_daily_job_once_per_day",
            ),
        ]
        indexes = [models.Index(fields=["-started_at"], name="core_daily_run_latest")]

    def __str__(self) -> str:
        return f"{self.job} {self.day} {self.outcome}"
