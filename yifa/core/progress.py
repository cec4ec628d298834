"""Progress of long background tasks (django-tasks), for a progress bar in the back office.

The view that starts a long piece of work creates a `TaskProgress` (`start`), enqueues the task with the
progress's id, and sends the person to a page that polls it. The task opens a `Reporter` on it, which marks
it running, writes how far it has got every `every` rows (and at each new stage), and at the end records
the result or the error the person should read.

A task's own writes usually sit in one transaction (an import is all or nothing), and progress written
through that transaction would only be seen at its end. So the reporter writes outside it: on PostgreSQL
through a second connection of its own; on SQLite, which has one writer at a time (the task's transaction),
it cannot, and the bar waits at that stage until the transaction ends. With the immediate backend (the demo,
the tests) the task has run before the page is shown, which then shows its result at once.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import connection, connections
from django.utils import timezone

from .models import TaskProgress

logger = logging.getLogger("yifa.progress")
Status = TaskProgress.Status


def start(kind: str, label: str, *, user: Any = None, total: int = 0) -> TaskProgress:
    return TaskProgress._default_manager.create(kind=kind, label=label[:300], total=total,
                                       started_by=user if getattr(user, "pk", None) else None)


def visible_to(user: Any, public_id: Any) -> TaskProgress | None:
    """The progress with this id if `user` started it (a superuser sees every one), else None."""
    qs = TaskProgress._default_manager.filter(public_id=public_id)
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(started_by_id=getattr(user, "pk", None) or -1)
    return qs.first()


class Reporter:
    """Writes a task's progress: at most once every `every` rows or `seconds`, and at every new stage."""

    def __init__(self, progress_id: int, *, every: int = 1000, seconds: float = 1.0) -> None:
        self.progress_id = progress_id
        self.every = every
        self.seconds = seconds
        self._written_done = -1
        self._written_at = 0.0
        self._stage = ""
        self._total = 0
        self._side: Any = None
        # Transactions open when the task started are the caller's (a test's, a command's): only those the
        # task opens itself keep its progress out of sight.
        self._depth = len(connection.atomic_blocks)
        self._write(status=Status.RUNNING)

    def step(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        if total is not None:
            self._total = total
        new_stage = stage is not None and stage != self._stage
        due = (done - self._written_done >= self.every or time.monotonic() - self._written_at >= self.seconds)
        if not (new_stage or due):
            return
        values: dict[str, Any] = {"done": done}
        if total is not None:
            values["total"] = total
        if stage is not None:
            self._stage = stage
            values["stage"] = stage[:200]
        self._written_done, self._written_at = done, time.monotonic()
        self._write(**values)

    def stage(self, text: str, *, done: int = 0, total: int = 0) -> None:
        self.step(done, total, text)

    def finish(self, result: dict[str, Any] | None = None) -> None:
        self._close()
        self._write(status=Status.DONE, result=result or {}, finished_at=timezone.now(), stage="", done=self._total)

    def fail(self, message: str, result: dict[str, Any] | None = None) -> None:
        self._close()
        self._write(status=Status.FAILED, error=message, result=result or {}, finished_at=timezone.now(), stage="")

    # --- writing outside the task's transaction ---

    def _write(self, **values: Any) -> None:
        values["updated_at"] = timezone.now()
        if len(connection.atomic_blocks) <= self._depth:
            TaskProgress._default_manager.filter(pk=self.progress_id).update(**values)
            return
        if connection.vendor != "postgresql":
            return  # SQLite: the task's transaction holds the one write lock; shown when it ends
        try:
            if self._side is None:
                self._side = connections.create_connection(connection.alias)
            model_fields: dict[str, Any] = {name: TaskProgress._meta.get_field(name) for name in values}
            fields = ", ".join(f"{self._side.ops.quote_name(field.column)} = %s" for field in model_fields.values())
            params = [model_fields[name].get_db_prep_save(value, self._side) for name, value in values.items()]
            with self._side.cursor() as cursor:
                cursor.execute(f"UPDATE {self._side.ops.quote_name(TaskProgress._meta.db_table)} SET {fields} "
                               f"WHERE id = %s", [*params, self.progress_id])
        except Exception:  # progress is a courtesy: it must never break the task
            logger.exception("could not write the progress of task %s", self.progress_id)

    def _close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None
