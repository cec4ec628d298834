"""Back-office screens of disclosure requests that no generic case screen can show: the notices as .docx,
the annual-report statistics, the fee calculator and redaction (删除处理) of documents released in part. The queue, the case screen and the steps are the
generic case screens (`yifa.casework.viewsets`), from the declaration in `registration.py`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.casework.attachments import attachments_of
from yifa.casework.models import Attachment
from yifa.casework.selectors import case_or_404
from yifa.core.breadcrumbs import breadcrumbs
from yifa.core.errors import ActionRefused
from yifa.core.params import id_param, int_param
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import actions, fees, redaction, statute
from .documents import DOCX, NOTICES, available_notices, notice_docx
from .forms import OriginalUploadForm, RedactionForm
from .models import ApplicantType, ChallengeKind, DisclosureRequest
from .policies import request_policy
from .registration import DISCLOSURE_REQUEST, redaction_panel
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


def release_review_settings(request: HttpRequest) -> HttpResponse:
    """公开审查设置: per department, whether a reply that releases information passes the 保密审查 and the head's
    sign-off (art.17). Everyone with a role reads it; the system administrator and the legal affairs office set it."""
    from .policies import release_review_policy
    from .review import city_defaults, rules_for

    if not release_review_policy.can(request.user, "view"):
        raise PermissionDenied
    may_change = release_review_policy.can(request.user, "change")
    departments = list(Department.objects.filter(is_active=True).order_by("sort_order", "pk"))
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        changed = 0
        for department in departments:
            wanted = (f"c{department.pk}" in request.POST, f"h{department.pk}" in request.POST)
            current = rules_for(department)
            if wanted != (current.confidentiality_review, current.head_sign_off):
                actions.set_release_review(actor=request.user, department=department,
                                           confidentiality_review=wanted[0], head_sign_off=wanted[1])
                changed += 1
        messages.success(request, _("已保存：%(n)s 个部门的设置有变化。") % {"n": changed})
        return redirect("disclosure_release_review")
    title = _("公开审查设置")
    return TemplateResponse(request, "disclosure/admin/release_review.html", {
        "rows": [(department, rules_for(department)) for department in departments], "defaults": city_defaults(),
        "may_change": may_change, "page_title": title, "header_title": title, "header_icon": "lock",
        "breadcrumbs_items": breadcrumbs((reverse(f"{DISCLOSURE_REQUEST.kind}:index"), _("依申请公开")), ("", title)),
    })


# --- 删除处理: redacting a document before it is released in part (2019 art.37) ------------------------


def _case_url(found: DisclosureRequest) -> str:
    return reverse(f"{DISCLOSURE_REQUEST.kind}:case", args=[found.pk])


def _redaction_crumbs(found: DisclosureRequest, *more: tuple[str, str]) -> list[dict[str, str]]:
    return breadcrumbs((reverse(f"{DISCLOSURE_REQUEST.kind}:index"), _("依申请公开")),
                       (_case_url(found), found.reference), *more)


def _pdf_or_404(found: DisclosureRequest, attachment_id: int) -> Attachment:
    attachment = attachments_of(found).filter(pk=attachment_id, extension="pdf").first()
    if attachment is None:
        raise Http404
    return attachment


def _read(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as source:
        return source.read()


def _refused(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "；".join(str(message) for message in error.messages)
    return str(getattr(error, "message", "") or error) or _("您没有权限执行此操作。")


def reason_choices(found: DisclosureRequest) -> list[tuple[str, str]]:
    """The grounds for withholding a part, each with the article of the text governing the request."""
    text = statute.text_for(found.received_on or timezone.localdate())
    return [(code, redaction.grounds([code], "", text)[0]) for code in redaction.REDACTION_REASONS]


def redaction_home(request: HttpRequest, pk: int) -> HttpResponse:
    """The request's PDFs, each with a link to redact it; the copies made so far; an upload for an original."""
    found = _request_or_404(request, pk)
    may_redact = request_policy.can(request.user, "handle", found) and not found.is_closed
    form = OriginalUploadForm()
    if request.method == "POST":
        if not may_redact:
            raise PermissionDenied
        form = OriginalUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                added = actions.add_original(actor=request.user, request=found, upload=form.cleaned_data["file"])
            except (ActionRefused, PermissionDenied, ValidationError) as error:
                form.add_error("file", _refused(error))
            else:
                messages.success(request, _("已上传：%(name)s。请框选或填写要删除的内容。") % {"name": added.original_name})
                return redirect("disclosure_redact", pk=found.pk, attachment_id=added.pk)
    title = _("删除处理（部分公开）")
    return TemplateResponse(request, "disclosure/admin/redaction_home.html", {
        "case": found, "form": form, "may_redact": may_redact,
        "panel_context": {**redaction_panel(request, found), "case": found},
        "page_title": title, "header_title": title, "header_icon": "doc-full",
        "breadcrumbs_items": _redaction_crumbs(found, ("", title)),
    })


