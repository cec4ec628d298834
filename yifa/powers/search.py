"""Power items in the site search (yifa.search): the version in force today, indexed when it takes effect.

Written against `yifa.search.index` (SearchDocument, index_document, remove_document); the source is
declared in the module's registration; until the search app is installed these functions do nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

SOURCE = "powers.item"
CHUNK = 2000
SENTINEL = 918273645
LISTING = "powers"  # filed under the portal column that shows this listing


def search_available() -> bool:
    try:
        return importlib.util.find_spec("yifa.search.index") is not None
    except ModuleNotFoundError:
        return False


_FIELDS = ("pk", "item_id", "name", "power_type", "department__name", "code", "implementation_code",
           "handling_office", "responsibilities", "remarks", "effective_from")


def _documents(versions: Any) -> Iterator[Any]:
    """The search documents of these power versions, built from plain values in chunks.

    A whole list is indexed at once after an import (100,000 items): model instances, a prefetch per
    chunk and a `reverse()` per item cost more than reading the xlsx did, so none are used here."""
    from yifa.search.index import SearchDocument

    from .models import PowerType, VersionBasis

    labels = {value: str(label) for value, label in PowerType.choices}
    # One reverse() for the pattern: the item's URL differs only in its number.
    url = reverse("powers:item", args=[SENTINEL]).replace(str(SENTINEL), "{}")
    rows = versions.order_by("pk").values_list(*_FIELDS)
    last = 0
    while chunk := list(rows.filter(pk__gt=last)[:CHUNK]):
        last = chunk[-1][0]
        bases: dict[int, list[str]] = {}
        for version_id, law, article in VersionBasis.objects.filter(version_id__in=[row[0] for row in chunk]).order_by(
                "version_id", "position").values_list("version_id", "provision__law__title", "provision__article"):
            bases.setdefault(version_id, []).append(f"《{law}》{article}")
        for (pk, item_id, name, power_type, department, code, implementation, office, steps, remarks,
             effective_from) in chunk:
            # Read as the result's snippet: what kind of power, whose, on what basis; the codes (searchable) last.
            step_names = "、".join(s.get("step", "") for s in steps or [] if s.get("step"))
            body = " · ".join(part for part in (
                labels.get(power_type, power_type), department,
                _("依据：%(bases)s") % {"bases": "；".join(bases[pk])} if bases.get(pk) else "",
                _("承办：%(office)s") % {"office": office} if office else "",
                _("责任事项：%(steps)s") % {"steps": step_names} if step_names else "", remarks,
                _("编码 %(code)s") % {"code": code} + (f" / {implementation}" if implementation else ""),
            ) if part)
            yield SearchDocument(source=SOURCE, key=str(item_id), title=name, body=body, url=url.format(item_id),
                                 listing=LISTING, published_at=effective_from)


def _current(item_ids: Iterable[int] | None = None, as_of: dt.date | None = None) -> Any:
    """The power versions in force on `as_of`: today by default (the portal shows the list as of today, and so
    does the search); the daily job's own date when it brings adjustments into force for that date."""
    from .models import Catalogue
    from .selectors import in_force

    qs = in_force(Catalogue.POWER, as_of)
    if item_ids is not None:
        qs = qs.filter(item_id__in=list(item_ids))
    return qs


def power_documents() -> Iterator[Any]:
    return _documents(_current())


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


def sync_items(item_ids: Iterable[int], *, as_of: dt.date | None = None) -> None:
    """Bring the search index up to date for these items: index what is in force (today, or on `as_of`),
    remove what is not."""
    if not search_available():
        return
    if _deferred and as_of is None:
        _deferred[-1].update(item_ids)
        return
    from django.utils import timezone

    from yifa.search.index import index_document, remove_document

    ids = list(dict.fromkeys(item_ids))
    if len(ids) > BULK_THRESHOLD and (as_of is None or as_of == timezone.localdate()):
        from yifa.search.tasks import reindex_task

        reindex_task.enqueue(SOURCE)  # a whole list: in `yifa worker`, not in the request that changed it
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        live = set()
        for document in _documents(_current(chunk, as_of)):
            index_document(document)
            live.add(int(document.key))
        for item_id in chunk:
            if item_id not in live:
                remove_document(SOURCE, str(item_id))
