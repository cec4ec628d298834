"""Personnel actions: the exam and its re-sit, issuing and validity, status changes, reviews; refusals audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from yifa.audit.models import AuditEvent
from yifa.enforcement.personnel import actions
from yifa.enforcement.personnel.actions import PersonnelRefused
from yifa.enforcement.personnel.models import Certificate, CertificateEvent, ExamResult
from yifa.enforcement.personnel.selectors import assignment_problems
from yifa.org.models import Staff

from .conftest import EXAM_DAY, JOB
from .factories import enforcement_field, make_staff

pytestmark = pytest.mark.django_db
D = dt.date
S = Certificate.Status
R = Certificate.Reason


def refusals(action: str | None = None):
    events = AuditEvent.objects.filter(event_type="enforcement.personnel_refused")
    return events.filter(new_values__action=action) if action else events


# --- the exam ------------------------------------------------------------------------------------


def test_pass_mark_is_the_setting(settings, department):
    settings.YIFA_ENFORCEMENT_EXAM_PASS_MARK = 70
    sitting = actions.create_sitting(actor=JOB, title="考试", held_on=EXAM_DAY)
    a, b = make_staff(department), make_staff(department)
    results = actions.record_scores(actor=JOB, sitting=sitting, scores=[(a, "69.9"), (b, 70)])
    assert [r.passed for r in results] == [False, True]
    assert sitting.pass_mark == Decimal("70")


@pytest.mark.parametrize("bad", ["101", "-1", "abc", "NaN", "Infinity", "60.25", "", "1e3"])
def test_scores_out_of_range_or_malformed_are_refused_and_nothing_is_written(department, sitting, bad):
    good, wrong = make_staff(department), make_staff(department, name="错分")
    with pytest.raises(PersonnelRefused) as refused:
        actions.record_scores(actor=JOB, sitting=sitting, scores=[(good, "75"), (wrong, bad)])
    assert "错分" in refused.value.message
    assert not ExamResult.objects.exists()
    assert refusals("record_scores").count() == 1


@pytest.mark.parametrize("employment", [Staff.EmploymentType.CONTRACT, Staff.EmploymentType.DISPATCHED,
                                        Staff.EmploymentType.TEMPORARY])
def test_non_established_staff_do_not_sit_the_exam(department, sitting, employment):
    person = make_staff(department, name="协管员", employment_type=employment)
    with pytest.raises(PersonnelRefused, match="不是在编人员"):
        actions.record_scores(actor=JOB, sitting=sitting, scores=[(person, "90")])


def test_one_resit_only_for_those_who_failed(department, sitting):
    failed, passed = make_staff(department, name="甲"), make_staff(department, name="乙")
    actions.record_scores(actor=JOB, sitting=sitting, scores=[(failed, "50"), (passed, "88")])
    with pytest.raises(PersonnelRefused, match="已登记过"):
        actions.record_scores(actor=JOB, sitting=sitting, scores=[(failed, "70")])
    resit = actions.create_sitting(actor=JOB, title="补考", held_on=EXAM_DAY + dt.timedelta(days=30), resit_of=sitting)
    with pytest.raises(PersonnelRefused, match="只限原考试不合格的人员.*乙"):
        actions.record_scores(actor=JOB, sitting=resit, scores=[(failed, "70"), (passed, "90")])
    [result] = actions.record_scores(actor=JOB, sitting=resit, scores=[(failed, "70")])
    assert result.passed
    with pytest.raises(PersonnelRefused, match="只能补考一次"):
        actions.create_sitting(actor=JOB, title="再补考", held_on=EXAM_DAY + dt.timedelta(days=60), resit_of=sitting)
    with pytest.raises(PersonnelRefused, match="本身已是补考"):
        actions.create_sitting(actor=JOB, title="补考的补考", held_on=EXAM_DAY + dt.timedelta(days=60), resit_of=resit)
    with pytest.raises(PersonnelRefused, match="之后"):
        actions.create_sitting(actor=JOB, title="早于原考试", held_on=EXAM_DAY, resit_of=actions.create_sitting(
            actor=JOB, title="另一场", held_on=EXAM_DAY))


@pytest.mark.parametrize("mark", ["101", "-5", "x"])
def test_pass_mark_out_of_range_refused(mark):
    with pytest.raises(PersonnelRefused, match="0 到 100"):
        actions.create_sitting(actor=JOB, title="考试", held_on=EXAM_DAY, pass_mark_value=mark)


# --- issuing and validity --------------------------------------------------------------------------


def test_issued_certificate_is_valid_three_years_to_the_day_before(passed, market):
    cert = actions.issue_certificate(actor=JOB, staff=passed[0], fields=[market], issued_on=D(2016, 5, 20))
    assert (cert.issued_on, cert.valid_until) == (D(2016, 5, 20), D(2019, 5, 19))
    assert cert.number == "23128220160001"
    assert cert.exam_result is not None and cert.issuing_authority == "肇东市人民政府"
    second = actions.issue_certificate(actor=JOB, staff=passed[1], fields=[market], issued_on=D(2016, 5, 20))
    assert second.number == "23128220160002"
    assert assignment_problems([(passed[0], "market", D(2019, 5, 19))]) == {}
    assert "2019-05-19 到期" in next(iter(assignment_problems([(passed[0], "market", D(2019, 5, 20))]).values()))
    assert list(CertificateEvent.objects.values_list("kind", flat=True)) == ["issued", "issued"]
    assert AuditEvent.objects.filter(event_type="enforcement.certificate_issued").count() == 2


def test_validity_is_a_setting_and_29_february(settings, passed, market):
    settings.YIFA_ENFORCEMENT_CERTIFICATE_YEARS = 5
    cert = actions.issue_certificate(actor=JOB, staff=passed[0], fields=[market], issued_on=D(2016, 2, 29),
                                     require_exam=False)
    assert cert.valid_until == D(2021, 2, 27)
    assert actions.expiry_for(D(2016, 3, 1), 3) == D(2019, 2, 28)


def test_issue_refusals_each_with_its_reason(department, passed, market, sitting):
    contract = make_staff(department, name="合同工", employment_type=Staff.EmploymentType.CONTRACT)
    with pytest.raises(PersonnelRefused, match="合同制人员，不是在编人员"):
        actions.issue_certificate(actor=JOB, staff=contract, fields=[market], issued_on=D(2016, 5, 20))
    never_sat = make_staff(department, name="未考")
    with pytest.raises(PersonnelRefused, match="尚未通过行政执法资格考试"):
        actions.issue_certificate(actor=JOB, staff=never_sat, fields=[market], issued_on=D(2016, 5, 20))
    with pytest.raises(PersonnelRefused, match="尚未通过"):  # the exam comes after the issue date
        actions.issue_certificate(actor=JOB, staff=passed[0], fields=[market], issued_on=EXAM_DAY - dt.timedelta(days=1))
    transport = enforcement_field("transport")
    with pytest.raises(PersonnelRefused, match="没有“交通运输”执法职能"):
        actions.issue_certificate(actor=JOB, staff=passed[0], fields=[transport], issued_on=D(2016, 5, 20))
    with pytest.raises(PersonnelRefused, match="请选择执法门类"):
        actions.issue_certificate(actor=JOB, staff=passed[0], fields=[], issued_on=D(2016, 5, 20))
    with pytest.raises(PersonnelRefused, match="晚于今天"):
        actions.issue_certificate(actor=JOB, staff=passed[0], fields=[market], issued_on=D(2999, 1, 1))
    actions.issue_certificate(actor=JOB, staff=passed[0], fields=[market], issued_on=D(2016, 5, 20))
    with pytest.raises(PersonnelRefused, match="已持有有效的行政执法证"):
        actions.issue_certificate(actor=JOB, staff=passed[0], fields=[market], issued_on=D(2016, 6, 20))
    assert Certificate.objects.count() == 1
    assert refusals("issue_certificate").count() == 7


def test_only_the_legal_affairs_office_issues(passed, market, head, legal_officer):
    with pytest.raises(PermissionDenied):
        actions.issue_certificate(actor=head, staff=passed[0], fields=[market], issued_on=D(2016, 5, 20))
    assert refusals("issue_certificate").get().actor_user == head
    cert = actions.issue_certificate(actor=legal_officer, staff=passed[0], fields=[market], issued_on=D(2016, 5, 20))
    assert cert.pk


# --- status changes ------------------------------------------------------------------------------


@pytest.fixture
def cert(passed, market):
    return actions.issue_certificate(actor=JOB, staff=passed[0], fields=[market], issued_on=D(2016, 5, 20))


def test_renewal_extends_from_the_old_expiry(cert):
    renewed = actions.renew_certificate(actor=JOB, certificate=cert, renewed_on=D(2019, 4, 1))
    assert renewed.valid_until == D(2022, 5, 19)
    assert CertificateEvent.objects.filter(kind="renewed", on=D(2019, 4, 1)).exists()


def test_an_expired_certificate_is_not_renewed(cert):
    with pytest.raises(PersonnelRefused, match="已于 2019-05-19 过期"):
        actions.renew_certificate(actor=JOB, certificate=cert, renewed_on=D(2019, 5, 20))


def test_suspend_and_reinstate(cert):
    actions.suspend_certificate(actor=JOB, certificate=cert, on=D(2017, 3, 1), reason=R.MISCONDUCT, note="违规执法")
    assert "暂扣" in next(iter(assignment_problems([(cert.staff, "market", D(2017, 3, 2))]).values()))
    assert assignment_problems([(cert.staff, "market", D(2017, 2, 28))]) == {}
    with pytest.raises(PersonnelRefused, match="暂扣.*不能换证"):
        actions.renew_certificate(actor=JOB, certificate=cert, renewed_on=D(2017, 4, 1))
    with pytest.raises(PersonnelRefused, match="早于暂扣日期"):
        actions.reinstate_certificate(actor=JOB, certificate=cert, on=D(2017, 2, 1))
    actions.reinstate_certificate(actor=JOB, certificate=cert, on=D(2017, 4, 1))
    cert.refresh_from_db()
    assert (cert.status, cert.status_since, cert.status_reason) == (S.VALID, None, "")
    # Reinstated, it is valid again from that day, and still was not during the suspension: a case backdated into
    # March 2017 cannot name its holder.
    assert cert.lifted_suspensions == [["2017-03-01", "2017-04-01"]]
    problems = assignment_problems([(cert.staff, "market", day) for day in (D(2017, 2, 28), D(2017, 3, 15),
                                                                            D(2017, 3, 31), D(2017, 4, 1))])
    assert [key.on for key in problems] == [D(2017, 3, 15), D(2017, 3, 31)]
    assert "在 2017-03-01 至 2017-04-01 期间被暂扣" in problems[next(iter(problems))]


def test_reasons_are_typed(cert):
    with pytest.raises(PersonnelRefused, match="请选择原因"):
        actions.cancel_certificate(actor=JOB, certificate=cert, on=D(2017, 1, 1), reason="whim")
    with pytest.raises(PersonnelRefused, match="请选择原因"):
        actions.suspend_certificate(actor=JOB, certificate=cert, on=D(2017, 1, 1), reason=R.RETIREMENT)
    actions.revoke_certificate(actor=JOB, certificate=cert, on=D(2017, 1, 1), reason=R.MISCONDUCT)
    with pytest.raises(PersonnelRefused, match="当前为“吊销”状态，不能注销"):
        actions.cancel_certificate(actor=JOB, certificate=cert, on=D(2017, 2, 1), reason=R.TRANSFER)
    assert refusals().count() == 3


def test_a_failed_annual_review_suspends(cert, legal_officer):
    actions.record_training(actor=legal_officer, staff=cert.staff, course="行政强制法", hours="12.5",
                            completed_on=D(2017, 6, 1))
    review = actions.record_review(actor=legal_officer, certificate=cert, year=2017, passed=False,
                                   reviewed_on=D(2018, 1, 15), note="全年未参加执法")
    assert review.training_hours == Decimal("12.5")
    cert.refresh_from_db()
    assert (cert.status, cert.status_since, cert.status_reason) == (S.SUSPENDED, D(2018, 1, 15), R.FAILED_REVIEW)
    with pytest.raises(PersonnelRefused, match="年度审验已登记"):
        actions.record_review(actor=legal_officer, certificate=cert, year=2017, passed=True, reviewed_on=D(2018, 2, 1))


@pytest.mark.parametrize("hours", ["0", "501", "abc", "1.25"])
def test_training_hours_checked(department, hours, legal_officer):
    person = make_staff(department)
    with pytest.raises(PersonnelRefused, match="学时"):
        actions.record_training(actor=legal_officer, staff=person, course="课程", hours=hours, completed_on=D(2017, 1, 1))


def test_a_department_records_only_its_own_staffs_training(department, other_department, editor):
    own, other = make_staff(department), make_staff(other_department)
    actions.record_training(actor=editor, staff=own, course="行政处罚法", hours=8, completed_on=D(2017, 1, 1))
    with pytest.raises(PermissionDenied):
        actions.record_training(actor=editor, staff=other, course="行政处罚法", hours=8, completed_on=D(2017, 1, 1))


def test_removing_contract_staff_from_enforcement_posts(department, market):
    from .factories import certify

    contract = make_staff(department, name="合同工", employment_type=Staff.EmploymentType.CONTRACT)
    established = make_staff(department, name="在编")
    old = certify(contract, market, D(2014, 3, 1))
    kept = certify(established, market, D(2014, 3, 1))
    assert actions.remove_ineligible(actor=JOB, on=D(2016, 8, 1)) == 1
    old.refresh_from_db(), kept.refresh_from_db()
    assert (old.status, old.status_reason, kept.status) == (S.CANCELLED, R.NOT_ESTABLISHED, S.VALID)
