"""Sending: after the action commits; an unreachable server fails the delivery (recorded, retried with
back-off, failed for good after the last attempt), never the action; an address that bounces is marked and
not sent to again."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from yifa.audit.actors import SystemJob
from yifa.audit.models import AuditEvent
from yifa.disclosure.models import DisclosureRequest
from yifa.notifications import actions
from yifa.notifications.models import BouncedAddress, Delivery

FAILING = "yifa.notifications.tests.conftest.FailingEmailBackend"
BOUNCING = "yifa.notifications.tests.conftest.BouncingEmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def applicant_delivery():
    return Delivery.objects.get(notification__recipient_user=None, channel="email")


def test_nothing_is_sent_before_the_action_commits_and_the_mail_goes_after(registered, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registered()
        assert mail.outbox == [] and applicant_delivery().status == "queued"
    assert callbacks  # the delivery waits for the commit
    for callback in callbacks:
        callback()
    delivery = applicant_delivery()
    assert delivery.status == "sent" and delivery.attempts == 1 and delivery.sent_at is not None
    assert [message.to for message in mail.outbox] == [["wang@example.com"]]
    assert "已登记" in mail.outbox[0].body and "王建国" not in mail.outbox[0].body


def test_an_unreachable_mail_server_fails_the_delivery_not_the_registration(
        registered, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        request = registered()
    assert DisclosureRequest.objects.get(pk=request.pk).status == "handling"  # the step stands
    delivery = applicant_delivery()
    assert delivery.status == "queued" and delivery.attempts == 1
    assert "Connection refused" in delivery.last_error
    assert delivery.next_attempt_at - timezone.now() > dt.timedelta(minutes=4)


def test_retries_back_off_and_stop_after_the_last_attempt(registered, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    settings.YIFA_NOTIFY_MAX_ATTEMPTS = 4
    with django_capture_on_commit_callbacks(execute=True):
        registered()
    delivery = applicant_delivery()
    now = timezone.now()
    assert actions.retry_due_deliveries(now=now) == {}  # not due yet: nothing is tried early
    waits = []
    for _attempt in range(3):
        delivery.refresh_from_db()
        waits.append(delivery.next_attempt_at - now if delivery.next_attempt_at else None)
        now = delivery.next_attempt_at
        actions.retry_due_deliveries(now=now)
    delivery.refresh_from_db()
    assert [round(wait.total_seconds() / 60) for wait in waits[:2]] == [5, 15]  # then 45: each three times longer
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 4, None)
    assert "Connection refused" in delivery.last_error  # failed for good, and still in the log
    assert actions.retry_due_deliveries(now=now + dt.timedelta(days=30)) == {}


def test_a_retry_after_the_server_is_back_delivers(registered, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        registered()
    settings.EMAIL_BACKEND = LOCMEM
    mail.outbox.clear()
    counts = actions.retry_due_deliveries(now=timezone.now() + dt.timedelta(minutes=6))
    assert counts == {"sent": 1} and len(mail.outbox) == 1
    assert applicant_delivery().attempts == 2


def test_the_backoff_never_waits_more_than_a_day():
    assert actions.backoff(1) == dt.timedelta(minutes=5)
    assert actions.backoff(3) == dt.timedelta(minutes=45)
    assert actions.backoff(30) == dt.timedelta(days=1)


def test_an_address_the_server_refuses_is_marked_bounced_and_never_sent_to_again(
        registered, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = BOUNCING
    with django_capture_on_commit_callbacks(execute=True):
        registered()
    delivery = applicant_delivery()
    assert delivery.status == "bounced" and "550" in delivery.last_error
    assert BouncedAddress.objects.filter(channel="email", address="wang@example.com").exists()
    settings.EMAIL_BACKEND = LOCMEM
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registered()  # the same applicant files again
    later = Delivery.objects.filter(notification__recipient_user=None).latest("id")
    assert later.status == "bounced" and later.attempts == 0 and mail.outbox == []
    assert actions.retry_due_deliveries(now=timezone.now() + dt.timedelta(days=2)) == {}


def test_a_number_the_sms_gateway_rejects_is_bounced_and_a_gateway_down_is_retried(
        registered, sms, django_capture_on_commit_callbacks):
    sms.reject.add("13804551234")
    with django_capture_on_commit_callbacks(execute=True):
        registered(delivery="paper_mail")
    assert Delivery.objects.get(channel="sms").status == "bounced" and sms.sent == []
    sms.down = True
    with django_capture_on_commit_callbacks(execute=True):
        registered(delivery="paper_mail", phone="13904551234")
    down = Delivery.objects.filter(channel="sms").latest("id")
    assert (down.status, down.attempts) == ("queued", 1) and "TimeoutError" in down.last_error
    sms.down = False
    actions.retry_due_deliveries(now=timezone.now() + dt.timedelta(minutes=6))
    down.refresh_from_db()
    assert down.status == "sent" and sms.sent[0][0] == "13904551234" and "已登记" in sms.sent[0][1]


def test_a_bounce_report_stops_queued_deliveries_and_is_in_the_audit_log(registered, settings, capsys):
    registered()  # its delivery stays queued: the commit hooks do not run here
    call_command("notifications", "bounce", "email", "Wang@Example.com", "--reason", "退信：邮箱不存在")
    assert applicant_delivery().status == "bounced"
    event = AuditEvent.objects.get(event_type="notifications.address_bounced")
    assert "wang@example.com" not in str(event.new_values)  # masked in the log
    call_command("notifications", "unbounce", "email", "wang@example.com")
    assert not BouncedAddress.objects.exists()
    assert "已清除" in capsys.readouterr().out


def test_only_a_system_administrator_marks_addresses_bounced(editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.mark_bounced(actor=editor, channel="email", address="a@example.com")
    actions.mark_bounced(actor=SystemJob("mail-bounces"), channel="email", address="a@example.com")
    with pytest.raises(actions.ActionRefused):
        actions.mark_bounced(actor=SystemJob("mail-bounces"), channel="fax", address="1")


def test_the_retry_command_sends_what_is_due(registered, capsys):
    registered()
    call_command("notifications", "retry")
    assert "已发送 1" in capsys.readouterr().out and applicant_delivery().status == "sent"


def test_when_an_applicant_cannot_be_reached_the_handlers_are_told_once(
        registered, editor, head, settings, django_capture_on_commit_callbacks):
    """Nothing dropped silently: a citizen's notification that fails for good, or bounces, reaches the case's
    handlers' inboxes (once per notification), so they tell the applicant another way."""
    from yifa.notifications.models import Notification

    settings.EMAIL_BACKEND = BOUNCING
    with django_capture_on_commit_callbacks(execute=True):
        request = registered()
    told = Notification.objects.filter(kind="undelivered")
    assert {n.recipient_user for n in told} == {editor, head}
    assert all(request.reference in n.subject and "申请人" in n.body for n in told)
    assert all("王建国" not in n.body + n.subject for n in told)  # the applicant's name stays on the case
    actions.retry_due_deliveries(now=timezone.now() + dt.timedelta(days=2))
    assert told.count() == 2


def test_an_assigned_case_tells_only_its_handler_that_the_applicant_was_not_reached(
        registered, editor, head, settings, django_capture_on_commit_callbacks):
    from yifa.casework.actions import assign_case
    from yifa.casework.registry import case_type_of
    from yifa.disclosure import actions as disclosure
    from yifa.notifications.models import Notification

    request = registered()
    assign_case(actor=head, case_type=case_type_of(type(request)), case=request, assignee=editor)
    settings.EMAIL_BACKEND = FAILING
    settings.YIFA_NOTIFY_MAX_ATTEMPTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        disclosure.request_correction(actor=editor, request=request, items="请写明所需文件的文号。",
                                      requested_on=request.received_on)
    assert list(Notification.objects.filter(kind="undelivered").values_list("recipient_user", flat=True)) == [editor.pk]
