"""Reading public messages: the department's queue, what the portal may show, and the author's lookup."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from yifa.calendar.selectors import with_deadline
from yifa.core.contact import mask_phone, normalise_phone

from .masking import mask_email, mask_personal_data, public_name
from .models import Message
from .policies import message_policy

# --- back office -------------------------------------------------------------------------------------


def messages_visible_to(user: Any) -> QuerySet[Message]:
    return message_policy.instances_user_has_permission_for(user, "view")  # type: ignore[return-value]


def with_reply_deadline(qs: QuerySet[Message]) -> QuerySet[Message]:
    """Each message with its reply period's id and due date, so the queue sorts by what is due first."""
    return with_deadline(qs, "reply")


OPEN_STATUSES = (Message.Status.RECEIVED, Message.Status.REPLIED)


def queue(user: Any, *, status: str = "", department_id: int | None = None) -> QuerySet[Message]:
    qs = with_reply_deadline(messages_visible_to(user)).select_related("department")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in Message.Status.values:
        qs = qs.filter(status=status)
    if department_id:
        qs = qs.filter(department_id=department_id)
    if status == "open":
        return qs.order_by(F("reply_due").asc(nulls_last=True), "submitted_at", "id")
    return qs.order_by("-submitted_at", "-id")


def unanswered(received_before: dt.date) -> QuerySet[Message]:
    """Messages still waiting for a public reply that were received before the given day."""
    return Message.objects.filter(status__in=OPEN_STATUSES, answered_on__isnull=True, received_on__lt=received_before)


# --- the portal ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicMessage:
    """All the portal ever shows of a message: nothing here identifies its author unless they allowed it."""

    reference: str
    department: str
    subject: str
    content: str
    author: str
    phone: str
    email: str
    submitted_at: dt.datetime
    reply: str
    replied_on: dt.date | None
    published_at: dt.datetime | None


def public_message(message: Message) -> PublicMessage:
    return PublicMessage(
        reference=message.reference,
        department=message.department.name,
        subject=mask_personal_data(message.subject),
        content=mask_personal_data(message.content),
        author=public_name(message.name, message.publish_name),
        phone=mask_phone(message.phone) if message.phone else "",
        email=mask_email(message.email) if message.email else "",
        submitted_at=message.submitted_at,
        reply=mask_personal_data(message.reply),
        replied_on=message.replied_on,
        published_at=message.published_at,
    )


def published_messages(*, department_id: int | None = None) -> QuerySet[Message]:
    """Published messages with their replies, newest first."""
    qs = Message.objects.filter(status=Message.Status.PUBLISHED).select_related("department")
    if department_id:
        qs = qs.filter(department_id=department_id)
    return qs.order_by("-submitted_at", "-id")


def published_message(reference: str) -> Message | None:
    return published_messages().filter(reference=reference[:40]).first()


# --- the author's lookup ------------------------------------------------------------------------------


def find_for_lookup(code: str, phone: str) -> Message | None:
    """A message shown to whoever holds both its query code and the phone it was left with."""
    if not code or not phone:
        return None
    message = Message.objects.select_related("department").filter(query_code=code.upper()[:16]).first()
    if message is None or _digits(message.phone) != _digits(phone):
        return None
    return message


def _digits(phone: str) -> str:
    # "138-0455-1234", "+86 13804551234" and "13804551234" are the same phone.
    digits = re.sub(r"\D", "", normalise_phone(phone))
    return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits


PUBLIC_STATUS = {
    Message.Status.RECEIVED: _("已收到，部门正在办理"),
    Message.Status.REPLIED: _("部门已答复，正在审核后公开"),
    Message.Status.PUBLISHED: _("已答复并在网站公开"),
    Message.Status.CLOSED: _("不予受理"),
}


def public_status(message: Message) -> str:
    return str(PUBLIC_STATUS.get(message.status, message.get_status_display()))  # type: ignore[call-overload]
