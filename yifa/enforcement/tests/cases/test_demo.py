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
    assert f"{CASES_2016} in 2016" in summary and "3 current" in summary
    assert load_cases_demo().endswith("already")
    year = figures(2016)
    assert year["enforcement_cases_filed"] == CASES_2016 == year["enforcement_cases_decided"]
    assert year["decisions_published"] == year["decisions_published_on_time"] == CASES_2016
    assert (year["legal_reviews_agreed"], year["legal_reviews_modify"], year["legal_reviews_disagreed"]) == (9, 1, 0)
    returned = LegalReview.objects.get(conclusion="modify")
    assert "畸重" in returned.discretion_finding
    assert figures(2016, department=legal_affairs_office)["enforcement_cases_filed"] == 0
    due_soon = EnforcementCase.objects.filter(filed_on__year=2026, status="notified").get()
    assert deadline_of(due_soon, "decision").due_date in (D(2026, 12, 13), D(2026, 12, 14))  # Sunday -> Monday
    assert EnforcementCase.objects.filter(status="reviewing").count() == 1
    assert EnforcementCase.objects.filter(status="registered").count() == 1
