"""Background work: sending queued deliveries after the action that caused them committed (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_task(delivery_ids: list[int]) -> dict[str, int]:
    from .actions import deliver

    return deliver(delivery_ids)
