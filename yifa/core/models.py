"""The core's tables: the record of each daily job's run for a date (`yifa daily`, yifa/core/daily.py) and the
progress of a long background task (yifa/core/progress.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
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


class TaskProgress(models.Model):
    """How far one long background task (an import, a rebuild) has got, for the person who started it.

    The task writes it every so many rows (yifa.core.progress.Reporter); the back office polls it and shows a
    progress bar, then the task's result. Its public id is a random UUID, and only the person who started
    it (or a superuser) can read it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    public_id = models.UUIDField(_("编号"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("任务类型"), max_length=100)
    label = models.CharField(_("任务"), max_length=300)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("阶段"), max_length=200, blank=True)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)  # 0: not known yet
    result = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务进度")
        verbose_name_plural = _("后台任务进度")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.label} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """Whole percent done, or None while the total is not known (the bar is then indeterminate)."""
        if not self.total:
            return 100 if self.status == self.Status.DONE else None
        return min(100, self.done * 100 // self.total)
