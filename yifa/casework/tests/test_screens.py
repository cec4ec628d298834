"""The generic case screens of every registered case type, through the Django test client: the queue, the case
screen, steps, assignment, attachments, the work queue (工作台) and its dashboard panel."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yifa.audit.actors import PublicVisitor, SystemJob
from yifa.audit.models import AuditEvent
from yifa.casework import actions as casework
from yifa.casework.attachments import add_attachment
from yifa.casework.registry import case_type, case_types
from yifa.casework.selectors import case_events
from yifa.core.contact import resident_id_check_character
from yifa.core.errors import ActionRefused

JOB = SystemJob("test")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
MESSAGES = "/admin/cases/public-message/"


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


# --- one factory per case kind: a case of `department` received on `day` -----------------------------


def make_message(department, day=dt.date(2017, 9, 20), subject="小区门前道路破损"):
    from yifa.interaction import actions
    from yifa.interaction.models import Message

    message = Message(department=department, subject=subject, content="正阳大街某小区门前道路坑洼，雨天积水严重。",
                      name="王建国", phone="13804551234", submitted_at=at(day))
    return actions.submit_message(actor=PublicVisitor("test", "10.0.0.1"), message=message)


def make_disclosure_request(department, day=dt.date(2017, 9, 20)):
    from yifa.disclosure import actions
    from yifa.disclosure.models import DisclosureRequest

    first17 = "23128219800101001"
    request = DisclosureRequest(
        department=department, applicant_type="natural_person", applicant_name="王建国",
        id_number=first17 + resident_id_check_character(first17), phone="13804551234", email="wang@example.com",
        address="肇东市正阳大街1号", description="2017年城区道路改造工程的立项批复文件。", delivery="email", channel="online",
        submitted_at=at(day),
    )
    request = actions.submit_request(actor=PublicVisitor("test"), request=request)
    return actions.register_request(actor=JOB, request=request, channel="online", received_on=day)


def make_change_request(department, day=None):
    from yifa.powers import actions
    from yifa.powers.content import Basis, PowerContent, Proposal

    content = PowerContent(
        code="0100101000", name="食品经营许可", power_type="01", statutory_limit=20, statutory_unit="working_day",
        promised_limit=10, promised_unit="working_day",
        bases=(Basis("中华人民共和国行政许可法", "第三十二条", "行政机关对申请人提出的行政许可申请，应当根据下列情况分别作出处理。"),),
    )
    proposal = Proposal(catalogue="power", kind="add", code=content.code, effective_date=dt.date(2016, 6, 30),
                        content=content, document_title="关于公布权力清单的通知", document_number="肇政发〔2016〕18号")
    return actions.propose(actor=JOB, department=department, proposals=[proposal], title="食品经营许可调整")


def make_enforcement_case(department, day=dt.date(2016, 8, 1)):
    from yifa.enforcement.tests.cases.factories import case_setup, registered_case

    return registered_case(case_setup(department, day))


FACTORIES = {
    "enforcement-case": make_enforcement_case,
    "disclosure-request": make_disclosure_request,
    "public-message": make_message,
    "power-change": make_change_request,
}


@pytest.fixture
def logged_in(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def body_of(response) -> str:
    return response.content.decode()


# --- another department's cases do not exist -------------------------------------------------------------


@pytest.mark.parametrize("kind", [declared.kind for declared in case_types()])
def test_another_departments_case_is_a_404_on_every_screen_of_every_kind(kind, logged_in, department, editor,
                                                                        outsider, media_root):
    assert kind in FACTORIES, f"add a factory for the case kind {kind!r} to FACTORIES"
    declared = case_type(kind)
    case = FACTORIES[kind](department)
    attachment = add_attachment(actor=JOB, owner=case, upload=SimpleUploadedFile("材料.pdf", PDF),
                                policy=declared.policy)
    base = f"/admin/cases/{kind}/{case.pk}/"
    step = declared.steps[0].name
    before = (type(case).objects.values().get(pk=case.pk), AuditEvent.objects.count())

    client = logged_in(outsider)
    assert case.reference not in body_of(client.get(f"/admin/cases/{kind}/?status=all"))
    for url in (base, f"{base}step/{step}/", f"{base}attachment/{attachment.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}step/{step}/", {"reason": "x", "reply": "不是我们部门的"}).status_code == 404
    assert client.post(f"{base}assign/", {"assignee": outsider.pk}).status_code == 404
    assert (type(case).objects.values().get(pk=case.pk), AuditEvent.objects.count()) == before

    # The department's own staff reach the same URLs.
    client = logged_in(editor)
    assert client.get(base).status_code == 200
    download = client.get(f"{base}attachment/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_case_of_one_kind_is_not_found_under_another_kind(logged_in, department, editor):
    message = make_message(department)
    client = logged_in(editor)
    assert client.get(f"/admin/cases/power-change/{message.pk}/").status_code == 404
    assert message.reference not in body_of(client.get("/admin/cases/power-change/?status=all"))
    assert client.get(f"/admin/cases/public-message/{message.pk + 1000}/").status_code == 404


# --- the queue --------------------------------------------------------------------------------------------


def test_the_queue_lists_only_the_users_departments_cases(logged_in, department, other_department, editor,
                                                          legal_officer):
    mine, theirs = make_message(department), make_message(other_department)
    body = body_of(logged_in(editor).get(MESSAGES))
    assert mine.reference in body and theirs.reference not in body
    # Asking for another department's cases by its filter shows none of them.
    assert theirs.reference not in body_of(logged_in(editor).get(MESSAGES, {"department": other_department.pk}))
    city = logged_in(legal_officer)
    everything = body_of(city.get(MESSAGES))
    assert mine.reference in everything and theirs.reference in everything
    filtered = body_of(city.get(MESSAGES, {"department": other_department.pk}))
    assert theirs.reference in filtered and mine.reference not in filtered


def test_the_queue_shows_unfinished_cases_by_default_and_filters_by_status(logged_in, department, editor, head):
    from yifa.interaction import actions

    waiting = make_message(department)
    declined = actions.close_message(actor=head, message=make_message(department), reason="spam")
    client = logged_in(editor)
    default = body_of(client.get(MESSAGES))
    assert waiting.reference in default and declined.reference not in default
    everything = body_of(client.get(MESSAGES, {"status": "all"}))
    assert waiting.reference in everything and declined.reference in everything
    closed = body_of(client.get(MESSAGES, {"status": declined.status}))
    assert declined.reference in closed and waiting.reference not in closed
    # An unknown status is the default, not an error.
    response = client.get(MESSAGES, {"status": "<script>"})
    assert response.status_code == 200
    assert waiting.reference in body_of(response) and declined.reference not in body_of(response)


def test_the_queue_filters_by_the_state_of_the_cases_own_deadline(logged_in, department, editor):
    overdue = make_message(department, dt.date(2017, 9, 20))
    running = make_message(department, timezone.localdate())
    client = logged_in(editor)
    late = body_of(client.get(MESSAGES, {"deadline": "overdue"}))
    assert overdue.reference in late and running.reference not in late
    on_time = body_of(client.get(MESSAGES, {"deadline": "running"}))
    assert running.reference in on_time and overdue.reference not in on_time
    assert client.get(MESSAGES, {"deadline": "nonsense"}).status_code == 200


def test_the_queue_filters_the_cases_assigned_to_me(logged_in, department, editor, head):
    assigned = make_message(department)
    other = make_message(department)
    casework.assign_case(actor=head, case_type=case_type("public-message"), case=assigned, assignee=editor)
    body = body_of(logged_in(editor).get(MESSAGES, {"mine": "1"}))
    assert assigned.reference in body and other.reference not in body


def test_the_queue_sorts_the_soonest_due_first(logged_in, department, editor):
    later = make_message(department, dt.date(2017, 9, 20))
    sooner = make_message(department, dt.date(2017, 6, 1))
    latest = make_message(department, dt.date(2017, 11, 2))
    body = body_of(logged_in(editor).get(MESSAGES))
    assert body.index(sooner.reference) < body.index(later.reference) < body.index(latest.reference)


def test_the_queue_searches_by_a_chinese_substring(logged_in, department, editor):
    manhole = make_message(department, subject="小区门前井盖丢失")
    road = make_message(department, subject="正阳大街路灯不亮")
    client = logged_in(editor)
    found = body_of(client.get(MESSAGES, {"q": "井盖"}))
    assert manhole.reference in found and road.reference not in found
    by_reference = body_of(client.get(MESSAGES, {"q": road.reference[-5:]}))
    assert road.reference in by_reference and manhole.reference not in by_reference


def test_the_queues_queries_do_not_grow_with_the_number_of_cases(logged_in, department, editor, head,
                                                                 django_assert_max_num_queries):
    first = make_message(department)
    casework.assign_case(actor=head, case_type=case_type("public-message"), case=first, assignee=editor)
    client = logged_in(editor)
    client.get(MESSAGES)
    with CaptureQueriesContext(connection) as few:
        client.get(MESSAGES)
    for n in range(12):
        message = make_message(department, dt.date(2017, 1 + n % 12, 10))
        if n % 2:
            casework.assign_case(actor=head, case_type=case_type("public-message"), case=message, assignee=editor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = body_of(client.get(MESSAGES))
    assert body.count("LY-2017-") >= 13


# --- the case screen: steps and assignment ----------------------------------------------------------------


def test_a_blocked_step_is_shown_disabled_with_its_reason_and_refused_if_posted(logged_in, department, head):
    from yifa.powers import actions
    from yifa.powers.models import ChangeRequest

    request = make_change_request(department)
    actions.remove_adjustment(actor=JOB, adjustment=request.adjustments.get())
    client = logged_in(head)
    base = f"/admin/cases/power-change/{request.pk}/"
    body = body_of(client.get(base))
    assert 'aria-disabled="true">提交合法性审查</span>' in body
    assert "申请中没有任何调整，不能提交。" in body
    assert f'href="{base}step/submit/"' not in body
    assert "申请中没有任何调整，不能提交。" in body_of(client.get(f"{base}step/submit/"))

    response = client.post(f"{base}step/submit/", {"reason": ""})
    assert response.status_code == 200
    assert "申请中没有任何调整，不能提交。" in body_of(response)
    assert ChangeRequest.objects.get(pk=request.pk).status == "draft"
    [refusal] = case_events(request).filter(event_type="case.step_refused")
    assert (refusal.actor_user, refusal.new_values["guard"]) == (head, "has_adjustments")


def test_an_allowed_step_is_a_link_to_its_form(logged_in, department, editor):
    message = make_message(department)
    body = body_of(logged_in(editor).get(f"{MESSAGES}{message.pk}/"))
    assert f'href="{MESSAGES}{message.pk}/step/reply/"' in body


def test_the_head_assigns_a_case_to_a_staff_member_of_the_department_and_it_is_audited(logged_in, department, head,
                                                                                       editor):
    message = make_message(department)
    client = logged_in(head)
    assert 'name="assignee"' in body_of(client.get(f"{MESSAGES}{message.pk}/"))
    response = client.post(f"{MESSAGES}{message.pk}/assign/", {"assignee": editor.pk, "reason": "请尽快答复"})
    assert response.status_code == 302 and response.url == f"{MESSAGES}{message.pk}/"
    message.refresh_from_db()
    assert message.assigned_to == editor
    [event] = case_events(message).filter(event_type="case.assigned")
    assert event.actor_user == head
    assert event.old_values == {"assigned_to": ""}
    assert event.new_values == {"assigned_to": editor.staff.name}
    assert event.reason == "请尽快答复"
    assert editor.staff.name in body_of(client.get(f"{MESSAGES}{message.pk}/"))


def test_assignment_to_someone_of_another_department_is_refused(logged_in, department, head, outsider):
    message = make_message(department)
    response = logged_in(head).post(f"{MESSAGES}{message.pk}/assign/", {"assignee": outsider.pk}, follow=True)
    assert "请选择本部门的工作人员" in body_of(response)
    message.refresh_from_db()
    assert message.assigned_to is None
    with pytest.raises(ActionRefused, match="只能分派给本部门的工作人员"):
        casework.assign_case(actor=head, case_type=case_type("public-message"), case=message, assignee=outsider)
    assert not case_events(message).filter(event_type="case.assigned").exists()


def test_an_editor_may_not_assign(logged_in, department, editor, make_user):
    colleague = make_user("department_editor", department)
    message = make_message(department)
    client = logged_in(editor)
    assert 'name="assignee"' not in body_of(client.get(f"{MESSAGES}{message.pk}/"))
    client.post(f"{MESSAGES}{message.pk}/assign/", {"assignee": colleague.pk})
    message.refresh_from_db()
    assert message.assigned_to is None
    assert not case_events(message).filter(event_type="case.assigned").exists()


def test_the_head_takes_an_assignment_back(department, head, editor):
    declared = case_type("public-message")
    message = make_message(department)
    casework.assign_case(actor=head, case_type=declared, case=message, assignee=editor)
    casework.assign_case(actor=head, case_type=declared, case=message, assignee=None, reason="改由负责人办理")
    message.refresh_from_db()
    assert message.assigned_to is None
    assert [e.new_values["assigned_to"] for e in case_events(message).filter(event_type="case.assigned")
            .order_by("id")] == [editor.staff.name, ""]


# --- the work queue and the dashboard ---------------------------------------------------------------------


def test_the_work_queue_shows_what_waits_for_my_role_and_what_is_overdue(logged_in, department, other_department,
                                                                         editor):
    waiting = make_message(department, timezone.localdate())
    overdue = make_message(department, dt.date(2017, 9, 20))
    elsewhere = make_message(other_department, dt.date(2017, 9, 20))
    response = logged_in(editor).get("/admin/cases/")
    assert response.status_code == 200
    sections = {section["key"]: section for section in response.context["sections"]}
    references = {key: [row["case"].reference for row in section["rows"]] for key, section in sections.items()}
    assert waiting.reference in references["waiting"] and overdue.reference in references["waiting"]
    assert references["overdue"] == [overdue.reference]
    assert sections["overdue"]["total"] == 1
    assert all(elsewhere.reference not in found for found in references.values())
    body = body_of(response)
    assert f'href="{MESSAGES}{overdue.pk}/"' in body and elsewhere.reference not in body


def test_the_work_queue_gives_each_case_to_the_role_it_waits_for(logged_in, department, editor, head):
    """A new message waits for the department's editors (their head supervises that work, it does not wait on
    them); a replied one waits for the head's publication, and no longer for the editor who replied."""
    from yifa.interaction import actions

    new = make_message(department)
    replied = actions.reply_message(actor=editor, message=make_message(department), reply="您好！已安排维修。")

    def section(user, key):
        sections = {s["key"]: s for s in logged_in(user).get("/admin/cases/").context["sections"]}
        return [row["case"].reference for row in sections[key]["rows"]] if key in sections else None

    assert section(editor, "new") == [new.reference]
    assert section(editor, "waiting") == [new.reference]
    assert section(head, "waiting") == [replied.reference]
    assert section(head, "new") is None  # nothing new ever waits for a head


