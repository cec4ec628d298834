"""RSS and Atom for each column (政府网站发展指引: information subscriptions)."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from .models import ArticlePage, ColumnPage
from .selectors import column_articles

FEED_ITEMS = 30


class ColumnRssFeed(Feed):
    def get_object(self, request: HttpRequest, slug: str) -> ColumnPage:  # type: ignore[override]
        column = ColumnPage.objects.live().public().filter(slug=slug).first()
        if column is None:
            raise Http404
        self.request = request
        return column

    def title(self, column: ColumnPage) -> str:
        from django.conf import settings

        return f"{settings.WAGTAIL_SITE_NAME} - {column.title}"

    def link(self, column: ColumnPage) -> str:
        return column.get_url(self.request) or "/"

    def description(self, column: ColumnPage) -> str:
        return column.description or column.title

    def items(self, column: ColumnPage) -> Any:
        return column_articles(column)[:FEED_ITEMS]

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.summary or Truncator(strip_tags(item.body)).chars(200)

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url(self.request) or "/"

    def item_pubdate(self, item: ArticlePage) -> Any:
        return item.published_on

    def item_updateddate(self, item: ArticlePage) -> Any:
        return item.updated_at

    def item_author_name(self, item: ArticlePage) -> str:
        return item.author or item.source


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, column: ColumnPage) -> str:
        return self.description(column)
