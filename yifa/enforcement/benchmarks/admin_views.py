"""The back office of the benchmarks: the benchmarks in force of the user's departments, the calculator
(裁量计算器), the xlsx import and export. Views parse, check the policy, call actions or the calculator,
render; nothing here writes except through `actions`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import actions, selectors
from .calculator import CalculationRefused, check_amount, recommend
from .content import BenchmarkRefused
from .models import Fact
from .policies import benchmark_policy
from .spreadsheet import export_xlsx

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _crumbs(label: str) -> list[dict[str, str]]:
    return [{"url": reverse("wagtailadmin_home"), "label": _("仪表板")}, {"url": "", "label": label}]


def _page(title: str) -> dict[str, Any]:
    return {"page_title": title, "header_title": title, "breadcrumbs_items": _crumbs(title)}


def editing_departments(user: Any) -> QuerySet[Department]:
    """Departments whose benchmarks the user may adopt (all of them for a system administrator)."""
    scope = department_scope(user)
    roles = benchmark_policy.roles_for("adopt")
    qs = Department.objects.filter(is_active=True).order_by("sort_order", "id")
    if scope.city_roles & roles:
        return qs
    return qs.filter(pk__in=scope.departments_with_any(roles))


def visible_versions(user: Any, as_of: dt.date) -> QuerySet:
    visible = benchmark_policy.instances_user_has_any_permission_for(user, ["view"])
    return selectors.in_force(as_of).filter(benchmark__in=visible).select_related("department")


def _date(text: str, errors: list[str]) -> dt.date:
    text = (text or "").strip()[:20]
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.append(_("“%(value)s”不是有效的日期（YYYY-MM-DD）。") % {"value": text})
        return timezone.localdate()


def index(request: HttpRequest) -> HttpResponse:
    if not benchmark_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    today = timezone.localdate()
    versions = visible_versions(request.user, today).prefetch_related("brackets__tiers")
    return TemplateResponse(request, "enforcement/benchmarks/admin/index.html", {
        **_page(_("裁量基准")), "versions": versions, "today": today,
        "can_import": editing_departments(request.user).exists()})


def calculator(request: HttpRequest) -> HttpResponse:
    """Pick a violation, tick circumstances, enter the facts: the tier, the range and why."""
    if not benchmark_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    errors: list[str] = []
    get = request.GET
    on = _date(get.get("on", ""), errors)
    choices = list(visible_versions(request.user, on).order_by("department__sort_order", "code"))
    version = None
    raw = get.get("benchmark", "").strip()
    if raw:
        version = next((v for v in choices if str(v.benchmark_id) == raw), None)
        if version is None:
            errors.append(_("该日期没有这项裁量基准，或您无权查看。"))
    context: dict[str, Any] = {**_page(_("裁量计算器")), "choices": choices, "version": version, "on": on,
                               "errors": errors, "ticked": get.getlist("circumstances"),
                               "facts": {k: get.get(k, "")[:40] for k in Fact.values}, "amount": get.get("amount", "")[:40]}
    if version is not None:
        context["circumstances"] = list(version.circumstances.all())
        needed = sorted({b.fact for b in version.brackets.all() if b.fact})
        labels = dict(Fact.choices)
        context["fact_fields"] = [(f, labels[f], context["facts"][f]) for f in needed]
        if get.get("calculate") and not errors:
            try:
                rec = recommend(version, circumstances=context["ticked"],
                                facts={f: context["facts"][f] for f in needed}, on=on)
                context["recommendation"] = rec
                if context["amount"].strip():
                    context["check"] = check_amount(rec, context["amount"])
            except CalculationRefused as error:
                errors.append(error.message)
    return TemplateResponse(request, "enforcement/benchmarks/admin/calculator.html", context)


def import_view(request: HttpRequest) -> HttpResponse:
    departments = editing_departments(request.user)
    if not departments.exists():
        raise PermissionDenied
    context: dict[str, Any] = {**_page(_("导入裁量基准")), "departments": departments}
    if request.method == "POST":
        chosen = request.POST.get("department", "")
        department = departments.filter(pk=int(chosen)).first() if chosen.isdigit() and len(chosen) < 12 else None
        upload = request.FILES.get("file")
        if department is None:
            context["error"] = _("请选择部门。")
        elif upload is None:
            context["error"] = _("请选择要导入的 xlsx 文件。")
        elif upload.size and upload.size > MAX_UPLOAD_BYTES:
            context["error"] = _("文件超过 10 MB，不能导入。")
        else:
            try:
                versions = actions.import_benchmarks(actor=request.user, department=department, source=upload,
                                                     filename=upload.name or "", ip=request.META.get("REMOTE_ADDR"))
            except BenchmarkRefused as error:
                context["problems"] = error.problems[:BenchmarkRefused.MAX_LISTED]
                context["problem_count"] = len(error.problems)
            except ActionRefused as error:
                context["error"] = error.message
            else:
                messages.success(request, _("已导入 %(n)s 项裁量基准，于各自的生效日期生效。") % {"n": len(versions)})
                return redirect("enforcement_benchmarks_admin")
    return TemplateResponse(request, "enforcement/benchmarks/admin/import.html", context,
                            status=422 if context.get("problems") or context.get("error") else 200)


def export_view(request: HttpRequest) -> HttpResponse:
    if not benchmark_policy.user_has_permission(request.user, "export"):
        raise PermissionDenied
    errors: list[str] = []
    on = _date(request.GET.get("as_of", ""), errors)
    versions = visible_versions(request.user, on)
    code = request.GET.get("department", "").strip()[:30]
    if code:
        versions = versions.filter(department__code=code)
    response = HttpResponse(export_xlsx(versions),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="cailiangjizhun-{code or "all"}-{on}.xlsx"'
    return response
