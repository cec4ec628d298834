"""Back-office screens for disclosure requests: the queue, a request with its steps, notices, statistics.

Views parse the forms and call the actions; a refused action shows its message on the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.calendar.explain import explain
from yifa.calendar.selectors import deadline_of, deadline_progress, deadlines_of
from yifa.casework.attachments import attachments_of
from yifa.casework.selectors import case_events
from yifa.casework.transitions import available_transitions
from yifa.core.breadcrumbs import breadcrumbs
from yifa.core.errors import ActionRefused
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import actions, fees, forms
from . import transitions as steps
from .documents import NOTICES, available_notices, notice_docx
from .models import ApplicantType, DisclosureRequest
from .policies import request_policy
from .selectors import queue, requests_visible_to
from .statistics import COLUMNS, GROUP_LABELS, RESULT_ROWS, disclosure_table


@dataclass(frozen=True)
class Step:
    transition: Any
    form: type
    run: Callable[..., Any]


def _files(request: HttpRequest) -> list:
    return request.FILES.getlist("attachments")


STEPS: dict[str, Step] = {
    "register": Step(steps.REGISTER, forms.RegisterForm, lambda u, r, d, req: actions.register_request(
        actor=u, request=r, channel=d["channel"], received_on=d["received_on"])),
    "request_correction": Step(steps.REQUEST_CORRECTION, forms.CorrectionForm, lambda u, r, d, req: actions.request_correction(
        actor=u, request=r, items=d["items"], requested_on=d["requested_on"], correction_days=d["correction_days"])),
    "receive_correction": Step(steps.RECEIVE_CORRECTION, forms.DayForm, lambda u, r, d, req: actions.receive_correction(
        actor=u, request=r, corrected_on=d["day"])),
    "close_no_correction": Step(steps.CLOSE_NO_CORRECTION, forms.DayForm, lambda u, r, d, req: actions.close_for_no_correction(
        actor=u, request=r, closed_on=d["day"])),
    "start_consultation": Step(steps.START_CONSULTATION, forms.ConsultationForm, lambda u, r, d, req: actions.start_consultation(
        actor=u, request=r, party=d["party"], third_party=d["third_party"], sent_on=d["sent_on"])),
    "end_consultation": Step(steps.END_CONSULTATION, forms.EndConsultationForm, lambda u, r, d, req: actions.end_consultation(
        actor=u, request=r, answered_on=d["answered_on"], note=d["note"])),
    "extend": Step(steps.EXTEND, forms.ExtensionForm, lambda u, r, d, req: actions.extend_reply(
        actor=u, request=r, length=d["length"], approved_on=d["approved_on"], reason=d["reason"])),
    "notify_fee": Step(steps.NOTIFY_FEE, forms.FeeForm, lambda u, r, d, req: actions.notify_fee(
        actor=u, request=r, method=d["method"], pages=d["pages"], notified_on=d["notified_on"])),
    "record_payment": Step(steps.RECORD_PAYMENT, forms.DayForm, lambda u, r, d, req: actions.record_payment(
        actor=u, request=r, paid_on=d["day"])),
    "close_fee_unpaid": Step(steps.CLOSE_FEE_UNPAID, forms.DayForm, lambda u, r, d, req: actions.close_for_unpaid_fee(
        actor=u, request=r, closed_on=d["day"])),
    "transfer": Step(steps.TRANSFER, forms.TransferForm, lambda u, r, d, req: actions.transfer_request(
        actor=u, request=r, agency=d["agency"], forward_to=d["forward_to"], transferred_on=d["transferred_on"])),
    "reply": Step(steps.REPLY, forms.ReplyForm, lambda u, r, d, req: actions.reply_request(
        actor=u, request=r, outcome=d["outcome"], reason=d["reason"], replied_on=d["replied_on"], summary=d["summary"],
        files=_files(req))),
}


def _request_or_404(request: HttpRequest, pk: int) -> DisclosureRequest:
    found = requests_visible_to(request.user).select_related("department").filter(pk=pk).first()
    if found is None:
        raise Http404  # another department's request does not exist for this user
    return found


STATUS_FILTERS = [("open", gettext_lazy("全部未办结")), *DisclosureRequest.Status.choices, ("all", gettext_lazy("全部"))]


def request_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or "open"
    if status not in dict(STATUS_FILTERS):
        status = "open"
    try:
        department_id = int(request.GET.get("department") or 0) or None
    except ValueError:
        department_id = None
    qs = queue(request.user, status="" if status == "all" else status, department_id=department_id)
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    from yifa.calendar.models import Deadline
    from yifa.calendar.selectors import with_state

    deadline_ids = [r.reply_deadline_id for r in page if r.reply_deadline_id]  # type: ignore[attr-defined]
    states = dict(with_state(Deadline.objects.filter(pk__in=deadline_ids)).values_list("pk", "state"))  # type: ignore[misc]
    scope = department_scope(request.user)
    title = _("依申请公开")
    return TemplateResponse(request, "disclosure/admin/queue.html", {
        "page_obj": page, "status": status,
        "rows": [(r, states.get(r.reply_deadline_id)) for r in page],  # type: ignore[attr-defined]
        "statuses": STATUS_FILTERS, "department_id": department_id,
        "departments": Department.objects.filter(is_active=True) if scope.all_departments else [],
        "page_title": title, "header_title": title, "header_icon": "doc-full",
        "breadcrumbs_items": breadcrumbs(("", title)),
    })


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request_or_404(request, pk)
    reply = deadline_of(found, actions.REPLY, running=False)
    available = available_transitions(found, [s.transition for s in STEPS.values()], actor=request.user,
                                      policy=request_policy)
    names = {s.transition.name: key for key, s in STEPS.items()}
    return TemplateResponse(request, "disclosure/admin/request.html", {
        "item": found, "reply": reply, "trace": explain(reply.trace, reply.unit) if reply else [],
        "progress": deadline_progress(reply) if reply else None, "deadlines": deadlines_of(found),
        "steps": [(names[t.name], t.label) for t in available], "notices": available_notices(found),
        "attachments": attachments_of(found), "events": case_events(found),
        "page_title": found.reference, "header_title": f"{found.reference} {found.applicant_name}", "header_icon": "doc-full",
        "breadcrumbs_items": breadcrumbs((reverse("disclosure_queue"), _("依申请公开")), ("", found.reference)),
    })


def request_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    found = _request_or_404(request, pk)
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    form = spec.form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            spec.run(request.user, found, form.cleaned_data, request)
        except (ActionRefused, PermissionDenied, ValidationError) as error:
            message = getattr(error, "message", None) or "；".join(getattr(error, "messages", [])) or str(error) \
                or _("您没有权限执行此操作。")
            form.add_error(None, message)
        else:
            messages.success(request, _("已完成：%(step)s。") % {"step": spec.transition.label})
            return redirect("disclosure_request", pk=found.pk)
    fee_preview = None
    if step == "notify_fee":
        fee_preview = fees.fee_by_count(actions.requests_this_month(found))
    title = str(spec.transition.label)
    return TemplateResponse(request, "disclosure/admin/step.html", {
        "item": found, "form": form, "step": spec.transition, "fee_preview": fee_preview,
        "page_title": title, "header_title": f"{found.reference} · {title}", "header_icon": "doc-full",
        "breadcrumbs_items": breadcrumbs((reverse("disclosure_queue"), _("依申请公开")),
                                          (reverse("disclosure_request", args=[found.pk]), found.reference), ("", title)),
    })


def request_notice(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    found = _request_or_404(request, pk)
    if kind not in dict(available_notices(found)):
        raise Http404
    response = HttpResponse(
        notice_docx(found, kind), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    filename = f"{found.reference}-{NOTICES[kind]}.docx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def request_attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    found = _request_or_404(request, pk)
    attachment = attachments_of(found).filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


def statistics(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2008), 2199)
    scope = department_scope(request.user)
    try:
        department_id = int(request.GET.get("department") or 0) or None
    except ValueError:
        department_id = None
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
    title = _("依申请公开情况统计（%(year)s 年）") % {"year": year}
    return TemplateResponse(request, "disclosure/admin/statistics.html", {
        "table": table, "year": year, "columns": [labels[c] for c in COLUMNS], "rows": rows,
        "years": range(timezone.localdate().year, 2015, -1), "department_id": department_id,
        "departments": Department.objects.filter(is_active=True) if scope.all_departments else [],
        "page_title": title, "header_title": title, "header_icon": "table",
        "breadcrumbs_items": breadcrumbs((reverse("disclosure_queue"), _("依申请公开")), ("", _("统计"))),
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
        "breadcrumbs_items": breadcrumbs((reverse("disclosure_queue"), _("依申请公开")), ("", title)),
    })
