"""Reading the portal: what the home page and columns list, an article's neighbours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet

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
    """The previous (older) and next (newer) article in the article's column, by publication time.

    An article alone in its sub-column takes its neighbours from the nearest column above that lists it with
    others (a column lists its sub-columns' articles too), so 上一篇/下一篇 lead on as the column's list does.
    """
    column = article.get_parent()
    articles = public_articles().child_of(column).exclude(pk=article.pk)  # type: ignore[attr-defined]
    while not articles.exists() and column.depth > 3:  # depth 3: a top-level column under the home page
        column = column.get_parent()
        articles = public_articles().descendant_of(column).exclude(pk=article.pk)  # type: ignore[attr-defined]
    # Ties on the publication time are ordered by id, as the column's list orders them (newest first).
    when, pk = article.published_on, article.pk
    older = articles.filter(Q(published_on__lt=when) | Q(published_on=when, id__lt=pk)).order_by(
        "-published_on", "-id").first()
    newer = articles.filter(Q(published_on__gt=when) | Q(published_on=when, id__gt=pk)).order_by(
        "published_on", "id").first()
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


def public_base_url(request: HttpRequest | None, site: Any = None) -> str:
    """The site's public address from its settings (网站域名), over HTTPS (政府网站发展指引, 国办发〔2017〕47号),
    without a trailing slash; the address the request came by only when no domain is set."""
    from wagtail.models import Site

    from .models import PortalSettings

    if request is not None:
        domain = PortalSettings.for_request(request).site_domain  # read once per request
    else:
        site = site or Site.objects.filter(is_default_site=True).first()
        domain = PortalSettings.for_site(site).site_domain if site is not None else ""
    domain = domain.strip().rstrip("/")
    if domain:
        return domain if domain.startswith(("https://", "http://")) else f"https://{domain}"
    return f"{request.scheme}://{request.get_host()}" if request is not None else ""


def content_modified_under(page: Page, *, listings: list[str] | None) -> Any:
    """When the content under a page last changed: its newest article (published or edited), or the newest
    record still public in `listings` (None: in any listing). None when it holds neither."""
    from .staleness import latest_publication

    newest_article = ArticlePage.objects.live().public().descendant_of(page).aggregate(  # type: ignore[attr-defined]
        last=Max(Coalesce("last_published_at", "published_on")))["last"]
    newest_record = latest_publication(timezone.now(), listings) if listings is None or listings else None
    dates = [when for when in (newest_article, newest_record) if when is not None]
    return max(dates) if dates else None


@dataclass
class SitemapColumn:
    column: ColumnPage
    children: list[SitemapColumn]


def sitemap_columns(site_root: Page | None) -> list[SitemapColumn]:
    """The column tree for the HTML site map (网站地图): every live public column, in the page tree's order."""
    if site_root is None:
        return []
    columns = list(ColumnPage.objects.live().public().descendant_of(site_root).order_by("path"))
    by_parent: dict[str, list[SitemapColumn]] = {}
    nodes: dict[int, SitemapColumn] = {}
    top: list[SitemapColumn] = []
    for column in columns:
        node = SitemapColumn(column, [])
        nodes[column.pk] = node
        parent_path = column.path[: -Page.steplen]
        by_parent.setdefault(parent_path, []).append(node)
        if column.depth == site_root.depth + 1:
            top.append(node)
    for column in columns:
        nodes[column.pk].children = by_parent.get(column.path, [])
    return top


# --- policy documents (政策文件) and their interpretations (政策解读) -----------------------------------------


def is_policy_document(page: Any, *, parent: Page | None = None) -> bool:
    """An article (not an interpretation) directly in a column of kind "policy". `parent` is the column a page
    not yet in the tree is being created under."""
    from .models import PolicyInterpretationPage

    if not isinstance(page, ArticlePage) or isinstance(page, PolicyInterpretationPage):
        return False
    if page.pk is None or not page.path:
        if parent is None:
            return False
        return ColumnPage.objects.filter(pk=parent.pk, kind=ColumnPage.Kind.POLICY).exists()
    if page.specific_class is not ArticlePage:
        return False
    return ColumnPage.objects.filter(path=page.path[: -Page.steplen], kind=ColumnPage.Kind.POLICY).exists()


def policy_documents() -> PageQuerySet:
    """Every policy document, live or not: the articles (not interpretations) directly in policy columns."""
    columns = list(ColumnPage.objects.filter(kind=ColumnPage.Kind.POLICY).values_list("path", "depth"))
    if not columns:
        return ArticlePage.objects.none()  # type: ignore[return-value]
    within = Q()
    for path, depth in columns:
        within |= Q(path__startswith=path, depth=depth + 1)
    return ArticlePage.objects.exact_type(ArticlePage).filter(within)  # type: ignore[no-any-return]


def interpretations_of(policy: ArticlePage, *, live_only: bool = True) -> QuerySet[Any]:
    from .models import PolicyInterpretationPage

    found = PolicyInterpretationPage.objects.filter(policy=policy)
    if live_only:
        found = found.live().public()
    return found.order_by("published_on", "id")


@dataclass
class PolicyStatus:
    policy: ArticlePage
    validity: str
    validity_label: str
    in_force: bool
    successor: ArticlePage | None
    replaced: list[ArticlePage]
    interpretations: list[Any]


def policy_status(policy: ArticlePage, *, live_only: bool = False) -> dict[str, Any]:
    """A policy document's validity, its successor and the documents it replaced, and its interpretations
    (live ones only for the public page; every one, with its state, for the editor)."""
    if policy.pk is None:
        return {"status": None}
    successor = policy.successor
    if successor is not None and live_only and not successor.live:
        successor = None
    replaced = ArticlePage.objects.filter(successor=policy)
    if live_only:
        replaced = replaced.live().public()
    status = PolicyStatus(
        policy=policy, validity=policy.validity, validity_label=str(policy.get_validity_display()),  # type: ignore[attr-defined]
        in_force=policy.validity == ArticlePage.Validity.IN_FORCE, successor=successor,
        replaced=list(replaced.order_by("published_on")), interpretations=list(interpretations_of(policy, live_only=live_only)),
    )
    return {"status": status}
