"""Each guard of an enforcement case holds through the back office's step form and the staff API alike, leaves a
"refused" audit event and changes nothing: uncertified or single handlers, deciding without 法制审核, a fine
outside every tier of the discretion benchmark, tampered evidence."""

import datetime as dt
from decimal import Decimal

import pytest

from yifa.audit.models import AuditEvent
from yifa.core.errors import ActionRefused
from yifa.enforcement.cases import actions
from yifa.enforcement.cases.models import EnforcementCase, LegalReview
from yifa.enforcement.tests.benchmarks.conftest import adopt, food_spec

from ..factories import certify, make_staff
from .factories import JOB, add_photo, filed_case, notified_case, registered_case, stated_case

pytestmark = pytest.mark.django_db
D = dt.date
S = EnforcementCase.Status


def refusals(case, guard=None):
    events = AuditEvent.objects.for_object(case).filter(event_type="case.step_refused")
    return [e for e in events if guard is None or e.new_values.get("guard") == guard]


def state(case):
    fresh = EnforcementCase.objects.get(pk=case.pk)
    return fresh.status, fresh.outcome, fresh.decided_on, fresh.fine, fresh.filed_on


def through_back_office(client, user, case, step, data):
    client.force_login(user)
    return client.post(f"/admin/cases/enforcement-case/{case.pk}/step/{step}/", data)


def through_api(api_as, user, case, step, fields):
    return api_as(user).post(f"/api/cases/{case.reference}/transitions/{step}", {"fields": fields})


INTERFACES = ["back_office", "api"]


def take(interface, client, api_as, user, case, step, fields):
    if interface == "back_office":
        return through_back_office(client, user, case, step, fields)
    return through_api(api_as, user, case, step, fields)


def assert_refused(interface, response, message):
    body = response.content.decode()
    if interface == "api":
        assert response.status_code == 409, body
        body = response.json()["detail"]
    else:
        assert response.status_code == 200, body  # the form again, with the refusal
    assert message in body


# --- handlers ----------------------------------------------------------------------------------------------


def test_an_uncertified_or_contract_handler_is_refused_at_registration_and_nothing_is_written(setup):
    contract = make_staff(setup.department, employment_type="contract")
    certify(contract, setup.field, D(2015, 8, 1))
    plain = make_staff(setup.department)
    for person, reason in ((plain, "执法证"), (contract, "")):
        with pytest.raises(ActionRefused) as refused:
            registered_case(setup, handler_ids=[setup.handlers[0].pk, person.pk])
        assert person.name in refused.value.message and reason in refused.value.message
    assert not EnforcementCase.objects.exists()


def test_an_expired_certificate_is_refused_on_the_filing_date_in_the_api(setup, api_as, editor):
    case = registered_case(setup)
    from .factories import declare_all

    declare_all(case, setup.on)
    response = through_api(api_as, editor, case, "file", {"day": "2019-09-01"})  # both certificates expired in 2018
    assert response.status_code == 409 and response.json()["guard"] == "certified_handlers"
    assert state(case)[0] == S.REGISTERED and len(refusals(case, "certified_handlers")) == 1


@pytest.mark.parametrize("interface", INTERFACES)
def test_a_single_handler_cannot_file(interface, setup, client, api_as, editor):
    case = registered_case(setup)
    first, second = case.handlers.all()
    actions.declare_recusal(actor=JOB, case=case, staff_id=first.staff_id, declared_on=setup.on, conflict=False)
    actions.declare_recusal(actor=JOB, case=case, staff_id=second.staff_id, declared_on=setup.on, conflict=True,
                            statement="与当事人系近亲属")
    assert case.handlers.count() == 1
    before = state(case)
    response = take(interface, client, api_as, editor, case, "file", {"day": "2016-08-01"})
    assert_refused(interface, response, "不得少于 2 人")
    assert state(case) == before and len(refusals(case, "certified_handlers")) == 1


@pytest.mark.parametrize("interface", INTERFACES)
def test_filing_waits_for_every_handlers_recusal_statement(interface, setup, client, api_as, editor):
    case = registered_case(setup)
    response = take(interface, client, api_as, editor, case, "file", {"day": "2016-08-01"})
    assert_refused(interface, response, "尚未声明是否存在应当回避的情形")
    assert state(case)[0] == S.REGISTERED and refusals(case, "recusal_declared")


