"""Back office: the catalogue import (items published elsewhere into the agencies' 政府信息公开目录)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core.errors import ActionRefused

from .actions import CatalogueImportRefused, import_catalogue
from .catalogue_io import COLUMNS, MAX_FILE_BYTES, CatalogueFileRejected, read_rows
from .policies import catalogue_entry_policy

MAX_SHOWN = 200


class CatalogueImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("目录文件（xlsx 或 CSV）"))


def import_catalogue_view(request: HttpRequest) -> HttpResponse:
    if not catalogue_entry_policy.can(request.user, "import"):
        raise PermissionDenied
    form = CatalogueImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "form": form, "columns": COLUMNS, "page_title": _("导入政府信息公开目录"), "header_title": _("导入政府信息公开目录"),
        "departments": catalogue_entry_policy.departments_for(request.user, "import"),
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("首页")},
                              {"url": "", "label": _("导入政府信息公开目录")}],
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FILE_BYTES:
                raise CatalogueFileRejected(_("文件超过 10 MB，不能导入。"))
            rows = read_rows(upload.read(MAX_FILE_BYTES + 1), upload.name)
            created = import_catalogue(actor=request.user, rows=rows, filename=upload.name[:200])
        except CatalogueImportRefused as refused:
            context["refused"] = refused.rows[:MAX_SHOWN]
            context["refused_count"] = len(refused.rows)
        except ActionRefused as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("已导入 %(n)s 项目录条目。") % {"n": len(created)})
            return redirect(reverse("portal_admin_catalogue_import"))
    return TemplateResponse(request, "portal/admin/catalogue_import.html", context)
