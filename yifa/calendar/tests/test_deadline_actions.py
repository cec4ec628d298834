"""Opening, suspending, extending, restarting and finishing deadlines: checked, atomic, logged on the case."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from yifa.audit.models import AuditEvent
from yifa.calendar import actions
from yifa.calendar.models import Deadline
from yifa.calendar.periods import DeadlineInputError, Period
from yifa.core.errors import ActionRefused

D = dt.date
REPLY = Period(20, max_extension=20)  # 政府信息公开条例 art.33


@pytest.fixture
def deadline(record, editor):
    return actions.open_deadline(
        actor=editor, target=record, start=D(2017, 9, 20), period=REPLY, purpose="答复期限",
        basis="《政府信息公开条例》第三十三条",
    )


def events(record, event_type):
    return AuditEvent.objects.for_object(record).filter(event_type=event_type)


def test_opening_a_deadline_computes_and_stores_its_due_date_and_trace(deadline, record):
    assert deadline.due_date == D(2017, 10, 24)
    assert deadline.department == record.department
    assert deadline.trace[0]["code"] == "start"
    event = events(record, "deadline.opened").get()
    assert event.new_values["due_date"] == "2017-10-24"


def test_another_departments_staff_cannot_open_suspend_or_extend(deadline, record, outsider):
    with pytest.raises(PermissionDenied):
        actions.open_deadline(actor=outsider, target=record, start=D(2017, 9, 20), period=REPLY, purpose="x")
    with pytest.raises(PermissionDenied):
        actions.suspend_deadline(actor=outsider, deadline=deadline, reason="third_party", starts_on=D(2017, 9, 25))
    with pytest.raises(PermissionDenied):
        actions.extend_deadline(actor=outsider, deadline=deadline, length=5, approved_on=D(2017, 10, 20), reason="r")
    deadline.refresh_from_db()
    assert deadline.due_date == D(2017, 10, 24)
    assert not deadline.suspensions.exists()


def test_a_suspension_stops_the_clock_until_resumed(deadline, editor, record):
    actions.suspend_deadline(actor=editor, deadline=deadline, reason="third_party", starts_on=D(2017, 9, 25))
    assert deadline.due_date is None and deadline.paused_since == D(2017, 9, 25)
    with pytest.raises(ActionRefused, match="已在中止计时中"):
        actions.suspend_deadline(actor=editor, deadline=deadline, reason="correction", starts_on=D(2017, 9, 26))
    actions.resume_deadline(actor=editor, deadline=deadline, ends_on=D(2017, 9, 29), note="第三方已答复")
    deadline.refresh_from_db()
    assert deadline.due_date == D(2017, 10, 31)
    assert deadline.paused_since is None
    assert [e.event_type for e in AuditEvent.objects.for_object(record).order_by("id")] == [
        "deadline.opened", "deadline.suspended", "deadline.resumed"
    ]


def test_an_extension_needs_the_heads_approval_and_stays_within_the_cap(deadline, editor, head):
    with pytest.raises(PermissionDenied):
        actions.extend_deadline(actor=editor, deadline=deadline, length=20, approved_on=D(2017, 10, 20), reason="量大")
    actions.extend_deadline(actor=head, deadline=deadline, length=15, approved_on=D(2017, 10, 20), reason="信息量大")
    assert deadline.due_date == D(2017, 11, 14)
    with pytest.raises(DeadlineInputError, match="超过了法定上限"):
        actions.extend_deadline(actor=head, deadline=deadline, length=10, approved_on=D(2017, 10, 21), reason="再延")
    deadline.refresh_from_db()
    assert deadline.due_date == D(2017, 11, 14)
    assert deadline.extensions.count() == 1
    assert deadline.extensions.get().approved_by == head


def test_an_extension_without_a_reason_is_refused(deadline, head):
    with pytest.raises(DeadlineInputError, match="必须写明理由"):
        actions.extend_deadline(actor=head, deadline=deadline, length=5, approved_on=D(2017, 10, 20), reason=" ")


def test_restarting_counts_afresh_from_the_corrected_request(deadline, editor):
    # 政府信息公开条例 art.30: the reply period runs from receipt of the corrected request.
    actions.suspend_deadline(actor=editor, deadline=deadline, reason="correction", starts_on=D(2017, 9, 22),
                             ends_on=D(2017, 9, 26))
    actions.restart_deadline(actor=editor, deadline=deadline, start=D(2017, 9, 27), reason="收到补正申请")
    deadline.refresh_from_db()
    assert deadline.start_date == D(2017, 9, 27)
    assert not deadline.suspensions.exists()
    assert deadline.due_date == D(2017, 10, 31)


def test_a_finished_deadline_cannot_change_and_knows_whether_it_was_late(deadline, editor):
    actions.complete_deadline(actor=editor, deadline=deadline, completed_on=D(2017, 10, 25))
    assert deadline.completed_late
    with pytest.raises(ActionRefused, match="状态为“已完成”，不能再变更"):
        actions.suspend_deadline(actor=editor, deadline=deadline, reason="hearing", starts_on=D(2017, 10, 26))
    with pytest.raises(ActionRefused, match="不能再变更"):
        actions.close_deadline(actor=editor, deadline=deadline, reason="撤回")


def test_completion_dates_are_checked(deadline, editor):
    with pytest.raises(DeadlineInputError, match="早于起算日"):
        actions.complete_deadline(actor=editor, deadline=deadline, completed_on=D(2017, 9, 1))
    with pytest.raises(DeadlineInputError, match="晚于今天"):
        actions.complete_deadline(actor=editor, deadline=deadline, completed_on=D(2199, 1, 1))
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.OPEN


def test_closing_needs_a_reason(deadline, editor):
    with pytest.raises(DeadlineInputError, match="必须写明原因"):
        actions.close_deadline(actor=editor, deadline=deadline, reason="")
    actions.close_deadline(actor=editor, deadline=deadline, reason="申请人逾期未补正")
    assert deadline.status == Deadline.Status.CLOSED


def test_a_bad_suspension_changes_nothing(deadline, editor):
    with pytest.raises(DeadlineInputError, match="早于开始日"):
        actions.suspend_deadline(actor=editor, deadline=deadline, reason="hearing", starts_on=D(2017, 9, 29),
                                 ends_on=D(2017, 9, 25))
    with pytest.raises(DeadlineInputError, match="未知的中止事由"):
        actions.suspend_deadline(actor=editor, deadline=deadline, reason="lunch", starts_on=D(2017, 9, 25))
    deadline.refresh_from_db()
    assert not deadline.suspensions.exists()
    assert deadline.due_date == D(2017, 10, 24)
