"""Pages of enforcement cases: the public list of published decisions (行政执法公示, /zhifa/jueding/) and each
decision as published (masked when it was published); for staff, the case's documents (.docx) and evidence
files, each behind the case's policy."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from yifa.org.selectors import department_filter
from yifa.publication.selectors import live

from .documents import DOCUMENTS, DOCX, document_docx
from .publication import DECISIONS
from .selectors import case_for, published_decisions

PER_PAGE = 20


def _live_publications(department_id: int | None = None):  # type: ignore[no-untyped-def]
    qs = live(DECISIONS).select_related("department").order_by("-published_at", "-id")
    return qs.filter(department_id=department_id) if department_id else qs


@require_GET
def decisions(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext as _

    departments, chosen, unknown = department_filter(request.GET.get("department", ""))
    notice = _("没有代码为“%(code)s”的部门，已显示全部部门的决定。") % {"code": unknown} if unknown else ""
    page = Paginator(_live_publications(chosen.pk if chosen else None), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "enforcement/cases/decisions.html", {
        "page_obj": page, "items": page.object_list, "departments": departments, "chosen": chosen, "notice": notice,
        "querystring": f"department={chosen.code}" if chosen else "", "source": DECISIONS.name})


@require_GET
def decision(request: HttpRequest, reference: str) -> HttpResponse:
    if not published_decisions().filter(reference=reference[:40]).exists():
        raise Http404
    item = live(DECISIONS).filter(key=reference[:40]).select_related("department").first()
    if item is None:
        raise Http404
    return TemplateResponse(request, "enforcement/cases/decision.html", {"item": item})


@login_required
@require_GET
def case_document(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    case = case_for(request.user, reference)
    if case is None or kind not in DOCUMENTS:
        raise Http404
    from .documents import AVAILABLE

    if not AVAILABLE[kind](case):
        raise Http404
    response = HttpResponse(document_docx(case, kind), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-{kind}.docx"'
    return response


@login_required
@require_GET
def evidence_file(request: HttpRequest, reference: str, evidence_id: int) -> HttpResponseBase:
    from django.http import FileResponse

    from .evidence import problem_of

    case = case_for(request.user, reference)
    evidence = case.evidence.filter(pk=evidence_id).first() if case is not None else None
    if evidence is None:
        raise Http404
    problem = problem_of(evidence)
    if problem is not None:
        return HttpResponse(problem.message, status=409, content_type="text/plain; charset=utf-8")
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)
