"""Dates people type: every accepted form, the refusals and their messages, the year bounds."""

import datetime as dt

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from yifa.core.dates import FIRST_YEAR, LAST_YEAR, DateInputError, DayField, parse_day, parse_optional_day

FULL_WIDTH = str.maketrans("0123456789-/.", "０１２３４５６７８９－／．")


@pytest.mark.parametrize(
    "text",
    [
        "2016-05-01", "2016-5-1", "2016/05/01", "2016/5/1", "2016.5.1", "2016.05.01", "20160501",
        "2016年5月1日", "2016年05月01日", "2016年5月1", " 2016 年 5 月 1 日 ", "\t2016-05-01\n",
        "２０１６－０５－０１", "２０１６年５月１日", "２０１６／５／１", "２０１６０５０１",
    ],
)
def test_every_form_people_type_reads_as_the_same_day(text):
    assert parse_day(text) == dt.date(2016, 5, 1)


def test_a_date_or_a_datetime_is_taken_as_it_is():
    assert parse_day(dt.date(2017, 9, 20)) == dt.date(2017, 9, 20)
    assert parse_day(dt.datetime(2017, 9, 20, 23, 59)) == dt.date(2017, 9, 20)


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "明天", "2016-13-01", "2016-02-30", "2017年2月29日", "16-05-01", "2016-05", "201605011",
        "2016-05-01 10:00", "2016-05-01T10:00", "05/01/2016", "2016--05-01", "二〇一六年五月一日",
        "2016-05-01" + " " * 40 + "垃圾", "2016-05-01" + "\n" * 50 + "; DROP TABLE", None,
    ],
)
def test_anything_else_is_refused_with_a_message_naming_the_field(text):
    with pytest.raises(DateInputError) as refused:
        parse_day(text, what="答复日")
    assert str(refused.value).startswith("答复日“")
    assert "不是有效的日期" in str(refused.value)


def test_a_refusal_without_a_field_name_speaks_of_a_date_and_quotes_at_most_twenty_characters():
    with pytest.raises(DateInputError) as refused:
        parse_day("x" * 500)
    message = str(refused.value)
    assert message.startswith("日期“") and "x" * 21 not in message


@pytest.mark.parametrize(("text", "day"), [("1900-01-01", dt.date(1900, 1, 1)), ("2199-12-31", dt.date(2199, 12, 31))])
def test_the_first_and_last_years_a_record_can_have_are_accepted(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["1899-12-31", "2200-01-01", "0001-01-01", "9999年1月1日"])
def test_years_outside_the_bounds_are_refused_saying_which_years_are_allowed(text):
    with pytest.raises(DateInputError) as refused:
        parse_day(text, what="收到申请日")
    assert str(refused.value).startswith("收到申请日“")
    assert f"{FIRST_YEAR} 至 {LAST_YEAR}" in str(refused.value)


def test_an_empty_optional_date_is_none_and_a_bad_one_still_refused():
    assert parse_optional_day("") is None
    assert parse_optional_day("  ") is None
    assert parse_optional_day(None) is None
    assert parse_optional_day("2016年5月1日") == dt.date(2016, 5, 1)
    with pytest.raises(DateInputError):
        parse_optional_day("下周一")


class ReplyForm(forms.Form):
    replied_on = DayField(label="答复日")
    paid_on = DayField(label="缴费日", required=False)


def test_a_form_day_field_reads_every_form_and_names_itself_in_its_refusal():
    form = ReplyForm({"replied_on": "２０１７年９月２０日", "paid_on": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"replied_on": dt.date(2017, 9, 20), "paid_on": None}
    refused = ReplyForm({"replied_on": "2017-09-31"})
    assert not refused.is_valid()
    [message] = refused.errors["replied_on"]
    assert message.startswith("答复日“2017-09-31”")
    assert "请按 YYYY-MM-DD 填写" in message


def test_a_required_form_day_field_left_empty_says_it_is_required():
    form = ReplyForm({"replied_on": ""})
    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()["replied_on"]] == ["required"]


days = st.dates(min_value=dt.date(FIRST_YEAR, 1, 1), max_value=dt.date(LAST_YEAR, 12, 31))


@given(days)
def test_any_date_round_trips_through_its_iso_and_chinese_forms(day):
    chinese = f"{day.year}年{day.month}月{day.day}日"
    forms_of_the_day = [
        day.isoformat(), chinese, f"{day:%Y%m%d}", f"{day.year}/{day.month}/{day.day}", f"{day:%Y.%m.%d}",
        day.isoformat().translate(FULL_WIDTH), chinese.translate(FULL_WIDTH),
    ]
    for text in forms_of_the_day:
        assert parse_day(text) == day, text
