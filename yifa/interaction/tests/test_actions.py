"""The steps of a message as actions: who may take them, from where, and what each leaves in the log."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yifa.audit.actors import PublicVisitor
from yifa.audit.models import AuditEvent
from yifa.calendar.models import Deadline
from yifa.calendar.selectors import deadline_of
from yifa.core.errors import ActionRefused, InvalidTransition
from yifa.interaction import actions
from yifa.interaction.models import Message


def events(message):
    return list(AuditEvent.objects.for_object(message).order_by("id").values_list("event_type", flat=True))


def test_a_message_is_received_numbered_given_a_query_code_and_logged(new_message, department):
    message = new_message()
    assert message.status == "received" and message.outcome == ""
    assert message.reference == "LY-2017-00001"
    assert message.query_code.startswith("LY-") and len(message.query_code) == 13
    assert message.received_on == dt.date(2017, 9, 20)
    assert new_message().reference == "LY-2017-00002"
    event = AuditEvent.objects.for_object(message).get(event_type="interaction.submitted")
    assert event.actor_label == "public:test" and event.actor_ip == "10.0.0.1"
    assert "13804551234" not in str(event.new_values)  # the citizen's phone stays out of the log


def test_an_invalid_message_is_refused_by_the_action_too(new_message):
    with pytest.raises(ValidationError):
        new_message(email="not-an-email")
    assert not Message.objects.exists()
    assert not Deadline.objects.exists()


def test_a_message_to_a_department_that_no_longer_exists_is_refused(new_message, department):
    department.is_active = False
    department.save()
    with pytest.raises(ActionRefused):
        new_message()
    assert not Message.objects.exists()


def test_the_editor_drafts_the_reply_and_the_head_publishes_it(new_message, editor, head):
    message = new_message()
    actions.reply_message(actor=editor, message=message, reply="  您好！已安排维修。  ")
    assert (message.status, message.reply) == ("replied", "您好！已安排维修。")
    actions.reply_message(actor=editor, message=message, reply="您好！已安排维修，本月底完工。")  # revised
    with pytest.raises(PermissionDenied):
        actions.publish_message(actor=editor, message=message)
    message.refresh_from_db()
    assert message.status == "replied"
    actions.publish_message(actor=head, message=message)
    message.refresh_from_db()
    assert (message.status, message.outcome) == ("published", "answered")
    assert message.published_at is not None and message.answered_on is not None and message.closed_at is not None
    # The editor's attempt to publish is in the log too: supervisors see refused steps.
    assert events(message) == ["interaction.submitted", "deadline.opened", "interaction.replied",
                               "interaction.replied", "case.step_refused", "interaction.published",
                               "deadline.completed", "publication.published"]


def test_nothing_is_published_before_it_is_replied_to(new_message, head):
    message = new_message()
    with pytest.raises(InvalidTransition):
        actions.publish_message(actor=head, message=message)
    assert Message.objects.get().status == "received"


@pytest.mark.parametrize("reply", ["", "好", "答复\x00内容很长", "答复\u202e内容反向", "长" * 5001])
def test_a_bad_reply_is_refused_with_a_message_and_changes_nothing(new_message, editor, reply):
    message = new_message()
    with pytest.raises(ActionRefused) as refused:
        actions.reply_message(actor=editor, message=message, reply=reply)
    assert "答复内容" in refused.value.message
    message.refresh_from_db()
    assert (message.status, message.reply) == ("received", "")


def test_a_withdrawn_message_leaves_the_portal_and_can_be_published_again(published, head):
    message = published()
    answered_on = message.answered_on
    with pytest.raises(ActionRefused):
        actions.withdraw_message(actor=head, message=message, reason="")
    actions.withdraw_message(actor=head, message=message, reason="答复中有错别字")
    message.refresh_from_db()
    assert (message.status, message.closed_at) == ("replied", None)
    assert AuditEvent.objects.for_object(message).get(event_type="interaction.withdrawn").reason == "答复中有错别字"
    actions.publish_message(actor=head, message=message)
    message.refresh_from_db()
    assert message.status == "published" and message.answered_on == answered_on
    assert Deadline.objects.for_object(message).get().status == "completed"


def test_the_head_declines_a_message_with_a_reason_and_its_deadline_stops(new_message, head):
    message = new_message()
    with pytest.raises(ActionRefused):
        actions.close_message(actor=head, message=message, reason="boredom")
    with pytest.raises(ActionRefused):
        actions.close_message(actor=head, message=message, reason="other", note="")
    actions.close_message(actor=head, message=message, reason="duplicate", note="与 LY-2017-00001 相同")
    message.refresh_from_db()
    assert (message.status, message.outcome, message.close_reason) == ("closed", "not_accepted", "duplicate")
    deadline = Deadline.objects.for_object(message).get()
    assert deadline.status == "closed" and "重复留言" in deadline.closed_reason
    with pytest.raises(InvalidTransition):
        actions.reply_message(actor=head, message=message, reply="迟到的答复内容")


def test_an_editor_cannot_decline_publish_or_withdraw(published, new_message, editor):
    message = new_message()
    with pytest.raises(PermissionDenied):
        actions.close_message(actor=editor, message=message, reason="spam")
    public = published()
    with pytest.raises(PermissionDenied):
        actions.withdraw_message(actor=editor, message=public, reason="试试")
    assert Message.objects.get(pk=message.pk).status == "received"
    assert Message.objects.get(pk=public.pk).status == "published"


def test_another_departments_staff_cannot_take_any_step(new_message, replied, published, outsider, make_user,
                                                        other_department):
    other_head = make_user("department_head", other_department)
    received, drafted, public = new_message(), replied(), published()
    attempts = [
        lambda: actions.reply_message(actor=outsider, message=received, reply="不是我们部门的留言"),
        lambda: actions.publish_message(actor=other_head, message=drafted),
        lambda: actions.withdraw_message(actor=other_head, message=public, reason="不是我们部门的留言"),
        lambda: actions.close_message(actor=other_head, message=received, reason="spam"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert sorted(Message.objects.values_list("status", flat=True)) == ["published", "received", "replied"]


def test_the_legal_affairs_office_and_leaders_see_every_message_but_answer_none(new_message, legal_officer, make_user,
                                                                                  legal_affairs_office):
    from yifa.interaction.registration import PUBLIC_MESSAGE

    leader = make_user("leader", legal_affairs_office)
    message = new_message()
    for user in (legal_officer, leader):
        assert list(PUBLIC_MESSAGE.visible_to(user)) == [message]
        with pytest.raises(PermissionDenied):
            actions.reply_message(actor=user, message=message, reply="法制办不代部门答复")


def test_the_public_cannot_take_a_step(new_message):
    message = new_message()
    with pytest.raises(PermissionDenied):
        actions.reply_message(actor=PublicVisitor("x"), message=message, reply="冒充部门答复内容")


def test_a_reply_dated_before_the_message_or_in_the_future_is_refused(new_message, editor):
    message = new_message()
    for day in (dt.date(2017, 9, 19), dt.date(2999, 1, 1)):
        with pytest.raises(ActionRefused):
            actions.reply_message(actor=editor, message=message, reply="您好！已安排维修。", replied_on=day)
    assert deadline_of(message, actions.REPLY) is not None


def test_a_published_message_is_found_by_the_site_search_masked_and_leaves_it_when_withdrawn(published, head):
    from yifa.search.query import search

    message = published()
    found = search(message.subject[:4], source="interaction.message")
    assert [item.key for item in found.items] == [message.reference]
    assert message.phone not in found.items[0].snippet_html
    actions.withdraw_message(actor=head, message=message, reason="答复中有错别字")
    assert search(message.subject[:4], source="interaction.message").total == 0
