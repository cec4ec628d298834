import pytest
from django.core.exceptions import PermissionDenied

from yifa.audit.actors import SystemJob
from yifa.audit.models import AuditEvent
from yifa.casework.selectors import case_events
from yifa.casework.transitions import available_transitions, perform_transition
from yifa.core.errors import InvalidTransition

from .sample import DECIDE, SUBMIT, SampleCase, sample_policy


def test_transition_moves_status_and_writes_the_event_log(sample_case, editor):
    perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy, reason="材料齐全")
    sample_case.refresh_from_db()
    assert sample_case.status == "review"
    [event] = case_events(sample_case)
    assert event.actor_user == editor
    assert event.old_values == {"status": "open"}
    assert event.new_values == {"status": "review"}
    assert event.reason == "材料齐全"
    assert event.department_id == sample_case.department_id


def test_outcome_is_kept_apart_from_status_and_closing_dates_the_case(sample_case, editor, head):
    perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy)
    perform_transition(sample_case, DECIDE, actor=head, policy=sample_policy, outcome="granted")
    sample_case.refresh_from_db()
    assert (sample_case.status, sample_case.outcome) == ("closed", "granted")
    assert sample_case.closed_at is not None
    assert sample_case.is_closed


def test_a_step_from_the_wrong_state_is_refused_changes_nothing_and_leaves_a_refusal_in_the_log(sample_case, head):
    with pytest.raises(InvalidTransition, match="当前状态为“办理中”"):
        perform_transition(sample_case, DECIDE, actor=head, policy=sample_policy, outcome="granted")
    sample_case.refresh_from_db()
    assert (sample_case.status, sample_case.outcome) == ("open", "")
    [refusal] = case_events(sample_case)
    assert (refusal.event_type, refusal.actor_user, refusal.new_values["guard"]) == ("case.step_refused", head, "state")


def test_another_departments_staff_cannot_act_on_the_case(sample_case, outsider):
    with pytest.raises(PermissionDenied):
        perform_transition(sample_case, SUBMIT, actor=outsider, policy=sample_policy)
    sample_case.refresh_from_db()
    assert sample_case.status == "open"
    assert not AuditEvent.objects.exists()


def test_the_role_must_match_the_step(sample_case, editor):
    perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy)
    with pytest.raises(PermissionDenied):
        perform_transition(sample_case, DECIDE, actor=editor, policy=sample_policy, outcome="granted")


def test_a_failure_after_the_save_rolls_the_whole_step_back(sample_case, editor):
    def explode(case):
        raise RuntimeError("deadline could not be opened")

    with pytest.raises(RuntimeError):
        perform_transition(sample_case, SUBMIT, actor=editor, policy=sample_policy, then=explode)
    sample_case.refresh_from_db()
    assert sample_case.status == "open"
    assert not case_events(sample_case).exists()


def test_system_jobs_act_without_a_role_and_are_named_in_the_log(sample_case):
    perform_transition(sample_case, SUBMIT, actor=SystemJob("nightly"), policy=sample_policy)
    [event] = case_events(sample_case)
    assert event.actor_user is None
    assert event.actor_label == "system:nightly"


def test_available_transitions_offer_only_permitted_steps_from_the_current_state(sample_case, editor, head, outsider):
    assert available_transitions(sample_case, [SUBMIT, DECIDE], actor=editor, policy=sample_policy) == [SUBMIT]
    assert available_transitions(sample_case, [SUBMIT, DECIDE], actor=head, policy=sample_policy) == []
    assert available_transitions(sample_case, [SUBMIT, DECIDE], actor=outsider, policy=sample_policy) == []


def test_policy_scopes_the_case_list_by_department(sample_case_model, department, other_department, editor, legal_officer):
    mine = SampleCase.objects.create(reference="A-1", department=department, status="open")
    theirs = SampleCase.objects.create(reference="B-1", department=other_department, status="open")
    assert list(sample_policy.visible(editor)) == [mine]
    assert set(sample_policy.visible(legal_officer)) == {mine, theirs}
