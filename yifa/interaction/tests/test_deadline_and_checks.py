"""The reply period and the website check for public messages (rules.md "Government website").

The reply period is a local rule, a setting (5 working days; 15 once the department head marks the
message complex), computed by the deadline engine. Three months unanswered is the inspection's
automatic failure (政府网站与政务新媒体检查指标, 国办秘函〔2019〕19号, 互动回应差): a website check
that warns after one month and fails after three — not the period."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from yifa.audit.models import AuditEvent
from yifa.calendar.models import Deadline
from yifa.calendar.selectors import deadline_of, deadlines_of, my_deadlines
from yifa.casework.transitions import GuardRefused
from yifa.core.errors import ActionRefused, InvalidTransition
from yifa.interaction import actions
from yifa.interaction.checks import unanswered_messages
from yifa.interaction.models import Message
from yifa.portal.staleness import website_checks

D = dt.date


# --- the reply period: the local rule's, from the settings ---------------------------------------------------


@pytest.mark.parametrize(
    ("left_on", "due"),
    [
        (D(2017, 9, 20), D(2017, 9, 27)),  # Thu, Fri, Mon, Tue, Wed
        # 2017-09-30, a Saturday, was a make-up working day; 10-01 to 10-08 were the National Day holiday.
        (D(2017, 9, 27), D(2017, 10, 10)),
        # Spring Festival 2017 (01-27 to 02-02 off); 02-04, a Saturday, was a make-up working day.
        (D(2017, 1, 24), D(2017, 2, 6)),
    ],
)
def test_a_message_is_due_five_working_days_after_receipt_by_default(new_message, left_on, due):
    """rules.md "Government website": the reply period is a setting (commonly 5–7 working days, by local
    rule), counted by the deadline engine: working days after the day of receipt, 调休 included."""
    message = new_message(left_on=left_on)
    deadline = deadline_of(message, actions.REPLY)
    assert (deadline.start_date, deadline.due_date) == (left_on, due)
    assert (deadline.unit, deadline.length) == ("working_day", 5)
    assert deadline.department_id == message.department_id


def test_the_deadlines_basis_names_the_local_rule_not_a_national_one(new_message, settings):
    """rules.md: where no national rule exists, the value is a setting and the UI says which local rule it came
    from; the three months of 国办秘函〔2019〕19号 are the inspection's failure, not the period."""
    settings.YIFA_MESSAGE_REPLY_RULE = "《肇东市政府网站留言办理办法》"
    deadline = deadline_of(new_message(), actions.REPLY)
    assert deadline.basis.startswith("《肇东市政府网站留言办理办法》（地方规则，非国家统一规定）")
    assert "5 个工作日" in deadline.basis and "15 个工作日" in deadline.basis
    assert "国办发〔2017〕47号" not in deadline.basis and "3 个月" not in deadline.basis


def test_the_reply_period_is_whatever_the_setting_says(new_message, settings):
    """rules.md "Government website": the reply period itself is a setting (e.g. 7 working days)."""
    settings.YIFA_MESSAGE_REPLY_WORKING_DAYS = 7
    deadline = deadline_of(new_message(left_on=D(2017, 9, 20)), actions.REPLY)
    assert (deadline.length, deadline.due_date) == (7, D(2017, 9, 29))
    assert "7 个工作日" in deadline.basis


def test_the_head_marks_a_message_complex_with_a_reason_and_its_period_becomes_the_complex_one(new_message, head):
    """rules.md "Government website": 15 working days when complex, by local rule; marking is the department's
    act, with a reason, in the event log, and the engine counts the longer period."""
    message = new_message(left_on=D(2017, 9, 20))
    actions.mark_complex(actor=head, message=message, reason="须到现场核查道路损坏情况。", marked_on=D(2017, 9, 21))
    message.refresh_from_db()
    assert message.is_complex and message.complex_reason == "须到现场核查道路损坏情况。"
    assert message.status == "received"  # marking does not move the message
    deadline = deadline_of(message, actions.REPLY)
    assert deadline.due_date == D(2017, 10, 17)  # 15 working days, across the National Day holiday
    [extension] = deadline.extensions.all()
    assert extension.length == 10 and extension.approved_on == D(2017, 9, 21) and "现场核查" in extension.reason
    marked = AuditEvent.objects.get(event_type="interaction.marked_complex", target_id=str(message.pk))
    assert marked.actor_user == head and marked.reason == "须到现场核查道路损坏情况。"
    assert AuditEvent.objects.filter(event_type="deadline.extended", target_id=str(message.pk)).exists()


