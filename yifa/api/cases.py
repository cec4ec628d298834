"""The staff API over the case registry (/api/cases/…): list the cases a person may see, read one, take
a step. One router serves every registered case type (`yifa.casework.registry`); a module adds nothing.

Endpoints parse, validate and authorize; the step itself goes through `casework.actions.take_step`,
the same action as the back office's step form (its form validates `fields`; `perform_transition`
checks permission, state and guards, and logs the step or its refusal). Another department's case
does not exist here: 404, never 403.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db.models import CharField, QuerySet, Value
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field
from pydantic import ValidationError as SchemaError

from yifa.calendar.selectors import DeadlineState, deadlines_of
from yifa.casework.actions import StepInputInvalid, take_step
from yifa.casework.registry import CaseType, Step, case_type, case_types
from yifa.casework.selectors import (
    QUEUE_STATUS_ALL,
    QUEUE_STATUS_OPEN,
    case_by_reference,
    queue,
    with_main_deadline,
)
from yifa.casework.transitions import STATE, GuardRefused, step_options
from yifa.core.errors import ActionRefused, InvalidTransition
from yifa.org.models import Department

from .auth import StaffToken
from .schemas import (
    CaseOut,
    CasePageOut,
    ProblemOut,
    RefusalOut,
    TransitionIn,
)

router = Router(tags=["案件（工作人员）"], auth=StaffToken())

PAGE_SIZE = 50
MAX_PAGE = 1000
# A text field of a step is at most this long through the API (the forms set tighter limits of their own).
FIELD_TEXT_LENGTH = 50_000
MAX_LIST = 1000
OPEN = "open"
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no", "")


class CaseListQuery(Schema):
    kind: str = Field("", description="案件类型，如 disclosure-request、public-message、power-change；不填为全部（未知类型答 422）")
    status: str = Field("", description="状态代码；open 为未办结的；不填为全部")
    department: str = Field("", description="承办部门的代码，如 scjgj")
    overdue: str = Field("", description="true：只列主要期限已逾期的")
    page: str = Field("1", description=f"页码，每页 {PAGE_SIZE} 件，最多 {MAX_PAGE} 页")


def _problem(status: int, detail: str, errors: dict[str, list[str]] | None = None) -> Status:
    return Status(status, {"detail": detail, "errors": errors or {}})


def _not_found() -> Status:
    return _problem(404, _("没有这个案件，或者您无权查看。"))


def _department(case: Any) -> dict[str, str]:
    return {"code": case.department.code, "name": case.department.name}


def _labels(case_type: CaseType, case: Any) -> dict[str, Any]:
    return {
        "reference": case.reference, "kind": case_type.kind, "kind_label": str(case_type.label),
        "department": _department(case), "status": case.status, "status_label": case.status_label(),
        "outcome": case.outcome, "outcome_label": case.outcome_label() if case.outcome else "",
        "opened_at": case.opened_at,
    }


def _deadline(deadline: Any) -> dict[str, Any]:
    """A deadline as `deadlines_of` reads it: `state` is annotated there, as of today."""
    return {"code": deadline.code, "purpose": deadline.purpose, "due_date": deadline.due_date,
            "state": deadline.state, "calendar_unconfirmed": deadline.calendar_unconfirmed}


def case_detail(case_type: CaseType, case: Any, user: Any) -> dict[str, Any]:
    deadlines = [_deadline(deadline) for deadline in deadlines_of(case)]
    transitions = [{
        "name": option.transition.name, "label": str(option.transition.label), "allowed": option.allowed,
        "reason": option.reason, "guard": option.guard,
    } for option in step_options(case, case_type.transitions, actor=user, policy=case_type.policy)]
    return {**_labels(case_type, case), "closed_at": case.closed_at, "deadlines": deadlines,
            "transitions": transitions}


# --- the list ------------------------------------------------------------------------------------------


def _page_number(text: str) -> int | None:
    try:
        number = int(text.strip() or "1")
    except ValueError:
        return None
    return number if 1 <= number <= MAX_PAGE else None


def _statuses(types: list[CaseType]) -> set[str]:
    return {value for each in types for value, _label in each.status_choices()}


def _listing(types: list[CaseType], user: Any, *, status: str, department_id: int | None,
             overdue: bool) -> QuerySet | None:
    """One query over every type's visible cases (a UNION of (kind, pk, opened_at, reference)), newest first."""
    parts = []
    for each in types:
        if overdue and not each.main_deadline:
            continue  # a type without a main deadline has nothing overdue (queue() would ignore the filter)
        if status not in (QUEUE_STATUS_ALL, QUEUE_STATUS_OPEN) and status not in dict(each.status_choices()):
            continue
        qs = queue(each, user, status=status, department_id=department_id,
                   deadline_state=DeadlineState.OVERDUE.value if overdue else "")
        parts.append(qs.order_by().annotate(case_kind=Value(each.kind, output_field=CharField()))
                     .values("case_kind", "pk", "opened_at", "reference"))
    if not parts:
        return None
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-opened_at", "case_kind", "-pk")


