"""Benchmarks: recomputing 100,000 open deadlines after a calendar change (target ≤ 10 s on this machine).

The baseline, measured in the same run, is the floor for any row-by-row job: read the same
deadlines' computed fields and write them back unchanged.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from yifa.audit.actors import SystemJob
from yifa.bench.rows import Row
from yifa.core.bulk import insert_prepared, prepare, update_prepared

DEADLINES = 100_000
TARGET_SECONDS = 10.0
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕0号（基准测试用）
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。"""


def _make_deadlines() -> None:
    """100,000 open deadlines, computed and written as the actions would, but in bulk."""
    from yifa.org.models import Department, Region

    from .engine import Suspension, compute_deadline
    from .models import Deadline, DeadlineSuspension
    from .periods import Period
    from .workcalendar import current_calendar

    city = Region.objects.create(code="231282000000", name="肇东市", level=Region.Level.CITY)
    department = Department.objects.create(
        name="基准测试局", short_name="基准局", code="bench", credit_code="11231282MB0000000X", region=city
    )
    target_type = ContentType.objects.get_for_model(Department)
    calendar = current_calendar()
    rng = random.Random(2016)
    # Periods as the statutes give them; every deadline reaches into 2027, the year whose notice arrives.
    periods = [Period(n, "working_day") for n in (25, 30, 40, 60)] + [Period(n, "day") for n in (40, 60, 90)]
    fields = ("target_type", "target_id", "department", "purpose", "basis", "start_date", "length", "unit", "kind",
              "status", "closed_reason", "due_date", "counted_days", "total_days", "calendar_unconfirmed", "trace",
              "calendar_revision", "created_at", "code")
    now = prepare(Deadline, "created_at", timezone.now())
    rows, stops_of = [], {}
    memo: dict = {}
    for n in range(1, DEADLINES + 1):
        start = dt.date(2026, 12, 1) + dt.timedelta(days=rng.randrange(31))
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


def recompute_after_a_calendar_change() -> list[Row]:
    from yifa.audit.models import AuditEvent

    from .actions import COMPUTED_FIELDS, affected_deadlines, import_holiday_notice
    from .models import Deadline

    _make_deadlines()
    window = (dt.date(2026, 11, 1), dt.date(2027, 12, 31))

    # Baseline: the floor for any row-by-row job: read the same rows' computed fields as values
    # and write them back unchanged with one prepared UPDATE.
    started = time.perf_counter()
    with transaction.atomic():
        rows = [
            [*(prepare(Deadline, name, value) for name, value in zip(COMPUTED_FIELDS, values, strict=True)), pk]
            for pk, *values in affected_deadlines(*window).values_list("pk", *COMPUTED_FIELDS).iterator(2000)
        ]
        update_prepared(Deadline, COMPUTED_FIELDS, rows)
    baseline = time.perf_counter() - started

    # The change: next year's notice arrives. The import records a revision and, at commit, the
    # recomputation task runs (the immediate backend, as in a deployment without a worker).
    started = time.perf_counter()
    import_holiday_notice(actor=SystemJob("bench"), text=NOTICE_2027, year=2027)
    measured = time.perf_counter() - started
    summary = AuditEvent.objects.filter(event_type="calendar.recomputed").latest("id").new_values
    assert summary["checked"] == DEADLINES, summary
    return [
        Row(
            name=(f"recompute {summary['checked']:,} open deadlines after a calendar change "
                  f"({summary['moved']:,} moved, {summary['distinct_inputs']:,} distinct inputs)"),
            measured=f"{measured:.2f} s",
            baseline=f"{baseline:.2f} s (read + write back rows)",
            ratio=f"{measured / baseline:.2f}×",
            target=f"≤ {TARGET_SECONDS:.0f} s",
            ok=measured <= TARGET_SECONDS,
        )
    ]


BENCHMARKS = [recompute_after_a_calendar_change]
