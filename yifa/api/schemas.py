"""The staff API's schemas: what a client sends (`…In`, unknown keys refused) and what it gets (`…Out`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field

REASON_LENGTH = 2000
OUTCOME_LENGTH = 64


class TransitionIn(Schema):
    """The body of a step. `reason` and `outcome` go to the step's form fields of those names (422 when the
    step's form has no such field); `fields` holds the step form's other fields, by name."""

    model_config = ConfigDict(extra="forbid", strict=True)

    reason: str = Field("", max_length=REASON_LENGTH, description="理由或意见（该步骤的表单有 reason 一项时）")
    outcome: str = Field("", max_length=OUTCOME_LENGTH, description="结果代码（该步骤的表单有 outcome 一项时）")
    fields: dict[str, Any] = Field(default_factory=dict,
                                   description="该步骤表单的其他字段：文本、数字、true/false 或文本列表；日期写作 2017-09-20")


class DepartmentOut(Schema):
    code: str
    name: str


class CaseBaseOut(Schema):
    """What every view of a case starts with: which case, whose, where it stands."""

    reference: str
    kind: str
    kind_label: str
    department: DepartmentOut
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    opened_at: dt.datetime


class CaseSummaryOut(CaseBaseOut):
    due_date: dt.date | None = Field(description="主要期限（如答复期限）的到期日；没有时为 null")
    deadline_state: str | None = Field(description="主要期限的状态：overdue、due_soon、running、paused、completed…")


class CasePageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[CaseSummaryOut]


class DeadlineOut(Schema):
    code: str
    purpose: str
    due_date: dt.date | None
    state: str
    calendar_unconfirmed: bool


class TransitionOut(Schema):
    name: str
    label: str
    allowed: bool
    reason: str = Field(description="不能执行时的原因（角色不允许，或哪项检查未通过）")
    guard: str = Field(description="不能执行时拦下它的检查：permission（角色）或检查名称；可以执行时为空")


class CaseOut(CaseBaseOut):
    closed_at: dt.datetime | None
    deadlines: list[DeadlineOut]
    transitions: list[TransitionOut]


class ProblemOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict, description="逐项的错误（字段名 → 说明）")


class RefusalOut(Schema):
    detail: str
    guard: str = Field(description="state（当前状态不允许）或拒绝该步骤的检查名称")
