"""The working-day calendar: which days are working days, why, and whether the year is confirmed.

Three layers, the first that knows a date wins (rules.md, "Counting periods"):
1. yifa's own calendar table (`CalendarDay`): a day set by an imported State Council notice or by a
   correction, each with its source document number;
2. for a year whose notice has been imported: every other day is a working day Monday to Friday
   and a rest day at the weekend — the notice is the whole statement for its year;
3. otherwise the chinesecalendar package (2004–2026 in 1.11), which carries the State Council's
   notices, including 调休 make-up working weekends;
4. a year nobody has confirmed has the statutory holidays that 全国年节及纪念日放假办法 art.2 fixes
   for it (`holidays.py`: 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节) as rest days, named with
   the 办法's text as their source, and is otherwise counted Monday to Friday; only the 调休 swaps
   (and 补假 days) are unknown, so every day in it is marked unconfirmed and a deadline that
   reaches it is flagged, never silently guessed.

`WorkCalendar` is an immutable snapshot built from the table; `current_calendar()` reuses one
per calendar revision, so a bulk recomputation looks each day up in memory.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import chinese_calendar
from chinese_calendar import constants as package_data
from django.utils.translation import gettext_noop

from .holidays import statutory_holiday

PACKAGE_SOURCE = f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip()
PACKAGE_YEARS = frozenset(d.year for d in package_data.holidays)


class DayKind:
    WORKDAY = "workday"  # an ordinary working day
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday
    HOLIDAY = "holiday"  # a day off by the holiday notice (放假), or by the 办法 in a year without one
    MAKEUP_WORKDAY = "makeup_workday"  # a weekend day worked in exchange (调休上班)
    REST = "rest"  # a weekday made a rest day by some other document
    WORKING = "working"  # a weekend day made a working day by some other document


# The package names its holidays in English; the trace shows the names the notices use.
PACKAGE_HOLIDAY_NAMES = {
    "New Year's Day": gettext_noop("元旦"),
    "Spring Festival": gettext_noop("春节"),
    "Tomb-sweeping Day": gettext_noop("清明节"),
    "Labour Day": gettext_noop("劳动节"),
    "Dragon Boat Festival": gettext_noop("端午节"),
    "Mid-autumn Festival": gettext_noop("中秋节"),
    "National Day": gettext_noop("国庆节"),
    "Anti-Fascist 70th Day": gettext_noop("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"),
}


@dataclass(frozen=True)
class DayInfo:
    working: bool
    kind: str
    name: str = ""  # the holiday, in Chinese as the notice writes it
    source: str = ""  # the document number, or the package
    confirmed: bool = True


@dataclass(frozen=True)
class YearStatus:
    year: int
    confirmed: bool
    basis: str  # "notice", "package" or "none" (the 办法's statutory holidays and the weekends only)
    document_number: str = ""


def _weekday_info(day: dt.date, *, source: str, confirmed: bool) -> DayInfo:
    if day.weekday() < 5:
        return DayInfo(True, DayKind.WORKDAY, "", source, confirmed)
    return DayInfo(False, DayKind.WEEKEND, "", source, confirmed)


def _unconfirmed_info(day: dt.date) -> DayInfo:
    """A day of a year without a notice: a statutory holiday by the 办法, or an ordinary day of the week."""
    holiday = statutory_holiday(day)
    if holiday is not None:
        return DayInfo(False, DayKind.HOLIDAY, holiday.name, holiday.source, confirmed=False)
    return _weekday_info(day, source="", confirmed=False)


def _package_info(day: dt.date) -> DayInfo:
    workday_name = package_data.workdays.get(day)
    if workday_name is not None:
        name = PACKAGE_HOLIDAY_NAMES.get(workday_name, workday_name)
        return DayInfo(True, DayKind.MAKEUP_WORKDAY, name, PACKAGE_SOURCE)
    holiday_name = package_data.holidays.get(day)
    if holiday_name is not None:
        return DayInfo(False, DayKind.HOLIDAY, PACKAGE_HOLIDAY_NAMES.get(holiday_name, holiday_name), PACKAGE_SOURCE)
    return _weekday_info(day, source=PACKAGE_SOURCE, confirmed=True)


class WorkCalendar:
    """A snapshot of the calendar. `overrides` are the table's rows; `notices` maps year → document number."""

    def __init__(
        self,
        overrides: dict[dt.date, DayInfo] | None = None,
        notices: dict[int, str] | None = None,
        revision: int = 0,
        token: str = "",
    ) -> None:
        self.overrides = dict(overrides or {})
        self.notices = dict(notices or {})
        self.revision = revision
        self.token = token
        # year → (run start ordinals, runs); a run is consecutive days with the same DayInfo.
        self._runs: dict[int, tuple[list[int], list[tuple[dt.date, dt.date, DayInfo]]]] = {}
        self._interned: dict[DayInfo, DayInfo] = {}
        self._lock = threading.Lock()

    # --- years ---------------------------------------------------------------------------------
    def year_status(self, year: int) -> YearStatus:
        if year in self.notices:
            return YearStatus(year, True, "notice", self.notices[year])
        if year in PACKAGE_YEARS:
            return YearStatus(year, True, "package", "")
        return YearStatus(year, False, "none", "")

    def is_confirmed(self, year: int) -> bool:
        return self.year_status(year).confirmed

    # --- days ----------------------------------------------------------------------------------
    def _compute_day(self, day: dt.date) -> DayInfo:
        override = self.overrides.get(day)
        if override is not None:
            return override
        if day.year in self.notices:
            return _weekday_info(day, source=self.notices[day.year], confirmed=True)
        if day.year in PACKAGE_YEARS:
            return _package_info(day)
        return _unconfirmed_info(day)

    def day(self, day: dt.date) -> DayInfo:
        starts, runs = self._year_runs(day.year)
        return runs[bisect.bisect_right(starts, day.toordinal()) - 1][2]

    def is_working_day(self, day: dt.date) -> bool:
        return self.day(day).working

    def _year_runs(self, year: int) -> tuple[list[int], list[tuple[dt.date, dt.date, DayInfo]]]:
        cached = self._runs.get(year)
        if cached is not None:
            return cached
        with self._lock:
            cached = self._runs.get(year)
            if cached is not None:
                return cached
            starts: list[int] = []
            runs: list[tuple[dt.date, dt.date, DayInfo]] = []
            day = dt.date(year, 1, 1)
            one = dt.timedelta(days=1)
            while day.year == year:
                info = self._compute_day(day)
                info = self._interned.setdefault(info, info)
                if runs and runs[-1][2] is info:
                    runs[-1] = (runs[-1][0], day, info)
                else:
                    starts.append(day.toordinal())
                    runs.append((day, day, info))
                day += one
            self._runs[year] = (starts, runs)
            return starts, runs

    def runs_from(self, day: dt.date) -> Iterator[tuple[dt.date, dt.date, DayInfo]]:
        """Consecutive runs of days with the same meaning, from `day` on, without end."""
        year = day.year
        starts, runs = self._year_runs(year)
        index = bisect.bisect_right(starts, day.toordinal()) - 1
        first_start, end, info = runs[index]
        yield max(first_start, day), end, info
        index += 1
        while True:
            while index < len(runs):
                yield runs[index]
                index += 1
            year += 1
            if year > dt.MAXYEAR - 1:
                return
            starts, runs = self._year_runs(year)
            index = 0


# --- the current calendar, one snapshot per revision, per process ------------------------------
_current: WorkCalendar | None = None
_current_lock = threading.Lock()


def load_calendar() -> WorkCalendar:
    from .models import CalendarDay, CalendarRevision, HolidayNotice

    overrides = {
        row.date: DayInfo(row.is_working_day, row.kind, row.name, row.source_document, True)
        for row in CalendarDay.objects.all()
    }
    notices = dict(HolidayNotice.objects.values_list("year", "document_number"))
    revision, token = CalendarRevision.objects.order_by("-id").values_list("id", "token").first() or (0, "")
    return WorkCalendar(overrides, notices, revision, str(token))


def current_calendar() -> WorkCalendar:
    """The calendar as the table has it now; rebuilt only when a revision has been recorded since."""
    global _current
    from .models import CalendarRevision

    # The token, not the id: ids can be reused after a rollback or a restored backup.
    latest = CalendarRevision.objects.order_by("-id").values_list("token", flat=True).first()
    cached = _current
    if cached is not None and cached.token == (str(latest) if latest else ""):
        return cached
    with _current_lock:
        _current = load_calendar()
        return _current


def forget_current_calendar() -> None:
    global _current
    _current = None