def redact_screen(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Each page as an image to draw areas on, the texts to remove, the reasons; saving makes the copy."""
    found = _request_or_404(request, pk)
    if not request_policy.can(request.user, "handle", found):
        raise PermissionDenied
    attachment = _pdf_or_404(found, attachment_id)
    choices = reason_choices(found)
    error = ""
    form = RedactionForm(reason_choices=choices)
    if request.method == "POST":
        form = RedactionForm(request.POST, reason_choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = actions.redact_document(actor=request.user, request=found, attachment=attachment,
                                               areas=data["areas"], terms=data["terms"], reasons=data["reasons"],
                                               other_reason=data["other_reason"])
            except (ActionRefused, PermissionDenied, ValidationError) as refused:
                error = _refused(refused)
            else:
                messages.success(request, _("已生成删除处理后的文本，请核对预览。"))
                return redirect("disclosure_redaction_result", pk=found.pk, redaction_id=made.pk)
    pages: list[tuple[float, float]] = []
    try:
        pages = redaction.page_sizes(_read(attachment))
    except ActionRefused as refused:
        error = error or refused.message
    title = _("删除处理：%(name)s") % {"name": attachment.original_name}
    return TemplateResponse(request, "disclosure/admin/redact.html", {
        "case": found, "attachment": attachment, "form": form, "error": error, "closed": found.is_closed,
        "pages": [{"index": index, "number": index + 1, "width": width, "height": height,
                   "url": reverse("disclosure_page", args=[found.pk, attachment.pk, index])}
                  for index, (width, height) in enumerate(pages)],
        "page_title": title, "header_title": title, "header_icon": "doc-full",
        "breadcrumbs_items": _redaction_crumbs(found, (reverse("disclosure_redaction", args=[found.pk]),
                                                       _("删除处理")), ("", attachment.original_name)),
    })


def redaction_result(request: HttpRequest, pk: int, redaction_id: int) -> HttpResponse:
    """The released copy as the applicant will see it, before it goes with the reply."""
    found = _request_or_404(request, pk)
    made = found.redactions.select_related("source", "result").filter(pk=redaction_id).first()
    if made is None:
        raise Http404
    pages: list[tuple[float, float]] = []
    error = ""
    try:
        pages = redaction.page_sizes(_read(made.result))
    except ActionRefused as refused:
        error = refused.message
    text = statute.text_for(found.received_on or timezone.localdate())
    title = _("删除处理后的文本：%(name)s") % {"name": made.result.original_name}
    return TemplateResponse(request, "disclosure/admin/redaction_result.html", {
        "case": found, "made": made, "error": error, "grounds": redaction.grounds(made.reasons, made.other_reason, text),
        "pages": [{"number": index + 1, "width": width, "height": height,
                   "url": reverse("disclosure_page", args=[found.pk, made.result.pk, index])}
                  for index, (width, height) in enumerate(pages)],
        "download_url": reverse(f"{DISCLOSURE_REQUEST.kind}:attachment", args=[found.pk, made.result.pk]),
        "reply_url": reverse(f"{DISCLOSURE_REQUEST.kind}:step", args=[found.pk, "reply"]),
        "may_redact": request_policy.can(request.user, "handle", found) and not found.is_closed,
        "page_title": title, "header_title": title, "header_icon": "doc-full",
        "breadcrumbs_items": _redaction_crumbs(found, (reverse("disclosure_redaction", args=[found.pk]),
                                                       _("删除处理")), ("", made.result.original_name)),
    })


def page_image(request: HttpRequest, pk: int, attachment_id: int, index: int) -> HttpResponse:
    """One page of one of the request's PDFs as a PNG, for whoever may see the request's attachments."""
    found = _request_or_404(request, pk)
    attachment = _pdf_or_404(found, attachment_id)
    etag = f'"{attachment.sha256[:32]}-{index}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304)
    try:
        png = redaction.render_page(_read(attachment), index)
    except ActionRefused as refused:
        return HttpResponse(refused.message, status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    response["ETag"] = etag
    return response