def test_the_complex_period_is_the_one_in_force_when_the_message_was_received(new_message, head, settings):
    """rules.md: which rule applies is decided by date — the periods in force on receipt govern the message."""
    settings.YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS = 20
    message = new_message(left_on=D(2017, 9, 20))
    settings.YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS = 30  # changed after receipt
    actions.mark_complex(actor=head, message=message, reason="须多个部门会商。", marked_on=D(2017, 9, 22))
    assert deadline_of(message, actions.REPLY).due_date == D(2017, 10, 24)  # 20 working days


@pytest.mark.parametrize("reason", ["", "  ", "短"])
def test_marking_a_message_complex_needs_a_reason_and_changes_nothing_without_one(new_message, head, reason):
    """rules.md "Government website": the complex period is the department's decision, with its reason."""
    message = new_message()
    with pytest.raises(ActionRefused):
        actions.mark_complex(actor=head, message=message, reason=reason)
    message.refresh_from_db()
    assert not message.is_complex and deadline_of(message, actions.REPLY).extensions.count() == 0


def test_only_the_department_head_marks_a_message_complex(new_message, editor, outsider):
    """The longer period is an approval (like an extension): the department head's, not the editor's, and never
    another department's."""
    message = new_message()
    for who in (editor, outsider):
        with pytest.raises(PermissionDenied):
            actions.mark_complex(actor=who, message=message, reason="须到现场核查。")
    message.refresh_from_db()
    assert not message.is_complex and deadline_of(message, actions.REPLY).length == 5


def test_a_message_is_marked_complex_once_and_not_once_its_reply_is_public(new_message, published, head):
    """Marking extends the open reply period once; a published reply has already met it."""
    message = new_message()
    actions.mark_complex(actor=head, message=message, reason="须到现场核查。", marked_on=message.received_on)
    with pytest.raises(GuardRefused, match="已标记为复杂留言"):
        actions.mark_complex(actor=head, message=message, reason="再次标记。")
    assert deadline_of(message, actions.REPLY).extensions.count() == 1
    with pytest.raises(InvalidTransition):
        actions.mark_complex(actor=head, message=published(), reason="答复之后才标记。")
    withdrawn = actions.withdraw_message(actor=head, message=published(), reason="答复需要更正")
    with pytest.raises(GuardRefused, match="答复已经公开"):
        actions.mark_complex(actor=head, message=withdrawn, reason="撤回之后才标记。")


def test_marking_a_message_complex_after_its_period_ran_out_is_refused(new_message, head):
    """Like an extension, the longer period is decided while the period runs: marking a late message complex
    cannot turn its late reply into an on-time one."""
    message = new_message(left_on=D(2017, 9, 20))  # due 2017-09-27
    with pytest.raises(ActionRefused, match="届满"):
        actions.mark_complex(actor=head, message=message, reason="须到现场核查。", marked_on=D(2017, 9, 28))
    message.refresh_from_db()
    assert not message.is_complex and deadline_of(message, actions.REPLY).due_date == D(2017, 9, 27)


def test_a_message_received_under_the_three_month_deadline_keeps_it_when_marked_complex(new_message, head):
    """Messages received before the period was a setting keep the deadline they were given (three months, in
    calendar days); nothing recomputes them, and marking one complex leaves its deadline as it was."""
    message = new_message(left_on=D(2017, 9, 20))
    Deadline.objects.filter(pk=deadline_of(message, actions.REPLY).pk).update(
        unit="day", length=91, max_extension=None, due_date=D(2017, 12, 20))
    actions.mark_complex(actor=head, message=message, reason="须到现场核查。")
    deadline = deadline_of(message, actions.REPLY)
    assert (deadline.unit, deadline.due_date, deadline.extensions.count()) == ("day", D(2017, 12, 20), 0)
    assert Message.objects.get(pk=message.pk).is_complex