def _rows(rows: list[dict[str, Any]], user: Any) -> list[dict[str, Any]]:
    """The page's cases, one query per case type on the page, in the listing's order."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        wanted[row["case_kind"]].append(row["pk"])
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for kind, pks in wanted.items():
        each = case_type(kind)
        if each is None:
            continue
        for case in with_main_deadline(each, each.visible_to(user)).filter(pk__in=pks):
            found[(kind, case.pk)] = {**_labels(each, case), "due_date": getattr(case, "main_due", None),
                                      "deadline_state": getattr(case, "main_state", None)}
    return [found[key] for key in ((row["case_kind"], row["pk"]) for row in rows) if key in found]


@router.get("", response={200: CasePageOut, 401: ProblemOut, 422: ProblemOut},
            summary="我能查看的案件（分页）", url_name="cases")
def list_cases(request: HttpRequest, filters: Query[CaseListQuery]) -> Status:
    user = request.auth  # type: ignore[attr-defined]
    errors: dict[str, list[str]] = {}
    if filters.kind:
        found = case_type(filters.kind)
        if found is None:
            errors["kind"] = [_("未知的案件类型。可选：%(kinds)s") % {"kinds": "、".join(t.kind for t in case_types())}]
        types = [found] if found is not None else []
    else:
        types = case_types()
    status = QUEUE_STATUS_ALL if not filters.status else QUEUE_STATUS_OPEN if filters.status == OPEN else filters.status
    if types and status not in (QUEUE_STATUS_ALL, QUEUE_STATUS_OPEN) and status not in _statuses(types):
        errors["status"] = [_("未知的状态“%(status)s”。") % {"status": filters.status[:32]}]
    department_id = None
    if filters.department:
        department = Department.objects.filter(code=filters.department[:30]).only("pk").first()
        if department is None:
            errors["department"] = [_("没有代码为“%(code)s”的部门。") % {"code": filters.department[:30]}]
        else:
            department_id = department.pk
    overdue = filters.overdue.strip().lower()
    if overdue not in TRUE + FALSE:
        errors["overdue"] = [_("应为 true 或 false。")]
    page = _page_number(filters.page)
    if page is None:
        errors["page"] = [_("页码应为 1 到 %(n)s 之间的整数。") % {"n": MAX_PAGE}]
    if errors or page is None:
        return _problem(422, _("查询条件有误，请按提示修改。"), errors)
    listing = _listing(types, user, status=status, department_id=department_id, overdue=overdue in TRUE)
    count = listing.count() if listing is not None else 0
    rows = list(listing[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]) if listing is not None and count else []
    return Status(200, {"count": count, "page": page, "pages": max(math.ceil(count / PAGE_SIZE), 1),
                        "page_size": PAGE_SIZE, "items": _rows(rows, user)})


# --- one case ------------------------------------------------------------------------------------------


@router.get("/{reference}", response={200: CaseOut, 401: ProblemOut, 404: ProblemOut},
            summary="一个案件：状态、期限和可以办理的步骤", url_name="case")
def read_case(request: HttpRequest, reference: str) -> Status:
    user = request.auth  # type: ignore[attr-defined]
    found = case_by_reference(user, reference)
    if found is None:
        return _not_found()
    each, case = found
    return Status(200, case_detail(each, case, user))


# --- a step --------------------------------------------------------------------------------------------


def _read_body(request: HttpRequest) -> tuple[TransitionIn | None, ProblemOut | None, int]:
    """The parsed body, or the problem with it (and its status)."""
    try:
        raw = request.body
    except RequestDataTooBig:
        return None, ProblemOut(detail=_("请求体过大。")), 413
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None, ProblemOut(detail=_("请求体应为 JSON 对象，字段见接口文档中的 TransitionIn。")), 422
    if not isinstance(data, dict):
        return None, ProblemOut(detail=_("请求体应为 JSON 对象，字段见接口文档中的 TransitionIn。")), 422
    try:
        return TransitionIn.model_validate(data), None, 200
    except SchemaError as error:
        errors: dict[str, list[str]] = defaultdict(list)
        for item in error.errors(include_input=False, include_url=False):
            errors[".".join(str(part) for part in item["loc"]) or "__all__"].append(_schema_message(item))
        return None, ProblemOut(detail=_("请求内容有误，请按提示修改。"), errors=dict(errors)), 422


def _schema_message(item: Any) -> str:
    kind = item.get("type", "")
    if kind == "extra_forbidden":
        return _("没有这一项；请求体只有 reason、outcome 和 fields 三项。")
    if kind in ("string_type", "string_unicode"):
        return _("应为文本。")
    if kind == "string_too_long":
        return _("不能超过 %(n)s 个字符。") % {"n": (item.get("ctx") or {}).get("max_length", "")}
    if kind == "dict_type":
        return _("应为 JSON 对象（字段名 → 值）。")
    return _("格式不正确。")


MULTIPLE = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
YES_NO = (forms.BooleanField, forms.NullBooleanField)


def _text(value: Any) -> str | None:
    """A scalar as the form's text, or None when it is not one (a bool counts only for yes/no fields)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _form_value(field: forms.Field, value: Any) -> tuple[Any, str]:
    """A JSON value as the step's form field reads it, or why it cannot be one."""
    if isinstance(field, YES_NO) and isinstance(value, bool):
        return value, ""
    if isinstance(field, MULTIPLE):
        values = value if isinstance(value, list) else [value]
        texts = [_text(each) for each in values]
        if len(values) > MAX_LIST or any(text is None for text in texts):
            return None, _("应为由文本组成的列表（最多 %(n)s 项）。") % {"n": MAX_LIST}
        value = texts
    elif isinstance(value, list | dict):
        return None, _("应为单个值（文本或数字），不是列表或对象。")
    else:
        value = _text(value)
        if value is None:
            return None, _("应为文本或数字。")
    if any(len(text) > FIELD_TEXT_LENGTH for text in (value if isinstance(value, list) else [value])):
        return None, _("不能超过 %(n)s 个字符。") % {"n": FIELD_TEXT_LENGTH}
    return value, ""


