"""Back-office screens of disclosure requests that no generic case screen can show: the notices as .docx,
the annual-report statistics and the fee calculator. The queue, the case screen and the steps are the
generic case screens (`yifa.casework.viewsets`), from the declaration in `registration.py`."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.casework.selectors import case_or_404
from yifa.core.breadcrumbs import breadcrumbs
from yifa.core.errors import ActionRefused
from yifa.core.params import id_param, int_param
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import fees
from .documents import DOCX, NOTICES, available_notices, notice_docx
from .models import ApplicantType, ChallengeKind, DisclosureRequest
from .registration import DISCLOSURE_REQUEST
from .selectors import requests_visible_to
from .statistics import (
    CHALLENGE_COLUMNS,
    COLUMNS,
    GROUP_LABELS,
    RESULT_ROWS,
    challenge_table,
    disclosure_table,
    fees_collected,
)


def _request_or_404(request: HttpRequest, pk: int) -> DisclosureRequest:
    return case_or_404(DISCLOSURE_REQUEST, request.user, pk)  # type: ignore[return-value]


def request_notice(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    found = _request_or_404(request, pk)
    if kind not in dict(available_notices(found)):
        raise Http404
    response = HttpResponse(
        notice_docx(found, kind), content_type=DOCX)
    filename = f"{found.reference}-{NOTICES[kind]}.docx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def statistics(request: HttpRequest) -> HttpResponse:
    year = int_param(request.GET.get("year"), default=timezone.localdate().year, minimum=2008, maximum=2199)
    scope = department_scope(request.user)
    department_id = id_param(request.GET.get("department"))
    qs = requests_visible_to(request.user)
    if department_id:
        qs = qs.filter(department_id=department_id)
    table = disclosure_table(year, requests=qs)
    labels = dict(ApplicantType.choices)

    def row(label: Any, cells: list[int], style: str = "") -> dict[str, Any]:
        return {"label": label, "cells": cells, "total": sum(cells), "style": style}

    rows = [
        row(_("一、本年新收政府信息公开申请数量"), [table.received[c] for c in COLUMNS], "section"),
        row(_("二、上年结转政府信息公开申请数量"), [table.carried_over[c] for c in COLUMNS], "section"),
        row(_("三、本年度办理结果"), [], "heading"),
    ]
    previous_group = None
    for outcome, reason, label in RESULT_ROWS:
        if outcome in GROUP_LABELS and outcome != previous_group:
            rows.append(row(GROUP_LABELS[outcome], [table.group_total(outcome, c) for c in COLUMNS], "group"))  # type: ignore[index]
        previous_group = outcome
        rows.append(row(label, [table.results.get((outcome, reason), {}).get(c, 0) for c in COLUMNS],
                        "item" if outcome in GROUP_LABELS else "group"))
    rows.append(row(_("（七）总计"), [table.results_total(c) for c in COLUMNS], "group"))
    rows.append(row(_("四、结转下年度继续办理"), [table.carried_forward[c] for c in COLUMNS], "section"))
    challenges = challenge_table(year, requests=qs)
    challenge_blocks = [
        {"label": label, "cells": [challenges.counts[kind][column] for column, _label in CHALLENGE_COLUMNS],
         "total": challenges.total(kind)}
        for kind, label in ChallengeKind.choices
    ]
    title = _("依申请公开情况统计（%(year)s 年）") % {"year": year}
    queue_url = reverse(f"{DISCLOSURE_REQUEST.kind}:index")
    return TemplateResponse(request, "disclosure/admin/statistics.html", {
        "table": table, "year": year, "challenge_blocks": challenge_blocks,
        "challenge_columns": [label for _column, label in CHALLENGE_COLUMNS], "fees": fees_collected(year, requests=qs), "columns": [labels[c] for c in COLUMNS], "rows": rows,
        "years": range(timezone.localdate().year, 2015, -1), "department_id": department_id,
        "departments": Department.objects.filter(is_active=True) if scope.all_departments else [],
        "page_title": title, "header_title": title, "header_icon": "table",
        "breadcrumbs_items": breadcrumbs((queue_url, _("依申请公开")), ("", _("统计"))),
    })


def fee_calculator(request: HttpRequest) -> HttpResponse:
    """Both methods side by side, so an officer can tell an applicant what a request would cost."""
    result, error = None, ""
    method = request.GET.get("method", "")
    if method:
        try:
            value = int(request.GET.get("value", ""))
            result = fees.calculate(method, pages=value if method == fees.BY_PAGES else None,
                                    nth_in_month=value if method == fees.BY_COUNT else None)
        except ValueError:
            error = _("请输入整数。")
        except ActionRefused as refused:
            error = refused.message
    title = _("信息处理费计算")
    return TemplateResponse(request, "disclosure/admin/fees.html", {
        "result": result, "error": error, "method": method, "value": request.GET.get("value", "")[:12],
        "page_title": title, "header_title": title, "header_icon": "cog",
        "breadcrumbs_items": breadcrumbs((reverse(f"{DISCLOSURE_REQUEST.kind}:index"), _("依申请公开")), ("", title)),
    })
