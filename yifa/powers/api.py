"""The public, read-only API of the lists (/api/powers/): the catalogue as of any date, an item, the year.

Every endpoint reads through the same selectors as the portal pages: only approved versions,
never another department's drafts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from yifa.org.models import Department

from . import selectors
from .exporter import power_json
from .models import VERSION_MODELS, AdjustmentKind, Catalogue, PowerType, PowerVersion

router = Router(tags=["权责清单"])
MAX_PAGE_SIZE = 200
MAX_PAGE = 100_000  # more than a 1,000,000-item list has pages: a larger number is a mistake, answered with 422
FIRST_YEAR, LAST_YEAR = 1949, 2199


class ListQuery(Schema):
    as_of: dt.date | None = None
    department: str = ""
    type: str = ""
    status: str = selectors.ListStatus.IN_FORCE
    q: str = Field("", max_length=200)
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class ItemSummary(Schema):
    id: int
    code: str
    name: str
    department: str
    department_name: str
    type: str | None = None
    effective_from: dt.date | None
    effective_to: dt.date | None
    url: str


class ItemPage(Schema):
    as_of: dt.date
    count: int
    page: int
    page_size: int
    items: list[ItemSummary]


class LegalBasisOut(Schema):
    law: str
    article: str
    text: str


class TimeLimitOut(Schema):
    length: int
    unit: str


class StepOut(Schema):
    step: str
    duty: str = ""
    accountability: str = ""


class PowerDetail(Schema):
    id: int
    basic_code: str
    implementation_code: str
    name: str
    type: dict[str, str]
    parent_code: str | None
    department: dict[str, str]
    handling_office: str
    co_departments: list[dict[str, str]]
    exercise_level: str
    legal_basis: list[LegalBasisOut]
    statutory_time_limit: TimeLimitOut | None
    promised_time_limit: TimeLimitOut | None
    charges: bool
    fee_standard: str
    fee_basis: str
    needs_intermediary_service: bool
    intermediary_services: list[str]
    service_targets: list[str]
    supervision_phone: str
    responsibilities: list[StepOut]
    responsibilities_are_standard: bool
    remarks: str
    status: str
    effective_from: str | None
    effective_to: str | None
    document_basis: str
    flowchart_url: str


class AdjustmentOut(Schema):
    id: int
    list: str
    kind: str
    kind_label: str
    code: str
    department: str
    effective_date: dt.date
    document: str
    decided_by: str
    counterpart: str


class Figures(Schema):
    year: int
    taken_over: int
    cancelled_correspondingly: int
    departments_cleaned_up: int
    approval_kept: int
    approval_cancelled: int
    powers_listed: int
    powers_departments: int
    intermediary_reviewed: int
    intermediary_kept: int
    intermediary_cancelled: int


def _department(code: str) -> Department | None:
    if not code:
        return None
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise HttpError(400, _("没有代码为“%(code)s”的部门。") % {"code": code[:30]})
    return department


def _page(catalogue: str, query: ListQuery) -> dict[str, Any]:
    as_of = query.as_of or timezone.localdate()
    if query.status not in selectors.ListStatus.CHOICES:
        raise HttpError(400, _("status 应为 in_force、ended 或 all。"))
    if query.type and query.type not in PowerType.values:
        raise HttpError(400, _("未知的事项类型“%(value)s”。") % {"value": query.type[:10]})
    size = min(max(query.page_size, 1), MAX_PAGE_SIZE)
    page = max(query.page, 1)
    qs = selectors.listed(catalogue, as_of, status=query.status, department=_department(query.department),
                          power_type=query.type or None).select_related("department")
    if query.q:
        qs = qs.filter(Q(name__icontains=query.q[:60]) | Q(code__startswith=query.q[:40]))
    qs = qs.order_by("department__sort_order", "department_id", "code")
    rows = list(qs[(page - 1) * size: page * size])
    return {"as_of": as_of, "count": qs.count(), "page": page, "page_size": size, "items": [{
        "id": v.item_id, "code": v.code, "name": v.name, "department": v.department.code,
        "department_name": v.department.name, "type": getattr(v, "power_type", None),
        "effective_from": v.effective_from, "effective_to": v.effective_to,
        "url": f"/powers/items/{v.item_id}/",
    } for v in rows]}


@router.get("/items", response=ItemPage, summary="权力事项（按日期、部门、类型筛选）")
def list_powers(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
    return _page(Catalogue.POWER, query)


@router.get("/items/{item_id}", response=PowerDetail, summary="一个权力事项：依据、时限、责任事项")
def power_detail(request: HttpRequest, item_id: int, as_of: dt.date | None = None) -> dict[str, Any]:
    item = selectors.public_item(item_id)
    if item is None or item.catalogue != Catalogue.POWER:
        raise HttpError(404, _("没有这个事项。"))
    version = selectors.version_on(item, as_of)
    if version is None:
        raise HttpError(404, _("该日期没有这个事项。"))
    version = PowerVersion.objects.select_related("department", "item__parent", "adjustment", "ended_by").get(
        pk=version.pk)
    related = selectors.power_details([version])[version.pk]
    names = dict(Department.objects.values_list("code", "name"))
    data = power_json(version, related, names)
    data["flowchart_url"] = f"/powers/items/{item.pk}/flowchart.svg"
    return data


@router.get("/intermediaries", response=ItemPage, summary="中介服务事项")
def list_intermediaries(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
    return _page(Catalogue.INTERMEDIARY, query)


@router.get("/approvals", response=ItemPage, summary="行政审批项目")
def list_approvals(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
    return _page(Catalogue.APPROVAL, query)


@router.get("/adjustments", response=list[AdjustmentOut], summary="一年的清单调整")
def list_adjustments(request: HttpRequest, year: int = Query(..., ge=FIRST_YEAR, le=LAST_YEAR),  # noqa: B008
                     list: str = "", kind: str = "", page: int = Query(1, ge=1, le=MAX_PAGE),  # noqa: B008
                     page_size: int = Query(100, ge=1, le=MAX_PAGE_SIZE)) -> list[dict[str, Any]]:  # noqa: B008
    if list and list not in Catalogue.values:
        raise HttpError(400, _("list 应为 power、intermediary 或 approval。"))
    if kind and kind not in AdjustmentKind.values:
        raise HttpError(400, _("未知的调整类型。"))
    size = min(max(page_size, 1), MAX_PAGE_SIZE)
    qs = selectors.applied_adjustments(year, catalogue=list or None).select_related(
        "item", "change_request__department").order_by("effective_date", "id")
    if kind:
        qs = qs.filter(kind=kind)
    start = (max(page, 1) - 1) * size
    return [{
        "id": a.pk, "list": a.catalogue, "kind": a.kind, "kind_label": str(a.get_kind_display()), "code": a.item.code,
        "department": a.change_request.department.code, "effective_date": a.effective_date, "document": a.document,
        "decided_by": a.decided_by, "counterpart": a.counterpart,
    } for a in qs[start:start + size]]


@router.get("/figures/{year}", response=Figures, summary="一年的清单数字（种子报告“依法行政”部分）")
def figures(request: HttpRequest, year: int) -> Any:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise HttpError(400, _("年度超出范围。"))
    return selectors.pillar_figures(year)


__all__ = ["router", "VERSION_MODELS"]
