"""Benchmarks of the enforcement module.

Checking certificates for 10,000 assignments in one batch (assignment_problems: the guard every part uses
when it assigns people to enforcement work) must take a fixed number of queries — as many as for ten — and
at most 3× the time of merely reading those certificate rows with their fields (medians of five reads and
five checks, alternating, in the same run): everything the guard adds (resolving the fields, each person's eligibility, the dates,
suspensions, revocations and cancellations, and a reason in Chinese for each refusal) is measured against
the floor of reading what it must read.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from typing import Any

from yifa.bench.rows import Row

ASSIGNMENTS = int(os.environ.get("YIFA_BENCH_ASSIGNMENTS", "10000"))
TARGET_RATIO = 3.0
ON = dt.date(2017, 6, 1)


def _people(n: int) -> list[Any]:
    """n staff of a bench department, each with a certificate; one in ten contract, expired, suspended or of
    another field, so that the guard writes reasons as well as passing people."""
    from yifa.enforcement.personnel.models import Certificate, DepartmentField, EnforcementField
    from yifa.org.models import Department, Region, Staff
    from yifa.org.validators import uscc_check_character

    region, _created = Region.objects.get_or_create(code="231282000000", defaults={"name": "肇东市", "level": "city"})
    stem = "12231282MB0000001"
    department, _created = Department.objects.get_or_create(code="bench-enforcement", defaults={
        "name": "基准测试执法局", "short_name": "基准局", "region": region,
        "credit_code": stem + uscc_check_character(stem)})
    market, _created = EnforcementField.objects.get_or_create(code="market", defaults={"name": "市场监管"})
    transport, _created = EnforcementField.objects.get_or_create(code="transport", defaults={"name": "交通运输"})
    DepartmentField.objects.get_or_create(department=department, field=market)
    start = Staff.objects.count()
    people = Staff.objects.bulk_create([Staff(
        name=f"执法人员{start + i}", department=department,
        employment_type=Staff.EmploymentType.CONTRACT if i % 10 == 3 else Staff.EmploymentType.ADMINISTRATIVE)
        for i in range(n)], batch_size=2000)
    if not all(p.pk for p in people):  # a backend that does not return ids from bulk inserts
        people = list(Staff.objects.filter(department=department).order_by("-pk")[:n])[::-1]
    certificates = Certificate.objects.bulk_create([Certificate(
        number=f"B{start + i:013d}", staff=p, department=department, area="肇东市行政区域",
        issuing_authority="肇东市人民政府", basis="《黑龙江省行政执法人员资格管理办法》",
        issued_on=dt.date(2013, 1, 1) if i % 10 == 5 else dt.date(2016, 1, 1),
        valid_until=dt.date(2015, 12, 31) if i % 10 == 5 else dt.date(2018, 12, 31),
        status=Certificate.Status.SUSPENDED if i % 10 == 7 else Certificate.Status.VALID,
        status_since=dt.date(2017, 1, 1) if i % 10 == 7 else None) for i, p in enumerate(people)], batch_size=2000)
    if not all(c.pk for c in certificates):
        certificates = list(Certificate.objects.filter(staff__in=people).order_by("staff_id"))
    through: Any = Certificate.fields.through
    through.objects.bulk_create([through(certificate_id=c.pk, enforcementfield_id=(transport if i % 10 == 9 else market).pk)
                                 for i, c in enumerate(certificates)], batch_size=2000)
    return people


def _read(people: list[Any]) -> int:
    """The floor: the certificate rows of these people with their fields, read into Python values."""
    from yifa.enforcement.personnel.models import Certificate

    return len(list(Certificate.objects.filter(staff_id__in={p.pk for p in people}, kind="enforcement").values_list(
        "pk", "staff_id", "number", "issued_on", "valid_until", "status", "status_since", "status_reason",
        "fields__id")))


def check_ten_thousand_assignments() -> list[Row]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yifa.enforcement.personnel.selectors import assignment_problems

    small = _people(10)
    big = _people(ASSIGNMENTS)
    with CaptureQueriesContext(connection) as small_queries:
        assignment_problems([(p, "market", ON) for p in small])
    # Reads and checks alternate (five of each), so that a busy machine slows both alike; the medians compare.
    reads, measurements = [], []
    for _ in range(5):
        started = time.perf_counter()
        rows = _read(big)
        reads.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as big_queries:
            started = time.perf_counter()
            problems = assignment_problems([(p, "市场监管", ON) for p in big])
            measurements.append(time.perf_counter() - started)
    baseline, measured = statistics.median(reads), statistics.median(measurements)
    # Four in ten are refused: contract staff, expired, suspended, another field.
    assert rows == ASSIGNMENTS and len(problems) == ASSIGNMENTS * 4 // 10, (rows, len(problems))
    ratio = measured / baseline
    return [
        Row(name=f"check {ASSIGNMENTS:,} enforcement assignments in one batch (certificates, dates, status, staff)",
            measured=f"{measured * 1000:.0f} ms", baseline=f"{baseline * 1000:.0f} ms (reading the certificate rows)",
            ratio=f"{ratio:.2f}×", target=f"≤ {TARGET_RATIO}×", ok=ratio <= TARGET_RATIO),
        Row(name=f"queries for {ASSIGNMENTS:,} assignments", measured=f"{len(big_queries)} queries",
            baseline=f"{len(small_queries)} queries for 10", target="same number of queries",
            ok=len(big_queries) == len(small_queries)),
    ]


BENCHMARKS = [check_ten_thousand_assignments]
