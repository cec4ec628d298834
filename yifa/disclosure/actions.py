"""Every step of a disclosure request, as an action: checked, in one transaction, in the event log.

The periods come from the text of the 政府信息公开条例 in force on the day the request was received
(`statute.py`: the 2007 text before 2019-05-15, the 2019 text from then; ../shared/rules.md):
- the reply period and its extension (2007 art.24: 15 + 15 working days; 2019 art.33: 20 + 20),
  the extension approved and notified before the period runs out;
- one correction notice listing everything (2019 art.30: within 7 working days); the reply period runs
  from receipt of the corrected request; no correction in time: the request is not processed;
- the day of receipt (2019 art.31): in person, that day; registered mail, the day the agency signs;
  an ordinary letter, the day the agency confirms with the applicant; online or fax, the day both sides
  confirm. The clock runs from that day whether or not the request has been registered;
- consultation time is not counted; under the 2019 text a third party (art.32) and another agency
  (art.34) each have 15 working days from receiving the letter, after which the agency decides (silence
  of another agency counts as consent) and the reply clock runs again (the daily job below);
- 国办函〔2020〕109号 (from 2021-01-01): the information-processing fee; the time until payment is not
  counted; unpaid within 20 working days: the request is not processed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actions import actor_label, check_actor, record_event
from yifa.audit.actors import Actor, PublicVisitor, SystemJob
from yifa.calendar import actions as deadlines
from yifa.calendar.engine import compute_deadline
from yifa.calendar.periods import Period, SuspensionReason, Unit
from yifa.calendar.selectors import deadline_of
from yifa.calendar.workcalendar import current_calendar
from yifa.casework.attachments import add_attachment, attachments_of, correspondence_of, validate_upload
from yifa.casework.models import Attachment, Correspondence
from yifa.casework.references import next_reference
from yifa.casework.signals import case_opened
from yifa.casework.transitions import GuardRefused, perform_transition, record_refusal
from yifa.core.errors import ActionRefused
from yifa.org.models import Department

from . import fees, redaction, statute
from . import transitions as steps
from .models import (
    REASONS_OF,
    RELEASES,
    ChallengeKind,
    ChallengeResult,
    Channel,
    DisclosureRequest,
    Outcome,
    Redaction,
    ReleaseReview,
    ReplyChallenge,
)
from .policies import applicant_policy, release_review_policy, request_policy
from .review import rules_for

# Deadline codes; their periods come from the text in force (statute.py).
REPLY = statute.REPLY
CORRECTION_NOTICE = statute.CORRECTION_NOTICE
CORRECTION = "correction"
DEFAULT_CORRECTION_DAYS = 15  # a "reasonable period" (2019 art.30) set by the agency; calendar days
THIRD_PARTY = statute.THIRD_PARTY
INTER_AGENCY = statute.INTER_AGENCY
CONSULTATION_LAPSE = SystemJob("disclosure.consultation_lapse", gettext_lazy("征求意见期限届满，恢复计时"))
RECEIPT = SystemJob("disclosure.receipt", gettext_lazy("收到申请，开始计时"))
PublicVisitor("disclosure-applicant", title=gettext_lazy("申请人（门户网站）"))
FEE_PAYMENT = "fee_payment"
FEE_PAYMENT_PERIOD = Period(20, Unit.WORKING_DAY)  # 国办函〔2020〕109号
FEE_BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
MAX_UPLOADS = 5

# 2019 art.31: the day a request counts as received, by how it came. (The 2007 text has no such article: the
# day the agency actually received it.)
RECEIPT_RULES_2019 = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日（《政府信息公开条例》第三十一条第一项）",
    Channel.MAIL: "以邮寄方式提交的，以行政机关签收之日为收到申请之日（《政府信息公开条例》第三十一条第二项）",
    Channel.ORDINARY_MAIL: "以平常信函等无需签收的邮寄方式提交的，以行政机关与申请人确认之日为收到申请之日"
                           "（《政府信息公开条例》第三十一条第二项）",
    Channel.ONLINE: "通过互联网渠道提交的，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第三项）",
    Channel.FAX: "通过传真提交的，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第三项）",
}
RECEIPT_RULE_2007 = "以本机关实际收到申请之日为收到申请之日（2007年《政府信息公开条例》对此未作规定）"


def receipt_basis(channel: str, received_on: dt.date) -> str:
    if statute.text_for(received_on).effective_from < statute.TEXT_2019.effective_from:
        return RECEIPT_RULE_2007
    return RECEIPT_RULES_2019[Channel(channel)]


def text_of(request: DisclosureRequest) -> Any:
    """The text governing the request: the one in force on its receipt date (or today, before receipt)."""
    return statute.text_for(request.received_on or timezone.localdate())


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


def _open_periods(request: DisclosureRequest, received_on: dt.date, *, actor: Actor, reason: str = "") -> None:
    """The reply period and (2019 text) the correction-notice window, from the day of receipt, by the text in
    force that day. Periods already running (a receipt date corrected at registration) are closed first."""
    for code in (REPLY, CORRECTION_NOTICE):
        _drop(request, code, actor=actor, reason=reason or _("收到申请之日更正，重新起算"))
    text = statute.text_for(received_on)
    for code in (REPLY, CORRECTION_NOTICE):
        if code in text.periods:
            period = text.period(code)
            deadlines.open_deadline(actor=actor, target=request, start=received_on, period=period.period,
                                    purpose=str(period.label), basis=text.basis(code), code=code)


def submit_request(*, actor: Actor, request: DisclosureRequest, uploads: Iterable[UploadedFile] = ()) -> DisclosureRequest:
    """A request filed on the portal (or the API): saved as submitted, with the applicant's files, and its
    clock started: the portal confirms receipt at once (2019 art.31(3)), so the day of submission is the day
    of receipt, and the reply period runs from it whether or not the department has registered it yet.

    The public may file; nothing is checked against a role. The request is validated in full first,
    and the files too, so that a bad file leaves nothing behind."""
    uploads = list(uploads)
    if len(uploads) > MAX_UPLOADS:
        raise ActionRefused(_("最多上传 %(n)s 个附件。") % {"n": MAX_UPLOADS})
    for upload in uploads:
        validate_upload(upload)
    request.status = DisclosureRequest.Status.SUBMITTED
    request.channel = request.channel or Channel.ONLINE
    submitted_on = timezone.localdate(request.submitted_at) if request.submitted_at else timezone.localdate()
    request.received_on = request.received_on or submitted_on
    request.received_basis = request.received_basis or receipt_basis(request.channel, request.received_on)
    if request.submitted_at:
        request.opened_at = request.submitted_at  # the case is open from submission (the queue's 立案时间)
    request.full_clean(exclude=["reference"])  # ValidationError reaches the form or the API with its messages
    with transaction.atomic():
        request.reference = next_reference(DisclosureRequest, kind=KIND, template=REFERENCE, year=submitted_on.year,
                                           department=request.department)
        request.save()
        record_event(actor=actor, event_type="disclosure.submitted", target=request, new={
            "reference": request.reference, "department": request.department.name,
            "applicant_type": request.get_applicant_type_display(), "channel": request.get_channel_display(),
            "received_on": request.received_on,
        })
        for upload in uploads:
            add_attachment(actor=actor, owner=request, upload=upload, policy=applicant_policy, kind="application")
        _open_periods(request, request.received_on, actor=RECEIPT)
        case_opened.send(sender=DisclosureRequest, case=request, actor=actor)  # the department is told
    return request


def enter_request(*, actor: Actor, request: DisclosureRequest, channel: str, received_on: dt.date,
                  uploads: Iterable[UploadedFile] = ()) -> DisclosureRequest:
    """A request that came on paper — in person, by post or by fax — entered by the department's staff: filed
    and registered at once, so its periods run from the day of receipt (2019 art.31: the day it was handed in,
    the day the post was signed for, the day both sides confirmed the fax), which may be before today."""
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ActionRefused(_("网上申请由申请人在门户网站提交；这里登记当面、邮寄或传真提交的申请。"))
    received_on = _day(received_on, _("收到申请之日"))
    if request.department_id is None:
        raise ActionRefused(_("请选择申请公开的机关。"))
    request_policy.check(actor, steps.REGISTER.permission, request)
    request.channel, request.received_on = channel, received_on
    request.received_basis = receipt_basis(channel, received_on)
    request.submitted_at = timezone.now()
    with transaction.atomic():
        submit_request(actor=actor, request=request, uploads=uploads)
        register_request(actor=actor, request=request, channel=channel, received_on=received_on)
    return request


def register_request(*, actor: Actor, request: DisclosureRequest, channel: str, received_on: dt.date) -> DisclosureRequest:
    """The department registers the request: how it came and the day of receipt (2019 art.31). The periods
    already run from receipt; a corrected receipt date starts them again from that day."""
    if channel not in Channel.values:
        raise ActionRefused(_("未知的提交方式“%(channel)s”。") % {"channel": channel})
    received_on = _day(received_on, _("收到申请之日"))
    submitted = timezone.localdate(request.submitted_at) if request.submitted_at else None
    if channel in (Channel.ONLINE, Channel.FAX) and submitted and received_on < submitted:
        raise ActionRefused(_("网上或传真申请的收到日期不能早于提交日期 %(day)s。") % {"day": submitted})

    def start_periods(locked: DisclosureRequest) -> None:
        if deadline_of(locked, REPLY) is None or received_on != request.received_on:
            _open_periods(locked, received_on, actor=actor)

    return perform_transition(
        request, steps.REGISTER, actor=actor, policy=request_policy, then=start_periods,
        changes={"channel": channel, "received_on": received_on, "received_basis": receipt_basis(channel, received_on)},
    )


# --- correction (art.30) ---------------------------------------------------------------------------


def request_correction(*, actor: Actor, request: DisclosureRequest, items: str, requested_on: dt.date,
                       correction_days: int = DEFAULT_CORRECTION_DAYS) -> DisclosureRequest:
    """One notice listing everything that is missing; under the 2019 text within 7 working days of receipt
    (art.30). The 2007 text (art.21(4)) asks for a correction but sets no window for the notice."""
    text = text_of(request)
    items = (items or "").strip()
    if not items:
        raise ActionRefused(_("补正告知必须一次性列明需要补正的全部事项。"))
    if request.correction_requested_on is not None:
        raise ActionRefused(_("补正告知只能发出一次（%(basis)s）。") % {"basis": text.cite(text.rule("correction_article"))})
    if isinstance(correction_days, bool) or not isinstance(correction_days, int) or not 1 <= correction_days <= 60:
        raise ActionRefused(_("补正期限应为 1 至 60 日。"))
    requested_on = _day(requested_on, _("补正告知日"), not_before=request.received_on, not_before_what=_("收到申请之日"))
    window = deadline_of(request, CORRECTION_NOTICE)
    if CORRECTION_NOTICE in text.periods and (window is None or (window.due_date and requested_on > window.due_date)):
        raise ActionRefused(_("补正告知应当自收到申请之日起 7 个工作日内发出（%(basis)s）；"
                              "本申请的告知期限已于 %(day)s 届满，请直接答复。") % {
            "basis": text.basis(CORRECTION_NOTICE), "day": window.due_date if window else "—"})
    # A calendar-day period whose last day is a rest day ends on the next working day (民事诉讼法
    # art.85, ../shared/rules.md): the same engine as the correction deadline, so notice and deadline agree.
    due = compute_deadline(current_calendar(), requested_on, Period(correction_days, Unit.DAY)).due_date

    def stop_clock(locked: DisclosureRequest) -> None:
        if window is not None:
            deadlines.complete_deadline(actor=actor, deadline=window, completed_on=requested_on)
        deadlines.suspend_deadline(actor=actor, deadline=_reply_deadline(locked), reason=SuspensionReason.CORRECTION,
                                   starts_on=requested_on, note=_("等待申请人补正"))
        deadlines.open_deadline(actor=actor, target=locked, start=requested_on, period=Period(correction_days, Unit.DAY),
                                purpose=_("申请人补正期限"), basis=text.cite(text.rule("correction_article")),
                                code=CORRECTION)

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


MAX_CORRECTION_TEXT = 5000


def submit_correction_online(*, actor: Actor, request: DisclosureRequest, text: str,
                             uploads: Iterable[UploadedFile] = ()) -> Correspondence:
    """The applicant answers the 补正 notice from the tracking page, with files. It is kept on the request as
    a message for the handler; the reply period counts afresh from the day the office takes it as received
    (`receive_correction`, art.30; online: the day both sides confirm, art.31(3)), which staff confirm."""
    text = (text or "").strip()
    uploads = list(uploads)
    if not applicant_policy.can(actor, "correct", request):
        raise ActionRefused(_("该申请当前不需要补正。"))
    if not text and not uploads:
        raise ActionRefused(_("请填写补正内容或上传补正材料。"))
    if len(text) > MAX_CORRECTION_TEXT:
        raise ActionRefused(_("补正内容不能超过 %(n)s 字。") % {"n": MAX_CORRECTION_TEXT})
    if len(uploads) > MAX_UPLOADS:
        raise ActionRefused(_("最多上传 %(n)s 个文件。") % {"n": MAX_UPLOADS})
    for upload in uploads:
        validate_upload(upload)
    with transaction.atomic():
        locked = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
        if not applicant_policy.can(actor, "correct", locked):
            raise ActionRefused(_("该申请当前不需要补正。"))
        names = [add_attachment(actor=actor, owner=locked, upload=upload, policy=applicant_policy, kind="correction",
                                permission="correct").original_name for upload in uploads]
        message = Correspondence.objects.create(
            owner_type=ContentType.objects.get_for_model(locked), owner_id=str(locked.pk), from_citizen=True,
            subject=_("申请人补正"), body=text or _("（见所附文件）"), attachment_names=names,
            author_label=_("申请人（门户网站）"))
        record_event(actor=actor, event_type="disclosure.correction_submitted", target=locked,
                     new={"files": len(names), "chars": len(text)})
    return message


def last_online_correction_day(request: DisclosureRequest) -> dt.date | None:
    message = correspondence_of(request).filter(from_citizen=True).order_by("-sent_at").first()
    return timezone.localdate(message.sent_at) if message else None


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
                       sent_on: dt.date, letter_received_on: dt.date | None = None) -> DisclosureRequest:
    """Ask a third party or another agency; the reply clock stops meanwhile (2019 art.33; 2007 art.23).

    Under the 2019 text the party has 15 working days from receiving the letter (art.32, art.34):
    `letter_received_on` (the day it reached them; the day it was sent when not known) starts them."""
    party = (party or "").strip()
    if not party:
        raise ActionRefused(_("请填写征求意见的对象。"))
    sent_on = _day(sent_on, _("征求意见日"), not_before=request.received_on, not_before_what=_("收到申请之日"))
    letter_received_on = _day(letter_received_on or sent_on, _("对方收到征求意见函之日"), not_before=sent_on,
                              not_before_what=_("征求意见日"))
    text = text_of(request)
    code = THIRD_PARTY if third_party else INTER_AGENCY

    def stop_clock(locked: DisclosureRequest) -> None:
        _drop(locked, CORRECTION_NOTICE, actor=actor, reason=_("已进入征求意见程序"))
        reason = SuspensionReason.THIRD_PARTY if third_party else SuspensionReason.INTER_AGENCY
        # The consultation's days are not counted: from the day the letter goes to the day it is answered.
        deadlines.suspend_deadline(actor=actor, deadline=_reply_deadline(locked), reason=reason, starts_on=sent_on,
                                   note=party[:200])
        if code in text.periods:
            period = text.period(code)
            deadlines.open_deadline(actor=actor, target=locked, start=letter_received_on, period=period.period,
                                    purpose=str(period.label), basis=text.basis(code), code=code)

    return perform_transition(request, steps.START_CONSULTATION, actor=actor, policy=request_policy, then=stop_clock,
                              changes={"third_party": party[:200]},
                              extra_event_values={"kind": _("第三方") if third_party else _("其他机关"),
                                                  "letter_received_on": letter_received_on})


def end_consultation(*, actor: Actor, request: DisclosureRequest, answered_on: dt.date, note: str = "",
                     lapsed: bool = False) -> DisclosureRequest:
    """The opinion arrived, or (`lapsed`) the party's period ran out without one: the clock runs again."""
    reply = _reply_deadline(request)
    answered_on = _day(answered_on, _("收到意见之日"), not_before=reply.paused_since, not_before_what=_("征求意见日"))

    def restart(locked: DisclosureRequest) -> None:
        deadlines.resume_deadline(actor=actor, deadline=_reply_deadline(locked), ends_on=answered_on, note=note[:200])
        for code in (THIRD_PARTY, INTER_AGENCY):
            if lapsed:
                _drop(locked, code, actor=actor, reason=note[:200])
            else:
                _finish(locked, code, actor=actor, on=answered_on, reason="")

    return perform_transition(request, steps.END_CONSULTATION, actor=actor, policy=request_policy, then=restart,
                              reason=note)


