"""What other apps call to put their public records into the site search: sources and documents.

An app declares each kind of public record once, in its `Module` (`yifa.core.modules`):

    Module("powers", search_sources=[SearchSource("powers.item", _("权力事项"), public_item_documents)])

and keeps the index in step from its own actions: `index_document(...)` when a record is published or
changed, `remove_document(source, key)` when it is withdrawn. `reindex()` (`yifa search_index`)
rebuilds from every source's `documents()`.

The index is derived data, a copy of what the sources already publish: these functions are not audited
actions themselves (the publishing action that calls them is); a rebuild from the command line is
logged by `yifa.search.actions.rebuild_index`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import cast

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from yifa.core import modules
from yifa.core.bulk import insert_prepared, prepare

from . import keys
from .engines import Entry, current_engine
from .models import IndexedDocument
from .text import index_tokens

logger = logging.getLogger(__name__)

BATCH = 5000
MAX_SOURCE = IndexedDocument._meta.get_field("source").max_length or 64
MAX_KEY = IndexedDocument._meta.get_field("key").max_length or 128
MAX_COLUMN = IndexedDocument._meta.get_field("column").max_length or 100


@dataclass(frozen=True)
class SearchDocument:
    source: str  # a registered source, e.g. "portal.article", "powers.item"
    key: str  # the record's id within its source
    title: str
    body: str  # plain text, no HTML
    url: str  # the public URL of the record
    column: str = ""  # the portal column (栏目) slug, for filtering
    published_at: dt.datetime | None = None
    # A module's record names its public listing instead of a column: it is filed under the column that
    # shows that listing (which the portal knows; an editor may move the listing to another column).
    listing: str = ""


def _no_columns(listing: str) -> str:
    return ""


_listing_column: list[Callable[[str], str]] = [_no_columns]


def set_listing_columns(resolver: Callable[[str], str]) -> None:
    """The portal tells the search which column slug shows each listing (from its AppConfig.ready())."""
    _listing_column[0] = resolver


def _sources() -> dict[str, modules.SearchSource]:
    return {source.name: source for source in modules.search_sources()}


def registered_sources() -> list[tuple[str, Promise | str]]:
    """(name, label) of each source, in registration order: e.g. for a filter drop-down."""
    return [(source.name, source.label) for source in modules.search_sources()]


def registry_sources() -> tuple[str, ...]:
    """The sources of registers (`SearchSource.registry`): their title matches rank after those of pages."""
    return tuple(source.name for source in modules.search_sources() if source.registry)


def source_label(name: str) -> Promise | str:
    source = _sources().get(name)
    return source.label if source else name


def _published_at(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):  # a date: midnight, local time
        value = dt.datetime.combine(value, dt.time())
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _row(document: SearchDocument, *, check_source: bool = True) -> IndexedDocument:
    """The model row for a document, checked; NUL characters (refused by PostgreSQL) are dropped."""
    if not isinstance(document, SearchDocument):
        raise TypeError(f"expected a SearchDocument, got {type(document).__name__}")
    if check_source and document.source not in _sources():
        logger.warning("indexing a document of unregistered search source %r", document.source)
    if not document.source or len(document.source) > MAX_SOURCE:
        raise ValueError(f"search source must be 1–{MAX_SOURCE} characters: {document.source!r}")
    key = str(document.key)
    if not key or len(key) > MAX_KEY:
        raise ValueError(f"search document key must be 1–{MAX_KEY} characters: {key!r}")
    column = document.column or (_listing_column[0](document.listing) if document.listing else "") or ""
    if len(column) > MAX_COLUMN:
        raise ValueError(f"search document column must be at most {MAX_COLUMN} characters: {column!r}")

    def text(value: str | None) -> str:
        return str(value or "").replace("\x00", "")

    return IndexedDocument(
        source=document.source, key=key.replace("\x00", ""), title=text(document.title), body=text(document.body),
        url=text(document.url), column=column.replace("\x00", ""), published_at=_published_at(document.published_at),
    )


def _entry(row: IndexedDocument) -> Entry:
    assert row.order_key is not None
    return Entry(document_id=row.pk, order_key=row.order_key, source=row.source, column=row.column,
                 title=index_tokens(row.title), body=index_tokens(row.body))


def _taken(excluding: int | None = None) -> Callable[[set[int]], set[int]]:
    def taken(candidates: set[int]) -> set[int]:
        rows = IndexedDocument.objects.filter(order_key__in=candidates)
        if excluding is not None:
            rows = rows.exclude(pk=excluding)
        return {key for key in rows.values_list("order_key", flat=True) if key is not None}

    return taken


def _same_second(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return keys.second_of(a) == keys.second_of(b)


def index_document(document: SearchDocument) -> None:
    """Insert or replace the document (source, key) and its full-text entry."""
    row = _row(document)
    with transaction.atomic():
        existing = IndexedDocument.objects.select_for_update().filter(source=row.source, key=row.key).first()
        old_key = existing.order_key if existing else None
        if existing is not None and old_key is not None and _same_second(existing.published_at, row.published_at):
            row.order_key = old_key
        else:
            excluding = existing.pk if existing else None
            row.order_key = keys.assign([(row.source, row.key, row.published_at)], _taken(excluding))[0]
        if existing is not None:
            row.pk = existing.pk
            row.save(force_update=True)
        else:
            row.save(force_insert=True)
        current_engine().replace(old_key, _entry(row))


def remove_document(source: str, key: str) -> None:
    """Take the document out of the search (a withdrawn page); nothing happens if it is not there."""
    # The database trigger removes its full-text rows with it.
    IndexedDocument.objects.filter(source=source, key=str(key)).delete()


def _batches(documents: Iterable[SearchDocument], source: str) -> Iterator[list[IndexedDocument]]:
    seen: set[str] = set()
    batch: list[IndexedDocument] = []
    if source not in _sources():
        logger.warning("indexing documents of unregistered search source %r", source)
    for document in documents:
        row = _row(document, check_source=False)
        if row.source != source:
            raise ValueError(f"source {source!r} yielded a document of source {row.source!r}")
        if row.key in seen:
            logger.warning("search source %r yielded key %r twice; the first one is kept", source, row.key)
            continue
        seen.add(row.key)
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_index(source: str, documents: Iterable[SearchDocument]) -> int:
    """Add many new documents of one source at once (a rebuild), in one transaction; returns the count.

    The caller removes that source's old documents first (as `reindex` does). Rows go in with one
    prepared INSERT per batch; the full-text entries follow, read back in order-key order, because
    FTS5 builds its doclists fastest when rowids ascend (and on PostgreSQL the table's blocks then
    follow the order key). The statistics are brought up to date at the end."""
    fields = ("source", "key", "title", "body", "url", "column", "published_at", "indexed_at", "order_key")
    engine = current_engine()
    now = prepare(IndexedDocument, "indexed_at", timezone.now())
    count = 0
    with transaction.atomic():
        for batch in _batches(documents, source):
            order_keys = keys.assign([(row.source, row.key, row.published_at) for row in batch], _taken())
            insert_prepared(IndexedDocument, fields, [
                (row.source, row.key, row.title, row.body, row.url, row.column,
                 prepare(IndexedDocument, "published_at", row.published_at), now, order_key)
                for row, order_key in zip(batch, order_keys, strict=True)
            ])
            count += len(batch)
        stored = (IndexedDocument.objects.filter(source=source).order_by("order_key")
                  .values_list("pk", "order_key", "column", "title", "body"))
        entries: list[Entry] = []
        for pk, order_key, column, title, body in stored.iterator(chunk_size=BATCH):
            entries.append(Entry(document_id=pk, order_key=cast(int, order_key), source=source, column=column,
                                 title=index_tokens(title), body=index_tokens(body)))
            if len(entries) >= BATCH:
                engine.write(entries)
                entries = []
        if entries:
            engine.write(entries)
        engine.finish_bulk()  # PostgreSQL: ANALYZE, so the planner knows how common each bigram is
    return count


def reindex(source: str | None = None) -> int:
    """Rebuild one source, or all (dropping documents of sources no longer registered); returns the count."""
    sources = _sources()
    if source is not None and source not in sources:
        raise KeyError(source)
    names = [source] if source is not None else list(sources)
    total = 0
    with transaction.atomic():
        if source is None:
            IndexedDocument.objects.all().delete()
        else:
            IndexedDocument.objects.filter(source=source).delete()
        for name in names:
            total += bulk_index(name, sources[name].documents())
    return total
