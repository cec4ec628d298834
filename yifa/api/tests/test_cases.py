"""The staff API over the case registry: what a person may see, and steps taken through the same action
as the back office — refused with 403, 404, 409 or 422 as the case may be, and nothing changed then."""

from __future__ import annotations

import pytest
from django.utils import timezone

from yifa.audit.models import AuditEvent
from yifa.casework.registry import case_type, case_types

from .conftest import (
    CASE_FACTORIES,
    change_request,
    disclosure_request,
    empty_change_request,
    public_message,
    registered_request,
)

CASES = "/api/cases"
DETAIL_KEYS = {"reference", "kind", "department", "status", "outcome", "deadlines", "transitions"}


def url(case, step: str | None = None) -> str:
    return f"{CASES}/{case.reference}" + (f"/transitions/{step}" if step else "")


def snapshot(case) -> tuple:
    """What a refused step must leave alone: the row and the case's audit trail."""
    fresh = type(case).objects.get(pk=case.pk)
    events = AuditEvent.objects.for_object(fresh).exclude(event_type="case.step_refused").count()
    return fresh.status, fresh.outcome, fresh.updated_at, fresh.closed_at, events


# --- every registered kind: another department's case does not exist ---------------------------------


def test_every_registered_kind_has_a_factory_here():
    missing = sorted({each.kind for each in case_types()} - set(CASE_FACTORIES))
    assert not missing, f"add a factory for {missing} to CASE_FACTORIES in yifa/api/tests/conftest.py"


@pytest.mark.parametrize("kind", sorted(CASE_FACTORIES))
def test_another_departments_staff_get_404_and_change_nothing_while_its_own_staff_take_the_step(
        kind, api_as, department, editor, outsider, make_user, other_department):
    assert case_type(kind) is not None, f"{kind} is no longer registered: remove its factory"
    made = CASE_FACTORIES[kind](department, editor)
    before = snapshot(made.case)
    for stranger in (outsider, make_user("department_head", other_department)):
        api = api_as(stranger)
        assert api.get(url(made.case)).status_code == 404
        response = api.post(url(made.case, made.step), made.body)
        assert response.status_code == 404 and response.json()["detail"] == "没有这个案件，或者您无权查看。"
        assert api.post(url(made.case, "no-such-step"), made.body).status_code == 404
        assert made.case.reference not in api.get(CASES).content.decode()
    assert snapshot(made.case) == before
    assert not AuditEvent.objects.filter(event_type="case.step_refused").exists()

    own = api_as(editor)
    detail = own.get(url(made.case))
    assert detail.status_code == 200 and detail.json()["kind"] == kind
    assert made.step in {t["name"] for t in detail.json()["transitions"] if t["allowed"]}
    assert [item["reference"] for item in own.get(CASES, {"kind": kind}).json()["items"]] == [made.case.reference]
    taken = own.post(url(made.case, made.step), made.body)
    assert taken.status_code == 200, taken.content
    assert snapshot(made.case) != before


# --- reading ----------------------------------------------------------------------------------------------


def test_a_case_reads_with_its_deadlines_and_the_steps_open_to_the_reader(api_as, department, editor):
    request = registered_request(department, editor)
    response = api_as(editor).get(url(request))
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= DETAIL_KEYS
    assert data["department"] == {"code": department.code, "name": department.name}
    assert (data["kind"], data["status"], data["status_label"], data["outcome"]) == (
        "disclosure-request", "handling", "办理中", "")
    reply = next(d for d in data["deadlines"] if d["code"] == "reply")
    assert set(reply) >= {"purpose", "due_date", "state", "calendar_unconfirmed"}
    assert reply["purpose"] == "答复期限" and reply["state"] == "overdue" and reply["due_date"].startswith("2017-10")
    steps = {t["name"]: t for t in data["transitions"]}
    assert set(next(iter(steps.values()))) >= {"name", "label", "allowed", "reason"}
    assert steps["reply"]["allowed"] and steps["reply"]["label"] == "答复"
    extend = steps["extend"]  # only the department head approves an extension (art.33)
    assert not extend["allowed"] and extend["guard"] == "permission" and extend["reason"]
    assert "register" not in steps  # not from this state


