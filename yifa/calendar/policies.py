"""Who may change the calendar and act on deadlines (one policy per model)."""

from __future__ import annotations

from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R, ReferenceDataPolicy

from .models import CalendarDay, Deadline, HolidayNotice


class CalendarPolicy(ReferenceDataPolicy):
    """The calendar is the city's: everyone reads it; the legal affairs office and system admins keep it."""

    rules = {
        "view": EVERY_ROLE,
        "add": frozenset({R.SYSTEM_ADMIN, R.LEGAL_AFFAIRS}),
        "change": frozenset({R.SYSTEM_ADMIN, R.LEGAL_AFFAIRS}),
        "delete": frozenset({R.SYSTEM_ADMIN, R.LEGAL_AFFAIRS}),
    }


class DeadlinePolicy(DepartmentScopedPolicy):
    """A deadline belongs to its case's department. Extending one is an approval: heads and the office."""

    rules = {
        "view": EVERY_ROLE,
        "change": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.INSPECTOR, R.LEGAL_AFFAIRS, R.SYSTEM_ADMIN}),
        "extend": frozenset({R.DEPARTMENT_HEAD, R.LEGAL_AFFAIRS, R.SYSTEM_ADMIN}),
        "add": frozenset(),
        "delete": frozenset(),
    }


calendar_day_policy = CalendarPolicy(CalendarDay)
holiday_notice_policy = CalendarPolicy(HolidayNotice)
deadline_policy = DeadlinePolicy(Deadline)
