"""The public side: filing on the portal and through the API, tracking, and everything a visitor can get wrong."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.disclosure.models import DisclosureRequest

from .conftest import valid_person_id

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def form_data(department):
    return {
        "department": department.pk, "applicant_type": "natural_person", "applicant_name": "王建国",
        "id_number": valid_person_id(), "phone": "138 0455 1234", "email": "wang@example.com",
        "address": "肇东市正阳大街1号", "postal_code": "151100",
        "description": "2017年城区道路改造工程的立项批复文件。", "delivery": "email",
    }


def test_a_citizen_files_a_request_and_gets_a_tracking_code(client, form_data):
    response = client.post("/yishenqing/", {**form_data, "attachments": SimpleUploadedFile("身份证明.pdf", PDF)})
    assert response.status_code == 302
    request = DisclosureRequest.objects.get()
    assert (request.status, request.channel, request.phone) == ("submitted", "online", "13804551234")
    body = client.get(response.url).content.decode()
    assert request.tracking_code in body and request.reference in body
    from yifa.casework.attachments import attachments_of

    assert attachments_of(request).get().original_name == "身份证明.pdf"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"id_number": "23128219800101001X"}, "id_number", "校验位不正确"),
        ({"id_number": "123"}, "id_number", "应为 18 位"),
        ({"applicant_type": "commercial", "id_number": "91231282MA1000001X"}, "id_number", "统一社会信用代码"),
        ({"applicant_type": "commercial"}, "contact_person", "请填写联系人"),
        ({"phone": "12345"}, "phone", "请填写正确的联系电话"),
        ({"email": "not-an-email"}, "email", ""),
        ({"email": "", "delivery": "email"}, "email", "请填写电子邮箱"),
        ({"description": ""}, "description", ""),
        ({"description": "信息"}, "description", "第二十九条"),
        ({"description": "长" * 5001}, "description", "5000"),
        ({"department": "999999"}, "department", ""),
        ({"applicant_type": "alien"}, "applicant_type", ""),
        ({"postal_code": "15110"}, "postal_code", "6 位数字"),
    ],
)
def test_bad_details_get_a_message_beside_the_field_and_nothing_is_saved(client, form_data, changes, field, message):
    response = client.post("/yishenqing/", {**form_data, **changes})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("virus.exe", b"MZ", "不支持的文件类型"), ("empty.pdf", b"", "空文件"), ("fake.pdf", b"<html>", "内容与扩展名")],
)
def test_a_bad_attachment_is_refused_and_nothing_is_saved(client, form_data, name, content, message):
    response = client.post("/yishenqing/", {**form_data, "attachments": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_html_in_the_request_is_escaped_when_shown(client, form_data, editor):
    client.post("/yishenqing/", {**form_data, "applicant_name": "<script>alert(1)</script>"})
    request = DisclosureRequest.objects.get()
    client.force_login(editor)
    body = client.get(f"/admin/cases/disclosure-request/{request.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_the_form_is_rate_limited_per_client(client, form_data, settings):
    from yifa.disclosure import views

    for _ in range(views.RATE_LIMIT):
        assert client.post("/yishenqing/", form_data).status_code == 302
    response = client.post("/yishenqing/", form_data)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert DisclosureRequest.objects.count() == views.RATE_LIMIT


def test_mistakes_and_refusals_do_not_use_up_the_allowance(client, form_data, department, monkeypatch):
    from yifa.core.errors import ActionRefused
    from yifa.disclosure import actions, views

    for _ in range(views.RATE_LIMIT + 2):  # an incomplete form is not counted
        assert client.post("/yishenqing/", {**form_data, "phone": "12345"}).status_code == 200

    def refuse(**kwargs):
        raise ActionRefused("暂时无法提交")

    monkeypatch.setattr(actions, "submit_request", refuse)
    for _ in range(views.RATE_LIMIT + 2):  # a refused submission stored nothing, so it costs nothing
        assert "暂时无法提交" in client.post("/yishenqing/", form_data).content.decode()
    monkeypatch.undo()
    assert client.post("/yishenqing/", form_data).status_code == 302


def test_a_robot_filling_the_hidden_field_is_turned_away(client, form_data):
    response = client.post("/yishenqing/", {**form_data, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not DisclosureRequest.objects.exists()


def test_tracking_shows_the_due_date_and_how_it_was_computed(client, registered):
    request = registered(dt.date(2017, 9, 20))
    body = client.post("/yishenqing/chaxun/", {"code": request.tracking_code, "phone": "13804551234"},
                       follow=True).content.decode()
    assert "2017-10-17" in body  # 15 working days: the 2007 text governs a 2017 request
    assert "到期日是怎样算出的" in body and "调休上班日" in body
    assert "机关登记，开始计算答复期限" in body
    assert "测试人员" not in body  # who acted stays in the back office


@pytest.mark.parametrize(("code", "phone"), [("GK-NOSUCHCODE", "13804551234"), (None, "13900000000"),
                                             ("<script>", "x"), ("' OR 1=1 --", "13804551234")])
def test_a_wrong_code_or_phone_finds_nothing(client, registered, code, phone):
    request = registered(dt.date(2017, 9, 20))
    response = client.post("/yishenqing/chaxun/", {"code": code or request.tracking_code, "phone": phone})
    assert response.status_code == 404
    assert "没有找到这个查询码对应的申请" in response.content.decode()
    assert request.applicant_name not in response.content.decode()


def test_the_api_files_and_follows_a_request(client, form_data, department, editor):
    payload = {**form_data, "department": department.code}
    response = client.post("/api/disclosure/requests", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    code = response.json()["tracking_code"]
    request = DisclosureRequest.objects.get(tracking_code=code)
    from django.utils import timezone

    from yifa.disclosure import actions

    actions.register_request(actor=editor, request=request, channel="online", received_on=timezone.localdate())
    followed = client.post("/api/disclosure/requests/lookup", {"code": code, "phone": "13804551234"}, content_type="application/json")
    assert followed.status_code == 200
    data = followed.json()
    assert data["reference"] == request.reference and data["due_date"]
    assert data["how_the_due_date_was_computed"][0].startswith("起算日")
    assert client.post("/api/disclosure/requests/lookup", {"code": code, "phone": "1"}, content_type="application/json").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"department": "no-such"}, "department"), ({"phone": "x"}, "phone"), ({"description": ""}, "description")],
)
def test_the_api_answers_bad_input_with_422_and_chinese_messages(client, form_data, department, changes, field):
    payload = {**form_data, "department": department.code, **changes}
    response = client.post("/api/disclosure/requests", json.dumps(payload), content_type="application/json")
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not DisclosureRequest.objects.exists()


def test_the_api_refuses_malformed_json_cleanly(client):
    response = client.post("/api/disclosure/requests", "{not json", content_type="application/json")
    assert response.status_code in (400, 422)
