"""A request's reply period through every step, against the official calendar (政府信息公开条例 art.30–33)."""

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


def test_registration_starts_the_20_working_day_reply_period(registered):
    request = registered(D(2017, 9, 20))
    assert request.status == S.HANDLING
    assert reply_due(request) == D(2017, 10, 24)  # across the 2017 National Day and Mid-autumn week
    assert "第三十一条第三项" in request.received_basis
    assert deadline_of(request, actions.CORRECTION_NOTICE).due_date == D(2017, 9, 29)


def test_a_request_across_new_year_2017(registered):
    # 2017-01-01 is a Sunday off and 01-02 its 补休; 01-22 (a Sunday) is worked.
    assert reply_due(registered(D(2016, 12, 27))) == D(2017, 1, 24)


def test_correction_stops_the_clock_and_the_period_restarts_from_the_corrected_request(registered, editor):
    request = registered(D(2017, 9, 20))
    actions.request_correction(actor=editor, request=request, items="请写明文件名称或文号。", requested_on=D(2017, 9, 22))
    assert request.status == S.AWAITING_CORRECTION
    assert deadline_of(request, actions.REPLY).due_date is None  # clock stopped
    actions.receive_correction(actor=editor, request=request, corrected_on=D(2017, 9, 28))
    # 20 working days from 2017-09-28: 9/29, 9/30 (调休), then 18 more from 10/9.
    assert reply_due(request) == D(2017, 11, 1)
    assert request.status == S.HANDLING


def test_only_one_correction_notice_and_only_within_7_working_days(registered, editor):
    late = registered(D(2017, 9, 20))
    with pytest.raises(ActionRefused, match="7 个工作日内"):
        actions.request_correction(actor=editor, request=late, items="缺少文号", requested_on=D(2017, 10, 9))
    request = registered(D(2017, 9, 20))
    actions.request_correction(actor=editor, request=request, items="缺少文号", requested_on=D(2017, 9, 21))
    actions.receive_correction(actor=editor, request=request, corrected_on=D(2017, 9, 25))
    with pytest.raises(ActionRefused, match="只能发出一次"):
        actions.request_correction(actor=editor, request=request, items="还缺", requested_on=D(2017, 9, 26))


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


def test_third_party_consultation_is_not_counted(registered, editor):
    request = registered(D(2017, 9, 20))
    actions.start_consultation(actor=editor, request=request, party="某企业", third_party=True, sent_on=D(2017, 9, 25))
    assert request.status == S.CONSULTING
    assert deadline_of(request, actions.THIRD_PARTY).due_date == D(2017, 10, 20)  # 15 working days (art.32)
    actions.end_consultation(actor=editor, request=request, answered_on=D(2017, 10, 12))
    # 9/21 and 9/22 counted; stopped 9/25–10/12; the other 18 from 10/13.
    assert reply_due(request) == D(2017, 11, 7)
    assert deadline_of(request, actions.THIRD_PARTY, running=False).status == "completed"


def test_an_extension_needs_the_head_and_stays_within_20_working_days(registered, editor, head):
    request = registered(D(2017, 9, 20))
    with pytest.raises(PermissionDenied):
        actions.extend_reply(actor=editor, request=request, length=10, approved_on=D(2017, 10, 20), reason="量大")
    actions.extend_reply(actor=head, request=request, length=15, approved_on=D(2017, 10, 20), reason="量大")
    assert reply_due(request) == D(2017, 11, 14)
    with pytest.raises(ActionRefused, match="超过了法定上限"):
        actions.extend_reply(actor=head, request=request, length=10, approved_on=D(2017, 10, 23), reason="再延")
    assert reply_due(request) == D(2017, 11, 14)


