"""Guards on steps: a refusing guard, a failing guard, refusals by role — each changes nothing and is audited."""

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from yifa.audit.actors import SystemJob
from yifa.audit.models import AuditEvent
from yifa.casework.selectors import case_events
from yifa.casework.transitions import (
    REFUSED_EVENT,
    Guard,
    GuardRefused,
    Transition,
    available_transitions,
    perform_transition,
    step_options,
)
from yifa.core.errors import InvalidTransition

from .sample import DECIDE, SampleCase, sample_policy


def _note_written(case: SampleCase) -> str | None:
    return None if case.note else "请先填写办理说明。"


def _not_refused_outcome(case: SampleCase) -> str | None:
    return "已作出不予决定的案件不能再提交。" if case.outcome == "refused" else None


NOTE_WRITTEN = Guard("note_written", "已填写办理说明", _note_written)
NOT_REFUSED = Guard("not_refused", "未作出不予决定", _not_refused_outcome)

SUBMIT = Transition(
    name="submit", label="提交审核", source=frozenset({"open"}), target="review", permission="submit",
    event_type="case.attachment_added", guards=(NOTE_WRITTEN, NOT_REFUSED),
)


def _broken(case: SampleCase) -> str | None:
    raise KeyError("a bug in the guard")


def _broken_query(case: SampleCase) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM casework_no_such_table")
    return None


BROKEN = Transition(
    name="submit", label="提交审核", source=frozenset({"open"}), target="review", permission="submit",
    event_type="case.attachment_added", guards=(Guard("law_checked", "合法性审查已通过", _broken),),
)
BROKEN_QUERY = Transition(
    name="submit", label="提交审核", source=frozenset({"open"}), target="review", permission="submit",
    event_type="case.attachment_added", guards=(Guard("law_checked", "合法性审查已通过", _broken_query),),
)


def refusals(case):
    return list(case_events(case).filter(event_type=REFUSED_EVENT))


def test_a_refusing_guard_names_itself_changes_nothing_and_leaves_one_refusal_in_the_log(sample_case, editor):
    stamped = sample_case.updated_at
    with pytest.raises(GuardRefused) as refused:
        perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy, outcome="granted",
                           changes={"note": "越过检查"})
    assert refused.value.guard == "note_written"
    assert refused.value.message == "请先填写办理说明。"
    sample_case.refresh_from_db()
    assert (sample_case.status, sample_case.outcome, sample_case.note) == ("open", "", "")
    assert sample_case.updated_at == stamped
    [event] = case_events(sample_case)
    assert event.event_type == REFUSED_EVENT
    assert event.actor_user == editor
    assert event.new_values == {"step": "提交审核", "step_name": "submit", "guard": "note_written"}
    assert event.reason == "请先填写办理说明。"
    assert event.department_id == sample_case.department_id


def test_a_guard_refusal_is_an_invalid_transition_for_callers_that_catch_those(sample_case, editor):
    with pytest.raises(InvalidTransition):
        perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy)


def test_the_first_refusing_guard_is_the_one_named(sample_case, editor):
    SampleCase.objects.filter(pk=sample_case.pk).update(outcome="refused")
    with pytest.raises(GuardRefused) as refused:
        perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy)
    assert refused.value.guard == "note_written"
    SampleCase.objects.filter(pk=sample_case.pk).update(note="材料齐全")
    with pytest.raises(GuardRefused) as refused:
        perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy)
    assert refused.value.guard == "not_refused"
    assert [event.new_values["guard"] for event in refusals(sample_case)] == ["note_written", "not_refused"]


def test_guards_read_the_case_as_stored_not_the_callers_stale_copy(sample_case, editor):
    SampleCase.objects.filter(pk=sample_case.pk).update(note="材料齐全")
    assert sample_case.note == ""  # the caller's copy is stale
    perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy)
    sample_case.refresh_from_db()
    assert sample_case.status == "review"
    assert not refusals(sample_case)


def test_a_guard_that_raises_refuses_the_step_and_is_logged(sample_case, editor, caplog):
    with caplog.at_level(logging.ERROR, logger="yifa.casework.transitions"), pytest.raises(GuardRefused) as refused:
        perform_transition(sample_case, BROKEN, actor=editor, policy=sample_policy)
    assert refused.value.guard == "law_checked"
    assert "合法性审查已通过" in refused.value.message and "未执行该步骤" in refused.value.message
    sample_case.refresh_from_db()
    assert sample_case.status == "open"
    [event] = refusals(sample_case)
    assert event.new_values["guard"] == "law_checked"
    [record] = [r for r in caplog.records if r.name == "yifa.casework.transitions"]
    assert "law_checked" in record.getMessage() and record.exc_info[0] is KeyError


