"""The statutory public holidays of any year, by law, before (or without) the year's State Council notice.

../shared/rules.md, "Counting periods": the public holidays are fixed by 全国年节及纪念日放假办法,
not by the yearly notice; the notice only adds the 调休 swaps. So in a year with no notice the
statutory holidays are rest days — the lunar ones from the lunar calendar, 清明 from the solar
term — and only the swaps are unknown. Article 2 of each text lists the holidays of all citizens
(全体公民放假的节日); the text in force on a day decides whether that day is one:

| text (its decree)                        | in force from | 春节                         | 劳动节    | 清明、端午、中秋 |
| 1999 revision (国务院令第270号)          | 1999-09-18    | 3 days: 正月初一、初二、初三 | 5/1–5/3   | —                |
| 2007 revision (国务院令第513号)          | 2008-01-01    | 3 days: 除夕、正月初一、初二 | 5/1       | 1 day each       |
| 2013 revision (国务院令第644号)          | 2014-01-01    | 3 days: 正月初一、初二、初三 | 5/1       | 1 day each       |
| 2024 revision (国务院令第795号)          | 2025-01-01    | 4 days: 除夕、正月初一至初三 | 5/1, 5/2  | 1 day each       |

and in every text 元旦 1/1 and 国庆节 10/1–10/3 (rules.md: before 2025, 11 days; from 2025, 13).
除夕 is the last day of the lunar year: the day before 正月初一. Before 1999-09-18 (the 1949 text)
yifa knows no statutory holidays: such a day is counted as an ordinary weekday or weekend, still
flagged unconfirmed.

Not computed, because the law leaves the day to the notice: the 补假 a holiday falling on a weekend
gives (办法 art.6) and the 调休 swaps (art.7 of the 2024 text). That is why a year without a notice
stays "unconfirmed" even with its statutory holidays in place.

The lunar calendar and the solar terms come from tyme4py (the lunar-python author's maintained
successor, pure Python, astronomical computation for any year). `tests/test_holidays.py` checks
every holiday computed for 2004–2026 against the notices carried by chinesecalendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_noop
from tyme4py.lunar import LunarDay
from tyme4py.solar import SolarTerm

ONE_DAY = dt.timedelta(days=1)

TITLE = "全国年节及纪念日放假办法"
ARTICLE = "第二条"

# The festivals in the order of article 2's items, named as the notices name them (the 1999 text
# says 新年 for 元旦).
NEW_YEAR = gettext_noop("元旦")
SPRING_FESTIVAL = gettext_noop("春节")
TOMB_SWEEPING = gettext_noop("清明节")
LABOUR_DAY = gettext_noop("劳动节")
DRAGON_BOAT = gettext_noop("端午节")
MID_AUTUMN = gettext_noop("中秋节")
NATIONAL_DAY = gettext_noop("国庆节")
FESTIVALS = (NEW_YEAR, SPRING_FESTIVAL, TOMB_SWEEPING, LABOUR_DAY, DRAGON_BOAT, MID_AUTUMN, NATIONAL_DAY)


def _solar(day: object) -> dt.date:
    return dt.date(day.get_year(), day.get_month(), day.get_day())  # type: ignore[attr-defined]


@lru_cache(maxsize=512)
def lunar_date(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a day of the lunar year `year` (正月初一 of lunar year 2027 is 2027-02-06)."""
    return _solar(LunarDay.from_ymd(year, month, day).get_solar_day())


@lru_cache(maxsize=256)
def qingming(year: int) -> dt.date:
    """The day of the solar term 清明 in `year` (April 4, 5 or 6)."""
    return _solar(SolarTerm.from_name(year, "清明").get_solar_day())


def lunar_new_year(year: int) -> dt.date:
    return lunar_date(year, 1, 1)


def _days(first: dt.date, count: int) -> list[dt.date]:
    return [first + ONE_DAY * i for i in range(count)]


@dataclass(frozen=True)
class HolidayLaw:
    """One text of the 办法: what its article 2 gives, and from when."""

    name: str  # "2024年修订"
    decree: str  # "国务院令第795号"
    effective_from: dt.date
    spring_from_eve: bool  # 春节 starts on 除夕 (else on 正月初一)
    spring_days: int
    labour_days: int
    traditional: bool  # 清明节, 端午节 and 中秋节 are holidays

    @property
    def source(self) -> str:
        """What a day's `source` says when this text made it a rest day (stored in traces)."""
        return f"《{TITLE}》（{self.name}）{ARTICLE}"

    def festivals(self, year: int) -> dict[str, list[dt.date]]:
        new_year = lunar_new_year(year)
        spring_first = new_year - ONE_DAY if self.spring_from_eve else new_year
        days = {
            NEW_YEAR: [dt.date(year, 1, 1)],
            SPRING_FESTIVAL: _days(spring_first, self.spring_days),
            LABOUR_DAY: _days(dt.date(year, 5, 1), self.labour_days),
            NATIONAL_DAY: _days(dt.date(year, 10, 1), 3),
        }
        if self.traditional:
            days[TOMB_SWEEPING] = [qingming(year)]
            days[DRAGON_BOAT] = [lunar_date(year, 5, 5)]
            days[MID_AUTUMN] = [lunar_date(year, 8, 15)]
        return days

    @property
    def days_per_year(self) -> int:
        return 1 + self.spring_days + self.labour_days + 3 + (3 if self.traditional else 0)


LAWS = (
    HolidayLaw(gettext_noop("1999年修订"), "国务院令第270号", dt.date(1999, 9, 18), False, 3, 3, False),
    HolidayLaw(gettext_noop("2007年修订"), "国务院令第513号", dt.date(2008, 1, 1), True, 3, 1, True),
    HolidayLaw(gettext_noop("2013年修订"), "国务院令第644号", dt.date(2014, 1, 1), False, 3, 1, True),
    HolidayLaw(gettext_noop("2024年修订"), "国务院令第795号", dt.date(2025, 1, 1), True, 4, 2, True),
)
SOURCES = {law.source: law for law in LAWS}


def law_in_force(day: dt.date) -> HolidayLaw | None:
    """The text of the 办法 in force on `day` (None before 1999-09-18: a text yifa does not apply)."""
    current: HolidayLaw | None = None
    for law in LAWS:
        if law.effective_from <= day:
            current = law
    return current


@dataclass(frozen=True)
class StatutoryHoliday:
    date: dt.date
    name: str  # "春节"; two festivals on one day read "中秋节、国庆节" (2020-10-01)
    law: HolidayLaw

    @property
    def source(self) -> str:
        return self.law.source


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[dt.date, StatutoryHoliday]:
    """Every statutory holiday of `year` under the text in force on each day, by date."""
    names: dict[dt.date, list[str]] = {}
    laws: dict[dt.date, HolidayLaw] = {}
    # The texts in force at some time in the year: at its start, and any that took effect during it.
    first = law_in_force(dt.date(year, 1, 1))
    candidates = [law for law in LAWS if law is first or law.effective_from.year == year]
    for law in candidates:
        for festival, days in law.festivals(year).items():
            for day in days:
                if day.year == year and law_in_force(day) is law:
                    names.setdefault(day, []).append(festival)
                    laws[day] = law
    return {
        day: StatutoryHoliday(day, "、".join(sorted(found, key=FESTIVALS.index)), laws[day])
        for day, found in sorted(names.items())
    }


def statutory_holiday(day: dt.date) -> StatutoryHoliday | None:
    return statutory_holidays(day.year).get(day)
