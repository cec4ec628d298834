"""English for disclosure requests: the public form, tracking and the back office, by switching the language."""

import datetime as dt

import pytest

from .conftest import valid_person_id

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    """A client whose language is English, as the portal's language switch leaves it."""
    client.cookies["django_language"] = "en"
    return client


def test_the_public_form_is_in_english_after_switching_the_language(client, department):
    client.post("/i18n/setlang/", {"language": "en", "next": "/yishenqing/"})
    response = client.get("/yishenqing/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in body
    for english in ["Request for government information", "About the applicant", "Type of applicant",
                    "Natural person", "Agency asked for the information", "How to receive the information",
                    "Submit the request", "Apply online", "Published answers"]:
        assert english in body, english
    for chinese in ["申请人信息", "申请人类型", "自然人", "申请公开的机关", "获取方式", "提交申请", "查询办理进度"]:
        assert chinese not in body, chinese


def test_a_refused_form_explains_itself_in_english(english):
    body = english.post("/yishenqing/", {"applicant_type": "commercial", "description": "路"}).content.decode()
    assert "A legal person or other organisation must give a contact person." in body
    assert "Please give the title or document number of the government information you want" in body
    assert "请填写联系人" not in body and "特征性描述" not in body


def test_the_confirmation_is_in_english(english, department):
    response = english.post("/yishenqing/", {
        "department": department.pk, "applicant_type": "natural_person", "applicant_name": "Wang Jianguo",
        "id_number": valid_person_id(), "phone": "13804551234", "email": "wang@example.com",
        "address": "1 Zhengyang Street, Zhaodong", "description": "The approval of the 2017 road works.",
        "delivery": "email"})
    assert response.status_code == 302
    body = english.get(response.url).content.decode()
    assert "Request submitted" in body and "Your query code is <strong>GK-" in body
    assert f"has been submitted to {department.name}, reference" in body
    assert "申请已提交" not in body and "您的查询码是" not in body


def test_tracking_a_request_is_in_english(english, registered):
    request = registered(D(2017, 9, 20))
    response = english.post("/yishenqing/chaxun/", {"code": request.tracking_code, "phone": request.phone}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    for english_text in ["My requests", f"Request {request.reference}", "Handling agency", "Current status",
                         "In progress", "Date of receipt", "Reply deadline", "2017-10-17", "Steps so far",
                         "Registered by the agency; the reply period starts"]:
        assert english_text in body, english_text
    for chinese in ["我的申请", "承办机关", "当前状态", "办理中", "收到申请之日", "办理过程", "机关登记"]:
        assert chinese not in body, chinese


def test_a_code_that_matches_nothing_says_so_in_english(english):
    response = english.post("/yishenqing/chaxun/", {"code": "GK-AAAAAAAAAA", "phone": "13804551234"})
    assert response.status_code == 404
    assert "No request was found for this query code" in response.content.decode()


def test_an_officer_handles_a_request_in_english(english, editor, registered):
    request = registered(D(2017, 9, 20))
    english.force_login(editor)
    queue = english.get("/admin/cases/disclosure-request/").content.decode()
    for english_text in ["Disclosure on request", "Not finished", "Statistics", "Information-processing fee calculator",
                         "Matter", "Deadline state", "Handled by", "In progress", request.reference]:
        assert english_text in queue, english_text
    for chinese in ["依申请公开", "未办结", "信息处理费计算", "期限状态", "办理中", "待登记"]:
        assert chinese not in queue, chinese

    detail = english.get(f"/admin/cases/disclosure-request/{request.pk}/").content.decode()
    for english_text in ["Correction notice", "Consultation", "Responsible department", "Notices",
                         "Receipt for a request for government information", "Natural person", "Reply deadline"]:
        assert english_text in detail, english_text
    # Labels are in English; what was recorded (the event log's values, a deadline's purpose) stays as written.
    for chinese in ["告知补正", "承办部门", "文书", "须由"]:
        assert chinese not in detail, chinese


def test_notices_and_the_fee_breakdown_stay_in_chinese_when_the_officer_works_in_english(registered, editor):
    from django.utils import translation

    from yifa.disclosure import actions, fees
    from yifa.disclosure.documents import notice_text

    request = registered(dt.date(2025, 9, 22))  # the information-processing fee exists from 2021
    with translation.override("en"):
        actions.notify_fee(actor=editor, request=request, method=fees.BY_PAGES, pages=300,
                           notified_on=dt.date(2025, 9, 24))
        receipt = "".join(notice_text(request, "receipt"))
    request.refresh_from_db()
    assert all(not any(c.isascii() and c.isalpha() for c in line) for line in request.fee_breakdown), request.fee_breakdown
    assert "政府信息公开" in receipt and "online" not in receipt.lower() and "Online" not in receipt
