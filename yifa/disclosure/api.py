"""The public API for disclosure requests: file one and follow it, through the same form and actions as the portal."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from yifa.audit.actors import PublicVisitor
from yifa.calendar.explain import explain
from yifa.calendar.selectors import deadline_of
from yifa.core.errors import ActionRefused
from yifa.core.ratelimit import hit
from yifa.core.requests import is_json, not_json

from . import actions
from .forms import ApplicationForm
from .models import Delivery
from .selectors import find_for_tracking, public_steps
from .views import RATE_LIMIT

router = Router(tags=["依申请公开"])


class RequestIn(Schema):
    department: str  # the department's code, e.g. "scjgj"
    applicant_type: str
    applicant_name: str
    id_number: str
    contact_person: str = ""
    phone: str
    email: str = ""
    address: str
    postal_code: str = ""
    description: str
    purpose: str = ""
    delivery: str = Delivery.EMAIL


class RequestCreated(Schema):
    reference: str
    tracking_code: str
    status: str


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class Step(Schema):
    at: dt.datetime
    step: str


class RequestStatus(Schema):
    reference: str
    department: str
    status: str
    outcome: str
    submitted_at: dt.datetime
    received_on: dt.date | None
    due_date: dt.date | None
    concluded_on: dt.date | None
    how_the_due_date_was_computed: list[str]
    steps: list[Step]


@router.post("/requests", response={201: RequestCreated, 415: Problem, 422: Problem, 429: Problem},
             summary="提交政府信息公开申请", auth=None)
def file_request(request: HttpRequest, payload: RequestIn):  # type: ignore[no-untyped-def]
    if not is_json(request):
        return Status(415, {"detail": not_json()})
    if not hit(request, "disclosure-application", limit=RATE_LIMIT, window_seconds=3600):
        return Status(429, {"detail": _("提交过于频繁，请稍后再试。")})
    from yifa.org.models import Department

    data = payload.dict()
    department = Department.objects.filter(code=data.pop("department"), is_active=True).first()
    data["department"] = department.pk if department else ""
    form = ApplicationForm(data)
    if not form.is_valid():
        return Status(422, {"detail": _("申请内容有误，请按提示修改。"), "errors": {k: list(v) for k, v in form.errors.items()}})
    item = form.save(commit=False)
    item.channel = "online"
    try:
        actions.submit_request(actor=PublicVisitor("api", request.META.get("REMOTE_ADDR", "")), request=item)
    except ValidationError as error:
        return Status(422, {"detail": _("申请内容有误，请按提示修改。"), "errors": getattr(error, "message_dict", {})})
    except ActionRefused as error:
        return Status(422, {"detail": error.message})
    return Status(201, {"reference": item.reference, "tracking_code": item.tracking_code, "status": item.get_status_display()})


class LookupIn(Schema):
    code: str = Field(..., max_length=40)
    phone: str = Field(..., max_length=30)


# A POST: the code and the phone in a URL would land in access logs and proxies' logs.
@router.post("/requests/lookup", response={200: RequestStatus, 404: Problem, 415: Problem, 429: Problem},
             summary="查询申请办理进度（查询码和联系电话，放在请求体中）", auth=None)
def follow_request(request: HttpRequest, payload: LookupIn):  # type: ignore[no-untyped-def]
    if not is_json(request):
        return Status(415, {"detail": not_json()})
    if not hit(request, "disclosure-track", limit=60, window_seconds=3600):
        return Status(429, {"detail": _("查询过于频繁，请稍后再试。")})
    item = find_for_tracking(payload.code, payload.phone)
    if item is None:
        return Status(404, {"detail": _("没有找到这个查询码对应的申请，或者联系电话与申请时填写的不一致。")})
    reply = deadline_of(item, actions.REPLY, running=False)
    return Status(200, {
        "reference": item.reference, "department": item.department.name, "status": item.get_status_display(),
        "outcome": item.get_outcome_display() if item.outcome else "", "submitted_at": item.submitted_at,
        "received_on": item.received_on, "due_date": reply.due_date if reply else None,
        "concluded_on": item.concluded_on,
        "how_the_due_date_was_computed": explain(reply.trace, reply.unit) if reply else [],
        "steps": [{"at": when, "step": label} for when, label in public_steps(item)],
    })
