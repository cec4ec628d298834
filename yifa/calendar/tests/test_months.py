"""Periods in months (行政诉讼法 art.46: six months): the corresponding day of the last month, or its last
day (民法典 art.202), then a last day that is a rest day moves to the next working day (民事诉讼法 art.85).

Expected dates are counted by hand on the official calendar (the State Council's notices).
"""

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from yifa.calendar import actions
from yifa.calendar.engine import Extension, Step, Suspension, compute_deadline, count_days
from yifa.calendar.explain import explain
from yifa.calendar.periods import DeadlineInputError, Period, Unit, add_months, format_length, parse_unit
from yifa.calendar.selectors import deadline_progress
from yifa.calendar.workcalendar import WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()


def months(start, length, **kwargs):
    return compute_deadline(CALENDAR, start, Period(length, "month"), **kwargs)


@pytest.mark.parametrize(
    ("start", "length", "expected", "why"),
    [
        (D(2017, 8, 31), 6, D(2018, 2, 28), "2018 has no 2/31: February's last day, a working Wednesday"),
        (D(2017, 3, 15), 6, D(2017, 9, 15), "the same day number, a Friday"),
        (D(2017, 1, 31), 1, D(2017, 2, 28), "one month from January's last day"),
        (D(2017, 8, 16), 6, D(2018, 2, 22), "2018-02-16 is 春节 (2/15–2/21 off): the next working day"),
        (D(2019, 8, 31), 6, D(2020, 3, 2), "2020-02-29, a Saturday, rolls past the weekend to Monday"),
        (D(2017, 4, 1), 6, D(2017, 10, 9), "2017-10-01 falls in the National Day week: 10/9"),
        (D(2016, 12, 31), 12, D(2018, 1, 2), "2017-12-31 Sunday, 2018-01-01 元旦: Tuesday 1/2"),
    ],
)
def test_a_month_period_ends_on_the_corresponding_day_then_leaves_a_rest_day(start, length, expected, why):
    assert months(start, length).due_date == expected, why


def test_six_months_from_the_31st_of_august_explains_the_missing_day_with_its_article():
    result = months(D(2017, 8, 31), 6)
    assert result.nominal_last_day == D(2018, 2, 28) and not result.calendar_unconfirmed
    text = explain(result.trace, "month")
    assert text[0] == "起算日 2017-08-31（星期四），当日不计入；期间为 6 个月。"
    assert text[1] == ("按月计算：6 个月后的到期月没有与起算日对应的 31 日，以该月最后一日 2018-02-28（星期三） 为期间最后一日"
                       "（《中华人民共和国民法典》第二百零二条）。")
    assert text[-1] == "到期日：2018-02-28（星期三）。"


def test_a_month_period_ending_in_a_holiday_is_moved_with_the_notice_and_the_article():
    text = "\n".join(explain(months(D(2017, 8, 16), 6).trace, "month"))
    assert "按月计算：6 个月后的对应日 2018-02-16（星期五） 为期间最后一日" in text
    assert "顺延至其后第一个工作日 2018-02-22（星期四）（《中华人民共和国民事诉讼法》第八十五条）" in text


def test_a_suspension_moves_the_last_day_by_the_calendar_days_it_stopped_the_clock():
    # Five days stopped (2017-10-09 to 10-13): 2018-02-28 + 5 = 2018-03-05, a Monday.
    result = months(D(2017, 8, 31), 6, suspensions=[Suspension(D(2017, 10, 9), D(2017, 10, 13), "third_party")])
    assert result.due_date == D(2018, 3, 5)
    assert [line.code for line in result.trace] == [Step.START, Step.MONTHS, Step.SUSPENDED, Step.SHIFTED, Step.DUE]
    text = explain(result.trace, "month")
    assert "2017-10-09（星期一）至2017-10-13（星期五）：因征求第三方意见中止计时 5 日，不计入。" in text
    assert "中止计时的 5 日不计入期间，期间最后一日由 2018-02-28（星期三） 顺延至 2018-03-05（星期一）。" in text


def test_a_suspension_across_the_corresponding_day_still_counts_and_then_the_rest_day_rule_applies():
    # 2/27–3/2 stopped (4 days): the span of 181 days ends on Sunday 3/4, so the period ends on Monday 3/5.
    result = months(D(2017, 8, 31), 6, suspensions=[Suspension(D(2018, 2, 27), D(2018, 3, 2))])
    assert (result.nominal_last_day, result.due_date) == (D(2018, 3, 4), D(2018, 3, 5))


def test_a_suspension_after_the_period_has_ended_changes_nothing():
    result = months(D(2017, 8, 31), 6, suspensions=[Suspension(D(2018, 3, 1), D(2018, 3, 9))])
    assert result.due_date == D(2018, 2, 28)


def test_a_month_period_with_the_clock_stopped_has_no_due_date_and_counts_calendar_days():
    result = months(D(2017, 8, 31), 6, suspensions=[Suspension(D(2017, 9, 11), None, "suspension")])
    assert result.due_date is None and result.is_paused
    assert (result.counted, result.total) == (10, 6)  # 9/1–9/10 counted; the period is 6 months
    assert "已计 10 日" in explain(result.trace, "month")[-1]


