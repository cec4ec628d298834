"""Staff API of the personnel part (mounted under /api/enforcement/), with a staff token.

- GET  /api/enforcement/certificates            the certificates you may see (your department's; the office: all)
- GET  /api/enforcement/certificates/{number}   one of them (another department's: 404)
- POST /api/enforcement/certificates/{number}/status   suspend, reinstate, revoke or cancel (the office only)
- POST /api/enforcement/assignments/check        may these people do enforcement work in this field on this day?

Every write goes through the same action as the back office (policy, audit, refusals logged).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from yifa.api.auth import StaffToken
from yifa.api.schemas import ProblemOut
from yifa.org.models import Department, Staff
from yifa.org.policies import staff_policy

from . import actions
from .models import Certificate
from .policies import certificate_policy
from .selectors import assignment_problems, printable, register_status

router = Router(tags=["行政执法人员（工作人员）"])
PAGE_SIZE = 50
MAX_PAGE = 1000
MAX_ASSIGNMENTS = 10_000


class CertificateOut(Schema):
    number: str
    kind: str
    kind_label: str
    holder: str
    staff_id: int
    department: str
    department_name: str
    fields: list[str]
    area: str
    issuing_authority: str
    basis: str
    issued_on: dt.date
    valid_until: dt.date
    status: str = Field(description="valid、expired、suspended、revoked、cancelled（截至今天）")
    status_label: str
    status_since: dt.date | None
    status_reason: str


class CertificatePageOut(Schema):
    count: int
    page: int
    items: list[CertificateOut]


class CertificateQuery(Schema):
    department: str = Field("", max_length=30, description="执法单位代码")
    q: str = Field("", max_length=50, description="持证人姓名或证件编号（开头一致）")
    page: int = Field(1, ge=1, le=MAX_PAGE)


class StatusIn(Schema):
    action: Literal["suspend", "reinstate", "revoke", "cancel"]
    on: dt.date
    reason: str = Field("", max_length=20, description="transfer、retirement、agency_abolished、failed_review、misconduct、not_established")
    note: str = Field("", max_length=200)


class AssignmentIn(Schema):
    staff_id: int = Field(ge=1, le=2**63 - 1)  # a database id: SQLite and PostgreSQL refuse anything wider
    field: str = Field(max_length=50, description="执法门类代码或名称")
    on: dt.date


class AssignmentsIn(Schema):
    assignments: list[AssignmentIn] = Field(max_length=MAX_ASSIGNMENTS)


class ProblemItem(Schema):
    staff_id: int
    field: str
    on: dt.date
    reason: str


class AssignmentsOut(Schema):
    checked: int
    problems: list[ProblemItem]


def _out(cert: Certificate, today: dt.date) -> dict[str, Any]:
    code, label = register_status(cert, today)
    return {
        "number": cert.number, "kind": cert.kind, "kind_label": str(cert.get_kind_display()), "holder": cert.staff.name,
        "staff_id": cert.staff_id, "department": cert.department.code, "department_name": cert.department.name,
        "fields": [f.name for f in cert.fields.all()], "area": cert.area, "issuing_authority": cert.issuing_authority,
        "basis": cert.basis, "issued_on": cert.issued_on, "valid_until": cert.valid_until, "status": code,
        "status_label": label, "status_since": cert.status_since, "status_reason": cert.status_reason,
    }


def _problem(status: int, detail: str) -> Status:
    return Status(status, {"detail": detail, "errors": {}})


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _visible(user: Any) -> Any:
    return certificate_policy.instances_user_has_permission_for(user, "view").select_related(
        "staff", "department").prefetch_related("fields")


@router.get("/certificates", auth=StaffToken(), response={200: CertificatePageOut, 401: ProblemOut, 422: ProblemOut},
            summary="可查看的执法证件（本部门；政府法制机构为全部）")
def list_certificates(request: HttpRequest, filters: Query[CertificateQuery]) -> Status:
    from django.db.models import Q
    from django.utils import timezone

    qs = _visible(_user(request))
    if filters.department:
        department = Department.objects.filter(code=printable(filters.department, 30)).first()
        if department is None:
            return _problem(422, _("没有代码为“%(code)s”的部门。") % {"code": filters.department})
        qs = qs.filter(department=department)
    q = printable(filters.q, 50)
    if q:
        qs = qs.filter(Q(number__startswith=q) | Q(staff__name__startswith=q))
    qs = qs.order_by("department__sort_order", "number")
    start = (filters.page - 1) * PAGE_SIZE
    today = timezone.localdate()
    return Status(200, {"count": qs.count(), "page": filters.page,
                        "items": [_out(cert, today) for cert in qs[start:start + PAGE_SIZE]]})


@router.get("/certificates/{number}", auth=StaffToken(), response={200: CertificateOut, 401: ProblemOut, 404: ProblemOut},
            summary="一件执法证件")
def read_certificate(request: HttpRequest, number: str) -> Status:
    from django.utils import timezone

    cert = _visible(_user(request)).filter(number=printable(number, 30)).first()
    if cert is None:
        return _problem(404, _("没有这件证件，或者您无权查看。"))
    return Status(200, _out(cert, timezone.localdate()))


@router.post("/certificates/{number}/status", auth=StaffToken(),
             response={200: CertificateOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 422: ProblemOut},
             summary="暂扣、恢复、吊销或注销执法证件（政府法制机构）")
def change_status(request: HttpRequest, number: str, payload: StatusIn) -> Status:
    from django.utils import timezone

    cert = _visible(_user(request)).filter(number=printable(number, 30)).first()
    if cert is None:
        return _problem(404, _("没有这件证件，或者您无权查看。"))
    user = _user(request)
    try:
        if payload.action == "reinstate":
            actions.reinstate_certificate(actor=user, certificate=cert, on=payload.on, note=payload.note)
        else:
            perform = {"suspend": actions.suspend_certificate, "revoke": actions.revoke_certificate,
                       "cancel": actions.cancel_certificate}[payload.action]
            perform(actor=user, certificate=cert, on=payload.on, reason=payload.reason, note=payload.note)
    except PermissionDenied as denied:
        return _problem(403, str(denied))
    except actions.PersonnelRefused as refused:
        return _problem(422, refused.message)
    return Status(200, _out(_visible(user).get(pk=cert.pk), timezone.localdate()))


@router.post("/assignments/check", auth=StaffToken(), response={200: AssignmentsOut, 401: ProblemOut, 422: ProblemOut},
             summary="核验执法人员指派：持证、在有效期内、门类相符、在编（一次最多 10000 条）")
def check_assignments(request: HttpRequest, payload: AssignmentsIn) -> Status:
    ids = {a.staff_id for a in payload.assignments}
    people = staff_policy.instances_user_has_permission_for(_user(request), "view").in_bulk(list(ids))
    unknown = sorted(ids - set(people))
    if unknown:
        return _problem(422, _("没有这些工作人员，或者您无权查看：%(ids)s。") % {
            "ids": "、".join(str(i) for i in unknown[:20])})
    staff: dict[int, Staff] = people
    problems = assignment_problems([(staff[a.staff_id], printable(a.field, 50), a.on) for a in payload.assignments])
    return Status(200, {"checked": len(payload.assignments), "problems": [
        {"staff_id": key.staff_id, "field": key.field_code, "on": key.on, "reason": reason}
        for key, reason in problems.items()]})
