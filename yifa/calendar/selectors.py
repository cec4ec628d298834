"""Reading deadlines and the calendar. "Due soon" and "overdue" are derived here, when queried.

A deadline is due soon when its due date falls within the next `YIFA_DUE_SOON_WORKING_DAYS` working
days (today included), overdue when its due date has passed and it is still open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .engine import count_days, nth_working_day_after
from .models import Deadline, DeadlineQuerySet
from .periods import PeriodKind, Unit
from .policies import deadline_policy
from .workcalendar import PACKAGE_YEARS, WorkCalendar, YearStatus, current_calendar


class DeadlineState(models.TextChoices):
    OVERDUE = "overdue", _("已逾期")
    DUE_SOON = "due_soon", _("即将到期")
    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("中止计时")
    COMPLETED = "completed", _("按期完成")
    COMPLETED_LATE = "completed_late", _("逾期完成")
    CLOSED = "closed", _("已终止")


ATTENTION = (DeadlineState.OVERDUE, DeadlineState.DUE_SOON)


def due_soon_limit(today: dt.date | None = None, calendar: WorkCalendar | None = None) -> dt.date:
    """The last due date that still counts as "due soon" today."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    days = settings.YIFA_DUE_SOON_WORKING_DAYS
    return nth_working_day_after(calendar, today, days) if days > 0 else today


def with_state(queryset: models.QuerySet[Deadline], today: dt.date | None = None) -> DeadlineQuerySet:
    """Annotate `state` (a DeadlineState) on each deadline, as of `today`."""
    today = today or timezone.localdate()
    soon = due_soon_limit(today)
    open_ = Q(status=Deadline.Status.OPEN)
    return queryset.annotate(  # type: ignore[return-value]
        state=Case(
            When(open_ & Q(paused_since__isnull=False), then=Value(DeadlineState.PAUSED.value)),
            When(open_ & Q(due_date__lt=today) & Q(kind=PeriodKind.MAXIMUM), then=Value(DeadlineState.OVERDUE.value)),
            When(open_ & Q(due_date__lte=soon) & Q(kind=PeriodKind.MAXIMUM), then=Value(DeadlineState.DUE_SOON.value)),
            When(open_, then=Value(DeadlineState.RUNNING.value)),
            When(Q(status=Deadline.Status.COMPLETED) & Q(completed_on__gt=F("due_date")),
                 then=Value(DeadlineState.COMPLETED_LATE.value)),
            When(status=Deadline.Status.COMPLETED, then=Value(DeadlineState.COMPLETED.value)),
            default=Value(DeadlineState.CLOSED.value),
            output_field=models.CharField(),
        )
    )


def deadlines_visible_to(user: Any) -> DeadlineQuerySet:
    return deadline_policy.instances_user_has_permission_for(user, "view")  # type: ignore[return-value]


def deadline_list(user: Any, *, state: str = "", department_id: int | None = None,
                  today: dt.date | None = None) -> DeadlineQuerySet:
    """The deadlines a user may see, with their state, soonest first; filtered by state and department."""
    qs = with_state(deadlines_visible_to(user), today).select_related("department", "target_type")
    if state == "attention":
        qs = qs.filter(state__in=[s.value for s in ATTENTION])  # type: ignore[misc]  # an annotation
    elif state == "open":
        qs = qs.filter(status=Deadline.Status.OPEN)
    elif state in DeadlineState.values:
        qs = qs.filter(state=state)  # type: ignore[misc]
    if department_id:
        qs = qs.filter(department_id=department_id)
    return qs.order_by(F("due_date").asc(nulls_last=True), "id")  # type: ignore[return-value]


def my_deadlines(user: Any, today: dt.date | None = None) -> DeadlineQuerySet:
    """Due soon and overdue, across every case type, in the user's departments: the dashboard panel."""
    return deadline_list(user, state="attention", today=today).prefetch_related("target")


def deadline_of(obj: models.Model, code: str, *, running: bool = True) -> Deadline | None:
    """The case's deadline with this code (the open one, unless `running=False`: the latest)."""
    qs = Deadline.objects.for_object(obj).filter(code=code)
    if running:
        qs = qs.running()
    return qs.order_by("-id").first()


