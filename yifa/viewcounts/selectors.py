"""Reading view counts: a page's total, many pages' totals, and per-day and per-month counts for statistics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth
from wagtail.models import Page

from .models import DailyPageViews, PageViewTotal


def is_countable(page_id: int) -> bool:
    """Only live pages the public may see are counted (no drafts, no password- or login-restricted pages)."""
    return Page.objects.live().public().filter(pk=page_id).exists()


def view_total(page_id: int) -> int:
    return PageViewTotal.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0


def view_totals(page_ids: Iterable[int]) -> dict[int, int]:
    """{page id: total} for the given pages; pages never viewed are 0."""
    ids = list(page_ids)
    found = dict(PageViewTotal.objects.filter(page_id__in=ids).values_list("page_id", "views"))
    return {page_id: found.get(page_id, 0) for page_id in ids}


def _daily_rows(page: Page, start: dt.date, end: dt.date, subtree: bool) -> QuerySet[DailyPageViews]:
    rows = DailyPageViews.objects.filter(day__range=(start, end))
    if subtree:  # a column: its own views and those of every page under it
        return rows.filter(page__path__startswith=page.path)
    return rows.filter(page_id=page.pk)


def views_per_day(page: Page, start: dt.date, end: dt.date, *, subtree: bool = False) -> list[tuple[dt.date, int]]:
    """(day, views) for each day from start to end inclusive, 0 on days without a view."""
    found = dict(_daily_rows(page, start, end, subtree).values("day").annotate(n=Sum("views")).values_list("day", "n"))
    days = (end - start).days + 1
    return [(day, found.get(day, 0)) for day in (start + dt.timedelta(days=n) for n in range(max(days, 0)))]


def views_per_month(page: Page, start: dt.date, end: dt.date, *, subtree: bool = False) -> list[tuple[dt.date, int]]:
    """(first day of the month, views) for each month from start's to end's inclusive, 0 for months without a view."""
    rows = (_daily_rows(page, start, end, subtree).annotate(month=TruncMonth("day")).values("month")
            .annotate(n=Sum("views")).values_list("month", "n"))
    found = dict(rows)
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append((month, found.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def views_between(start: dt.date, end: dt.date, page_ids: Iterable[int] | None = None) -> dict[int, int]:
    """{page id: views from start to end inclusive}, only pages viewed in that period."""
    rows = DailyPageViews.objects.filter(day__range=(start, end))
    if page_ids is not None:
        rows = rows.filter(page_id__in=list(page_ids))
    return dict(rows.values("page_id").annotate(total=Sum("views")).values_list("page_id", "total"))


@dataclass(frozen=True)
class PageViewsRow:
    page_id: int
    title: str
    url_path: str
    total: int
    in_period: int


def most_viewed(start: dt.date, end: dt.date, limit: int = 50) -> list[PageViewsRow]:
    """The pages viewed most from start to end, with their all-time totals (the back-office report)."""
    rows = (
        DailyPageViews.objects.filter(day__range=(start, end)).values("page_id").annotate(total=Sum("views"))
        .order_by("-total", "page_id")[:limit]
    )
    in_period = {row["page_id"]: row["total"] for row in rows}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=in_period).only("title", "url_path")}
    totals = view_totals(in_period)
    return [
        PageViewsRow(page_id, pages[page_id].title, pages[page_id].url_path, totals[page_id], views)
        for page_id, views in in_period.items() if page_id in pages
    ]
