"""Section 四 of the annual report (国办公开办函〔2021〕30号): reconsideration and litigation about disclosure
requests, counted from the records the disclosure office keeps; and the fees collected (国办函〔2020〕109号)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from yifa.audit.models import AuditEvent
from yifa.casework.actions import take_step
from yifa.casework.transitions import GuardRefused
from yifa.core.errors import ActionRefused
from yifa.disclosure import actions
from yifa.disclosure.models import DisclosureRequest, ReplyChallenge
from yifa.disclosure.registration import DISCLOSURE_REQUEST
from yifa.disclosure.statistics import PENDING, challenge_table, fees_collected

D = dt.date


@pytest.fixture
def refused(registered, editor):
    request = registered(D(2017, 3, 1))
    return actions.reply_request(actor=editor, request=request, outcome="refused", reason="process_information",
                                 replied_on=D(2017, 3, 10), summary="过程性信息")


def test_a_challenge_counts_in_the_year_it_was_filed_with_its_result_at_the_end_of_that_year(refused, editor):
    actions.record_challenge(actor=editor, request=refused, kind="reconsideration", filed_on=D(2017, 4, 1),
                             body="肇东市人民政府")
    actions.record_challenge(actor=editor, request=refused, kind="litigation_direct", filed_on=D(2017, 12, 20),
                             body="肇东市人民法院")
    actions.record_challenge_result(actor=editor, request=refused, kind="reconsideration", result="corrected",
                                    decided_on=D(2017, 5, 20))
    actions.record_challenge_result(actor=editor, request=refused, kind="litigation_direct", result="upheld",
                                    decided_on=D(2018, 2, 1))

    table = challenge_table(2017)
    assert table.counts["reconsideration"] == {"upheld": 0, "corrected": 1, "other": 0, PENDING: 0}
    # Decided only in 2018: the 2017 report (whenever it is generated) shows it 尚未审结.
    assert table.counts["litigation_direct"] == {"upheld": 0, "corrected": 0, "other": 0, PENDING: 1}
    assert table.total("litigation_direct") == 1 and table.total("litigation_after_reconsideration") == 0
    assert challenge_table(2018).total("litigation_direct") == 0  # counted once, in its year of filing


def test_litigation_after_reconsideration_needs_a_reconsideration_on_record(refused, editor):
    with pytest.raises(ActionRefused, match="复议后起诉须先登记行政复议"):
        actions.record_challenge(actor=editor, request=refused, kind="litigation_after_reconsideration",
                                 filed_on=D(2017, 5, 1), body="肇东市人民法院")
    assert not ReplyChallenge.objects.exists()
    actions.record_challenge(actor=editor, request=refused, kind="reconsideration", filed_on=D(2017, 4, 1),
                             body="肇东市人民政府")
    after = actions.record_challenge(actor=editor, request=refused, kind="litigation_after_reconsideration",
                                     filed_on=D(2017, 6, 1), body="肇东市人民法院", case_number="（2017）黑1282行初1号")
    assert after.case_number.startswith("（2017）")


def test_an_unanswered_request_can_be_challenged_and_the_status_does_not_move(registered, editor):
    request = registered(D(2017, 3, 1))
    actions.record_challenge(actor=editor, request=request, kind="reconsideration", filed_on=D(2017, 5, 1),
                             body="肇东市人民政府")
    request.refresh_from_db()
    assert request.status == DisclosureRequest.Status.HANDLING
    assert AuditEvent.objects.for_object(request).filter(event_type="disclosure.challenge_recorded").exists()


def test_a_result_needs_a_pending_challenge_and_the_refusal_is_logged(refused, editor):
    with pytest.raises(GuardRefused):
        actions.record_challenge_result(actor=editor, request=refused, kind="reconsideration", result="upheld",
                                        decided_on=D(2017, 5, 1))
    assert AuditEvent.objects.for_object(refused).filter(event_type="case.step_refused").exists()


def test_dates_are_checked(refused, editor):
    with pytest.raises(ActionRefused, match="早于"):
        actions.record_challenge(actor=editor, request=refused, kind="reconsideration", filed_on=D(2017, 1, 1),
                                 body="肇东市人民政府")
    actions.record_challenge(actor=editor, request=refused, kind="reconsideration", filed_on=D(2017, 4, 1),
                             body="肇东市人民政府")
    with pytest.raises(ActionRefused, match="早于"):
        actions.record_challenge_result(actor=editor, request=refused, kind="reconsideration", result="upheld",
                                        decided_on=D(2017, 3, 1))
    assert ReplyChallenge.objects.get().result == ""


def test_another_department_may_not_record_a_challenge(refused, outsider):
    with pytest.raises(PermissionDenied):
        take_step(actor=outsider, case_type=DISCLOSURE_REQUEST, case=refused, step_name="record_challenge",
                  data={"kind": "reconsideration", "filed_on": "2017-04-01", "body": "肇东市人民政府"})
    assert not ReplyChallenge.objects.exists()


def test_the_generic_step_form_records_one(refused, editor):
    take_step(actor=editor, case_type=DISCLOSURE_REQUEST, case=refused, step_name="record_challenge",
              data={"kind": "reconsideration", "filed_on": "2017-04-01", "body": "肇东市人民政府"})
    take_step(actor=editor, case_type=DISCLOSURE_REQUEST, case=refused, step_name="record_challenge_result",
              data={"kind": "reconsideration", "result": "other", "decided_on": "2017-04-20", "note": "申请人撤回"})
    assert challenge_table(2017).counts["reconsideration"]["other"] == 1


def test_fees_collected_in_the_year_of_payment_in_wan_yuan(registered, editor, department):
    for n, paid in enumerate([D(2021, 12, 30), D(2022, 1, 4), None]):
        request = registered(D(2021, 12, 1))
        DisclosureRequest.objects.filter(pk=request.pk).update(fee_amount=Decimal("100.00") * (n + 1),
                                                               fee_paid_on=paid)
    collected = fees_collected(2021)
    assert (collected.requests, collected.yuan, collected.wan_yuan) == (1, Decimal("100.00"), Decimal("0.0100"))
    assert fees_collected(2022).yuan == Decimal("200.00")
    assert fees_collected(2022, requests=DisclosureRequest.objects.exclude(department=department)).requests == 0


@pytest.mark.release_review
def test_the_demo_fills_section_four(db):
    call_command("demo", only=["org", "disclosure"], verbosity=0)
    y2016, y2017 = challenge_table(2016), challenge_table(2017)
    assert y2016.counts["reconsideration"][PENDING] == 1  # filed 2016-12-05, decided 2017-01-20
    assert y2017.counts["reconsideration"]["corrected"] == 1
    assert y2017.counts["litigation_after_reconsideration"]["upheld"] == 1
    assert y2017.counts["litigation_direct"][PENDING] == 1
    assert fees_collected(2017).requests == 0  # the 2007 text charged no information-processing fee