def test_a_guard_failing_in_the_database_refuses_and_leaves_the_callers_transaction_usable(sample_case, editor,
                                                                                            caplog):
    with caplog.at_level(logging.ERROR, logger="yifa.casework.transitions"), transaction.atomic():
        [option] = step_options(sample_case, [BROKEN_QUERY], actor=editor, policy=sample_policy)
        assert (option.allowed, option.guard) == (False, "law_checked")
        assert SampleCase.objects.filter(pk=sample_case.pk).exists()  # PostgreSQL: no "transaction aborted"
        with pytest.raises(GuardRefused):
            perform_transition(sample_case, BROKEN_QUERY, actor=editor, policy=sample_policy)
    sample_case.refresh_from_db()
    assert sample_case.status == "open"
    assert len(refusals(sample_case)) == 1
    assert len([r for r in caplog.records if r.name == "yifa.casework.transitions"]) == 2


def test_a_guard_does_not_stop_a_system_job_it_refuses_for_everybody(sample_case):
    with pytest.raises(GuardRefused):
        perform_transition(sample_case, SUBMIT, actor=SystemJob("nightly"), policy=sample_policy)
    [event] = refusals(sample_case)
    assert event.actor_label == "system:nightly"


def test_a_refusal_by_role_is_logged_for_someone_who_sees_the_case(sample_case, head, legal_officer):
    SampleCase.objects.filter(pk=sample_case.pk).update(note="材料齐全")
    for person in (head, legal_officer):
        with pytest.raises(PermissionDenied):
            perform_transition(sample_case, SUBMIT, actor=person, policy=sample_policy)
    sample_case.refresh_from_db()
    assert sample_case.status == "open"
    logged = refusals(sample_case)
    assert [(event.actor_user, event.new_values["guard"]) for event in logged] == [
        (head, "permission"), (legal_officer, "permission")]
    assert all(event.reason for event in logged)


def test_a_refusal_by_role_leaves_no_trace_for_someone_who_cannot_see_the_case(sample_case, outsider):
    with pytest.raises(PermissionDenied):
        perform_transition(sample_case, SUBMIT, actor=outsider, policy=sample_policy)
    assert not AuditEvent.objects.exists()


def test_a_refusal_by_state_is_logged_as_state(sample_case, head):
    with pytest.raises(InvalidTransition) as refused:
        perform_transition(sample_case, DECIDE, actor=head, policy=sample_policy, outcome="granted")
    assert not isinstance(refused.value, GuardRefused)
    [event] = refusals(sample_case)
    assert (event.new_values["guard"], event.new_values["step_name"]) == ("state", "decide")


def test_step_options_list_blocked_steps_with_their_reasons(sample_case, editor, head, outsider):
    [option] = step_options(sample_case, [SUBMIT, DECIDE], actor=editor, policy=sample_policy)
    assert (option.transition, option.allowed, option.guard, option.reason) == (
        SUBMIT, False, "note_written", "请先填写办理说明。")
    [by_role] = step_options(sample_case, [SUBMIT, DECIDE], actor=head, policy=sample_policy)
    assert (by_role.allowed, by_role.guard) == (False, "permission") and by_role.reason
    assert available_transitions(sample_case, [SUBMIT, DECIDE], actor=editor, policy=sample_policy) == []

    sample_case.note = "材料齐全"
    [allowed] = step_options(sample_case, [SUBMIT, DECIDE], actor=editor, policy=sample_policy)
    assert (allowed.allowed, allowed.reason, allowed.guard) == (True, "", "")
    assert available_transitions(sample_case, [SUBMIT, DECIDE], actor=editor, policy=sample_policy) == [SUBMIT]
    assert not AuditEvent.objects.exists()  # offering steps is not attempting them


def test_a_guard_passing_lets_the_step_through(sample_case, editor):
    SampleCase.objects.filter(pk=sample_case.pk).update(note="材料齐全")
    perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy)
    assert sample_case.status == "review"
    [event] = case_events(sample_case)
    assert event.event_type == "case.attachment_added"
