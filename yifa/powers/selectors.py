"""Reading the lists: what is in force on a date, an item's history, and the year's figures.

Every figure the seed report gives for this pillar is a selector over versions and adjustments
(`pillar_figures`); a later reports module calls them. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from yifa.org.models import Department

from .models import (
    ADMINISTRATIVE_POWER_TYPES,
    ENDING_KINDS,
    HIGHER_LEVELS,
    VERSION_MODELS,
    Adjustment,
    AdjustmentKind,
    Catalogue,
    ChangeRequest,
    Item,
    PowerVersion,
    Version,
)
from .policies import change_request_policy, item_policy

K = AdjustmentKind


def in_force(catalogue: str, as_of: dt.date | None = None, *, department: Department | int | None = None) -> QuerySet:
    """The versions of one list in force on `as_of` (today by default): the list as it stood that day."""
    as_of = as_of or timezone.localdate()
    qs = VERSION_MODELS[catalogue].objects.filter(effective_from__lte=as_of).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gt=as_of))
    if department is not None:
        qs = qs.filter(department=department)
    return qs


def ended(catalogue: str, as_of: dt.date | None = None, *, department: Department | int | None = None) -> QuerySet:
    """The last versions of items that had left the list by `as_of` (取消, 下放; 移交 out of `department`)."""
    as_of = as_of or timezone.localdate()
    model = VERSION_MODELS[catalogue]
    kinds = set(ENDING_KINDS) | ({K.TRANSFER} if department is not None else set())
    qs = model.objects.filter(effective_to__lte=as_of, ended_by__kind__in=kinds)
    if department is not None:
        qs = qs.filter(department=department)
    # An item listed again later (重新列入) is in force, not ended.
    later = model.objects.filter(item=OuterRef("item"), effective_from__isnull=False,
                                 effective_from__gt=OuterRef("effective_from"), effective_from__lte=as_of)
    if department is not None:
        later = later.filter(department=department)
    return qs.exclude(Exists(later))


class ListStatus:
    IN_FORCE = "in_force"
    ENDED = "ended"
    ALL = "all"
    CHOICES = (IN_FORCE, ENDED, ALL)


def listed(catalogue: str, as_of: dt.date | None = None, *, status: str = ListStatus.IN_FORCE,
           department: Department | int | None = None, power_type: str | None = None) -> QuerySet:
    """A list as of a date, filtered as the portal and the exports filter it."""
    if status == ListStatus.ENDED:
        qs = ended(catalogue, as_of, department=department)
    elif status == ListStatus.ALL:
        current = in_force(catalogue, as_of, department=department).values("pk")
        gone = ended(catalogue, as_of, department=department).values("pk")
        qs = VERSION_MODELS[catalogue].objects.filter(Q(pk__in=current) | Q(pk__in=gone))
    else:
        qs = in_force(catalogue, as_of, department=department)
    if power_type and catalogue == Catalogue.POWER:
        qs = qs.filter(power_type=power_type)
    return qs


def version_on(item: Item, as_of: dt.date | None = None) -> Version | None:
    """The item's version in force on `as_of`, else its last approved version before that day."""
    as_of = as_of or timezone.localdate()
    model = VERSION_MODELS[item.catalogue]
    approved = model.objects.filter(item=item, effective_from__isnull=False)
    current = approved.filter(effective_from__lte=as_of).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gt=as_of)).first()
    if current is not None:
        return current
    return approved.filter(effective_from__lte=as_of).order_by("-effective_from").first()


def item_history(item: Item) -> QuerySet:
    """The approved adjustments of one item, oldest first: its change history (调整记录)."""
    return item.adjustments.filter(applied_at__isnull=False).select_related(
        "change_request", "target_department").order_by("effective_date", "id")


def public_item(pk: int) -> Item | None:
    """An item the public may see: one with at least one approved version."""
    item = Item.objects.select_related("department").filter(pk=pk).first()
    if item is None:
        return None
    if not VERSION_MODELS[item.catalogue].objects.filter(item=item, effective_from__isnull=False).exists():
        return None
    return item


def applied_adjustments(year: int | None = None, *, catalogue: str | None = None,
                        department: Department | int | None = None) -> QuerySet:
    qs = Adjustment.objects.filter(applied_at__isnull=False)
    if year is not None:
        qs = qs.filter(effective_date__year=year)
    if catalogue:
        qs = qs.filter(catalogue=catalogue)
    if department is not None:
        qs = qs.filter(change_request__department=department)
    return qs


def adjustment_counts(year: int, *, catalogue: str, department: Department | int | None = None) -> dict[str, int]:
    """The year's adjustments of one list by kind (新增, 取消, 下放, 承接, 移交, 调整); every kind present."""
    counts = dict.fromkeys(K.values, 0)
    for kind, n in applied_adjustments(year, catalogue=catalogue, department=department).values(
            "kind").annotate(n=Count("id")).values_list("kind", "n"):
        counts[kind] = n
    return counts


def adjustment_years() -> list[int]:
    return sorted({d.year for d in Adjustment.objects.filter(applied_at__isnull=False).dates("effective_date", "year")},
                  reverse=True)


@dataclass(frozen=True)
class ListReview:
    """A list's year: items reviewed (in force at some time in the year), kept (in force at its end), cancelled."""

    reviewed: int
    kept: int
    cancelled: int


