"""The public listings modules offer to the portal's columns (栏目 → 模块公开目录).

A module declares its listings in its `Module` (`yifa.core.modules`):

    Module("powers", listings=[PublicListing("powers", label=_("权责清单"), url_name="powers:list")])

An editor then picks the listing for a column, and the column's page links to it; the module's
portal pages find their column by the listing (`context_processors.module_column`), never by a slug.

A listing is either a stream of dated records the module publishes (`PublicationKind(listing=...)`, e.g.
the published messages) or a registry shown as a whole (the power lists) or a form: the website checks
judge a column's freshness by the records published into it, and never hold a registry to the update
periods of notice columns (`is_registry_listing`).
"""

from __future__ import annotations

from yifa.core import modules
from yifa.core.modules import PublicListing

__all__ = ["PublicListing", "public_listing", "listing_choices", "dated_kinds", "is_registry_listing"]


def public_listing(name: str) -> PublicListing | None:
    return modules.listing(name)


def listing_choices() -> list[tuple[str, str]]:
    return [(listing.name, str(listing.label)) for listing in modules.listings()]


def dated_kinds(name: str) -> list[str]:
    """The publication kinds whose records are published into the listing (and so into its column)."""
    return [kind.name for kind in modules.publication_kinds() if kind.listing == name]


def is_registry_listing(name: str) -> bool:
    """A declared listing no publication kind files dated records under: a registry or a form, shown as a whole."""
    return bool(name) and public_listing(name) is not None and not dated_kinds(name)
