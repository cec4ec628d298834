"""A case from 案源登记 to 结案 through the actions, with its periods on the official calendar and by the text of
the 行政处罚法 in force on the filing date."""

import datetime as dt
from decimal import Decimal

import pytest

from yifa.calendar.selectors import deadline_of
from yifa.enforcement.cases import actions
from yifa.enforcement.cases.models import EnforcementCase, ProcessRecord

from .factories import JOB, case_setup, filed_case, notified_case, stated_case

pytestmark = pytest.mark.django_db
D = dt.date
S = EnforcementCase.Status


def test_a_2016_case_runs_from_filing_to_closure_with_every_step_in_the_full_process_record(setup):
    case = stated_case(setup, fine="3000")
    case = actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 10), fine="3000", decision_number="肇市监罚〔2016〕1号",
                          decision_text="罚款人民币三千元。")
    case = actions.serve_decision(actor=JOB, case=case, served_on=D(2016, 8, 11))
    case = actions.record_payment(actor=JOB, case=case, paid_on=D(2016, 8, 20), amount="3000")
    case = actions.close_case(actor=JOB, case=case, closed_on=D(2016, 8, 22))
    assert case.status == S.CLOSED and case.outcome == EnforcementCase.Outcome.PENALTY and case.closed_at
    steps = list(ProcessRecord.objects.filter(case=case).values_list("step", flat=True))
    assert steps == ["set_handlers", "declare_recusal", "declare_recusal", "file", "add_evidence", "notify",
                     "record_statement", "decide", "serve", "record_payment", "close"]
    filing = ProcessRecord.objects.get(case=case, step="file")
    assert filing.on == setup.on and all(s.name in filing.handlers for s in setup.handlers)
    evidence = ProcessRecord.objects.get(case=case, step="add_evidence")
    assert case.evidence.get().sha256 in evidence.note


def test_a_2016_case_takes_its_decision_period_from_the_local_rule_and_says_so(setup):
    case = filed_case(setup)
    decision = deadline_of(case, "decision")
    # 90 calendar days from 2016-08-01: 2016-10-30 is a Sunday, so the next working day.
    assert decision.length == 90 and decision.unit == "day"
    assert decision.due_date == D(2016, 10, 31)
    assert "本地规定" in decision.basis and "未规定作出决定的期限" in decision.basis and "2009年修正" in decision.basis


def test_a_2021_case_takes_art60_and_five_working_days_for_a_hearing_request(department):
    setup = case_setup(department, D(2022, 9, 26))
    case = notified_case(setup, fine="200000")
    decision = deadline_of(case, "decision")
    assert decision.basis == "《中华人民共和国行政处罚法》（2021年修订）第六十条"
    assert decision.due_date == D(2022, 12, 26)  # 90 days from 2022-09-26 is Christmas Day, a Sunday
    assert case.hearing_right  # 200,000 yuan for an organisation: 较大数额 (the province's standard, a setting)
    hearing = deadline_of(case, "hearing_request")
    # Five working days after 2022-09-26: 27, 28, 29, 30 September, then the National Day holiday to 7 October.
    assert hearing.unit == "working_day" and hearing.due_date == D(2022, 10, 8)  # 2022-10-08 was a make-up Saturday
    assert "第八十五条" in hearing.basis


def test_a_2016_hearing_request_period_is_three_calendar_days_under_the_1996_text(setup):
    case = notified_case(setup, fine="150000", notified_on=D(2016, 8, 5))
    hearing = deadline_of(case, "hearing_request")
    assert (hearing.length, hearing.unit) == (3, "day") and "第四十二条" in hearing.basis
    assert hearing.due_date == D(2016, 8, 8)  # 8 August 2016 (the 3rd day is a Monday)
    with pytest.raises(Exception, match="听证申请期限已于 2016-08-08 届满"):
        actions.request_hearing(actor=JOB, case=case, requested_on=D(2016, 8, 9))


def test_the_statement_period_holds_the_decision_until_it_ends(setup):
    from yifa.casework.transitions import GuardRefused

    case = notified_case(setup, notified_on=D(2016, 8, 5))
    statement = deadline_of(case, "statement")
    assert statement.due_date == D(2016, 8, 12) and "本地规定" in statement.basis  # five working days
    with pytest.raises(GuardRefused, match="陈述申辩期限至 2016-08-12 届满") as refused:
        actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 10), fine="3000", decision_number="X",
                       decision_text="罚款")
    assert refused.value.guard == "statement_heard"
    case = actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 15), fine="3000", decision_number="X",
                          decision_text="罚款")
    assert case.status == S.DECIDED


def test_extension_of_the_decision_period_moves_the_due_date(setup, head):
    case = filed_case(setup)
    before = deadline_of(case, "decision").due_date
    actions.extend_decision_period(actor=JOB, case=case, days=30, approved_on=D(2016, 10, 20), reason="案情复杂")
    assert deadline_of(case, "decision").due_date > before


def test_payment_below_the_fine_and_surcharge_is_refused(setup):
    from yifa.core.errors import ActionRefused

    case = stated_case(setup, fine="1000")
    case = actions.decide(actor=JOB, case=case, decided_on=D(2016, 8, 10), fine="1000", decision_number="X",
                          decision_text="罚款一千元")
    case = actions.serve_decision(actor=JOB, case=case, served_on=D(2016, 8, 11))
    due = deadline_of(case, "payment").due_date
    assert due == D(2016, 8, 26)  # 15 days from service
    with pytest.raises(ActionRefused, match="应缴 1090.00 元"):
        actions.record_payment(actor=JOB, case=case, paid_on=D(2016, 8, 29), amount="1000")
    case = actions.record_payment(actor=JOB, case=case, paid_on=D(2016, 8, 29), amount=Decimal("1090"))
    assert case.paid_amount == Decimal("1090.00")
