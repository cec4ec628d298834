"""Power items in the site search (yifa.search): the version in force today, indexed when it takes effect.

Written against `yifa.search.index` (register_source, SearchDocument, index_document,
remove_document); until that module is installed these functions do nothing.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SOURCE = "powers.item"
COLUMN = "qzqd"


def search_available() -> bool:
    try:
        return importlib.util.find_spec("yifa.search.index") is not None
    except ModuleNotFoundError:
        return False


def _document(version: Any) -> Any:
    from yifa.search.index import SearchDocument

    from .models import PowerType

    bases = "；".join(f"《{b.provision.law.title}》{b.provision.article}" for b in version.bases.all())
    steps = "；".join(s.get("step", "") for s in version.responsibilities or [])
    body = "\n".join(part for part in (
        f"{PowerType(version.power_type).label} · {version.department.name}",
        f"{version.code} {version.implementation_code}", version.handling_office, bases, steps, version.remarks,
    ) if part)
    return SearchDocument(
        source=SOURCE, key=str(version.item_id), title=version.name, body=body,
        url=reverse("powers:item", args=[version.item_id]), column=COLUMN,
        published_at=version.effective_from,
    )


def _current(item_ids: Iterable[int] | None = None) -> Any:
    from .models import Catalogue
    from .selectors import in_force

    qs = in_force(Catalogue.POWER).select_related("department").prefetch_related("bases__provision__law")
    if item_ids is not None:
        qs = qs.filter(item_id__in=list(item_ids))
    return qs


def power_documents() -> Iterator[Any]:
    for version in _current().iterator(chunk_size=1000):
        yield _document(version)


_deferred: list[set[int]] = []
# Beyond this many items at once, rebuilding the whole source in bulk is faster than one by one.
BULK_THRESHOLD = 2000


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Collect the items to index and bring the index up to date once at the end (the demo, bulk loads)."""
    _deferred.append(set())
    try:
        yield
    finally:
        ids = _deferred.pop()
        if ids:
            sync_items(ids)


def sync_items(item_ids: Iterable[int]) -> None:
    """Bring the search index up to date for these items: index what is in force, remove what is not."""
    if not search_available():
        return
    if _deferred:
        _deferred[-1].update(item_ids)
        return
    from yifa.search.index import index_document, reindex, remove_document

    ids = list(dict.fromkeys(item_ids))
    if len(ids) > BULK_THRESHOLD:
        reindex(SOURCE)
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        live = set()
        for version in _current(chunk):
            index_document(_document(version))
            live.add(version.item_id)
        for item_id in chunk:
            if item_id not in live:
                remove_document(SOURCE, str(item_id))


def register() -> None:
    if not search_available():
        return
    from yifa.search.index import register_source

    register_source(SOURCE, label=_("权责清单"), documents=power_documents)
