"""The daily reminders: a deadline due within YIFA_REMIND_DAYS_BEFORE working days, and overdue — each once
per deadline and due date, to the case's handler (or those who may act on it), counted in working days."""

import datetime as dt

from yifa.calendar.engine import nth_working_day_after
from yifa.calendar.selectors import deadline_of
from yifa.calendar.workcalendar import current_calendar
from yifa.casework.actions import assign_case
from yifa.casework.registry import case_type_of
from yifa.core import daily
from yifa.core.modules import module
from yifa.disclosure import actions as disclosure
from yifa.notifications.kinds import EventKind
from yifa.notifications.models import Notification
from yifa.notifications.reminders import remind_until, send_deadline_reminders


def reminders(kind=None):
    qs = Notification.objects.filter(kind__in=[kind] if kind else [EventKind.DUE_SOON, EventKind.OVERDUE])
    return sorted(qs.values_list("recipient_user__username", "kind"))


def test_the_reminder_window_is_counted_in_working_days(settings, db):
    settings.YIFA_REMIND_DAYS_BEFORE = 2
    # Friday 2017-09-29: the next two working days are Saturday 30th (a 调休 make-up day) and 9 October.
    assert remind_until(dt.date(2017, 9, 29)) == nth_working_day_after(current_calendar(), dt.date(2017, 9, 29), 2)
    assert remind_until(dt.date(2017, 9, 29)) == dt.date(2017, 10, 9)


def test_a_deadline_due_soon_is_reminded_once_and_an_overdue_one_once(registered, settings, editor, head):
    settings.YIFA_REMIND_DAYS_BEFORE = 2
    request = registered()
    due = deadline_of(request, disclosure.REPLY).due_date
    three_before = due - dt.timedelta(days=7)
    assert send_deadline_reminders(three_before) == {"due_soon": 0, "overdue": 0}
    two_before = next(day for day in (due - dt.timedelta(days=n) for n in range(1, 10))
                      if remind_until(day) >= due and remind_until(day - dt.timedelta(days=1)) < due)
    assert send_deadline_reminders(two_before)["due_soon"] == 2
    assert reminders() == [("editor", "due_soon"), ("head", "due_soon")]
    send_deadline_reminders(two_before)
    send_deadline_reminders(due)  # the next days: not again
    assert len(reminders()) == 2
    body = Notification.objects.filter(kind=EventKind.DUE_SOON).first().body
    basis = deadline_of(request, disclosure.REPLY).basis
    assert due.isoformat() in body and basis and basis in body  # the due date and the article
    assert send_deadline_reminders(due + dt.timedelta(days=1))["overdue"] == 2
    send_deadline_reminders(due + dt.timedelta(days=5))
    assert reminders(EventKind.OVERDUE) == [("editor", "overdue"), ("head", "overdue")]


def test_an_assigned_case_reminds_its_handler_only_and_a_new_due_date_is_reminded_again(
        registered, settings, editor, head):
    settings.YIFA_REMIND_DAYS_BEFORE = 2
    request = registered()
    assign_case(actor=head, case_type=case_type_of(request), case=request, assignee=editor)
    due = deadline_of(request, disclosure.REPLY).due_date
    send_deadline_reminders(due)
    assert reminders() == [("editor", "due_soon")]
    disclosure.extend_reply(actor=head, request=request, length=15, approved_on=due, reason="需要调取档案")
    new_due = deadline_of(request, disclosure.REPLY).due_date
    send_deadline_reminders(new_due)
    assert reminders() == [("editor", "due_soon"), ("editor", "due_soon")]
    assert new_due.isoformat() in Notification.objects.filter(kind=EventKind.DUE_SOON).latest("id").body


def test_a_finished_case_is_not_reminded(registered, editor):
    request = registered()
    due = deadline_of(request, disclosure.REPLY).due_date
    disclosure.reply_request(actor=editor, request=request, outcome="granted", reason="", replied_on=due,
                             summary="予以公开", files=[], special_channel="")
    assert send_deadline_reminders(due + dt.timedelta(days=3)) == {"due_soon": 0, "overdue": 0}


def test_the_reminders_are_a_daily_job_that_runs_once_per_date(registered):
    request = registered()
    due = deadline_of(request, disclosure.REPLY).due_date
    jobs = [job for job in module("notifications").daily_jobs if job.name == "notifications.deadline_reminders"]
    first = daily.run_jobs(due, jobs)
    assert first[0].status == daily.RAN and "即将到期 1 条" in first[0].detail  # the editor
    assert daily.run_jobs(due, jobs)[0].status == daily.ALREADY_RAN
