"""The personnel demo: the seed's 2016 figures come out of the data, and the current work is in place."""

from __future__ import annotations

import datetime as dt

import pytest

from yifa.core.demo import demo_today
from yifa.enforcement.personnel.demo import load_personnel_demo
from yifa.enforcement.personnel.models import Certificate, ExamSitting
from yifa.enforcement.personnel.selectors import check_handlers, personnel_figures
from yifa.org.demo import load as load_org_demo
from yifa.org.models import Staff

pytestmark = pytest.mark.django_db


def test_demo_2016_and_current_work(client):
    load_org_demo()
    summary = load_personnel_demo()
    assert "282 人、合格 282 人" in summary and "320 件" in summary
    assert load_personnel_demo() == "执法人员：已载入"  # idempotent
    figures = client.get("/api/enforcement/figures/2016").json()
    assert (figures["personnel_examined"], figures["personnel_passed"], figures["certificate_actions"]) == (282, 282, 320)
    assert figures.items() >= {**personnel_figures(2016), "year": 2016}.items()  # with the other parts' figures
    cancelled = Certificate.objects.filter(status="cancelled", status_since__year=2016)
    reasons = {r: cancelled.filter(status_reason=r).count() for r in Certificate.Reason.values}
    assert reasons == {"transfer": 12, "retirement": 9, "agency_abolished": 5, "failed_review": 0, "misconduct": 0,
                       "not_established": 8}
    # Today: certificates expiring this month, an exam coming, and the demo's market inspectors certified.
    today = demo_today()
    assert Certificate.objects.filter(status="valid", valid_until__gte=today, valid_until__year=today.year,
                                      valid_until__month=today.month).count() == 3
    assert ExamSitting.objects.filter(held_on__gt=today).exists()
    inspectors = list(Staff.objects.filter(user__username__in=["inspector", "head"]))
    check_handlers(inspectors, field="market", on=today, what="立案")
    assert not Certificate.objects.filter(status="valid", valid_until__gte=today).exclude(
        staff__employment_type__in=Staff.ESTABLISHED).exists()
    assert all(c.is_valid_on(today) for c in Certificate.objects.filter(staff__in=inspectors))
    assert dt.date(2016, 12, 20) in set(cancelled.filter(status_reason="agency_abolished").values_list(
        "status_since", flat=True))
