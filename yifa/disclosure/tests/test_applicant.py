"""The applicant's side after filing: the request at its own address for the browser that proved code and phone,
"my requests", the reply with its notice and released files, answering a 补正 notice online; and the public log
of answered requests (依申请公开答复选登)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from yifa.audit.models import AuditEvent
from yifa.casework.attachments import attachments_of, correspondence_of
from yifa.core.errors import ActionRefused, InvalidTransition
from yifa.disclosure import actions
from yifa.portal.tests.conftest import portal  # noqa: F401,F811  (the demo home page and columns)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
D = dt.date


def track(client, request, phone="13804551234"):
    return client.post("/yishenqing/chaxun/", {"code": request.tracking_code, "phone": phone})


@pytest.fixture
def answered(registered, editor):
    """A 2017 request answered 予以公开 with one released file; the applicant had attached their ID."""
    request = registered(D(2017, 9, 20))
    actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2017, 10, 9),
                          summary="提供立项批复文件复印件。", files=[SimpleUploadedFile("立项批复.pdf", PDF)])
    request.refresh_from_db()
    return request


def test_tracking_opens_the_request_at_its_own_address_for_this_browser_only(client, registered):
    request = registered(D(2017, 9, 20))
    response = track(client, request)
    assert response.status_code == 302 and response.url == f"/yishenqing/chaxun/{request.tracking_code}/"
    body = client.get(response.url).content.decode()
    assert request.reference in body and "2017-10-17" in body
    # Another browser with the address but without having given the phone sees nothing of it.
    stranger = Client()
    response = stranger.get(f"/yishenqing/chaxun/{request.tracking_code}/")
    assert response.status_code == 302 and response.url.startswith("/yishenqing/chaxun/?code=")
    assert request.reference not in stranger.get(response.url).content.decode()


def test_my_requests_lists_what_this_browser_opened(client, registered):
    first = registered(D(2017, 9, 20))
    second = registered(D(2017, 9, 21), description="2017年城区绿化工程的验收报告。")
    assert "本次访问中还没有查询过申请" in client.get("/yishenqing/wode/").content.decode()
    track(client, first)
    track(client, second)
    body = client.get("/yishenqing/wode/").content.decode()
    assert body.index(second.reference) < body.index(first.reference)
    assert first.applicant_name not in body  # the list names requests, not people


def test_the_applicant_reads_the_reply_downloads_the_reply_notice_and_the_released_files(client, answered):
    track(client, answered)
    body = client.get(f"/yishenqing/chaxun/{answered.tracking_code}/").content.decode()
    assert "予以公开" in body and "提供立项批复文件复印件。" in body and "立项批复.pdf" in body
    assert "申请行政复议" in body  # the remedies, with the bodies named
    released = attachments_of(answered).get(kind="released")
    response = client.get(f"/yishenqing/chaxun/{answered.tracking_code}/files/{released.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    notice = client.get(f"/yishenqing/chaxun/{answered.tracking_code}/notices/reply.docx")
    assert notice.status_code == 200 and notice["Content-Type"].endswith("wordprocessingml.document")
    # The letter to a third party is not the applicant's; an unknown notice is not found.
    assert client.get(f"/yishenqing/chaxun/{answered.tracking_code}/notices/third_party.docx").status_code == 404
    assert client.get(f"/yishenqing/chaxun/{answered.tracking_code}/notices/..%2Fsecret.docx").status_code == 404


def test_nobody_else_downloads_the_files_and_the_applicant_gets_only_released_ones(client, answered, new_request):
    other = new_request(description="另一件申请。")
    released = attachments_of(answered).get(kind="released")
    assert Client().get(f"/yishenqing/chaxun/{answered.tracking_code}/files/{released.pk}/").status_code in (302, 404)
    track(client, answered)
    # A file of another request, through this request's address: not found.
    from yifa.audit.actors import PublicVisitor
    from yifa.casework.attachments import add_attachment
    from yifa.disclosure.policies import applicant_policy

    foreign = add_attachment(actor=PublicVisitor("t"), owner=other, upload=SimpleUploadedFile("身份证.pdf", PDF),
                             policy=applicant_policy, kind="application")
    assert client.get(f"/yishenqing/chaxun/{answered.tracking_code}/files/{foreign.pk}/").status_code == 404


def test_before_the_reply_no_file_is_offered(client, registered, editor):
    request = registered(D(2017, 9, 20))
    track(client, request)
    body = client.get(f"/yishenqing/chaxun/{request.tracking_code}/").content.decode()
    assert "公开的信息" not in body and "政府信息公开申请登记回执" in body


@pytest.fixture
def awaiting_correction(registered, editor):
    request = registered(D(2017, 9, 20))
    return actions.request_correction(actor=editor, request=request, items="请写明所需文件的名称或文号。",
                                      requested_on=D(2017, 9, 22))


def test_the_applicant_answers_the_correction_notice_online_with_a_file(client, awaiting_correction, editor):
    request = awaiting_correction
    track(client, request)
    page = client.get(f"/yishenqing/chaxun/{request.tracking_code}/").content.decode()
    assert "请写明所需文件的名称或文号。" in page and "提交补正" in page
    response = client.post(f"/yishenqing/chaxun/{request.tracking_code}/", {
        "text": "所需文件为肇发改〔2017〕12号立项批复。", "attachments": SimpleUploadedFile("补正说明.pdf", PDF)})
    assert response.status_code == 302
    message = correspondence_of(request).get()
    assert message.from_citizen and "肇发改〔2017〕12号" in message.body and message.attachment_names == ["补正说明.pdf"]
    assert attachments_of(request).get(kind="correction").original_name == "补正说明.pdf"
    assert AuditEvent.objects.filter(event_type="disclosure.correction_submitted").count() == 1
    page = client.get(f"/yishenqing/chaxun/{request.tracking_code}/").content.decode()
    assert "您已于" in page and "补正说明.pdf" in page
    # The handler sees it on the case screen, and the receipt day is offered as the day it came.
    client.force_login(editor)
    case = client.get(f"/admin/cases/disclosure-request/{request.pk}/").content.decode()
    assert "往来信息" in case and "肇发改〔2017〕12号" in case and "补正材料" in case
    form = client.get(f"/admin/cases/disclosure-request/{request.pk}/step/receive_correction/").context["form"]
    assert form.initial["day"] == message.sent_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
    request.refresh_from_db()
    assert request.status == "awaiting_correction"  # the clock restarts when staff confirm receipt (art.30, 31)


@pytest.mark.parametrize(("data", "message"), [
    ({"text": ""}, "请填写补正内容或上传补正材料"),
    ({"text": "长" * 5001}, ""),
    ({"text": "见附件", "attachments": SimpleUploadedFile("x.exe", b"MZ\x90\x00")}, ""),
])
def test_a_bad_correction_gets_a_message_and_changes_nothing(client, awaiting_correction, data, message):
    track(client, awaiting_correction)
    response = client.post(f"/yishenqing/chaxun/{awaiting_correction.tracking_code}/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not correspondence_of(awaiting_correction).exists()
    assert not attachments_of(awaiting_correction).filter(kind="correction").exists()


def test_no_correction_is_taken_when_none_was_asked_or_it_is_over(client, registered, awaiting_correction, editor):
    request = registered(D(2017, 9, 25), description="另一件申请。")
    track(client, request)
    response = client.post(f"/yishenqing/chaxun/{request.tracking_code}/", {"text": "补正"})
    assert response.status_code == 302 and not correspondence_of(request).exists()
    with pytest.raises(ActionRefused):
        from yifa.audit.actors import PublicVisitor

        actions.submit_correction_online(actor=PublicVisitor("t"), request=request, text="补正")
    actions.receive_correction(actor=editor, request=awaiting_correction, corrected_on=D(2017, 9, 26))
    track(client, awaiting_correction)
    page = client.get(f"/yishenqing/chaxun/{awaiting_correction.tracking_code}/").content.decode()
    assert "提交补正" not in page


# --- the public log of answered requests -------------------------------------------------------------------


def test_an_answer_is_published_without_the_applicant_and_with_the_chosen_files(client, answered, editor):
    released = attachments_of(answered).get(kind="released")
    actions.publish_answer(actor=editor, request=answered, title="关于2017年城区道路改造工程立项批复的申请",
                           text="2017年城区道路改造工程的立项批复文件。", public_file_ids=[released.pk])
    listing = client.get("/yishenqing/dafu/").content.decode()
    assert "关于2017年城区道路改造工程立项批复的申请" in listing
    page = client.get(f"/yishenqing/dafu/{answered.reference}/").content.decode()
    assert "提供立项批复文件复印件。" in page and "立项批复.pdf" in page
    for private in (answered.applicant_name, answered.id_number, answered.phone, answered.email):
        assert private not in listing and private not in page
    response = client.get(f"/yishenqing/dafu/{answered.reference}/files/{released.pk}/")
    assert response.status_code == 200
    from yifa.search.query import search

    found = search("道路改造", source="disclosure.answer")
    assert [item.url for item in found.items] == [f"/yishenqing/dafu/{answered.reference}/"]


def test_an_answer_still_naming_the_applicant_is_refused(answered, editor):
    for text in ("王建国申请2017年城区道路改造工程的立项批复文件。", "联系电话 138 0455 1234，申请立项批复。",
                 "电话138-0455-1234。", "邮箱 WANG@example.com"):
        with pytest.raises(ActionRefused, match="申请人的"):
            actions.publish_answer(actor=editor, request=answered, title="关于立项批复的申请", text=text)
    assert AuditEvent.objects.filter(event_type="disclosure.answer_published").count() == 0


def test_unchosen_files_stay_private_and_withdrawal_takes_everything_down(client, answered, editor):
    released = attachments_of(answered).get(kind="released")
    actions.publish_answer(actor=editor, request=answered, title="关于立项批复的申请", text="立项批复文件。")
    assert client.get(f"/yishenqing/dafu/{answered.reference}/files/{released.pk}/").status_code == 404
    with pytest.raises(InvalidTransition):
        actions.publish_answer(actor=editor, request=answered, title="关于立项批复的申请", text="立项批复文件。")
    actions.withdraw_answer(actor=editor, request=answered, reason="答复内容有误，更正后重新公开")
    assert client.get(f"/yishenqing/dafu/{answered.reference}/").status_code == 404
    assert "关于立项批复的申请" not in client.get("/yishenqing/dafu/").content.decode()


def test_only_answers_that_say_something_are_logged_and_only_by_the_department(answered, registered, editor, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.publish_answer(actor=outsider, request=answered, title="关于立项批复的申请", text="立项批复文件。")
    pending = registered(D(2017, 9, 25), description="另一件申请。")
    with pytest.raises(InvalidTransition):
        actions.publish_answer(actor=editor, request=pending, title="关于另一件的申请", text="另一件申请。")


def test_a_citizen_finds_the_form_from_the_home_page_and_the_column(client, portal):  # noqa: F811
    home = client.get("/").content.decode()
    for link in ('href="/yishenqing/"', 'href="/yishenqing/chaxun/"', 'href="/yishenqing/wode/"',
                 'href="/yishenqing/dafu/"', "申请政府信息公开"):
        assert link in home, link
    guide = client.get("/zwgk/gkzn/zhengfu-xinxi-gongkai-zhinan/")
    assert guide.status_code == 200 and '<a href="/yishenqing/">依申请公开</a>' in guide.content.decode()
    column = client.get("/zwgk/ysqgk/").content.decode()
    assert 'href="/yishenqing/"' in column
    form = client.get("/yishenqing/").content.decode()
    assert 'aria-current="page">在线申请' in form and 'href="/yishenqing/dafu/"' in form
