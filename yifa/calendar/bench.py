"""Benchmarks: recomputing open deadlines after a calendar change, against the floor of the same run.

100,000 open deadlines of 20 departments, started on any day from mid-2025 to mid-2027, with the
statutes' periods; one in five has had its clock stopped. Two changes arrive, as they do in a year:
the 2027 holiday notice (every day of 2027 becomes confirmed, so every deadline whose counting window
reaches into 2027 must be recomputed and none that ends in 2026), and one day of 2027 declared a rest
day by a local document (only the windows that contain it). For each, the deadlines touched and
skipped are printed; the target is within 1.5× of the floor measured in the same run for the same
rows: reading the touched deadlines' computed fields and writing them back unchanged.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from yifa.audit.actors import SystemJob
from yifa.bench.rows import Row
from yifa.core.bulk import insert_prepared, prepare, update_prepared

DEADLINES = int(os.environ.get("YIFA_BENCH_DEADLINES", "100000"))
DEPARTMENTS = 20
FIRST_START, LAST_START = dt.date(2025, 7, 1), dt.date(2027, 6, 30)
TARGET_RATIO = 1.5
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕0号（基准测试用）
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。"""
# A working Monday of 2027 made a rest day by a local document (a power cut, a local festival).
LOCAL_REST_DAY = dt.date(2027, 3, 15)


def _make_deadlines() -> None:
    """100,000 open deadlines, computed and written as the actions would, but in bulk."""
    from yifa.org.models import Department, Region
    from yifa.org.validators import uscc_check_character

    from .engine import Suspension, compute_deadline
    from .models import Deadline, DeadlineSuspension
    from .periods import Period
    from .workcalendar import current_calendar

    city, _ = Region.objects.get_or_create(code="231282000000", defaults={"name": "肇东市", "level": "city"})
    departments = []
    for n in range(DEPARTMENTS):
        first17 = f"11231282{700000 + n:09d}"
        departments.append(Department.objects.get_or_create(code=f"bench-calendar-{n}", defaults={
            "name": f"日历基准测试局{n}", "short_name": f"日历基准{n}", "credit_code": first17 + uscc_check_character(first17),
            "region": city})[0])
    target_type = ContentType.objects.get_for_model(Department)
    calendar = current_calendar()
    rng = random.Random(2016)
    # Periods as the statutes give them.
    periods = [Period(n, "working_day") for n in (25, 30, 40, 60)] + [Period(n, "day") for n in (40, 60, 90)]
    fields = ("target_type", "target_id", "department", "purpose", "basis", "start_date", "length", "unit", "kind",
              "status", "closed_reason", "due_date", "counted_days", "total_days", "calendar_unconfirmed", "trace",
              "calendar_revision", "created_at", "code")
    now = prepare(Deadline, "created_at", timezone.now())
    rows, stops_of = [], {}
    memo: dict = {}
    for n in range(1, DEADLINES + 1):
        start = FIRST_START + dt.timedelta(days=rng.randrange((LAST_START - FIRST_START).days + 1))
        department = departments[rng.randrange(DEPARTMENTS)]
        period = rng.choice(periods)
        stops: tuple = ()
        if n % 5 == 0:  # one in five has had its clock stopped (补正, consultation …)
            first = start + dt.timedelta(days=rng.randrange(1, 15))
            stops = (Suspension(first, first + dt.timedelta(days=rng.randrange(0, 15)), "third_party"),)
            stops_of[n] = stops
        key = (start, period, stops)
        if key not in memo:
            result = compute_deadline(calendar, start, period, stops)
            memo[key] = (result, prepare(Deadline, "trace", result.trace_json()))
        result, trace = memo[key]
        rows.append([target_type.pk, str(department.pk), department.pk, "答复期限", "", start, period.length,
                     period.unit, period.kind, "open", "", result.due_date, result.counted, result.total,
                     result.calendar_unconfirmed, trace, 0, now, "reply"])
    with transaction.atomic():
        insert_prepared(Deadline, fields, rows)
        first_id = Deadline.objects.order_by("id").values_list("id", flat=True).first() or 1
        insert_prepared(DeadlineSuspension, ("deadline", "reason", "starts_on", "ends_on", "note",
                                             "recorded_by_label", "recorded_at"), [
            [first_id + n - 1, s.reason, s.starts_on, s.ends_on, "", "bench", now]
            for n, stops in stops_of.items() for s in stops
        ])


