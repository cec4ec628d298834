"""The three-month period of 政府网站发展指引 (国办发〔2017〕47号): a deadline on every message, in
我的期限, and a website check that warns after one month and fails after three."""

import datetime as dt

import pytest

from yifa.calendar.selectors import deadline_of, deadlines_of, my_deadlines
from yifa.interaction import actions
from yifa.interaction.checks import unanswered_messages
from yifa.portal.staleness import website_checks

D = dt.date


@pytest.mark.parametrize(
    ("left_on", "due"),
    [
        (D(2017, 9, 20), D(2017, 12, 20)),  # three months later is a Wednesday
        # 2017-10-01 is National Day; 2017-09-30, a Saturday, was a make-up working day.
        (D(2017, 7, 1), D(2017, 9, 30)),
        # 2017-01-29 falls in the Spring Festival (01-27–02-02 off): the last working day before is 01-26.
        (D(2016, 10, 29), D(2017, 1, 26)),
        # 2016-11-30 + 3 months: there is no 2017-02-30; the month's last day, 02-28, a Tuesday.
        (D(2016, 11, 30), D(2017, 2, 28)),
    ],
)
def test_a_message_is_due_on_the_last_working_day_within_three_months(new_message, left_on, due):
    message = new_message(left_on=left_on)
    deadline = deadline_of(message, actions.REPLY)
    assert deadline.start_date == left_on
    assert deadline.due_date == due
    assert deadline.unit == "day" and "政府网站发展指引" in deadline.basis
    assert deadline.department_id == message.department_id


def test_the_deadline_shows_in_my_deadlines_when_due_soon_and_leaves_when_the_reply_is_published(
        new_message, editor, head, outsider):
    message = new_message(left_on=D(2017, 9, 20))
    assert list(my_deadlines(editor, today=D(2017, 11, 1))) == []  # two months left
    assert [d.target_id for d in my_deadlines(editor, today=D(2017, 12, 18))] == [str(message.pk)]
    assert [d.state for d in my_deadlines(head, today=D(2017, 12, 21))] == ["overdue"]
    assert list(my_deadlines(outsider, today=D(2017, 12, 21))) == []
    actions.reply_message(actor=editor, message=message, reply="您好！已安排维修。")
    actions.publish_message(actor=head, message=message)
    assert list(my_deadlines(editor, today=D(2017, 12, 21))) == []
    assert [d.state for d in deadlines_of(message)] == ["completed_late"]


def test_a_reply_published_in_time_completes_the_deadline_in_time(new_message, editor, head):
    message = new_message(left_on=D(2017, 9, 20))
    actions.reply_message(actor=editor, message=message, reply="您好！已安排维修。", replied_on=D(2017, 9, 25))
    actions.publish_message(actor=head, message=message, published_on=D(2017, 9, 26))
    deadline = deadlines_of(message).get()
    assert (deadline.state, deadline.completed_on) == ("completed", D(2017, 9, 26))


def test_the_website_check_warns_after_one_month_and_fails_after_three(new_message, department):
    new_message(left_on=D(2017, 9, 20))
    assert unanswered_messages(D(2017, 10, 20)) == []  # exactly one month: not yet more than a month
    [warning] = unanswered_messages(D(2017, 10, 21))
    assert warning.level == "warn" and department.name in warning.message and "2017-09-20" in warning.message
    assert [f.level for f in unanswered_messages(D(2017, 12, 20))] == ["warn"]
    [failure] = unanswered_messages(D(2017, 12, 21))
    assert failure.level == "fail" and "超过 3 个月未答复" in failure.message


def test_the_check_counts_per_department_and_names_no_message(new_message, department, other_department):
    new_message(left_on=D(2017, 1, 5), subject="第一条保密标题")
    new_message(left_on=D(2017, 2, 5))
    new_message(left_on=D(2017, 4, 20))
    new_message(left_on=D(2017, 3, 1), department=other_department)
    findings = unanswered_messages(D(2017, 5, 25))
    summary = [(f.level, f.message.split("有")[0], f.message.split("条")[0].split("有 ")[1]) for f in findings]
    assert summary == [("fail", department.name, "2 "), ("warn", department.name, "1 "),
                       ("warn", other_department.name, "1 ")]
    assert "2017-01-05" in findings[0].message and "2017-04-20" in findings[1].message
    assert all("保密标题" not in f.message and "LY-" not in f.message for f in findings)


def test_answered_or_declined_messages_do_not_count(published, new_message, head):
    published(left_on=D(2017, 1, 5))
    declined = new_message(left_on=D(2017, 1, 6))
    actions.close_message(actor=head, message=declined, reason="spam")
    assert unanswered_messages(D(2017, 6, 1)) == []


def test_a_withdrawn_reply_still_counts_as_answered(published, head):
    message = published(left_on=D(2017, 1, 5))
    actions.withdraw_message(actor=head, message=message, reason="答复需要更正")
    assert unanswered_messages(D(2017, 6, 1)) == []


def test_a_drafted_but_unpublished_reply_is_still_unanswered(replied):
    replied(left_on=D(2017, 1, 5))
    assert [f.level for f in unanswered_messages(D(2017, 6, 1))] == ["fail"]


def test_the_check_is_part_of_the_portals_website_checks(new_message):
    new_message(left_on=D(2017, 1, 5))
    assert any("公众留言" in f.message and f.level == "fail" for f in website_checks(D(2017, 6, 1)))
