"""The public listings modules offer to the portal's columns (栏目 → 模块公开目录).

A module declares its listings in its `Module` (`yifa.core.modules`):

    Module("powers", listings=[PublicListing("powers", label=_("权责清单"), url_name="powers:list")])

An editor then picks the listing for a column, and the column's page links to it; the module's
portal pages find their column by the listing (`context_processors.module_column`), never by a slug.
"""

from __future__ import annotations

from yifa.core import modules
from yifa.core.modules import PublicListing

__all__ = ["PublicListing", "public_listing", "listing_choices"]


def public_listing(name: str) -> PublicListing | None:
    return modules.listing(name)


def listing_choices() -> list[tuple[str, str]]:
    return [(listing.name, str(listing.label)) for listing in modules.listings()]
