"""Due soon, overdue, paused and finished are derived when queried; each user sees their departments' only."""

import datetime as dt

import pytest

from yifa.calendar import actions
from yifa.calendar.periods import Period
from yifa.calendar.selectors import (
    DeadlineState,
    deadline_list,
    deadline_progress,
    due_soon_limit,
    my_deadlines,
)

D = dt.date
TODAY = D(2017, 10, 20)  # a Friday


def open_at(actor, target, start, length=20, purpose="答复期限"):
    return actions.open_deadline(actor=actor, target=target, start=start, period=Period(length), purpose=purpose)


def states(user, today=TODAY):
    return {d.purpose: d.state for d in deadline_list(user, today=today)}


def test_the_due_soon_window_counts_working_days(settings, db):
    settings.YIFA_DUE_SOON_WORKING_DAYS = 3
    assert due_soon_limit(D(2017, 9, 28)) == D(2017, 10, 9)  # 9/29, 9/30 (调休), then the holiday week


def test_state_is_derived_from_the_due_date_and_today(record, editor, head):
    open_at(editor, record, D(2017, 9, 1), purpose="逾期")  # due 2017-09-29
    open_at(editor, record, D(2017, 9, 20), purpose="将到期")  # due 10/24: within 3 working days of 10/20
    open_at(editor, record, D(2017, 10, 10), purpose="计时中")
    paused = open_at(editor, record, D(2017, 10, 10), purpose="中止")
    actions.suspend_deadline(actor=editor, deadline=paused, reason="third_party", starts_on=D(2017, 10, 12))
    late = open_at(editor, record, D(2017, 9, 1), purpose="逾期完成")
    actions.complete_deadline(actor=editor, deadline=late, completed_on=D(2017, 10, 9))
    assert states(editor) == {
        "逾期": DeadlineState.OVERDUE, "将到期": DeadlineState.DUE_SOON, "计时中": DeadlineState.RUNNING,
        "中止": DeadlineState.PAUSED, "逾期完成": DeadlineState.COMPLETED_LATE,
    }
    assert [d.purpose for d in my_deadlines(editor, today=TODAY)] == ["逾期", "将到期"]


def test_my_deadlines_show_only_my_departments_and_the_office_sees_all(record, other_record, editor, outsider,
                                                                        legal_officer, make_user, other_department):
    other_editor = make_user("department_editor", other_department)
    open_at(editor, record, D(2017, 9, 20), purpose="本部门")
    open_at(other_editor, other_record, D(2017, 9, 20), purpose="他部门")
    assert [d.purpose for d in my_deadlines(editor, today=TODAY)] == ["本部门"]
    assert [d.purpose for d in my_deadlines(outsider, today=TODAY)] == ["他部门"]
    assert {d.purpose for d in my_deadlines(legal_officer, today=TODAY)} == {"本部门", "他部门"}


def test_progress_counts_working_days_used_and_left(record, editor):
    deadline = open_at(editor, record, D(2017, 9, 20))
    progress = deadline_progress(deadline, today=D(2017, 10, 9))
    assert (progress.used, progress.left, progress.overdue_by) == (9, 11, 0)  # 9/21–9/30 is 8, then 10/9
    late = deadline_progress(deadline, today=D(2017, 10, 26))
    assert (late.left, late.overdue_by) == (0, 2)


def test_suspended_days_do_not_count_as_used(record, editor):
    deadline = open_at(editor, record, D(2017, 9, 20))
    actions.suspend_deadline(actor=editor, deadline=deadline, reason="third_party", starts_on=D(2017, 9, 25),
                             ends_on=D(2017, 9, 29))
    assert deadline_progress(deadline, today=D(2017, 9, 29)).used == 2


@pytest.mark.django_db
def test_the_list_query_count_does_not_grow_with_the_list(record, editor, django_assert_max_num_queries):
    for day in range(1, 21):
        open_at(editor, record, D(2017, 9, day))
    with django_assert_max_num_queries(6):
        list(my_deadlines(editor, today=TODAY))
