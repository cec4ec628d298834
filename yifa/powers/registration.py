"""三清单, declared once: the change request as a case type, the public listing, the search source,
the figures, the daily take-effect job, the demo and the benchmarks."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yifa.audit.actors import SystemJob
from yifa.casework.registry import CaseType, Panel, Step
from yifa.core.modules import (
    AgencyLink,
    CatalogueSource,
    DailyJob,
    DemoLoader,
    Module,
    PublicListing,
    SearchSource,
)

from . import actions, catalogue, search, selectors
from . import transitions as steps
from .models import ChangeRequest
from .policies import change_request_policy


class ReviewOpinionForm(forms.Form):
    reason = forms.CharField(label=_("审查意见"), required=False, max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    reason = forms.CharField(label=_("说明（选填）"), required=False, max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 2}))


def _adjustments(request: Any, change_request: ChangeRequest) -> dict[str, Any]:
    from .admin_views import request_context

    return request_context(request, change_request)


POWER_CHANGE = CaseType(
    kind="power-change", model=ChangeRequest, policy=change_request_policy,
    label=_("清单调整申请"), label_plural=_("清单调整申请"), icon="tasks",
    menu_order=None,  # in the 权责清单 menu group
    summary=lambda request: request.title, detail_template="powers/admin/request_facts.html",
    panels=[Panel("powers/admin/request_panel.html", _adjustments)],
    search_fields=("reference", "title"),
    # A draft (or one returned) waits for the head to submit it; a submitted one for the legality review.
    awaiting={ChangeRequest.Status.DRAFT: "submit", ChangeRequest.Status.RETURNED: "submit",
              ChangeRequest.Status.SUBMITTED: "review"},
    steps=[
        Step(steps.SUBMIT, NoteForm, help_text=_("提交后由政府法制机构进行合法性审查；审查期间不能再修改调整事项。"),
             perform=lambda u, r, d, f: actions.submit_request(actor=u, change_request=r, reason=d["reason"])),
        Step(steps.RECALL, NoteForm,
             perform=lambda u, r, d, f: actions.recall_request(actor=u, change_request=r, reason=d["reason"])),
        Step(steps.APPROVE, ReviewOpinionForm, help_text=_("通过后，各项调整于其生效日期生效，并在网站公布。"),
             perform=lambda u, r, d, f: actions.approve_request(actor=u, change_request=r, opinion=d["reason"])),
        Step(steps.RETURN, ReturnForm,
             perform=lambda u, r, d, f: actions.return_request(actor=u, change_request=r, reason=d["reason"])),
        Step(steps.WITHDRAW, NoteForm,
             perform=lambda u, r, d, f: actions.withdraw_request(actor=u, change_request=r, reason=d["reason"])),
    ],
)


def figures(year: int, department: Any = None) -> dict[str, Any]:
    """The pillar's figures (the seed's #1–#6); the lists are the city's, so `department` is not used."""
    return dataclasses.asdict(selectors.pillar_figures(year))


def agency_links(department: Any) -> list[AgencyLink]:
    """The agency page's link to its power list (权责清单) as in force today."""
    from django.urls import reverse

    from .models import Catalogue

    count = selectors.in_force(Catalogue.POWER, department=department).count()
    return [AgencyLink(_("权责清单"), f"{reverse('powers:list')}?department={department.code}", count,
                       _("本机构依法实施的行政职权事项及运行流程图"))]


TAKE_EFFECT = SystemJob("powers.take_effect", _("权责清单调整到期生效"))


def _take_effect(day: dt.date) -> str:
    count = actions.take_effect(actor=TAKE_EFFECT, today=day)
    return str(_("到期生效的清单调整 %(n)s 项。") % {"n": count})


MODULE = Module(
    "powers", verbose_name=_("权责清单"),
    case_types=[POWER_CHANGE],
    listings=[PublicListing("powers", label=_("权责清单"), url_name="powers:list",
                            description=_("各部门行政权力事项、责任事项、中介服务事项和行政审批项目，含权力运行流程图"))],
    search_sources=[SearchSource(search.SOURCE, _("权责清单"), search.power_documents, registry=True)],
    catalogue_sources=[CatalogueSource(catalogue.SOURCE, _("权责清单"), catalogue.CATEGORY, catalogue.list_versions,
                                       events=("powers.adjustments_took_effect", "powers.list_imported")),
                       CatalogueSource(catalogue.INTERMEDIARY_SOURCE, _("中介服务清单"), catalogue.SERVICE_CATEGORY,
                                       catalogue.intermediary_versions,
                                       events=("powers.adjustments_took_effect", "powers.list_imported")),
                       CatalogueSource(catalogue.APPROVAL_SOURCE, _("行政审批项目目录"), catalogue.SERVICE_CATEGORY,
                                       catalogue.approval_versions,
                                       events=("powers.adjustments_took_effect", "powers.list_imported"))],
    daily_jobs=[DailyJob("powers.take_effect", _("清单调整到期生效"), _take_effect)],
    demo=DemoLoader(40, "yifa.powers.demo.load_powers_demo"),
    benchmarks="yifa.powers.bench:BENCHMARKS",
    figures=figures,
    agency_links=agency_links,
    event_types={
        "powers.changes_proposed": _("提出清单调整"),
        "powers.adjustment_removed": _("删除拟调整事项"),
        "powers.list_imported": _("导入权力清单"),
        "powers.request_submitted": _("提交合法性审查"),
        "powers.request_recalled": _("撤回提交"),
        "powers.request_approved": _("合法性审查通过"),
        "powers.request_returned": _("合法性审查退回"),
        "powers.request_withdrawn": _("撤销清单调整申请"),
        "powers.adjustments_took_effect": _("清单调整生效并公布"),
    },
)
