"""Staff API of the benchmarks part (mounted under /api/enforcement/, bearer token of a staff member).

`GET benchmarks` lists the versions in force; `POST benchmarks/recommend` is the calculator (and checks a
proposed fine); `POST benchmarks/import` takes the xlsx template; `POST benchmarks/versions/{id}/withdraw`
withdraws a version not yet in force. Every write goes through the same action as the back office: refused
with 403 (not allowed), 404 (unknown), 422 (bad input, with the problems by row) and nothing changed then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from yifa.api.auth import StaffToken
from yifa.core.errors import ActionRefused
from yifa.org.models import Department

from . import actions, selectors
from .calculator import CalculationRefused, check_amount, recommend
from .content import BenchmarkRefused
from .models import Benchmark, BenchmarkVersion
from .policies import benchmark_policy

router = Router(tags=["enforcement"])
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class TierOut(Schema):
    level: str
    label: str
    minimum: str
    maximum: str


class RecommendIn(Schema):
    benchmark: int
    circumstances: list[str] = Field(default_factory=list, max_length=50)
    facts: dict[str, str] = Field(default_factory=dict, max_length=10)
    on: dt.date | None = None
    amount: str | None = Field(None, max_length=40)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _version_out(version: BenchmarkVersion) -> dict[str, Any]:
    return {
        "id": version.pk, "benchmark": version.benchmark_id, "code": version.code, "violation": version.violation,
        "department": version.department.code, "power_item": version.power_item.code,
        "violated": version.violated_citation, "penalty": version.penalty_citation,
        "penalty_types": version.penalty_types, "effective_from": version.effective_from,
        "effective_to": version.effective_to,
        "circumstances": [{"code": c.code, "label": c.label, "effect": c.effect, "first_offence": c.first_offence}
                          for c in version.circumstances.all()],
        "brackets": [{"fact": b.fact, "fact_from": b.fact_from, "fact_below": b.fact_below, "kind": b.kind,
                      "statutory_min": b.statutory_min, "statutory_max": b.statutory_max,
                      "tiers": [{"level": t.level, "minimum": t.minimum, "maximum": t.maximum} for t in b.tiers.all()]}
                     for b in version.brackets.all()],
    }


@router.get("/benchmarks", auth=StaffToken(), summary="有效的裁量基准（可按部门代码和日期筛选）")
def list_benchmarks(request: HttpRequest, department: str = "", as_of: dt.date | None = None) -> Any:
    dept = None
    if department:
        dept = Department.objects.filter(code=department[:30]).first()
        if dept is None:
            raise HttpError(404, _("没有这个部门。"))
    versions = selectors.with_tiers(selectors.in_force(as_of, department=dept).select_related("benchmark"))
    return {"as_of": as_of or timezone.localdate(), "benchmarks": [_version_out(v) for v in versions]}


@router.post("/benchmarks/recommend", auth=StaffToken(), summary="裁量计算：适用阶次、建议幅度和理由；可同时核对拟罚款金额")
def recommend_fine(request: HttpRequest, payload: RecommendIn) -> Any:
    benchmark = Benchmark.objects.filter(pk=payload.benchmark).first()
    if benchmark is None or not benchmark_policy.can(_user(request), "view", benchmark):
        raise HttpError(404, _("没有这项裁量基准。"))
    try:
        rec = recommend(benchmark, circumstances=payload.circumstances, facts=payload.facts, on=payload.on)
        check = check_amount(rec, payload.amount) if payload.amount not in (None, "") else None
    except CalculationRefused as error:
        raise HttpError(422, error.message) from None
    return {
        "version": rec.version_id, "code": rec.code, "violation": rec.violation, "tier": rec.tier,
        "tier_label": rec.tier_label, "minimum": str(rec.minimum), "maximum": str(rec.maximum),
        "reasons": rec.reasons,
        "tiers": [{"level": t.level, "label": t.label, "minimum": str(t.minimum), "maximum": str(t.maximum)}
                  for t in rec.tiers],
        "check": None if check is None else {"verdict": check.verdict, "tier": check.tier, "allowed": check.allowed,
                                             "needs_reason": check.needs_reason, "message": check.message},
    }


@router.post("/benchmarks/import", auth=StaffToken(), summary="导入裁量基准（xlsx 模板；任何一行有错则全部不导入）")
def import_file(request: HttpRequest, department: Form[str], file: File[UploadedFile]) -> Any:
    dept = Department.objects.filter(code=department[:30]).first()
    if dept is None:
        raise HttpError(404, _("没有这个部门。"))
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise HttpError(422, _("文件超过 10 MB，不能导入。"))
    try:
        versions = actions.import_benchmarks(actor=_user(request), department=dept, source=file,
                                             filename=file.name or "", ip=request.META.get("REMOTE_ADDR"))
    except PermissionDenied as error:
        raise HttpError(403, str(error) or _("您没有权限执行此操作。")) from None
    except BenchmarkRefused as error:
        problems = [{"row": p.row, "column": p.column, "message": p.message}
                    for p in error.problems[:BenchmarkRefused.MAX_LISTED]]
        return JsonResponse({"detail": error.message, "problems": problems}, status=422,
                            json_dumps_params={"ensure_ascii": False})
    except ActionRefused as error:
        raise HttpError(422, error.message) from None
    return {"imported": [{"id": v.pk, "code": v.code, "effective_from": v.effective_from} for v in versions]}


class WithdrawIn(Schema):
    reason: str = Field(..., max_length=2000)


@router.post("/benchmarks/versions/{version_id}/withdraw", auth=StaffToken(), summary="撤回尚未生效的裁量基准版本")
def withdraw(request: HttpRequest, version_id: int, payload: WithdrawIn) -> Any:
    version = BenchmarkVersion.objects.select_related("department").filter(pk=version_id).first()
    if version is None:
        raise HttpError(404, _("没有这个版本。"))
    try:
        actions.withdraw_version(actor=_user(request), version=version, reason=payload.reason,
                                 ip=request.META.get("REMOTE_ADDR"))
    except PermissionDenied as error:
        raise HttpError(403, str(error) or _("您没有权限执行此操作。")) from None
    except ActionRefused as error:
        raise HttpError(409, error.message) from None
    return {"withdrawn": version_id}
