"""What a message's writer is told (yifa.notifications sends it; casework's `CaseType.citizen_notices`):
the reply published, the message not accepted, its reply period extended as complex. By e-mail when they
gave an address, otherwise by SMS to their phone when it is a mobile. The messages name the message by its
reference and the department, never the writer's name or the message's text."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.calendar.selectors import deadline_of
from yifa.casework.registry import CitizenContact, CitizenNotice
from yifa.core.contact import MOBILE, normalise_phone

from . import actions
from .models import Message


def contact(message: Message) -> CitizenContact | None:
    phone = normalise_phone(message.phone or "").replace("-", "")
    mobile = phone if MOBILE.match(phone) else ""
    channels = ("email",) if message.email else ("sms",) if mobile else ()
    return CitizenContact(email=message.email, phone=mobile, channels=channels, label=gettext_lazy("留言人"))


def _values(message: Message) -> dict[str, str]:
    return {"department": message.department.name, "reference": message.reference,
            "day": message.received_on.isoformat(), "site": settings.WAGTAIL_SITE_NAME}


def _published(message: Message) -> str:
    return _("您于 %(day)s 给%(department)s的留言（编号 %(reference)s）已答复，可在%(site)s“留言选登”中查看，"
             "也可凭查询码查询。") % _values(message)


def _closed(message: Message) -> str:
    return _("您于 %(day)s 给%(department)s的留言（编号 %(reference)s）不予受理，理由：%(reason)s。") % {
        **_values(message), "reason": message.get_close_reason_display() or _("见查询结果")}


def _complex(message: Message) -> str:
    reply = deadline_of(message, actions.REPLY)
    return _("您于 %(day)s 给%(department)s的留言（编号 %(reference)s）内容较复杂，答复期限延长至 %(due)s。") % {
        **_values(message), "due": reply.due_date.isoformat() if reply is not None and reply.due_date else "—"}


NOTICES = {
    "publish": CitizenNotice(lambda m: _("您的留言已答复（%(reference)s）") % {"reference": m.reference}, _published),
    "close": CitizenNotice(lambda m: _("您的留言不予受理（%(reference)s）") % {"reference": m.reference}, _closed),
    "mark_complex": CitizenNotice(lambda m: _("您的留言答复期限延长（%(reference)s）") % {"reference": m.reference},
                                  _complex),
}