LAPSED_NOTES = {
    THIRD_PARTY: "第三方自收到征求意见书之日起15个工作日内未提出意见，由本机关依照《政府信息公开条例》第三十二条决定是否公开",
    INTER_AGENCY: "被征求意见机关逾期未提出意见，视为同意公开（《政府信息公开条例》第三十四条）",
}


def lapse_consultations(*, today: dt.date, actor: Actor = CONSULTATION_LAPSE) -> str:
    """The daily job: a consultation whose party let its 15 working days pass is over; the reply clock runs
    again from the day after the period ended (2019 art.32, art.34)."""
    from yifa.calendar.models import Deadline

    ended = 0
    for deadline in Deadline.objects.filter(code__in=(THIRD_PARTY, INTER_AGENCY), status=Deadline.Status.OPEN,
                                            due_date__lt=today,
                                            target_type__model=DisclosureRequest._meta.model_name,
                                            target_type__app_label=DisclosureRequest._meta.app_label):
        request = DisclosureRequest.objects.filter(pk=deadline.target_id,
                                                   status=DisclosureRequest.Status.CONSULTING).first()
        if request is None or deadline.due_date is None:
            continue
        end_consultation(actor=actor, request=request, answered_on=deadline.due_date,
                         note=LAPSED_NOTES[deadline.code], lapsed=True)
        ended += 1
    return _("征求意见期限届满、恢复计算答复期限的申请 %(n)s 件。") % {"n": ended}


