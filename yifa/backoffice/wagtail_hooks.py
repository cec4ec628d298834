"""The back-office screens of the core's records: the organisation, the audit report, the daily jobs' runs
and background tasks' progress."""

from __future__ import annotations

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