# --- 法制审核 ------------------------------------------------------------------------------------------------


def qualified(user, yes=True):
    user.staff.has_legal_qualification = yes
    user.staff.save(update_fields=["has_legal_qualification"])
    return user


DECISION = {"decided_on": "2016-08-20", "decision_number": "肇市监罚〔2016〕8号", "fine": "3000",
            "decision_text": "罚款人民币三千元。"}


@pytest.mark.parametrize("interface", INTERFACES)
def test_a_major_decision_cannot_be_made_without_legal_review(interface, setup, client, api_as, head, legal_officer):
    case = stated_case(setup, major_reasons=["complex"])
    before = state(case)
    response = take(interface, client, api_as, head, case, "decide", DECISION)
    assert_refused(interface, response, "未经法制审核不得作出决定")
    assert state(case) == before and len(refusals(case, "legal_review")) == 1

    actions.submit_review(actor=JOB, case=case, draft_text="罚款三千元", draft_fine="3000", submitted_on=D(2016, 8, 15))
    case.refresh_from_db()
    assert take(interface, client, api_as, head, case, "decide", DECISION).status_code in (200, 409)
    assert state(case)[0] == S.REVIEWING  # a version waiting for review: still no decision

    actions.conclude_review(actor=qualified(legal_officer), case=case, conclusion="agree", opinion="",
                            concluded_on=D(2016, 8, 16), findings=FINDINGS)
    case.refresh_from_db()
    response = take(interface, client, api_as, head, case, "decide", DECISION)
    assert response.status_code in (200, 302), response.content.decode()[:500]
    assert state(case)[0] == S.DECIDED


FINDINGS = {"subject_finding": "主体合法", "basis_finding": "依据正确", "procedure_finding": "程序合法",
            "fact_finding": "事实清楚", "discretion_finding": "裁量适当"}


def test_suggested_changes_need_a_new_version_and_agreement_and_disagreement_blocks(setup, legal_officer):
    reviewer = qualified(legal_officer)
    case = stated_case(setup, major_reasons=["public_interest"])
    actions.submit_review(actor=JOB, case=case, draft_text="罚款五千元", draft_fine="5000", submitted_on=D(2016, 8, 15))
    actions.conclude_review(actor=reviewer, case=case, conclusion="modify", opinion="裁量过重，应从轻",
                            concluded_on=D(2016, 8, 16), findings={**FINDINGS, "discretion_finding": "裁量过重"})
    case.refresh_from_db()
    assert case.status == S.NOTIFIED
    with pytest.raises(ActionRefused, match="提出修改意见：裁量过重"):
        actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 20), fine="5000", decision_number="X", decision_text="x")
    actions.submit_review(actor=JOB, case=case, draft_text="罚款三千元", draft_fine="3000", submitted_on=D(2016, 8, 17))
    actions.conclude_review(actor=reviewer, case=case, conclusion="disagree", opinion="证据不足",
                            concluded_on=D(2016, 8, 18), findings=FINDINGS)
    case.refresh_from_db()
    with pytest.raises(ActionRefused, match="法制审核不同意第 2 版"):
        actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 20), fine="3000", decision_number="X", decision_text="x")
    actions.submit_review(actor=JOB, case=case, draft_text="罚款三千元", draft_fine="3000", submitted_on=D(2016, 8, 19))
    actions.conclude_review(actor=reviewer, case=case, conclusion="agree", opinion="", concluded_on=D(2016, 8, 19),
                            findings=FINDINGS)
    case.refresh_from_db()
    with pytest.raises(ActionRefused, match="与法制审核同意的 3000.00 元不同"):
        actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 20), fine="4000", decision_number="X", decision_text="x")
    case = actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 20), fine="3000", decision_number="X",
                          decision_text="x")
    assert case.status == S.DECIDED
    assert list(LegalReview.objects.filter(case=case).values_list("conclusion", flat=True)) == ["modify", "disagree", "agree"]


