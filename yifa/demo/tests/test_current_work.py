"""`yifa demo` places current work around its today (YIFA_DEMO_TODAY): every case type has cases running, due
soon, overdue by a few working days, paused where its clock can pause, and just concluded; loading it again
changes nothing; a YIFA_DEMO_TODAY the demo cannot use is refused before anything is written."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from yifa.audit.models import AuditEvent
from yifa.calendar.demo import working_days_before
from yifa.calendar.models import Deadline
from yifa.calendar.selectors import DeadlineState, deadline_progress, with_deadline
from yifa.calendar.workcalendar import current_calendar
from yifa.casework.registry import case_types
from yifa.core.demo import demo_today
from yifa.org.models import Department

# Case types whose main clock a step can stop (a correction, a consultation, a fee): the demo shows one paused.
pytestmark = pytest.mark.release_review  # the demo as it loads in production


PAUSABLE = {"disclosure-request"}
CASE_MODULES = ["org", "workcalendar", "portal", "powers", "disclosure", "interaction", "enforcement"]


def _load(*labels: str) -> str:
    out = io.StringIO()
    call_command("demo", only=list(labels), stdout=out)
    return out.getvalue()


def _footprint() -> dict[str, int]:
    counts = {t.kind: t.model._default_manager.count() for t in case_types()}
    return {**counts, "deadlines": Deadline.objects.count(), "events": AuditEvent.objects.count()}


def _current(case_type, today: dt.date):  # type: ignore[no-untyped-def]
    """The case type's cases opened in the weeks before `today` (the history is 2016–2018). An enforcement case is
    overdue only after 90 days (行政处罚法 art.60), so its window reaches a little further back."""
    days = 100 if case_type.kind == "enforcement-case" else 90
    qs = case_type.model.objects.filter(opened_at__date__gt=today - dt.timedelta(days=days),
                                        opened_at__date__lte=today)
    return with_deadline(qs, case_type.main_deadline, today=today) if case_type.main_deadline else qs


def _check_a_working_day(today: dt.date, types: list) -> None:
    recently = working_days_before(today, 5)
    for case_type in types:
        cases = list(_current(case_type, today))
        open_cases = [c for c in cases if not c.is_closed]
        concluded = [c for c in cases if c.is_closed and c.closed_at is not None]
        assert open_cases, f"{case_type.kind}: nothing in hand on {today}"
        assert any(c.closed_at.date() >= recently for c in concluded) or any(
            getattr(c, "concluded_on", None) and c.concluded_on >= recently for c in concluded), \
            f"{case_type.kind}: nothing concluded in the last days before {today}"
        for case in cases:  # references numbered in the year the case was opened
            assert str(case.opened_at.year) in case.reference
        if not case_type.main_deadline:
            continue
        states = {getattr(c, f"{case_type.main_deadline}_state") for c in open_cases}
        wanted = {DeadlineState.RUNNING, DeadlineState.DUE_SOON, DeadlineState.OVERDUE}
        if case_type.kind in PAUSABLE:
            wanted.add(DeadlineState.PAUSED)
        assert wanted <= states, f"{case_type.kind} on {today}: {states}"
        for case in open_cases:
            if getattr(case, f"{case_type.main_deadline}_state") != DeadlineState.OVERDUE:
                continue
            deadline = Deadline.objects.get(pk=getattr(case, f"{case_type.main_deadline}_deadline_id"))
            progress = deadline_progress(deadline, today=today)
            # Overdue by a few days, counted in the period's own unit (working days, or the 90 days of 行政处罚法 art.60).
            assert deadline.unit == progress.unit
            assert 1 <= progress.overdue_by <= 5, (case.reference, progress)
        # Nothing of the history is still open: it is all concluded, as the report says.
        assert not case_type.model.objects.filter(opened_at__date__lt=dt.date(2019, 1, 1)).exclude(
            status__in=case_type.model.CLOSED_STATUSES).exists()


def test_every_case_type_has_a_working_day_around_the_demo_date_and_loading_again_changes_nothing(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.YIFA_DEMO_TODAY = "2025-06-16"  # a Monday
    day = dt.date(2025, 6, 16)
    out = _load(*CASE_MODULES)
    assert "演示日期：2025-06-16" in out
    assert demo_today() == day
    footprint = _footprint()
    _load(*CASE_MODULES)
    assert _footprint() == footprint
    _check_a_working_day(day, case_types())
    # The demo accounts' department has its own mix: the editor, the head and the inspector each have work.
    market = Department.objects.get(code="scjgj")
    for case_type in case_types():
        assert _current(case_type, day).filter(department=market).exclude(
            status__in=case_type.model.CLOSED_STATUSES).exists(), case_type.kind
    from yifa.casework.selectors import work_queue
    from yifa.org.demo import demo_account

    # The work queue reads the clock: on the demo's day, each account's home page is a working day.
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        totals = {username: {s.key: s.total for s in work_queue(demo_account(username), limit=0)}
                  for username in ("editor", "head", "inspector", "fazhi", "leader")}
    for username, sections in totals.items():
        assert sections["overdue"] and sections["due_soon"] and sections["paused"], (username, sections)
    assert totals["editor"]["assigned"] and totals["inspector"]["assigned"]
    assert totals["head"]["waiting"] and totals["fazhi"]["waiting"]  # to publish and submit; to review


def test_across_the_spring_festival_the_clocks_are_placed_by_working_days(db, settings):
    settings.YIFA_DEMO_TODAY = "2025-02-05"  # the first working day after the 2025 Spring Festival holiday
    _load("org", "workcalendar", "disclosure", "interaction")
    _check_a_working_day(dt.date(2025, 2, 5), [t for t in case_types() if t.kind in ("disclosure-request", "message")])


def test_a_later_today_places_the_same_work_later(db, settings):
    """Relative, not fixed: the same request is received 23 working days before whichever today the demo has."""
    from yifa.disclosure.models import DisclosureRequest

    for today in ("2024-09-02", "2026-03-16"):
        settings.YIFA_DEMO_TODAY = today
        DisclosureRequest.objects.filter(applicant_name="韩志刚").delete()
        Deadline.objects.filter(target_type__model="disclosurerequest").delete()
        _load("org", "disclosure")
        request = DisclosureRequest.objects.get(applicant_name="韩志刚")
        day = dt.date.fromisoformat(today)
        assert request.received_on == working_days_before(day, 23)
        assert request.reference.startswith(f"SCJGJ-{request.received_on.year}-")
        deadline = Deadline.objects.for_object(request).get(code="reply")
        assert deadline_progress(deadline, today=day).overdue_by == 3
        assert current_calendar().is_working_day(request.received_on)


@pytest.mark.parametrize(("value", "says"), [
    ("2025-13-45", "不是有效的日期"),
    ("next monday", "不是有效的日期"),
    ("2099-01-01", "晚于今天"),
    ("2018-06-01", "早于 2021-01-01"),
])
def test_a_demo_date_the_demo_cannot_use_is_refused_before_anything_is_written(db, settings, value, says):
    settings.YIFA_DEMO_TODAY = value
    with pytest.raises(CommandError) as refused:
        _load("org", "disclosure")
    assert says in str(refused.value) and "YIFA_DEMO_TODAY" in str(refused.value)
    assert not Department.objects.exists() and not AuditEvent.objects.exists()


def test_without_a_demo_date_the_demo_is_placed_around_today(db, settings):
    from django.utils import timezone

    settings.YIFA_DEMO_TODAY = ""
    assert demo_today() == timezone.localdate()