def list_review(year: int, catalogue: str) -> ListReview:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    model = VERSION_MODELS[catalogue]
    during = model.objects.filter(effective_from__isnull=False, effective_from__lte=end).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gt=start))
    cancelled = applied_adjustments(year, catalogue=catalogue).filter(kind=K.CANCEL)
    return ListReview(
        reviewed=during.values("item").distinct().count(),
        kept=in_force(catalogue, end).count(),
        cancelled=cancelled.values("item").distinct().count(),
    )


# --- the seed figures (肇东市 2016 年法治政府建设情况报告, 一、依法行政) ---------------------------------


def approval_items_taken_over(year: int) -> int:
    """Seed figure #1 (承接 152 项): power items taken over from the State Council, province and prefecture."""
    return applied_adjustments(year, catalogue=Catalogue.POWER).filter(kind=K.TAKE_OVER).count()


def approval_items_cancelled_correspondingly(year: int) -> int:
    """Seed figure #2 (对应取消 21 项): power items cancelled following a higher level's decision."""
    return applied_adjustments(year, catalogue=Catalogue.POWER).filter(
        kind=K.CANCEL, decided_by__in=HIGHER_LEVELS).count()


def departments_with_flows_cleaned_up(year: int) -> int:
    """Seed figure #3 (34 个部门权力运行流程清理): departments whose power list was adjusted in the year."""
    return applied_adjustments(year, catalogue=Catalogue.POWER).values(
        "change_request__department").distinct().count()


def approval_catalogue_review(year: int) -> ListReview:
    """Seed figure #4 (保留行政审批项目 102 项、取消 180 项): the approval catalogue's year."""
    return list_review(year, Catalogue.APPROVAL)


@dataclass(frozen=True)
class PowersListed:
    powers: int
    departments: int


def administrative_powers_listed(year: int) -> PowersListed:
    """Seed figure #5 (34 个部门共梳理行政职权 3209 项): powers of the ten types in force at the year's end,
    and the departments listing them (public services, type 20, are not 行政职权)."""
    listed_powers = in_force(Catalogue.POWER, dt.date(year, 12, 31)).filter(power_type__in=ADMINISTRATIVE_POWER_TYPES)
    return PowersListed(listed_powers.count(), listed_powers.values("department").distinct().count())


def intermediary_review(year: int) -> ListReview:
    """Seed figure #6 (中介服务事项清理 22 项，保留 18 项，取消 4 项): the intermediary list's year."""
    return list_review(year, Catalogue.INTERMEDIARY)


@dataclass(frozen=True)
class PillarFigures:
    year: int
    taken_over: int  # 1
    cancelled_correspondingly: int  # 2
    departments_cleaned_up: int  # 3
    approval_kept: int  # 4
    approval_cancelled: int  # 4
    powers_listed: int  # 5
    powers_departments: int  # 5
    intermediary_reviewed: int  # 6
    intermediary_kept: int  # 6
    intermediary_cancelled: int  # 6


def pillar_figures(year: int) -> PillarFigures:
    """The seed's figures #1–#6 for 一、依法行政, computed from versions and adjustments."""
    approval = approval_catalogue_review(year)
    powers = administrative_powers_listed(year)
    intermediary = intermediary_review(year)
    return PillarFigures(
        year=year,
        taken_over=approval_items_taken_over(year),
        cancelled_correspondingly=approval_items_cancelled_correspondingly(year),
        departments_cleaned_up=departments_with_flows_cleaned_up(year),
        approval_kept=approval.kept,
        approval_cancelled=approval.cancelled,
        powers_listed=powers.powers,
        powers_departments=powers.departments,
        intermediary_reviewed=intermediary.reviewed,
        intermediary_kept=intermediary.kept,
        intermediary_cancelled=intermediary.cancelled,
    )


# --- the back office ----------------------------------------------------------------------------


def requests_visible_to(user: Any) -> QuerySet:
    return change_request_policy.instances_user_has_permission_for(user, "view")


def items_visible_to(user: Any) -> QuerySet:
    return item_policy.instances_user_has_permission_for(user, "view")


def open_request(department: Department | int) -> ChangeRequest | None:
    return ChangeRequest.objects.filter(department=department, status__in=ChangeRequest.OPEN_STATUSES).first()


def pending_versions(change_request: ChangeRequest, catalogue: str) -> QuerySet:
    return VERSION_MODELS[catalogue].objects.filter(adjustment__change_request=change_request)


def power_details(versions: list[PowerVersion]) -> dict[int, dict[str, list]]:
    """Bases, co-departments and intermediary codes of many power versions, in three queries."""
    from .models import VersionBasis

    ids = [v.pk for v in versions]
    details: dict[int, dict[str, list]] = {pk: {"bases": [], "co": [], "intermediaries": []} for pk in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for basis in VersionBasis.objects.filter(version_id__in=chunk).select_related(
                "provision__law").order_by("version_id", "position"):
            details[basis.version_id]["bases"].append(basis.provision)
        co_through: Any = PowerVersion.co_departments.through
        for version_id, code in co_through.objects.filter(powerversion_id__in=chunk).values_list(
                "powerversion_id", "department__code"):
            details[version_id]["co"].append(code)
        link_through: Any = PowerVersion.intermediaries.through
        for version_id, code in link_through.objects.filter(powerversion_id__in=chunk).values_list(
                "powerversion_id", "item__code"):
            details[version_id]["intermediaries"].append(code)
    return details
