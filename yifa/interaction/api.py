"""The public API for messages: leave one, look it up, read the published ones — through the same form,
actions and selectors as the portal, so the API accepts and refuses exactly what the form does.

The message body is read here rather than by a typed parameter: a missing or mistyped field then gets
the form's Chinese message beside its name, not the schema validator's English one. The body's
schema is still in the OpenAPI document (`MessageIn`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from yifa.audit.actors import PublicVisitor
from yifa.calendar.selectors import deadline_of
from yifa.core.ratelimit import hit
from yifa.core.requests import is_json, not_json
from yifa.org.models import Department

from . import actions
from .forms import ANONYMOUS, MessageForm
from .models import Salutation
from .selectors import (
    PublicMessage,
    find_for_lookup,
    public_message,
    public_status,
    published_message,
    published_messages,
)
from .views import LOOKUPS_PER_HOUR, PER_PAGE, leave_message, messages_per_hour

router = Router(tags=["互动交流"])


class MessageIn(Schema):
    department: str  # the department's code, e.g. "scjgj" (see yifa.org)
    subject: str
    content: str
    name: str
    phone: str  # a mainland mobile (13812345678) or a landline with its area code (0455-7771365)
    email: str = ""
    # Published as "网友" unless publish_name is true and salutation is "先生" or "女士" (then "王先生"): the full
    # name of a natural person is never published.
    publish_name: bool = False
    salutation: str = ""


class MessageCreated(Schema):
    reference: str
    query_code: str
    status: str


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class MessageStatus(Schema):
    reference: str
    department: str
    subject: str
    status: str
    submitted_at: dt.datetime
    due_date: dt.date | None
    reply: str
    close_reason: str


class PublishedMessageOut(Schema):
    reference: str
    department: str
    subject: str
    content: str
    author: str
    submitted_at: dt.datetime
    reply: str
    replied_on: dt.date | None
    published_at: dt.datetime | None


class PublishedPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PublishedMessageOut]


def _out(item: PublicMessage) -> dict[str, Any]:
    return item.__dict__.copy()


def _body(request: HttpRequest) -> dict[str, Any] | None:
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: a body nested 100,000 deep
        return None
    return data if isinstance(data, dict) else None


BODY_SCHEMA = {"requestBody": {"required": True, "content": {"application/json": {"schema": MessageIn.model_json_schema()}}}}


@router.post("/messages", response={201: MessageCreated, 400: Problem, 415: Problem, 422: Problem, 429: Problem},
             summary="提交留言", description="向一个部门留言（请求体见 MessageIn）。返回查询码，凭查询码和联系电话查询办理情况。",
             auth=None, openapi_extra=BODY_SCHEMA)
def submit_message(request: HttpRequest):  # type: ignore[no-untyped-def]
    if request.body and not is_json(request):
        return Status(415, {"detail": not_json()})
    data = _body(request)
    if data is None:
        return Status(400, {"detail": _("请求体应为 JSON 对象，字段见接口文档中的 MessageIn。")})
    code = data.get("department")
    department = Department.objects.filter(code=code[:30], is_active=True).first() if isinstance(code, str) else None
    texts = {name: data.get(name) for name in ("subject", "content", "name", "phone", "email", "website")}
    wrong_types: dict[str, list[str]] = {name: [_("应为文本。")] for name, value in texts.items() if value is not None and not isinstance(value, str)}
    if not isinstance(data.get("publish_name", False), bool):
        wrong_types["publish_name"] = [_("应为 true 或 false。")]
    form_data: dict[str, Any] = {name: value if isinstance(value, str) else "" for name, value in texts.items()}
    form_data["department"] = department.pk if department else ("" if code in (None, "") else "0")
    salutation = data.get("salutation", "")
    if not isinstance(salutation, str):
        wrong_types["salutation"] = [_("应为文本。")]
    elif data.get("publish_name") is True:
        if salutation not in Salutation.values:
            wrong_types["salutation"] = [_("公开姓氏时，称谓应为“先生”或“女士”。")]
        form_data["shown_as"] = salutation
    else:
        form_data["shown_as"] = ANONYMOUS
    form = MessageForm(form_data)
    if not form.is_valid() or wrong_types:
        errors: dict[str, list[str]] = {k: [str(e) for e in v] for k, v in form.errors.items()}
        errors.update(wrong_types)
        return Status(422, {"detail": _("留言内容有误，请按提示修改。"), "errors": errors})
    limit = messages_per_hour()
    if not hit(request, "interaction-message", limit=limit, window_seconds=3600):
        return Status(429, {"detail": _("留言过于频繁：同一网络每小时最多提交 %(n)s 条留言，请一小时后再试。") % {"n": limit}})
    message = leave_message(PublicVisitor("api", request.META.get("REMOTE_ADDR", "")), form)
    if message is None:
        return Status(422, {"detail": _("留言内容有误，请按提示修改。"), "errors": {k: list(v) for k, v in form.errors.items()}})
    return Status(201, {"reference": message.reference, "query_code": message.query_code, "status": public_status(message)})


class LookupIn(Schema):
    code: str = Field("", max_length=40)
    phone: str = Field("", max_length=30)


# A POST: the code and the phone in a URL would land in access logs and proxies' logs.
@router.post("/lookup", response={200: MessageStatus, 404: Problem, 415: Problem, 422: Problem, 429: Problem},
             summary="查询留言办理情况（查询码和联系电话，放在请求体中）", auth=None)
def lookup_message(request: HttpRequest, payload: LookupIn):  # type: ignore[no-untyped-def]
    if not is_json(request):
        return Status(415, {"detail": not_json()})
    code, phone = payload.code, payload.phone
    if not code.strip() or not phone.strip():
        return Status(422, {"detail": _("请填写查询码和留言时填写的联系电话。")})
    if not hit(request, "interaction-lookup", limit=LOOKUPS_PER_HOUR, window_seconds=3600):
        return Status(429, {"detail": _("查询过于频繁，请稍后再试。")})
    message = find_for_lookup(code.strip()[:20], phone[:30])
    if message is None:
        return Status(404, {"detail": _("没有找到这个查询码对应的留言，或者联系电话与留言时填写的不一致。")})
    deadline = deadline_of(message, actions.REPLY, running=False)
    return Status(200, {
        "reference": message.reference, "department": message.department.name, "subject": message.subject,
        "status": public_status(message), "submitted_at": message.submitted_at,
        "due_date": deadline.due_date if deadline else None,
        "reply": public_message(message).reply if message.is_public else "",
        "close_reason": message.get_close_reason_display() if message.close_reason else "",
    })


@router.get("/messages", response={200: PublishedPage, 404: Problem, 422: Problem},
            summary="留言选登：已公开的留言和答复（新的在前）", auth=None)
def list_published(request: HttpRequest, department: str = "", page: str = "1"):  # type: ignore[no-untyped-def]
    department_id = None
    if department:
        found = Department.objects.filter(code=department[:30], is_active=True).only("pk").first()
        if found is None:
            return Status(422, {"detail": _("没有代码为“%(code)s”的部门。") % {"code": department[:30]}})
        department_id = found.pk
    try:
        number = int(page)
    except ValueError:
        return Status(422, {"detail": _("页码应为正整数。")})
    paginator = Paginator(published_messages(department_id=department_id), PER_PAGE)
    try:
        current = paginator.page(number)
    except EmptyPage:
        return Status(404, {"detail": _("没有第 %(n)s 页，共 %(pages)s 页。") % {"n": number, "pages": paginator.num_pages}})
    return Status(200, {"count": paginator.count, "page": current.number, "pages": paginator.num_pages,
                        "items": [_out(public_message(m)) for m in current.object_list]})


@router.get("/messages/{reference}", response={200: PublishedMessageOut, 404: Problem},
            summary="一条已公开的留言和答复", auth=None)
def published_detail(request: HttpRequest, reference: str):  # type: ignore[no-untyped-def]
    message = published_message(reference)
    if message is None:
        return Status(404, {"detail": _("没有这条公开的留言。")})
    return Status(200, _out(public_message(message)))
