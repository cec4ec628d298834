"""The cases demo on a small city: 2016 cases concluded and published, reviews (one returned for a discretion
fault), current work around the demo's today; and the figures that come out of it."""

import datetime as dt

import pytest

from yifa.calendar.selectors import deadline_of
from yifa.enforcement.cases.demo import CASES_2016, load_cases_demo
from yifa.enforcement.cases.models import EnforcementCase, LegalReview
from yifa.enforcement.cases.selectors import figures
from yifa.testing.factories import make_user

from ..factories import certified_staff
from .factories import penalty_power

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_demo_makes_2016_cases_and_current_work_and_the_figures_count_them(department, legal_affairs_office, settings):
    settings.YIFA_DEMO_TODAY = "2026-12-08"
    penalty_power(department)
    certified_staff(department, "market", D(2016, 1, 10))
    certified_staff(department, "market", D(2026, 6, 1))
    make_user("legal_affairs", legal_affairs_office, username="fazhi")
    summary = load_cases_demo()
    assert f"2016 年 {CASES_2016} 件" in summary and "当前办理中 5 件" in summary
    assert "未新建" in load_cases_demo()
    year = figures(2016)
    assert year["enforcement_cases_filed"] == CASES_2016 == year["enforcement_cases_decided"]
    assert year["decisions_published"] == year["decisions_published_on_time"] == CASES_2016
    assert (year["legal_reviews_agreed"], year["legal_reviews_modify"], year["legal_reviews_disagreed"]) == (9, 1, 0)
    returned = LegalReview.objects.get(conclusion="modify")
    assert "畸重" in returned.discretion_finding
    assert figures(2016, department=legal_affairs_office)["enforcement_cases_filed"] == 0
    notified = EnforcementCase.objects.filter(filed_on__year=2026, status="notified")
    due = sorted(deadline_of(case, "decision").due_date for case in notified)
    assert due[:2] == [
        D(2026, 12, 7),  # filed 93 days before: overdue (its 90th day, 12-05, a Saturday, moved to Monday)
        D(2026, 12, 10)]  # filed 88 days before: due in two days
    assert due[2] > D(2027, 2, 5)  # filed 30 days before: running (its 90th day, 2027-02-06, is in the Spring Festival)
    concluded = EnforcementCase.objects.filter(found_on__year=2026, status="closed").get()
    assert concluded.closed_at.date() == D(2026, 12, 7) and concluded.opened_at.date() == concluded.found_on
    assert EnforcementCase.objects.filter(status="reviewing").count() == 1
    assert EnforcementCase.objects.filter(status="registered").count() == 1
