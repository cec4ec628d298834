"""What is public now: module pages and the search read this, never a flag of their own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from yifa.core.modules import CatalogueItem

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


def catalogue_item(kind: PublicationKind, publication: Publication, record: Any = None) -> CatalogueItem | None:
    """A live publication as its department's catalogue lists it: what the public reads (the masked title),
    dated by the record's made-on day (`kind.catalogue_made_on`) or the publication's. None without a department."""
    if publication.department_id is None:
        return None
    published_on = timezone.localdate(publication.published_at)
    made_on = kind.catalogue_made_on(record) if kind.catalogue_made_on is not None and record is not None else None
    made_on = min(made_on or published_on, published_on)
    return CatalogueItem(key=publication.target_id, department=publication.department, title=publication.title,
                         made_on=made_on, published_on=published_on, url=publication.url)


def catalogue_items(kind: PublicationKind) -> Iterator[CatalogueItem]:
    """Every live publication of `kind` as a catalogue item; the records are read in bulk, per model."""
    publications = list(live(kind).select_related("department").order_by("pk"))
    records: dict[tuple[int, str], Any] = {}
    if kind.catalogue_made_on is not None:
        wanted: dict[int, list[str]] = defaultdict(list)
        for publication in publications:
            wanted[publication.target_type_id].append(publication.target_id)
        for type_id, ids in wanted.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model is None:
                continue
            for pk, record in model._default_manager.in_bulk(ids).items():
                records[(type_id, str(pk))] = record
    for publication in publications:
        item = catalogue_item(kind, publication, records.get((publication.target_type_id, publication.target_id)))
        if item is not None:
            yield item
