"""Every change to a list is an adjustment with a date and a document; any list can be shown as of any date."""

import dataclasses

import pytest
from django.db import IntegrityError, transaction

from yifa.core.errors import ActionRefused
from yifa.powers import actions
from yifa.powers.models import Adjustment, ChangeRequest, Item, PowerVersion
from yifa.powers.selectors import adjustment_counts, ended, in_force, item_history, listed, version_on
from yifa.powers.validation import ProposalRefused

from .conftest import JOB, D, approve, power, proposal


def names(as_of, **filters):
    return sorted(in_force("power", as_of, **filters).values_list("name", flat=True))


def test_an_approved_addition_is_in_force_from_its_effective_date_and_not_before(listed_power):
    assert names(D(2016, 6, 29)) == []
    assert names(D(2016, 6, 30)) == ["食品经营许可"]
    assert listed_power.effective_from == D(2016, 6, 30) and listed_power.effective_to is None


def test_a_change_ends_the_old_version_on_its_date_and_the_list_as_of_earlier_shows_the_old_text(department,
                                                                                                  listed_power):
    approve(department, proposal(power(promised_limit=7), kind="modify", when=D(2017, 3, 1)))
    before = in_force("power", D(2017, 2, 28)).get()
    after = in_force("power", D(2017, 3, 1)).get()
    assert (before.promised_limit, after.promised_limit) == (10, 7)
    assert before.effective_to == D(2017, 3, 1) and before.ended_by.kind == "modify"
    assert [a.kind for a in item_history(listed_power.item)] == ["add", "modify"]


def test_a_cancelled_item_leaves_the_list_on_its_date_and_keeps_its_history(department, listed_power):
    approve(department, proposal(None, kind="cancel", code="0100101000", when=D(2016, 9, 1)))
    assert names(D(2016, 8, 31)) == ["食品经营许可"]
    assert names(D(2016, 9, 1)) == []
    assert list(ended("power", D(2016, 9, 1)).values_list("name", flat=True)) == ["食品经营许可"]
    assert version_on(listed_power.item, D(2020, 1, 1)).pk == listed_power.pk  # the last version, ended
    assert [a.kind for a in item_history(listed_power.item)] == ["add", "cancel"]


def test_a_transfer_moves_the_item_to_the_other_departments_list_from_its_date(department, other_department,
                                                                               listed_power):
    approve(department, proposal(power(), kind="transfer", when=D(2017, 1, 1), target_department_code="other"))
    assert names(D(2016, 12, 31), department=department) == ["食品经营许可"]
    assert names(D(2017, 1, 1), department=department) == []
    assert names(D(2017, 1, 1), department=other_department) == ["食品经营许可"]
    moved = in_force("power", D(2017, 1, 1)).get()
    assert moved.implementation_code.startswith(other_department.credit_code)
    assert Item.objects.get(pk=listed_power.item_id).department == other_department
    assert listed("power", D(2017, 1, 1), status="ended", department=department).count() == 1


def test_an_adjustment_without_its_document_basis_cannot_be_submitted(department, head, listed_power):
    request = actions.propose(actor=JOB, department=department, proposals=[
        proposal(power(promised_limit=5), kind="modify", when=D(2017, 1, 1), document=("", ""))])
    with pytest.raises(ActionRefused, match="没有文件依据"):
        actions.submit_request(actor=head, change_request=request)
    assert ChangeRequest.objects.get(pk=request.pk).status == "draft"


def test_the_database_refuses_an_applied_adjustment_without_a_document(department, listed_power):
    adjustment = Adjustment.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Adjustment.objects.filter(pk=adjustment.pk).update(document_title="", document_number="")


def test_an_adjustment_dated_on_or_before_the_current_version_is_refused(department, listed_power):
    with pytest.raises(ProposalRefused, match="生效日期须晚于现行版本的生效日期 2016-06-30"):
        actions.propose(actor=JOB, department=department, proposals=[
            proposal(power(name="改名"), kind="modify", when=D(2016, 6, 30))])
    assert not ChangeRequest.objects.filter(status="draft").exists()


def test_an_item_already_listed_cannot_be_added_again(department, listed_power):
    with pytest.raises(ProposalRefused, match="已在清单中"):
        actions.propose(actor=JOB, department=department, proposals=[proposal(power(name="另一个"))])


