"""From 1 November the daily run says until it is imported that next year's holiday notice is missing."""

import datetime as dt

from yifa.calendar.selectors import next_year_notice_reminder
from yifa.core.daily import run_jobs, select_jobs


def test_no_reminder_before_november(db):
    assert "无需提醒" in next_year_notice_reminder(dt.date(2026, 10, 31))


def test_a_missing_notice_for_next_year_is_named_from_the_first_of_november(db):
    # chinesecalendar carries no 2027 notice and the demo imports none: 2027 is unconfirmed.
    text = next_year_notice_reminder(dt.date(2026, 11, 1))
    assert "尚未导入" in text and "2027" in text


def test_a_confirmed_year_needs_no_reminder(db):
    assert "已确认" in next_year_notice_reminder(dt.date(2016, 11, 1))  # 2017 is in the package


def test_the_daily_run_records_it_and_the_website_checks(db):
    jobs = select_jobs(["calendar.next_year_notice", "portal.website_checks"])
    results = {result.job.name: result for result in run_jobs(dt.date(2026, 11, 2), jobs)}
    assert "2027" in results["calendar.next_year_notice"].detail
    assert "不合格" in results["portal.website_checks"].detail
