"""The view-count beacon: the article page's script POSTs here once per visit and shows the answer.

The page's own response writes nothing, so it can be served from the page cache (yifa.pagecache);
the count in cached HTML may be stale, the beacon's answer is exact.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from yifa.core.ratelimit import hit

from .actions import PageNotCountable, record_view
from .selectors import is_countable, view_total

# Crawlers that run scripts (search engines render pages) are answered but not counted.
BOTS = re.compile(r"bot|crawl|spider|slurp|baiduspider|yandex|headless", re.IGNORECASE)


def _answer(page_id: int, views: int, *, counted: bool, status: int = 200) -> JsonResponse:
    response = JsonResponse({"page": page_id, "views": views, "counted": counted}, status=status)
    add_never_cache_headers(response)
    return response


# CSRF-exempt: the beacon carries no token (cached pages have none) and changes nothing but a counter
# that the rate limit protects; it accepts only POST, so a link or an <img> cannot count a view.
@csrf_exempt
@require_POST
def beacon(request: HttpRequest, page_id: str) -> JsonResponse:
    """Count one view of a live public page; answers {"page", "views", "counted"} or 404."""
    pk = int(page_id)  # the URL allows 1 to 18 digits: always a valid bigint
    if BOTS.search(request.headers.get("User-Agent", "")):
        if not is_countable(pk):
            raise Http404
        return _answer(pk, view_total(pk), counted=False)
    if not hit(request, f"viewcounts:{pk}", limit=settings.YIFA_VIEWS_PER_CLIENT_PER_HOUR, window_seconds=3600):
        if not is_countable(pk):
            raise Http404
        return _answer(pk, view_total(pk), counted=False, status=429)
    try:
        views = record_view(page_id=pk)
    except PageNotCountable as refused:
        raise Http404(refused.message) from refused
    return _answer(pk, views, counted=True)
