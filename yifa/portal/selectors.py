"""Reading the portal: what the home page and columns list, an article's neighbours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Page

from .models import ArticlePage, ColumnPage, HomePage

HOME_ITEMS = 6


def public_articles() -> QuerySet[ArticlePage]:
    return ArticlePage.objects.live().public().order_by("-published_on", "-id")


def column_articles(column: Page) -> QuerySet[ArticlePage]:
    """Articles anywhere under the column, newest first."""
    return public_articles().descendant_of(column)  # type: ignore[attr-defined]


@dataclass
class HomeSection:
    column: ColumnPage
    articles: list[ArticlePage]


def home_sections(home: HomePage) -> list[HomeSection]:
    columns = home.get_children().live().public().in_menu().type(ColumnPage).specific()
    return [HomeSection(column, list(column_articles(column)[:HOME_ITEMS])) for column in columns]  # type: ignore[arg-type]


def neighbours(article: ArticlePage) -> tuple[Any, Any]:
    """The previous (older) and next (newer) article in the same column."""
    siblings = public_articles().child_of(article.get_parent())  # type: ignore[attr-defined]
    older = siblings.filter(published_on__lt=article.published_on).order_by("-published_on", "-id").first()
    newer = siblings.filter(published_on__gt=article.published_on).order_by("published_on", "id").first()
    return older, newer


def top_columns(site_root: Page | None) -> QuerySet[Page]:
    if site_root is None:
        return Page.objects.none()
    return site_root.get_children().live().public().in_menu()


_LISTING_COLUMNS: dict[str, tuple[float, str]] = {}
LISTING_COLUMN_SECONDS = 60.0  # how long a process trusts what it read; columns move rarely


def column_slug_of_listing(listing: str) -> str:
    """The slug of the live column showing a module's listing ("" when none does): where the site search
    files that module's records. Read once a minute per process, not once per indexed record."""
    import time

    now = time.monotonic()
    cached = _LISTING_COLUMNS.get(listing)
    if cached is not None and now - cached[0] < LISTING_COLUMN_SECONDS:
        return cached[1]
    slug = ColumnPage.objects.live().filter(module_listing=listing).order_by("path").values_list(
        "slug", flat=True).first() or ""
    _LISTING_COLUMNS[listing] = (now, slug)
    return slug
