"""Reading disclosure requests: what a user may see, tracking by code and phone, the public steps."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from yifa.audit.models import AuditEvent
from yifa.core.contact import same_phone
from yifa.core.tracking import normalise_tracking_code

from .models import DisclosureRequest
from .policies import request_policy


def requests_visible_to(user: Any) -> QuerySet[DisclosureRequest]:
    return request_policy.instances_user_has_permission_for(user, "view")  # type: ignore[return-value]


def find_for_tracking(code: str, phone: str) -> DisclosureRequest | None:
    """A request shown to whoever holds both its code and the phone it was filed with."""
    if not code or not phone:
        return None
    code = normalise_tracking_code(code, "GK")
    request = DisclosureRequest.objects.select_related("department").filter(tracking_code=code).first()
    if request is None or not same_phone(phone, request.phone):
        return None
    return request


PUBLIC_STEPS = {
    "disclosure.submitted": _("提交申请"),
    "disclosure.registered": _("机关登记，开始计算答复期限"),
    "disclosure.correction_requested": _("告知补正"),
    "disclosure.corrected": _("收到补正，答复期限重新计算"),
    "disclosure.closed_no_correction": _("逾期未补正，不再处理"),
    "disclosure.consultation_started": _("征求意见（所需时间不计入答复期限）"),
    "disclosure.consultation_ended": _("收到意见，恢复计算答复期限"),
    "disclosure.extended": _("经批准延长答复期限"),
    "disclosure.longer_period_set": _("确定延迟答复的合理期限"),
    "disclosure.fee_notified": _("发出收费通知"),
    "disclosure.fee_paid": _("已缴费，恢复计算答复期限"),
    "disclosure.closed_fee_unpaid": _("逾期未缴费，不再处理"),
    "disclosure.transferred": _("告知向负责公开的机关申请"),
    "disclosure.replied": _("作出答复"),
}


def public_steps(request: DisclosureRequest) -> list[tuple[Any, str]]:
    """What the applicant may see of the event log: when each step happened, not who took it."""
    events = AuditEvent.objects.for_object(request).filter(event_type__in=list(PUBLIC_STEPS)).order_by("occurred_at", "id")
    return [(event.occurred_at, str(PUBLIC_STEPS[event.event_type])) for event in events]
