"""行政执法公示 on the official calendar: the publication period, the retention (5 years, 2 for a natural person),
masking, the withdrawal of a revoked decision by the daily job; the surcharge's arithmetic; the documents."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from yifa.calendar.selectors import deadline_of
from yifa.enforcement.cases import actions
from yifa.enforcement.cases.surcharge import compute_surcharge
from yifa.publication.selectors import publication_of

from .factories import JOB, case_setup, stated_case

pytestmark = pytest.mark.django_db
D = dt.date


def decided(setup, on, **extra):
    case = stated_case(setup, notified_on=on - dt.timedelta(days=1), **extra)
    return actions.decide(actor=JOB, case=case, decided_on=on, fine="3000", decision_number="肇市监罚〔2016〕12号",
                          decision_text="王建国经营超过保质期的食品，罚款人民币三千元。")


def test_publication_is_due_seven_working_days_after_the_decision_across_national_day(setup):
    case = decided(setup, D(2016, 9, 28))
    publish = deadline_of(case, "publish")
    # 29, 30 September; the holiday 1-7 October; 8 and 9 October were make-up working days; then 10, 11, 12.
    assert publish.due_date == D(2016, 10, 12)
    assert "本地规定" in publish.basis  # before 国办发〔2018〕118号


def test_from_2018_12_05_the_118_document_sets_seven_or_twenty_working_days(department):
    setup = case_setup(department, D(2019, 9, 16))
    case = decided(setup, D(2019, 9, 20))
    publish = deadline_of(case, "publish")
    assert publish.basis.startswith("《国务院办公厅关于全面推行行政执法公示制度") and publish.length == 7
    # 23-27, 29 September (a make-up Sunday), 30 September: seven working days.
    assert publish.due_date == D(2019, 9, 30)


def test_a_natural_persons_decision_is_masked_and_kept_two_years_then_withdrawn(setup, client):
    case = decided(setup, D(2016, 9, 28), natural_person=True)
    actions.publish_decision(actor=JOB, case=case, published_on=D(2016, 10, 10))
    publication = publication_of(case)
    assert publication.withdraw_due == D(2018, 10, 10)
    assert "当事人：王某\n" in publication.body and "王建国" not in publication.body
    assert "231282198001010013" not in publication.body
    assert deadline_of(case, "publish", running=False).completed_on == D(2016, 10, 10)
    page = client.get("/zhifa/jueding/").content.decode()
    assert case.reference in page and "王建国" not in page
    detail = client.get(f"/zhifa/jueding/{case.reference}/").content.decode()
    assert "王某" in detail and "王某某" not in detail and "罚款人民币三千元" in detail


def test_an_organisations_decision_stays_five_years(setup):
    case = decided(setup, D(2016, 9, 28))
    actions.publish_decision(actor=JOB, case=case, published_on=D(2016, 10, 10))
    assert publication_of(case).withdraw_due == D(2021, 10, 10)
    assert "肇东市某某商贸有限公司" in publication_of(case).body


def test_a_revoked_decision_comes_off_within_three_working_days_by_the_daily_job(setup, client):
    case = decided(setup, D(2016, 9, 28))
    actions.publish_decision(actor=JOB, case=case, published_on=D(2016, 10, 10))
    case = actions.revoke_decision(actor=JOB, case=case, revoked_on=D(2016, 12, 29), reason="行政复议决定撤销")
    withdraw = deadline_of(case, "withdraw")
    assert withdraw.due_date == D(2017, 1, 4)  # 30 December, (1-2 January 元旦), 3, 4 January
    assert publication_of(case) is not None
    summary = actions.withdraw_revoked_decisions(today=D(2016, 12, 29))
    assert "1 件" in summary and publication_of(case) is None
    assert deadline_of(case, "withdraw", running=False).status == "completed"
    assert client.get(f"/zhifa/jueding/{case.reference}/").status_code == 404
    assert "0 件" in actions.withdraw_revoked_decisions(today=D(2016, 12, 30))
    with pytest.raises(Exception, match="已于 2016-12-29 被撤销"):
        actions.publish_decision(actor=JOB, case=case, published_on=D(2016, 12, 30))


def test_the_published_decision_is_found_by_the_site_search(setup):
    from yifa.search.query import search

    case = decided(setup, D(2016, 9, 28), natural_person=True)
    actions.publish_decision(actor=JOB, case=case, published_on=D(2016, 10, 10))
    found = search("保质期", source="enforcement.decision").items
    assert [item.key for item in found] == [case.reference]
    assert not search("王建国", source="enforcement.decision").items  # the name was masked before indexing
    actions.revoke_decision(actor=JOB, case=case, revoked_on=D(2016, 12, 29), reason="撤销")
    actions.withdraw_revoked_decisions(today=D(2016, 12, 29))
    assert not search("保质期", source="enforcement.decision").items


# --- the surcharge ------------------------------------------------------------------------------------------


def test_surcharge_is_three_percent_a_day_shown_with_its_arithmetic():
    result = compute_surcharge(Decimal("1000"), D(2016, 8, 26), D(2016, 9, 5), basis="第五十一条")
    assert (result.days, result.amount, result.total, result.capped) == (10, Decimal("300.00"), Decimal("1300.00"), False)
    assert "罚款 1,000.00 元 × 3% × 10 日 = 300.00 元。" in result.lines


def test_surcharge_is_capped_at_the_fine():
    result = compute_surcharge(Decimal("1000"), D(2016, 8, 26), D(2016, 10, 10), basis="第七十二条")
    assert result.days == 45 and result.uncapped == Decimal("1350.00")
    assert result.amount == Decimal("1000.00") and result.capped and result.total == Decimal("2000.00")
    assert any("不得超出罚款的数额" in line for line in result.lines)


def test_no_surcharge_on_or_before_the_due_date():
    result = compute_surcharge(Decimal("1000"), D(2016, 8, 26), D(2016, 8, 26), basis="x")
    assert result.days == 0 and result.amount == 0


def test_the_payment_period_ending_in_the_national_day_holiday_moves_to_the_make_up_working_day(setup, api_as, editor):
    case = decided(setup, D(2016, 9, 19))
    case = actions.serve_decision(actor=JOB, case=case, served_on=D(2016, 9, 20))
    assert deadline_of(case, "payment").due_date == D(2016, 10, 8)  # 5 October is a holiday; 8 October a make-up day
    response = api_as(editor).get(f"/api/enforcement/cases/{case.reference}/surcharge", {"as_of": "2016-10-18"})
    assert response.status_code == 200
    body = response.json()
    assert (body["days"], body["amount"], body["total"]) == (10, "900.00", "3900.00")
    assert api_as(editor).get(f"/api/enforcement/cases/{case.reference}/surcharge",
                              {"as_of": "2016-13-45"}).status_code == 422


# --- documents ----------------------------------------------------------------------------------------------


def test_the_notice_and_the_decision_are_word_documents_in_chinese(setup, client, editor):
    from docx import Document

    case = decided(setup, D(2016, 9, 28))
    client.force_login(editor)
    for kind, title, words in (("notice", "行政处罚告知书", "陈述、申辩"), ("decision", "行政处罚决定书", "百分之三加处罚款")):
        response = client.get(f"/zhifa/anjian/{case.reference}/wenshu/{kind}.docx")
        assert response.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert text.startswith(title) and words in text and case.department.name in text