def test_the_first_review_needs_a_legal_qualification_and_never_a_handler(setup, legal_officer, api_as):
    case = stated_case(setup, major_reasons=["complex"])
    actions.submit_review(actor=JOB, case=case, draft_text="罚款三千元", draft_fine="3000", submitted_on=D(2016, 8, 15))
    response = through_api(api_as, qualified(legal_officer, False), case, "conclude_review",
                           {"conclusion": "agree", "concluded_on": "2016-08-16", **FINDINGS})
    assert response.status_code == 409, response.json()
    assert "应当取得法律职业资格" in response.json()["detail"]
    assert response.json()["guard"] == "legal_reviewer"
    assert LegalReview.objects.get(case=case).conclusion == ""
    from yifa.testing.factories import make_user

    user = make_user("department_editor", setup.department)
    certify(user.staff, setup.field, D(2015, 8, 1))
    user.staff.has_legal_qualification = True
    user.staff.save()
    own = stated_case(setup, handler_ids=[user.staff.pk, setup.handlers[0].pk])
    actions.submit_review(actor=JOB, case=own, draft_text="罚款三千元", draft_fine="3000", submitted_on=D(2016, 8, 15))
    with pytest.raises(ActionRefused, match="是本案承办人员，不能审核本案"):
        actions.conclude_review(actor=user, case=own, conclusion="agree", opinion="", concluded_on=D(2016, 8, 16),
                                findings=FINDINGS)
    assert refusals(own, "legal_reviewer")
    assert len(refusals(case, "legal_reviewer")) == 1


# --- the discretion benchmark ---------------------------------------------------------------------------


@pytest.fixture
def benchmarked(setup):
    [version] = adopt(setup.department, food_spec())
    case = filed_case(setup)
    add_photo(case, setup.on)
    return actions.apply_benchmark(actor=JOB, case=case, benchmark_id=version.benchmark_id, circumstances=[],
                                   facts={"goods_value": "360"}, on=setup.on)


def test_applying_the_benchmark_keeps_the_recommended_range_and_its_reasons(benchmarked):
    assert (benchmarked.recommended_min, benchmarked.recommended_max) == (Decimal("65000"), Decimal("85000"))
    assert "第一百二十四条" in benchmarked.recommendation


@pytest.mark.parametrize("interface", INTERFACES)
def test_a_fine_outside_every_tier_is_refused(interface, benchmarked, client, api_as, editor, head):
    response = take(interface, client, api_as, editor, benchmarked, "notify", {
        "notified_on": "2016-08-02", "penalty_kinds": ["fine"], "proposed_fine": "200000"})
    assert_refused(interface, response, "不在裁量基准 SC-001 的任何阶次内")
    assert state(benchmarked)[0] == S.INVESTIGATING and refusals(benchmarked, "fine_within_tiers")


def test_a_fine_outside_the_recommended_range_needs_a_reason_and_legal_review(benchmarked):
    with pytest.raises(ActionRefused, match="须书面说明理由"):
        actions.notify_party(actor=JOB, case=benchmarked, notified_on=D(2016, 8, 2), penalty_kinds=["fine"],
                             proposed_fine="55000", recommended_min=benchmarked.recommended_min,
                             recommended_max=benchmarked.recommended_max)
    case = actions.notify_party(actor=JOB, case=benchmarked, notified_on=D(2016, 8, 2), penalty_kinds=["fine"],
                                proposed_fine="55000", recommended_min=benchmarked.recommended_min,
                                recommended_max=benchmarked.recommended_max,
                                deviation_reason="当事人主动召回全部过期饮料")
    case = actions.record_statement(actor=JOB, case=case, stated_on=D(2016, 8, 3), statement="", waived=True)
    with pytest.raises(ActionRefused, match="罚款超出裁量基准的建议幅度"):
        actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 10), fine="55000", decision_number="X",
                       decision_text="罚款五万五千元")


# --- evidence -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("interface", INTERFACES)
def test_tampered_evidence_is_refused_with_the_files_name(interface, setup, client, api_as, head, editor):
    case = stated_case(setup)
    evidence = case.evidence.get()
    with open(evidence.file.path, "ab") as handle:
        handle.write(b"edited")
    response = take(interface, client, api_as, head, case, "decide", DECISION)
    assert_refused(interface, response, "证据文件“现场照片.jpg”的内容与上传时不一致")
    assert state(case)[0] == S.NOTIFIED and refusals(case, "evidence_intact")
    response = take(interface, client, api_as, editor, case, "verify_evidence", {})
    assert_refused(interface, response, "可能已被篡改")


