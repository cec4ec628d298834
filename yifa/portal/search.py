"""Articles in the site search (yifa.search): indexed when published, removed when withdrawn."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.html import strip_tags

SOURCE = "portal.article"


def _document(article):  # type: ignore[no-untyped-def]
    from yifa.search.index import SearchDocument

    column = article.column()
    body = strip_tags(article.body).replace("\xa0", " ")
    return SearchDocument(
        source=SOURCE, key=str(article.pk), title=article.title,
        body="\n".join(part for part in (article.summary, body) if part),
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
