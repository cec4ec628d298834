"""A year without a notice rests on the statutory holidays of 全国年节及纪念日放假办法 art.2 (rules.md).

The expected dates are the festivals as the notices of those years put them, written out by hand;
the last tests check every holiday computed for 2004–2026 against the notices chinesecalendar carries.
"""

import datetime as dt
from collections import defaultdict

import pytest
from chinese_calendar import constants as package
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from yifa.calendar.engine import Step, compute_deadline
from yifa.calendar.explain import explain
from yifa.calendar.holidays import (
    LAWS,
    law_in_force,
    lunar_new_year,
    qingming,
    statutory_holiday,
    statutory_holidays,
)
from yifa.calendar.periods import Period
from yifa.calendar.workcalendar import PACKAGE_HOLIDAY_NAMES, PACKAGE_YEARS, DayKind, WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()  # the package's data and the 办法: no database


def holidays(year):
    return {day: holiday.name for day, holiday in statutory_holidays(year).items()}


def test_from_2025_the_13_days_include_new_years_eve_and_the_second_of_may():
    # 2024 revision (in force 2025-01-01): 春节 4 days from 除夕, 劳动节 5/1–5/2. 2025's notice agrees.
    assert holidays(2025) == {
        D(2025, 1, 1): "元旦",
        D(2025, 1, 28): "春节", D(2025, 1, 29): "春节", D(2025, 1, 30): "春节", D(2025, 1, 31): "春节",
        D(2025, 4, 4): "清明节",
        D(2025, 5, 1): "劳动节", D(2025, 5, 2): "劳动节",
        D(2025, 5, 31): "端午节",
        D(2025, 10, 1): "国庆节", D(2025, 10, 2): "国庆节", D(2025, 10, 3): "国庆节",
        D(2025, 10, 6): "中秋节",
    }


def test_from_2014_to_2024_the_11_days_start_the_spring_festival_on_its_first_day():
    # 2013 revision (in force 2014-01-01): 春节 正月初一 to 初三, 劳动节 5/1 only. 2017: 初一 is 1/28.
    assert holidays(2017) == {
        D(2017, 1, 1): "元旦",
        D(2017, 1, 28): "春节", D(2017, 1, 29): "春节", D(2017, 1, 30): "春节",
        D(2017, 4, 4): "清明节",
        D(2017, 5, 1): "劳动节",
        D(2017, 5, 30): "端午节",
        D(2017, 10, 1): "国庆节", D(2017, 10, 2): "国庆节", D(2017, 10, 3): "国庆节",
        D(2017, 10, 4): "中秋节",
    }


def test_from_2008_to_2013_the_spring_festival_started_on_new_years_eve():
    # 2007 revision (in force 2008-01-01): 春节 除夕, 初一, 初二; 清明, 端午 and 中秋 became holidays.
    assert [day for day, name in holidays(2013).items() if name == "春节"] == [D(2013, 2, 9), D(2013, 2, 10),
                                                                                D(2013, 2, 11)]
    assert sorted(holidays(2013).values()).count("劳动节") == 1 and len(holidays(2013)) == 11


def test_before_2008_there_were_ten_days_and_three_for_labour_day():
    # 1999 revision: 春节 初一 to 初三, 劳动节 5/1–5/3, no 清明节, 端午节 or 中秋节.
    found = holidays(2005)
    assert [day for day, name in found.items() if name == "春节"] == [D(2005, 2, 9), D(2005, 2, 10), D(2005, 2, 11)]
    assert [day for day, name in found.items() if name == "劳动节"] == [D(2005, 5, 1), D(2005, 5, 2), D(2005, 5, 3)]
    assert len(found) == 10 and not {"清明节", "端午节", "中秋节"} & set(found.values())


def test_the_text_in_force_on_the_day_decides_and_before_1999_09_18_yifa_knows_none():
    assert law_in_force(D(1999, 9, 17)) is None
    assert list(holidays(1999)) == [D(1999, 10, 1), D(1999, 10, 2), D(1999, 10, 3)]
    assert law_in_force(D(2007, 12, 31)).name == "1999年修订" and law_in_force(D(2008, 1, 1)).name == "2007年修订"
    assert law_in_force(D(2024, 12, 31)).name == "2013年修订" and law_in_force(D(2025, 1, 1)).name == "2024年修订"


def test_two_festivals_on_one_day_are_one_holiday_named_after_both():
    # 2020: 中秋 fell on 10/1 (the notice: 国庆节、中秋节 10/1–10/8); the law gives no extra day for it.
    assert holidays(2020)[D(2020, 10, 1)] == "中秋节、国庆节"
    assert len(holidays(2020)) == 10


