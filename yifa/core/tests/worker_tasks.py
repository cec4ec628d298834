"""A task for test_worker.py (not a test itself): counts to `total`, reporting its progress as a long import does."""

from __future__ import annotations

from django_tasks import task

from yifa.core.progress import Reporter


@task()
def count_rows(progress_id: int, total: int) -> int:
    reporter = Reporter(progress_id, every=10)
    for done in range(total):
        reporter.step(done, total, "counting")
    reporter.finish({"counted": total})
    return total
