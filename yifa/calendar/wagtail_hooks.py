"""The back office's deadline and calendar screens, the "my deadlines" dashboard panel, and the menu."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from . import views
from .models import CalendarDay, Deadline, HolidayNotice
from .policies import calendar_day_policy, deadline_policy, holiday_notice_policy
from .selectors import deadline_progress, due_soon_limit, my_deadlines

register_permission_policy(CalendarDay, calendar_day_policy)
register_permission_policy(HolidayNotice, holiday_notice_policy)
register_permission_policy(Deadline, deadline_policy)

PANEL_ROWS = 10


@hooks.register("register_admin_urls")
def register_urls() -> list:
    return [
        path("deadlines/", views.DeadlineIndexView.as_view(), name="workcalendar_deadlines"),
        path("deadlines/<int:pk>/", views.DeadlineDetailView.as_view(), name="workcalendar_deadline"),
        path("calendar/", views.CalendarIndexView.as_view(), name="workcalendar_calendar"),
        path("calendar/<int:year>/", views.CalendarYearView.as_view(), name="workcalendar_year"),
        path("calendar/import/", views.notice_import, name="workcalendar_import"),
        path("calendar/day/", views.calendar_day, name="workcalendar_day"),
    ]


@hooks.register("register_admin_menu_item")
def deadlines_menu_item() -> MenuItem:
    return MenuItem(_("我的期限"), reverse("workcalendar_deadlines"), icon_name="time", order=150)


@hooks.register("register_admin_menu_item")
def calendar_menu_item() -> MenuItem:
    return MenuItem(_("工作日历"), reverse("workcalendar_calendar"), icon_name="date", order=850)


@hooks.register("insert_global_admin_css")
def calendar_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("workcalendar/admin.css"))


class MyDeadlinesPanel(Component):
    """Due soon and overdue, across every case type, in the user's departments. Modules plug in by
    opening deadlines on their cases; nothing else is needed for them to appear here."""

    name = "my_deadlines"
    template_name = "workcalendar/panels/my_deadlines.html"
    order = 50

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        from wagtail.admin.admin_url_finder import AdminURLFinder

        request = parent_context["request"]
        deadlines = my_deadlines(request.user).prefetch_related("suspensions")
        total = deadlines.count()
        finder = AdminURLFinder(request.user)
        rows = [
            {"deadline": d, "url": views.target_url(finder, d), "progress": deadline_progress(d)}
            for d in deadlines[:PANEL_ROWS]
        ]
        return {"rows": rows, "total": total, "more": max(total - PANEL_ROWS, 0), "soon_until": due_soon_limit(),
                "request": request}


@hooks.register("construct_homepage_panels")
def add_my_deadlines_panel(request: Any, panels: list) -> None:
    panels.insert(0, MyDeadlinesPanel())
