"""Fixtures for the search tests: registered sources that are removed again afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from yifa.search import index
from yifa.search.index import SearchDocument


def document(key: str, title: str, body: str = "", *, source: str = "test.article", column: str = "",
             published: dt.datetime | dt.date | None = None) -> SearchDocument:
    return SearchDocument(source=source, key=key, title=title, body=body, url=f"/{source}/{key}/",
                          column=column, published_at=published)  # type: ignore[arg-type]


def at(year: int, month: int = 1, day: int = 1, hour: int = 9, minute: int = 0, second: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute, second))


@pytest.fixture
def sources() -> Iterator[dict[str, list[SearchDocument]]]:
    """Two registered sources whose documents() are the lists in the returned dict."""
    before = dict(index._SOURCES), dict(index._DOCUMENTS)
    index._SOURCES.clear()
    index._DOCUMENTS.clear()
    registered: dict[str, list[SearchDocument]] = {"test.article": [], "test.item": []}
    index.register_source("test.article", label="文章", documents=lambda: registered["test.article"])
    index.register_source("test.item", label="权力事项", documents=lambda: registered["test.item"])
    yield registered
    index._SOURCES.clear()
    index._DOCUMENTS.clear()
    index._SOURCES.update(before[0])
    index._DOCUMENTS.update(before[1])
