"""Back-office screens of the lists: proposing adjustments, a change request's case screen, import, export.

Views parse, check what the user may see (another department's records are a 404) and render;
every write is an action from `actions`, which checks the policy again.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yifa.core.errors import ActionRefused
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import actions, selectors
from .content import Basis, approval_content_of, intermediary_content_of, power_content_of
from .flowchart import FlowchartUnavailable, chart_for
from .forms import (
    ApprovalForm,
    EndForm,
    ExportForm,
    ImportForm,
    IntermediaryForm,
    PowerForm,
)
from .models import (
    VERSION_MODELS,
    Adjustment,
    AdjustmentKind,
    ApprovalVersion,
    Catalogue,
    ChangeRequest,
    IntermediaryVersion,
    PowerVersion,
    Version,
)
from .policies import change_request_policy, item_policy
from .standards import standard_steps
from .validation import ProposalRefused

K = AdjustmentKind
VIEWSET_NAMES: dict[str, str] = {Catalogue.POWER: "power_items", Catalogue.INTERMEDIARY: "power_intermediaries",
                 Catalogue.APPROVAL: "power_approvals"}
FORMS: dict[str, Any] = {Catalogue.POWER: PowerForm, Catalogue.INTERMEDIARY: IntermediaryForm, Catalogue.APPROVAL: ApprovalForm}
IMPORT_DIR = "powers-imports"
# A preview that was never confirmed leaves its file behind; the next upload clears those older than this.
KEEP_UNCONFIRMED_UPLOADS = 24 * 3600


def proposing_departments(user: Any) -> QuerySet:
    """Departments in which the user may propose changes (all of them for a system administrator)."""
    scope = department_scope(user)
    roles = change_request_policy.roles_for("propose")
    qs = Department.objects.filter(is_active=True)
    if scope.city_roles & roles:
        return qs
    return qs.filter(pk__in=scope.departments_with_any(roles))


def _crumbs(label: str) -> list[dict[str, str]]:
    return [{"url": reverse("wagtailadmin_home"), "label": _("仪表板")}, {"url": "", "label": label}]


def request_url(request: ChangeRequest) -> str:
    return reverse("power-change:case", args=[request.pk])


def _visible_version(user: Any, catalogue: str, pk: int) -> Version:
    """A version the user may see: an approved one of their departments, or a draft in their own request."""
    model = VERSION_MODELS[catalogue]
    version = model.objects.select_related("department", "item", "adjustment__change_request").filter(pk=pk).first()
    if version is None:
        raise Http404
    if version.effective_from is None:
        if not change_request_policy.can(user, "view", version.adjustment.change_request):
            raise Http404
    elif not item_policy.can(user, "view", version.item) and not item_policy.can(user, "view", version):
        raise Http404
    return version


def _content_of(version: Version) -> Any:
    if isinstance(version, PowerVersion):
        related = selectors.power_details([version])[version.pk]
        return power_content_of(
            version, bases=[Basis(p.law.title, p.article, p.text) for p in related["bases"]], co_codes=related["co"],
            intermediary_codes=related["intermediaries"],
            parent_code=version.item.parent.code if version.item.parent is not None else "")
    if isinstance(version, IntermediaryVersion):
        return intermediary_content_of(version)
    assert isinstance(version, ApprovalVersion)
    return approval_content_of(version, version.power.code if version.power is not None else "")


def _intermediary_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} {name}") for code, name in selectors.in_force(Catalogue.INTERMEDIARY).order_by(
        "code").values_list("code", "name")]


def _form(catalogue: str, *args: Any, user: Any, fixed_code: bool, **kwargs: Any) -> Any:
    departments = proposing_departments(user)
    if catalogue == Catalogue.POWER:
        return PowerForm(*args, departments=departments, intermediaries=_intermediary_choices(),
                         fixed_code=fixed_code, **kwargs)
    return FORMS[catalogue](*args, departments=departments, fixed_code=fixed_code, **kwargs)


def _problems_to_form(form: Any, error: ProposalRefused) -> None:
    labels = {str(f.label): name for name, f in form.fields.items()}
    for problem in error.problems:
        field = labels.get(problem.column)
        if field and field in form.fields and not form.fields[field].disabled:
            form.add_error(field, problem.message)
        else:
            form.add_error(None, str(problem))


def _render_form(request: HttpRequest, form: Any, *, title: str, catalogue: str, version: Version | None = None,
                 end: bool = False) -> HttpResponse:
    return TemplateResponse(request, "powers/admin/propose.html", {
        "form": form, "page_title": title, "header_title": title, "catalogue": catalogue, "version": version,
        "end": end, "media": form.media,
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("仪表板")},
                              {"url": reverse(f"{VIEWSET_NAMES[catalogue]}:index"), "label": Catalogue(catalogue).label},
                              {"url": "", "label": title}],
    })


def _submit_proposal(request: HttpRequest, form: Any, department: Department, title: str) -> HttpResponse | None:
    try:
        change_request = actions.propose(actor=request.user, department=department, proposals=[form.proposal()])
    except ProposalRefused as error:
        _problems_to_form(form, error)
        return None
    except ActionRefused as error:
        form.add_error(None, error.message)
        return None
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, _("已加入清单调整申请 %(reference)s。部门负责人提交后，由政府法制机构进行合法性审查。")
                     % {"reference": change_request.reference})
    return redirect(request_url(change_request))


def propose_new(request: HttpRequest, catalogue: str) -> HttpResponse:
    """新增 or 承接 an item."""
    if catalogue not in Catalogue.values:
        raise Http404
    if not proposing_departments(request.user).exists():
        raise PermissionDenied
    title = _("提出新增事项：%(list)s") % {"list": Catalogue(catalogue).label}
    kinds = [K.ADD, K.TAKE_OVER]
    if request.method == "POST":
        form = _form(catalogue, request.POST, user=request.user, fixed_code=False, kinds=kinds)
        if form.is_valid():
            response = _submit_proposal(request, form, form.cleaned_data["department"], title)
            if response is not None:
                return response
    else:
        departments = proposing_departments(request.user)
        form = _form(catalogue, user=request.user, fixed_code=False, kinds=kinds, initial={
            "department": departments[0].pk if departments.count() == 1 else None,
            "effective_date": timezone.localdate()})
    return _render_form(request, form, title=title, catalogue=catalogue)


def propose_change(request: HttpRequest, catalogue: str, pk: int) -> HttpResponse:
    """调整 (or 移交) an item in force, or rewrite a pending draft: the form starts from the version."""
    if catalogue not in Catalogue.values:
        raise Http404
    version = _visible_version(request.user, catalogue, pk)
    department = version.adjustment.change_request.department if version.effective_from is None else version.department
    if not change_request_policy.can(request.user, "propose", ChangeRequest(department=department)):
        raise PermissionDenied
    draft = version.adjustment if version.effective_from is None else None
    kinds = [draft.kind] if draft is not None else ([K.MODIFY, K.TRANSFER] if catalogue == Catalogue.POWER else [K.MODIFY])
    title = _("修改拟调整事项：%(name)s") % {"name": version.name} if draft else _("提出调整：%(name)s") % {"name": version.name}
    if request.method == "POST":
        data = request.POST.copy()
        data["code"], data["department"] = version.code, str(department.pk)
        form = _form(catalogue, data, user=request.user, fixed_code=True, kinds=kinds,
                     initial={"code": version.code, "department": department.pk})
        if form.is_valid():
            response = _submit_proposal(request, form, department, title)
            if response is not None:
                return response
    else:
        content = _content_of(version)
        if catalogue == Catalogue.POWER:
            initial = PowerForm.initial_from(content, department)
        else:
            initial = {"department": department.pk, **asdict(content)}
        if draft is not None:
            initial.update(kind=draft.kind, effective_date=draft.effective_date, document_title=draft.document_title,
                           document_number=draft.document_number, decided_by=draft.decided_by,
                           counterpart=draft.counterpart, reason=draft.reason,
                           target_department=draft.target_department_id)
        else:
            initial.update(kind=K.MODIFY, effective_date=timezone.localdate())
        form = _form(catalogue, user=request.user, fixed_code=True, kinds=kinds, initial=initial)
    return _render_form(request, form, title=title, catalogue=catalogue, version=version)


def propose_end(request: HttpRequest, catalogue: str, pk: int) -> HttpResponse:
    """取消 or 下放 an item in force."""
    if catalogue not in Catalogue.values:
        raise Http404
    version = _visible_version(request.user, catalogue, pk)
    if version.effective_from is None:
        raise Http404
    if not change_request_policy.can(request.user, "propose", ChangeRequest(department=version.department)):
        raise PermissionDenied
    title = _("提出取消或下放：%(name)s") % {"name": version.name}
    form = EndForm(request.POST or None, initial={"effective_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        from .content import Proposal

        proposal = Proposal(catalogue=catalogue, code=version.code, content=None, **form.proposal_fields())
        try:
            change_request = actions.propose(actor=request.user, department=version.department, proposals=[proposal])
        except ProposalRefused as error:
            _problems_to_form(form, error)
        except (ActionRefused, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已加入清单调整申请 %(reference)s。") % {"reference": change_request.reference})
            return redirect(request_url(change_request))
    return _render_form(request, form, title=title, catalogue=catalogue, version=version, end=True)


@require_POST
def remove_adjustment(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = Adjustment.objects.select_related("change_request", "item").filter(pk=pk).first()
    if adjustment is None or not change_request_policy.can(request.user, "view", adjustment.change_request):
        raise Http404
    try:
        actions.remove_adjustment(actor=request.user, adjustment=adjustment)
    except (ActionRefused, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已删除该拟调整事项。"))
    return redirect(request_url(adjustment.change_request))


def request_context(request: HttpRequest, change_request: ChangeRequest) -> dict[str, Any]:
    """The change request's panel on its case screen: its adjustments with their drafts."""
    adjustments = list(change_request.adjustments.select_related("item", "target_department").order_by(
        "catalogue", "item__code"))
    drafts: dict[int, Version] = {}
    ended: dict[int, Version] = {}
    for catalogue, model in VERSION_MODELS.items():
        ids = [a.pk for a in adjustments if a.catalogue == catalogue]
        if not ids:
            continue
        for start in range(0, len(ids), 500):
            for version in model.objects.filter(adjustment_id__in=ids[start:start + 500]):
                drafts[version.adjustment_id] = version
            for version in model.objects.filter(ended_by_id__in=ids[start:start + 500]):
                ended[version.ended_by_id] = version
    current: dict[tuple[str, int], Version] = {}
    pending_items = {(a.catalogue, a.item_id) for a in adjustments if a.applied_at is None}
    for catalogue, model in VERSION_MODELS.items():
        item_ids = [i for c, i in pending_items if c == catalogue]
        for start in range(0, len(item_ids), 500):
            for version in model.objects.filter(item_id__in=item_ids[start:start + 500], effective_from__isnull=False,
                                                effective_to__isnull=True):
                current[(catalogue, version.item_id)] = version
    rows = [{"adjustment": a, "draft": drafts.get(a.pk), "ended": ended.get(a.pk),
             "current": current.get((a.catalogue, a.item_id))} for a in adjustments]
    return {
        "rows": rows[:500], "more_rows": max(len(rows) - 500, 0), "total_rows": len(rows),
        "editable": change_request.is_editable and change_request_policy.can(request.user, "propose", change_request),
    }


