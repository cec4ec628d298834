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


WORK_SECTIONS = ("new", "assigned", "waiting", DeadlineState.OVERDUE.value, DeadlineState.DUE_SOON.value,
                 DeadlineState.PAUSED.value)
# Sections only for those whose roles a case can wait for: a leader or an inspector takes no step.
ROLE_SECTIONS = {"new", "waiting"}


def awaited_statuses(case_type: CaseType, user: Any) -> set[str]:
    """Every status in which a case of this type can wait for the user somewhere."""
    scope = department_scope(user)
    return case_type.statuses_waiting_for(scope.roles)


def work_queue(user: Any, *, limit: int = 50) -> list[WorkSection]:
    """工作台: across every case type, what has just come in and waits for the user's role (new), what is
    assigned to the user, what waits for their role, and what is overdue, due soon or paused — each section
    soonest due first, at most `limit` rows each. "new" and "waiting" are left out for a user no case waits for."""
    found: dict[str, list[WorkItem]] = {key: [] for key in WORK_SECTIONS}
    totals: dict[str, int] = dict.fromkeys(WORK_SECTIONS, 0)
    awaited: set[str] = set()
    for case_type in case_types():
        statuses = awaited_statuses(case_type, user)
        if statuses:
            awaited.add("waiting")
        if statuses & case_type.new_statuses:
            awaited.add("new")
        open_cases = with_main_deadline(case_type, case_type.visible_to(user)).filter(
            status__in=case_type.open_statuses)
        waiting = waiting_for(case_type, user, open_cases)
        selections: dict[str, QuerySet] = {
            "new": waiting.filter(status__in=case_type.new_statuses),
            "assigned": open_cases.filter(assigned_to=user) if getattr(user, "pk", None) else open_cases.none(),
            "waiting": waiting,
        }
        if case_type.main_deadline:
            for state in (DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.PAUSED):
                selections[state.value] = open_cases.filter(main_state=state.value)
        for key, qs in selections.items():
            if key in ROLE_SECTIONS and not statuses:
                continue
            totals[key] += qs.count()
            found[key] += [WorkItem(case_type, case) for case in order_by_due(case_type, qs)[:limit]]
    sections = []
    for key in WORK_SECTIONS:
        if key in ROLE_SECTIONS and key not in awaited:
            continue
        items = sorted(found[key], key=lambda item: (item.due is None, item.due or dt.date.max))[:limit]
        sections.append(WorkSection(key, items, totals[key]))
    return sections


@dataclass(frozen=True)
class DepartmentFigures:
    """One department's cases of every type with a clock: in hand and overdue now, concluded this year and late."""

    department_id: int
    name: str
    open: int
    overdue: int
    due_soon: int
    concluded: int
    concluded_late: int

    @property
    def overdue_rate(self) -> float | None:
        return self.overdue / self.open if self.open else None

    @property
    def late_rate(self) -> float | None:
        return self.concluded_late / self.concluded if self.concluded else None

    @property
    def overdue_percent(self) -> str:
        return percent(self.overdue_rate)

    @property
    def late_percent(self) -> str:
        return percent(self.late_rate)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def department_figures(user: Any, *, year: int) -> list[DepartmentFigures]:
    """Per department the user may see, counted over every case type with a clock: open cases, how many are
    overdue or due soon, and of those concluded in `year`, how many late. Counts of cases, never of days (a
    department's periods mix working and calendar days). Most overdue first; departments with no case left out."""
    from collections import Counter

    from yifa.org.models import Department

    counts: Counter[tuple[int, str]] = Counter()
    for case_type in case_types():
        if not case_type.main_deadline:
            continue
        cases = with_main_deadline(case_type, case_type.visible_to(user))
        for department_id, state in cases.filter(status__in=case_type.open_statuses).values_list(
                "department_id", "main_state"):
            counts[department_id, "open"] += 1
            counts[department_id, state or ""] += 1
        closed = cases.exclude(status__in=case_type.open_statuses).filter(closed_at__year=year)
        for department_id, state in closed.values_list("department_id", "main_state"):
            counts[department_id, "concluded"] += 1
            counts[department_id, "concluded_late"] += state == DeadlineState.COMPLETED_LATE.value
    ids = {department_id for department_id, _key in counts}
    names = dict(Department.objects.filter(pk__in=ids).values_list("pk", "short_name"))
    rows = [DepartmentFigures(
        department_id, names.get(department_id, "") or "—", counts[department_id, "open"],
        counts[department_id, DeadlineState.OVERDUE.value], counts[department_id, DeadlineState.DUE_SOON.value],
        counts[department_id, "concluded"], counts[department_id, "concluded_late"]) for department_id in ids]
    return sorted(rows, key=lambda row: (-row.overdue, -(row.overdue_rate or 0), -row.open, row.name))


__all__ = ["case_events", "attachments_of", "case_or_404", "department_figures", "queue", "work_queue", "visible_case"]
