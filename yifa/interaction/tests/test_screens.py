"""The back-office screens: each department its own messages, the steps through the actions, the log and deadline."""

import pytest

from yifa.calendar.selectors import deadline_of
from yifa.interaction import actions
from yifa.interaction.models import Message


def test_the_queue_shows_open_messages_soonest_due_first(logged_in, editor, new_message, django_assert_max_num_queries):
    import datetime as dt

    later = new_message(left_on=dt.date(2017, 9, 20))
    sooner = new_message(left_on=dt.date(2017, 6, 1))
    client = logged_in(editor)
    client.get("/admin/cases/public-message/")
    with django_assert_max_num_queries(25):
        body = client.get("/admin/cases/public-message/").content.decode()
    assert body.index(sooner.reference) < body.index(later.reference)
    assert "2017-09-27" in body and "已逾期" in body  # five working days after 2017-09-20 (the local rule)


def test_the_queues_queries_do_not_grow_with_the_messages(logged_in, editor, new_message):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in(editor)
    new_message()
    client.get("/admin/cases/public-message/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/cases/public-message/")
    for _ in range(8):
        new_message()
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/cases/public-message/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_another_departments_staff_see_none_of_it_on_any_screen(logged_in, outsider, new_message, replied, published):
    received, drafted, public = new_message(), replied(), published()
    client = logged_in(outsider)
    listing = client.get("/admin/cases/public-message/?status=all").content.decode()
    for message in (received, drafted, public):
        assert message.reference not in listing
        urls = [f"/admin/cases/public-message/{message.pk}/", *(f"/admin/cases/public-message/{message.pk}/step/{step}/"
                                                       for step in ("reply", "publish", "withdraw", "close", "mark_complex"))]
        for url in urls:
            assert client.get(url).status_code == 404, url
        deadline = deadline_of(message, actions.REPLY, running=False)
        assert client.get(f"/admin/deadlines/{deadline.pk}/").status_code == 404
    posts = [
        (received, "reply", {"reply": "不是我们部门的留言"}),
        (received, "close", {"reason": "spam", "note": ""}),
        (drafted, "publish", {}),
        (public, "withdraw", {"reason": "不是我们部门的留言"}),
        (received, "mark_complex", {"reason": "不是我们部门的留言"}),
    ]
    for message, step, data in posts:
        assert client.post(f"/admin/cases/public-message/{message.pk}/step/{step}/", data).status_code == 404
    statuses = dict(Message.objects.values_list("pk", "status"))
    assert statuses == {received.pk: "received", drafted.pk: "replied", public.pk: "published"}
    assert received.subject not in client.get("/admin/").content.decode()  # not on the dashboard either


def test_the_legal_affairs_office_sees_every_department_but_is_offered_no_steps(logged_in, legal_officer, new_message):
    message = new_message()
    client = logged_in(legal_officer)
    assert message.reference in client.get("/admin/cases/public-message/").content.decode()
    body = client.get(f"/admin/cases/public-message/{message.pk}/").content.decode()
    assert message.content in body and "/step/" not in body


def test_the_editor_replies_and_the_head_publishes_through_the_screens(logged_in, editor, head, new_message, client):
    message = new_message()
    staff = logged_in(editor)
    body = staff.get(f"/admin/cases/public-message/{message.pk}/").content.decode()
    assert "/step/reply/" in body and "/step/publish/" not in body and "/step/close/" not in body
    response = staff.post(f"/admin/cases/public-message/{message.pk}/step/reply/", {"reply": "您好！已安排维修，本月底完工。"})
    assert response.status_code == 302
    refused = staff.post(f"/admin/cases/public-message/{message.pk}/step/publish/", {})
    assert refused.status_code == 200 and "您没有权限" in refused.content.decode()
    assert Message.objects.get().status == "replied"
    boss = logged_in(head)
    page = boss.get(f"/admin/cases/public-message/{message.pk}/step/publish/").content.decode()
    preview = page.split('class="yifa-preview"')[1].split("</section>")[0]  # what the portal will show
    assert "网友" in preview and "13804551234" not in preview and "138****1234" not in preview
    assert boss.post(f"/admin/cases/public-message/{message.pk}/step/publish/", {}).status_code == 302
    message.refresh_from_db()
    assert message.status == "published"
    body = boss.get(f"/admin/cases/public-message/{message.pk}/").content.decode()
    for logged in ("收到公众留言", "答复留言", "公开留言和答复", "办理记录"):
        assert logged in body  # the event log
    assert "留言答复期限" in body and "地方规则" in body  # the deadlines, citing the local rule
    assert "按期完成" in body or "逾期完成" in body


