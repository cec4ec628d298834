"""The daily jobs: certificates of staff who leave are cancelled that day, the office told; expiry reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from yifa.audit.models import AuditEvent
from yifa.enforcement.personnel.jobs import cancel_departed, remind_expiring
from yifa.enforcement.personnel.models import Certificate, CertificateEvent
from yifa.enforcement.personnel.selectors import assignment_problems
from yifa.notifications.models import Notification
from yifa.org import actions as org_actions
from yifa.org.actions import DepartureRefused

from .conftest import JOB
from .factories import certify, make_staff

pytestmark = pytest.mark.django_db
D = dt.date
S = Certificate.Status
R = Certificate.Reason


@pytest.fixture
def holders(department, market):
    people = [make_staff(department, name=n) for n in ("调走", "退休", "留任")]
    return [certify(p, market, D(2015, 1, 1)) for p in people]


def test_transfer_and_retirement_cancel_on_the_day_and_tell_the_office(holders, other_department, legal_officer):
    moved, retired, stays = holders
    org_actions.transfer_staff(actor=JOB, staff=moved.staff, on=D(2016, 6, 10), to_department=other_department,
                               note="调往非执法岗位")
    org_actions.retire_staff(actor=JOB, staff=retired.staff, on=D(2016, 6, 12))
    assert cancel_departed(D(2016, 6, 9)) == "没有需要注销的执法证件。"
    assert cancel_departed(D(2016, 6, 10)) == "注销执法证件 1 件"
    moved.refresh_from_db()
    assert (moved.status, moved.status_since, moved.status_reason) == (S.CANCELLED, D(2016, 6, 10), R.TRANSFER)
    assert cancel_departed(D(2016, 6, 12)) == "注销执法证件 1 件"
    retired.refresh_from_db()
    assert (retired.status, retired.status_reason) == (S.CANCELLED, R.RETIREMENT)
    stays.refresh_from_db()
    assert stays.status == S.VALID
    # Run again: nothing more, nothing repeated.
    assert cancel_departed(D(2016, 6, 12)) == "没有需要注销的执法证件。"
    assert CertificateEvent.objects.filter(kind="cancelled").count() == 2
    notices = Notification.objects.filter(recipient_user=legal_officer, kind="certificate").order_by("pk")
    assert notices.count() == 2 and "调走" in notices[0].body and "调离执法岗位" in notices[0].body
    # The guard: the day before still fine, the day itself not.
    assert assignment_problems([(moved.staff, "market", D(2016, 6, 9))]) == {}
    assert "注销" in next(iter(assignment_problems([(moved.staff, "market", D(2016, 6, 10))]).values()))
    assert AuditEvent.objects.filter(event_type="enforcement.certificate_cancelled",
                                     actor_label="system:enforcement.cancel_departed").count() == 2


def test_a_missed_day_is_caught_up_with_the_departure_date(holders):
    moved = holders[0]
    org_actions.transfer_staff(actor=JOB, staff=moved.staff, on=D(2016, 6, 10))
    cancel_departed(D(2016, 6, 20))
    moved.refresh_from_db()
    assert moved.status_since == D(2016, 6, 10)
    moved.staff.refresh_from_db()
    assert not moved.staff.is_active


def test_an_abolished_agency_cancels_its_holders(holders, department):
    org_actions.abolish_department(actor=JOB, department=department, on=D(2016, 12, 20), note="机构改革")
    assert cancel_departed(D(2016, 12, 20)) == "注销执法证件 3 件"
    assert set(Certificate.objects.values_list("status_reason", flat=True)) == {R.AGENCY_ABOLISHED}


def test_departure_refusals(holders, department):
    person = holders[0].staff
    with pytest.raises(DepartureRefused, match="其他存续的部门"):
        org_actions.transfer_staff(actor=JOB, staff=person, on=D(2016, 6, 1), to_department=department)
    org_actions.retire_staff(actor=JOB, staff=person, on=D(2016, 6, 1))
    with pytest.raises(DepartureRefused, match="已不在岗"):
        org_actions.retire_staff(actor=JOB, staff=person, on=D(2016, 7, 1))


def test_a_department_head_records_departures_only_of_their_own_staff(holders, other_department, head):
    from django.core.exceptions import PermissionDenied

    from yifa.org.models import Staff

    other = Staff.objects.create(name="外单位", department=other_department, employment_type="administrative")
    with pytest.raises(PermissionDenied):
        org_actions.retire_staff(actor=head, staff=other, on=D(2016, 6, 1))
    org_actions.retire_staff(actor=head, staff=holders[0].staff, on=D(2016, 6, 1))


def test_expiry_reminders_once_each(settings, department, market, legal_officer, make_user):
    settings.YIFA_ENFORCEMENT_EXPIRY_REMIND_DAYS = 30
    holder_user = make_user(None, department)
    soon = certify(holder_user.staff, market, D(2013, 7, 1))  # to 2016-06-30
    certify(make_staff(department), market, D(2015, 1, 1))  # to 2017-12-31: not yet
    assert remind_expiring(D(2016, 5, 30)) == "没有即将到期的执法证件。"
    assert remind_expiring(D(2016, 6, 1)) == "执法证件到期提醒 2 条"
    assert remind_expiring(D(2016, 6, 2)) == "执法证件到期提醒 0 条"
    mine = Notification.objects.get(recipient_user=holder_user)
    assert soon.number in mine.subject and "2016-06-30" in mine.subject
    assert Notification.objects.filter(recipient_user=legal_officer).count() == 1


def test_legal_qualification_recorded(department, head):
    from yifa.core.errors import ActionRefused

    person = make_staff(department)
    with pytest.raises(ActionRefused, match="证书编号"):
        org_actions.record_legal_qualification(actor=head, staff=person, qualified=True)
    org_actions.record_legal_qualification(actor=head, staff=person, qualified=True, number="A20162301000123")
    person.refresh_from_db()
    assert person.has_legal_qualification and person.legal_qualification_number == "A20162301000123"
