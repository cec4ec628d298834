"""The calendar table, the holiday notices it came from, and the deadlines computed against it.

A `Deadline` stores its inputs (start, period, suspensions, extensions) and what the engine made
of them (due date, trace) against a calendar revision; when the calendar changes, open deadlines
are recomputed (`actions.recompute_open_deadlines`). "Due soon" and "overdue" are never stored:
`selectors` derive them when queried.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .engine import Extension, Suspension
from .periods import Period, PeriodKind, SuspensionReason, Unit
from .workcalendar import DayKind


class HolidayNotice(models.Model):
    """A year's State Council holiday notice (国务院办公厅关于××年部分节假日安排的通知), as imported.

    Once a year's notice is here, the year's calendar is confirmed and the notice is its whole
    statement: the days it lists are in `CalendarDay`, every other day follows the week."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    document_number = models.CharField(_("文号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200, blank=True)
    text = models.TextField(_("通知原文"))
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by_label = models.CharField(_("导入人"), max_length=150)

    class Meta:
        verbose_name = _("节假日安排通知")
        verbose_name_plural = _("节假日安排通知")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} {self.document_number}"


class CalendarDay(models.Model):
    """One day whose status yifa states itself, overriding the chinesecalendar package."""

    class Kind(models.TextChoices):
        HOLIDAY = DayKind.HOLIDAY, _("放假")
        MAKEUP_WORKDAY = DayKind.MAKEUP_WORKDAY, _("调休上班")
        REST = DayKind.REST, _("休息日（其他文件）")
        WORKING = DayKind.WORKING, _("工作日（其他文件）")

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("工作日"))
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("节日名称"), max_length=60, blank=True)
    source_document = models.CharField(_("依据文号"), max_length=60)
    notice = models.ForeignKey(
        HolidayNotice, verbose_name=_("节假日安排通知"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="days",
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class CalendarRevision(models.Model):
    """Each change to the calendar is a revision; deadlines record the revision they were computed against."""

    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor_label = models.CharField(_("操作人"), max_length=150)
    description = models.CharField(_("说明"), max_length=255)
    changed_from = models.DateField(_("变更起始日"), null=True, blank=True)
    changed_to = models.DateField(_("变更截止日"), null=True, blank=True)
    changed_dates = models.JSONField(_("变更的日期"), default=list, blank=True)

    class Meta:
        verbose_name = _("日历修订")
        verbose_name_plural = _("日历修订")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.description}"


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def running(self) -> DeadlineQuerySet:
        return self.filter(status=Deadline.Status.OPEN)

    def for_object(self, obj: models.Model) -> DeadlineQuerySet:
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk))


class Deadline(models.Model):
    """A statutory period running on a case: its inputs, and its due date and trace as last computed."""

    class Status(models.TextChoices):
        OPEN = "open", _("计时中")
        COMPLETED = "completed", _("已完成")
        CLOSED = "closed", _("已终止")

    # Both foreign keys are led by a composite index below; no separate indexes to maintain.
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", db_index=False)
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    department = models.ForeignKey(
        "org.Department", verbose_name=_("承办部门"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # A module's own name for the period, to find it again ("reply", "correction_notice").
    code = models.SlugField(_("期限代码"), max_length=40, blank=True)
    purpose = models.CharField(_("期限"), max_length=100, help_text=_("例如：答复期限、补正告知期限"))
    basis = models.CharField(_("法律依据"), max_length=200, blank=True, help_text=_("例如：《政府信息公开条例》第三十三条"))

    start_date = models.DateField(_("起算日"))
    length = models.PositiveIntegerField(_("期间长度"))
    unit = models.CharField(_("单位"), max_length=16, choices=Unit.choices)
    kind = models.CharField(_("期限类型"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.MAXIMUM)
    max_extension = models.PositiveIntegerField(_("延长上限"), null=True, blank=True)

    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("完成日"), null=True, blank=True)
    closed_reason = models.CharField(_("终止原因"), max_length=200, blank=True)

    # What the engine made of the inputs, against `calendar_revision`.
    due_date = models.DateField(_("到期日"), null=True, blank=True)
    paused_since = models.DateField(_("中止计时自"), null=True, blank=True)
    counted_days = models.PositiveIntegerField(_("已计日数"), default=0)
    total_days = models.PositiveIntegerField(_("期间合计"), default=0)
    calendar_unconfirmed = models.BooleanField(_("日历待确认"), default=False)
    trace = models.JSONField(_("计算过程"), default=list)
    calendar_revision = models.PositiveIntegerField(_("日历修订号"), default=0)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["department", "status", "due_date"]),
            models.Index(fields=["target_type", "target_id"]),
            # The recomputation's groups: open deadlines with one start date and one due date.
            models.Index(fields=["status", "start_date", "due_date"]),
        ]

    def __str__(self) -> str:
        due = self.due_date.isoformat() if self.due_date else str(_("计时中止"))
        return f"{self.purpose}（{due}）"

    @property
    def period(self) -> Period:
        return Period(self.length, self.unit, self.kind, self.max_extension)

    def engine_suspensions(self) -> list[Suspension]:
        return [
            Suspension(s.starts_on, s.ends_on, s.reason, s.note)
            for s in self.suspensions.all()  # type: ignore[attr-defined]
        ]

    def engine_extensions(self) -> list[Extension]:
        return [
            Extension(e.length, e.approver_name, e.approved_on, e.reason)
            for e in sorted(self.extensions.all(), key=lambda e: (e.approved_on, e.pk))  # type: ignore[attr-defined]
        ]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_paused(self) -> bool:
        return self.is_open and self.paused_since is not None

    @property
    def completed_late(self) -> bool:
        return bool(self.completed_on and self.due_date and self.completed_on > self.due_date)


class DeadlineSuspension(models.Model):
    """The clock stops on every day from `starts_on` to `ends_on` inclusive; no `ends_on` yet: still stopped."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("中止事由"), max_length=16, choices=SuspensionReason.choices)
    starts_on = models.DateField(_("中止起始日"))
    ends_on = models.DateField(_("中止截止日"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by_label = models.CharField(_("登记人"), max_length=150)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("中止计时")
        verbose_name_plural = _("中止计时")
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline"], condition=models.Q(ends_on__isnull=True), name="workcalendar_one_open_suspension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.starts_on}–{self.ends_on or '…'}"


class DeadlineExtension(models.Model):
    """An approved extension, in the deadline's own unit."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    length = models.PositiveIntegerField(_("延长"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("批准人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    approver_name = models.CharField(_("批准人"), max_length=150)
    approved_on = models.DateField(_("批准日期"))
    reason = models.CharField(_("延长理由"), max_length=300)
    document = models.CharField(_("审批文书"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("延长期限")
        verbose_name_plural = _("延长期限")
        ordering = ["approved_on", "id"]

    def __str__(self) -> str:
        return f"+{self.length} {self.approver_name} {self.approved_on}"
