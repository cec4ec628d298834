"""Reading disclosure requests: what a user may see, tracking by code and phone, the public steps."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from yifa.audit.models import AuditEvent
from yifa.casework.attachments import attachments_of
from yifa.casework.models import Attachment
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
    "disclosure.correction_submitted": _("申请人在网上提交补正"),
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


# The notices addressed to the applicant (not the letter to a third party), once each applies.
APPLICANT_NOTICES = ("receipt", "correction", "extension", "longer_period", "fee", "reply")
RELEASED_KINDS = ("released", "redacted")


def applicant_notices(request: DisclosureRequest) -> list[tuple[str, str]]:
    from .documents import available_notices

    return [(kind, label) for kind, label in available_notices(request) if kind in APPLICANT_NOTICES]


def released_files(request: DisclosureRequest | None) -> QuerySet[Attachment]:
    """The files the reply released to the applicant: never the applicant's own uploads or internal originals."""
    if request is None or request.concluded_on is None:
        return Attachment.objects.none()
    return attachments_of(request).filter(kind__in=RELEASED_KINDS)


# --- the public log of answered requests ---------------------------------------------------------------


def published_answers(*, department_id: int | None = None) -> QuerySet[DisclosureRequest]:
    from yifa.publication.selectors import published

    from .publication import ANSWERS

    qs = published(DisclosureRequest.objects.select_related("department"), ANSWERS)
    if department_id:
        qs = qs.filter(department_id=department_id)
    return qs.order_by("-concluded_on", "-id")


def published_answer(reference: str) -> DisclosureRequest | None:
    return published_answers().filter(reference=reference[:40]).first()


def public_answer(request: DisclosureRequest) -> dict[str, Any]:
    """What the log shows of an answer: never the applicant; text through the publication path's masking."""
    from yifa.publication.actions import public_text

    return {"reference": request.reference, "title": public_text(request.answer_title),
            "text": public_text(request.answer_text), "department": request.department,
            "outcome": request.get_outcome_display(), "reason": request.reason_label(),
            "reply": public_text(request.reply_summary), "received_on": request.received_on,
            "concluded_on": request.concluded_on, "special_channel": request.special_channel,
            "transferred_to": request.transferred_to,
            "files": list(released_files(request).filter(is_public=True))}
