"""Who may do what to the benchmarks (one policy per model, shared by the back office and the staff API).

A department's editors and head adopt and withdraw their own department's benchmarks; the legal affairs
office and the leaders see every department's; everybody in the back office may use the calculator.
"""

from __future__ import annotations

from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R

from .models import Benchmark, BenchmarkVersion

EDITORS = frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.SYSTEM_ADMIN})


class BenchmarkPolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "add": frozenset(),
        "change": frozenset(),
        "delete": frozenset(),
        "adopt": EDITORS,
        "withdraw": EDITORS,
        "export": EVERY_ROLE,
        # The daily job publishes versions that have come into force; only system jobs run it.
        "publish": frozenset({R.SYSTEM_ADMIN}),
    }


class BenchmarkVersionPolicy(DepartmentScopedPolicy):
    rules = {"view": EVERY_ROLE, "add": frozenset(), "change": frozenset(), "delete": frozenset(),
             "withdraw": EDITORS}


benchmark_policy = BenchmarkPolicy(Benchmark)
benchmark_version_policy = BenchmarkVersionPolicy(BenchmarkVersion)