CORRECTION_WINDOW = SystemJob("disclosure.correction_window")


def lapse_correction_windows(*, today: dt.date, actor: Actor = CORRECTION_WINDOW) -> str:
    """The daily job: a request whose 7 working days for a correction notice (2019 art.30) passed without one
    was clear enough to answer. The window is then over — closed, not overdue: the article obliges a notice
    only for an unclear request, and none can be sent any more (`request_correction` refuses)."""
    from yifa.calendar.models import Deadline

    ended = 0
    for deadline in Deadline.objects.filter(code=CORRECTION_NOTICE, status=Deadline.Status.OPEN, due_date__lt=today,
                                            target_type__model=DisclosureRequest._meta.model_name,
                                            target_type__app_label=DisclosureRequest._meta.app_label):
        deadlines.close_deadline(actor=actor, deadline=deadline, reason=_(
            "7个工作日内未告知补正，补正告知期限届满（《政府信息公开条例》第三十条）"))
        ended += 1
    return _("补正告知期限届满的申请 %(n)s 件。") % {"n": ended}


# --- extension (art.33) ---------------------------------------------------------------------------


def extend_reply(*, actor: Actor, request: DisclosureRequest, length: int, approved_on: dt.date,
                 reason: str) -> DisclosureRequest:
    """Approved by the head of the disclosure office (the actor) and notified to the applicant *within the
    period* (2019 art.33; 2007 art.24): an extension approved after the due date cannot make a late reply an
    on-time one. At most the text's maximum in all (20 working days; 15 under the 2007 text)."""
    approved_on = _day(approved_on, _("批准日期"), not_before=request.received_on, not_before_what=_("收到申请之日"))
    if request.longer_period_until is not None:
        raise ActionRefused(_("已确定延迟答复的合理期限（至 %(day)s），不能再延长。") % {"day": request.longer_period_until})
    current = _reply_deadline(request)
    if current.due_date is not None and approved_on > current.due_date:
        text = text_of(request)
        raise ActionRefused(_("答复期限已于 %(due)s 届满：延长答复期限须在期限届满前经批准并告知申请人（%(basis)s），"
                              "逾期后不能再延长。") % {"due": current.due_date,
                                                  "basis": text.cite(text.rule("extension_article"))})

    def extend(locked: DisclosureRequest) -> None:
        deadlines.extend_deadline(actor=actor, deadline=_reply_deadline(locked), length=length,
                                  approved_on=approved_on, reason=reason)

    return perform_transition(request, steps.EXTEND, actor=actor, policy=request_policy, then=extend, reason=reason,
                              extra_event_values={"length": length, "approved_on": approved_on,
                                                  "notified": _("已向申请人发出延期答复告知书")})


