"""Reading the benchmarks: what is in force on a date, a benchmark's history, the year's figures. Nothing writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Benchmark, BenchmarkVersion


def in_force(as_of: dt.date | None = None, *, department: Any = None) -> QuerySet[BenchmarkVersion]:
    """The versions in force on `as_of` (today by default): the benchmark lists as they stood that day."""
    as_of = as_of or timezone.localdate()
    qs = BenchmarkVersion.objects.filter(effective_from__lte=as_of).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gt=as_of))
    if department is not None:
        qs = qs.filter(department=department)
    return qs.order_by("department__sort_order", "department_id", "code")


def version_on(benchmark: Benchmark, as_of: dt.date | None = None) -> BenchmarkVersion | None:
    as_of = as_of or timezone.localdate()
    return (BenchmarkVersion.objects.filter(benchmark=benchmark, effective_from__lte=as_of)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=as_of)).first())


def history(benchmark: Benchmark) -> QuerySet[BenchmarkVersion]:
    return BenchmarkVersion.objects.filter(benchmark=benchmark).order_by("effective_from")


def with_tiers(qs: QuerySet[BenchmarkVersion]) -> QuerySet[BenchmarkVersion]:
    return qs.select_related("department", "power_item").prefetch_related("brackets__tiers", "circumstances")


def figures(year: int, department: Any = None) -> dict[str, Any]:
    """Benchmarks in force at the year's end (or today, for the current year), the violations they cover,
    and the versions adopted in the year. Deviations from the benchmarks are counted by the cases part."""
    keys = ("benchmarks_in_force", "benchmark_departments", "benchmark_power_items_covered",
            "benchmark_versions_adopted")
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return dict.fromkeys(keys, 0)
    end = min(dt.date(year, 12, 31), timezone.localdate())
    current = in_force(end, department=department)
    adopted = BenchmarkVersion.objects.filter(effective_from__year=year)
    if department is not None:
        adopted = adopted.filter(department=department)
    return {
        "benchmarks_in_force": current.count(),
        "benchmark_departments": current.values("department").distinct().count(),
        "benchmark_power_items_covered": current.values("power_item").distinct().count(),
        "benchmark_versions_adopted": adopted.count(),
    }
