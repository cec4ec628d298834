"""The guard: who may be assigned to enforcement work on a day, in a field (行政处罚法第四十二条)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yifa.enforcement.personnel.models import Certificate
from yifa.enforcement.personnel.selectors import (
    AssignmentKey,
    HandlersRefused,
    assignment_problems,
    check_handlers,
)
from yifa.org.models import Staff

from .factories import certified_staff, certify, enforcement_field, make_staff

pytestmark = pytest.mark.django_db
ON = dt.date(2016, 6, 1)
S = Certificate.Status


def test_two_certified_handlers_pass(department):
    a, b = certified_staff(department, "market", ON)
    assert assignment_problems([(a, "market", ON), (b, "市场监管", ON)]) == {}
    check_handlers([a, b], field="market", on=ON, what="立案")


def test_single_handler_refused_citing_article_42(department):
    (a,) = certified_staff(department, "market", ON, n=1)
    with pytest.raises(HandlersRefused) as refused:
        check_handlers([a, a], field="market", on=ON, what="立案")
    assert "不得少于 2 人" in refused.value.message
    assert "第四十二条" in refused.value.message
    assert refused.value.message.startswith("立案不能进行")


@pytest.mark.parametrize("employment", [Staff.EmploymentType.CONTRACT, Staff.EmploymentType.DISPATCHED,
                                        Staff.EmploymentType.TEMPORARY])
def test_not_established_staff_refused_even_with_a_certificate(department, employment):
    person = make_staff(department, employment_type=employment)
    certify(person, "market", ON - dt.timedelta(days=10))
    problems = assignment_problems([(person, "market", ON)])
    reason = problems[AssignmentKey(person.pk, "market", ON)]
    assert "不是在编人员" in reason
    assert str(Staff.EmploymentType(employment).label) in reason


def test_each_kind_of_refusal_has_its_reason(department):
    enforcement_field("transport")
    uncertified = make_staff(department, name="甲")
    expired = make_staff(department, name="乙")
    certify(expired, "market", dt.date(2012, 1, 1))  # to 2014-12-31
    suspended = make_staff(department, name="丙")
    certify(suspended, "market", dt.date(2015, 1, 1), status=S.SUSPENDED, status_since=dt.date(2016, 3, 1),
            status_reason=Certificate.Reason.FAILED_REVIEW)
    revoked = make_staff(department, name="丁")
    certify(revoked, "market", dt.date(2015, 1, 1), status=S.REVOKED, status_since=dt.date(2016, 5, 1),
            status_reason=Certificate.Reason.MISCONDUCT)
    cancelled = make_staff(department, name="戊")
    certify(cancelled, "market", dt.date(2015, 1, 1), status=S.CANCELLED, status_since=dt.date(2016, 5, 31),
            status_reason=Certificate.Reason.RETIREMENT)
    other_field = make_staff(department, name="己")
    certify(other_field, "transport", dt.date(2015, 1, 1))
    not_yet = make_staff(department, name="庚")
    certify(not_yet, "market", dt.date(2016, 7, 1))
    people = [uncertified, expired, suspended, revoked, cancelled, other_field, not_yet]
    problems = assignment_problems([(p, "market", ON) for p in people])
    reasons = {key.staff_id: reason for key, reason in problems.items()}
    assert "未取得行政执法证" in reasons[uncertified.pk]
    assert "2014-12-31 到期" in reasons[expired.pk]
    assert "暂扣" in reasons[suspended.pk] and "年度审验不合格" in reasons[suspended.pk]
    assert "吊销" in reasons[revoked.pk] and "违法违纪" in reasons[revoked.pk]
    assert "注销" in reasons[cancelled.pk] and "退休" in reasons[cancelled.pk]
    assert "不含“市场监管”" in reasons[other_field.pk]
    assert "尚未持证" in reasons[not_yet.pk]


def test_status_counts_only_from_its_date(department):
    person = make_staff(department)
    certify(person, "market", dt.date(2015, 1, 1), status=S.CANCELLED, status_since=dt.date(2016, 6, 2))
    assert assignment_problems([(person, "market", ON)]) == {}
    assert assignment_problems([(person, "market", ON + dt.timedelta(days=1))])


def test_a_newer_valid_certificate_counts(department):
    person = make_staff(department)
    certify(person, "market", dt.date(2012, 1, 1))
    certify(person, "market", dt.date(2015, 1, 1))
    assert assignment_problems([(person, "market", ON)]) == {}


def test_supervision_certificate_does_not_allow_enforcement(department):
    person = make_staff(department)
    certify(person, "market", dt.date(2015, 1, 1), kind=Certificate.Kind.SUPERVISION)
    assert "未取得行政执法证" in next(iter(assignment_problems([(person, "market", ON)]).values()))
    assert assignment_problems([(person, "market", ON)], kind=Certificate.Kind.SUPERVISION) == {}


def test_unknown_field_is_a_problem_not_a_crash(department):
    (a,) = certified_staff(department, "market", ON, n=1)
    assert "没有名为“<script>”的执法门类" in assignment_problems([(a, "<script>", ON)])[AssignmentKey(a.pk, "<script>", ON)]


def test_refusal_lists_every_person(department):
    a, b = certified_staff(department, "market", ON)
    temp = make_staff(department, name="临时工", employment_type=Staff.EmploymentType.TEMPORARY)
    with pytest.raises(HandlersRefused) as refused:
        check_handlers([a, b, temp], field="market", on=ON, what="检查")
    assert set(refused.value.problems) == {temp.pk}
    assert "临时工" in refused.value.message


def test_batch_takes_a_fixed_number_of_queries(department):
    people = certified_staff(department, "market", ON, n=3) + [make_staff(department)]
    with CaptureQueriesContext(connection) as few:
        assignment_problems([(p, "market", ON) for p in people])
    many = people + certified_staff(department, "market", ON, n=20)
    with CaptureQueriesContext(connection) as more:
        assignment_problems([(p, "market", ON + dt.timedelta(days=d)) for p in many for d in range(5)])
    assert len(few.captured_queries) == len(more.captured_queries) == 2


def test_a_field_with_control_characters_is_unknown_not_a_database_error(department):
    (a,) = certified_staff(department, "market", ON, n=1)
    assert "没有名为" in assignment_problems([(a, "mar\x00ket", ON)])[AssignmentKey(a.pk, "mar\x00ket", ON)]
