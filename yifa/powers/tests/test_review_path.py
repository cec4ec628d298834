"""The review path: the editor proposes, the head submits, the legal affairs office approves or returns."""

import pytest
from django.core.exceptions import PermissionDenied

from yifa.audit.models import AuditEvent
from yifa.core.errors import ActionRefused, InvalidTransition
from yifa.powers import actions
from yifa.powers.models import ChangeRequest
from yifa.powers.selectors import in_force

from .conftest import D, approve, power, proposal, table_counts


@pytest.fixture
def proposed(department, editor, listed_power):
    return actions.propose(actor=editor, department=department, proposals=[
        proposal(power(promised_limit=5), kind="modify", when=D(2017, 3, 1))], title="压缩时限")


def test_the_whole_path_takes_a_proposal_to_the_public_list_on_its_date(proposed, head, legal_officer):
    actions.submit_request(actor=head, change_request=proposed)
    actions.approve_request(actor=legal_officer, change_request=proposed, opinion="合法")
    proposed.refresh_from_db()
    assert (proposed.status, proposed.outcome) == ("closed", "approved")
    assert in_force("power", D(2017, 3, 1)).get().promised_limit == 5
    steps = list(AuditEvent.objects.for_object(proposed).order_by("id").values_list("event_type", flat=True))
    assert steps == ["powers.changes_proposed", "powers.request_submitted", "powers.request_approved"]


def test_an_editor_cannot_submit_and_a_head_cannot_approve(proposed, editor, head):
    with pytest.raises(PermissionDenied):
        actions.submit_request(actor=editor, change_request=proposed)
    actions.submit_request(actor=head, change_request=proposed)
    with pytest.raises(PermissionDenied):
        actions.approve_request(actor=head, change_request=proposed)


def test_the_office_cannot_approve_a_draft_that_was_never_submitted(proposed, legal_officer):
    with pytest.raises(InvalidTransition, match="起草中"):
        actions.approve_request(actor=legal_officer, change_request=proposed)


def test_a_return_needs_reasons_and_the_returned_request_can_be_corrected_and_resubmitted(
        proposed, department, editor, head, legal_officer):
    actions.submit_request(actor=head, change_request=proposed)
    with pytest.raises(ActionRefused, match="退回须写明理由"):
        actions.return_request(actor=legal_officer, change_request=proposed, reason="  ")
    actions.return_request(actor=legal_officer, change_request=proposed, reason="承诺时限的依据不足")
    proposed.refresh_from_db()
    assert (proposed.status, proposed.review_opinion) == ("returned", "承诺时限的依据不足")
    actions.propose(actor=editor, department=department, proposals=[
        proposal(power(promised_limit=7), kind="modify", when=D(2017, 3, 1))])
    actions.submit_request(actor=head, change_request=proposed)
    actions.approve_request(actor=legal_officer, change_request=proposed)
    assert in_force("power", D(2017, 3, 1)).get().promised_limit == 7


def test_another_departments_editor_cannot_propose_for_it(department, outsider, listed_power):
    before = table_counts()
    with pytest.raises(PermissionDenied):
        actions.propose(actor=outsider, department=department, proposals=[
            proposal(power(name="篡改"), kind="modify", when=D(2017, 1, 1))])
    assert table_counts() == before


def test_another_departments_staff_cannot_act_on_its_request(proposed, outsider, make_user, other_department):
    other_head = make_user("department_head", other_department)
    for step in (lambda: actions.submit_request(actor=other_head, change_request=proposed),
                 lambda: actions.withdraw_request(actor=outsider, change_request=proposed)):
        with pytest.raises(PermissionDenied):
            step()
    assert ChangeRequest.objects.get(pk=proposed.pk).status == "draft"


def test_the_legal_affairs_office_reviews_but_does_not_propose(department, legal_officer, listed_power):
    with pytest.raises(PermissionDenied):
        actions.propose(actor=legal_officer, department=department, proposals=[
            proposal(power(name="改名"), kind="modify", when=D(2017, 1, 1))])


def test_a_future_adjustment_is_published_by_the_daily_job_on_its_date(proposed, head, legal_officer):
    from yifa.audit.actors import SystemJob

    actions.submit_request(actor=head, change_request=proposed)
    actions.approve_request(actor=legal_officer, change_request=proposed, today=D(2017, 1, 1))
    adjustment = proposed.adjustments.get()
    assert adjustment.applied_at is not None and adjustment.published_at is None
    assert actions.take_effect(actor=SystemJob("powers.take_effect"), today=D(2017, 2, 28)) == 0
    assert actions.take_effect(actor=SystemJob("powers.take_effect"), today=D(2017, 3, 1)) == 1
    adjustment.refresh_from_db()
    assert adjustment.published_at is not None


def test_the_daily_job_indexes_items_as_in_force_on_its_own_date_not_by_the_clock(department, listed_power):
    """A catch-up (`yifa daily --from`) runs each missed date in turn: each run publishes what was due that day
    and indexes the item as the list stood that day, whatever the clock says (here years later)."""
    from yifa.audit.actors import SystemJob
    from yifa.search.models import IndexedDocument

    approve(department, proposal(power(name="食品经营许可（三月）"), kind="modify", when=D(2017, 3, 1)),
            today=D(2017, 1, 1))
    approve(department, proposal(power(name="食品经营许可（六月）"), kind="modify", when=D(2017, 6, 1)),
            today=D(2017, 1, 2))
    job = SystemJob("powers.take_effect")

    def indexed_title():
        return IndexedDocument.objects.get(source="powers.item", key=str(listed_power.item_id)).title

    assert actions.take_effect(actor=job, today=D(2017, 3, 1)) == 1
    assert indexed_title() == "食品经营许可（三月）"  # not June's version, in force by today's clock
    assert actions.take_effect(actor=job, today=D(2017, 6, 1)) == 1
    assert indexed_title() == "食品经营许可（六月）"
