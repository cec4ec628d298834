"""The back-office screens of the core's records: the organisation, the audit report, the daily jobs' runs
and background tasks' progress; and Wagtail's help menu without its English guides."""

from __future__ import annotations

from typing import Any

from django.urls import path
from wagtail import hooks

from .audit_report import AuditEventViewSet
from .operations import DailyJobRunViewSet, task_progress
from .org_screens import OrganisationGroup


@hooks.register("register_admin_viewset")
def register_organisation() -> OrganisationGroup:
    return OrganisationGroup()


@hooks.register("register_admin_viewset")
def register_audit_report() -> AuditEventViewSet:
    return AuditEventViewSet("audit")


@hooks.register("register_admin_viewset")
def register_daily_job_runs() -> DailyJobRunViewSet:
    return DailyJobRunViewSet("daily-runs")


@hooks.register("register_admin_urls")
def register_task_progress() -> list:
    return [path("tasks/<uuid:public_id>/progress/", task_progress, name="yifa_task_progress")]


# Wagtail's help pages (what is new in Wagtail, its editor guide) are in English on guide.wagtail.org and about
# Wagtail, not about this city's work: the help menu keeps only the keyboard shortcuts.
WAGTAIL_GUIDE_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def drop_wagtail_guides(request: Any, menu_items: list) -> None:
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_GUIDE_ITEMS)]
