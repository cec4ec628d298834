"""The benchmarks in the site search (yifa.search): each violation's version in force, indexed when it takes effect."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SOURCE = "enforcement.benchmark"
LISTING = "enforcement_benchmarks"  # filed under the portal column that shows this listing


def search_available() -> bool:
    try:
        return importlib.util.find_spec("yifa.search.index") is not None
    except ModuleNotFoundError:
        return False


def _documents(as_of: dt.date | None = None) -> Iterator[Any]:
    from yifa.search.index import SearchDocument

    from .selectors import in_force

    for version in in_force(as_of).select_related("department").prefetch_related("brackets__tiers"):
        tiers = "；".join(f"{t.get_level_display()} {t.minimum}–{t.maximum}"
                         for b in version.brackets.all() for t in b.tiers.all())
        body = " · ".join((version.department.name, _("违反%(article)s") % {"article": version.violated_citation},
                           _("依据%(article)s") % {"article": version.penalty_citation}, tiers))
        yield SearchDocument(source=SOURCE, key=str(version.benchmark_id), title=version.violation, body=body,
                             url=reverse("enforcement:benchmark_detail", args=[version.benchmark_id]),
                             listing=LISTING,
                             published_at=timezone.make_aware(dt.datetime.combine(version.effective_from, dt.time.min)))


def benchmark_documents() -> Iterator[Any]:
    return _documents()


def sync_search(as_of: dt.date | None = None) -> None:
    """Index the versions in force on `as_of` (today by default), remove benchmarks no longer in force."""
    if not search_available():
        return
    from yifa.search.index import index_document, remove_document

    from .models import Benchmark

    live = set()
    for document in _documents(as_of or timezone.localdate()):
        index_document(document)
        live.add(document.key)
    for pk in Benchmark.objects.values_list("pk", flat=True):
        if str(pk) not in live:
            remove_document(SOURCE, str(pk))