def deadlines_of(obj: models.Model) -> DeadlineQuerySet:
    return with_state(Deadline.objects.for_object(obj)).prefetch_related("suspensions", "extensions").order_by("id")


@dataclass
class Progress:
    used: int  # days of `unit` counted so far
    left: int | None  # days left before the due date (None once finished or while paused)
    overdue_by: int  # days of the unit past the due date
    unit: str = Unit.WORKING_DAY  # the period's unit; calendar days for a month period


def deadline_progress(deadline: Deadline, today: dt.date | None = None,
                      calendar: WorkCalendar | None = None) -> Progress:
    """Days used and left as of today, in the period's own unit, not counting suspended days.

    A month has no fixed length, so a month period's progress is in calendar days: used up to today,
    left up to the due date."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    suspensions = deadline.engine_suspensions()
    end = deadline.completed_on if deadline.status == Deadline.Status.COMPLETED and deadline.completed_on else today
    unit = Unit.DAY if deadline.unit == Unit.MONTH else deadline.unit
    if deadline.due_date is None:
        return Progress(deadline.counted_days, None, 0, unit)
    if deadline.unit == Unit.MONTH:
        total = count_days(calendar, deadline.start_date, deadline.due_date, unit, suspensions)
    else:
        total = deadline.total_days
    used = min(count_days(calendar, deadline.start_date, end, unit, suspensions), total)
    overdue_by = count_days(calendar, deadline.due_date, end, unit) if end > deadline.due_date else 0
    if deadline.kind == PeriodKind.MINIMUM:
        overdue_by = 0
    left = None if not deadline.is_open else max(total - used, 0) if end <= deadline.due_date else 0
    return Progress(used, left, overdue_by, unit)


def year_statuses(years: range | list[int] | None = None) -> list[YearStatus]:
    """The status of each year's calendar, from the package's first year to next year."""
    calendar = current_calendar()
    this_year = timezone.localdate().year
    if years is None:
        first = min([*PACKAGE_YEARS, *calendar.notices, this_year]) if PACKAGE_YEARS else this_year
        years = range(max(first, this_year - 12), this_year + 2)
    return [calendar.year_status(year) for year in years]


def with_deadline(qs: models.QuerySet, code: str, today: dt.date | None = None) -> models.QuerySet:
    """Each case with its latest `code` deadline's id, due date and state (`<code>_deadline_id`,
    `<code>_due`, `<code>_state`), so a queue can sort and filter by what is due first without a query
    per row."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, OuterRef, Subquery
    from django.db.models.functions import Cast

    latest = with_state(Deadline.objects.filter(
        target_type=ContentType.objects.get_for_model(qs.model),
        target_id=Cast(OuterRef("pk"), output_field=CharField()), code=code,
    ), today).order_by("-id")
    return qs.annotate(**{
        f"{code}_deadline_id": Subquery(latest.values("id")[:1]),
        f"{code}_due": Subquery(latest.values("due_date")[:1]),
        f"{code}_state": Subquery(latest.values("state")[:1]),  # type: ignore[misc]  # an annotation
    })


def next_year_notice_reminder(day: dt.date) -> str:
    """From 1 November (the State Council's holiday notice for the next year usually comes out in
    November), say every day until it is imported that next year's calendar is not yet confirmed: deadlines
    that run into it are computed by the statutory holidays only and marked 日历待确认."""
    from django.utils.translation import gettext

    if day.month < 11:
        return gettext("无需提醒（11 月 1 日起检查下一年度的放假安排）。")
    status = current_calendar().year_status(day.year + 1)
    if status.confirmed:
        return gettext("%(year)s 年放假安排已确认。") % {"year": day.year + 1}
    return gettext("提醒：尚未导入国务院办公厅关于 %(year)s 年部分节假日安排的通知；跨入 %(year)s 年的期限暂按法定节日计算，"
                   "标为“日历待确认”。通知发布后请在“工作日历”中导入。") % {"year": day.year + 1}
