"""The API: the same form, actions and selectors as the portal; bad input gets 4xx JSON in Chinese."""

import json

import pytest

from yifa.interaction.models import Message


@pytest.fixture
def payload(department):
    return {"department": department.code, "subject": "小区门前道路破损", "content": "正阳大街某小区门前道路坑洼，雨天积水严重。",
            "name": "王建国", "phone": "13804551234", "email": "wang@example.com", "publish_name": True, "salutation": "先生"}


def post(client, body, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/api/interaction/messages", data, content_type="application/json", **extra)


def test_a_message_is_left_through_the_api(client, payload):
    response = post(client, payload)
    assert response.status_code == 201, response.content
    data = response.json()
    message = Message.objects.get()
    assert data == {"reference": message.reference, "query_code": message.query_code, "status": "已收到，部门正在办理"}
    assert (message.publish_name, message.salutation, message.public_author) == (True, "先生", "王先生")


def test_publishing_the_surname_through_the_api_needs_a_salutation(client, payload):
    response = post(client, {**payload, "salutation": ""})
    assert response.status_code == 422 and "先生" in response.json()["errors"]["salutation"][0]
    assert post(client, {**payload, "salutation": 3}).status_code == 422
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"department": "nosuch"}, "department", "所选部门不存在"),
        ({"department": 5}, "department", "所选部门不存在"),
        ({"department": ""}, "department", "请选择留言的部门"),
        ({"phone": "12345"}, "phone", "请填写正确的联系电话"),
        ({"phone": None}, "phone", "请填写联系电话"),
        ({"email": "nope"}, "email", "请填写正确的电子邮箱"),
        ({"content": "长" * 2001}, "content", "2000"),
        ({"content": ["a", "list"]}, "content", ""),
        ({"subject": "标题\x00"}, "subject", ""),
    ],
)
def test_bad_input_gets_422_with_the_forms_chinese_messages(client, payload, changes, field, text):
    response = post(client, {**payload, **changes})
    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "留言内容有误，请按提示修改。"
    assert field in data["errors"] and text in " ".join(data["errors"][field])
    assert not Message.objects.exists()


def test_missing_fields_are_named_in_chinese(client):
    response = post(client, {})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["subject"] == ["请填写留言标题。"] and errors["department"] == ["请选择留言的部门。"]


@pytest.mark.parametrize("body", ["not json", "[1, 2]", "\"a string\"", b"\xff\xfe", ""])
def test_a_body_that_is_not_a_json_object_gets_400(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_the_api_shares_the_portals_rate_limit(client, payload, form_data):
    for _ in range(3):
        assert client.post("/hdjl/liuyan/", form_data, REMOTE_ADDR="10.3.3.3").status_code == 302
    for _ in range(2):
        assert post(client, payload, REMOTE_ADDR="10.3.3.3").status_code == 201
    response = post(client, payload, REMOTE_ADDR="10.3.3.3")
    assert response.status_code == 429 and "每小时最多提交 5 条留言" in response.json()["detail"]
    assert Message.objects.count() == 5


def test_the_author_looks_a_message_up_by_code_and_phone(client, published):
    message = published(reply="您好！已安排维修。")
    response = client.post("/api/interaction/lookup", {"code": message.query_code, "phone": "13804551234"}, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert (data["reference"], data["status"], data["reply"]) == (message.reference, "已答复并在网站公开", "您好！已安排维修。")
    assert "13804551234" not in response.content.decode()
    wrong = client.post("/api/interaction/lookup", {"code": message.query_code, "phone": "13900000000"}, content_type="application/json")
    assert wrong.status_code == 404 and message.reference not in wrong.content.decode()
    missing = client.post("/api/interaction/lookup", {}, content_type="application/json")
    assert missing.status_code == 422 and "查询码" in missing.json()["detail"]


def test_a_draft_reply_is_not_in_the_lookup(client, replied):
    message = replied(reply="还没有审核的答复草稿")
    data = client.post("/api/interaction/lookup", {"code": message.query_code, "phone": "13804551234"}, content_type="application/json").json()
    assert data["reply"] == "" and data["status"] == "部门已答复，正在审核后公开"


def test_published_messages_are_listed_masked_newest_first(client, published, new_message, department):
    import datetime as dt

    older = published(left_on=dt.date(2017, 1, 5), subject="较早的留言")
    newer = published(left_on=dt.date(2017, 3, 5), subject="较新的留言")
    new_message(subject="没有公开的留言")
    data = client.get("/api/interaction/messages").json()
    assert data["count"] == 2 and data["pages"] == 1
    assert [item["reference"] for item in data["items"]] == [newer.reference, older.reference]
    item = data["items"][0]
    # The author's phone and e-mail are never published, not even masked.
    assert item["author"] == "网友" and "phone" not in item and "email" not in item
    body = json.dumps(data, ensure_ascii=False)
    assert "王建国" not in body and "13804551234" not in body and "没有公开的留言" not in body
    assert client.get(f"/api/interaction/messages?department={department.code}").json()["count"] == 2
    detail = client.get(f"/api/interaction/messages/{older.reference}")
    assert detail.status_code == 200 and detail.json()["subject"] == "较早的留言"


@pytest.mark.parametrize(("query", "status"), [("department=nosuch", 422), ("page=abc", 422), ("page=0", 404),
                                               ("page=9", 404)])
def test_a_bad_listing_query_gets_a_chinese_message(client, published, query, status):
    published()
    response = client.get(f"/api/interaction/messages?{query}")
    assert response.status_code == status
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"])


def test_an_unpublished_message_is_not_found(client, replied):
    message = replied()
    response = client.get(f"/api/interaction/messages/{message.reference}")
    assert response.status_code == 404 and response.json()["detail"] == "没有这条公开的留言。"


def test_the_endpoints_are_documented_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/interaction/messages", "/api/interaction/lookup", "/api/interaction/messages/{reference}"):
        assert path in paths, sorted(paths)
    submit = paths["/api/interaction/messages"]["post"]
    body = submit["requestBody"]["content"]["application/json"]["schema"]
    assert {"department", "subject", "content", "name", "phone"} <= set(body["required"])
    assert {"201", "400", "422", "429"} <= set(submit["responses"])
    assert paths["/api/interaction/messages"]["get"]["summary"].startswith("留言选登")


def test_a_body_sent_as_plain_text_is_refused_as_a_cross_site_form_would_send_it(client, payload):
    """A page on another site can post text/plain without asking; only application/json is accepted."""
    import json as json_module

    response = client.post("/api/interaction/messages", json_module.dumps(payload), content_type="text/plain")
    assert response.status_code == 415 and "application/json" in response.json()["detail"]
    from yifa.interaction.models import Message

    assert not Message.objects.exists()


def test_the_lookup_takes_the_code_and_phone_in_the_body_not_the_url(client, new_message):
    message = new_message()
    assert client.get(f"/api/interaction/lookup?code={message.query_code}&phone=13804551234").status_code == 405