def version_context(user: Any, version: Version) -> dict[str, Any]:
    """What a version's screen shows: its fields, bases, steps, flowchart, history and what may be done to it."""
    catalogue = version.CATALOGUE
    context: dict[str, Any] = {"version": version, "catalogue": catalogue}
    if isinstance(version, PowerVersion):
        context["bases"] = list(version.bases.select_related("provision__law"))
        context["steps"] = version.responsibilities or standard_steps(version.power_type)
        context["standard_steps"] = not version.responsibilities
        try:
            context["chart"] = chart_for(version, version.department.name)
        except FlowchartUnavailable as error:
            context["chart_error"] = str(error)
    context["history"] = selectors.item_history(version.item)
    if version.effective_from is None:
        context["change_request"] = version.adjustment.change_request
    else:
        pending = version.item.adjustments.filter(applied_at__isnull=True).select_related("change_request").first()
        in_force = version.effective_to is None
        context["pending"] = pending
        context["may_propose"] = (in_force and pending is None and change_request_policy.can(
            user, "propose", ChangeRequest(department=version.department)))
    return context


def draft_preview(request: HttpRequest, catalogue: str, pk: int) -> HttpResponse:
    """A version as the public will see it once approved: its fields and flowchart."""
    if catalogue not in Catalogue.values:
        raise Http404
    version = _visible_version(request.user, catalogue, pk)
    context = version_context(request.user, version)
    context.update(page_title=version.name, header_title=version.name, breadcrumbs_items=[
        {"url": reverse("wagtailadmin_home"), "label": _("仪表板")},
        {"url": reverse(f"{VIEWSET_NAMES[catalogue]}:index"), "label": Catalogue(catalogue).label},
        {"url": "", "label": version.name}])
    return TemplateResponse(request, "powers/admin/version.html", context)


