"""Every step of a public message, as an action: checked, in one transaction, in the event log.

The reply period (../shared/rules.md "Government website"): no national rule sets it; it is a local
rule's, a setting — `YIFA_MESSAGE_REPLY_WORKING_DAYS` (5 working days by default), or
`YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS` (15) once the department head marks the message complex,
with a reason (`mark_complex`). Each message gets that deadline when it is received, counted by the
deadline engine, its basis naming the local rule (`YIFA_MESSAGE_REPLY_RULE`); it is completed when
the reply is made public. Three months unanswered is the national inspection's automatic failure
(政府网站与政务新媒体检查指标, 国办秘函〔2019〕19号, 互动回应差): a website check (checks.py), not the period.

Messages received before the reply period was a setting keep the deadline they were given (three
months from receipt, in calendar days); nothing recomputes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actions import record_event
from yifa.audit.actors import Actor, PublicVisitor, SystemJob
from yifa.calendar import actions as deadlines
from yifa.calendar.periods import Period, Unit
from yifa.calendar.selectors import deadline_of
from yifa.casework.references import next_reference
from yifa.casework.signals import case_opened
from yifa.casework.transitions import perform_transition
from yifa.core.errors import ActionRefused
from yifa.publication import actions as publication

from . import transitions as steps
from .models import REPLY_MAX, Message
from .policies import message_policy
from .publication import MESSAGES
from .selectors import public_name
from .text import clean_text

# The portal receives the message; the system opens its period (a visitor holds no role to do it).
RECEIPT = SystemJob("interaction.receipt", gettext_lazy("收到留言，开始计时"))
# How the audit log names the portal's and the API's message writers.
PublicVisitor("message-author", title=gettext_lazy("留言人（门户网站）"))
PublicVisitor("api", title=gettext_lazy("公众（开放接口）"))
REPLY = "reply"


# --- the reply period: a local rule, read from the settings -----------------------------------------------


def reply_days() -> int:
    """The reply period in working days (local rule; rules.md: commonly 5–7)."""
    return max(1, int(settings.YIFA_MESSAGE_REPLY_WORKING_DAYS))


def complex_reply_days() -> int:
    """The period of a message marked complex, in working days (local rule; rules.md: commonly 15)."""
    return max(reply_days(), int(settings.YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS))


def reply_rule() -> str:
    """The local rule's title, as the deadline's basis cites it."""
    return str(settings.YIFA_MESSAGE_REPLY_RULE).strip() or "本市政府网站公众留言办理规定"


def reply_period() -> Period:
    """The ordinary period, extendable once by the complex one's extra days (the rule in force on receipt)."""
    return Period(reply_days(), Unit.WORKING_DAY, max_extension=complex_reply_days() - reply_days())


def reply_basis() -> str:
    """The deadline's basis: the local rule, with both periods (stored on the deadline as it was on receipt)."""
    return _("%(rule)s（地方规则，非国家统一规定）：公众留言自收到之日起 %(days)s 个工作日内答复；"
             "部门标记为复杂留言的，%(complex)s 个工作日内答复") % {
        "rule": reply_rule(), "days": reply_days(), "complex": complex_reply_days()}


def _day(value: dt.date | None, what: str, *, not_before: dt.date | None = None) -> dt.date:
    day = value or timezone.localdate()
    if day > timezone.localdate():
        raise ActionRefused(_("%(what)s %(day)s 晚于今天。") % {"what": what, "day": day})
    if not_before is not None and day < not_before:
        raise ActionRefused(_("%(what)s %(day)s 早于收到留言之日 %(received)s。") % {
            "what": what, "day": day, "received": not_before})
    return day


KIND = "public-message"
REFERENCE = "LY-{year}-{number:05d}"


# --- receipt -----------------------------------------------------------------------------------------


def submit_message(*, actor: Actor, message: Message) -> Message:
    """A message left on the portal or through the API: saved as received, its reply period opened.

    The public needs no role to leave a message; the form (or the API, through the same form) has
    validated it, and `full_clean` checks it again here, so a bad message never reaches the table."""
    if message.department_id is None or not message.department.is_active:
        raise ActionRefused(_("请选择留言的部门。"))
    message.status = Message.Status.RECEIVED
    message.outcome = ""
    message.submitted_at = message.submitted_at or timezone.now()
    message.received_on = timezone.localdate(message.submitted_at)
    message.opened_at = message.submitted_at
    message.full_clean(exclude=["reference"])  # ValidationError reaches the form or the API with its messages
    with transaction.atomic():
        message.reference = next_reference(Message, kind=KIND, template=REFERENCE, year=message.received_on.year)
        message.save()
        record_event(actor=actor, event_type="interaction.submitted", target=message, new={
            "reference": message.reference, "department": message.department.name,
            "subject": message.subject, "shown_as": public_name(message.name, message.publish_name, message.salutation),
        })
        # The local rule's period (settings; rules.md "Government website"), not the inspection's three months.
        deadlines.open_deadline(
            actor=RECEIPT, target=message, start=message.received_on,
            period=reply_period(), purpose=_("留言答复期限"), basis=reply_basis(), code=REPLY,
        )
        case_opened.send(sender=Message, case=message, actor=actor)  # the department is told
    return message