def test_a_city_wide_role_reads_every_departments_case(api_as, department, legal_officer):
    message = public_message(department)
    assert api_as(legal_officer).get(url(message)).status_code == 200


def test_an_unknown_reference_gets_404(api_as, editor):
    response = api_as(editor).get(f"{CASES}/NOPE-2017-0001")
    assert response.status_code == 404 and response.json()["detail"] == "没有这个案件，或者您无权查看。"


# --- the list ---------------------------------------------------------------------------------------------


@pytest.fixture
def cases(department, other_department, editor, outsider):
    """Two open cases of `department` (one overdue), one closed, and one of another department."""
    overdue = registered_request(department, editor)
    fresh = public_message(department, submitted_at=timezone.now())
    draft = change_request(department, editor)
    from yifa.powers import actions as powers

    powers.withdraw_request(actor=editor, change_request=draft, reason="不再需要")
    elsewhere = public_message(other_department)
    return {"overdue": overdue, "fresh": fresh, "closed": draft, "elsewhere": elsewhere}


def references(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["reference"] for item in response.json()["items"]}


def test_the_list_holds_only_the_cases_the_person_may_see(api_as, cases, editor, outsider, legal_officer):
    mine = {cases[k].reference for k in ("overdue", "fresh", "closed")}
    assert references(api_as(editor).get(CASES)) == mine
    assert references(api_as(outsider).get(CASES)) == {cases["elsewhere"].reference}
    assert references(api_as(legal_officer).get(CASES)) == mine | {cases["elsewhere"].reference}


def test_the_list_filters_by_kind_status_department_and_overdue(api_as, cases, editor, legal_officer, department):
    api = api_as(editor)
    assert references(api.get(CASES, {"kind": "public-message"})) == {cases["fresh"].reference}
    assert references(api.get(CASES, {"status": "open"})) == {cases["overdue"].reference, cases["fresh"].reference}
    assert references(api.get(CASES, {"status": "closed"})) == {cases["closed"].reference}
    assert references(api.get(CASES, {"overdue": "true"})) == {cases["overdue"].reference}
    assert references(api_as(legal_officer).get(CASES, {"department": "other"})) == {cases["elsewhere"].reference}
    assert references(api.get(CASES, {"department": "other"})) == set()


def test_a_list_item_says_where_the_case_is_and_when_it_is_due(api_as, cases, editor, department):
    items = {i["reference"]: i for i in api_as(editor).get(CASES).json()["items"]}
    item = items[cases["overdue"].reference]
    assert item["kind"] == "disclosure-request" and item["department"] == {"code": "test", "name": department.name}
    assert (item["status"], item["status_label"], item["deadline_state"]) == ("handling", "办理中", "overdue")
    assert item["due_date"].startswith("2017-10") and item["opened_at"]
    closed = items[cases["closed"].reference]
    assert (closed["status"], closed["outcome"], closed["due_date"], closed["deadline_state"]) == (
        "closed", "withdrawn", None, None)


@pytest.mark.parametrize(("params", "field"), [
    ({"kind": "nosuch"}, "kind"),
    ({"status": "nosuch"}, "status"),
    ({"department": "nosuch"}, "department"),
    ({"overdue": "perhaps"}, "overdue"),
    ({"page": "0"}, "page"),
    ({"page": "x"}, "page"),
    ({"page": "1001"}, "page"),
    ({"page": "9" * 40}, "page"),
])
def test_bad_list_filters_get_422_in_chinese(api_as, editor, params, field):
    response = api_as(editor).get(CASES, params)
    assert response.status_code == 422
    assert response.json()["detail"] == "查询条件有误，请按提示修改。" and field in response.json()["errors"]


