"""Background work of the site search (django-tasks): rebuilding a source's documents in bulk.

A whole source (100,000 power items after a list is imported) takes longer than a web request may, so the
request that changed them queues this task; `yifa worker` runs it in production, the immediate backend at once.
"""

from __future__ import annotations

from django_tasks import task


@task()
def reindex_task(source: str) -> int:
    from .index import reindex

    return reindex(source)
