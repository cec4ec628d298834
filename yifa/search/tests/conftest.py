"""Fixtures for the search tests: registered sources that are removed again afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from yifa.core import modules
from yifa.core.modules import Module, SearchSource, only_modules
from yifa.search.index import SearchDocument


def document(key: str, title: str, body: str = "", *, source: str = "test.article", column: str = "",
             published: dt.datetime | dt.date | None = None) -> SearchDocument:
    return SearchDocument(source=source, key=key, title=title, body=body, url=f"/{source}/{key}/",
                          column=column, published_at=published)  # type: ignore[arg-type]


def at(year: int, month: int = 1, day: int = 1, hour: int = 9, minute: int = 0, second: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute, second))


@pytest.fixture
def sources() -> Iterator[dict[str, list[SearchDocument]]]:
    """Two sources (and only those) whose documents() are the lists in the returned dict."""
    registered: dict[str, list[SearchDocument]] = {"test.article": [], "test.item": []}
    scratch = Module("search-tests", search_sources=[
        SearchSource("test.article", "文章", lambda: registered["test.article"]),
        SearchSource("test.item", "权力事项", lambda: registered["test.item"]),
    ], event_types=dict(modules.event_types()))
    with only_modules(scratch):
        yield registered


@pytest.fixture
def registers() -> Iterator[dict[str, list[SearchDocument]]]:
    """An article source and a register's source (`registry=True`), as the portal and the power lists declare them."""
    registered: dict[str, list[SearchDocument]] = {"test.article": [], "test.register": []}
    scratch = Module("search-tests", search_sources=[
        SearchSource("test.article", "文章", lambda: registered["test.article"]),
        SearchSource("test.register", "权责清单", lambda: registered["test.register"], registry=True),
    ], event_types=dict(modules.event_types()))
    with only_modules(scratch):
        yield registered
