"""Public pages of the benchmarks (行政处罚裁量基准) on the portal: the benchmarks in force by department, one
benchmark with its tiers and history, and the xlsx download. They parse, read through selectors, render;
a malformed query is ignored with a notice, never a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from yifa.org.models import Department

from . import selectors
from .models import Benchmark
from .search import SOURCE, search_available
from .spreadsheet import export_xlsx


class Filters:
    def __init__(self, request: HttpRequest) -> None:
        self.notices: list[str] = []
        self.today = timezone.localdate()
        self.as_of = self.today
        text = request.GET.get("as_of", "").strip()[:20]
        if text:
            try:
                self.as_of = dt.date.fromisoformat(text)
            except ValueError:
                self.notices.append(_("“%(value)s”不是有效的日期（YYYY-MM-DD），已显示今天有效的裁量基准。") % {"value": text})
        self.department: Department | None = None
        code = request.GET.get("department", "").strip()[:30]
        if code:
            self.department = Department.objects.filter(code=code, is_active=True).first()
            if self.department is None:
                self.notices.append(_("没有代码为“%(code)s”的部门，已显示全部部门。") % {"code": code})

    def query(self) -> str:
        from urllib.parse import urlencode

        params = {}
        if self.as_of != self.today:
            params["as_of"] = self.as_of.isoformat()
        if self.department:
            params["department"] = self.department.code
        return urlencode(params)


@require_GET
def benchmark_list(request: HttpRequest) -> HttpResponse:
    filters = Filters(request)
    versions = list(selectors.with_tiers(selectors.in_force(filters.as_of, department=filters.department)))
    groups: dict[Any, list[Any]] = {}
    for version in versions:
        groups.setdefault(version.department, []).append(version)
    department_ids = selectors.in_force(filters.as_of).values("department").distinct()
    departments = Department.objects.filter(pk__in=department_ids).order_by("sort_order", "id")
    return TemplateResponse(request, "enforcement/benchmarks/list.html", {
        "filters": filters, "groups": list(groups.items()), "count": len(versions), "departments": departments,
        "querystring": filters.query(), "search_available": search_available(), "search_source": SOURCE})


@require_GET
def benchmark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filters = Filters(request)
    benchmark = Benchmark.objects.select_related("department").filter(pk=pk).first()
    if benchmark is None:
        raise Http404(_("没有这项裁量基准。"))
    version = selectors.version_on(benchmark, filters.as_of)
    history = list(selectors.history(benchmark))
    if version is None:
        # Not in force on that day: the last version before it, else the first (a benchmark not yet in force).
        past = [v for v in history if v.effective_from <= filters.as_of]
        version = past[-1] if past else None
    if version is None:
        raise Http404(_("这项裁量基准尚未生效。"))
    version = selectors.with_tiers(selectors.history(benchmark)).get(pk=version.pk)
    return TemplateResponse(request, "enforcement/benchmarks/detail.html", {
        "filters": filters, "benchmark": benchmark, "version": version, "history": history,
        "in_force": version.effective_to is None or version.effective_to > filters.as_of,
        "querystring": filters.query()})


@require_GET
def benchmark_download(request: HttpRequest) -> HttpResponse:
    filters = Filters(request)
    data = export_xlsx(selectors.in_force(filters.as_of, department=filters.department))
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"cailiangjizhun-{filters.department.code if filters.department else 'all'}-{filters.as_of}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
