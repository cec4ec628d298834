"""The notifications, declared once: their audit event types and their daily jobs (reminders of deadlines
due soon or overdue; deliveries due for another attempt)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from yifa.core.modules import DailyJob, Module

from .reminders import run_reminders, run_retries

MODULE = Module(
    "notifications", verbose_name=_("通知"),
    daily_jobs=[
        DailyJob("notifications.deadline_reminders", _("提醒即将到期和已逾期的期限"), run_reminders),
        DailyJob("notifications.retry", _("重新发送到期的通知"), run_retries),
    ],
    event_types={
        "notifications.preferences_changed": _("修改通知设置"),
        "notifications.address_bounced": _("标记退信地址"),
        "notifications.bounce_cleared": _("清除退信标记"),
    },
)
