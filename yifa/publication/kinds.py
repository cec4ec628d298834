"""What a module declares to publish a kind of record: how the record reads in public, where it is
listed, who may publish and withdraw it, and how long it stays online.

    MESSAGES = PublicationKind(
        name="interaction.message", label=_("公众留言"), listing="interaction", policy=message_policy,
        document=message_document, retention=None,
    )

The kind's `name` is also its source in the site search: the search holds exactly what is published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from yifa.core.modules import CatalogueSource, SearchSource

Label = str | Promise


@dataclass(frozen=True)
class Retention:
    """How long a record stays online after publication (e.g. enforcement decisions: 5 years, 2 when the
    party is a natural person — ../shared/rules.md, Enforcement). `years=None`: until withdrawn."""

    years: int | None
    natural_person_years: int | None = None
    basis: str = ""

    def years_for(self, natural_person: bool) -> int | None:
        if natural_person and self.natural_person_years is not None:
            return self.natural_person_years
        return self.years


@dataclass(frozen=True)
class PublicDocument:
    """A record as the public reads it, before masking: plain text, no HTML."""

    key: str  # the record's public identifier (its reference)
    title: str
    body: str
    url: str
    department: Any = None
    # Whether the person the record is about is a natural person (a shorter retention, names masked).
    natural_person: bool = False


@dataclass(frozen=True)
class PublicationKind:
    name: str  # "interaction.message": also the record's source in the site search
    label: Label
    listing: str  # the module's public listing; its records are filed under the column showing it
    policy: Any
    document: Callable[[Any], PublicDocument]
    retention: Retention | None = None
    publish_permission: str = "publish"
    withdraw_permission: str = "withdraw"
    # The 《政府信息公开条例》第二十条 item ("A15") under which the published records enter their department's
    # 政府信息公开目录 (the portal's catalogue), while they are published; "" keeps them out of it.
    catalogue_category: str = ""
    # made_on(record): the day the information was made or changed (the reply's day), for the catalogue's
    # 形成日期; the publication's day when not given or None.
    catalogue_made_on: Callable[[Any], dt.date | None] | None = None

    def search_source(self) -> SearchSource:
        return SearchSource(self.name, self.label, lambda: _documents(self))

    def catalogue_source(self) -> CatalogueSource:
        return CatalogueSource(self.name, self.label, self.catalogue_category,
                               lambda day: _catalogue_items(self))

    def withdraw_due(self, published_on: dt.date, natural_person: bool) -> dt.date | None:
        from yifa.calendar.periods import add_months

        years = self.retention.years_for(natural_person) if self.retention is not None else None
        return add_months(published_on, 12 * years) if years else None


def _documents(kind: PublicationKind) -> Iterator[Any]:
    from .selectors import search_documents

    return search_documents(kind)


def _catalogue_items(kind: PublicationKind) -> Iterator[Any]:
    from .selectors import catalogue_items

    return catalogue_items(kind)