def test_a_second_proposal_for_the_same_item_replaces_the_pending_one(department, listed_power):
    first = actions.propose(actor=JOB, department=department, proposals=[
        proposal(power(promised_limit=8), kind="modify", when=D(2017, 1, 1))])
    second = actions.propose(actor=JOB, department=department, proposals=[
        proposal(power(promised_limit=6), kind="modify", when=D(2017, 2, 1))])
    assert first.pk == second.pk  # one open request per department
    pending = Adjustment.objects.get(applied_at__isnull=True)
    assert pending.effective_date == D(2017, 2, 1)
    assert PowerVersion.objects.get(effective_from__isnull=True).promised_limit == 6


def test_nothing_can_be_proposed_while_the_departments_request_is_under_review(department, head, listed_power):
    request = actions.propose(actor=JOB, department=department, proposals=[
        proposal(power(promised_limit=8), kind="modify", when=D(2017, 1, 1))])
    actions.submit_request(actor=head, change_request=request)
    with pytest.raises(ActionRefused, match="正在合法性审查中"):
        actions.propose(actor=JOB, department=department, proposals=[proposal(power("0100102000", "食品生产许可"))])


def test_drafts_are_not_in_any_list_until_approved(department, listed_power):
    actions.propose(actor=JOB, department=department, proposals=[
        proposal(power("0100102000", "食品生产许可")), proposal(power(promised_limit=1), kind="modify",
                                                               when=D(2016, 7, 1))])
    assert names(D(2030, 1, 1)) == ["食品经营许可"]
    assert in_force("power", D(2030, 1, 1)).get().promised_limit == 10


def test_withdrawing_a_request_removes_its_drafts_and_the_items_they_would_have_created(department, listed_power):
    request = actions.propose(actor=JOB, department=department, proposals=[proposal(power("0100102000", "食品生产许可"))])
    actions.withdraw_request(actor=JOB, change_request=request, reason="不再需要")
    request.refresh_from_db()
    assert (request.status, request.outcome) == ("closed", "withdrawn")
    assert not Item.objects.filter(code="0100102000").exists()
    assert not PowerVersion.objects.filter(effective_from__isnull=True).exists()


def test_approval_refuses_an_adjustment_overtaken_by_another_version(department, legal_officer, head, listed_power):
    request = actions.propose(actor=JOB, department=department, proposals=[
        proposal(power(promised_limit=8), kind="modify", when=D(2017, 1, 1))])
    actions.submit_request(actor=head, change_request=request)
    # Meanwhile the current version's start moved past the adjustment's date (a data repair, say).
    PowerVersion.objects.filter(pk=listed_power.pk).update(effective_from=D(2017, 6, 1))
    with pytest.raises(ActionRefused, match="0100101000"):
        actions.approve_request(actor=legal_officer, change_request=request)
    assert ChangeRequest.objects.get(pk=request.pk).status == "submitted"
    assert Adjustment.objects.filter(applied_at__isnull=True).count() == 1


def test_the_years_figures_count_adjustments_by_kind_and_effective_date(department, listed_power):
    approve(department, proposal(power("0100102000", "食品生产许可"), kind="take_over", when=D(2016, 8, 1),
                                 decided_by="province", counterpart="黑龙江省人民政府"))
    approve(department, proposal(None, kind="cancel", code="0100101000", when=D(2017, 1, 2)))
    counts_2016 = adjustment_counts(2016, catalogue="power")
    assert (counts_2016["add"], counts_2016["take_over"], counts_2016["cancel"]) == (1, 1, 0)
    assert adjustment_counts(2017, catalogue="power")["cancel"] == 1


def test_an_item_can_be_listed_again_after_it_was_cancelled(department, listed_power):
    approve(department, proposal(None, kind="cancel", code="0100101000", when=D(2016, 9, 1)))
    approve(department, proposal(dataclasses.replace(power(), promised_limit=5), kind="add", when=D(2017, 1, 1)))
    assert names(D(2016, 12, 1)) == []
    assert in_force("power", D(2017, 1, 1)).get().promised_limit == 5
    assert ended("power", D(2017, 1, 1)).count() == 0
