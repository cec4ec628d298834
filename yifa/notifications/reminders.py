"""The daily reminders: a deadline due within `YIFA_REMIND_DAYS_BEFORE` working days (the city's calendar),
and a deadline overdue. Each is sent once per deadline, kind and due date — not again every day: a deadline
extended to a new date is reminded of again; an overdue one is told once (the dashboard's 我的期限 and the
deadline list keep showing it every day). Running the job twice for a date changes nothing.

Who is told: the case's handler (分派) if it has one, otherwise the people who may take a step that moves
the case on from its status (yifa.notifications.events). A deadline on something that is not a registered
case tells its department's heads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from yifa.calendar.engine import nth_working_day_after
from yifa.calendar.models import Deadline
from yifa.calendar.periods import PeriodKind
from yifa.calendar.workcalendar import current_calendar
from yifa.casework.registry import case_type_of
from yifa.org.models import Role

from . import actions
from .events import _moving_permissions, case_name, case_url, people_who_may
from .kinds import EventKind


def remind_days_before() -> int:
    return max(int(getattr(settings, "YIFA_REMIND_DAYS_BEFORE", 2)), 0)


def remind_until(day: dt.date) -> dt.date:
    """The last due date reminded of on `day`: `YIFA_REMIND_DAYS_BEFORE` working days ahead."""
    days = remind_days_before()
    return nth_working_day_after(current_calendar(), day, days) if days > 0 else day


def send_deadline_reminders(day: dt.date) -> dict[str, int]:
    running = (Deadline.objects.running().filter(kind=PeriodKind.MAXIMUM, paused_since__isnull=True,
                                                 due_date__isnull=False)
               .select_related("target_type").order_by("due_date", "pk"))
    counts = {EventKind.DUE_SOON.value: 0, EventKind.OVERDUE.value: 0}
    for deadline in running.filter(due_date__lte=remind_until(day)).iterator(chunk_size=500):
        assert deadline.due_date is not None  # filtered above
        kind = EventKind.OVERDUE if deadline.due_date < day else EventKind.DUE_SOON
        counts[kind] += _remind(deadline, kind, day)
    return counts


def _remind(deadline: Deadline, kind: str, day: dt.date) -> int:
    target = deadline.target
    if target is None:
        return 0
    case_type = case_type_of(target) if hasattr(target, "status") else None
    if case_type is not None:
        if target.is_closed:
            return 0
        handler = target.assigned_to
        people = [handler] if handler is not None and handler.is_active else people_who_may(
            case_type, target, _moving_permissions(case_type, target.status))
        name, url = case_name(case_type, target), case_url(case_type, target)
    else:
        people = list(get_user_model()._default_manager.filter(
            is_active=True, staff__is_active=True, staff__memberships__role=Role.DEPARTMENT_HEAD,
            staff__memberships__department_id=deadline.department_id).distinct())
        name, url = str(getattr(target, "reference", "") or target), ""
    due = deadline.due_date
    assert due is not None
    key = f"deadline:{deadline.pk}:{kind}:{due.isoformat()}"
    made = 0
    for person in people:
        made += actions.notify_user(
            user=person, kind=kind, target=target, url=url, dedupe_key=key,
            subject=lambda: _subject(kind, name), body=lambda: _body(kind, name, deadline, day)) is not None
    return made


def _subject(kind: str, name: str) -> str:
    if kind == EventKind.OVERDUE:
        return _("期限已逾期：%(case)s") % {"case": name}
    return _("期限即将到期：%(case)s") % {"case": name}


def _body(kind: str, name: str, deadline: Deadline, day: dt.date) -> str:
    values: dict[str, Any] = {"case": name, "purpose": _(deadline.purpose), "due": deadline.due_date,
                              "basis": deadline.basis}
    if kind == EventKind.OVERDUE:
        text = _("%(case)s 的%(purpose)s已于 %(due)s 届满，现已逾期，请尽快办理。") % values
    else:
        text = _("%(case)s 的%(purpose)s将于 %(due)s 届满，请按期办理。") % values
    return text + (_("（依据：%(basis)s）") % values if deadline.basis else "")


def run_reminders(day: dt.date) -> str:
    counts = send_deadline_reminders(day)
    return _("提醒即将到期 %(soon)s 条，已逾期 %(overdue)s 条。") % {
        "soon": counts[EventKind.DUE_SOON], "overdue": counts[EventKind.OVERDUE]}


def run_retries(day: dt.date) -> str:
    return actions.retry_summary(actions.retry_due_deliveries())
