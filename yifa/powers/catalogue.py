"""The power lists in the agencies' 政府信息公开目录 (the portal's catalogue, 《政府信息公开条例》第十二条).

One catalogue item per department and list version, as the catalogues of real portals list them ("××局权责清单
（2016年调整）"), not one per power: a list of hundreds of items is one published document, and each day it
changed (an adjustment took effect, an item was cancelled or transferred) is a new version of it. The latest
version is 有效, earlier ones 已修改; each links to the list as it stood that day. Filed under 条例 art.20
item (2), 机关职能: the power list is the agency's functions itemised (中办发〔2015〕21号 has it published as such).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop

from yifa.core.modules import CatalogueItem
from yifa.org.models import Department

from .models import VERSION_MODELS, Catalogue

SOURCE = "powers.list"
CATEGORY = "A02"
# The intermediary-service list and the approval catalogue: 条例 art.20 item (5) (办理行政许可和其他对外管理服务
# 事项的依据、条件、程序) — what a licence needs and who may serve it.
INTERMEDIARY_SOURCE, APPROVAL_SOURCE = "powers.intermediaries", "powers.approvals"
SERVICE_CATEGORY = "A05"

# catalogue -> (the public list's URL name, its title, its title after an adjustment)
LISTS: dict[str, tuple[str, str, str]] = {
    Catalogue.POWER: ("powers:list", _noop("%(agency)s权责清单"), _noop("%(agency)s权责清单（%(year)s年%(month)s月%(day)s日调整）")),
    Catalogue.INTERMEDIARY: ("powers:intermediaries", _noop("%(agency)s中介服务清单"),
                             _noop("%(agency)s中介服务清单（%(year)s年%(month)s月%(day)s日调整）")),
    Catalogue.APPROVAL: ("powers:approvals", _noop("%(agency)s行政审批项目目录"),
                         _noop("%(agency)s行政审批项目目录（%(year)s年%(month)s月%(day)s日调整）")),
}


def list_versions(today: dt.date | None = None) -> Iterator[CatalogueItem]:
    """Every published version of every department's 权责清单 up to `today`: three queries whatever the list's size."""
    return _versions(Catalogue.POWER, today)


def intermediary_versions(today: dt.date | None = None) -> Iterator[CatalogueItem]:
    return _versions(Catalogue.INTERMEDIARY, today)


def approval_versions(today: dt.date | None = None) -> Iterator[CatalogueItem]:
    return _versions(Catalogue.APPROVAL, today)


def _versions(catalogue: str, today: dt.date | None) -> Iterator[CatalogueItem]:
    today = today or timezone.localdate()
    url_name, first_title, later_title = LISTS[catalogue]
    changed: dict[int, set[dt.date]] = defaultdict(set)
    approved = VERSION_MODELS[catalogue].objects.filter(effective_from__isnull=False)
    for column in ("effective_from", "effective_to"):
        for department_id, day in approved.filter(**{f"{column}__lte": today}).values_list(
                "department_id", column).distinct():
            changed[department_id].add(day)
    in_force = dict(approved.filter(effective_from__lte=today).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gt=today)).values("department_id")
        .annotate(n=Count("pk")).values_list("department_id", "n"))
    base = reverse(url_name)
    for department in Department.objects.filter(pk__in=changed).order_by("sort_order", "pk"):
        days = sorted(changed[department.pk])
        for position, day in enumerate(days):
            latest = position == len(days) - 1
            values = {"agency": department.name, "year": day.year, "month": day.month, "day": day.day}
            title = _(first_title if position == 0 else later_title) % values
            validity = ("in_force" if in_force.get(department.pk) else "expired") if latest else "amended"
            as_of = "" if latest else f"&as_of={day.isoformat()}"
            yield CatalogueItem(key=f"{catalogue}/{department.code}/{day.isoformat()}", department=department,
                                title=title, made_on=day, published_on=day, validity=validity,
                                url=f"{base}?department={department.code}{as_of}")