def test_the_lunar_and_solar_term_dates_of_a_year_without_a_notice():
    assert lunar_new_year(2027) == D(2027, 2, 6) and qingming(2027) == D(2027, 4, 5)
    assert holidays(2027) == {
        D(2027, 1, 1): "元旦",
        D(2027, 2, 5): "春节", D(2027, 2, 6): "春节", D(2027, 2, 7): "春节", D(2027, 2, 8): "春节",
        D(2027, 4, 5): "清明节",
        D(2027, 5, 1): "劳动节", D(2027, 5, 2): "劳动节",
        D(2027, 6, 9): "端午节",
        D(2027, 9, 15): "中秋节",
        D(2027, 10, 1): "国庆节", D(2027, 10, 2): "国庆节", D(2027, 10, 3): "国庆节",
    }


def test_a_statutory_holiday_in_an_unconfirmed_year_is_a_rest_day_that_names_the_law_not_a_notice():
    info = CALENDAR.day(D(2027, 1, 1))
    assert (info.working, info.kind, info.name, info.confirmed) == (False, DayKind.HOLIDAY, "元旦", False)
    assert info.source == "《全国年节及纪念日放假办法》（2024年修订）第二条"
    assert CALENDAR.day(D(2027, 1, 4)).working and not CALENDAR.day(D(2027, 1, 4)).confirmed
    assert not CALENDAR.year_status(2027).confirmed


def test_twenty_working_days_from_christmas_eve_2026_skip_new_years_day_2027_and_are_flagged():
    result = compute_deadline(CALENDAR, D(2026, 12, 24), Period(20))
    assert result.due_date == D(2027, 1, 22)  # 2027-01-01, a Friday, is not counted
    assert result.unconfirmed_years == (2027,)
    text = explain(result.trace, "working_day")
    assert "2027-01-01（星期五）：元旦放假，不计入（依据：《全国年节及纪念日放假办法》（2024年修订）第二条规定的法定节假日；" \
           "本年节假日安排通知尚未导入）。" in text
    assert "以《全国年节及纪念日放假办法》规定的法定节假日和周末为休息日推算" in text[-1]


def test_forty_working_days_from_christmas_eve_2026_also_skip_the_spring_festival_from_its_eve():
    result = compute_deadline(CALENDAR, D(2026, 12, 24), Period(40))
    assert result.due_date == D(2027, 2, 23)
    rests = [(line.date_from, line.date_to, line.name) for line in result.trace
             if line.code == Step.REST and line.kind == DayKind.HOLIDAY]
    assert rests == [(D(2027, 1, 1), D(2027, 1, 1), "元旦"), (D(2027, 2, 5), D(2027, 2, 8), "春节")]
    assert result.calendar_unconfirmed


def test_a_calendar_day_period_ending_on_a_statutory_holiday_rolls_past_it_and_is_flagged():
    # 30 days from 2027-09-01 end on 2027-10-01 (国庆节): the next working day is Monday 10/4.
    result = compute_deadline(CALENDAR, D(2027, 9, 1), Period(30, "day"))
    assert result.nominal_last_day == D(2027, 10, 1) and result.due_date == D(2027, 10, 4)
    assert result.unconfirmed_years == (2027,)
    assert "期间最后一日 2027-10-01（星期五） 为国庆节放假（依据：《全国年节及纪念日放假办法》（2024年修订）第二条" \
           in "\n".join(explain(result.trace, "day"))


# --- against the official calendar: every holiday computed for 2004–2026 is one the notices gave ----------
OFFICIAL_YEARS = sorted(y for y in PACKAGE_YEARS if y >= 2004)
ONE_OFF = {"Anti-Fascist 70th Day"}  # 2015-09-03, a day off by a separate State Council decision


def test_the_package_covers_the_years_we_check():
    assert OFFICIAL_YEARS[0] == 2004 and OFFICIAL_YEARS[-1] >= 2026


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_every_computed_holiday_is_a_day_off_the_notice_gave_for_that_festival(year):
    for day, holiday in statutory_holidays(year).items():
        assert day not in package.workdays, f"{day} {holiday.name} was a 调休 working day"
        named = package.holidays.get(day)
        if named is None:
            # Only a weekend day the package leaves unnamed (2012-06-23, 端午, a Saturday inside its break).
            assert day.weekday() >= 5, f"{day} {holiday.name} was not a day off in {year}"
            continue
        assert PACKAGE_HOLIDAY_NAMES[named] in holiday.name.split("、"), (day, holiday.name, named)


