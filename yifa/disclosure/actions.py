"""Every step of a disclosure request, as an action: checked, in one transaction, in the event log.

The statutory periods (政府信息公开条例, 2019; ../shared/rules.md "Information disclosure by request"):
- art.33: reply within 20 working days of receipt; extension of at most 20 working days, approved
  by the head of the disclosure office, the applicant notified; consultation time not counted;
- art.30: one correction notice within 7 working days, listing everything; the reply period runs
  from receipt of the corrected request; no correction in time: the request is not processed;
- art.31: the day of receipt: in person, that day; by registered mail, the day of signature;
  online, the day both sides confirm;
- art.32: a third party answers within 15 working days;
- 国办函〔2020〕109号: fee notice; the time until payment is not counted; unpaid within 20 working
  days: the request is not processed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yifa.audit.actions import record_event
from yifa.audit.actors import Actor
from yifa.calendar import actions as deadlines
from yifa.calendar.engine import compute_deadline
from yifa.calendar.periods import Period, SuspensionReason, Unit
from yifa.calendar.selectors import deadline_of
from yifa.calendar.workcalendar import current_calendar
from yifa.casework.attachments import add_attachment, validate_upload
from yifa.casework.references import next_reference
from yifa.casework.transitions import perform_transition
from yifa.core.errors import ActionRefused
from yifa.org.models import Department

from . import fees
from . import transitions as steps
from .models import REASONS_OF, Channel, DisclosureRequest, Outcome
from .policies import applicant_policy, request_policy

# The periods, with the article that sets each.
REPLY = "reply"
REPLY_PERIOD = Period(20, Unit.WORKING_DAY, max_extension=20)  # art.33
REPLY_BASIS = "《政府信息公开条例》第三十三条"
CORRECTION_NOTICE = "correction_notice"
CORRECTION_NOTICE_PERIOD = Period(7, Unit.WORKING_DAY)  # art.30
CORRECTION_NOTICE_BASIS = "《政府信息公开条例》第三十条"
CORRECTION = "correction"
DEFAULT_CORRECTION_DAYS = 15  # a "reasonable period" (art.30) set by the agency; calendar days
THIRD_PARTY = "third_party"
THIRD_PARTY_PERIOD = Period(15, Unit.WORKING_DAY)  # art.32
THIRD_PARTY_BASIS = "《政府信息公开条例》第三十二条"
FEE_PAYMENT = "fee_payment"
FEE_PAYMENT_PERIOD = Period(20, Unit.WORKING_DAY)  # 国办函〔2020〕109号
FEE_BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
MAX_UPLOADS = 5

RECEIPT_RULES = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日（《政府信息公开条例》第三十一条第一项）",
    Channel.MAIL: "以邮寄方式提交的，以行政机关签收之日为收到申请之日（《政府信息公开条例》第三十一条第二项）",
    Channel.ONLINE: "通过互联网渠道提交的，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第三项）",
}


def _day(value: Any, what: str, *, not_before: dt.date | None = None, not_before_what: str = "") -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ActionRefused(_("%(what)s必须是日期。") % {"what": what})
    if value > timezone.localdate():
        raise ActionRefused(_("%(what)s %(day)s 晚于今天。") % {"what": what, "day": value})
    if not_before is not None and value < not_before:
        raise ActionRefused(_("%(what)s %(day)s 早于%(other)s %(before)s。") % {
            "what": what, "day": value, "other": not_before_what, "before": not_before})
    return value


def _finish(request: DisclosureRequest, code: str, *, actor: Actor, on: dt.date, reason: str) -> None:
    """Complete the period `code` if it is still running; a later step makes it moot otherwise."""
    deadline = deadline_of(request, code)
    if deadline is None:
        return
    if deadline.paused_since is not None:
        deadlines.resume_deadline(actor=actor, deadline=deadline, ends_on=max(on, deadline.paused_since))
    deadlines.complete_deadline(actor=actor, deadline=deadline, completed_on=max(on, deadline.start_date))


def _drop(request: DisclosureRequest, code: str, *, actor: Actor, reason: str) -> None:
    deadline = deadline_of(request, code)
    if deadline is not None:
        deadlines.close_deadline(actor=actor, deadline=deadline, reason=reason)


def _reply_deadline(request: DisclosureRequest):  # type: ignore[no-untyped-def]
    deadline = deadline_of(request, REPLY)
    if deadline is None:
        raise ActionRefused(_("该申请没有正在计算的答复期限。"))
    return deadline


# --- submission and registration ---------------------------------------------------------------------


KIND = "disclosure-request"
REFERENCE = "{DEPT}-{year}-{number:04d}"  # JYJ-2016-0001: the department, the year, the request


def submit_request(*, actor: Actor, request: DisclosureRequest, uploads: Iterable[UploadedFile] = ()) -> DisclosureRequest:
    """A request filed on the portal (or the API): saved as submitted, with the applicant's files.

    The public may file; nothing is checked against a role. The request is validated in full first,
    and the files too, so that a bad file leaves nothing behind."""
    uploads = list(uploads)
    if len(uploads) > MAX_UPLOADS:
        raise ActionRefused(_("最多上传 %(n)s 个附件。") % {"n": MAX_UPLOADS})
    for upload in uploads:
        validate_upload(upload)
    request.status = DisclosureRequest.Status.SUBMITTED
    request.channel = request.channel or Channel.ONLINE
    year = timezone.localdate(request.submitted_at).year if request.submitted_at else timezone.localdate().year
    request.full_clean(exclude=["reference"])  # ValidationError reaches the form or the API with its messages
    with transaction.atomic():
        request.reference = next_reference(DisclosureRequest, kind=KIND, template=REFERENCE, year=year,
                                           department=request.department)
        request.save()
        record_event(actor=actor, event_type="disclosure.submitted", target=request, new={
            "reference": request.reference, "department": request.department.name,
            "applicant_type": request.get_applicant_type_display(), "channel": request.get_channel_display(),
        })
        for upload in uploads:
            add_attachment(actor=actor, owner=request, upload=upload, policy=applicant_policy, kind="application")
    return request


def register_request(*, actor: Actor, request: DisclosureRequest, channel: str, received_on: dt.date) -> DisclosureRequest:
    """Record the day of receipt (art.31) and start the reply period (art.33) and the correction window (art.30)."""
    if channel not in Channel.values:
        raise ActionRefused(_("未知的提交方式“%(channel)s”。") % {"channel": channel})
    received_on = _day(received_on, _("收到申请之日"))
    submitted = timezone.localdate(request.submitted_at) if request.submitted_at else None
    if channel == Channel.ONLINE and submitted and received_on < submitted:
        raise ActionRefused(_("网上申请的收到日期不能早于提交日期 %(day)s。") % {"day": submitted})

    def start_periods(locked: DisclosureRequest) -> None:
        deadlines.open_deadline(actor=actor, target=locked, start=received_on, period=REPLY_PERIOD,
                                purpose=_("答复期限"), basis=REPLY_BASIS, code=REPLY)
        deadlines.open_deadline(actor=actor, target=locked, start=received_on, period=CORRECTION_NOTICE_PERIOD,
                                purpose=_("补正告知期限"), basis=CORRECTION_NOTICE_BASIS, code=CORRECTION_NOTICE)

    return perform_transition(
        request, steps.REGISTER, actor=actor, policy=request_policy, then=start_periods,
        changes={"channel": channel, "received_on": received_on, "received_basis": RECEIPT_RULES[Channel(channel)]},
    )


# --- correction (art.30) ---------------------------------------------------------------------------


def request_correction(*, actor: Actor, request: DisclosureRequest, items: str, requested_on: dt.date,
                       correction_days: int = DEFAULT_CORRECTION_DAYS) -> DisclosureRequest:
    """One notice, within 7 working days of receipt, listing everything that is missing."""
    items = (items or "").strip()
    if not items:
        raise ActionRefused(_("补正告知必须一次性列明需要补正的全部事项。"))
    if request.correction_requested_on is not None:
        raise ActionRefused(_("补正告知只能发出一次（《政府信息公开条例》第三十条）。"))
    if isinstance(correction_days, bool) or not isinstance(correction_days, int) or not 1 <= correction_days <= 60:
        raise ActionRefused(_("补正期限应为 1 至 60 日。"))
    requested_on = _day(requested_on, _("补正告知日"), not_before=request.received_on, not_before_what=_("收到申请之日"))
    window = deadline_of(request, CORRECTION_NOTICE)
    if window is None or (window.due_date and requested_on > window.due_date):
        raise ActionRefused(_("补正告知应当自收到申请之日起 7 个工作日内发出（《政府信息公开条例》第三十条）；"
                              "本申请的告知期限已于 %(day)s 届满，请直接答复。") % {
            "day": window.due_date if window else "—"})
    # A calendar-day period whose last day is a rest day ends on the next working day (民事诉讼法
    # art.85, ../shared/rules.md): the same engine as the correction deadline, so notice and deadline agree.
    due = compute_deadline(current_calendar(), requested_on, Period(correction_days, Unit.DAY)).due_date

    def stop_clock(locked: DisclosureRequest) -> None:
        deadlines.complete_deadline(actor=actor, deadline=window, completed_on=requested_on)
        deadlines.suspend_deadline(actor=actor, deadline=_reply_deadline(locked), reason=SuspensionReason.CORRECTION,
                                   starts_on=requested_on, note=_("等待申请人补正"))
        deadlines.open_deadline(actor=actor, target=locked, start=requested_on, period=Period(correction_days, Unit.DAY),
                                purpose=_("申请人补正期限"), basis=CORRECTION_NOTICE_BASIS, code=CORRECTION)

    return perform_transition(request, steps.REQUEST_CORRECTION, actor=actor, policy=request_policy, then=stop_clock,
                              changes={"correction_items": items, "correction_requested_on": requested_on,
                                       "correction_due_on": due})


def receive_correction(*, actor: Actor, request: DisclosureRequest, corrected_on: dt.date) -> DisclosureRequest:
    """The corrected request arrived: the reply period counts afresh from that day (art.30)."""
    corrected_on = _day(corrected_on, _("收到补正之日"), not_before=request.correction_requested_on,
                        not_before_what=_("补正告知日"))

    def restart(locked: DisclosureRequest) -> None:
        _finish(locked, CORRECTION, actor=actor, on=corrected_on, reason="")
        reply = _reply_deadline(locked)
        deadlines.resume_deadline(actor=actor, deadline=reply, ends_on=corrected_on)
        deadlines.restart_deadline(actor=actor, deadline=reply, start=corrected_on,
                                   reason=_("收到补正后的申请，答复期限重新计算（《政府信息公开条例》第三十条）"))

    return perform_transition(request, steps.RECEIVE_CORRECTION, actor=actor, policy=request_policy, then=restart,
                              changes={"corrected_on": corrected_on})


def close_for_no_correction(*, actor: Actor, request: DisclosureRequest, closed_on: dt.date) -> DisclosureRequest:
    """The applicant did not correct in time: the request is not processed (art.30, 视为放弃申请)."""
    closed_on = _day(closed_on, _("办结日"), not_before=request.correction_requested_on, not_before_what=_("补正告知日"))
    if request.correction_due_on and closed_on <= request.correction_due_on:
        raise ActionRefused(_("补正期限到 %(day)s 才届满，届满后才能不再处理。") % {"day": request.correction_due_on})

    def end(locked: DisclosureRequest) -> None:
        _drop(locked, CORRECTION, actor=actor, reason=_("申请人逾期未补正"))
        _drop(locked, REPLY, actor=actor, reason=_("申请人逾期未补正，不再处理"))

    return perform_transition(request, steps.CLOSE_NO_CORRECTION, actor=actor, policy=request_policy, then=end,
                              outcome=Outcome.OTHER, changes={"outcome_reason": "no_correction", "concluded_on": closed_on})


# --- consultation (art.32, art.33) --------------------------------------------------------------------


def start_consultation(*, actor: Actor, request: DisclosureRequest, party: str, third_party: bool,
                       sent_on: dt.date) -> DisclosureRequest:
    """Ask a third party (15 working days to answer) or another agency; the reply clock stops meanwhile."""
    party = (party or "").strip()
    if not party:
        raise ActionRefused(_("请填写征求意见的对象。"))
    sent_on = _day(sent_on, _("征求意见日"), not_before=request.received_on, not_before_what=_("收到申请之日"))

    def stop_clock(locked: DisclosureRequest) -> None:
        _drop(locked, CORRECTION_NOTICE, actor=actor, reason=_("已进入征求意见程序"))
        reason = SuspensionReason.THIRD_PARTY if third_party else SuspensionReason.INTER_AGENCY
        # The consultation's days are not counted (art.33): from the day the letter goes to the day it is answered.
        deadlines.suspend_deadline(actor=actor, deadline=_reply_deadline(locked), reason=reason, starts_on=sent_on,
                                   note=party[:200])
        if third_party:
            deadlines.open_deadline(actor=actor, target=locked, start=sent_on, period=THIRD_PARTY_PERIOD,
                                    purpose=_("第三方答复期限"), basis=THIRD_PARTY_BASIS, code=THIRD_PARTY)

    return perform_transition(request, steps.START_CONSULTATION, actor=actor, policy=request_policy, then=stop_clock,
                              changes={"third_party": party[:200]},
                              extra_event_values={"kind": _("第三方") if third_party else _("其他机关")})


def end_consultation(*, actor: Actor, request: DisclosureRequest, answered_on: dt.date, note: str = "") -> DisclosureRequest:
    """The opinion arrived (or the third party's 15 working days ran out): the clock runs again."""
    reply = _reply_deadline(request)
    answered_on = _day(answered_on, _("收到意见之日"), not_before=reply.paused_since, not_before_what=_("征求意见日"))

    def restart(locked: DisclosureRequest) -> None:
        deadlines.resume_deadline(actor=actor, deadline=_reply_deadline(locked), ends_on=answered_on, note=note[:200])
        _finish(locked, THIRD_PARTY, actor=actor, on=answered_on, reason="")

    return perform_transition(request, steps.END_CONSULTATION, actor=actor, policy=request_policy, then=restart,
                              reason=note)


# --- extension (art.33) ---------------------------------------------------------------------------


def extend_reply(*, actor: Actor, request: DisclosureRequest, length: int, approved_on: dt.date,
                 reason: str) -> DisclosureRequest:
    """Approved by the head of the disclosure office (the actor); at most 20 working days in all; the
    applicant is notified with the extension notice."""
    approved_on = _day(approved_on, _("批准日期"), not_before=request.received_on, not_before_what=_("收到申请之日"))

    def extend(locked: DisclosureRequest) -> None:
        deadlines.extend_deadline(actor=actor, deadline=_reply_deadline(locked), length=length,
                                  approved_on=approved_on, reason=reason)

    return perform_transition(request, steps.EXTEND, actor=actor, policy=request_policy, then=extend, reason=reason,
                              extra_event_values={"length": length, "approved_on": approved_on,
                                                  "notified": _("已向申请人发出延期答复告知书")})


# --- fees (国办函〔2020〕109号) ----------------------------------------------------------------------


def requests_this_month(request: DisclosureRequest) -> int:
    """Which request of this applicant's in the natural month this is (for charging by count)."""
    received = request.received_on or timezone.localdate()
    return DisclosureRequest.objects.filter(
        id_number=request.id_number, received_on__year=received.year, received_on__month=received.month,
        received_on__lte=received,
    ).exclude(pk=request.pk).count() + 1


def notify_fee(*, actor: Actor, request: DisclosureRequest, method: str, notified_on: dt.date,
               pages: int | None = None) -> DisclosureRequest:
    fee = fees.calculate(method, pages=pages, nth_in_month=requests_this_month(request) if method == fees.BY_COUNT else None)
    if fee.amount <= 0:
        raise ActionRefused(_("按%(method)s计算不需收费（%(detail)s），无需发出收费通知。") % {
            "method": _("件") if method == fees.BY_COUNT else _("量"), "detail": fee.lines[0]})
    notified_on = _day(notified_on, _("收费通知日"), not_before=request.received_on, not_before_what=_("收到申请之日"))

    def stop_clock(locked: DisclosureRequest) -> None:
        _drop(locked, CORRECTION_NOTICE, actor=actor, reason=_("已发出收费通知"))
        deadlines.suspend_deadline(actor=actor, deadline=_reply_deadline(locked), reason=SuspensionReason.FEE,
                                   starts_on=notified_on, note=_("等待申请人缴费"))
        deadlines.open_deadline(actor=actor, target=locked, start=notified_on, period=FEE_PAYMENT_PERIOD,
                                purpose=_("缴费期限"), basis=FEE_BASIS, code=FEE_PAYMENT)

    # The breakdown is stored for the fee notice, which is always in Chinese, whatever the officer's language.
    with translation.override("zh-hans"):
        breakdown = [str(line) for line in fees.calculate(
            method, pages=pages, nth_in_month=requests_this_month(request) if method == fees.BY_COUNT else None).lines]
    return perform_transition(request, steps.NOTIFY_FEE, actor=actor, policy=request_policy, then=stop_clock, changes={
        "fee_method": method, "fee_amount": fee.amount, "fee_breakdown": breakdown, "fee_notified_on": notified_on,
    })


def record_payment(*, actor: Actor, request: DisclosureRequest, paid_on: dt.date) -> DisclosureRequest:
    paid_on = _day(paid_on, _("缴费日"), not_before=request.fee_notified_on, not_before_what=_("收费通知日"))

    def restart(locked: DisclosureRequest) -> None:
        deadlines.resume_deadline(actor=actor, deadline=_reply_deadline(locked), ends_on=paid_on)
        _finish(locked, FEE_PAYMENT, actor=actor, on=paid_on, reason="")

    return perform_transition(request, steps.RECORD_PAYMENT, actor=actor, policy=request_policy, then=restart,
                              changes={"fee_paid_on": paid_on})


def close_for_unpaid_fee(*, actor: Actor, request: DisclosureRequest, closed_on: dt.date) -> DisclosureRequest:
    payment = deadline_of(request, FEE_PAYMENT)
    closed_on = _day(closed_on, _("办结日"), not_before=request.fee_notified_on, not_before_what=_("收费通知日"))
    if payment is not None and payment.due_date and closed_on <= payment.due_date:
        raise ActionRefused(_("缴费期限到 %(day)s 才届满，届满后才能不再处理。") % {"day": payment.due_date})

    def end(locked: DisclosureRequest) -> None:
        _drop(locked, FEE_PAYMENT, actor=actor, reason=_("申请人逾期未缴费"))
        _drop(locked, REPLY, actor=actor, reason=_("申请人逾期未缴费，不再处理"))

    return perform_transition(request, steps.CLOSE_FEE_UNPAID, actor=actor, policy=request_policy, then=end,
                              outcome=Outcome.OTHER, changes={"outcome_reason": "fee_unpaid", "concluded_on": closed_on})


# --- the end: transfer or reply (art.36) ----------------------------------------------------------------


def transfer_request(*, actor: Actor, request: DisclosureRequest, agency: str, transferred_on: dt.date,
                     forward_to: Department | None = None) -> DisclosureRequest:
    """The information is another agency's to disclose: tell the applicant which (art.36(5)); when that
    agency is one of the city's departments, the request is passed to it as well."""
    agency = (agency or "").strip()
    if forward_to is not None:
        if forward_to.pk == request.department_id:
            raise ActionRefused(_("不能转给本机关。"))
        agency = agency or forward_to.name
    if not agency:
        raise ActionRefused(_("请填写负责公开该信息的机关名称。"))
    transferred_on = _day(transferred_on, _("告知日"), not_before=request.received_on, not_before_what=_("收到申请之日"))

    def conclude(locked: DisclosureRequest) -> None:
        _finish(locked, REPLY, actor=actor, on=transferred_on, reason="")
        _drop(locked, CORRECTION_NOTICE, actor=actor, reason=_("已告知向负责公开的机关申请"))
        if forward_to is not None:
            copy = DisclosureRequest(
                department=forward_to, transferred_from=locked, channel=Channel.IN_PERSON,
                submitted_at=timezone.make_aware(dt.datetime.combine(transferred_on, dt.time(9, 0))),
                **{f: getattr(locked, f) for f in ("applicant_type", "applicant_name", "id_number", "contact_person",
                                                   "phone", "email", "address", "postal_code", "description",
                                                   "purpose", "delivery")},
            )
            submit_request(actor=actor, request=copy)

    return perform_transition(request, steps.TRANSFER, actor=actor, policy=request_policy, then=conclude,
                              outcome=Outcome.UNAVAILABLE, changes={
                                  "outcome_reason": "not_held", "transferred_to": agency[:200],
                                  "concluded_on": transferred_on})


def reply_request(*, actor: Actor, request: DisclosureRequest, outcome: str, replied_on: dt.date, summary: str,
                  reason: str = "", files: Iterable[UploadedFile] = ()) -> DisclosureRequest:
    """The reply (art.36): its type and, where the template has them, its sub-reason; partial
    disclosure counts once, as 部分公开. Released files are attached to the request."""
    if outcome not in Outcome.values:
        raise ActionRefused(_("未知的答复类型“%(outcome)s”。") % {"outcome": outcome})
    allowed = REASONS_OF.get(outcome, ())
    if allowed and reason not in allowed:
        raise ActionRefused(_("“%(outcome)s”须选择具体情形。") % {"outcome": Outcome(outcome).label})
    if not allowed:
        reason = ""
    if outcome == Outcome.OTHER and reason in ("no_correction", "fee_unpaid"):
        raise ActionRefused(_("逾期未补正或未缴费的，请使用相应的办理步骤。"))
    summary = (summary or "").strip()
    if not summary:
        raise ActionRefused(_("请填写答复内容（答复书的正文要点）。"))
    replied_on = _day(replied_on, _("答复日"), not_before=request.corrected_on or request.received_on,
                      not_before_what=_("收到申请之日"))
    files = list(files)
    for upload in files:
        validate_upload(upload)

    def conclude(locked: DisclosureRequest) -> None:
        _finish(locked, REPLY, actor=actor, on=replied_on, reason="")
        _drop(locked, CORRECTION_NOTICE, actor=actor, reason=_("已答复"))
        for upload in files:
            add_attachment(actor=actor, owner=locked, upload=upload, policy=request_policy, kind="released",
                           permission="handle")

    return perform_transition(request, steps.REPLY, actor=actor, policy=request_policy, then=conclude,
                              outcome=outcome, changes={"outcome_reason": reason, "reply_summary": summary,
                                                        "concluded_on": replied_on})