def test_the_deadline_shows_in_my_deadlines_when_due_soon_and_leaves_when_the_reply_is_published(
        new_message, editor, head, outsider):
    """The deadline the department sees and is judged by is the reply period (due 2017-09-27 here)."""
    message = new_message(left_on=D(2017, 9, 20))
    assert list(my_deadlines(editor, today=D(2017, 9, 20))) == []  # five working days left
    assert [d.target_id for d in my_deadlines(editor, today=D(2017, 9, 25))] == [str(message.pk)]
    assert [d.state for d in my_deadlines(head, today=D(2017, 9, 28))] == ["overdue"]
    assert list(my_deadlines(outsider, today=D(2017, 9, 28))) == []
    actions.reply_message(actor=editor, message=message, reply="您好！已安排维修。")
    actions.publish_message(actor=head, message=message)
    assert list(my_deadlines(editor, today=D(2017, 9, 28))) == []
    assert [d.state for d in deadlines_of(message)] == ["completed_late"]


def test_a_reply_published_in_time_completes_the_deadline_in_time(new_message, editor, head):
    """The reply period is met the day the reply is made public."""
    message = new_message(left_on=D(2017, 9, 20))
    actions.reply_message(actor=editor, message=message, reply="您好！已安排维修。", replied_on=D(2017, 9, 25))
    actions.publish_message(actor=head, message=message, published_on=D(2017, 9, 26))
    deadline = deadlines_of(message).get()
    assert (deadline.state, deadline.completed_on) == ("completed", D(2017, 9, 26))


# --- the website check: three months unanswered (互动回应差) -----------------------------------------------


def test_the_website_check_warns_after_one_month_and_fails_after_three(new_message, department):
    """国办秘函〔2019〕19号 (互动回应差): a message unanswered for more than three months fails the site, whatever
    the reply period; yifa warns from one month."""
    new_message(left_on=D(2017, 9, 20))
    assert unanswered_messages(D(2017, 10, 20)) == []  # exactly one month: not yet more than a month
    [warning] = unanswered_messages(D(2017, 10, 21))
    assert warning.level == "warn" and department.name in warning.message and "2017-09-20" in warning.message
    assert [f.level for f in unanswered_messages(D(2017, 12, 20))] == ["warn"]
    [failure] = unanswered_messages(D(2017, 12, 21))
    assert failure.level == "fail" and "超过 3 个月未答复" in failure.message and "互动回应差" in failure.message


def test_a_complex_message_fails_the_website_check_after_three_months_all_the_same(new_message, head):
    """国办秘函〔2019〕19号: the three months are the inspection's, not the local period; marking a message
    complex does not move them."""
    message = new_message(left_on=D(2017, 9, 20))
    actions.mark_complex(actor=head, message=message, reason="须多个部门会商。", marked_on=D(2017, 9, 21))
    assert [f.level for f in unanswered_messages(D(2017, 12, 21))] == ["fail"]


def test_the_check_counts_per_department_and_names_no_message(new_message, department, other_department):
    """The dashboard panel is site-wide: the check (国办秘函〔2019〕19号, 互动回应差) names departments and counts."""
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
    """国办秘函〔2019〕19号 (互动回应差) counts messages left unanswered: answered or declined ones are not."""
    published(left_on=D(2017, 1, 5))
    declined = new_message(left_on=D(2017, 1, 6))
    actions.close_message(actor=head, message=declined, reason="spam")
    assert unanswered_messages(D(2017, 6, 1)) == []


def test_a_withdrawn_reply_still_counts_as_answered(published, head):
    """国办秘函〔2019〕19号 (互动回应差): the message was answered in public; a later correction does not undo it."""
    message = published(left_on=D(2017, 1, 5))
    actions.withdraw_message(actor=head, message=message, reason="答复需要更正")
    assert unanswered_messages(D(2017, 6, 1)) == []


def test_a_drafted_but_unpublished_reply_is_still_unanswered(replied):
    """国办秘函〔2019〕19号 (互动回应差): the public sees no reply until it is published."""
    replied(left_on=D(2017, 1, 5))
    assert [f.level for f in unanswered_messages(D(2017, 6, 1))] == ["fail"]


def test_the_check_is_part_of_the_portals_website_checks(new_message):
    """The interaction module declares its check (国办秘函〔2019〕19号, 互动回应差); the portal's panel runs it."""
    new_message(left_on=D(2017, 1, 5))
    assert any("公众留言" in f.message and f.level == "fail" for f in website_checks(D(2017, 6, 1)))
