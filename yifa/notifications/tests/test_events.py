"""Who is told what, when something happens to a case: the right people only, by the channels they chose,
in their language; and the citizen by the channel they chose, with no more personal data than needed."""

import datetime as dt

from django.core import mail

from yifa.casework.actions import assign_case
from yifa.casework.registry import case_type_of
from yifa.disclosure import actions as disclosure
from yifa.interaction import actions as interaction
from yifa.notifications import actions
from yifa.notifications.kinds import EventKind
from yifa.notifications.models import Delivery, Notification
from yifa.org.models import Role
from yifa.powers import actions as powers
from yifa.powers.tests.conftest import D, power, proposal

from .conftest import deliveries_to, inbox_of, with_email


def test_a_new_request_tells_its_departments_handlers_and_nobody_else(
        new_request, department, editor, head, outsider, legal_officer, make_user):
    admin = make_user(Role.SYSTEM_ADMIN, department)
    leader = make_user(Role.LEADER, department)
    new_request()
    assert inbox_of(editor) == [EventKind.WAITING] and inbox_of(head) == [EventKind.WAITING]
    assert inbox_of(outsider) == inbox_of(legal_officer) == inbox_of(admin) == inbox_of(leader) == []
    note = Notification.objects.get(recipient_user=editor)
    assert "王建国" not in note.subject + note.body  # the applicant's name stays in the case screen
    assert note.url.startswith("/admin/cases/disclosure-request/")


def test_assigning_tells_the_assignee_and_then_only_the_assignee_hears_of_the_case(
        new_request, department, editor, head, make_user):
    second_editor = make_user(Role.DEPARTMENT_EDITOR, department)
    request = new_request()
    Notification.objects.all().delete()
    case_type = case_type_of(request)
    assign_case(actor=head, case_type=case_type, case=request, assignee=editor, reason="请办理")
    assert inbox_of(editor) == [EventKind.ASSIGNED] and inbox_of(head) == inbox_of(second_editor) == []
    assert "分派给您" in Notification.objects.get(recipient_user=editor).body
    assign_case(actor=head, case_type=case_type, case=request, assignee=head)  # the head takes it over
    assert inbox_of(head) == []  # nobody is told of their own act


def test_a_reply_drafted_by_the_editor_waits_for_the_head_who_may_publish_it(replied, editor, head, make_user,
                                                                           department):
    other_head = make_user(Role.DEPARTMENT_HEAD, department)
    message = replied()
    kinds = Notification.objects.filter(target_id=str(message.pk), kind=EventKind.WAITING)
    # The new message waited for everyone who may reply; the draft reply waits for the heads only.
    assert sorted(kinds.filter(subject__contains="待您办理").values_list("recipient_user__username", flat=True)) \
        == sorted(["editor", "head", other_head.username, "head", other_head.username])
    assert inbox_of(editor) == [EventKind.WAITING]


def test_a_change_request_submitted_waits_for_the_legal_affairs_office_and_a_return_tells_the_submitter(
        department, editor, head, legal_officer, listed_power):
    request = powers.propose(actor=editor, department=department, title="压缩时限", proposals=[
        proposal(power(promised_limit=5), kind="modify", when=D(2017, 3, 1))])
    about = Notification.objects.filter(target_id=str(request.pk), target_repr=request.reference)
    assert not about.exists()  # a draft waits for nobody else
    powers.submit_request(actor=head, change_request=request)
    assert list(about.values_list("recipient_user__username", "kind")) == [("legal", EventKind.WAITING)]
    powers.return_request(actor=legal_officer, change_request=request, reason="承诺时限的依据不足")
    returned = about.get(kind=EventKind.RETURNED)
    assert returned.recipient_user == head  # who submitted it; not the editor, not the office that returned it
    assert "承诺时限的依据不足" in returned.body and "退回修改" in returned.body
    assert about.count() == 2