def test_a_user_no_case_waits_for_has_no_waiting_sections(logged_in, department, make_user):
    make_message(department)
    inspector = make_user("inspector", department)
    keys = [s["key"] for s in logged_in(inspector).get("/admin/cases/").context["sections"]]
    assert "waiting" not in keys and "new" not in keys and "overdue" in keys


def test_the_work_queues_queries_do_not_grow_with_the_number_of_cases(logged_in, department, editor, head,
                                                                      django_assert_max_num_queries):
    declared = case_type("public-message")
    casework.assign_case(actor=head, case_type=declared, case=make_message(department), assignee=editor)
    make_disclosure_request(department)
    client = logged_in(editor)
    client.get("/admin/cases/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/cases/")
    for n in range(6):
        message = make_message(department, dt.date(2017, 1 + n, 10))
        casework.assign_case(actor=head, case_type=declared, case=message, assignee=editor)
        make_disclosure_request(department, dt.date(2017, 1 + n, 10))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/admin/cases/")
    assert {s["key"]: s["total"] for s in response.context["sections"]}["assigned"] == 7


def test_the_dashboard_shows_the_work_queue_panel(logged_in, department, editor):
    make_message(department, dt.date(2017, 9, 20))
    body = body_of(logged_in(editor).get("/admin/"))
    assert 'id="work-queue-section"' in body
    assert "/admin/cases/#work-overdue" in body
    assert "已逾期：<strong>1</strong>" in body