# --- import ---------------------------------------------------------------------------------------------


def _stored_path(token: str) -> Path:
    return Path(settings.MEDIA_ROOT).parent / IMPORT_DIR / f"{token}.xlsx"


def _token(data: bytes, user: Any, department: Department) -> str:
    digest = hashlib.sha256(data).hexdigest()
    return hashlib.sha256(f"{digest}:{user.pk}:{department.pk}:{settings.SECRET_KEY}".encode()).hexdigest()[:40]


def _upload_of(token: str, user: Any, department: Department) -> Path | None:
    """The stored upload, if the token names one that this user uploaded for this department."""
    if len(token) != 40 or not token.isalnum():
        return None
    path = _stored_path(token)
    if not path.is_file() or not hmac.compare_digest(_token(path.read_bytes(), user, department), token):
        return None
    return path


def _store_upload(upload: Any, user: Any, department: Department) -> str:
    """Keep the uploaded file between the preview and the confirmation, under a name only this user can use."""
    data = upload.read()
    token = _token(data, user, department)
    path = _stored_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    stale = time.time() - KEEP_UNCONFIRMED_UPLOADS
    for old in path.parent.glob("*.xlsx"):
        with contextlib.suppress(FileNotFoundError):  # another request may clear it first
            if old.stat().st_mtime < stale:
                old.unlink()
    path.write_bytes(data)
    return token


