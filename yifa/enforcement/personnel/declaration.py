"""What the personnel part adds to the enforcement module's one declaration (registration.py joins the parts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from yifa.casework.registry import CaseType
from yifa.core.modules import AgencyLink, DailyJob, PublicListing, SearchSource

EVENT_TYPES: Mapping[str, Any] = {
    "enforcement.field_saved": _("保存执法门类"),
    "enforcement.department_fields_set": _("设置部门执法门类"),
    "enforcement.training_recorded": _("登记执法培训"),
    "enforcement.sitting_created": _("安排执法资格考试"),
    "enforcement.scores_recorded": _("登记考试成绩"),
    "enforcement.certificate_issued": _("颁发执法证件"),
    "enforcement.certificate_renewed": _("执法证件换证"),
    "enforcement.certificate_suspended": _("暂扣执法证件"),
    "enforcement.certificate_reinstated": _("恢复执法证件"),
    "enforcement.certificate_revoked": _("吊销执法证件"),
    "enforcement.certificate_cancelled": _("注销执法证件"),
    "enforcement.review_recorded": _("执法证件年度审验"),
    "enforcement.personnel_refused": _("执法人员管理操作被拒绝"),
}
CASE_TYPES: Sequence[CaseType] = ()
LISTINGS: Sequence[PublicListing] = (
    PublicListing("enforcement_personnel", label=_("行政执法人员公示"), url_name="enforcement:personnel_register",
                  description=_("持证执法人员的姓名、证件编号、执法门类、执法单位和有效期，可按姓名或证件编号核验。"),
                  service_label=_("核验执法证件")),
)


def _certificate_documents() -> Any:
    from .search import certificate_documents

    return certificate_documents()


SEARCH_SOURCES: Sequence[SearchSource] = (
    SearchSource("enforcement.certificate", _("行政执法人员"), _certificate_documents, registry=True),
)


def _cancel_departed(day: dt.date) -> str:
    from .jobs import cancel_departed

    return cancel_departed(day)


def _remind_expiring(day: dt.date) -> str:
    from .jobs import remind_expiring

    return remind_expiring(day)


DAILY_JOBS: Sequence[DailyJob] = (
    DailyJob("enforcement.cancel_departed", _("调离、退休、机构撤销人员执法证件注销"), _cancel_departed),
    DailyJob("enforcement.certificate_expiry", _("执法证件到期提醒"), _remind_expiring),
)
WEBSITE_CHECKS: Sequence[Callable[..., Any]] = ()
# The part's demo: a dotted path to a function returning a one-line summary; run in PARTS order.
DEMO: str = "yifa.enforcement.personnel.demo.load_personnel_demo"


def figures(year: int, department: Any = None) -> dict[str, Any]:
    from .selectors import personnel_figures

    return personnel_figures(year, department)


def agency_links(department: Any) -> list[AgencyLink]:
    from django.utils import timezone

    from .selectors import certificates_valid_on

    count = certificates_valid_on(timezone.localdate()).filter(department=department).count()
    if not count:
        return []
    url = reverse("enforcement:personnel_register") + "?" + urlencode({"department": department.code})
    return [AgencyLink(_("行政执法人员"), url, count, _("本单位持有效证件的执法人员"))]