def test_each_step_of_a_request_reaches_the_applicant_by_the_email_they_chose(registered, editor, head):
    mail.outbox.clear()
    request = registered()  # delivery "email", with an address
    note = Notification.objects.get(recipient_user=None, kind=EventKind.CASE_STEP)
    assert note.recipient_label == "申请人" and request.reference in note.subject
    assert "已登记" in note.body and "答复期限至 2017-10-" in note.body
    text = note.subject + note.body
    assert "王建国" not in text and request.id_number not in text and "正阳大街" not in text
    delivery = note.deliveries.get()
    assert (delivery.channel, delivery.address) == ("email", "wang@example.com")
    disclosure.extend_reply(actor=head, request=request, length=15, approved_on=dt.date(2017, 10, 16),
                            reason="需要调取档案")
    disclosure.reply_request(actor=editor, request=request, outcome="granted", reason="",
                             replied_on=dt.date(2017, 10, 20), summary="予以公开", files=[], special_channel="")
    bodies = list(Notification.objects.filter(recipient_user=None).order_by("id").values_list("body", flat=True))
    assert len(bodies) == 3 and "已延长" in bodies[1] and "已答复" in bodies[2]
    # Record-only and internal steps (consultation, challenges) tell the applicant nothing.
    assert deliveries_to("wang@example.com").count() == 3


def test_an_applicant_who_asked_for_paper_hears_by_sms_and_one_with_a_landline_is_recorded_unsent(
        registered, sms):
    registered(delivery="paper_mail")
    assert Delivery.objects.get(notification__recipient_user=None).channel == "sms"
    registered(delivery="paper_mail", phone="0455-7712345")
    unsent = Notification.objects.filter(recipient_user=None).latest("id")
    assert unsent.deliveries.count() == 1 and unsent.deliveries.get().channel == "email"
    registered(delivery="paper_mail", phone="0455-7712345", email="")
    assert Notification.objects.filter(recipient_user=None).latest("id").deliveries.count() == 0


def test_a_message_writer_hears_when_the_reply_is_published_and_not_before(replied, head):
    message = replied()
    assert not Notification.objects.filter(recipient_user=None).exists()  # a draft reply is not yet an answer
    interaction.publish_message(actor=head, message=message)
    note = Notification.objects.get(recipient_user=None)
    assert note.recipient_label == "留言人" and message.reference in note.body and "王建国" not in note.body


def test_preferences_choose_the_channels_and_the_inbox_always_keeps_a_copy(new_request, editor, head, sms):
    with_email(editor, "editor@zhaodong.gov.cn")
    with_email(head, "head@zhaodong.gov.cn")
    actions.save_preferences(actor=head, user=head, email_kinds=[], sms_kinds=[EventKind.WAITING],
                             mobile="138 0455 0001")
    new_request()
    by_user = {user.username: sorted(Delivery.objects.filter(notification__recipient_user=user)
                                     .values_list("channel", flat=True)) for user in (editor, head)}
    assert by_user == {"editor": ["email", "inbox"], "head": ["inbox", "sms"]}
    assert Delivery.objects.get(channel="sms").address == "13804550001"


def test_a_user_who_chose_english_gets_english(new_request, editor, head):
    actions.save_preferences(actor=editor, user=editor, email_kinds=[], sms_kinds=[], language="en")
    new_request()
    english = Notification.objects.get(recipient_user=editor)
    chinese = Notification.objects.get(recipient_user=head)
    assert english.language == "en"
    assert english.subject == f"Waiting for you: Request for government information {english.target_repr}"
    assert "is now “Submitted" in english.body or "is now “" in english.body
    assert chinese.language == "zh-hans" and "待您办理" in chinese.subject


def test_a_failure_to_make_a_notification_does_not_undo_the_step(registered, editor, monkeypatch):
    request = registered()

    def broken(**kwargs):
        raise RuntimeError("template bug")

    monkeypatch.setattr(actions, "notify_citizen", broken)
    disclosure.reply_request(actor=editor, request=request, outcome="granted", reason="",
                             replied_on=dt.date(2017, 10, 10), summary="予以公开", files=[], special_channel="")
    request.refresh_from_db()
    assert request.status == "concluded"


def test_a_message_left_on_the_portal_tells_the_department_not_the_writer(new_message, editor):
    new_message()  # the writer sees the query code on the confirmation page
    assert inbox_of(editor) == [EventKind.WAITING]
    assert not Notification.objects.filter(recipient_user=None).exists()
