"""Back office: the catalogue import (items published elsewhere into the agencies' 政府信息公开目录), and a policy
document's validity. The screens parse and check; the actions write."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core.dates import DayField
from yifa.core.errors import ActionRefused

from .actions import (
    CatalogueImportRefused,
    PreviewExpired,
    can_change_policy_validity,
    change_policy_validity,
    confirm_catalogue_import,
    preview_catalogue_import,
)
from .catalogue_io import COLUMNS, MAX_FILE_BYTES, CatalogueFileRejected, read_rows
from .models import ArticlePage
from .policies import catalogue_entry_policy
from .selectors import is_policy_document, policy_documents

MAX_SHOWN = 200


class CatalogueImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("目录文件（xlsx 或 CSV）"))


class ConfirmImportForm(forms.Form):
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    digest = forms.CharField(max_length=64, widget=forms.HiddenInput)


def import_catalogue_view(request: HttpRequest) -> HttpResponse:
    """Two steps: the uploaded file is read and checked, and its rows shown (accepted, and refused with the
    reasons); nothing is written until the importer confirms the preview, which imports the rows as stored."""
    if not catalogue_entry_policy.can(request.user, "import"):
        raise PermissionDenied
    confirming = request.method == "POST" and "token" in request.POST
    form = CatalogueImportForm(None if confirming else (request.POST or None), None if confirming else
                               (request.FILES or None))
    context: dict[str, Any] = {
        "form": form, "columns": COLUMNS, "page_title": _("导入政府信息公开目录"), "header_title": _("导入政府信息公开目录"),
        "departments": catalogue_entry_policy.departments_for(request.user, "import"),
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("首页")},
                              {"url": "", "label": _("导入政府信息公开目录")}],
    }
    if confirming:
        confirm = ConfirmImportForm(request.POST)
        try:
            if not confirm.is_valid():
                raise PreviewExpired(_("这次导入的预览已失效，请重新上传文件。"))
            created = confirm_catalogue_import(actor=request.user, token=confirm.cleaned_data["token"],
                                               digest=confirm.cleaned_data["digest"])
        except CatalogueImportRefused as refused:  # the catalogue changed since the preview (a number taken)
            context["refused"] = refused.rows[:MAX_SHOWN]
            context["refused_count"] = len(refused.rows)
        except ActionRefused as error:
            messages.error(request, error.message)
            return redirect(reverse("portal_admin_catalogue_import"))
        else:
            messages.success(request, _("已导入 %(n)s 项目录条目。") % {"n": len(created)})
            return redirect(reverse("portal_admin_catalogue_import"))
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FILE_BYTES:
                raise CatalogueFileRejected(_("文件超过 10 MB，不能导入。"))
            data = upload.read(MAX_FILE_BYTES + 1)
            rows = read_rows(data, upload.name)
            plan, preview = preview_catalogue_import(actor=request.user, rows=rows, filename=upload.name[:200],
                                                     digest=hashlib.sha256(data).hexdigest())
        except ActionRefused as error:
            form.add_error("file", error.message)
        else:
            accepted = [row for row in plan.rows if not row.problems]
            context.update({
                "filename": upload.name, "accepted": accepted[:MAX_SHOWN], "accepted_count": len(accepted),
                "refused": plan.refused[:MAX_SHOWN], "refused_count": len(plan.refused), "preview": preview,
                "max_shown": MAX_SHOWN,
                "confirm": ConfirmImportForm(initial={"token": preview.token, "digest": preview.digest})
                if preview else None,
            })
    return TemplateResponse(request, "portal/admin/catalogue_import.html", context)


class SuccessorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        number = f"（{obj.document_number}）" if obj.document_number else ""
        return f"{obj.title}{number} {obj.published_on:%Y-%m-%d}"


class PolicyValidityForm(forms.Form):
    validity = forms.ChoiceField(label=gettext_lazy("效力状态"), choices=ArticlePage.Validity.choices)
    successor = SuccessorChoiceField(
        label=gettext_lazy("替代文件"), queryset=ArticlePage.objects.none(), required=False,
        help_text=gettext_lazy("修改或废止本文件的新文件（须已在政策文件栏目发布）；已修改的必填，失效的不填。"))
    effective_until = DayField(label=gettext_lazy("失效日期"), required=False,
                               help_text=gettext_lazy("修改、废止或失效之日；现行有效的不填。"))
    reason = forms.CharField(label=gettext_lazy("依据或理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500,
                             help_text=gettext_lazy("如修改或废止它的文件名称和文号、规范性文件清理结果。"))

    def __init__(self, *args: Any, policy: ArticlePage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (  # type: ignore[attr-defined]
            policy_documents().live().exclude(pk=policy.pk).order_by("-published_on"))


def policy_validity(request: HttpRequest, page_id: int) -> HttpResponse:
    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is None or not is_policy_document(page):
        raise Http404
    if not can_change_policy_validity(request.user, page):
        raise PermissionDenied
    initial = {"validity": page.validity, "successor": page.successor_id, "effective_until": page.effective_until}
    form = PolicyValidityForm(request.POST or None, policy=page, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_policy_validity(actor=request.user, policy=page, validity=data["validity"],
                                   successor=data["successor"], effective_until=data["effective_until"],
                                   reason=data["reason"])
        except (ActionRefused, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            page.refresh_from_db()
            messages.success(request, _("已将“%(title)s”的效力状态记为：%(validity)s。") % {
                "title": page.title, "validity": page.get_validity_display()})  # type: ignore[attr-defined]
            return redirect("wagtailadmin_pages:edit", page.pk)
    title = _("修改效力状态：%(title)s") % {"title": page.title}
    return TemplateResponse(request, "portal/admin/policy_validity.html", {
        "form": form, "page": page, "page_title": title, "header_title": title, "media": form.media,
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("仪表板")},
                              {"url": reverse("wagtailadmin_pages:edit", args=[page.pk]), "label": page.title},
                              {"url": "", "label": _("修改效力状态")}],
    })
