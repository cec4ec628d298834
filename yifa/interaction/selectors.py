"""Reading public messages: the department's queue, what the portal may show, and the author's lookup."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yifa.core.contact import same_phone
from yifa.core.masking import surname
from yifa.core.tracking import normalise_tracking_code
from yifa.publication.actions import public_text
from yifa.publication.selectors import published

from .models import Message
from .publication import MESSAGES

OPEN_STATUSES = (Message.Status.RECEIVED, Message.Status.REPLIED)


def unanswered(received_before: dt.date) -> QuerySet[Message]:
    """Messages still waiting for a public reply that were received before the given day."""
    return Message.objects.filter(status__in=OPEN_STATUSES, answered_on__isnull=True, received_on__lt=received_before)


# --- the portal ----------------------------------------------------------------------------------------


def public_name(name: str, allowed: bool, salutation: str = "") -> str:
    """The author as the portal names them: "网友", or the surname with the 先生 or 女士 they chose; never the
    full name of a natural person."""
    family = surname(name)
    return f"{family}{salutation}" if allowed and salutation and family else gettext("网友")


@dataclass(frozen=True)
class PublicMessage:
    """All the portal ever shows of a message: never the author's phone or e-mail (not even masked), their
    name only if they allowed it, and the text with natural persons' data masked."""

    reference: str
    department: str
    subject: str
    content: str
    author: str
    submitted_at: dt.datetime
    reply: str
    replied_on: dt.date | None
    published_at: dt.datetime | None


def public_message(message: Message) -> PublicMessage:
    return PublicMessage(
        reference=message.reference,
        department=message.department.name,
        subject=public_text(message.subject),
        content=public_text(message.content),
        author=public_name(message.name, message.publish_name, message.salutation),
        submitted_at=message.submitted_at,
        reply=public_text(message.reply),
        replied_on=message.replied_on,
        published_at=message.published_at,
    )


def published_messages(*, department_id: int | None = None) -> QuerySet[Message]:
    """Published messages with their replies, newest first: those the publication path holds public."""
    qs = published(Message.objects.select_related("department"), MESSAGES)
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
    code = normalise_tracking_code(code, "LY")
    message = Message.objects.select_related("department").filter(query_code=code).first()
    if message is None or not same_phone(phone, message.phone):
        return None
    return message


PUBLIC_STATUS = {
    Message.Status.RECEIVED: _("已收到，部门正在办理"),
    Message.Status.REPLIED: _("部门已答复，正在审核后公开"),
    Message.Status.PUBLISHED: _("已答复并在网站公开"),
    Message.Status.CLOSED: _("不予受理"),
}


def public_status(message: Message) -> str:
    return str(PUBLIC_STATUS.get(message.status, message.get_status_display()))  # type: ignore[call-overload]