# --- the department's answer ---------------------------------------------------------------------------


def reply_message(*, actor: Actor, message: Message, reply: str, replied_on: dt.date | None = None) -> Message:
    """The department's reply, drafted (or revised) by its editor or head; not yet public."""
    text = clean_text(reply, what=_("答复内容"), max_length=REPLY_MAX, min_length=5)
    day = _day(replied_on, _("答复日期"), not_before=message.received_on)
    return perform_transition(message, steps.REPLY, actor=actor, policy=message_policy,
                              changes={"reply": text, "replied_on": day})


def mark_complex(*, actor: Actor, message: Message, reason: str, marked_on: dt.date | None = None) -> Message:
    """The department head marks a message complex, with the reason: its reply period becomes the complex one
    (a local rule: `YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS`, 15 working days by default), as an approved
    extension of its deadline. Logged on the message (`interaction.marked_complex`, `deadline.extended`).

    A message received before the period was a setting keeps its three-month deadline: it is only marked."""
    why = clean_text(reason, what=_("复杂留言的理由"), max_length=1000, min_length=2)
    day = _day(marked_on, _("标记日期"), not_before=message.received_on)

    def extend(locked: Message) -> None:
        deadline = deadline_of(locked, REPLY)
        if deadline is None or deadline.unit != Unit.WORKING_DAY:
            return
        if deadline.due_date is not None and day > deadline.due_date:
            # Like any extension, only before the period runs out: marking late cannot make a late reply on time.
            raise ActionRefused(_("答复期限已于 %(due)s 届满，不能再标记为复杂留言延长期限。") % {"due": deadline.due_date})
        extra = (deadline.max_extension or 0) - sum(e.length for e in deadline.extensions.all())
        if extra > 0:
            deadlines.extend_deadline(actor=actor, deadline=deadline, length=extra, approved_on=day,
                                      reason=_("复杂留言：%(reason)s") % {"reason": why})

    return perform_transition(message, steps.MARK_COMPLEX, actor=actor, policy=message_policy, reason=why,
                              changes={"is_complex": True, "complex_reason": why}, then=extend)


def publish_message(*, actor: Actor, message: Message, published_on: dt.date | None = None) -> Message:
    """The head makes the message and its reply public; the reply period is met that day.

    Only a replied message may be published (the transition's source), so there is always a reply.
    The portal shows the message only through `selectors.public_message`: contact details masked,
    the name only when the citizen allowed it."""
    day = _day(published_on, _("公开日期"), not_before=message.replied_on or message.received_on)
    moment = timezone.now() if published_on is None else timezone.make_aware(dt.datetime.combine(day, dt.time(10)))

    def meet_deadline(locked: Message) -> None:
        deadline = deadline_of(locked, REPLY)
        if deadline is not None:  # already met by an earlier publication, before a withdrawal
            deadlines.complete_deadline(actor=actor, deadline=deadline, completed_on=max(day, deadline.start_date),
                                        reason=_("答复已在网站公开"))
        publication.publish(actor=actor, record=locked, kind=MESSAGES, published_at=moment)

    changes: dict[str, Any] = {"published_at": moment}
    if message.answered_on is None:
        changes["answered_on"] = day
    return perform_transition(message, steps.PUBLISH, actor=actor, policy=message_policy, then=meet_deadline,
                              outcome=Message.Outcome.ANSWERED, changes=changes)


def withdraw_message(*, actor: Actor, message: Message, reason: str) -> Message:
    """Take a published message off the portal; its reply can be corrected and published again."""
    why = clean_text(reason, what=_("撤回理由"), max_length=500, min_length=2)
    def take_down(locked: Message) -> None:
        publication.withdraw(actor=actor, record=locked, kind=MESSAGES, reason=why)

    return perform_transition(message, steps.WITHDRAW, actor=actor, policy=message_policy, reason=why,
                              changes={"closed_at": None}, then=take_down)


def close_message(*, actor: Actor, message: Message, reason: str, note: str = "") -> Message:
    """Decline a message (spam, a duplicate, not the department's business): it is never published, and
    its author sees the reason when looking it up."""
    if reason not in Message.CloseReason.values:
        raise ActionRefused(_("请选择不予受理的理由。"))
    explanation = clean_text(note, what=_("不予受理说明"), max_length=1000, min_length=0)
    if reason == Message.CloseReason.OTHER and not explanation:
        raise ActionRefused(_("理由为“其他”时，请写明不予受理的原因。"))
    label = str(Message.CloseReason(reason).label)

    def stop_clock(locked: Message) -> None:
        deadline = deadline_of(locked, REPLY)
        if deadline is not None:
            deadlines.close_deadline(actor=actor, deadline=deadline, reason=_("留言不予受理：%(reason)s") % {
                "reason": label})

    return perform_transition(message, steps.CLOSE, actor=actor, policy=message_policy, then=stop_clock,
                              outcome=Message.Outcome.NOT_ACCEPTED, reason=explanation or label,
                              changes={"close_reason": reason, "close_note": explanation})
