"""Back-office screens of the platform's own running: the daily jobs' runs (`yifa daily`, read-only, for system
administrators) and the status of a background task's progress, which progress bars poll."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from yifa.core.models import DailyJobRun
from yifa.core.modules import daily_jobs
from yifa.core.progress import visible_to
from yifa.org.models import Role
from yifa.org.policies import ReferenceDataPolicy

from .viewsets import ScopedInspectView, ScopedModelViewSet


class DailyJobRunPolicy(ReferenceDataPolicy):
    """System administrators read the runs; nobody writes them (only `yifa daily` does)."""

    rules = {"view": frozenset({Role.SYSTEM_ADMIN}), "add": frozenset(), "change": frozenset(),
             "delete": frozenset()}


daily_job_run_policy = DailyJobRunPolicy(DailyJobRun)
register_permission_policy(DailyJobRun, daily_job_run_policy)


def _job_choices() -> list[tuple[str, str]]:
    return [(job.name, f"{job.label}（{job.name}）") for job in daily_jobs()]


def job_label(run: DailyJobRun) -> str:
    labels = {job.name: str(job.label) for job in daily_jobs()}
    return f"{labels[run.job]}（{run.job}）" if run.job in labels else run.job


def duration(run: DailyJobRun) -> str:
    if run.finished_at is None:
        return "—"
    seconds = max(0, int((run.finished_at - run.started_at).total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return str(_("%(h)s 小时 %(m)s 分") % {"h": hours, "m": minutes})
    if minutes:
        return str(_("%(m)s 分 %(s)s 秒") % {"m": minutes, "s": seconds})
    return str(_("%(s)s 秒") % {"s": seconds})


class DailyJobRunFilterSet(WagtailFilterSet):
    job = django_filters.ChoiceFilter(label=_("任务"), choices=_job_choices)
    outcome = django_filters.ChoiceFilter(label=_("结果"), choices=DailyJobRun.Outcome.choices)
    day = django_filters.DateFromToRangeFilter(label=_("执行日期"), widget=DateRangePickerWidget)

    class Meta:
        model = DailyJobRun
        fields = ["job", "outcome", "day"]


class DailyJobRunInspectView(ScopedInspectView):
    def get_job_display_value(self) -> str:
        return job_label(self.object)

    def get_error_display_value(self) -> Any:
        return format_html("<pre class=\"yifa-traceback\">{}</pre>", self.object.error) if self.object.error else "—"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["fields"].insert(5, {"label": _("用时"), "value": duration(self.object), "component": None})
        return context


class DailyJobRunViewSet(ScopedModelViewSet):
    model = DailyJobRun
    icon = "date"
    menu_label = _("每日任务记录")
    menu_order = 910
    add_to_admin_menu = True
    list_display = [
        "day", Column("job", label=_("任务"), accessor=job_label), "outcome", "started_at",
        Column("duration", label=_("用时"), accessor=duration), "summary",
    ]
    filterset_class = DailyJobRunFilterSet
    inspect_view_class = DailyJobRunInspectView
    inspect_view_fields = ["day", "job", "outcome", "started_at", "finished_at", "summary", "error"]
    ordering = ["-started_at", "-pk"]
    list_per_page = 50
    form_fields = ["summary"]  # Wagtail's add and edit views exist, but the policy grants nobody "add" or "change"


def task_progress(request: HttpRequest, public_id: str) -> JsonResponse:
    """A background task's progress as JSON, for its progress bar; only for the person who started it."""
    try:
        progress = visible_to(request.user, public_id)
    except ValidationError:
        progress = None
    if progress is None:
        raise Http404
    return JsonResponse({
        "status": progress.status, "finished": progress.finished, "stage": progress.stage,
        "done": progress.done, "total": progress.total, "percent": progress.percent,
    }, headers={"Cache-Control": "no-store"})