def test_the_list_is_paged_fifty_at_a_time_with_a_fixed_number_of_queries(
        api_as, department, editor, django_assert_max_num_queries):
    from yifa.api.cases import PAGE_SIZE

    for _ in range(PAGE_SIZE + 2):
        disclosure_request(department)
    public_message(department)
    api = api_as(editor)
    api.get(CASES)  # the token's last use is written once a minute: not counted below
    # The token, the roles, the count, the page, then per kind: the rows and the calendar's freshness.
    with django_assert_max_num_queries(4 + 2 * len(case_types()) + 2):
        first = api.get(CASES).json()
    assert (first["count"], first["pages"], first["page_size"], len(first["items"])) == (PAGE_SIZE + 3, 2, PAGE_SIZE, PAGE_SIZE)
    second = api.get(CASES, {"page": "2"}).json()
    assert len(second["items"]) == 3
    assert not {i["reference"] for i in first["items"]} & {i["reference"] for i in second["items"]}
    assert api.get(CASES, {"page": "3"}).json()["items"] == []


# --- taking a step ----------------------------------------------------------------------------------------


def test_the_editor_registers_a_request_and_gets_the_updated_case(api_as, department, editor):
    request = disclosure_request(department)
    response = api_as(editor).post(url(request, "register"),
                                   {"fields": {"channel": "online", "received_on": "2017-09-20"}})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["reference"]) == ("handling", request.reference)
    assert {d["code"] for d in data["deadlines"]} >= {"reply"}
    request.refresh_from_db()
    assert request.status == "handling" and str(request.received_on) == "2017-09-20"
    event = AuditEvent.objects.for_object(request).get(event_type="disclosure.registered")
    assert event.actor_user == editor


def test_reason_and_outcome_reach_the_step_form_fields_of_those_names(api_as, department, editor):
    request = registered_request(department, editor)
    response = api_as(editor).post(url(request, "reply"), {
        "outcome": "granted", "fields": {"replied_on": "2017-10-09", "summary": "予以公开，见附件。"}})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["outcome"]) == ("concluded", "granted")


def test_a_step_the_role_may_not_take_gets_403_and_is_audited(api_as, department, editor):
    message = public_message(department)
    from yifa.interaction import actions

    actions.reply_message(actor=editor, message=message, reply="您好！已安排维修。")
    before = snapshot(message)
    response = api_as(editor).post(url(message, "publish"))
    assert response.status_code == 403 and "没有权限" in response.json()["detail"]
    assert snapshot(message) == before
    refusal = AuditEvent.objects.for_object(message).get(event_type="case.step_refused")
    assert refusal.new_values["guard"] == "permission"


def test_a_step_from_the_wrong_state_gets_409_naming_the_state(api_as, department, editor):
    request = registered_request(department, editor)
    before = snapshot(request)
    response = api_as(editor).post(url(request, "register"),
                                   {"fields": {"channel": "online", "received_on": "2017-09-20"}})
    assert response.status_code == 409
    assert response.json() == {"detail": "当前状态为“办理中”，不能执行“登记”。", "guard": "state"}
    assert snapshot(request) == before
    refusal = AuditEvent.objects.for_object(request).get(event_type="case.step_refused")
    assert refusal.new_values == {"step": "登记", "step_name": "register", "guard": "state"}


def test_a_guard_refusal_gets_409_with_the_guards_name_and_is_audited(api_as, department, editor, head):
    request = empty_change_request(department, editor)
    before = snapshot(request)
    response = api_as(head).post(url(request, "submit"), {"reason": "请审查"})
    assert response.status_code == 409
    assert response.json() == {"detail": "申请中没有任何调整，不能提交。", "guard": "has_adjustments"}
    assert snapshot(request) == before
    refusal = AuditEvent.objects.for_object(request).get(event_type="case.step_refused")
    assert refusal.new_values["guard"] == "has_adjustments" and refusal.actor_user == head


