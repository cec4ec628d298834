"""Every step of a public message, as an action: checked, in one transaction, in the event log.

The period (../shared/rules.md "Government website"; 政府网站发展指引, 国办发〔2017〕47号): the
national inspection of government websites fails a site that leaves a public message unanswered for
more than three months. Each message therefore gets a deadline when it is received, ending on the
last working day within three months of receipt; it is completed when the reply is made public.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actions import record_event
from yifa.audit.actors import Actor, SystemJob
from yifa.calendar import actions as deadlines
from yifa.calendar.engine import compute_deadline
from yifa.calendar.periods import Period, Unit, add_months
from yifa.calendar.selectors import deadline_of
from yifa.calendar.workcalendar import current_calendar
from yifa.casework.references import next_reference
from yifa.casework.transitions import perform_transition
from yifa.core.errors import ActionRefused
from yifa.publication import actions as publication

from . import transitions as steps
from .models import REPLY_MAX, Message
from .policies import message_policy
from .publication import MESSAGES
from .text import clean_text

# The portal receives the message; the system opens its period (a visitor holds no role to do it).
RECEIPT = SystemJob("interaction.receipt")
REPLY = "reply"
REPLY_MONTHS = 3
REPLY_BASIS = "《政府网站发展指引》（国办发〔2017〕47号）：公众留言超过 3 个月未答复的，政府网站检查不合格"


def three_months_after(day: dt.date) -> dt.date:
    return add_months(day, REPLY_MONTHS)


def reply_period(received_on: dt.date) -> Period:
    """Calendar days from receipt to the last working day on or before the three-month mark.

    A calendar-day period ending on a rest day would move to the next working day (民事诉讼法
    art.85), past the day the inspection fails the site; so the period stops short of it instead."""
    limit = three_months_after(received_on)
    calendar = current_calendar()
    length = (limit - received_on).days
    while length > 1:
        due = compute_deadline(calendar, received_on, Period(length, Unit.DAY)).due_date
        if due is None or due <= limit:
            break
        length -= 1
    return Period(length, Unit.DAY)


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
    """A message left on the portal or through the API: saved as received, its three-month period opened.

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
            "subject": message.subject, "publish_name": message.publish_name,
        })
        deadlines.open_deadline(
            actor=RECEIPT, target=message, start=message.received_on,
            period=reply_period(message.received_on), purpose=_("留言答复期限"), basis=REPLY_BASIS,
            code=REPLY,
        )
    return message


# --- the department's answer ---------------------------------------------------------------------------


def reply_message(*, actor: Actor, message: Message, reply: str, replied_on: dt.date | None = None) -> Message:
    """The department's reply, drafted (or revised) by its editor or head; not yet public."""
    text = clean_text(reply, what=_("答复内容"), max_length=REPLY_MAX, min_length=5)
    day = _day(replied_on, _("答复日期"), not_before=message.received_on)
    return perform_transition(message, steps.REPLY, actor=actor, policy=message_policy,
                              changes={"reply": text, "replied_on": day})


def publish_message(*, actor: Actor, message: Message, published_on: dt.date | None = None) -> Message:
    """The head makes the message and its reply public; the three-month period is met that day.

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