def test_extensions_are_in_months_and_capped_by_the_statute():
    period = Period(6, "month", max_extension=3)
    result = compute_deadline(CALENDAR, D(2017, 8, 31), period, extensions=[Extension(3, "局长", D(2018, 2, 1))])
    assert result.due_date == D(2018, 5, 31) == add_months(D(2017, 8, 31), 9)
    assert "局长于 2018-02-01 批准延长 3 个月，期间合计 9 个月。" in explain(result.trace, "month")
    with pytest.raises(DeadlineInputError, match="延长合计 4 个月，超过了法定上限 3 个月"):
        compute_deadline(CALENDAR, D(2017, 8, 31), period, extensions=[Extension(4)])


def test_a_minimum_month_period_gives_its_earliest_day_without_moving_it():
    result = compute_deadline(CALENDAR, D(2018, 1, 16), Period(1, "month", kind="min"))
    assert result.due_date == D(2018, 2, 16)  # 春节, but a minimum is not rolled over
    assert result.trace[-1].code == Step.EARLIEST


def test_the_month_unit_is_named_as_statutes_write_it_and_bounded():
    assert parse_unit("month") == parse_unit("个月") == parse_unit("月") == Unit.MONTH
    assert format_length(6, "month") == "6 个月"
    with pytest.raises(DeadlineInputError, match="超过了允许的上限"):
        Period(121, "month")


def test_counting_days_of_a_month_period_counts_calendar_days():
    assert count_days(CALENDAR, D(2017, 8, 31), D(2017, 10, 31), "month") == 61
    assert count_days(CALENDAR, D(2017, 8, 31), D(2017, 10, 31), "month",
                      [Suspension(D(2017, 10, 9), D(2017, 10, 13))]) == 56


@settings(max_examples=300, deadline=None)
@given(start=st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 6, 30)), length=st.integers(1, 18))
def test_a_month_due_date_is_the_first_working_day_from_the_corresponding_day(start, length):
    result = months(start, length)
    last = add_months(start, length)
    assert result.nominal_last_day == last and result.due_date >= last
    assert CALENDAR.is_working_day(result.due_date)
    assert all(not CALENDAR.is_working_day(last + dt.timedelta(days=i)) for i in range((result.due_date - last).days))


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 6, 30)), length=st.integers(1, 18),
       offset=st.integers(1, 200), span=st.integers(0, 30))
def test_a_suspension_never_brings_a_month_due_date_forward(start, length, offset, span):
    first = start + dt.timedelta(days=offset)
    suspended = months(start, length, suspensions=[Suspension(first, first + dt.timedelta(days=span))])
    assert suspended.due_date >= months(start, length).due_date
    assert suspended.nominal_last_day - add_months(start, length) <= dt.timedelta(days=span + 1)


# --- a month deadline on a case ------------------------------------------------------------------------------
@pytest.fixture
def filing(record, editor):
    return actions.open_deadline(actor=editor, target=record, start=D(2017, 8, 31), period=Period(6, "month"),
                                 purpose="起诉期限", basis="《中华人民共和国行政诉讼法》第四十六条")


def test_a_month_deadline_is_stored_in_months_and_its_progress_in_calendar_days(filing):
    assert (filing.due_date, filing.length, filing.unit, filing.total_days) == (D(2018, 2, 28), 6, "month", 6)
    progress = deadline_progress(filing, today=D(2017, 10, 31))
    assert (progress.used, progress.left, progress.overdue_by, progress.unit) == (61, 120, 0, "day")
    late = deadline_progress(filing, today=D(2018, 3, 2))
    assert (late.left, late.overdue_by) == (0, 2)


def test_the_deadline_screen_shows_a_month_period_and_its_days_left(client, editor, filing, time_machine):
    time_machine.move_to(dt.datetime(2017, 10, 31, 9, 0))
    client.force_login(editor)
    body = client.get(f"/admin/deadlines/{filing.pk}/").content.decode()
    assert "6 个月" in body
    assert "已用 61 日，剩余 120 日" in body
    assert "以该月最后一日 2018-02-28（星期三） 为期间最后一日" in body


def test_a_month_deadline_suspended_and_resumed_moves_by_the_days_stopped(filing, editor):
    actions.suspend_deadline(actor=editor, deadline=filing, reason="suspension", starts_on=D(2017, 10, 9))
    assert filing.due_date is None and filing.counted_days == 38  # 9/1–10/8
    actions.resume_deadline(actor=editor, deadline=filing, ends_on=D(2017, 10, 13))
    assert filing.due_date == D(2018, 3, 5)


def test_in_english_a_month_period_reads_in_months():
    with translation.override("en"):
        text = explain(months(D(2017, 8, 31), 6).trace, "month")
    assert "6 months" in text[0]
    assert text[1].startswith("Counted in months: the month in which 6 months end has no day 31")
    assert "Civil Code of the PRC, art. 202" in text[1]
