"""The public pages of the lists on the portal (under /powers/): browse, an item, the year's adjustments,
the intermediary list and the approval catalogue, downloads. They parse, read through selectors, render.

Every page reads a fixed number of queries whatever the list's size (paginated, related rows
selected with the page), so a list of 100,000 items costs what a list of ten does.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from yifa.org.models import Department

from . import selectors
from .exporter import FORMATS, export, export_filename, json_chunks
from .flowchart import FlowchartUnavailable, chart_for, limits_text
from .models import (
    ADMINISTRATIVE_POWER_TYPES,
    AdjustmentKind,
    ApprovalVersion,
    Catalogue,
    IntermediaryVersion,
    PowerType,
    PowerVersion,
)
from .search import search_available
from .standards import standard_steps

PER_PAGE = 20
MAX_PAGE = 5000
CATALOGUE_SLUGS = {"powers": Catalogue.POWER, "intermediaries": Catalogue.INTERMEDIARY, "approvals": Catalogue.APPROVAL}


class Filters:
    """The list filters from the query string; a malformed value is ignored with a notice, never a 500."""

    def __init__(self, request: HttpRequest) -> None:
        self.notices: list[str] = []
        get = request.GET
        self.today = timezone.localdate()
        self.as_of = self._date(get.get("as_of", ""))
        self.department: Department | None = None
        code = get.get("department", "").strip()[:30]
        if code:
            self.department = Department.objects.filter(code=code, is_active=True).first()
            if self.department is None:
                self.notices.append(_("没有代码为“%(code)s”的部门，已显示全部部门。") % {"code": code})
        power_type = get.get("type", "").strip()[:2]
        self.power_type = power_type if power_type in PowerType.values else ""
        if power_type and not self.power_type:
            self.notices.append(_("未知的事项类型，已显示全部类型。"))
        status = get.get("status", "").strip()
        self.status = status if status in selectors.ListStatus.CHOICES else selectors.ListStatus.IN_FORCE
        self.q = get.get("q", "").strip()[:60]
        try:
            self.page = min(max(int(get.get("p", "1")), 1), MAX_PAGE)
        except ValueError:
            self.page = 1

    def _date(self, value: str) -> dt.date:
        value = value.strip()[:20]
        if not value:
            return self.today
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.notices.append(_("“%(value)s”不是有效的日期（应为 YYYY-MM-DD），已按今天显示。") % {"value": value})
            return self.today

    def query(self, *, page: bool = False) -> str:
        from django.http import QueryDict

        params = QueryDict(mutable=True)
        if self.as_of != self.today:
            params["as_of"] = self.as_of.isoformat()
        if self.department is not None:
            params["department"] = self.department.code
        if self.power_type:
            params["type"] = self.power_type
        if self.status != selectors.ListStatus.IN_FORCE:
            params["status"] = self.status
        if self.q:
            params["q"] = self.q
        return params.urlencode()


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    # `column` (the portal column showing this module) comes from yifa.portal.context_processors.
    return {"search_available": search_available(), **extra}


def _versions(catalogue: str, filters: Filters) -> Any:
    qs = selectors.listed(catalogue, filters.as_of, status=filters.status, department=filters.department,
                          power_type=filters.power_type or None)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(code__startswith=filters.q))
    return qs.select_related("department").order_by("department__sort_order", "department_id", "code")


def _page(versions: Any, number: Any) -> Any:
    """One page of a list: the page's ids first, then those rows in full.

    Every page sorts the whole list (by department, then code); sorting ids rather than whole rows
    (JSON responsibilities and all) halves the time at 100,000 items, for one more query."""
    page = Paginator(versions.values_list("pk", flat=True), PER_PAGE).get_page(number)
    ids = list(page.object_list)
    rows = versions.in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    return page


@require_GET
def power_list(request: HttpRequest) -> HttpResponse:
    """权责清单: browse by department and type, as of any date."""
    filters = Filters(request)
    page = _page(_versions(Catalogue.POWER, filters), filters.page)
    type_counts = dict(selectors.listed(Catalogue.POWER, filters.as_of, status=filters.status,
                                        department=filters.department).values("power_type").annotate(
        n=Count("id")).values_list("power_type", "n"))
    types = [(value, label, type_counts.get(value, 0)) for value, label in PowerType.choices]
    return TemplateResponse(request, "powers/portal/list.html", _context(
        request, filters=filters, page_obj=page, types=types, total_powers=sum(
            n for t, n in type_counts.items() if t in ADMINISTRATIVE_POWER_TYPES),
        public_services=type_counts.get(PowerType.PUBLIC_SERVICE, 0),
        departments=Department.objects.filter(is_active=True), querystring=filters.query(),
        catalogue=Catalogue.POWER, export_formats=FORMATS,
    ))


def _simple_list(request: HttpRequest, catalogue: str, template: str) -> HttpResponse:
    filters = Filters(request)
    versions = _versions(catalogue, filters)
    if catalogue == Catalogue.APPROVAL:
        versions = versions.select_related("power")
    page = _page(versions, filters.page)
    linked: dict[int, int] = {}
    if catalogue == Catalogue.INTERMEDIARY:
        # How many powers in force require each service on this page.
        through: Any = PowerVersion.intermediaries.through
        in_force = selectors.in_force(Catalogue.POWER, filters.as_of).values("pk")
        linked = dict(through.objects.filter(item_id__in=[v.item_id for v in page.object_list],
                                             powerversion_id__in=in_force).values("item_id").annotate(
            n=Count("powerversion_id")).values_list("item_id", "n"))
    rows = [(v, linked.get(v.item_id, 0)) for v in page.object_list]
    return TemplateResponse(request, template, _context(
        request, filters=filters, page_obj=page, rows=rows, departments=Department.objects.filter(is_active=True),
        querystring=filters.query(), catalogue=catalogue, export_formats=FORMATS,
    ))


@require_GET
def intermediary_list(request: HttpRequest) -> HttpResponse:
    return _simple_list(request, Catalogue.INTERMEDIARY, "powers/portal/intermediaries.html")


@require_GET
def approval_list(request: HttpRequest) -> HttpResponse:
    return _simple_list(request, Catalogue.APPROVAL, "powers/portal/approvals.html")


def _public_version(pk: int, as_of: dt.date) -> tuple[Any, Any]:
    item = selectors.public_item(pk)
    if item is None:
        raise Http404
    version = selectors.version_on(item, as_of)
    if version is None:
        raise Http404
    return item, version


@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: basis, responsibilities, flowchart, time limits and change history, as of a date."""
    filters = Filters(request)
    item, version = _public_version(pk, filters.as_of)
    history = list(selectors.item_history(item))
    context = _context(request, filters=filters, item=item, version=version, history=history,
                       in_force=version.effective_to is None or version.effective_to > filters.as_of,
                       querystring=filters.query())
    if isinstance(version, PowerVersion):
        version = PowerVersion.objects.select_related("department", "item__parent").prefetch_related(
            "co_departments").get(pk=version.pk)
        bases = list(version.bases.select_related("provision__law"))
        intermediaries = list(selectors.in_force(Catalogue.INTERMEDIARY, filters.as_of).filter(
            item_id__in=version.intermediaries.values("pk")).select_related("department"))
        chart, chart_error = None, ""
        try:
            chart = chart_for(version, version.department.name)
        except FlowchartUnavailable as error:
            chart_error = str(error)
        sub_items = selectors.in_force(Catalogue.POWER, filters.as_of).filter(item__parent=item).order_by("code")
        context.update(
            version=version, bases=bases, intermediaries=intermediaries, chart=chart, chart_error=chart_error,
            steps=version.responsibilities or standard_steps(version.power_type),
            standard_steps=not version.responsibilities, limits=limits_text(version), sub_items=sub_items,
        )
        return TemplateResponse(request, "powers/portal/item.html", context)
    if isinstance(version, IntermediaryVersion):
        requiring = selectors.in_force(Catalogue.POWER, filters.as_of).filter(intermediaries=item).select_related(
            "department")
        context.update(requiring=requiring)
    elif isinstance(version, ApprovalVersion):
        version = ApprovalVersion.objects.select_related("department", "power").get(pk=version.pk)
        # The power's name as it stood on the same date, so the reader sees what the code stands for.
        power = selectors.version_on(version.power, filters.as_of) if version.power else None
        context.update(version=version, power=power)
    return TemplateResponse(request, "powers/portal/simple_item.html", context)