def set_longer_period(*, actor: Actor, request: DisclosureRequest, until: dt.date, decided_on: dt.date,
                      reason: str) -> DisclosureRequest:
    """2019 art.35: when the number or frequency of an applicant's requests plainly exceeds a reasonable
    range, the agency may ask for the reasons; if it accepts them but cannot answer within art.33's period,
    it fixes a reasonable later date for its reply and tells the applicant. The 2007 text had no such rule.

    Decided by the head (as an extension is), before the current period runs out, with the reasons written
    down; the reply is then due on that date (counted as calendar days from the decision, so a rest day moves
    it to the next working day), and no further extension is possible."""
    text = text_of(request)
    if "excessive_article" not in text.rules:
        raise ActionRefused(_("本申请适用%(text)s，该条例没有确定延迟答复合理期限的规定；请在法定期限内答复或依法延长。")
                            % {"text": text.cite("")})
    article = text.cite(text.rule("excessive_article"))
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请写明理由：申请的数量、频次明显超过合理范围，申请人说明的理由合理，但无法在法定期限内答复"
                              "（%(basis)s）。") % {"basis": article})
    if request.longer_period_until is not None:
        raise ActionRefused(_("已于此前确定延迟答复的合理期限（至 %(day)s），不能再次确定。") % {
            "day": request.longer_period_until})
    decided_on = _day(decided_on, _("决定日期"), not_before=request.received_on, not_before_what=_("收到申请之日"))
    current = _reply_deadline(request)
    if current.due_date is not None and decided_on > current.due_date:
        raise ActionRefused(_("答复期限已于 %(due)s 届满：合理期限须在期限届满前确定并告知申请人（%(basis)s）。") % {
            "due": current.due_date, "basis": article})
    if not isinstance(until, dt.date) or current.due_date is None or until <= current.due_date:
        raise ActionRefused(_("合理期限须晚于现在的答复期限 %(due)s。") % {"due": current.due_date})
    if until > decided_on + dt.timedelta(days=366):
        raise ActionRefused(_("合理期限不宜超过一年，请核对日期。"))

    def fix(locked: DisclosureRequest) -> None:
        _drop(locked, REPLY, actor=actor, reason=_("依%(basis)s确定延迟答复的合理期限") % {"basis": article})
        deadlines.open_deadline(
            actor=actor, target=locked, start=decided_on,
            period=Period((until - decided_on).days, Unit.DAY, max_extension=0),
            purpose=_("答复期限（延迟答复的合理期限）"), basis=article, code=REPLY)

    return perform_transition(request, steps.SET_LONGER_PERIOD, actor=actor, policy=request_policy, then=fix,
                              reason=reason, changes={"longer_period_until": until, "longer_period_reason": reason,
                                       "longer_period_decided_on": decided_on},
                              extra_event_values={"until": until, "decided_on": decided_on, "basis": article})


