"""Reading cases of every type: a case the user may see, a type's queue, and the work queue (工作台).

Every read of a case goes through the case type's policy: another department's case does not exist
for a department's staff (a 404 in the back office and the API, never a 403 that would confirm it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404

from yifa.audit.models import AuditEventQuerySet
from yifa.audit.selectors import events_for_object
from yifa.calendar.selectors import DeadlineState, with_deadline
from yifa.org.scoping import department_scope

from .attachments import attachments_of
from .models import Case
from .registry import CaseType, case_types

QUEUE_STATUS_OPEN = ""  # the queue's default: every case not yet finished
QUEUE_STATUS_ALL = "all"
DEADLINE_FILTERS = (DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.PAUSED, DeadlineState.RUNNING)


def case_events(case: Any) -> AuditEventQuerySet:
    return events_for_object(case)


def visible_case(case_type: CaseType, user: Any, pk: Any) -> Case | None:
    try:
        return case_type.visible_to(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def case_or_404(case_type: CaseType, user: Any, pk: Any) -> Case:
    found = visible_case(case_type, user, pk)
    if found is None:
        raise Http404  # another department's case does not exist for this user
    return found


def case_by_reference(user: Any, reference: str, kinds: list[str] | None = None) -> tuple[CaseType, Case] | None:
    """The case with this reference among the types the user may see (the staff API's lookup)."""
    reference = (reference or "").strip()[:40]
    if not reference:
        return None
    for case_type in case_types():
        if kinds and case_type.kind not in kinds:
            continue
        found = case_type.visible_to(user).filter(reference=reference).first()
        if found is not None:
            return case_type, found
    return None


def with_main_deadline(case_type: CaseType, qs: QuerySet) -> QuerySet:
    """Annotate `main_due` and `main_state` (the case type's own clock), for sorting and filtering."""
    if not case_type.main_deadline:
        return qs
    code = case_type.main_deadline
    return with_deadline(qs, code).annotate(main_due=F(f"{code}_due"), main_state=F(f"{code}_state"))


def queue(case_type: CaseType, user: Any, *, status: str = QUEUE_STATUS_OPEN, department_id: int | None = None,
          deadline_state: str = "", assigned_to_me: bool = False) -> QuerySet:
    """A case type's cases the user may see, by default the unfinished ones, soonest due first."""
    qs = with_main_deadline(case_type, case_type.visible_to(user))
    if status == QUEUE_STATUS_OPEN:
        qs = qs.filter(status__in=case_type.open_statuses)
    elif status != QUEUE_STATUS_ALL:
        qs = qs.filter(status=status)
    if department_id:
        qs = qs.filter(department_id=department_id)
    if deadline_state:
        # A case type without a clock of its own has nothing overdue, due soon or paused.
        qs = qs.filter(main_state=deadline_state) if case_type.main_deadline else qs.none()
    if assigned_to_me:
        qs = qs.filter(assigned_to=user)
    return order_by_due(case_type, qs)


def order_by_due(case_type: CaseType, qs: QuerySet) -> QuerySet:
    if case_type.main_deadline:
        return qs.order_by(F("main_due").asc(nulls_last=True), "-opened_at", "-pk")
    return qs.order_by("-opened_at", "-pk")


def waiting_for(case_type: CaseType, user: Any, qs: QuerySet) -> QuerySet:
    """The cases in which the user's roles have the next step: city-wide roles everywhere, a department's
    roles in that department."""
    scope = department_scope(user)
    condition = Q(pk__in=[])
    city_statuses = case_type.statuses_waiting_for(scope.city_roles)
    if city_statuses:
        condition |= Q(status__in=city_statuses)
    for department_id, roles in scope.department_roles.items():
        statuses = case_type.statuses_waiting_for(roles | scope.city_roles)
        if statuses:
            condition |= Q(department_id=department_id, status__in=statuses)
    return qs.filter(condition)


@dataclass(frozen=True)
class WorkItem:
    case_type: CaseType
    case: Any

    @property
    def due(self) -> dt.date | None:
        return getattr(self.case, "main_due", None)

    @property
    def state(self) -> str:
        return getattr(self.case, "main_state", None) or ""


@dataclass(frozen=True)
class WorkSection:
    key: str
    items: list[WorkItem]
    total: int


WORK_SECTIONS = ("assigned", "waiting", DeadlineState.OVERDUE.value, DeadlineState.DUE_SOON.value,
                 DeadlineState.PAUSED.value)


def work_queue(user: Any, *, limit: int = 50) -> list[WorkSection]:
    """工作台: across every case type, what is assigned to the user, what waits for their role, and what
    is overdue, due soon or paused — each section soonest due first, at most `limit` rows each."""
    found: dict[str, list[WorkItem]] = {key: [] for key in WORK_SECTIONS}
    totals: dict[str, int] = dict.fromkeys(WORK_SECTIONS, 0)
    for case_type in case_types():
        open_cases = with_main_deadline(case_type, case_type.visible_to(user)).filter(
            status__in=case_type.open_statuses)
        selections: dict[str, QuerySet] = {
            "assigned": open_cases.filter(assigned_to=user) if getattr(user, "pk", None) else open_cases.none(),
            "waiting": waiting_for(case_type, user, open_cases),
        }
        if case_type.main_deadline:
            for state in (DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.PAUSED):
                selections[state.value] = open_cases.filter(main_state=state.value)
        for key, qs in selections.items():
            totals[key] += qs.count()
            found[key] += [WorkItem(case_type, case) for case in order_by_due(case_type, qs)[:limit]]
    sections = []
    for key in WORK_SECTIONS:
        items = sorted(found[key], key=lambda item: (item.due is None, item.due or dt.date.max))[:limit]
        sections.append(WorkSection(key, items, totals[key]))
    return sections


__all__ = ["case_events", "attachments_of", "case_or_404", "queue", "work_queue", "visible_case"]