def test_evidence_uploads_are_checked_and_hashed(setup, api_as, editor, outsider):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    case = filed_case(setup)
    api = api_as(editor)
    url = f"/api/enforcement/cases/{case.reference}/evidence"
    video = b"\x00\x00\x00\x18ftypmp42" + b"frames" * 100
    response = api.client.post(url, {"description": "执法记录仪视频", "collected_on": "2016-08-01",
                                     "files": [SimpleUploadedFile("记录仪.mp4", video)]}, headers=api.headers)
    assert response.status_code == 201, response.content
    [stored] = response.json()
    assert stored["kind"] == "video" and stored["sha256"] == hashlib.sha256(video).hexdigest()
    fake = api.client.post(url, {"description": "伪装的视频", "collected_on": "2016-08-01",
                                 "files": [SimpleUploadedFile("伪装.mp4", b"MZ\x90\x00" * 10)]}, headers=api.headers)
    assert fake.status_code == 422 and "内容与扩展名“mp4”不符" in fake.json()["detail"]
    assert case.evidence.count() == 1
    stranger = api_as(outsider)
    assert stranger.client.post(url, {"description": "x", "collected_on": "2016-08-01",
                                      "files": [SimpleUploadedFile("a.jpg", b"\xff\xd8\xff" * 4)]},
                                headers=stranger.headers).status_code == 404
    assert case.evidence.count() == 1


# --- department scoping ------------------------------------------------------------------------------------


def test_another_departments_staff_do_not_find_the_case_in_the_back_office_or_the_api(setup, client, api_as, outsider):
    case = notified_case(setup)
    client.force_login(outsider)
    assert client.get(f"/admin/cases/enforcement-case/{case.pk}/").status_code == 404
    assert case.reference not in client.get("/admin/cases/enforcement-case/?status=all").content.decode()
    assert client.get(f"/zhifa/anjian/{case.reference}/wenshu/notice.docx").status_code == 404
    evidence = case.evidence.get()
    assert client.get(f"/zhifa/anjian/{case.reference}/zhengju/{evidence.pk}/").status_code == 404
    api = api_as(outsider)
    assert api.get(f"/api/cases/{case.reference}").status_code == 404
    assert api.get(f"/api/enforcement/cases/{case.reference}/surcharge").status_code == 404
    assert through_api(api_as, outsider, case, "decide", DECISION).status_code == 404
    assert not refusals(case)


def test_registering_in_the_back_office_refuses_a_single_handler_and_files_with_two(setup, client, editor):
    client.force_login(editor)
    form = {"department": setup.department.pk, "power": setup.power.pk, "title": "经营超过保质期的食品",
            "party_kind": "legal_person", "party_name": "肇东市某某商贸有限公司", "facts": "货架上有过期饮料。",
            "found_on": "2016-08-01", "handlers": [setup.handlers[0].pk]}
    page = client.get("/admin/cases/enforcement-case/new/")
    assert page.status_code == 200 and "案源登记" in page.content.decode()
    response = client.post("/admin/cases/enforcement-case/new/", form)
    assert response.status_code == 200 and "不得少于 2 人" in response.content.decode()
    assert not EnforcementCase.objects.exists()
    response = client.post("/admin/cases/enforcement-case/new/", {**form, "handlers": [s.pk for s in setup.handlers]})
    assert response.status_code == 302
    case = EnforcementCase.objects.get()
    assert case.field == setup.field and "第三十二条" in case.legal_basis


def test_the_case_screen_flags_a_changed_size_without_reading_the_file_and_the_guard_reads_it_all(setup):
    from pathlib import Path

    from yifa.enforcement.cases.evidence import evidence_problems, quick_problem_of

    case = stated_case(setup)
    evidence = case.evidence.get()
    content = Path(evidence.file.path).read_bytes()
    with open(evidence.file.path, "wb") as handle:  # same size, other bytes: only the full hash sees it
        handle.write(bytes([content[0] ^ 1]) + content[1:])
    assert quick_problem_of(evidence) is None
    assert "内容与上传时不一致" in evidence_problems(case)[0].message
    with open(evidence.file.path, "ab") as handle:
        handle.write(b"edited")
    assert "大小与上传时不一致" in quick_problem_of(evidence).message
