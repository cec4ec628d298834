"""机构信息: the index of the city's agencies (/jigou/) and one page per agency (/jigou/<code>/), generated
from the organisation (yifa.org), not Wagtail pages; and the articles an agency issued (/jigou/<code>/xinxi/).

An agency page shows what the city publishes about the agency — functions, internal units, address,
office hours, official contacts, its leaders — and every module's links into what the agency publishes
(`yifa.core.modules.agency_links`). It shows only public official contacts: never a staff member's own
phone, ID or e-mail (Staff records are not read here at all).

The pages are stored in the page cache like published Wagtail pages; any change to an agency's data
purges it (portal.signals).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from yifa.core import modules
from yifa.core.modules import AgencyLink
from yifa.org.models import Department, InternalUnit, Leader
from yifa.pagecache.middleware import CACHEABLE_PAGE

from .selectors import public_articles

ARTICLES_PER_PAGE = 20
RECENT_ARTICLES = 6

# The index's groups, in this order: (key, heading, kinds).
GROUPS: list[tuple[str, object, tuple[str, ...]]] = [
    ("departments", gettext_lazy("市政府工作部门"), (Department.Kind.GOVERNMENT,)),
    ("others", gettext_lazy("其他市直机构"), (Department.Kind.INSTITUTION, Department.Kind.VERTICAL)),
    ("towns", gettext_lazy("乡镇"), (Department.Kind.TOWN,)),
    ("subdistricts", gettext_lazy("街道"), (Department.Kind.SUBDISTRICT,)),
]


@dataclass
class AgencyGroup:
    key: str
    heading: str
    agencies: list[Department] = field(default_factory=list)


def agency_groups() -> list[AgencyGroup]:
    """Every active agency, grouped as the index shows them (one query)."""
    groups = [AgencyGroup(key, str(heading)) for key, heading, _kinds in GROUPS]
    by_kind = {kind: group for group, (_key, _heading, kinds) in zip(groups, GROUPS, strict=True) for kind in kinds}
    for department in Department.objects.filter(is_active=True).only(
            "pk", "name", "short_name", "code", "kind", "phone", "sort_order").order_by("sort_order", "pk"):
        by_kind.get(department.kind, groups[1]).agencies.append(department)
    return [group for group in groups if group.agencies]


def public_agency(code: str) -> Department | None:
    """An active agency with what its page shows: units in order, leaders in office."""
    return (Department.objects.filter(code=code[:30], is_active=True).select_related("region")
            .prefetch_related(Prefetch("internal_units", queryset=InternalUnit.objects.order_by("sort_order", "pk")),
                              Prefetch("leaders", queryset=Leader.objects.filter(is_active=True)
                                       .order_by("sort_order", "pk"), to_attr="public_leaders"))
            .first())


def issued_articles(department: Department):  # type: ignore[no-untyped-def]
    return public_articles().filter(issuing_department=department)


def agency_links(department: Department) -> list[AgencyLink]:
    """The portal's own links on an agency page: the articles (公开信息) the agency issued, and its 政府信息公开目录
    (《政府信息公开条例》第十二条)."""
    from .catalogue import public_entries

    return [AgencyLink(_("本机构发布的信息"), reverse("portal:agencies:articles", args=[department.code]),
                       issued_articles(department).count(), _("主动公开的文件、通知和工作动态")),
            AgencyLink(_("政府信息公开目录"), reverse("portal:catalogue_agency", args=[department.code]),
                       public_entries().filter(department=department).count(),
                       _("本机构主动公开的政府信息，按公开类别排列"))]


# --- the agency pages in the site search (yifa.search) and the XML sitemap -----------------------------------

SEARCH_SOURCE = "portal.agency"


def agency_document(department: Department):  # type: ignore[no-untyped-def]
    """An agency page as the site search holds it: its name, and what the page says (functions, units, address,
    office hours, official phone), so that "市场监管" or "婚姻登记" finds the agency that does it."""
    from yifa.search.index import SearchDocument

    units = "、".join(unit.name for unit in department.internal_units.all())
    parts = [department.short_name if department.short_name != department.name else "", department.functions,
             _("内设机构：%(units)s") % {"units": units} if units else "", department.address,
             department.office_hours, department.phone]
    return SearchDocument(source=SEARCH_SOURCE, key=department.code, title=department.name,
                          body="\n".join(part for part in parts if part),
                          url=reverse("portal:agencies:detail", args=[department.code]), listing="agencies")


def agency_documents():  # type: ignore[no-untyped-def]
    for department in Department.objects.filter(is_active=True).prefetch_related("internal_units").order_by(
            "sort_order", "pk"):
        yield agency_document(department)


def index_agency(department: Department) -> None:
    """Keep one agency's page in the search: indexed while active, removed when abolished or deleted."""
    from yifa.search.index import index_document, remove_document

    if department.pk and department.is_active and Department.objects.filter(pk=department.pk, is_active=True).exists():
        index_document(agency_document(department))
    else:
        remove_document(SEARCH_SOURCE, department.code)


def sitemap_agencies() -> list[Department]:
    return list(Department.objects.filter(is_active=True).only("code").order_by("sort_order", "pk"))


def _cacheable(request: HttpRequest) -> None:
    # Public pages anyone may see: stored like a published Wagtail page (yifa.pagecache).
    setattr(request, CACHEABLE_PAGE, True)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """机构信息: every department, town and sub-district office, with a filter box (JavaScript; works without)."""
    _cacheable(request)
    groups = agency_groups()
    return TemplateResponse(request, "portal/agencies/index.html", {
        "groups": groups, "total": sum(len(group.agencies) for group in groups),
    })


@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    department = public_agency(code)
    if department is None:
        raise Http404(_("没有这个机构，或者它已经撤销。"))
    _cacheable(request)
    links = modules.agency_links(department)
    leaders = department.public_leaders  # type: ignore[attr-defined]
    for leader in leaders:
        # A photo whose file is gone (a restored database without its media) shows the neutral block, not a
        # broken image.
        leader.photo_url = leader.photo.url if leader.photo and leader.photo.storage.exists(leader.photo.name) else ""
    functions = [line.strip() for line in department.functions.splitlines() if line.strip()]
    return TemplateResponse(request, "portal/agencies/detail.html", {
        "agency": department, "functions": functions, "units": list(department.internal_units.all()),
        "leaders": leaders,
        "links": links, "articles": list(issued_articles(department)[:RECENT_ARTICLES]),
        "is_local": department.kind in Department.LOCAL_KINDS,
    })


@require_GET
def articles(request: HttpRequest, code: str) -> HttpResponse:
    """The articles an agency issued (ArticlePage.issuing_department), newest first."""
    department = Department.objects.filter(code=code[:30], is_active=True).first()
    if department is None:
        raise Http404(_("没有这个机构，或者它已经撤销。"))
    if not request.GET:
        _cacheable(request)
    page = Paginator(issued_articles(department), ARTICLES_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "portal/agencies/articles.html", {"agency": department, "page_obj": page})


urlpatterns = [
    path("jigou/", index, name="index"),
    path("jigou/<slug:code>/", detail, name="detail"),
    path("jigou/<slug:code>/xinxi/", articles, name="articles"),
]