def form_data(step: Step, payload: TransitionIn) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The step form's data from the body: `fields`, plus `reason` and `outcome` where the form has them."""
    form_fields = {name: field for name, field in step.form().fields.items() if not isinstance(field, forms.FileField)}
    data: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, value in payload.fields.items():
        field = form_fields.get(name)
        if field is None:
            errors[f"fields.{name[:60]}"] = [_("“%(step)s”没有这一项。可填：%(names)s") % {
                "step": step.label, "names": "、".join(sorted(form_fields)) or "—"}]
            continue
        if value is None:
            continue  # as if not given
        converted, problem = _form_value(field, value)
        if problem:
            errors[f"fields.{name}"] = [problem]
        else:
            data[name] = converted
    for name in ("reason", "outcome"):
        value = getattr(payload, name)
        if not value:
            continue
        if name not in form_fields:
            errors[name] = [_("“%(step)s”没有“%(name)s”一项。") % {"step": step.label, "name": name}]
        elif name in payload.fields:
            errors[name] = [_("“%(name)s”已在 fields 中给出，只能给一次。") % {"name": name}]
        else:
            data[name] = value
    return data, errors


@router.post("/{reference}/transitions/{name}",
             response={200: CaseOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 409: RefusalOut,
                       413: ProblemOut, 422: ProblemOut},
             summary="办理一个步骤（与后台的步骤表单相同的检查和审计）", url_name="case_transition",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": TransitionIn.model_json_schema()}}}})
def take_case_step(request: HttpRequest, reference: str, name: str) -> Status:
    user = request.auth  # type: ignore[attr-defined]
    found = case_by_reference(user, reference)
    if found is None:
        return _not_found()
    each, case = found
    step = each.step(name)
    if step is None:
        return _problem(404, _("“%(kind)s”没有名为“%(step)s”的办理步骤。") % {"kind": each.label, "step": name[:40]})
    payload, problem, status = _read_body(request)
    if payload is None:
        return Status(status, problem)
    data, errors = form_data(step, payload)
    if errors:
        return _problem(422, _("请求内容有误，请按提示修改。"), errors)
    try:
        take_step(actor=user, case_type=each, case=case, step_name=step.name, data=data)
    except StepInputInvalid as error:
        return _problem(422, _("请求内容有误，请按提示修改。"), error.errors)
    except PermissionDenied as error:
        return _problem(403, str(error) or _("您没有权限执行此操作。"))
    except GuardRefused as error:
        return Status(409, {"detail": error.message, "guard": error.guard})
    except InvalidTransition as error:
        return Status(409, {"detail": error.message, "guard": STATE})
    except ActionRefused as error:
        return _problem(422, error.message)
    except ValidationError as error:
        return _problem(422, "；".join(str(message) for message in error.messages))
    fresh = each.visible_to(user).filter(pk=case.pk).first() or case
    return Status(200, case_detail(each, fresh, user))