# --- fees (国办函〔2020〕109号) ----------------------------------------------------------------------


def requests_this_month(request: DisclosureRequest) -> int:
    """Which request of this applicant's, at this agency, in the natural month this is (charging by count is
    progressive, 超额累进: the first ten are free whatever day they arrive, the 11th costs 100元…).

    Each agency counts what it received; a request passed on to it by another agency (转送) is not a new
    request; requests received the same day are ordered by when they were submitted."""
    received = request.received_on or timezone.localdate()
    same_month = DisclosureRequest.objects.filter(
        id_number=request.id_number, department_id=request.department_id, transferred_from__isnull=True,
        received_on__year=received.year, received_on__month=received.month,
    ).exclude(pk=request.pk)
    earlier = same_month.filter(
        Q(received_on__lt=received)
        | Q(received_on=received, submitted_at__lt=request.submitted_at)
        | Q(received_on=received, submitted_at=request.submitted_at, pk__lt=request.pk or 0))
    return earlier.count() + 1


def _refuse_fee_under(request: DisclosureRequest) -> None:
    """The information-processing fee exists only under the 2019 text (art.42) and by the standard of 国办函
    〔2020〕109号, in force from 2021-01-01; the 2007 text allowed only cost fees (art.27)."""
    text = text_of(request)
    if not text.rule("processing_fee"):
        raise ActionRefused(_("本申请适用%(text)s，该条例第二十七条只允许收取检索、复制、邮寄等成本费用，"
                              "不收取信息处理费。") % {"text": text.cite("")})
    if (request.received_on or timezone.localdate()) < statute.PROCESSING_FEE_FROM:
        raise ActionRefused(_("信息处理费按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取，"
                              "该办法自 2021 年 1 月 1 日起施行，此前收到的申请不收取信息处理费。"))


def notify_fee(*, actor: Actor, request: DisclosureRequest, method: str, notified_on: dt.date,
               pages: int | None = None) -> DisclosureRequest:
    _refuse_fee_under(request)
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
                     forward_to: Department | None = None, contact: str = "") -> DisclosureRequest:
    """The information is another agency's to disclose: tell the applicant which, and how to reach it
    (2019 art.36(5)); when that agency is one of the city's departments, the request is passed to it as
    well, and its published address and phone are the contact."""
    agency = (agency or "").strip()
    contact = (contact or "").strip()
    if forward_to is not None:
        if forward_to.pk == request.department_id:
            raise ActionRefused(_("不能转给本机关。"))
        agency = agency or forward_to.name
        contact = contact or "　".join(part for part in (forward_to.address, forward_to.phone) if part)
    if not agency:
        raise ActionRefused(_("请填写负责公开该信息的机关名称。"))
    if not contact:
        raise ActionRefused(_("请填写负责公开该信息的机关的联系方式（地址或电话）：答复须告知申请人该机关的名称和联系方式"
                              "（《政府信息公开条例》第三十六条第五项）。"))
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
                                  "transferred_to_contact": contact[:200], "concluded_on": transferred_on})


def _checked_reply(request: DisclosureRequest, outcome: str, reason: str, summary: str,
                   special_channel: str) -> tuple[str, str, str]:
    """The reply's type, sub-reason, text and special channel as art.36 and the national template want them."""
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
    special_channel = (special_channel or "").strip()
    # 2019 art.36(7); the 2007 text had no such rule.
    if reason == "administrative_query" and not special_channel and "excessive_article" in text_of(request).rules:
        raise ActionRefused(_("属于有关法律、行政法规对信息获取有特别规定的（如工商、不动产登记资料），须告知申请人依照"
                              "相关规定办理的渠道（《政府信息公开条例》第三十六条第七项）：请填写获取渠道。"))
    return reason, summary, special_channel[:300]


def _reply_day(request: DisclosureRequest, replied_on: dt.date) -> dt.date:
    return _day(replied_on, _("答复日"), not_before=request.corrected_on or request.received_on,
                not_before_what=_("收到申请之日"))