def test_a_step_form_with_bad_input_says_why_and_changes_nothing(logged_in, head, new_message):
    message = new_message()
    client = logged_in(head)
    response = client.post(f"/admin/cases/public-message/{message.pk}/step/reply/", {"reply": "短"})
    assert response.status_code == 200 and "至少 5 字" in response.content.decode()
    response = client.post(f"/admin/cases/public-message/{message.pk}/step/close/", {"reason": "other", "note": ""})
    assert response.status_code == 200 and "请写明不予受理的原因" in response.content.decode()
    response = client.post(f"/admin/cases/public-message/{message.pk}/step/publish/", {})
    assert response.status_code == 200 and "不能执行" in response.content.decode()
    assert client.get(f"/admin/cases/public-message/{message.pk}/step/nonsense/").status_code == 404
    message.refresh_from_db()
    assert (message.status, message.reply) == ("received", "")


def test_the_head_declines_and_withdraws_through_the_screens(logged_in, head, new_message, published):
    declined, public = new_message(), published()
    client = logged_in(head)
    assert client.post(f"/admin/cases/public-message/{declined.pk}/step/close/", {"reason": "spam", "note": ""}).status_code == 302
    assert client.post(f"/admin/cases/public-message/{public.pk}/step/withdraw/", {"reason": "答复有误"}).status_code == 302
    assert dict(Message.objects.values_list("pk", "status")) == {declined.pk: "closed", public.pk: "replied"}


@pytest.mark.parametrize("query", ["status=nonsense", "department=abc", "p=zzz", "status=closed&p=99"])
def test_a_malformed_queue_filter_is_ignored(logged_in, editor, new_message, query):
    new_message()
    assert logged_in(editor).get(f"/admin/cases/public-message/?{query}").status_code == 200


def test_the_deadline_appears_in_my_deadlines_on_the_dashboard(logged_in, editor, new_message):
    message = new_message()  # 2017: long overdue by now
    body = logged_in(editor).get("/admin/").content.decode()
    assert message.reference in body and "留言答复期限" in body
    assert f"/admin/cases/public-message/{message.pk}/" in body  # the panel links to the case screen


def test_the_website_check_shows_on_the_dashboard_of_those_who_edit_the_website(logged_in, editor, head,
                                                                                 new_message, department):
    """The warning goes to the site's editors, who can fix it, not to everyone in the department."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, Page

    from yifa.org.actions import role_group

    new_message()
    GroupPagePermission.objects.create(group=role_group("department_editor"), page=Page.get_first_root_node(),
                                       permission=Permission.objects.get(codename="change_page"))
    body = logged_in(editor).get("/admin/").content.decode()
    assert "超过 3 个月未答复" in body and department.name in body
    assert "超过 3 个月未答复" not in logged_in(head).get("/admin/").content.decode()


def test_the_head_marks_a_message_complex_on_its_screen_which_says_the_period_is_a_local_rule(
        logged_in, editor, head, new_message, settings):
    """rules.md "Government website": the reply period is a local rule (a setting), and the UI says so; marking a
    message complex is the head's step, with a reason, and its deadline becomes the complex one."""
    settings.YIFA_MESSAGE_REPLY_RULE = "《肇东市政府网站留言办理办法》"
    from django.utils import timezone

    message = new_message(left_on=timezone.localdate())  # marked today, within its period
    assert "/step/mark_complex/" not in logged_in(editor).get(f"/admin/cases/public-message/{message.pk}/").content.decode()
    client = logged_in(head)
    assert "/step/mark_complex/" in client.get(f"/admin/cases/public-message/{message.pk}/").content.decode()
    form = client.get(f"/admin/cases/public-message/{message.pk}/step/mark_complex/").content.decode()
    assert "5 个工作日" in form and "15 个工作日" in form and "《肇东市政府网站留言办理办法》" in form and "本地规则" in form
    refused = client.post(f"/admin/cases/public-message/{message.pk}/step/mark_complex/", {"reason": ""})
    assert refused.status_code == 200 and "请写明标记为复杂留言的理由" in refused.content.decode()
    done = client.post(f"/admin/cases/public-message/{message.pk}/step/mark_complex/", {"reason": "须到现场核查。"})
    assert done.status_code == 302
    body = client.get(f"/admin/cases/public-message/{message.pk}/").content.decode()
    assert "复杂留言" in body and "须到现场核查。" in body and "标记为复杂留言" in body  # the facts and the log
    assert deadline_of(message, actions.REPLY).length + 10 == 15


def test_the_contact_details_are_shown_only_to_those_who_handle_the_message(logged_in, legal_officer, editor, new_message):
    message = new_message()
    url = f"/admin/cases/public-message/{message.pk}/"
    supervising = logged_in(legal_officer).get(url).content.decode()
    assert message.reference in supervising and "仅承办人员可见" in supervising
    assert "13804551234" not in supervising and "wang@example.com" not in supervising
    assert "13804551234" in logged_in(editor).get(url).content.decode()
