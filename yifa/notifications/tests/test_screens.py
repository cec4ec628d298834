"""The back office: my notifications (only mine), the unread count on every page, the settings, and the
delivery log for system administrators only."""

import pytest

from yifa.notifications import actions
from yifa.notifications.kinds import EventKind
from yifa.notifications.models import Notification, Preference
from yifa.org.models import Role


def sidebar_item(page, name):
    """A menu item as the sidebar's props (JSON in the page) give it to the sidebar."""
    import json
    import re

    props = json.loads(re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page,
                                 re.S).group(1))

    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == name and "label" in node:
                yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    found = next(walk(props))
    return {"label": found["label"], "attrs": found.get("attrs") or {}}


def note(user, subject="待您办理：政府信息公开申请 TEST-2017-0001", url="/admin/cases/"):
    return actions.notify_user(user=user, kind=EventKind.WAITING, subject=lambda: subject, body=lambda: "正文",
                               url=url)


@pytest.fixture
def admin(make_user, department):
    return make_user(Role.SYSTEM_ADMIN, department, username="sysadmin")


def test_the_inbox_shows_my_notifications_only_and_the_menu_counts_the_unread(client, editor, head):
    note(editor, "给经办人的通知")
    note(head, "给负责人的通知")
    client.force_login(editor)
    page = client.get("/admin/notifications/").content.decode()
    assert "给经办人的通知" in page and "给负责人的通知" not in page
    item = sidebar_item(page, "notifications")
    assert item["label"] == "我的通知（1 条未读）" and item["attrs"] == {"data-yifa-unread": "1"}
    client.post("/admin/notifications/", {"all": "1"})
    item = sidebar_item(client.get("/admin/").content.decode(), "notifications")
    assert item["label"] == "我的通知" and "data-yifa-unread" not in item["attrs"]


def test_opening_a_notification_marks_it_read_and_goes_to_the_case(client, editor, head):
    mine = note(editor, url="/admin/cases/disclosure-request/1/")
    theirs = note(head)
    client.force_login(editor)
    assert client.get(f"/admin/notifications/{theirs.pk}/").status_code == 404
    response = client.get(f"/admin/notifications/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/cases/disclosure-request/1/"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_a_notification_with_a_foreign_link_goes_back_to_the_inbox(client, editor):
    odd = note(editor, url="//evil.example.com/")
    client.force_login(editor)
    assert client.get(f"/admin/notifications/{odd.pk}/")["Location"] == "/admin/notifications/"


def test_mark_read_touches_only_my_own(client, editor, head):
    mine, theirs = note(editor), note(head)
    client.force_login(editor)
    client.post("/admin/notifications/", {"id": [str(theirs.pk), str(mine.pk), "x"]})
    assert Notification.objects.get(pk=mine.pk).read_at and not Notification.objects.get(pk=theirs.pk).read_at
    note(editor)
    client.post("/admin/notifications/", {"all": "1"})
    assert not Notification.objects.filter(recipient_user=editor, read_at__isnull=True).exists()
    assert not Notification.objects.get(pk=theirs.pk).read_at


def test_the_inbox_query_count_does_not_grow_with_the_notifications(client, editor, django_assert_max_num_queries):
    for n in range(25):
        note(editor, f"通知 {n}")
    client.force_login(editor)
    with django_assert_max_num_queries(25):
        assert client.get("/admin/notifications/").status_code == 200


def test_preferences_are_saved_and_bad_input_is_refused_in_the_users_language(client, editor):
    client.force_login(editor)
    page = client.get("/admin/notifications/settings/").content.decode()
    assert "案件分派给我" in page and "始终" in page
    response = client.post("/admin/notifications/settings/", {
        "email_kinds": ["assigned"], "sms_kinds": ["overdue"], "mobile": "", "language": "zh-hans"})
    assert "请填写接收短信的手机号码" in response.content.decode()
    assert not Preference.objects.filter(user=editor).exists()
    response = client.post("/admin/notifications/settings/", {
        "email_kinds": ["assigned"], "sms_kinds": ["overdue"], "mobile": "12345", "language": "zh-hans"})
    assert "请填写正确的手机号码" in response.content.decode()
    response = client.post("/admin/notifications/settings/", {
        "email_kinds": ["assigned", "nonsense"], "sms_kinds": ["overdue"], "mobile": "13804550001", "language": "xx"})
    assert response.status_code == 200 and "nonsense" in response.content.decode()  # named in the field's error
    assert not Preference.objects.filter(user=editor).exists()
    response = client.post("/admin/notifications/settings/", {
        "email_kinds": ["assigned"], "sms_kinds": ["overdue"], "mobile": "138 0455 0001", "language": "en"})
    assert response.status_code == 302
    preference = Preference.objects.get(user=editor)
    assert (preference.email_kinds, preference.sms_kinds, preference.mobile) == (["assigned"], ["overdue"],
                                                                                 "13804550001")
    assert actions.user_language(editor) == "en"
    assert "Notification settings" in client.get("/admin/notifications/settings/").content.decode()


def test_the_delivery_log_is_for_system_administrators_and_masks_citizens_addresses(client, editor, admin,
                                                                                    registered):
    registered()
    client.force_login(editor)
    assert client.get("/admin/notifications/deliveries/").status_code in (302, 403)
    client.force_login(admin)
    page = client.get("/admin/notifications/deliveries/").content.decode()
    assert "申请人" in page and "wang@example.com" not in page and "w***@example.com" in page or "***" in page
    queued = client.get("/admin/notifications/deliveries/?status=queued&channel=email").content.decode()
    assert "申请人" in queued
    assert "没有符合条件" in client.get("/admin/notifications/deliveries/?status=failed").content.decode()
    assert client.get("/admin/notifications/deliveries/?status=<script>&kind=x&p=-1").status_code == 200