def reply_request(*, actor: Actor, request: DisclosureRequest, outcome: str, replied_on: dt.date, summary: str,
                  reason: str = "", files: Iterable[UploadedFile] = (), special_channel: str = "") -> DisclosureRequest:
    """The reply (art.36): its type and, where the template has them, its sub-reason; partial
    disclosure counts once, as 部分公开. Released files are attached to the request.

    A reply that releases information goes out through `submit_release` when the department reviews
    releases (保密审查, the head's sign-off: art.17); this refuses it, and the refusal is in the audit log."""
    reason, summary, special_channel = _checked_reply(request, outcome, reason, summary, special_channel)
    if outcome in RELEASES and rules_for(request.department).any:
        text = text_of(request)
        message = _("予以公开、部分公开的答复须先提交保密审查和负责人签发（%(basis)s；本部门的公开审查设置），"
                    "请使用“提交审核签发”。") % {"basis": text.cite(text.rule("review_article"))}
        record_refusal(actor=actor, case=request, transition=steps.REPLY, guard="release_review", reason=message)
        raise GuardRefused(message, guard="release_review")
    replied_on = _reply_day(request, replied_on)
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
                                                        "special_channel": special_channel,
                                                        "concluded_on": replied_on})


# --- a reply that releases information: drafted, checked, signed off (art.17; ReleaseReview) -----------------


def submit_release(*, actor: Actor, request: DisclosureRequest, outcome: str, summary: str, reason: str = "",
                   files: Iterable[UploadedFile] = (), special_channel: str = "") -> DisclosureRequest:
    """The handler drafts a reply that releases information (予以公开, 部分公开) with the files to release, for the
    保密审查 and the head's sign-off. The reply period keeps running meanwhile: the review is the agency's own."""
    if outcome not in RELEASES:
        raise ActionRefused(_("只有予以公开、部分公开的答复需要提交审核签发；其他答复请直接答复。"))
    reason, summary, special_channel = _checked_reply(request, outcome, reason, summary, special_channel)
    files = list(files)
    for upload in files:
        validate_upload(upload)

    def attach(locked: DisclosureRequest) -> None:
        for upload in files:
            add_attachment(actor=actor, owner=locked, upload=upload, policy=request_policy, kind="draft_release",
                           permission="handle")

    return perform_transition(request, steps.SUBMIT_RELEASE, actor=actor, policy=request_policy, then=attach,
                              changes={"draft_outcome": outcome, "draft_reason": reason, "draft_summary": summary,
                                       "draft_special_channel": special_channel,
                                       "drafted_by": actor if getattr(actor, "pk", None) else None,
                                       "drafted_at": timezone.now(), "confidentiality_reviewed_at": None,
                                       "confidentiality_reviewed_by": None},
                              extra_event_values={"draft_outcome": Outcome(outcome).label, "files": len(files)})


def review_confidentiality(*, actor: Actor, request: DisclosureRequest, note: str = "") -> DisclosureRequest:
    """保密审查通过: someone other than the drafter found nothing in the draft and its files that may not be
    released (保守国家秘密法; 政府信息公开条例 2019 art.17, 2007 art.14)."""
    if request.drafted_by_id is not None and request.drafted_by_id == getattr(actor, "pk", None):
        raise ActionRefused(_("保密审查须由拟稿人以外的人员进行。"))
    return perform_transition(request, steps.REVIEW_CONFIDENTIALITY, actor=actor, policy=request_policy,
                              reason=(note or "").strip()[:500],
                              changes={"confidentiality_reviewed_at": timezone.now(),
                                       "confidentiality_reviewed_by": actor if getattr(actor, "pk", None) else None})