def package_breaks():
    """(festivals, days off) for every break the notices gave: consecutive named days off, joined across
    the weekends between them that the package leaves unnamed (2025: 10/1–10/3 and 10/6–10/8 around
    10/4–10/5); one break may hold two festivals (2017: 国庆节 10/1–10/3 and 10/5–10/8, 中秋节 10/4)."""
    found: list[tuple[set[str], list[dt.date]]] = []
    for day in sorted(d for d, name in package.holidays.items() if name not in ONE_OFF):
        name = PACKAGE_HOLIDAY_NAMES[package.holidays[day]]
        if found:
            last = found[-1][1][-1]
            gap = [last + dt.timedelta(days=i) for i in range(1, (day - last).days)]
            if all(d.weekday() >= 5 and d not in package.workdays for d in gap):
                found[-1][0].add(name)
                found[-1][1].extend([*gap, day])
                continue
        found.append(({name}, [day]))
    return found


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_every_break_the_notice_gave_contains_the_statutory_days_of_its_festivals(year):
    computed = defaultdict(set)
    for each in (year - 1, year):  # a 元旦 break can start on 12/30 or 12/31
        for day, holiday in statutory_holidays(each).items():
            for name in holiday.name.split("、"):
                computed[name].add(day)
    breaks = [(festivals, days) for festivals, days in package_breaks() if days[-1].year == year]
    assert breaks
    for festivals, days in breaks:
        for festival in festivals:
            assert computed[festival] & set(days), f"{year}: the break {days[0]}–{days[-1]} has no {festival} day"
    # and no festival is computed that the notices of the year did not give (2020: 中秋节 on 国庆节's 10/1)
    given = set().union(*(festivals for festivals, _days in breaks)) | ({"中秋节"} if year == 2020 else set())
    assert {name for name, days in computed.items() if any(d.year == year for d in days)} == given


def test_the_versions_give_ten_then_eleven_then_thirteen_days_a_year():
    assert [law.days_per_year for law in LAWS] == [10, 11, 11, 13]
    counts = {year: len(statutory_holidays(year)) for year in range(2000, 2061)}
    coinciding = {year for year in counts if any("、" in h.name for h in statutory_holidays(year).values())}
    assert coinciding >= {2009, 2020}  # 中秋节 on 10/3 and on 10/1
    assert {counts[y] for y in range(2000, 2008) if y not in coinciding} == {10}
    assert {counts[y] for y in range(2008, 2025) if y not in coinciding} == {11}
    assert {counts[y] for y in range(2025, 2061) if y not in coinciding} == {13}


# --- any year without a notice ---------------------------------------------------------------------------
unconfirmed_starts = st.dates(min_value=D(2027, 1, 1), max_value=D(2060, 12, 31))


@settings(max_examples=300, deadline=None)
@given(start=unconfirmed_starts, length=st.integers(1, 400), unit=st.sampled_from(["working_day", "day"]))
def test_a_period_in_a_year_without_a_notice_never_ends_on_a_statutory_holiday(start, length, unit):
    result = compute_deadline(CALENDAR, start, Period(length, unit))
    assert statutory_holiday(result.due_date) is None
    assert result.due_date.weekday() < 5
    assert result.calendar_unconfirmed


@settings(max_examples=200, deadline=None)
@given(start=unconfirmed_starts, months=st.integers(1, 60))
def test_a_month_period_in_a_year_without_a_notice_never_ends_on_a_statutory_holiday(start, months):
    result = compute_deadline(CALENDAR, start, Period(months, "month"))
    assert statutory_holiday(result.due_date) is None and result.due_date.weekday() < 5
    assert result.calendar_unconfirmed


@settings(max_examples=100, deadline=None)
@given(year=st.integers(2027, 2199))
def test_every_year_has_its_festivals_in_their_seasons(year):
    found = statutory_holidays(year)
    names = {name for holiday in found.values() for name in holiday.name.split("、")}
    assert names == {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}
    spring = sorted(day for day, holiday in found.items() if holiday.name == "春节")
    assert len(spring) == 4 and D(year, 1, 20) <= spring[0] and spring[-1] <= D(year, 2, 23)
    assert qingming(year) in {D(year, 4, 4), D(year, 4, 5), D(year, 4, 6)}


def test_in_english_the_trace_names_the_law_a_holiday_comes_from():
    result = compute_deadline(CALENDAR, D(2026, 12, 24), Period(20))
    with translation.override("en"):
        text = explain(result.trace, "working_day")
    assert any("New Year's Day" in line and "art. 2 of the Measures on National Holidays and Memorial Days "
               "(2024 revision)" in line for line in text), text
    assert "statutory public holidays" in text[-1]


def test_the_year_screen_of_an_unconfirmed_year_lists_its_statutory_holidays_and_their_law(client, editor):
    client.force_login(editor)
    body = client.get("/admin/calendar/2027/").content.decode()
    assert "暂以《全国年节及纪念日放假办法》规定的法定节假日和周末为休息日推算" in body
    assert "<td>2027-02-05</td><td>放假</td><td>春节</td>" in body
    assert "《全国年节及纪念日放假办法》（2024年修订）第二条规定的法定节假日；本年节假日安排通知尚未导入" in body