def stored_upload(token: str) -> Path:
    """Where the upload `token` is kept between the preview and the confirmation (for the import task)."""
    return _stored_path(token)


def import_list(request: HttpRequest) -> HttpResponse:
    """Upload → preview (what each row would do, or what is wrong) → confirm. Nothing is written before.

    The preview and the import each run as a background task (yifa.powers.tasks): the screen shows the
    task's progress until it has finished, then its result (at once with the immediate backend)."""
    departments = proposing_departments(request.user)
    if not departments.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, departments=departments,
                      initial={"department": departments[0].pk if departments.count() == 1 else None})
    context: dict[str, Any] = {"form": form, "page_title": _("导入权力清单"), "header_title": _("导入权力清单"),
                               "breadcrumbs_items": _crumbs(_("导入权力清单"))}
    if request.method == "GET" and request.GET.get("progress"):
        return _import_progress(request, request.GET["progress"], departments, context)
    if request.method == "POST" and form.is_valid():
        department = form.cleaned_data["department"]
        upload = form.cleaned_data.get("file")
        token = _store_upload(upload, request.user, department) if upload is not None else form.cleaned_data["token"]
        if _upload_of(token, request.user, department) is None:
            form.add_error("file", _("上传的文件已失效，请重新选择文件。"))
            return TemplateResponse(request, "powers/admin/import.html", context)
        confirm = bool(request.POST.get("confirm")) and upload is None
        filename = upload.name if upload is not None else request.POST.get("filename", "")[:200]
        label = (_("导入权力清单：%(file)s → %(department)s") if confirm else _("预览权力清单：%(file)s → %(department)s")) % {
            "file": filename, "department": department.name}
        from yifa.core import progress

        from .tasks import import_powers_task

        tracker = progress.start("powers.import", label, user=request.user)
        import_powers_task.enqueue(tracker.pk, request.user.pk or 0, department.pk, token, filename, confirm,
                                   translation.get_language() or "")
        return redirect(f"{reverse('powers_admin_import')}?progress={tracker.public_id}")
    return TemplateResponse(request, "powers/admin/import.html", context)


