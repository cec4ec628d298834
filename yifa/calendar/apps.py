from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _next_year_notice(day):  # type: ignore[no-untyped-def]
    from .selectors import next_year_notice_reminder

    return next_year_notice_reminder(day)


class CalendarConfig(AppConfig):
    name = "yifa.calendar"
    label = "workcalendar"  # not "calendar": keep clear of the standard library's name in tables and labels
    verbose_name = _("工作日与期限")

    def ready(self) -> None:
        from yifa.core.modules import DailyJob, DemoLoader, Module, register_module

        register_module(Module(
            "workcalendar", verbose_name=self.verbose_name, demo=DemoLoader(20, "yifa.calendar.demo.load_calendar_demo"),
            benchmarks="yifa.calendar.bench:BENCHMARKS",
            daily_jobs=[DailyJob("calendar.next_year_notice", _("检查下一年度放假安排是否已导入"), _next_year_notice)],
            event_types={
                "calendar.notice_imported": _("导入节假日安排通知"),
                "calendar.day_set": _("设置日历日"),
                "calendar.day_cleared": _("撤销日历日设置"),
                "calendar.recomputed": _("日历变更后重新计算期限"),
                "deadline.opened": _("开始计算期限"),
                "deadline.suspended": _("中止计时"),
                "deadline.resumed": _("恢复计时"),
                "deadline.extended": _("延长期限"),
                "deadline.restarted": _("重新起算期限"),
                "deadline.completed": _("期限内事项完成"),
                "deadline.closed": _("终止期限"),
                "deadline.recomputed": _("按新日历重新计算到期日"),
            },
        ))
