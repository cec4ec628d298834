"""The audit log as people read it: who acted by name (not "system:disclosure.receipt"), each change under
its field's label with choices, yes/no, dates and times in Beijing time — never internal codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Keys the actions write that are not fields of the record they are about (a deadline's facts written on
# its case, a step's inputs). A key not here and not a field is shown as written.
KEY_LABELS: dict[str, Promise] = {
    "deadline_id": _("期限编号"), "purpose": _("期限用途"), "due_date": _("到期日"), "start_date": _("起算日"),
    "period": _("期限"), "basis": _("依据"), "calendar_unconfirmed": _("日历尚未确认"), "completed_on": _("完成日"),
    "late": _("是否逾期"), "paused_since": _("中止计时自"), "starts_on": _("中止开始日"), "ends_on": _("中止结束日"),
    "length": _("延长期限"), "approved_on": _("批准日期"), "kinds": _("调整类型"), "codes": _("事项编码"),
    "adjustments": _("调整事项数"), "reason": _("理由"), "screen": _("查看页面"), "kind": _("类型"),
    "result": _("结果"), "decided_on": _("决定日期"), "note": _("说明"), "withdraw_due": _("撤回期限"),
    "document": _("文书"), "page_id": _("页面编号"), "revision": _("版本"), "url": _("网址"), "data": _("数据"),
    "title": _("标题"), "role": _("角色"), "assigned_to": _("经办人"), "shown_as": _("公开时显示为"),
    "department": _("部门"), "reference": _("编号"),
}

_ACTOR_PREFIXES = {"system": _("系统"), "public": _("公众")}


def actor_label(stored: str) -> str:
    """"system:disclosure.receipt" → "系统：收到申请，开始计时"; a person's label stays as it is."""
    from .actors import registered_actor_label

    prefix, _sep, name = (stored or "").partition(":")
    if prefix not in _ACTOR_PREFIXES or not name:
        return stored
    label = registered_actor_label(stored)
    if not label:
        return str(_ACTOR_PREFIXES[prefix])
    return gettext("%(kind)s：%(name)s") % {"kind": _ACTOR_PREFIXES[prefix], "name": label}


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def field_label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if field is not None and not key.endswith("_id"):
        return str(field.verbose_name)
    return str(KEY_LABELS.get(key, key))


def _moment(text: str) -> str | None:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def value_text(model: type[models.Model] | None, key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("是") if value else gettext("否")
    field = _field(model, key)
    if field is not None and field.choices and isinstance(value, str | int):
        return str(dict(field.flatchoices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, dict):
        return "，".join(f"{field_label(model, str(k))}：{value_text(model, str(k), v)}" for k, v in value.items()) or "—"
    if isinstance(value, list):
        return "、".join(value_text(model, key, item) for item in value) or "—"
    if isinstance(value, str) and "T" in value and len(value) >= 19:
        return _moment(value) or value
    return str(value)


def readable_changes(event: Any) -> list[tuple[str, str | None, str]]:
    """(label, old or None when there was no old value, new) for each key the event wrote."""
    model = event.target_type.model_class() if event.target_type_id else None
    rows = []
    for key, old, new in event.changes():
        rows.append((field_label(model, key), None if old is None else value_text(model, key, old),
                     value_text(model, key, new)))
    return rows
