"""The back-office screens: the queue by due date, a request's steps, notices, statistics — each department its own."""

import datetime as dt
import io

import pytest
from docx import Document

from yifa.disclosure import actions
from yifa.disclosure.models import DisclosureRequest

D = dt.date


@pytest.fixture
def logged_in(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_the_queue_shows_the_departments_requests_soonest_due_first(logged_in, editor, registered):
    later = registered(D(2017, 9, 20))
    sooner = registered(D(2017, 9, 1))
    body = logged_in(editor).get("/admin/cases/disclosure-request/").content.decode()
    assert body.index(sooner.reference) < body.index(later.reference)
    assert "2017-10-17" in body  # 15 working days: the 2007 text governs a 2017 request


def test_another_department_sees_none_of_it(logged_in, outsider, registered):
    request = registered(D(2017, 9, 20))
    client = logged_in(outsider)
    assert request.reference not in client.get("/admin/cases/disclosure-request/?status=all").content.decode()
    for url in [f"/admin/cases/disclosure-request/{request.pk}/", f"/admin/cases/disclosure-request/{request.pk}/step/reply/",
                f"/admin/disclosure/{request.pk}/notice/receipt.docx"]:
        assert client.get(url).status_code == 404
    response = client.post(f"/admin/cases/disclosure-request/{request.pk}/step/reply/", {
        "outcome": "granted", "replied_on": "2017-10-09", "summary": "x"})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "handling"


def test_the_legal_affairs_office_sees_every_department(logged_in, legal_officer, registered):
    request = registered(D(2017, 9, 20))
    assert request.reference in logged_in(legal_officer).get("/admin/cases/disclosure-request/").content.decode()


def test_the_applicants_id_and_contact_details_are_shown_only_to_those_who_handle_the_request(
        logged_in, legal_officer, editor, registered):
    request = registered(D(2017, 9, 20))
    url = f"/admin/cases/disclosure-request/{request.pk}/"
    supervising = logged_in(legal_officer).get(url).content.decode()
    assert request.reference in supervising and "仅承办人员可见" in supervising
    assert request.id_number not in supervising and "13804551234" not in supervising and "wang@example.com" not in supervising
    handling = logged_in(editor).get(url).content.decode()
    assert request.id_number in handling and "13804551234" in handling and "仅承办人员可见" not in handling


def test_a_step_through_the_screen_goes_through_the_action(logged_in, editor, registered):
    request = registered(D(2017, 9, 20))
    client = logged_in(editor)
    response = client.post(f"/admin/cases/disclosure-request/{request.pk}/step/reply/", {
        "outcome": "refused", "reason": "state_secret", "replied_on": "2017-10-09", "summary": "属于国家秘密"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.outcome, request.outcome_reason) == ("refused", "state_secret")
    body = client.get(f"/admin/cases/disclosure-request/{request.pk}/").content.decode()
    assert "答复申请" in body  # the event log


def test_a_refused_step_shows_its_message_and_changes_nothing(logged_in, editor, registered):
    request = registered(D(2017, 9, 20))
    response = logged_in(editor).post(f"/admin/cases/disclosure-request/{request.pk}/step/extend/", {
        "length": "10", "approved_on": "2017-10-16", "reason": "量大"})
    assert response.status_code == 200
    assert "您没有权限" in response.content.decode()
    assert actions.deadline_of(request, actions.REPLY).extensions.count() == 0


def test_the_reply_period_and_its_trace_are_on_the_request(logged_in, editor, registered):
    request = registered(D(2017, 9, 20))
    body = logged_in(editor).get(f"/admin/cases/disclosure-request/{request.pk}/").content.decode()
    assert "到期日是怎样算出的" in body and "2017-10-17" in body
    assert "逾期" in body  # not answered, and 2017 is long past


@pytest.mark.parametrize("kind", ["receipt", "correction", "reply"])
def test_notices_are_word_documents_in_the_agencys_name(logged_in, editor, registered, kind):
    request = registered(D(2017, 9, 20))
    actions.request_correction(actor=editor, request=request, items="请写明文号。", requested_on=D(2017, 9, 21))
    actions.receive_correction(actor=editor, request=request, corrected_on=D(2017, 9, 25))
    actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2017, 10, 9), summary="提供。")
    response = logged_in(editor).get(f"/admin/disclosure/{request.pk}/notice/{kind}.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert request.department.name in text and request.reference in text
    if kind == "receipt":
        assert "2017年10月" in text  # the reply's due date
    if kind == "correction":
        assert "请写明文号。" in text


def test_a_notice_that_does_not_apply_yet_is_not_found(logged_in, editor, registered):
    request = registered(D(2017, 9, 20))
    assert logged_in(editor).get(f"/admin/disclosure/{request.pk}/notice/reply.docx").status_code == 404
    assert logged_in(editor).get(f"/admin/disclosure/{request.pk}/notice/nonsense.docx").status_code == 404


def test_the_statistics_table_adds_up(logged_in, legal_officer, registered, editor):
    done = registered(D(2017, 9, 20))
    actions.reply_request(actor=editor, request=done, outcome="granted", replied_on=D(2017, 10, 9), summary="提供。")
    registered(D(2017, 12, 20))
    body = logged_in(legal_officer).get("/admin/disclosure/statistics/?year=2017").content.decode()
    assert "各列均相符" in body
    assert "（一）予以公开" in body and "四、结转下年度继续办理" in body
    assert logged_in(legal_officer).get("/admin/disclosure/statistics/?year=abc").status_code == 200


def test_the_fee_calculator_explains_both_methods(logged_in, editor):
    client = logged_in(editor)
    assert "合计 1900 元" in client.get("/admin/disclosure/fees/?method=pages&value=160").content.decode()
    assert "合计 200 元" in client.get("/admin/disclosure/fees/?method=count&value=35").content.decode()
    assert "请输入整数" in client.get("/admin/disclosure/fees/?method=pages&value=abc").content.decode()


def test_the_queue_query_count_is_fixed(logged_in, editor, registered, django_assert_max_num_queries):
    for day in range(1, 20):
        registered(D(2017, 9, day))
    client = logged_in(editor)
    with django_assert_max_num_queries(25):
        assert client.get("/admin/cases/disclosure-request/").status_code == 200


def test_deadlines_of_requests_appear_in_my_deadlines(logged_in, editor, registered):
    request = registered(D(2017, 9, 20))
    body = logged_in(editor).get("/admin/deadlines/?state=all").content.decode()
    assert "答复期限" in body and request.reference in body
    assert DisclosureRequest.objects.count() == 1


def test_each_read_of_the_applicants_unmasked_data_is_in_the_audit_log(logged_in, legal_officer, editor, registered):
    from yifa.audit.models import AuditEvent

    request = registered(D(2017, 9, 20))
    reads = AuditEvent.objects.filter(event_type="case.personal_data_read", target_id=str(request.pk))
    logged_in(legal_officer).get(f"/admin/cases/disclosure-request/{request.pk}/")
    assert not reads.exists()  # supervisors see it masked: nothing personal was read
    client = logged_in(editor)
    client.get(f"/admin/cases/disclosure-request/{request.pk}/")
    client.get(f"/admin/cases/disclosure-request/{request.pk}/step/reply/")
    assert list(reads.order_by("id").values_list("actor_user__username", "new_values__screen")) == [
        ("editor", "case"), ("editor", "reply")]
