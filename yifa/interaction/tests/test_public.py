"""The portal side: leaving a message, everything a visitor can get wrong, the rate limit, the published
messages (masked and escaped), and the author's lookup."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yifa.calendar.models import Deadline
from yifa.interaction import actions
from yifa.interaction.models import Message

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_a_citizen_leaves_a_message_and_gets_a_query_code(client, form_data, department):
    response = client.post("/hdjl/liuyan/", form_data)
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.status, message.phone, message.email, message.department) == (
        "received", "13804551234", "wang@example.com", department)
    body = client.get(response.url).content.decode()
    assert message.query_code in body and message.reference in body
    assert Deadline.objects.for_object(message).get().code == "reply"


def test_the_form_tells_the_citizen_the_reply_periods_and_that_they_are_a_local_rule(client, db, settings):
    """rules.md "Government website": the reply period is a setting by local rule, and the UI says which."""
    settings.YIFA_MESSAGE_REPLY_WORKING_DAYS, settings.YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS = 7, 15
    settings.YIFA_MESSAGE_REPLY_RULE = "《肇东市政府网站留言办理办法》"
    body = client.get("/hdjl/liuyan/").content.decode()
    assert "7 个工作日内答复" in body and "15 个工作日内答复" in body
    assert "本市规定（《肇东市政府网站留言办理办法》）" in body


def test_the_form_offers_every_active_department(client, department, other_department):
    other_department.is_active = False
    other_department.save()
    body = client.get("/hdjl/liuyan/").content.decode()
    assert department.name in body and other_department.name not in body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"department": ""}, "department", "请选择留言的部门"),
        ({"department": "999999"}, "department", "所选部门不存在"),
        ({"department": "1 OR 1=1"}, "department", "所选部门不存在"),
        ({"subject": ""}, "subject", "请填写留言标题"),
        ({"subject": "路" * 101}, "subject", "不能超过 100 字"),
        ({"content": ""}, "content", "请填写留言内容"),
        ({"content": "太差"}, "content", "至少 5 字"),
        ({"content": "长" * 2001}, "content", "不能超过 2000 字"),
        ({"content": "正常的内容\x00后面有空字符"}, "content", ""),
        ({"content": "正常的内容\x1b[31m终端控制"}, "content", "控制字符"),
        ({"subject": "看起来正常\u202egnp.exe"}, "subject", "控制字符"),
        ({"name": ""}, "name", "请填写您的姓名"),
        ({"name": "名" * 31}, "name", "不能超过 30 字"),
        ({"phone": ""}, "phone", "请填写联系电话"),
        ({"phone": "12345"}, "phone", "请填写正确的联系电话"),
        ({"phone": "12804551234"}, "phone", "请填写正确的联系电话"),
        ({"phone": "1380455123"}, "phone", "请填写正确的联系电话"),
        ({"phone": "'; DROP TABLE interaction_message; --"}, "phone", "请填写正确的联系电话"),
        ({"email": "not-an-email"}, "email", "请填写正确的电子邮箱"),
        ({"email": "a@b"}, "email", "请填写正确的电子邮箱"),
        ({"email": "<script>@x.com"}, "email", "请填写正确的电子邮箱"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_nothing_is_saved(client, form_data, changes, field, message):
    response = client.post("/hdjl/liuyan/", {**form_data, **changes})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert f'id="id_{field}_errors"' in response.content.decode()  # shown next to the field
    assert not Message.objects.exists() and not Deadline.objects.exists()


@pytest.mark.parametrize("phone", ["13804551234", "+86 138 0455 1234", "0455-7771365", "04557771365", "(0455)7771365"])
def test_mobiles_and_landlines_are_accepted(client, form_data, phone):
    assert client.post("/hdjl/liuyan/", {**form_data, "phone": phone}).status_code == 302


def test_a_form_without_any_fields_lists_every_problem(client, department):
    response = client.post("/hdjl/liuyan/", {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"department", "subject", "content", "name", "phone"}


def test_a_robot_that_fills_the_hidden_field_is_turned_away(client, form_data):
    response = client.post("/hdjl/liuyan/", {**form_data, "website": "http://spam.example"})
    assert response.status_code == 200
    assert "提交未成功" in response.content.decode()
    assert not Message.objects.exists()


def test_a_client_may_leave_five_messages_an_hour(client, form_data):
    for _ in range(5):
        assert client.post("/hdjl/liuyan/", form_data, REMOTE_ADDR="10.1.1.1").status_code == 302
    response = client.post("/hdjl/liuyan/", form_data, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "每小时最多提交 5 条留言" in response.content.decode()
    assert Message.objects.count() == 5
    assert client.post("/hdjl/liuyan/", form_data, REMOTE_ADDR="10.1.1.2").status_code == 302


def test_mistakes_do_not_use_up_the_limit(client, form_data, settings):
    settings.YIFA_MESSAGE_LIMIT_PER_HOUR = 1
    for _ in range(3):
        client.post("/hdjl/liuyan/", {**form_data, "phone": "12345"}, REMOTE_ADDR="10.1.1.3")
    assert client.post("/hdjl/liuyan/", form_data, REMOTE_ADDR="10.1.1.3").status_code == 302
    assert client.post("/hdjl/liuyan/", form_data, REMOTE_ADDR="10.1.1.3").status_code == 429


# --- published messages ---------------------------------------------------------------------------------


def test_publication_never_shows_the_phone_email_or_full_name_only_a_chosen_surname_and_salutation(client, published):
    anonymous = published(name="王建国", publish_name=False, phone="13804551234", email="wang@example.com")
    named = published(name="李秀英", publish_name=True, salutation="女士", phone="0455-7654321", email="")
    body = client.get(f"/hdjl/liuyan/gongkai/{anonymous.reference}/").content.decode()
    assert "王建国" not in body and "网友" in body
    assert "13804551234" not in body and "138****1234" not in body
    assert "wang@example.com" not in body and "w***@example.com" not in body
    body = client.get(f"/hdjl/liuyan/gongkai/{named.reference}/").content.decode()
    assert "李女士" in body and "李秀英" not in body
    assert "0455-7654321" not in body and "045****4321" not in body
    listing = client.get("/hdjl/liuyan/gongkai/").content.decode()
    assert "王建国" not in listing and "李秀英" not in listing and "13804551234" not in listing


def test_the_author_chooses_on_the_form_how_they_are_named(client, form_data):
    client.post("/hdjl/liuyan/", {**form_data, "name": "欧阳明", "shown_as": "先生"})
    message = Message.objects.get(name="欧阳明")
    assert (message.publish_name, message.salutation, message.public_author) == (True, "先生", "欧阳先生")
    client.post("/hdjl/liuyan/", {**form_data, "name": "张丽", "subject": "另一条留言", "shown_as": "anonymous"})
    assert Message.objects.get(name="张丽").public_author == "网友"
    response = client.post("/hdjl/liuyan/", {**form_data, "name": "赵刚", "shown_as": "王先生"})
    assert response.status_code == 200 and "请选择公开时留言人的显示方式" in response.content.decode()
    assert not Message.objects.filter(name="赵刚").exists()


def test_phone_numbers_ids_and_emails_written_into_the_text_are_masked_too(client, published):
    message = published(content="我的电话是13904551234，身份证231282198001010014，邮箱sun@example.com，请回电。",
                        reply="已按您留的电话 139 0455 1234 联系。")
    body = client.get(f"/hdjl/liuyan/gongkai/{message.reference}/").content.decode()
    for secret in ("13904551234", "231282198001010014", "sun@example.com", "139 0455 1234"):
        assert secret not in body
    assert "139****1234" in body and "231282********0014" in body and "s***@example.com" in body


def test_html_in_a_message_is_shown_as_text_everywhere(client, published, logged_in, editor):
    message = published(subject=f"标题{HOSTILE}", content=f"内容{HOSTILE}", name=f"名{HOSTILE}"[:30],
                        publish_name=True, reply=f"答复{HOSTILE}")
    pages = [f"/hdjl/liuyan/gongkai/{message.reference}/", "/hdjl/liuyan/gongkai/", "/hdjl/liuyan/"]
    lookup = client.post("/hdjl/liuyan/chaxun/", {"code": message.query_code, "phone": "13804551234"})
    for url, body in [*((url, client.get(url).content.decode()) for url in pages),
                      ("/hdjl/liuyan/chaxun/", lookup.content.decode())]:
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;" in body, url
    staff = logged_in(editor)
    for url in [f"/admin/cases/public-message/{message.pk}/", "/admin/cases/public-message/?status=all"]:
        body = staff.get(url).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;" in body, url


def test_only_published_messages_reach_the_portal(client, new_message, replied, published):
    received, drafted, public = new_message(subject="还没有答复的留言"), replied(subject="答复还在审核的留言"), published()
    listing = client.get("/hdjl/liuyan/gongkai/").content.decode()
    assert public.subject in listing and "还没有答复的留言" not in listing and "答复还在审核的留言" not in listing
    for message in (received, drafted):
        assert client.get(f"/hdjl/liuyan/gongkai/{message.reference}/").status_code == 404
    assert client.get("/hdjl/liuyan/gongkai/LY-9999-99999/").status_code == 404


def test_the_listing_is_newest_first_paged_and_filtered_by_department(client, published, new_message, other_department,
                                                                        make_user, django_assert_max_num_queries):
    for n in range(12):
        published(left_on=dt.date(2017, 1, 1) + dt.timedelta(days=n), subject=f"第{n:02d}号留言")
    other = new_message(left_on=dt.date(2017, 6, 1), subject="另一部门的留言", department=other_department)
    other_head = make_user("department_head", other_department)
    actions.reply_message(actor=other_head, message=other, reply="另一部门的答复。")
    actions.publish_message(actor=other_head, message=other)
    with django_assert_max_num_queries(12):
        body = client.get("/hdjl/liuyan/gongkai/").content.decode()
    subjects = re.findall(r"第\d\d号留言|另一部门的留言", body)
    assert subjects[:3] == ["另一部门的留言", "第11号留言", "第10号留言"] and len(subjects) == 10
    assert "第 1 页，共 2 页" in body
    second = client.get("/hdjl/liuyan/gongkai/?p=2").content.decode()
    assert re.findall(r"第\d\d号留言", second) == ["第02号留言", "第01号留言", "第00号留言"]
    filtered = client.get(f"/hdjl/liuyan/gongkai/?department={other_department.code}").content.decode()
    assert re.findall(r"第\d\d号留言|另一部门的留言", filtered) == ["另一部门的留言"]
    # The pager keeps the filter: page 2 of one department's messages.
    department = Message.objects.filter(subject="第00号留言").values_list("department__code", flat=True).get()
    first_of_one = client.get(f"/hdjl/liuyan/gongkai/?department={department}").content.decode()
    assert f'href="?department={department}&amp;p=2"' in first_of_one


def test_the_listings_queries_do_not_grow_with_the_page(client, published):
    for n in range(3):
        published(subject=f"留言{n}")
    client.get("/hdjl/liuyan/gongkai/")  # the first request creates the portal's settings row
    with CaptureQueriesContext(connection) as few:
        client.get("/hdjl/liuyan/gongkai/")
    for n in range(3, 10):
        published(subject=f"留言{n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/hdjl/liuyan/gongkai/")
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("query", ["department=nosuch", "department=%3Cscript%3E", "p=abc", "p=-1", "p=99999"])
def test_a_malformed_filter_or_page_still_shows_the_listing(client, published, query):
    published()
    response = client.get(f"/hdjl/liuyan/gongkai/?{query}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>" not in body
    if query.startswith("department"):
        assert "已显示全部部门的留言" in body


# --- the author's lookup --------------------------------------------------------------------------------


def test_the_author_sees_the_status_with_code_and_phone(client, new_message):
    message = new_message()
    body = client.post("/hdjl/liuyan/chaxun/", {"code": message.query_code.lower(), "phone": "138-0455-1234"}).content.decode()
    assert "已收到，部门正在办理" in body and message.subject in body and "2017-09-27" in body  # the reply period


def test_the_lookup_shows_the_reply_once_published_and_the_reason_when_declined(client, published, new_message, head):
    public = published(reply="您好！已安排维修，本月底完工。")
    body = client.post("/hdjl/liuyan/chaxun/", {"code": public.query_code, "phone": "13804551234"}).content.decode()
    assert "已答复并在网站公开" in body and "本月底完工" in body
    declined = new_message()
    actions.close_message(actor=head, message=declined, reason="out_of_scope", note="请向市信访局反映。")
    body = client.post("/hdjl/liuyan/chaxun/", {"code": declined.query_code, "phone": "13804551234"}).content.decode()
    assert "不予受理" in body and "不属于本部门职责" in body and "请向市信访局反映" in body


def test_a_draft_reply_is_not_shown_to_the_author_before_it_is_approved(client, replied):
    message = replied(reply="这是还没有审核的答复草稿")
    body = client.post("/hdjl/liuyan/chaxun/", {"code": message.query_code, "phone": "13804551234"}).content.decode()
    assert "正在审核后公开" in body and "答复草稿" not in body


@pytest.mark.parametrize("query", ["code={code}&phone=13900000000", "code=LY-AAAAAAAAAA&phone=13804551234",
                                   "code={code}&phone=", "code=&phone=13804551234", "code=%3Cscript%3E&phone=1"])
def test_a_wrong_code_or_phone_shows_nothing_of_anybodys_message(client, new_message, query):
    message = new_message(subject="别人的留言标题")
    from django.http import QueryDict

    response = client.post("/hdjl/liuyan/chaxun/", QueryDict(query.format(code=message.query_code)).dict())
    body = response.content.decode()
    assert response.status_code in (200, 404)
    assert "别人的留言标题" not in body and message.reference not in body and "<script>" not in body


def test_lookups_are_rate_limited(client, new_message):
    for _ in range(60):
        client.post("/hdjl/liuyan/chaxun/", {"code": "LY-AAAAAAAAAA", "phone": "13804551234"}, REMOTE_ADDR="10.2.2.2")
    response = client.post("/hdjl/liuyan/chaxun/", {"code": "LY-AAAAAAAAAA", "phone": "13804551234"}, REMOTE_ADDR="10.2.2.2")
    assert response.status_code == 429 and "查询过于频繁" in response.content.decode()


def test_the_confirmation_page_needs_a_message_left_in_this_session(client):
    assert client.get("/hdjl/liuyan/yitijiao/").status_code == 302