def test_fee_time_is_not_counted_and_unpaid_fees_end_the_request(registered, editor):
    request = registered(D(2017, 9, 20))
    actions.notify_fee(actor=editor, request=request, method="pages", pages=160, notified_on=D(2017, 9, 25))
    assert request.fee_amount == 1900
    assert request.status == S.AWAITING_FEE
    paid = registered(D(2017, 9, 20))
    actions.notify_fee(actor=editor, request=paid, method="pages", pages=31, notified_on=D(2017, 9, 25))
    actions.record_payment(actor=editor, request=paid, paid_on=D(2017, 10, 10))
    assert reply_due(paid) == D(2017, 11, 3)  # stopped 9/25–10/10, from notice to payment
    with pytest.raises(ActionRefused, match="届满后才能不再处理"):
        actions.close_for_unpaid_fee(actor=editor, request=request, closed_on=D(2017, 10, 9))
    actions.close_for_unpaid_fee(actor=editor, request=request, closed_on=D(2017, 10, 30))  # 20 wd ran out 10/27
    assert (request.outcome, request.outcome_reason) == ("other", "fee_unpaid")


def test_a_reply_completes_the_period_and_a_late_one_is_known_as_late(registered, editor):
    on_time = registered(D(2017, 9, 20))
    actions.reply_request(actor=editor, request=on_time, outcome="granted", replied_on=D(2017, 10, 24), summary="提供。")
    late = registered(D(2017, 9, 20))
    actions.reply_request(actor=editor, request=late, outcome="granted", replied_on=D(2017, 10, 25), summary="提供。")
    assert not deadline_of(on_time, actions.REPLY, running=False).completed_late
    assert deadline_of(late, actions.REPLY, running=False).completed_late


def test_replying_to_a_closed_request_is_refused_and_changes_nothing(registered, editor):
    request = registered(D(2017, 9, 20))
    actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2017, 10, 9), summary="提供。")
    with pytest.raises(ActionRefused, match="当前状态为“已办结”"):
        actions.reply_request(actor=editor, request=request, outcome="refused", reason="state_secret",
                              replied_on=D(2017, 10, 10), summary="不予公开")
    request.refresh_from_db()
    assert request.outcome == "granted"


@pytest.mark.parametrize(
    ("outcome", "reason", "message"),
    [("refused", "", "须选择具体情形"), ("refused", "petition", "须选择具体情形"), ("nonsense", "", "未知的答复类型"),
     ("other", "fee_unpaid", "请使用相应的办理步骤")],
)
def test_a_reply_needs_a_matching_sub_reason(registered, editor, outcome, reason, message):
    request = registered(D(2017, 9, 20))
    with pytest.raises(ActionRefused, match=message):
        actions.reply_request(actor=editor, request=request, outcome=outcome, reason=reason, replied_on=D(2017, 10, 9),
                              summary="答复")
    request.refresh_from_db()
    assert request.status == S.HANDLING


def test_another_department_cannot_act_on_the_request(registered, outsider):
    request = registered(D(2017, 9, 20))
    with pytest.raises(PermissionDenied):
        actions.reply_request(actor=outsider, request=request, outcome="granted", replied_on=D(2017, 10, 9), summary="x")
    with pytest.raises(PermissionDenied):
        actions.request_correction(actor=outsider, request=request, items="x", requested_on=D(2017, 9, 21))
    request.refresh_from_db()
    assert request.status == S.HANDLING


def test_transfer_tells_the_applicant_and_passes_the_request_on(registered, editor, other_department):
    request = registered(D(2017, 9, 20))
    actions.transfer_request(actor=editor, request=request, agency="", forward_to=other_department,
                             transferred_on=D(2017, 9, 25))
    assert (request.outcome, request.outcome_reason, request.transferred_to) == (
        "unavailable", "not_held", other_department.name)
    copy = DisclosureRequest.objects.get(transferred_from=request)
    assert copy.department == other_department and copy.status == S.SUBMITTED


def test_dates_in_the_future_or_before_receipt_are_refused(registered, editor):
    request = registered(D(2017, 9, 20))
    with pytest.raises(ActionRefused, match="晚于今天"):
        actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2199, 1, 1), summary="x")
    with pytest.raises(ActionRefused, match="早于收到申请之日"):
        actions.reply_request(actor=editor, request=request, outcome="granted", replied_on=D(2017, 9, 1), summary="x")