def test_an_unknown_step_gets_404(api_as, department, editor):
    request = disclosure_request(department)
    response = api_as(editor).post(url(request, "approve"), {})
    assert response.status_code == 404 and "没有名为“approve”的办理步骤" in response.json()["detail"]


@pytest.mark.parametrize(("body", "field"), [
    ({"fields": {"channel": "online", "received_on": "2017-09-20"}, "extra": 1}, "extra"),
    ({"reason": 5, "fields": {"channel": "online", "received_on": "2017-09-20"}}, "reason"),
    ({"reason": None}, "reason"),
    ({"outcome": ["granted"]}, "outcome"),
    ({"fields": ["channel", "online"]}, "fields"),
    ({"fields": "channel=online"}, "fields"),
    ({"reason": "长" * (1024 * 1024)}, "reason"),
    ({"reason": "x" * 2001}, "reason"),
    ({"fields": {"channel": "online", "received_on": "2017-09-20", "colour": "red"}}, "fields.colour"),
    ({"fields": {"channel": {"nested": True}, "received_on": "2017-09-20"}}, "fields.channel"),
    ({"fields": {"channel": ["online"], "received_on": "2017-09-20"}}, "fields.channel"),
    ({"fields": {"channel": True, "received_on": "2017-09-20"}}, "fields.channel"),
    ({"fields": {"channel": "online", "received_on": "2017-09-20" * 5001}}, "fields.received_on"),
    ({"fields": {"channel": "carrier_pigeon", "received_on": "2017-09-20"}}, "channel"),
    ({"fields": {"channel": "online", "received_on": "去年"}}, "received_on"),
    ({"fields": {"channel": "online"}}, "received_on"),
    ({"reason": "顺便说明", "fields": {"channel": "online", "received_on": "2017-09-20"}}, "reason"),
    ({"outcome": "granted", "fields": {"channel": "online", "received_on": "2017-09-20"}}, "outcome"),
])
def test_a_malformed_body_gets_422_with_a_message_per_field_and_changes_nothing(
        api_as, department, editor, body, field):
    request = disclosure_request(department)
    before = snapshot(request)
    response = api_as(editor).post(url(request, "register"), body)
    assert response.status_code == 422, response.content
    data = response.json()
    assert data["detail"] == "请求内容有误，请按提示修改。" and field in data["errors"], data
    assert all(messages and all(isinstance(m, str) for m in messages) for messages in data["errors"].values())
    assert len(response.content) < 10_000  # the input is not echoed back
    assert snapshot(request) == before
    assert not AuditEvent.objects.filter(event_type="case.step_refused").exists()


@pytest.mark.parametrize("body", ["not json", "[1, 2]", "\"text\"", "null", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_gets_422(api_as, department, editor, body):
    request = disclosure_request(department)
    response = api_as(editor).post(url(request, "register"), body)
    assert response.status_code == 422 and "JSON 对象" in response.json()["detail"]
    assert type(request).objects.get(pk=request.pk).status == "submitted"


def test_a_refusal_of_the_modules_action_gets_422_with_its_message(api_as, department, editor):
    request = disclosure_request(department)
    response = api_as(editor).post(url(request, "register"),
                                   {"fields": {"channel": "online", "received_on": "2017-09-19"}})
    assert response.status_code == 422 and "不能早于提交日期" in response.json()["detail"]
    assert type(request).objects.get(pk=request.pk).status == "submitted"


def test_a_body_over_the_upload_limit_gets_413_and_changes_nothing(api_as, department, editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    request = disclosure_request(department)
    response = api_as(editor).post(url(request, "register"), {"reason": "x" * 20_000})
    assert response.status_code == 413 and response.json()["detail"] == "请求体过大。"
    assert type(request).objects.get(pk=request.pk).status == "submitted"
