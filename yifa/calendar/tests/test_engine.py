"""The deadline engine against the State Council's official schedules (rules.md, "Counting periods").

Expected dates are counted by hand from the notices, not taken from the package the engine reads.
"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yifa.calendar.engine import Extension, Step, Suspension, compute_deadline, count_days
from yifa.calendar.explain import explain
from yifa.calendar.periods import DeadlineInputError, Period
from yifa.calendar.workcalendar import DayInfo, DayKind, WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()  # the package's data only: no database


def due(start, length, unit="working_day", **kwargs):
    return compute_deadline(CALENDAR, start, Period(length, unit), **kwargs).due_date


@pytest.mark.parametrize(
    ("start", "length", "expected", "why"),
    [
        (D(2017, 9, 20), 20, D(2017, 10, 24), "rules.md's example: 9/30 worked, 10/1–10/8 off"),
        (D(2016, 9, 26), 20, D(2016, 10, 27), "2016 National Day: 10/1–10/7 off, 10/8 and 10/9 worked"),
        (D(2016, 12, 20), 20, D(2017, 1, 18), "across New Year 2017: 1/1 Sunday off, 1/2 补休"),
        (D(2017, 1, 18), 10, D(2017, 2, 6), "2017 春节: 1/22 Sunday worked, 1/27–2/2 off, 2/4 Saturday worked"),
        (D(2016, 2, 1), 7, D(2016, 2, 15), "2016 春节: 2/6 Saturday and 2/14 Sunday worked"),
        (D(2025, 9, 25), 20, D(2025, 10, 29), "2025 国庆中秋: 9/28 Sunday and 10/11 Saturday worked, 10/1–10/8 off"),
        (D(2025, 1, 20), 10, D(2025, 2, 8), "2025 春节: due on the worked Saturday 2/8"),
        (D(2026, 9, 18), 10, D(2026, 10, 9), "2026: 9/20 Sunday worked, 中秋 9/25–27 and 国庆 10/1–10/7 off"),
        (D(2025, 12, 29), 5, D(2026, 1, 6), "across New Year 2026: 1/1–1/3 off, 1/4 Sunday worked"),
    ],
)
def test_working_day_periods_follow_the_official_schedule(start, length, expected, why):
    assert due(start, length) == expected, why


@pytest.mark.parametrize(
    ("start", "length", "expected", "why"),
    [
        (D(2017, 9, 20), 10, D(2017, 9, 30), "the last day is a 调休 Saturday: a working day, no roll-over"),
        (D(2017, 9, 21), 10, D(2017, 10, 9), "the last day falls in the National Day week: rolls to 10/9"),
        (D(2016, 12, 22), 10, D(2017, 1, 3), "1/1 and its 补休 1/2 are off: rolls to 1/3"),
        (D(2017, 9, 20), 20, D(2017, 10, 10), "an ordinary Tuesday"),
        (D(2026, 11, 30), 5, D(2026, 12, 7), "12/5 is a Saturday: rolls past the weekend to Monday"),
    ],
)
def test_calendar_day_periods_roll_a_rest_day_to_the_next_working_day(start, length, expected, why):
    assert due(start, length, "day") == expected, why


def test_the_roll_over_is_explained_with_its_article():
    result = compute_deadline(CALENDAR, D(2017, 9, 21), Period(10, "day"))
    assert result.nominal_last_day == D(2017, 10, 1)
    text = "\n".join(explain(result.trace, "day"))
    assert "顺延至其后第一个工作日 2017-10-09" in text
    assert "第八十五条" in text


def test_suspended_days_are_not_counted():
    # Five working days stopped (9/25–9/29): the due date moves five working days, past 10/24.
    suspension = Suspension(D(2017, 9, 25), D(2017, 9, 29), "third_party")
    assert due(D(2017, 9, 20), 20, suspensions=[suspension]) == D(2017, 10, 31)


def test_a_suspension_without_an_end_pauses_the_deadline_with_its_remaining_days():
    result = compute_deadline(CALENDAR, D(2017, 9, 20), Period(20), [Suspension(D(2017, 9, 26), None, "correction")])
    assert result.due_date is None
    assert result.paused_since == D(2017, 9, 26)
    assert (result.counted, result.remaining) == (3, 17)
    assert result.trace[-1].code == Step.PAUSED


def test_overlapping_suspensions_stop_each_day_once():
    both = [Suspension(D(2017, 9, 25), D(2017, 9, 27), "third_party"),
            Suspension(D(2017, 9, 26), D(2017, 9, 29), "inter_agency")]
    assert due(D(2017, 9, 20), 20, suspensions=both) == D(2017, 10, 31)


def test_an_approved_extension_adds_working_days():
    assert due(D(2017, 9, 20), 20, extensions=[Extension(20, "张主任", D(2017, 10, 20))]) == D(2017, 11, 21)


def test_an_extension_beyond_the_statutory_cap_is_refused():
    # 政府信息公开条例 art.33: at most 20 working days.
    with pytest.raises(DeadlineInputError, match="超过了法定上限"):
        compute_deadline(CALENDAR, D(2017, 9, 20), Period(20, max_extension=20), extensions=[Extension(15), Extension(10)])


def test_a_minimum_period_gives_the_earliest_day_and_cannot_be_extended():
    # 重大行政决策程序暂行条例 art.28: legality review normally at least 7 working days.
    result = compute_deadline(CALENDAR, D(2017, 9, 27), Period(7, kind="min"))
    assert result.due_date == D(2017, 10, 12)
    assert result.trace[-1].code == Step.EARLIEST
    with pytest.raises(DeadlineInputError, match="最短期限不能延长"):
        compute_deadline(CALENDAR, D(2017, 9, 27), Period(7, kind="min"), extensions=[Extension(3)])


def test_a_year_without_a_confirmed_calendar_rests_on_its_statutory_holidays_and_is_flagged():
    result = compute_deadline(CALENDAR, D(2026, 12, 15), Period(20))
    assert result.due_date == D(2027, 1, 13)  # 2027-01-01 (元旦, a Friday) is a rest day by the 办法
    assert result.unconfirmed_years == (2027,)
    assert "2027 年的节假日安排尚未确认" in explain(result.trace, "working_day")[-1]


def test_a_deadline_that_stays_in_confirmed_years_is_not_flagged():
    assert not compute_deadline(CALENDAR, D(2026, 12, 2), Period(20)).calendar_unconfirmed


def test_calendar_day_periods_are_flagged_only_when_their_last_day_is_unconfirmed():
    assert not compute_deadline(CALENDAR, D(2026, 6, 1), Period(200, "day", kind="min")).calendar_unconfirmed
    assert compute_deadline(CALENDAR, D(2026, 12, 1), Period(60, "day")).unconfirmed_years == (2027,)


def test_the_table_overrides_the_package():
    # A day made a rest day by a document moves a deadline that counted it.
    rest = DayInfo(False, DayKind.REST, "", "肇政发〔2017〕1号")
    calendar = WorkCalendar({D(2017, 10, 23): rest})
    assert compute_deadline(calendar, D(2017, 9, 20), Period(20)).due_date == D(2017, 10, 25)


def test_the_trace_says_which_days_counted_and_why():
    text = explain(compute_deadline(CALENDAR, D(2017, 9, 20), Period(20)).trace, "working_day")
    assert text[0] == "起算日 2017-09-20（星期三），当日不计入；期间为 20 个工作日。"
    assert any("2017-09-30（星期六）：调休上班日" in line and "累计 8 个工作日" in line for line in text)
    assert any(line.startswith("2017-10-01（星期日）至2017-10-08（星期日）：") and "不计入" in line for line in text)
    assert text[-1] == "到期日：2017-10-24（星期二）。"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": (0,)}, "必须是正整数"),
        ({"period": (-3,)}, "必须是正整数"),
        ({"period": (5, "fortnight")}, "未知的期间单位"),
        ({"period": (5, "working_day", "sometimes")}, "未知的期限类型"),
        ({"period": (100000,)}, "超过了允许的上限"),
        ({"suspensions": [Suspension(D(2017, 9, 29), D(2017, 9, 25))]}, "早于开始日"),
        ({"suspensions": [Suspension(D(2017, 9, 1), D(2017, 9, 10))]}, "不晚于起算日"),
        ({"suspensions": [Suspension(D(2017, 9, 21), None), Suspension(D(2017, 9, 25), None)]}, "只能有一个"),
        ({"start": D(1800, 1, 1)}, "不在可计算的范围内"),
    ],
)
def test_nonsense_inputs_get_a_clear_message(kwargs, message):
    start = kwargs.get("start", D(2017, 9, 20))
    with pytest.raises(DeadlineInputError, match=message):
        period = Period(*kwargs.get("period", (20,)))
        compute_deadline(CALENDAR, start, period, kwargs.get("suspensions", ()))


# --- properties over any start day in the confirmed years ---------------------------------------
starts = st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 6, 30))


@settings(max_examples=300, deadline=None)
@given(start=starts, length=st.integers(1, 120))
def test_a_working_day_due_date_is_a_working_day_that_ends_the_count(start, length):
    result = compute_deadline(CALENDAR, start, Period(length))
    assert CALENDAR.is_working_day(result.due_date)
    assert count_days(CALENDAR, start, result.due_date, "working_day") == length
    assert count_days(CALENDAR, start, result.due_date - dt.timedelta(days=1), "working_day") == length - 1


@settings(max_examples=300, deadline=None)
@given(start=starts, length=st.integers(1, 120))
def test_a_calendar_day_due_date_is_the_first_working_day_from_the_last_day(start, length):
    due_date = compute_deadline(CALENDAR, start, Period(length, "day")).due_date
    last = start + dt.timedelta(days=length)
    assert due_date >= last
    assert CALENDAR.is_working_day(due_date)
    assert all(not CALENDAR.is_working_day(last + dt.timedelta(days=i)) for i in range((due_date - last).days))


@settings(max_examples=200, deadline=None)
@given(start=starts, length=st.integers(1, 60), offset=st.integers(1, 40), span=st.integers(0, 30),
       extra=st.integers(1, 20))
def test_suspensions_and_extensions_never_bring_a_due_date_forward(start, length, offset, span, extra):
    plain = due(start, length)
    first = start + dt.timedelta(days=offset)
    suspended = due(start, length, suspensions=[Suspension(first, first + dt.timedelta(days=span))])
    assert suspended >= plain
    assert due(start, length, extensions=[Extension(extra)]) == due(start, length + extra)
