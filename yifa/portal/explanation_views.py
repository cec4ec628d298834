"""Back office: 以案释法 — the concluded cases that could become typical cases, and drafting an article from one.
The screen parses and checks; `actions.draft_case_explanation` writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core.errors import ActionRefused

from .actions import draft_case_explanation
from .explanations import candidates, source_types
from .models import CaseExplanationPage, ColumnPage


def explanation_columns(user: Any) -> list[ColumnPage]:
    """The columns where `user` may add a 以案释法 article, the one named 以案释法 first."""
    columns = [column for column in ColumnPage.objects.live().order_by("path")
               if CaseExplanationPage in column.specific_class.allowed_subpage_models()
               and column.permissions_for_user(user).can_add_subpage()]
    return sorted(columns, key=lambda column: "以案释法" not in column.title)


class DraftForm(forms.Form):
    kind = forms.CharField(max_length=40)
    reference = forms.CharField(max_length=40)
    column = forms.TypedChoiceField(label=gettext_lazy("发布栏目"), coerce=int)

    def __init__(self, *args: Any, columns: list[ColumnPage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = {column.pk: column for column in columns}
        column_field: forms.ChoiceField = self.fields["column"]  # type: ignore[assignment]
        column_field.choices = [(column.pk, column.title) for column in columns]


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("办结年度"), min_value=1990, max_value=2100, required=False)


def typical_cases(request: HttpRequest) -> HttpResponse:
    columns = explanation_columns(request.user)
    if request.method == "POST":
        form = DraftForm(request.POST, columns=columns)
        if not form.is_valid():
            messages.error(request, _("请选择案件和可以发布以案释法文章的栏目。"))
            return redirect("portal_typical_cases")
        try:
            page = draft_case_explanation(actor=request.user, kind=form.cleaned_data["kind"],
                                          reference=form.cleaned_data["reference"],
                                          column=form.columns[form.cleaned_data["column"]])
        except ActionRefused as refused:
            messages.error(request, refused.message)
            return redirect("portal_typical_cases")
        messages.success(request, _("已起草以案释法文章，请核对案情已隐去当事人信息、写好释法要点后提交审核。"))
        return redirect("wagtailadmin_pages:edit", page.pk)
    filters = YearForm(request.GET or None)
    year = filters.cleaned_data["year"] if filters.is_valid() else None
    context = {
        "page_title": _("以案释法：典型案例"), "header_title": _("以案释法：典型案例"), "header_icon": "doc-full",
        "filters": filters, "candidates": candidates(request.user, year=year), "columns": columns,
        "source_types": source_types(),
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("首页")},
                              {"url": "", "label": _("以案释法：典型案例")}],
    }
    return TemplateResponse(request, "portal/admin/typical_cases.html", context)
