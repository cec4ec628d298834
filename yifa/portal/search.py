"""Articles in the site search (yifa.search): indexed when published, removed when withdrawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone
from django.utils.html import strip_tags

SOURCE = "portal.article"
CATALOGUE_SOURCE = "portal.catalogue"


def _document(article):  # type: ignore[no-untyped-def]
    from yifa.search.index import SearchDocument

    column = article.column()
    body = strip_tags(article.body).replace("\xa0", " ")
    return SearchDocument(
        source=SOURCE, key=str(article.pk), title=article.title,
        # The catalogue data too: a visitor may search by 索引号 or 文号.
        body="\n".join(part for part in (article.summary, article.index_number, article.document_number, body) if part),
        url=article.url or "", column=column.slug if column else "", published_at=article.published_on,
    )


def article_documents() -> Iterator:
    from .selectors import public_articles

    for article in public_articles().iterator():
        yield _document(article)


def index_article(article) -> None:  # type: ignore[no-untyped-def]
    from yifa.search.index import index_document, remove_document

    article.refresh_from_db()
    if article.live and not article.get_view_restrictions().exists():
        index_document(_document(article))
    else:
        remove_document(SOURCE, str(article.pk))


def unindex_article(article) -> None:  # type: ignore[no-untyped-def]
    from yifa.search.index import remove_document

    remove_document(SOURCE, str(article.pk))


def _entry_document(entry):  # type: ignore[no-untyped-def]
    from yifa.search.index import SearchDocument

    return SearchDocument(
        source=CATALOGUE_SOURCE, key=str(entry.pk), title=entry.title,
        body="\n".join(part for part in (entry.index_number, entry.document_number, entry.issuing_body,
                                         entry.category.name) if part),
        url=entry.url, listing="catalogue",
        published_at=timezone.make_aware(dt.datetime.combine(entry.published_on, dt.time(9))),
    )


def catalogue_documents() -> Iterator:
    """Catalogue items published elsewhere (imported); the articles are in the search as articles, the modules'
    records as their own sources."""
    from .catalogue import public_entries

    for entry in public_entries().filter(page__isnull=True, source="").iterator():
        yield _entry_document(entry)


def index_entry(entry) -> None:  # type: ignore[no-untyped-def]
    from yifa.search.index import index_document

    index_document(_entry_document(entry))