def return_release(*, actor: Actor, request: DisclosureRequest, reason: str) -> DisclosureRequest:
    """The reviewer or the head sends the draft back with reasons; the handler revises it and submits it again."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请写明退回修改的理由。"))
    return perform_transition(request, steps.RETURN_RELEASE, actor=actor, policy=request_policy, reason=reason[:500],
                              changes={"confidentiality_reviewed_at": None, "confidentiality_reviewed_by": None})


def _send_draft(transition: Any, *, actor: Actor, request: DisclosureRequest, replied_on: dt.date) -> DisclosureRequest:
    replied_on = _reply_day(request, replied_on)

    def conclude(locked: DisclosureRequest) -> None:
        _finish(locked, REPLY, actor=actor, on=replied_on, reason="")
        _drop(locked, CORRECTION_NOTICE, actor=actor, reason=_("已答复"))
        attachments_of(locked).filter(kind="draft_release").update(kind="released")

    return perform_transition(request, transition, actor=actor, policy=request_policy, then=conclude,
                              outcome=request.draft_outcome, changes={
                                  "outcome_reason": request.draft_reason, "reply_summary": request.draft_summary,
                                  "special_channel": request.draft_special_channel, "concluded_on": replied_on})


def sign_off(*, actor: Actor, request: DisclosureRequest, replied_on: dt.date) -> DisclosureRequest:
    """The department head signs the reply (签发): it goes out as drafted, with the files to release."""
    return _send_draft(steps.SIGN_OFF, actor=actor, request=request, replied_on=replied_on)


def send_reviewed(*, actor: Actor, request: DisclosureRequest, replied_on: dt.date) -> DisclosureRequest:
    """In a department that asks no sign-off, the handler sends the reviewed reply."""
    return _send_draft(steps.SEND_REVIEWED, actor=actor, request=request, replied_on=replied_on)


def set_release_review(*, actor: Actor, department: Department, confidentiality_review: bool,
                       head_sign_off: bool) -> ReleaseReview:
    """A department's own review of releases (art.17: each agency sets its review procedure). Set by the system
    administrator or the legal affairs office."""
    check_actor(release_review_policy, actor, "change", None)
    with transaction.atomic():
        row, _created = ReleaseReview.objects.select_for_update().get_or_create(department=department)
        old = {"confidentiality_review": row.confidentiality_review, "head_sign_off": row.head_sign_off}
        row.confidentiality_review, row.head_sign_off = bool(confidentiality_review), bool(head_sign_off)
        row.save()
        record_event(actor=actor, event_type="disclosure.release_review_set", target=row, old=old,
                     new={"confidentiality_review": row.confidentiality_review, "head_sign_off": row.head_sign_off})
    return row


# --- reconsideration and litigation about a request (the annual report's section 四) -----------------


def record_challenge(*, actor: Actor, request: DisclosureRequest, kind: str, filed_on: dt.date, body: str,
                     case_number: str = "") -> ReplyChallenge:
    """The applicant applied for reconsideration or sued over the request (its reply, or the lack of one).

    A lawsuit "after reconsideration" presupposes a reconsideration of this request on record (行政诉讼法
    art.45: suit within 15 days of the reconsideration decision, or of the end of its period)."""
    if kind not in ChallengeKind.values:
        raise ActionRefused(_("未知的类别“%(kind)s”。") % {"kind": str(kind)[:40]})
    filed_on = _day(filed_on, _("申请复议或起诉之日"), not_before=request.received_on or request.submitted_at.date(),
                    not_before_what=_("收到申请之日"))
    body = (body or "").strip()
    if not body:
        raise ActionRefused(_("请填写复议机关或人民法院的名称。"))
    if kind == ChallengeKind.LITIGATION_AFTER_RECONSIDERATION and not request.challenges.filter(
            kind=ChallengeKind.RECONSIDERATION, filed_on__lte=filed_on).exists():
        raise ActionRefused(_("该申请没有在此之前登记的行政复议：复议后起诉须先登记行政复议；未经复议的，请选择“直接起诉”。"))
    made: list[ReplyChallenge] = []

    def record(locked: DisclosureRequest) -> None:
        made.append(ReplyChallenge.objects.create(request=locked, kind=kind, filed_on=filed_on, body=body[:200],
                                                  case_number=(case_number or "").strip()[:100]))

    perform_transition(request, steps.RECORD_CHALLENGE, actor=actor, policy=request_policy, then=record,
                       extra_event_values={"kind": ChallengeKind(kind).label, "filed_on": filed_on, "body": body[:200],
                                           "case_number": (case_number or "").strip()[:100]})
    return made[0]


def record_challenge_result(*, actor: Actor, request: DisclosureRequest, kind: str, result: str, decided_on: dt.date,
                            note: str = "") -> ReplyChallenge:
    """The reconsideration decision or judgment on the pending challenge of `kind`: 维持, 纠正 (the reply was
    changed, revoked, declared unlawful or the agency ordered to act) or another result (dismissed on
    procedure, withdrawn, settled…), as the annual report counts them."""
    if result not in ChallengeResult.values:
        raise ActionRefused(_("未知的结果“%(result)s”。") % {"result": str(result)[:40]})
    found: list[ReplyChallenge] = []

    def decide(locked: DisclosureRequest) -> None:
        challenge = locked.challenges.select_for_update().filter(kind=kind, result="").order_by("filed_on", "pk").first()
        if challenge is None:
            raise ActionRefused(_("该申请没有尚未审结的“%(kind)s”。") % {
                "kind": dict(ChallengeKind.choices).get(kind, str(kind)[:40])})
        day = _day(decided_on, _("审结之日"), not_before=challenge.filed_on, not_before_what=_("申请复议或起诉之日"))
        challenge.result, challenge.decided_on, challenge.result_note = result, day, (note or "").strip()[:300]
        challenge.save(update_fields=["result", "decided_on", "result_note"])
        found.append(challenge)

    perform_transition(request, steps.RECORD_CHALLENGE_RESULT, actor=actor, policy=request_policy, then=decide,
                       extra_event_values={"kind": dict(ChallengeKind.choices).get(kind, ""),
                                           "result": ChallengeResult(result).label, "decided_on": decided_on,
                                           "note": (note or "").strip()[:300]})
    return found[0]


# --- the public log of answered requests (依申请公开答复选登) ----------------------------------------------


def _identity_left_in(request: DisclosureRequest, text: str) -> str | None:
    """The applicant's own name (a natural person's), ID number, phone or e-mail, if `text` still holds one."""
    # Separators left out on both sides: "138-0455-1234", "138 0455 1234" and "13804551234" are one number.
    def compact(value: str) -> str:
        return re.sub(r"[\s\-－—()（）.·]", "", value or "").lower()

    written = compact(text)
    checks = [(request.id_number, _("证件号码")), (request.phone, _("联系电话")), (request.email, _("电子邮箱"))]
    if not request.is_organisation:
        checks.insert(0, (request.applicant_name, _("姓名")))
    for value, what in checks:
        value = compact(value)
        if len(value) >= 2 and value in written:
            return str(what)
    return None


def publish_answer(*, actor: Actor, request: DisclosureRequest, title: str, text: str,
                   public_file_ids: Iterable[int] = ()) -> DisclosureRequest:
    """Publish a concluded request's answer in the public log: a title and the request's text without the
    applicant's identity (refused while the applicant's name, ID number, phone or e-mail is still in it), the
    reply, and those of the released files the office chooses."""
    from yifa.publication import actions as publication

    from .publication import ANSWERS
    from .selectors import released_files

    title, text = (title or "").strip(), (text or "").strip()
    if not title or len(title) > 200:
        raise ActionRefused(_("请填写公开标题（不超过 200 字）。"))
    if not text or len(text) > 5000:
        raise ActionRefused(_("请填写公开的申请内容（不超过 5000 字）。"))
    found = _identity_left_in(request, f"{title}\n{text}")
    if found:
        raise ActionRefused(_("公开的标题或申请内容中仍有申请人的%(what)s，请删除后再公开。") % {"what": found})
    chosen = {int(pk) for pk in public_file_ids}
    files = list(released_files(request))
    if chosen - {file.pk for file in files}:
        raise ActionRefused(_("只能公开本申请答复时公开的文件。"))

    def publish(locked: DisclosureRequest) -> None:
        for file in files:
            if file.is_public != (file.pk in chosen):
                file.is_public = file.pk in chosen
                file.save(update_fields=["is_public"])
        publication.publish(actor=actor, record=locked, kind=ANSWERS)

    return perform_transition(request, steps.PUBLISH_ANSWER, actor=actor, policy=request_policy, then=publish,
                              changes={"answer_title": title, "answer_text": text},
                              extra_event_values={"files": len(chosen)})


def withdraw_answer(*, actor: Actor, request: DisclosureRequest, reason: str) -> DisclosureRequest:
    from yifa.publication import actions as publication

    from .publication import ANSWERS
    from .selectors import released_files

    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请填写撤回理由。"))

    def take_down(locked: DisclosureRequest) -> None:
        released_files(locked).filter(is_public=True).update(is_public=False)
        publication.withdraw(actor=actor, record=locked, kind=ANSWERS, reason=reason[:500])

    return perform_transition(request, steps.WITHDRAW_ANSWER, actor=actor, policy=request_policy, then=take_down,
                              reason=reason[:500])
# --- redaction for partial disclosure (2019 art.37; 2007 art.22) --------------------------------------


ORIGINAL = "original"  # a document as the department holds it: internal, never released as it is
REDACTED = "redacted"  # the copy with what may not be released removed: what the applicant receives


def _redactable(request: DisclosureRequest) -> None:
    if request.is_closed:
        raise ActionRefused(_("该申请已办结：删除处理须在答复之前完成，答复书据此说明删除理由。"))


def add_original(*, actor: Actor, request: DisclosureRequest, upload: UploadedFile) -> Attachment:
    """A document the applicant asked for, as the department holds it, put on the request to be redacted
    before release. It stays internal (kind "original"); only a redacted copy goes to the applicant."""
    check_actor(request_policy, actor, "handle", request)
    _redactable(request)
    if validate_upload(upload) != "pdf":
        raise ActionRefused(_("只能对 PDF 文件进行删除处理；请先将文件转换为 PDF 再上传。"))
    redaction.page_sizes(upload.read())  # refuses, in words, what cannot be redacted (encrypted, broken…)
    upload.seek(0)
    with transaction.atomic():
        return add_attachment(actor=actor, owner=request, upload=upload, policy=request_policy, kind=ORIGINAL,
                              permission="handle")


def redact_document(*, actor: Actor, request: DisclosureRequest, attachment: Attachment, areas: Any = (),
                    terms: Any = (), reasons: Iterable[str] = (), other_reason: str = "") -> Redaction:
    """Make the released copy of one of the request's PDFs with the parts that may not be released really
    removed — the text under each area and every occurrence of each term, the image pixels under each area —
    and the reasons recorded for the reply (2019 art.37: the reply explains why the rest is withheld).

    The original stays as it was and internal. Only the request's handlers may do this, before the reply."""
    check_actor(request_policy, actor, "handle", request)
    _redactable(request)
    if not attachments_of(request).filter(pk=attachment.pk).exists():
        raise ActionRefused(_("该文件不是本申请的附件。"))
    if attachment.extension != "pdf":
        raise ActionRefused(_("只能对 PDF 文件进行删除处理；请先将文件转换为 PDF 再上传。"))
    reasons = list(dict.fromkeys(reasons))
    if any(reason not in redaction.REDACTION_REASONS for reason in reasons):
        raise ActionRefused(_("删除理由须从不予公开的法定情形中选择，或填写其他理由。"))
    other_reason = " ".join((other_reason or "").split())[:300]
    if not reasons and not other_reason:
        raise ActionRefused(_("请选择删除理由（答复书须说明不予公开部分的理由）。"))
    areas = redaction.clean_areas(areas)
    terms = redaction.clean_terms(terms)
    if not areas and not terms:
        raise ActionRefused(_("请在页面上框选要删除的区域，或填写要删除的文字。"))
    with attachment.file.open("rb") as source:
        data = source.read()
    # The PDF work runs outside the transaction: it may take seconds, and it writes nothing.
    done = redaction.redact(data, areas=areas, terms=terms)
    stem = attachment.original_name.rsplit(".", 1)[0]
    upload = SimpleUploadedFile(f"{stem}（删除处理后）.pdf"[-200:], done.pdf, content_type="application/pdf")
    found = [{"term": redaction.mask_term(term), "count": count} for term, count in zip(terms, done.found, strict=True)]
    with transaction.atomic():
        locked = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
        _redactable(locked)
        result = add_attachment(actor=actor, owner=locked, upload=upload, policy=request_policy, kind=REDACTED,
                                permission="handle")
        made = Redaction.objects.create(
            request=locked, source=attachment, result=result, reasons=reasons, other_reason=other_reason,
            areas=areas, terms_found=found, created_by_label=actor_label(actor))
        record_event(actor=actor, event_type="disclosure.redacted", target=locked, new={
            "source": attachment.original_name, "result": result.original_name,
            "reasons": made.reason_labels(), "areas": len(areas), "pages": made.page_numbers(),
            "terms": [f"{item['term']} × {item['count']}" for item in found],
        })
    return made
