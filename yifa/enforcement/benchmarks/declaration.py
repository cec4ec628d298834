"""What this part adds to the enforcement module's one declaration (registration.py joins the parts):
the benchmarks' audit events, the public listing 行政处罚裁量基准, its search source, the daily job that
publishes versions on their date, the figures, the agency link and the demo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from yifa.audit.actors import SystemJob
from yifa.casework.registry import CaseType
from yifa.core.modules import AgencyLink, DailyJob, PublicListing, SearchSource

from . import search, selectors
from .actions import EVENTS

EVENT_TYPES: Mapping[str, Any] = EVENTS
CASE_TYPES: Sequence[CaseType] = ()
LISTINGS: Sequence[PublicListing] = (
    PublicListing(search.LISTING, label=_("行政处罚裁量基准"), url_name="enforcement:benchmark_list",
                  description=_("各执法部门现行的行政处罚裁量基准：违法行为、处罚依据、裁量情节和各阶次的罚款幅度")),
)
SEARCH_SOURCES: Sequence[SearchSource] = (
    SearchSource(search.SOURCE, _("裁量基准"), search.benchmark_documents, registry=True),
)

TAKE_EFFECT = SystemJob("enforcement.benchmarks_take_effect", _("裁量基准到期生效"))


def _take_effect(day: dt.date) -> str:
    from .actions import take_effect

    count = take_effect(actor=TAKE_EFFECT, today=day)
    return str(_("到期生效并公布的裁量基准 %(n)s 项。") % {"n": count})


DAILY_JOBS: Sequence[DailyJob] = (
    DailyJob("enforcement.benchmarks_take_effect", _("裁量基准到期生效"), _take_effect),
)
WEBSITE_CHECKS: Sequence[Callable[..., Any]] = ()
# The part's demo: a dotted path to a function returning a one-line summary; run in PARTS order.
DEMO: str = "yifa.enforcement.benchmarks.demo.load_benchmarks_demo"


def figures(year: int, department: Any = None) -> dict[str, Any]:
    return selectors.figures(year, department)


def agency_links(department: Any) -> list[AgencyLink]:
    from django.urls import reverse

    count = selectors.in_force(department=department).count()
    return [AgencyLink(_("行政处罚裁量基准"), f"{reverse('enforcement:benchmark_list')}?department={department.code}",
                       count, _("本机构现行的行政处罚裁量基准"))]