def _import_progress(request: HttpRequest, public_id: str, departments: QuerySet,
                     context: dict[str, Any]) -> HttpResponse:
    """The import task's progress bar while it runs; its preview, its problems or the request it made after."""
    from yifa.core.progress import visible_to

    try:
        tracker = visible_to(request.user, public_id)
    except ValidationError:  # not a UUID
        tracker = None
    if tracker is None:
        raise Http404
    if not tracker.finished:
        return TemplateResponse(request, "powers/admin/import_progress.html", {
            **context, "progress": tracker,
            "status_url": reverse("yifa_task_progress", args=[tracker.public_id])})
    result = tracker.result or {}
    if tracker.status == tracker.Status.FAILED:
        if result.get("problems"):
            context.update(problems=result["problems"], problem_count=result["problem_count"],
                           more_problems=max(result["problem_count"] - len(result["problems"]), 0))
        else:
            context["task_error"] = tracker.error
        return TemplateResponse(request, "powers/admin/import.html", context)
    department = departments.filter(pk=result.get("department")).first()
    if department is None:
        raise Http404
    if result.get("confirm"):
        if not result.get("url"):
            messages.info(request, _("文件与现行清单一致，没有需要导入的变化。"))
            return redirect("powers_admin_import")
        messages.success(request, _("已导入到清单调整申请 %(reference)s，请部门负责人核对后提交审查。")
                         % {"reference": result["reference"]})
        return redirect(result["url"])
    counts = result["counts"]
    context.update(preview=True, has_proposals=result["has_proposals"], counts=counts, token=result["token"],
                   filename=result["filename"], department=department, preview_rows=result["rows"],
                   kinds=[(k, K(k).label, counts.get(k, 0)) for k in K.values if counts.get(k)])
    return TemplateResponse(request, "powers/admin/import.html", context)


def export_list(request: HttpRequest) -> HttpResponse:
    from .views import export_response

    if not item_policy.can(request.user, "export"):
        raise PermissionDenied
    form = ExportForm(request.GET or None, initial={"catalogue": Catalogue.POWER, "format": "xlsx"})
    if request.GET and form.is_valid():
        d = form.cleaned_data
        return export_response(d["catalogue"], d["format"], d["as_of"] or timezone.localdate(),
                               department=d["department"], power_type=d["power_type"] or None, status=d["status"])
    return TemplateResponse(request, "powers/admin/export.html", {
        "form": form, "page_title": _("导出清单"), "header_title": _("导出清单"),
        "breadcrumbs_items": _crumbs(_("导出清单"))})
