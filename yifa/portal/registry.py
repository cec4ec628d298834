"""How a module publishes through the portal: it registers a public listing, which a column shows.

    # in yifa/powers/apps.py ready():
    register_public_listing("powers", label=_("权责清单"), url_name="powers:public_list",
                            description=_("各部门行政权力和责任事项"))

An editor then picks the listing for the column (栏目 → 模块公开目录). The module's records are
found by the site search through `yifa.search.index.register_source`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class PublicListing:
    name: str
    label: str | Promise
    url_name: str
    description: str | Promise = ""

    @property
    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_LISTINGS: dict[str, PublicListing] = {}


def register_public_listing(name: str, *, label: str | Promise, url_name: str, description: str | Promise = "") -> None:
    _LISTINGS[name] = PublicListing(name, label, url_name, description)


def public_listing(name: str) -> PublicListing | None:
    return _LISTINGS.get(name)


def listing_choices() -> list[tuple[str, str]]:
    return [(listing.name, str(listing.label)) for listing in _LISTINGS.values()]
