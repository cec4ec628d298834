"""Portal views that are not pages: site search, the language link and robots.txt. They parse input and render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Site

from yifa.core.params import int_param

from .selectors import public_base_url, sitemap_columns, top_columns

MAX_PAGE = 1000


def _date(value: str, notices: list[str], what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        notices.append(_("%(what)s“%(value)s”不是有效的日期（应为 YYYY-MM-DD），已忽略。") % {"what": what, "value": value[:20]})
        return None


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """站内搜索 over articles and every module's public records (yifa.search)."""
    from yifa.search.index import registered_sources
    from yifa.search.query import search as run_search

    notices: list[str] = []
    query = request.GET.get("q", "")
    column = request.GET.get("column", "").strip()[:100]
    source = request.GET.get("source", "").strip()[:60]
    date_from = _date(request.GET.get("from", ""), notices, _("起始日期"))
    date_to = _date(request.GET.get("to", ""), notices, _("截止日期"))
    page_number = int_param(request.GET.get("p"), default=1, minimum=1, maximum=MAX_PAGE)
    sources = dict(registered_sources())
    results = run_search(
        query, source=source if source in sources else None, column=column or None,
        date_from=date_from, date_to=date_to, page=page_number,
    ) if query.strip() else None
    if results is not None and results.notice:
        notices.append(results.notice)
    site = Site.find_for_request(request)
    params = request.GET.copy()
    params.pop("p", None)
    return TemplateResponse(request, "portal/search.html", {
        "query": query[:200], "results": results, "notices": notices, "column_slug": column, "source": source,
        "date_from": date_from, "date_to": date_to, "columns": top_columns(site.root_page if site else None),
        "sources": sources, "querystring": params.urlencode(), "search_url": reverse("portal:search"),
    })


@require_GET
def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    """The header's language link: remembers the choice in Django's language cookie and goes back.

    A GET link rather than Django's set_language form, whose CSRF token would be frozen into every
    cached page (yifa.pagecache). Choosing a language is a preference, not a change anyone must
    authorise; visitors with a language cookie other than Chinese are never served the cache.
    """
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    add_never_cache_headers(response)
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /language/", "Allow: /",
             f"Sitemap: {public_base_url(request)}{reverse('portal:sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class ListingSitemap(DjangoSitemap):
    """The modules' public pages (权责清单, 依申请公开, 互动交流 …) that are not pages of the tree, at the site's
    public address, dated by the newest record published into them (a registry or a form: no date)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def items(self) -> list:
        from yifa.core import modules

        return [listing for listing in modules.listings() if listing.url]

    def _urls(self, page: Any, protocol: Any, domain: Any) -> list[dict[str, Any]]:
        from .registry import dated_kinds
        from .staleness import latest_publication

        base = public_base_url(self.request)
        urls = []
        for listing in self.paginator.page(page).object_list:
            lastmod = latest_publication(timezone.now(), [listing.name]) if dated_kinds(listing.name) else None
            urls.append({"item": listing, "location": base + listing.url, "lastmod": lastmod,
                         "changefreq": None, "priority": None, "alternates": []})
        return urls


class AgencySitemap(DjangoSitemap):
    """The agency pages (/jigou/<code>/), generated from the organisation rather than pages of the tree."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def items(self) -> list:
        from .agencies import sitemap_agencies

        return sitemap_agencies()

    def _urls(self, page: Any, protocol: Any, domain: Any) -> list[dict[str, Any]]:
        base = public_base_url(self.request)
        return [{"item": agency, "location": base + reverse("portal:agencies:detail", args=[agency.code]),
                 "lastmod": None, "changefreq": None, "priority": None, "alternates": []}
                for agency in self.paginator.page(page).object_list]


@require_GET
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """sitemap.xml for search engines: every public page and module listing at the site's configured domain,
    each dated by when its content last changed."""
    from wagtail.contrib.sitemaps.views import sitemap

    return sitemap(request, sitemaps={"pages": WagtailSitemap(request), "listings": ListingSitemap(request),
                                          "agencies": AgencySitemap(request)})


@require_GET
def sitemap_page(request: HttpRequest) -> HttpResponse:
    """网站地图 for people: the column tree with each column's module page, and the site's services."""
    from yifa.core import modules

    site = Site.find_for_request(request)
    root = site.root_page.specific if site else None
    tree = sitemap_columns(root)
    shown = {column.module_listing for column in _walk(tree)}
    return TemplateResponse(request, "portal/sitemap.html", {
        "home": root, "sitemap_tree": tree,
        "other_listings": [listing for listing in modules.listings() if listing.url and listing.name not in shown],
    })


def _walk(nodes: list) -> Any:
    for node in nodes:
        yield node.column
        yield from _walk(node.children)


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on pages that name no icon (raw files, the back office)."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("portal/favicon.ico"))
