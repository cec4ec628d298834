"""The public 信息公开目录: the catalogue browser by agency, category and year, each agency's catalogue, and
the exports (xlsx, csv). Views parse and check only; reads are in `catalogue.py`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from yifa.org.models import Department

from .catalogue import (
    CatalogueFilter,
    catalogue_agencies,
    catalogue_years,
    categories_with_latest,
    filtered_entries,
)
from .catalogue_io import csv_chunks, xlsx_bytes
from .models import ColumnPage, DisclosureCategory
from .selectors import public_base_url

PER_PAGE = 30


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.short_name or obj.name}"


class CatalogueFilterForm(forms.Form):
    jigou = forms.ModelChoiceField(Department.objects.none(), required=False, to_field_name="code",
                                   label=gettext_lazy("公开机构"), empty_label=gettext_lazy("全部机构"))
    leibie = CategoryChoiceField(DisclosureCategory.objects.all(), required=False, to_field_name="code",
                                 label=gettext_lazy("主题分类"), empty_label=gettext_lazy("全部类别"))
    nian = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label=gettext_lazy("年份"))
    q = forms.CharField(required=False, max_length=100, label=gettext_lazy("关键词"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jigou"].queryset = catalogue_agencies()  # type: ignore[attr-defined]
        self.fields["nian"].choices = [("", _("全部年份"))] + [(y, str(y)) for y in catalogue_years()]  # type: ignore[attr-defined]

    def chosen(self, department: Department | None = None) -> CatalogueFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return CatalogueFilter(department=department or data.get("jigou"), category=data.get("leibie"),
                               year=data.get("nian"), query=(data.get("q") or "").strip())


def _column() -> ColumnPage | None:
    return ColumnPage.objects.live().filter(module_listing="catalogue").order_by("path").first()


def _querystring(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("p", None)
    return query.urlencode()


def _export_url(department: Department | None, fmt: str, request: HttpRequest) -> str:
    url = (reverse("portal:catalogue_agency_export", args=[department.code, fmt]) if department
           else reverse("portal:catalogue_export", args=[fmt]))
    query = _querystring(request)
    return f"{url}?{query}" if query else url


def _render(request: HttpRequest, department: Department | None) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    chosen = form.chosen(department)
    entries = filtered_entries(chosen)
    page_obj = Paginator(entries, PER_PAGE).get_page(request.GET.get("p"))
    context = {
        "form": form, "page_obj": page_obj, "department": department, "column": _column(),
        "querystring": _querystring(request),
        "categories": DisclosureCategory.objects.all(),
        "exports": [(label, _export_url(department, fmt, request)) for fmt, label in (("xlsx", "Excel"), ("csv", "CSV"))],
    }
    if department is not None:
        context["by_category"] = categories_with_latest(department)
    return TemplateResponse(request, "portal/catalogue.html", context)


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    return _render(request, None)


@require_GET
def agency_catalogue(request: HttpRequest, code: str) -> HttpResponse:
    return _render(request, get_object_or_404(Department, code=code, is_active=True))


@require_GET
def export(request: HttpRequest, fmt: str, code: str | None = None) -> HttpResponse | StreamingHttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    department = get_object_or_404(Department, code=code, is_active=True) if code else None
    form = CatalogueFilterForm(request.GET or None)
    entries = filtered_entries(form.chosen(department)).order_by("department__sort_order", "-published_on",
                                                                 "index_number")
    base = public_base_url(request)
    filename = f"xxgk-mulu-{department.code if department else 'all'}-{timezone.localdate():%Y%m%d}.{fmt}"
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(entries.iterator(chunk_size=500), base),
                                         content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(entries.iterator(chunk_size=500), base),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