def _public_power_version(request: HttpRequest, pk: int) -> tuple[Filters, Any, PowerVersion]:
    """The power item's public version on the requested date, with its department; 404 for anything else."""
    filters = Filters(request)
    item, version = _public_version(pk, filters.as_of)
    if not isinstance(version, PowerVersion):
        raise Http404
    return filters, item, PowerVersion.objects.select_related("department").get(pk=version.pk)


@require_GET
def flowchart_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The flowchart at full size, to read on a phone: it scrolls both ways and zooms (buttons or fingers)."""
    filters, item, version = _public_power_version(request, pk)
    chart, chart_error = None, ""
    try:
        chart = chart_for(version, version.department.name)
    except FlowchartUnavailable as error:
        chart_error = str(error)
    return TemplateResponse(request, "powers/portal/flowchart.html", _context(
        request, filters=filters, item=item, version=version, chart=chart, chart_error=chart_error,
        querystring=filters.query()))


@require_GET
def flowchart_svg(request: HttpRequest, pk: int) -> HttpResponse:
    """The flowchart as a file to download and print."""
    _filters, _item, version = _public_power_version(request, pk)
    try:
        chart = chart_for(version, version.department.name)
    except FlowchartUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + chart.svg
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    filename = f"liuchengtu-{version.code}-{version.effective_from:%Y%m%d}.svg"
    disposition = "inline" if request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # The SVG is ours, but it carries user text: no scripts, whatever a label says.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@require_GET
def adjustments(request: HttpRequest) -> HttpResponse:
    """The year's adjustments of every list, with the year's figures computed from them."""
    years = selectors.adjustment_years()
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        # This year's page; before any adjustment this year, the latest year that has some.
        year = today.year if today.year in years or not years else years[0]
    if not 1949 <= year <= 2199:
        raise Http404
    catalogue = request.GET.get("list", "")
    catalogue = catalogue if catalogue in Catalogue.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in AdjustmentKind.values else ""
    qs = selectors.applied_adjustments(year, catalogue=catalogue or None).select_related(
        "item", "change_request__department", "target_department").order_by("-effective_date", "-id")
    if kind:
        qs = qs.filter(kind=kind)
    try:
        page_number = min(max(int(request.GET.get("p", "1")), 1), MAX_PAGE)
    except ValueError:
        page_number = 1
    page = Paginator(qs, PER_PAGE).get_page(page_number)
    rows = []
    names = _names_of(page.object_list)
    for adjustment in page.object_list:
        rows.append((adjustment, names.get((adjustment.catalogue, adjustment.pk), adjustment.item.code)))
    counts = [(c, label, selectors.adjustment_counts(year, catalogue=c)) for c, label in Catalogue.choices]
    figures = selectors.pillar_figures(year)
    params = request.GET.copy()
    params.pop("p", None)
    return TemplateResponse(request, "powers/portal/adjustments.html", _context(
        request, year=year, years=years or [year], counts=counts, kinds=AdjustmentKind.choices, figures=figures,
        page_obj=page, rows=rows, list_filter=catalogue, kind_filter=kind, catalogues=Catalogue.choices,
        querystring=params.urlencode(),
    ))


def _names_of(adjustments: Any) -> dict[tuple[str, int], str]:
    """The item name each adjustment concerns: the version it created, or the version it ended."""
    from .models import VERSION_MODELS

    names: dict[tuple[str, int], str] = {}
    by_catalogue: dict[str, list[int]] = {}
    for a in adjustments:
        by_catalogue.setdefault(a.catalogue, []).append(a.pk)
    for catalogue, ids in by_catalogue.items():
        model = VERSION_MODELS[catalogue]
        for adjustment_id, name in model.objects.filter(ended_by_id__in=ids).values_list("ended_by_id", "name"):
            names[(catalogue, adjustment_id)] = name
        for adjustment_id, name in model.objects.filter(adjustment_id__in=ids).values_list("adjustment_id", "name"):
            names[(catalogue, adjustment_id)] = name
    return names


@require_GET
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A list as xlsx, csv or JSON open data, with the page's filters."""
    catalogue = CATALOGUE_SLUGS.get(slug)
    if catalogue is None or fmt not in FORMATS:
        raise Http404
    filters = Filters(request)
    return export_response(catalogue, fmt, filters.as_of, department=filters.department,
                           power_type=filters.power_type or None, status=filters.status)


def export_response(catalogue: str, fmt: str, as_of: dt.date, *, department: Any = None, power_type: str | None = None,
                    status: str = selectors.ListStatus.IN_FORCE) -> Any:
    filename = export_filename(catalogue, fmt, as_of, department)
    if fmt == "json" and catalogue == Catalogue.POWER:
        versions = selectors.listed(catalogue, as_of, status=status, department=department, power_type=power_type)
        filters = {"department": getattr(department, "code", None), "type": power_type, "status": status}
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            (chunk.encode() for chunk in json_chunks(versions, as_of=as_of, filters=filters)),
            content_type="application/json; charset=utf-8")
    elif fmt == "xlsx":
        buffer = io.BytesIO()
        export(catalogue, fmt, buffer, as_of=as_of, department=department, power_type=power_type, status=status)
        buffer.seek(0)
        response = FileResponse(buffer, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        text = io.StringIO()
        export(catalogue, fmt, text, as_of=as_of, department=department, power_type=power_type, status=status)
        content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json; charset=utf-8"
        response = HttpResponse(text.getvalue().encode(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    from .exporter import template_bytes

    response = HttpResponse(template_bytes(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="quanli-qingdan-moban.xlsx"'
    return response

