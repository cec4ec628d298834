"""The deadline engine: from a start day, a period, suspensions and extensions to a due date and its trace.

Pure functions over a `WorkCalendar`; nothing here touches the database. The counting rules are
those of ../shared/rules.md, "Counting periods":

- working-day periods exclude the start day: the due date is the n-th working day after it,
  working days following the State Council's notice including 调休 make-up weekends;
- calendar-day periods (民事诉讼法 art.85): the start day is not counted; when the last day is a rest
  day the period ends on the next working day;
- month periods (行政诉讼法 art.46's six months): the last day is the corresponding day of the last
  month, or that month's last day when it has none (民法典 art.202: 2017-08-31 + 6 months is
  2018-02-28), then the same rest-day rule. A suspension moves that last day by the number of
  calendar days it stopped the clock: the period is the span of calendar days from the start to the
  corresponding day, and suspended days are not counted in it, as in a calendar-day period (the
  time lost is not counted in the period, 行政诉讼法 art.48);
- suspended days (补正, consultation, 中止, hearing, expert tests) are not counted: the clock stops on
  every day from the suspension's first to its last day inclusive; a suspension without an end
  leaves the deadline paused with its remaining days;
- approved extensions add to the period in its own unit, up to the statute's cap;
- a minimum period gives the earliest day on which the step may be completed, without roll-over;
- any day counted in a year without a confirmed calendar flags the result "calendar unconfirmed".

The trace is structured (`TraceLine`) and stored with the deadline; `explain.py` renders it in the
reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .periods import (
    REASONS,
    DeadlineInputError,
    Period,
    SuspensionReason,
    Unit,
    add_months,
    check_length,
    format_length,
)
from .workcalendar import DayInfo, DayKind, WorkCalendar

ONE_DAY = dt.timedelta(days=1)
ORDINARY = frozenset({DayKind.WORKDAY, DayKind.WEEKEND})
EARLIEST_START = dt.date(1949, 10, 1)
LATEST_START = dt.date(2199, 12, 31)


@dataclass(frozen=True)
class Suspension:
    """The clock stops on every day from `starts_on` to `ends_on` inclusive; `ends_on=None`: still stopped."""

    starts_on: dt.date
    ends_on: dt.date | None
    reason: str = SuspensionReason.OTHER
    note: str = ""


@dataclass(frozen=True)
class Extension:
    length: int
    approved_by: str = ""
    approved_on: dt.date | None = None
    reason: str = ""


class Step:
    """Codes of trace lines."""

    START = "start"  # the start day, not counted
    EXTENSION = "extension"  # an approved extension adds days
    COUNT = "count"  # days that count toward the period
    MONTHS = "months"  # a month period's corresponding day (民法典 art.202)
    SHIFTED = "shifted"  # a month period's last day moved by the days the clock stopped
    MAKEUP = "makeup"  # a 调休 working weekend day, counted
    REST = "rest"  # weekend or holiday, not counted (working-day periods)
    SUSPENDED = "suspended"  # clock stopped, not counted
    PAUSED = "paused"  # clock stopped and not yet restarted
    ROLLOVER = "rollover"  # last day a rest day: moved to the next working day (art.85)
    DUE = "due"  # the due date of a maximum period
    EARLIEST = "earliest"  # the earliest date of a minimum period
    UNCONFIRMED = "unconfirmed"  # a year without a confirmed calendar was counted


@dataclass
class TraceLine:
    code: str
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    days: int = 0  # calendar days this line covers
    counted: int = 0  # of those, days counted toward the period
    skipped: int = 0  # of those, ordinary weekend days passed over (a count line spanning weeks)
    total: int = 0  # days counted so far, after this line
    name: str = ""  # holiday name, suspension reason, approver
    kind: str = ""  # DayKind of the days (for rest lines)
    source: str = ""  # document number or package the days' status comes from
    note: str = ""

    def to_json(self) -> dict:
        # Written out rather than dataclasses.asdict, which deep-copies: this runs a million times
        # when the calendar changes under 100,000 open deadlines.
        data: dict = {"code": self.code}
        if self.date_from is not None:
            data["date_from"] = self.date_from.isoformat()
        if self.date_to is not None:
            data["date_to"] = self.date_to.isoformat()
        for key in ("days", "counted", "skipped", "total", "name", "kind", "source", "note"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data

    @classmethod
    def from_json(cls, data: dict) -> TraceLine:
        values = dict(data)
        for key in ("date_from", "date_to"):
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})


@dataclass
class DeadlineResult:
    start: dt.date
    period: Period
    due_date: dt.date | None  # None while the clock is stopped without an end
    # Days counted toward the period, all of them once due; a month period counts calendar days
    # while its clock is stopped (a month has no fixed length) and its months once due.
    counted: int
    total: int  # the period's length with its extensions, in its unit
    trace: list[TraceLine]
    unconfirmed_years: tuple[int, ...] = ()
    paused_since: dt.date | None = None
    paused_reason: str = ""
    nominal_last_day: dt.date | None = None  # before art.85's roll-over

    @property
    def calendar_unconfirmed(self) -> bool:
        return bool(self.unconfirmed_years)

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def remaining(self) -> int:
        return self.total - self.counted

    def trace_json(self) -> list[dict]:
        return [line.to_json() for line in self.trace]


@dataclass
class _Stop:
    starts_on: dt.date
    ends_on: dt.date | None
    reasons: list[str] = field(default_factory=list)


def _merge_stops(start: dt.date, suspensions: Iterable[Suspension]) -> list[_Stop]:
    """Check each suspension and merge overlapping ones: a day stopped twice is stopped once."""
    ordered = sorted(suspensions, key=lambda s: (s.starts_on, s.ends_on or dt.date.max))
    for suspension in ordered:
        if suspension.ends_on is not None and suspension.ends_on < suspension.starts_on:
            raise DeadlineInputError(
                _("中止期间的结束日 %(end)s 早于开始日 %(begin)s。")
                % {"end": suspension.ends_on, "begin": suspension.starts_on}
            )
        if suspension.ends_on is not None and suspension.ends_on <= start:
            raise DeadlineInputError(
                _("中止期间 %(begin)s 至 %(end)s 不晚于起算日 %(start)s，不影响期限计算，请检查日期。")
                % {"begin": suspension.starts_on, "end": suspension.ends_on, "start": start}
            )
        if suspension.reason not in REASONS:
            raise DeadlineInputError(_("未知的中止事由“%(reason)s”。") % {"reason": suspension.reason})
    open_ones = [s for s in ordered if s.ends_on is None]
    if len(open_ones) > 1:
        raise DeadlineInputError(_("同一期限只能有一个尚未结束的中止。"))
    if open_ones and ordered[-1].ends_on is not None and ordered[-1].starts_on > open_ones[0].starts_on:
        raise DeadlineInputError(_("尚未结束的中止之后不能再有中止期间。"))
    merged: list[_Stop] = []
    for suspension in ordered:
        begin = max(suspension.starts_on, start + ONE_DAY)
        last = merged[-1] if merged else None
        if last is not None and (last.ends_on is None or begin <= last.ends_on + ONE_DAY):
            if last.ends_on is not None:
                last.ends_on = None if suspension.ends_on is None else max(last.ends_on, suspension.ends_on)
            if suspension.reason not in last.reasons:
                last.reasons.append(suspension.reason)
            continue
        merged.append(_Stop(begin, suspension.ends_on, [suspension.reason]))
    return merged


def _pieces(
    calendar: WorkCalendar, first_day: dt.date, stops: Sequence[_Stop]
) -> Iterator[tuple[dt.date, dt.date | None, DayInfo, _Stop | None]]:
    """Runs of days with the same meaning, cut where the clock stops and restarts, from `first_day` on.

    A piece inside an open-ended stop has end None and is the last piece."""
    stop_index = 0
    for run_start, run_end, info in calendar.runs_from(first_day):
        piece_start = run_start
        while piece_start <= run_end:
            while stop_index < len(stops) and stops[stop_index].ends_on is not None and stops[stop_index].ends_on < piece_start:  # type: ignore[operator]
                stop_index += 1
            stop = stops[stop_index] if stop_index < len(stops) else None
            if stop is not None and stop.starts_on <= piece_start:
                if stop.ends_on is None:
                    yield piece_start, None, info, stop
                    return
                piece_end = min(run_end, stop.ends_on)
                yield piece_start, piece_end, info, stop
            else:
                piece_end = run_end if stop is None else min(run_end, stop.starts_on - ONE_DAY)
                yield piece_start, piece_end, info, None
            piece_start = piece_end + ONE_DAY


class _TraceBuilder:
    def __init__(self) -> None:
        self.lines: list[TraceLine] = []

    def add(self, line: TraceLine) -> None:
        last = self.lines[-1] if self.lines else None
        contiguous = last is not None and last.date_to is not None and line.date_from == last.date_to + ONE_DAY
        if contiguous and last.code == Step.COUNT and (  # type: ignore[union-attr]
            (line.code == Step.REST and line.kind == DayKind.WEEKEND) or line.code == Step.COUNT
        ):
            # Ordinary weeks read as one span: "9/21–9/29: 7 working days (weekend not counted)".
            # Only holidays, 调休 days, suspensions and corrections get lines of their own.
            last.date_to = line.date_to  # type: ignore[union-attr]
            last.days += line.days  # type: ignore[union-attr]
            last.counted += line.counted  # type: ignore[union-attr]
            last.skipped += line.days if line.code == Step.REST else line.skipped  # type: ignore[union-attr]
            last.total = line.total if line.code == Step.COUNT else last.total  # type: ignore[union-attr]
            return
        if (
            last is not None
            and line.code == last.code == Step.REST
            and line.kind == last.kind == DayKind.HOLIDAY
            and line.source == last.source
            and last.date_to is not None
            and line.date_from == last.date_to + ONE_DAY
        ):
            # One break, two festivals (2017: 中秋节、国庆节 10/1–10/8): one line naming both.
            names = [n for n in last.name.split("、") if n]
            names += [n for n in line.name.split("、") if n and n not in names]
            last.name = "、".join(names)
            last.date_to = line.date_to
            last.days += line.days
            return
        if (
            last is not None
            and line.code in (Step.COUNT, Step.REST, Step.SUSPENDED)
            and (last.code, last.name, last.kind, last.source) == (line.code, line.name, line.kind, line.source)
            and last.date_to is not None
            and line.date_from == last.date_to + ONE_DAY
        ):
            last.date_to = line.date_to
            last.days += line.days
            last.counted += line.counted
            last.total = line.total
            return
        self.lines.append(line)


def _check_inputs(start: dt.date, period: Period, extensions: Sequence[Extension]) -> int:
    if not isinstance(start, dt.date):
        raise DeadlineInputError(_("起算日必须是日期。"))
    if not EARLIEST_START <= start <= LATEST_START:
        raise DeadlineInputError(
            _("起算日 %(start)s 不在可计算的范围内（%(low)s 至 %(high)s）。")
            % {"start": start, "low": EARLIEST_START, "high": LATEST_START}
        )
    if extensions and period.is_minimum:
        raise DeadlineInputError(_("最短期限不能延长。"))
    added = 0
    for extension in extensions:
        check_length(extension.length, period.unit, what=_("延长期限"))
        added += extension.length
    if period.max_extension is not None and added > period.max_extension:
        raise DeadlineInputError(
            _("延长合计 %(added)s，超过了法定上限 %(limit)s。")
            % {"added": format_length(added, period.unit), "limit": format_length(period.max_extension, period.unit)}
        )
    return period.length + added


def compute_deadline(
    calendar: WorkCalendar,
    start: dt.date,
    period: Period,
    suspensions: Iterable[Suspension] = (),
    extensions: Sequence[Extension] = (),
) -> DeadlineResult:
    """The due date (or earliest date) of `period` started on `start`, with the trace of how it was reached.

    Raises DeadlineInputError, with a message for the user, when the inputs make no sense."""
    extensions = list(extensions)
    total = _check_inputs(start, period, extensions)
    stops = _merge_stops(start, suspensions)
    working_days = period.unit == Unit.WORKING_DAY
    trace = _TraceBuilder()
    trace.add(TraceLine(Step.START, start, start, total=period.length))
    running = period.length
    for extension in extensions:
        running += extension.length
        trace.add(
            TraceLine(
                Step.EXTENSION, extension.approved_on, extension.approved_on, days=extension.length,
                total=running, name=extension.approved_by, note=extension.reason,
            )
        )
    if period.unit == Unit.MONTH:
        return _compute_months(calendar, start, period, total, stops, trace)
    unconfirmed: set[int] = set()
    counted = 0
    for piece_start, piece_end, info, stop in _pieces(calendar, start + ONE_DAY, stops):
        if stop is not None:
            reason = "、".join(stop.reasons)
            if piece_end is None:
                trace.add(TraceLine(Step.PAUSED, piece_start, None, total=counted, name=reason))
                return DeadlineResult(
                    start, period, None, counted, total, trace.lines, tuple(sorted(unconfirmed)),
                    paused_since=stop.starts_on, paused_reason=reason,
                )
            trace.add(
                TraceLine(Step.SUSPENDED, piece_start, piece_end, days=(piece_end - piece_start).days + 1,
                          total=counted, name=reason)
            )
            continue
        assert piece_end is not None
        length = (piece_end - piece_start).days + 1
        if working_days and not info.confirmed:
            unconfirmed.update(range(piece_start.year, piece_end.year + 1))
        # Fast path, the common case: an ordinary weekend, or ordinary working days that do not end
        # the count, extend the count line before them (what _TraceBuilder.add would do, unallocated).
        # Calendar-day periods count every day alike: one line until something interrupts it.
        last_line = trace.lines[-1]
        if (last_line.code == Step.COUNT and last_line.date_to is not None
                and piece_start == last_line.date_to + ONE_DAY
                and ((working_days and info.kind in ORDINARY and (not info.working or counted + length < total))
                     or (not working_days and counted + length < total))):
            last_line.date_to = piece_end
            last_line.days += length
            if info.working or not working_days:
                counted += length
                last_line.counted += length
                last_line.total = counted
            else:
                last_line.skipped += length
            continue
        if working_days and not info.working:
            trace.add(
                TraceLine(Step.REST, piece_start, piece_end, days=length, total=counted,
                          name=info.name, kind=info.kind, source=info.source)
            )
            continue
        take = min(length, total - counted)
        last = piece_start + dt.timedelta(days=take - 1)
        counted += take
        if working_days and info.kind == DayKind.MAKEUP_WORKDAY:
            line = TraceLine(Step.MAKEUP, piece_start, last, days=take, counted=take, total=counted,
                             name=info.name, kind=info.kind, source=info.source)
        else:
            line = TraceLine(Step.COUNT, piece_start, last, days=take, counted=take, total=counted)
        trace.add(line)
        if counted == total:
            return _finish(calendar, start, period, total, last, trace, unconfirmed)
    raise DeadlineInputError(_("期限超出了可计算的日期范围。"))  # pragma: no cover - guarded by the length caps


def _compute_months(
    calendar: WorkCalendar, start: dt.date, period: Period, total: int, stops: Sequence[_Stop], trace: _TraceBuilder
) -> DeadlineResult:
    """A period of `total` months: the corresponding day (民法典 art.202), moved by the suspended days."""
    nominal = add_months(start, total)
    trace.add(TraceLine(Step.MONTHS, start, nominal, days=(nominal - start).days, total=total))
    last = nominal
    if stops:
        span = (nominal - start).days
        counted = 0
        for piece_start, piece_end, _info, stop in _pieces(calendar, start + ONE_DAY, stops):
            if stop is not None:
                reason = "、".join(stop.reasons)
                if piece_end is None:
                    trace.add(TraceLine(Step.PAUSED, piece_start, None, total=counted, name=reason))
                    return DeadlineResult(start, period, None, counted, total, trace.lines,
                                          paused_since=stop.starts_on, paused_reason=reason)
                trace.add(TraceLine(Step.SUSPENDED, piece_start, piece_end, days=(piece_end - piece_start).days + 1,
                                    total=counted, name=reason))
                continue
            assert piece_end is not None
            length = (piece_end - piece_start).days + 1
            if counted + length >= span:
                last = piece_start + dt.timedelta(days=span - counted - 1)
                break
            counted += length
        if last != nominal:
            trace.add(TraceLine(Step.SHIFTED, nominal, last, days=(last - nominal).days, total=total))
    return _finish(calendar, start, period, total, last, trace, set())


def _finish(
    calendar: WorkCalendar,
    start: dt.date,
    period: Period,
    total: int,
    last: dt.date,
    trace: _TraceBuilder,
    unconfirmed: set[int],
) -> DeadlineResult:
    due = last
    if period.is_minimum:
        trace.add(TraceLine(Step.EARLIEST, last, last, total=total))
    else:
        if period.unit != Unit.WORKING_DAY:
            # 民事诉讼法 art.85: a period whose last day is a rest day ends on the next working day.
            info = calendar.day(last)
            if not info.confirmed:
                unconfirmed.add(last.year)
            if not info.working:
                due = last + ONE_DAY
                while not (day_info := calendar.day(due)).working:
                    if not day_info.confirmed:
                        unconfirmed.add(due.year)
                    due += ONE_DAY
                if not calendar.day(due).confirmed:
                    unconfirmed.add(due.year)
                trace.add(TraceLine(Step.ROLLOVER, last, due, days=(due - last).days, total=total,
                                    name=info.name, kind=info.kind, source=info.source))
        trace.add(TraceLine(Step.DUE, due, due, total=total))
    if unconfirmed:
        trace.add(TraceLine(Step.UNCONFIRMED, name="、".join(str(y) for y in sorted(unconfirmed))))
    return DeadlineResult(
        start, period, due, total, total, trace.lines, tuple(sorted(unconfirmed)), nominal_last_day=last
    )


def count_days(
    calendar: WorkCalendar,
    after: dt.date,
    through: dt.date,
    unit: str,
    suspensions: Iterable[Suspension] = (),
) -> int:
    """Days of `unit` in (after, through] that count toward a period: suspended days do not.

    A month has no fixed length: for a month period this counts calendar days, as its progress is shown."""
    if through <= after:
        return 0
    stops = _merge_stops(after, [s for s in suspensions if s.ends_on is None or s.ends_on > after])
    total = 0
    for piece_start, piece_end, info, stop in _pieces(calendar, after + ONE_DAY, stops):
        if piece_start > through:
            break
        if stop is not None:
            if piece_end is None:
                break
            continue
        assert piece_end is not None
        if unit != Unit.WORKING_DAY or info.working:
            total += (min(piece_end, through) - piece_start).days + 1
    return total


def nth_working_day_after(calendar: WorkCalendar, day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (n ≥ 1), e.g. the end of the "due soon" window."""
    counted = 0
    for run_start, run_end, info in calendar.runs_from(day + ONE_DAY):
        if not info.working:
            continue
        length = (run_end - run_start).days + 1
        if counted + length >= n:
            return run_start + dt.timedelta(days=n - counted - 1)
        counted += length
    raise DeadlineInputError(_("期限超出了可计算的日期范围。"))  # pragma: no cover
