"""Background work: recomputing open deadlines after the calendar changed (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def recompute_deadlines_task(date_from: str, date_to: str, reason: str = "",
                             dates: list[str] | None = None) -> dict[str, int]:
    """`dates`: the days that changed (ISO); without them every day from `date_from` to `date_to` counts."""
    from .actions import recompute_open_deadlines

    summary = recompute_open_deadlines(
        date_from=dt.date.fromisoformat(date_from), date_to=dt.date.fromisoformat(date_to), reason=reason,
        changed_dates=None if dates is None else [dt.date.fromisoformat(d) for d in dates],
    )
    return {"checked": summary.checked, "moved": summary.moved, "skipped": summary.skipped,
            "revision": summary.revision}
