"""What the applicant is told at each step of their request (yifa.notifications sends it; casework's
`CaseType.citizen_notices`): registered, asked to correct it (art.30), its period extended (art.33) or a
longer reply date fixed (art.35), a fee notice, and the answer. The formal notices (告知书, 答复书) still go
by the way the applicant chose; these messages only say that something happened and by when.

They name the request by its reference and the department, never the applicant's name, ID number or
address (an e-mail address may be mistyped): no more personal data than needed.

By which channel: by e-mail when the applicant asked to receive the information by e-mail (获取方式) and gave
an address; otherwise by SMS to the phone they gave, when it is a mobile; otherwise by e-mail if they gave
one. A landline and no e-mail: the notification is recorded with no delivery (the log shows it).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from yifa.calendar.selectors import deadline_of
from yifa.casework.registry import CitizenContact, CitizenNotice
from yifa.core.contact import MOBILE, normalise_phone

from . import actions
from .models import Delivery, DisclosureRequest


def contact(request: DisclosureRequest) -> CitizenContact | None:
    phone = normalise_phone(request.phone or "").replace("-", "")
    mobile = phone if MOBILE.match(phone) else ""
    if request.email and request.delivery == Delivery.EMAIL:
        channels: tuple[str, ...] = ("email",)
    elif mobile:
        channels = ("sms",)
    elif request.email:
        channels = ("email",)
    else:
        channels = ()
    return CitizenContact(email=request.email, phone=mobile, channels=channels, label=gettext_lazy("申请人"))


def _values(request: DisclosureRequest) -> dict[str, Any]:
    reply = deadline_of(request, actions.REPLY)
    return {"department": request.department.name, "reference": request.reference,
            "due": reply.due_date.isoformat() if reply is not None and reply.due_date else "—"}


def _subject(text: str) -> Any:
    return lambda request: _(text) % {"reference": request.reference}


def _registered(request: DisclosureRequest) -> str:
    return _("您向%(department)s提出的政府信息公开申请（编号 %(reference)s）已登记，答复期限至 %(due)s。"
             "可凭查询码在网站查询办理进度。") % _values(request)


def _correction(request: DisclosureRequest) -> str:
    return _("您的政府信息公开申请（编号 %(reference)s）需要补正，请于 %(until)s 前按补正告知书补正；"
             "逾期未补正的，视为放弃申请（《政府信息公开条例》第三十条）。") % {
        **_values(request), "until": request.correction_due_on.isoformat() if request.correction_due_on else "—"}


def _extended(request: DisclosureRequest) -> str:
    return _("您的政府信息公开申请（编号 %(reference)s）的答复期限已延长，现答复期限至 %(due)s"
             "（《政府信息公开条例》第三十三条）。") % _values(request)


def _longer_period(request: DisclosureRequest) -> str:
    return _("您的政府信息公开申请（编号 %(reference)s）已确定延迟答复的合理期限，将于 %(until)s 前答复"
             "（《政府信息公开条例》第三十五条）。") % {
        **_values(request), "until": request.longer_period_until.isoformat() if request.longer_period_until else "—"}


def _fee(request: DisclosureRequest) -> str:
    return _("您的政府信息公开申请（编号 %(reference)s）需缴纳信息处理费 %(amount)s 元，请按收费通知缴纳；"
             "逾期未缴纳的，不再处理该申请。") % {**_values(request), "amount": request.fee_amount or "—"}


def _answered(request: DisclosureRequest) -> str:
    return _("%(department)s已答复您的政府信息公开申请（编号 %(reference)s），请按您选择的方式查收答复书，"
             "也可凭查询码在网站查询。") % _values(request)


def _closed(request: DisclosureRequest) -> str:
    return _("您的政府信息公开申请（编号 %(reference)s）已办结：%(outcome)s。") % {
        **_values(request), "outcome": request.reason_label() or request.outcome_label()}


NOTICES = {
    "register": CitizenNotice(_subject(gettext_noop("政府信息公开申请已登记（%(reference)s）")), _registered),
    "request_correction": CitizenNotice(_subject(gettext_noop("请补正政府信息公开申请（%(reference)s）")), _correction),
    "extend": CitizenNotice(_subject(gettext_noop("政府信息公开申请答复期限延长（%(reference)s）")), _extended),
    "set_longer_period": CitizenNotice(_subject(gettext_noop("政府信息公开申请延迟答复（%(reference)s）")), _longer_period),
    "notify_fee": CitizenNotice(_subject(gettext_noop("信息处理费缴费通知（%(reference)s）")), _fee),
    "reply": CitizenNotice(_subject(gettext_noop("政府信息公开申请已答复（%(reference)s）")), _answered),
    "sign_off": CitizenNotice(_subject(gettext_noop("政府信息公开申请已答复（%(reference)s）")), _answered),
    "send_reviewed": CitizenNotice(_subject(gettext_noop("政府信息公开申请已答复（%(reference)s）")), _answered),
    "transfer": CitizenNotice(_subject(gettext_noop("政府信息公开申请已答复（%(reference)s）")), _answered),
    "close_no_correction": CitizenNotice(_subject(gettext_noop("政府信息公开申请已办结（%(reference)s）")), _closed),
    "close_fee_unpaid": CitizenNotice(_subject(gettext_noop("政府信息公开申请已办结（%(reference)s）")), _closed),
}
