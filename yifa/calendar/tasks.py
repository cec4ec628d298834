"""Background work: recomputing open deadlines after the calendar changed (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def recompute_deadlines_task(date_from: str, date_to: str, reason: str = "") -> dict[str, int]:
    from .actions import recompute_open_deadlines

    summary = recompute_open_deadlines(
        date_from=dt.date.fromisoformat(date_from), date_to=dt.date.fromisoformat(date_to), reason=reason
    )
    return {"checked": summary.checked, "moved": summary.moved, "revision": summary.revision}
