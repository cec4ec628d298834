"""Staff API of the cases part (mounted under /api/enforcement/): what the generic case API (/api/cases/…) cannot
carry — registering a case (案源登记), uploading evidence files, and the surcharge with its arithmetic. Every
other step goes through /api/cases/{reference}/transitions/{name}, with the same guards as the back office.

Another department's case does not exist here: 404, never 403."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from yifa.api.auth import StaffToken
from yifa.api.schemas import ProblemOut, RefusalOut
from yifa.casework.transitions import STATE, GuardRefused
from yifa.core.dates import DateInputError, parse_day
from yifa.core.errors import ActionRefused, InvalidTransition
from yifa.org.models import Department

from . import actions
from .selectors import case_for

router = Router(tags=["行政执法案件（工作人员）"], auth=StaffToken())


class CaseIn(Schema):
    department: str = Field(description="执法机关的代码，如 scjgj")
    power: int = Field(description="执法事项（权责清单中在发现日期有效的行政处罚或行政强制事项版本）的 id")
    field: int | None = Field(None, description="执法门类 id；部门只有一个执法门类时可不填")
    title: str = Field(max_length=200)
    party_kind: str = Field(description="natural_person、legal_person 或 other")
    party_name: str = Field(max_length=100)
    party_id_number: str = Field("", max_length=30)
    party_address: str = Field("", max_length=200)
    facts: str = Field(max_length=5000)
    found_on: str = Field(description="发现日期，YYYY-MM-DD")
    handlers: list[int] = Field(description="承办人员（工作人员 id），两名以上持证执法人员", max_length=20)
    major_reasons: list[str] = Field(default_factory=list, max_length=5)


class CaseCreated(Schema):
    reference: str
    status: str


class EvidenceOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    sha256: str


class SurchargeOut(Schema):
    fine: str
    due_date: dt.date
    as_of: dt.date
    days: int
    amount: str
    total: str
    capped: bool
    lines: list[str]


def _problem(status: int, detail: str) -> Status:
    return Status(status, {"detail": detail, "errors": {}})


def _day(text: str, what: str) -> dt.date:
    try:
        return parse_day(text, what=what)
    except DateInputError as error:
        raise ActionRefused(str(error)) from None


@router.post("/cases", response={201: CaseCreated, 401: ProblemOut, 403: ProblemOut, 422: ProblemOut},
             summary="登记案源（与后台“案源登记”相同的检查：有效的执法事项、两名以上持证承办人员）")
def register(request: HttpRequest, payload: CaseIn) -> Status:
    from yifa.powers.models import PowerVersion

    user = request.auth  # type: ignore[attr-defined]
    department = Department.objects.filter(code=payload.department[:30]).first()
    power = PowerVersion.objects.filter(pk=payload.power).first()
    if department is None:
        return _problem(422, _("没有代码为“%(code)s”的部门。") % {"code": payload.department[:30]})
    if power is None:
        return _problem(422, _("没有这个执法事项。"))
    try:
        case = actions.register_case(
            actor=user, department=department, power=power, title=payload.title, party_kind=payload.party_kind,
            party_name=payload.party_name, party_id_number=payload.party_id_number,
            party_address=payload.party_address, facts=payload.facts, found_on=_day(payload.found_on, _("发现日期")),
            handler_ids=payload.handlers, major_reasons=payload.major_reasons, field=payload.field)
    except PermissionDenied:
        return _problem(403, _("您不能为该部门登记行政执法案件。"))
    except ActionRefused as refused:
        return _problem(422, refused.message)
    return Status(201, {"reference": case.reference, "status": case.status})


@router.post("/cases/{reference}/evidence",
             response={201: list[EvidenceOut], 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 409: RefusalOut,
                       413: ProblemOut, 422: ProblemOut},
             summary="上传证据文件（保存上传时的 SHA-256）")
def upload_evidence(request: HttpRequest, reference: str, description: Form[str], collected_on: Form[str],
                    kind: Form[str] = "", files: File[list[UploadedFile]] = None) -> Status:  # type: ignore[assignment]
    user = request.auth  # type: ignore[attr-defined]
    case = case_for(user, reference)
    if case is None:
        return _problem(404, _("没有这个案件，或者您无权查看。"))
    try:
        stored = actions.add_evidence(actor=user, case=case, uploads=files or [], kind=kind, description=description,
                                      collected_on=_day(collected_on, _("取证日期")))
    except RequestDataTooBig:
        return _problem(413, _("上传的文件太大。"))
    except PermissionDenied as error:
        return _problem(403, str(error) or _("您没有权限执行此操作。"))
    except GuardRefused as error:
        return Status(409, {"detail": error.message, "guard": error.guard})
    except InvalidTransition as error:
        return Status(409, {"detail": error.message, "guard": STATE})
    except ActionRefused as refused:
        return _problem(422, refused.message)
    return Status(201, [{"id": e.pk, "name": e.original_name, "kind": e.kind, "size": e.size, "sha256": e.sha256}
                        for e in stored])


@router.get("/cases/{reference}/surcharge", response={200: SurchargeOut, 401: ProblemOut, 404: ProblemOut,
                                                       422: ProblemOut},
            summary="加处罚款（每日3%，不超过罚款数额）及其计算过程")
def surcharge(request: HttpRequest, reference: str, as_of: str = "") -> Status:
    user = request.auth  # type: ignore[attr-defined]
    case = case_for(user, reference)
    if case is None:
        return _problem(404, _("没有这个案件，或者您无权查看。"))
    try:
        day = _day(as_of, _("计算日期")) if as_of else None
    except ActionRefused as refused:
        return _problem(422, refused.message)
    result: Any = actions.surcharge_of(case, day)
    if result is None:
        return _problem(422, _("该案件没有应缴纳的罚款或缴纳期限。"))
    return Status(200, {"fine": str(result.fine), "due_date": result.due_date, "as_of": result.as_of,
                        "days": result.days, "amount": str(result.amount), "total": str(result.total),
                        "capped": result.capped, "lines": result.lines})
