"""What is public now: module pages and the search read this, never a flag of their own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast

from .kinds import PublicationKind
from .models import Publication


def live(kind: str | PublicationKind) -> QuerySet[Publication]:
    name = kind if isinstance(kind, str) else kind.name
    return Publication.objects.filter(kind=name, withdrawn_at__isnull=True)


def published(queryset: QuerySet, kind: str | PublicationKind) -> QuerySet:
    """The records of `queryset` that are public now."""
    return queryset.filter(Exists(live(kind).filter(
        target_type=ContentType.objects.get_for_model(queryset.model),
        target_id=Cast(OuterRef("pk"), output_field=CharField()))))


def publication_of(record: Any) -> Publication | None:
    """The record's live publication, or None."""
    return Publication.objects.filter(target_type=ContentType.objects.get_for_model(record),
                                      target_id=str(record.pk), withdrawn_at__isnull=True).first()


def search_documents(kind: PublicationKind) -> Iterator[Any]:
    """The search documents of a kind: exactly what was published (masked then), for a rebuild."""
    from yifa.search.index import SearchDocument

    for publication in live(kind).order_by("pk").iterator():
        yield SearchDocument(source=kind.name, key=publication.key, title=publication.title, body=publication.body,
                             url=publication.url, listing=kind.listing, published_at=publication.published_at)