def _floor(changed: list[dt.date]) -> tuple[float, int]:
    """The floor for any job that recomputes these rows: read the touched deadlines' computed fields as
    values and write them back unchanged with one prepared UPDATE, in one transaction."""
    from .actions import COMPUTED_FIELDS, affected_deadlines
    from .models import Deadline

    started = time.perf_counter()
    with transaction.atomic():
        rows = [
            [*(prepare(Deadline, name, value) for name, value in zip(COMPUTED_FIELDS, values, strict=True)), pk]
            for pk, *values in affected_deadlines(changed[0], changed[-1], changed).values_list(
                "pk", *COMPUTED_FIELDS).iterator(2000)
        ]
        update_prepared(Deadline, COMPUTED_FIELDS, rows)
    return time.perf_counter() - started, len(rows)


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _last_summary() -> dict:
    from yifa.audit.models import AuditEvent

    return AuditEvent.objects.filter(event_type="calendar.recomputed").latest("id").new_values


def recompute_after_a_calendar_change() -> list[Row]:
    from .actions import import_holiday_notice, set_calendar_day
    from .models import Deadline

    _make_deadlines()
    _analyze()
    actor = SystemJob("bench")
    open_total = Deadline.objects.running().count()
    ends_before_2027 = Deadline.objects.running().filter(due_date__lt=dt.date(2027, 1, 1))
    rows = []

    def row(label: str, measured: float, floor: float, touched: int, summary: dict) -> Row:
        assert summary["checked"] == touched and summary["checked"] + summary["skipped"] == open_total, summary
        ratio = measured / floor
        return Row(
            name=(f"recompute after {label}: {summary['checked']:,} touched, {summary['skipped']:,} skipped of "
                  f"{open_total:,} open ({summary['moved']:,} moved, {summary['distinct_inputs']:,} distinct inputs)"),
            measured=f"{measured:.2f} s", baseline=f"{floor:.2f} s (read + write back the touched rows)",
            ratio=f"{ratio:.2f}×", target=f"≤ {TARGET_RATIO}×", ok=ratio <= TARGET_RATIO)

    # 1. Next year's notice arrives: every day of 2027 is confirmed (and a few become holidays or 调休
    # working days). The import records a revision and, at commit, the recomputation task runs (the
    # immediate backend: the bench times the work, not a queue).
    floor, touched = _floor([dt.date(2027, 1, 1) + dt.timedelta(days=n) for n in range(365)])
    started = time.perf_counter()
    import_holiday_notice(actor=actor, text=NOTICE_2027, year=2027)
    measured = time.perf_counter() - started
    rows.append(row("the 2027 holiday notice", measured, floor, touched, _last_summary()))
    # A change to 2027 touches no deadline that ends in 2026.
    assert ends_before_2027.exists() and not ends_before_2027.filter(computed_at__isnull=False).exists(), \
        "a deadline that ends before 2027 was rewritten"

    # 2. One working day of 2027 made a rest day by a local document.
    floor, touched = _floor([LOCAL_REST_DAY])
    started = time.perf_counter()
    set_calendar_day(actor=actor, day=LOCAL_REST_DAY, is_working_day=False, source_document="肇政办发〔2027〕1号",
                     note="基准测试")
    measured = time.perf_counter() - started
    rows.append(row(f"one rest day ({LOCAL_REST_DAY})", measured, floor, touched, _last_summary()))
    return rows


BENCHMARKS = [recompute_after_a_calendar_change]
