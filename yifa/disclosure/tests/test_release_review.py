"""A reply that releases information (予以公开, 部分公开) passes the 保密审查 and the head's sign-off before it goes
out (政府信息公开条例 2019 art.17: each agency's review procedure), as each department sets them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.audit.models import AuditEvent
from yifa.casework.attachments import attachments_of
from yifa.casework.transitions import GuardRefused
from yifa.core.errors import ActionRefused, InvalidTransition
from yifa.disclosure import actions
from yifa.disclosure.selectors import released_files

pytestmark = pytest.mark.release_review
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def handling(registered):
    return registered(D(2017, 9, 20))


def draft(editor, request, outcome="granted"):
    return actions.submit_release(actor=editor, request=request, outcome=outcome, summary="提供立项批复文件复印件。",
                                  files=[SimpleUploadedFile("立项批复.pdf", PDF)])


def test_a_clerk_cannot_release_information_alone_and_the_attempt_is_logged(handling, editor):
    # A 2017 request: the 2007 text governs, whose art.14 asks for the review before release.
    with pytest.raises(GuardRefused, match="保密审查和负责人签发（《政府信息公开条例》（2007年）第十四条"):
        actions.reply_request(actor=editor, request=handling, outcome="granted", replied_on=D(2017, 10, 9),
                              summary="提供立项批复文件复印件。")
    handling.refresh_from_db()
    assert handling.status == "handling" and not handling.outcome
    refusal = AuditEvent.objects.get(event_type="case.step_refused")
    assert refusal.new_values["guard"] == "release_review"
    # A reply that releases nothing still goes out directly.
    actions.reply_request(actor=editor, request=handling, outcome="unavailable", reason="not_held",
                          replied_on=D(2017, 10, 9), summary="本机关不掌握该信息。")


def test_drafted_reviewed_and_signed_off_the_reply_goes_out_with_its_files(client, handling, editor, head):
    draft(editor, handling)
    assert handling.status == "reviewing" and handling.draft_outcome == "granted" and not handling.outcome
    assert attachments_of(handling).get().kind == "draft_release"
    assert not released_files(handling).exists()
    with pytest.raises(GuardRefused, match="尚未通过保密审查（《政府信息公开条例》（2007年）第十四条"):
        actions.sign_off(actor=head, request=handling, replied_on=D(2017, 10, 9))
    actions.review_confidentiality(actor=head, request=handling, note="未发现涉密内容。")
    with pytest.raises(PermissionDenied):
        actions.sign_off(actor=editor, request=handling, replied_on=D(2017, 10, 9))
    actions.sign_off(actor=head, request=handling, replied_on=D(2017, 10, 9))
    handling.refresh_from_db()
    assert (handling.status, handling.outcome, handling.concluded_on) == ("concluded", "granted", D(2017, 10, 9))
    assert handling.reply_summary == "提供立项批复文件复印件。"
    assert [f.original_name for f in released_files(handling)] == ["立项批复.pdf"]
    events = list(AuditEvent.objects.for_object(handling).order_by("id").values_list("event_type", flat=True))
    assert events.index("disclosure.release_submitted") < events.index("disclosure.confidentiality_reviewed") \
        < events.index("disclosure.replied")


def test_the_drafter_does_not_review_their_own_draft(handling, editor, head):
    draft(editor, handling)
    with pytest.raises(ActionRefused, match="拟稿人以外"):
        actions.review_confidentiality(actor=editor, request=handling)


def test_returned_the_draft_needs_a_new_review(handling, editor, head):
    draft(editor, handling)
    actions.review_confidentiality(actor=head, request=handling)
    with pytest.raises(ActionRefused):
        actions.return_release(actor=head, request=handling, reason="")
    actions.return_release(actor=head, request=handling, reason="附件第3页含有个人信息，请删除处理。")
    handling.refresh_from_db()
    assert handling.status == "handling" and handling.confidentiality_reviewed_at is None
    draft(editor, handling, outcome="partial")
    with pytest.raises(GuardRefused):
        actions.sign_off(actor=head, request=handling, replied_on=D(2017, 10, 9))


def test_only_releases_are_drafted_for_review(handling, editor):
    with pytest.raises(ActionRefused, match="只有予以公开、部分公开"):
        actions.submit_release(actor=editor, request=handling, outcome="refused", reason="state_secret",
                               summary="属于国家秘密。")


def test_each_department_sets_its_own_checks(handling, editor, head, legal_officer, department):
    with pytest.raises(PermissionDenied):
        actions.set_release_review(actor=editor, department=department, confidentiality_review=True,
                                   head_sign_off=False)
    actions.set_release_review(actor=legal_officer, department=department, confidentiality_review=True,
                               head_sign_off=False)
    assert AuditEvent.objects.filter(event_type="disclosure.release_review_set").count() == 1
    draft(editor, handling)
    with pytest.raises(GuardRefused):  # not yet reviewed
        actions.send_reviewed(actor=editor, request=handling, replied_on=D(2017, 10, 9))
    actions.review_confidentiality(actor=head, request=handling)
    actions.send_reviewed(actor=editor, request=handling, replied_on=D(2017, 10, 9))
    assert handling.status == "concluded"


def test_a_department_with_no_checks_replies_directly(registered, editor, head, legal_officer, department):
    actions.set_release_review(actor=legal_officer, department=department, confidentiality_review=False,
                               head_sign_off=False)
    request = registered(D(2017, 9, 20))
    actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2017, 10, 9),
                          summary="提供立项批复文件复印件。")
    assert request.status == "concluded"
    other = registered(D(2017, 9, 21), description="另一件申请。")
    draft(editor, other)
    with pytest.raises(InvalidTransition):  # no review to pass
        actions.review_confidentiality(actor=head, request=other)
    actions.send_reviewed(actor=editor, request=other, replied_on=D(2017, 10, 9))


def test_the_head_sees_the_sign_off_on_the_case_screen(client, handling, editor, head):
    draft(editor, handling)
    client.force_login(head)
    page = client.get(f"/admin/cases/disclosure-request/{handling.pk}/").content.decode()
    assert "待审核签发" in page and "保密审查通过" in page and "退回修改" in page
    # What the head signs is on the screen: the draft, who drafted it, the review's state, the files.
    assert "拟答复" in page and "提供立项批复文件复印件。" in page and "尚未审查" in page and "立项批复.pdf" in page
    response = client.post(f"/admin/cases/disclosure-request/{handling.pk}/step/review_confidentiality/", {"note": ""})
    assert response.status_code == 302
    page = client.get(f"/admin/cases/disclosure-request/{handling.pk}/").content.decode()
    assert "签发答复" in page


def test_the_legal_affairs_office_sets_the_checks_on_one_screen_and_an_editor_only_reads_it(
        client, editor, legal_officer, department):
    client.force_login(editor)
    page = client.get("/admin/disclosure/release-review/").content.decode()
    assert department.name in page and "disabled" in page and "全市默认" in page
    response = client.post("/admin/disclosure/release-review/", {})
    assert response.status_code in (302, 403) and response.get("Location", "") != "/admin/disclosure/release-review/"
    from yifa.disclosure.models import ReleaseReview

    assert not ReleaseReview.objects.exists()
    client.force_login(legal_officer)
    response = client.post("/admin/disclosure/release-review/", {f"c{department.pk}": "on"})
    assert response.status_code == 302
    from yifa.disclosure.review import rules_for

    rules = rules_for(department)
    assert (rules.confidentiality_review, rules.head_sign_off, rules.own) == (True, False, True)


def test_a_request_under_the_2019_text_cites_its_article_17(registered, editor, settings):
    settings.YIFA_DEMO_TODAY = ""
    request = registered(D(2020, 3, 2), submitted_at=dt.datetime(2020, 3, 2, 1, tzinfo=dt.UTC))
    with pytest.raises(GuardRefused, match="《政府信息公开条例》（2019年修订）第十七条"):
        actions.reply_request(actor=editor, request=request, outcome="partial", replied_on=D(2020, 3, 20),
                              summary="部分公开。")
