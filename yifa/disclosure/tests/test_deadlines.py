"""A request's periods through every step, each judged by the text of the 政府信息公开条例 in force on the
day it was received (2007 text before 2019-05-15, the 2019 revision from then), on the official calendar.

Each test names the article it checks. The 2019 rules are exercised in 2025, whose National Day week
(10/1–10/8 off; Sunday 9/28 and Saturday 10/11 worked) makes a miscount show; the 2007 rules in 2016–17.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from yifa.calendar.selectors import deadline_of
from yifa.core.errors import ActionRefused
from yifa.disclosure import actions
from yifa.disclosure.models import DisclosureRequest

D = dt.date
S = DisclosureRequest.Status


def reply_due(request):
    return deadline_of(request, actions.REPLY, running=False).due_date


# --- the text by date ----------------------------------------------------------------------------------


def test_2019_art33_a_request_received_from_2019_05_15_has_20_working_days(registered):
    request = registered(D(2025, 9, 22))
    assert request.status == S.HANDLING
    assert reply_due(request) == D(2025, 10, 24)  # across the 2025 National Day week
    reply = deadline_of(request, actions.REPLY)
    assert "2019年修订" in reply.basis and "第三十三条" in reply.basis
    assert "第三十一条第三项" in request.received_basis


def test_2007_art24_a_request_received_before_2019_05_15_has_15_working_days(registered):
    # 15 working days from 2016-09-26: 10/1–10/7 off, Saturday 10/8 and Sunday 10/9 worked.
    request = registered(D(2016, 9, 26))
    assert reply_due(request) == D(2016, 10, 20)
    basis = deadline_of(request, actions.REPLY).basis
    assert "2007年" in basis and "第二十四条" in basis
    assert "2007年《政府信息公开条例》对此未作规定" in request.received_basis


def test_the_text_changes_on_the_day_the_revision_took_effect(registered):
    assert "2007年" in deadline_of(registered(D(2019, 5, 14)), actions.REPLY).basis
    assert "2019年修订" in deadline_of(registered(D(2019, 5, 15)), actions.REPLY).basis


def test_2007_art24_reply_across_new_year_2017(registered):
    # 2017-01-01 (a Sunday) off with its 补休 on 01-02; 15 working days from 2016-12-27.
    assert reply_due(registered(D(2016, 12, 27))) == D(2017, 1, 18)


# --- 2019 art.31: the clock runs from receipt, registered or not ----------------------------------------


def test_2019_art31_an_online_request_has_its_receipt_day_and_a_running_clock_before_registration(new_request):
    request = new_request(submitted_at=dt.datetime(2025, 9, 22, 1, 0, tzinfo=dt.UTC))
    assert request.status == S.SUBMITTED
    assert request.received_on == D(2025, 9, 22)
    assert reply_due(request) == D(2025, 10, 24)


def test_2019_art31_registering_with_a_later_confirmation_day_starts_the_periods_from_it(new_request, editor):
    request = new_request(submitted_at=dt.datetime(2025, 9, 21, 1, 0, tzinfo=dt.UTC))  # a Sunday
    actions.register_request(actor=editor, request=request, channel="online", received_on=D(2025, 9, 22))
    assert reply_due(request) == D(2025, 10, 24)
    assert deadline_of(request, actions.REPLY, running=False).status == "open"


# --- 2019 art.30: correction -------------------------------------------------------------------------


def test_2019_art30_correction_stops_the_clock_and_the_period_restarts_from_the_corrected_request(registered, editor):
    request = registered(D(2025, 9, 22))
    actions.request_correction(actor=editor, request=request, items="请写明文件名称或文号。", requested_on=D(2025, 9, 24))
    assert request.status == S.AWAITING_CORRECTION
    assert deadline_of(request, actions.REPLY).due_date is None  # clock stopped
    actions.receive_correction(actor=editor, request=request, corrected_on=D(2025, 9, 30))
    assert reply_due(request) == D(2025, 11, 4)  # 20 working days afresh from 9/30
    assert request.status == S.HANDLING


def test_2019_art30_only_one_correction_notice_and_only_within_7_working_days(registered, editor):
    late = registered(D(2025, 9, 22))
    assert deadline_of(late, actions.CORRECTION_NOTICE).due_date == D(2025, 9, 30)
    with pytest.raises(ActionRefused, match="7 个工作日内"):
        actions.request_correction(actor=editor, request=late, items="缺少文号", requested_on=D(2025, 10, 9))
    request = registered(D(2025, 9, 22))
    actions.request_correction(actor=editor, request=request, items="缺少文号", requested_on=D(2025, 9, 23))
    actions.receive_correction(actor=editor, request=request, corrected_on=D(2025, 9, 25))
    with pytest.raises(ActionRefused, match="只能发出一次"):
        actions.request_correction(actor=editor, request=request, items="还缺", requested_on=D(2025, 9, 26))


def test_2019_art30_a_correction_window_that_passed_without_a_notice_ends_and_is_not_overdue(registered, editor):
    from yifa.calendar.models import Deadline
    from yifa.calendar.selectors import with_state

    clear = registered(D(2025, 9, 22))  # its window ends on 9-30
    unclear = registered(D(2025, 9, 22))
    actions.request_correction(actor=editor, request=unclear, items="缺少文号", requested_on=D(2025, 9, 23))
    assert "0 件" in actions.lapse_correction_windows(today=D(2025, 9, 30))  # the last day is still the window's
    assert "1 件" in actions.lapse_correction_windows(today=D(2025, 10, 9))
    window = Deadline.objects.for_object(clear).get(code=actions.CORRECTION_NOTICE)
    assert window.status == Deadline.Status.CLOSED and "第三十条" in window.closed_reason
    assert with_state(Deadline.objects.filter(pk=window.pk), D(2025, 10, 9)).get().state == "closed"
    assert Deadline.objects.for_object(unclear).get(code=actions.CORRECTION_NOTICE).status == "completed"
    assert deadline_of(clear, actions.REPLY).status == Deadline.Status.OPEN  # the reply period runs on
    assert "0 件" in actions.lapse_correction_windows(today=D(2025, 10, 10))  # once


def test_2007_art21_a_correction_has_no_7_day_window_under_the_old_text(registered, editor):
    request = registered(D(2017, 9, 20))
    assert deadline_of(request, actions.CORRECTION_NOTICE) is None
    actions.request_correction(actor=editor, request=request, items="缺少文号", requested_on=D(2017, 10, 9))
    assert request.status == S.AWAITING_CORRECTION
    assert "第二十一条第四项" in deadline_of(request, actions.CORRECTION).basis


def test_no_correction_in_time_ends_the_request(registered, editor):
    request = registered(D(2017, 9, 20))
    actions.request_correction(actor=editor, request=request, items="缺少文号", requested_on=D(2017, 9, 21),
                               correction_days=10)
    # Ten days end on 10-01, a holiday: the period ends on the first working day after it (民事诉讼法
    # art.85), and the notice, the deadline and the closing rule all say so.
    assert request.correction_due_on == D(2017, 10, 9) == deadline_of(request, actions.CORRECTION).due_date
    with pytest.raises(ActionRefused, match="届满后才能不再处理"):
        actions.close_for_no_correction(actor=editor, request=request, closed_on=D(2017, 10, 9))
    actions.close_for_no_correction(actor=editor, request=request, closed_on=D(2017, 10, 10))
    assert (request.status, request.outcome, request.outcome_reason) == (S.CONCLUDED, "other", "no_correction")


# --- consultation: 2019 art.32 (third party) and art.34 (another agency) --------------------------------


def test_2019_art32_the_third_partys_15_working_days_run_from_its_receipt_of_the_letter(registered, editor):
    request = registered(D(2025, 9, 22))
    actions.start_consultation(actor=editor, request=request, party="某企业", third_party=True, sent_on=D(2025, 9, 24),
                               letter_received_on=D(2025, 9, 26))
    assert request.status == S.CONSULTING
    assert deadline_of(request, actions.THIRD_PARTY).due_date == D(2025, 10, 23)
    actions.end_consultation(actor=editor, request=request, answered_on=D(2025, 10, 17))
    # 9/23 counted; stopped 9/24–10/17; the other 19 from 10/20.
    assert reply_due(request) == D(2025, 11, 13)
    assert deadline_of(request, actions.THIRD_PARTY, running=False).status == "completed"


def test_2019_art32_when_the_third_party_lets_its_period_pass_the_clock_runs_again(registered, editor):
    request = registered(D(2025, 9, 22))
    actions.start_consultation(actor=editor, request=request, party="某企业", third_party=True, sent_on=D(2025, 9, 24),
                               letter_received_on=D(2025, 9, 26))
    assert "0 件" in actions.lapse_consultations(today=D(2025, 10, 23))  # the last day is still the party's
    assert "1 件" in actions.lapse_consultations(today=D(2025, 10, 24))
    request.refresh_from_db()
    assert request.status == S.HANDLING
    # Stopped 9/24–10/23 (the party's last day); 19 working days left from 10/24.
    assert reply_due(request) == D(2025, 11, 19)
    assert deadline_of(request, actions.THIRD_PARTY, running=False).status == "closed"
    assert "0 件" in actions.lapse_consultations(today=D(2025, 10, 25))  # once


def test_2019_art34_another_agencys_silence_counts_as_consent_after_15_working_days(registered, editor):
    request = registered(D(2025, 9, 22))
    actions.start_consultation(actor=editor, request=request, party="市自然资源局", third_party=False,
                               sent_on=D(2025, 9, 26))
    assert deadline_of(request, actions.INTER_AGENCY).due_date == D(2025, 10, 23)
    actions.lapse_consultations(today=D(2025, 10, 24))
    request.refresh_from_db()
    assert request.status == S.HANDLING
    from yifa.audit.models import AuditEvent

    assert AuditEvent.objects.for_object(request).filter(reason__contains="视为同意公开").exists()


def test_2007_art23_consultation_stops_the_clock_but_sets_no_period_for_the_third_party(registered, editor):
    request = registered(D(2017, 11, 21))
    actions.start_consultation(actor=editor, request=request, party="该企业", third_party=True, sent_on=D(2017, 11, 24))
    assert deadline_of(request, actions.THIRD_PARTY) is None
    assert "0 件" in actions.lapse_consultations(today=D(2026, 12, 1))  # no statutory lapse under the 2007 text
    assert deadline_of(request, actions.REPLY).due_date is None


# --- extension: 2019 art.33, 2007 art.24 ------------------------------------------------------------------


def test_2019_art33_an_extension_needs_the_head_and_stays_within_20_working_days(registered, editor, head):
    request = registered(D(2025, 9, 22))
    with pytest.raises(PermissionDenied):
        actions.extend_reply(actor=editor, request=request, length=10, approved_on=D(2025, 10, 20), reason="量大")
    actions.extend_reply(actor=head, request=request, length=20, approved_on=D(2025, 10, 20), reason="量大")
    assert reply_due(request) == D(2025, 11, 21)
    with pytest.raises(ActionRefused, match="超过了法定上限"):
        actions.extend_reply(actor=head, request=request, length=1, approved_on=D(2025, 10, 23), reason="再延")


def test_2019_art33_an_extension_approved_after_the_due_date_is_refused(registered, head):
    request = registered(D(2025, 9, 22))  # due 2025-10-24
    with pytest.raises(ActionRefused, match="期限届满前"):
        actions.extend_reply(actor=head, request=request, length=10, approved_on=D(2025, 10, 27), reason="补批")
    assert reply_due(request) == D(2025, 10, 24)
    actions.extend_reply(actor=head, request=request, length=10, approved_on=D(2025, 10, 24), reason="当日批准")


def test_2007_art24_the_extension_is_at_most_15_working_days(registered, head):
    request = registered(D(2017, 9, 20))
    assert reply_due(request) == D(2017, 10, 17)
    with pytest.raises(ActionRefused, match="超过了法定上限"):
        actions.extend_reply(actor=head, request=request, length=16, approved_on=D(2017, 10, 16), reason="量大")
    actions.extend_reply(actor=head, request=request, length=15, approved_on=D(2017, 10, 16), reason="量大")
    assert reply_due(request) == D(2017, 11, 7)


def test_2019_art35_the_head_fixes_a_reasonable_longer_period_with_reasons_before_the_due_date(registered, editor, head):
    from yifa.disclosure.documents import notice_text

    request = registered(D(2025, 9, 22))  # due 2025-10-24
    with pytest.raises(PermissionDenied):
        actions.set_longer_period(actor=editor, request=request, until=D(2025, 12, 31), decided_on=D(2025, 10, 20),
                                  reason="一个月内申请 300 件")
    with pytest.raises(ActionRefused, match="写明理由"):
        actions.set_longer_period(actor=head, request=request, until=D(2025, 12, 31), decided_on=D(2025, 10, 20),
                                  reason=" ")
    with pytest.raises(ActionRefused, match="期限届满前"):
        actions.set_longer_period(actor=head, request=request, until=D(2025, 12, 31), decided_on=D(2025, 10, 27),
                                  reason="一个月内申请 300 件")
    with pytest.raises(ActionRefused, match="晚于现在的答复期限"):
        actions.set_longer_period(actor=head, request=request, until=D(2025, 10, 24), decided_on=D(2025, 10, 20),
                                  reason="一个月内申请 300 件")
    assert reply_due(request) == D(2025, 10, 24)

    actions.set_longer_period(actor=head, request=request, until=D(2025, 12, 31), decided_on=D(2025, 10, 20),
                              reason="一个月内申请 300 件，需逐件检索")
    request.refresh_from_db()
    assert reply_due(request) == D(2025, 12, 31) and request.longer_period_until == D(2025, 12, 31)
    reply = deadline_of(request, actions.REPLY)
    assert "第三十五条" in reply.basis
    assert "第三十五条" in "".join(notice_text(request, "longer_period"))
    # No further extension, and no second longer period.
    with pytest.raises(ActionRefused, match="不能再延长"):
        actions.extend_reply(actor=head, request=request, length=5, approved_on=D(2025, 11, 3), reason="再延")
    with pytest.raises(ActionRefused, match="不能再次确定"):
        actions.set_longer_period(actor=head, request=request, until=D(2026, 1, 30), decided_on=D(2025, 11, 3),
                                  reason="再延")
    # Replied by the longer period's date: on time.
    actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2025, 12, 30), summary="提供")
    assert deadline_of(request, actions.REPLY, running=False).completed_on == D(2025, 12, 30)


def test_2007_text_has_no_art35_longer_period(registered, head):
    request = registered(D(2017, 9, 20))
    with pytest.raises(ActionRefused, match="没有确定延迟答复合理期限的规定"):
        actions.set_longer_period(actor=head, request=request, until=D(2017, 12, 31), decided_on=D(2017, 10, 9),
                                  reason="数量过多")


# --- fees: 国办函〔2020〕109号 (from 2021-01-01); the 2007 text's art.27 ----------------------------------


def test_109_fee_time_is_not_counted_and_unpaid_fees_end_the_request(registered, editor):
    request = registered(D(2025, 9, 22))
    actions.notify_fee(actor=editor, request=request, method="pages", pages=160, notified_on=D(2025, 9, 24))
    assert request.fee_amount == 1900
    assert request.status == S.AWAITING_FEE
    paid = registered(D(2025, 9, 22))
    actions.notify_fee(actor=editor, request=paid, method="pages", pages=31, notified_on=D(2025, 9, 24))
    actions.record_payment(actor=editor, request=paid, paid_on=D(2025, 10, 17))
    assert reply_due(paid) == D(2025, 11, 13)  # stopped 9/24–10/17, from notice to payment
    with pytest.raises(ActionRefused, match="届满后才能不再处理"):
        actions.close_for_unpaid_fee(actor=editor, request=request, closed_on=D(2025, 10, 24))
    actions.close_for_unpaid_fee(actor=editor, request=request, closed_on=D(2025, 10, 30))
    assert (request.outcome, request.outcome_reason) == ("other", "fee_unpaid")


def test_109_counting_is_progressive_per_applicant_month_and_agency(registered, new_request, editor, other_department):
    """The first ten requests of a month are free whatever day they arrive; twelve on one day cost 200元
    (the 11th and the 12th), not 1,200元; each agency counts what it received."""
    same_day = [registered(D(2025, 9, 22), submitted_at=dt.datetime(2025, 9, 22, 1, n, tzinfo=dt.UTC))
                for n in range(12)]
    assert [actions.requests_this_month(r) for r in same_day] == list(range(1, 13))
    charged = []
    for request in same_day:
        try:
            actions.notify_fee(actor=editor, request=request, method="count", notified_on=D(2025, 9, 23))
        except ActionRefused:
            charged.append(0)
        else:
            charged.append(int(request.fee_amount))
    assert sum(charged) == 200 and charged[-2:] == [100, 100]
    elsewhere = new_request(department=other_department, submitted_at=dt.datetime(2025, 9, 22, 2, 0, tzinfo=dt.UTC))
    assert actions.requests_this_month(elsewhere) == 1


def test_109_a_transferred_request_is_not_a_new_request(registered, new_request, editor, other_department):
    other_department.phone = "0455-7770000"
    other_department.save()
    first = registered(D(2025, 9, 22))
    actions.transfer_request(actor=editor, request=first, agency="", forward_to=other_department,
                             transferred_on=D(2025, 9, 23))
    assert DisclosureRequest.objects.filter(transferred_from=first, department=other_department).exists()
    own = new_request(department=other_department, submitted_at=dt.datetime(2025, 9, 24, 1, 0, tzinfo=dt.UTC))
    assert actions.requests_this_month(own) == 1  # the transferred copy did not count at the other agency


def test_109_no_processing_fee_before_2021_and_2007_art27_only_cost_fees(registered, editor):
    with pytest.raises(ActionRefused, match="成本费用"):
        actions.notify_fee(actor=editor, request=registered(D(2017, 9, 20)), method="pages", pages=160,
                           notified_on=D(2017, 9, 25))
    with pytest.raises(ActionRefused, match="2021 年 1 月 1 日起施行"):
        actions.notify_fee(actor=editor, request=registered(D(2020, 9, 21)), method="pages", pages=160,
                           notified_on=D(2020, 9, 22))


# --- the reply: 2019 art.36 ---------------------------------------------------------------------------


def test_a_reply_completes_the_period_and_a_late_one_is_known_as_late(registered, editor):
    on_time = registered(D(2025, 9, 22))
    actions.reply_request(actor=editor, request=on_time, outcome="granted", replied_on=D(2025, 10, 24), summary="提供。")
    late = registered(D(2025, 9, 22))
    actions.reply_request(actor=editor, request=late, outcome="granted", replied_on=D(2025, 10, 27), summary="提供。")
    assert not deadline_of(on_time, actions.REPLY, running=False).completed_late
    assert deadline_of(late, actions.REPLY, running=False).completed_late


def test_2007_a_2016_reply_on_the_20th_working_day_was_late_under_its_own_text(registered, editor):
    request = registered(D(2016, 9, 26))
    actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2016, 10, 26),
                          summary="提供。")
    assert deadline_of(request, actions.REPLY, running=False).completed_late


def test_2019_art36_5_a_transfer_names_the_agency_and_how_to_reach_it(registered, editor, other_department):
    request = registered(D(2025, 9, 22))
    with pytest.raises(ActionRefused, match="联系方式"):
        actions.transfer_request(actor=editor, request=request, agency="黑龙江省某厅", transferred_on=D(2025, 9, 25))
    actions.transfer_request(actor=editor, request=request, agency="黑龙江省某厅", contact="哈尔滨市某路1号 0451-1234567",
                             transferred_on=D(2025, 9, 25))
    assert request.transferred_to_contact == "哈尔滨市某路1号 0451-1234567"
    other_department.phone, other_department.address = "0455-7770000", "肇东市某路2号"
    other_department.save()
    city = registered(D(2025, 9, 22))
    actions.transfer_request(actor=editor, request=city, agency="", forward_to=other_department,
                             transferred_on=D(2025, 9, 25))
    assert (city.outcome, city.outcome_reason, city.transferred_to) == ("unavailable", "not_held", other_department.name)
    assert "0455-7770000" in city.transferred_to_contact
    copy = DisclosureRequest.objects.get(transferred_from=city)
    assert copy.department == other_department and copy.status == S.SUBMITTED


def test_2019_art36_7_information_with_its_own_legal_channel_names_the_channel(registered, editor):
    request = registered(D(2025, 9, 22))
    with pytest.raises(ActionRefused, match="第三十六条第七项"):
        actions.reply_request(actor=editor, request=request, outcome="refused", reason="administrative_query",
                              replied_on=D(2025, 9, 30), summary="属于不动产登记资料查询。")
    actions.reply_request(actor=editor, request=request, outcome="refused", reason="administrative_query",
                          replied_on=D(2025, 9, 30), summary="属于不动产登记资料查询。",
                          special_channel="凭身份证明到肇东市不动产登记中心查询")
    assert request.special_channel.startswith("凭身份证明")


def test_replying_to_a_closed_request_is_refused_and_changes_nothing(registered, editor):
    request = registered(D(2025, 9, 22))
    actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2025, 10, 9), summary="提供。")
    with pytest.raises(ActionRefused, match="当前状态为“已办结”"):
        actions.reply_request(actor=editor, request=request, outcome="refused", reason="state_secret",
                              replied_on=D(2025, 10, 10), summary="不予公开")
    request.refresh_from_db()
    assert request.outcome == "granted"


@pytest.mark.parametrize(
    ("outcome", "reason", "message"),
    [("refused", "", "须选择具体情形"), ("refused", "petition", "须选择具体情形"), ("nonsense", "", "未知的答复类型"),
     ("other", "fee_unpaid", "请使用相应的办理步骤")],
)
def test_a_reply_needs_a_matching_sub_reason(registered, editor, outcome, reason, message):
    request = registered(D(2025, 9, 22))
    with pytest.raises(ActionRefused, match=message):
        actions.reply_request(actor=editor, request=request, outcome=outcome, reason=reason, replied_on=D(2025, 10, 9),
                              summary="答复")
    request.refresh_from_db()
    assert request.status == S.HANDLING


def test_another_department_cannot_act_on_the_request(registered, outsider):
    request = registered(D(2025, 9, 22))
    with pytest.raises(PermissionDenied):
        actions.reply_request(actor=outsider, request=request, outcome="granted", replied_on=D(2025, 10, 9), summary="x")
    with pytest.raises(PermissionDenied):
        actions.request_correction(actor=outsider, request=request, items="x", requested_on=D(2025, 9, 23))
    request.refresh_from_db()
    assert request.status == S.HANDLING


def test_dates_in_the_future_or_before_receipt_are_refused(registered, editor):
    request = registered(D(2025, 9, 22))
    with pytest.raises(ActionRefused, match="晚于今天"):
        actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2199, 1, 1), summary="x")
    with pytest.raises(ActionRefused, match="早于收到申请之日"):
        actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2025, 9, 1), summary="x")


# --- the notices: 行政复议法 art.20 (the remedies and the bodies) ---------------------------------------


def test_a_reply_names_the_reconsideration_body_and_the_court_by_the_law_in_force(registered, editor, settings):
    from yifa.disclosure.documents import notice_text

    settings.YIFA_ADMINISTRATIVE_COURT = "肇东市人民法院"
    old = registered(D(2017, 9, 20))
    actions.reply_request(actor=editor, request=old, outcome="granted", replied_on=D(2017, 10, 9), summary="提供。")
    text = "".join(notice_text(old, "reply"))
    assert "向肇东市人民政府或者上一级主管部门申请行政复议" in text and "向肇东市人民法院提起行政诉讼" in text
    new = registered(D(2025, 9, 22))
    actions.reply_request(actor=editor, request=new, outcome="granted", replied_on=D(2025, 10, 9), summary="提供。")
    assert "向肇东市人民政府申请行政复议" in "".join(notice_text(new, "reply"))


def test_notices_cite_the_article_of_their_own_text(registered, editor, head):
    from yifa.disclosure.documents import notice_text

    old = registered(D(2017, 9, 20))
    actions.extend_reply(actor=head, request=old, length=5, approved_on=D(2017, 10, 16), reason="量大")
    assert "（2007年）第二十四条第二款" in "".join(notice_text(old, "extension"))
    new = registered(D(2025, 9, 22))
    actions.request_correction(actor=editor, request=new, items="缺少文号", requested_on=D(2025, 9, 23))
    assert "（2019年修订）第三十条" in "".join(notice_text(new, "correction"))
