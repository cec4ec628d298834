"""The figures of the annual disclosure report, table 依申请公开 (国办公开办函〔2021〕30号), counted from records.

For a year, by applicant type (the template's columns):
  本年新收 (received in the year) + 上年结转 (received before, still open at its start)
  = 办理结果总计 (concluded in the year, by result and sub-result) + 结转下年度 (still open at its end).
The identity holds for every column by construction: a request belongs to exactly one of
"concluded in the year" and "open at the end of it" once it was received by then. Partial
disclosure counts once, as 部分公开. "Already public" replies count as 予以公开 (art.36(1)
answers them by telling the applicant where the information is).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import REASONS_OF, ApplicantType, DisclosureRequest, Outcome, Reason

COLUMNS = list(ApplicantType.values)
# The result rows as the template lists them: (outcome, reason or "", label).
RESULT_ROWS: list[tuple[str, str, object]] = [
    (Outcome.GRANTED, "", _("（一）予以公开")),
    (Outcome.PARTIAL, "", _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    *[(Outcome.REFUSED, r, Reason(r).label) for r in REASONS_OF[Outcome.REFUSED]],
    *[(Outcome.UNAVAILABLE, r, Reason(r).label) for r in REASONS_OF[Outcome.UNAVAILABLE]],
    *[(Outcome.NOT_PROCESSED, r, Reason(r).label) for r in REASONS_OF[Outcome.NOT_PROCESSED]],
    *[(Outcome.OTHER, r, Reason(r).label) for r in REASONS_OF[Outcome.OTHER]],
]
GROUP_LABELS = {
    Outcome.REFUSED: _("（三）不予公开"),
    Outcome.UNAVAILABLE: _("（四）无法提供"),
    Outcome.NOT_PROCESSED: _("（五）不予处理"),
    Outcome.OTHER: _("（六）其他处理"),
}
# Outcomes counted in another row of the template.
COUNTED_AS = {Outcome.ALREADY_PUBLIC: Outcome.GRANTED}


@dataclass
class DisclosureTable:
    year: int
    received: dict[str, int] = field(default_factory=dict)
    carried_over: dict[str, int] = field(default_factory=dict)
    results: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    carried_forward: dict[str, int] = field(default_factory=dict)

    def results_total(self, column: str) -> int:
        return sum(row.get(column, 0) for row in self.results.values())

    def group_total(self, outcome: str, column: str) -> int:
        return sum(row.get(column, 0) for (o, _r), row in self.results.items() if o == outcome)

    def balances(self) -> bool:
        """本年新收 + 上年结转 = 办理结果总计 + 结转下年度, in every column."""
        return all(
            self.received.get(c, 0) + self.carried_over.get(c, 0) == self.results_total(c) + self.carried_forward.get(c, 0)
            for c in COLUMNS
        )


def _by_type(qs: QuerySet[DisclosureRequest]) -> dict[str, int]:
    counts = dict(qs.values_list("applicant_type").annotate(n=Count("id")).values_list("applicant_type", "n"))
    return {column: counts.get(column, 0) for column in COLUMNS}


def disclosure_table(year: int, *, requests: QuerySet[DisclosureRequest] | None = None) -> DisclosureTable:
    """The 依申请公开 table for `year` over `requests` (default: all; pass a department's queryset)."""
    qs = (requests if requests is not None else DisclosureRequest.objects.all()).filter(received_on__isnull=False)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = DisclosureTable(year)
    table.received = _by_type(qs.filter(received_on__range=(start, end)))
    table.carried_over = _by_type(qs.filter(received_on__lt=start).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)))
    table.carried_forward = _by_type(qs.filter(received_on__lte=end).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)))
    concluded = qs.filter(concluded_on__range=(start, end))
    rows = {(o, r): dict.fromkeys(COLUMNS, 0) for o, r, _label in RESULT_ROWS}
    for outcome, reason, applicant_type, n in concluded.values_list("outcome", "outcome_reason", "applicant_type").annotate(
            n=Count("id")).values_list("outcome", "outcome_reason", "applicant_type", "n"):
        outcome = COUNTED_AS.get(outcome, outcome)  # type: ignore[call-overload]
        key = (outcome, reason if outcome in REASONS_OF else "")
        rows.setdefault(key, dict.fromkeys(COLUMNS, 0))[applicant_type] += n  # type: ignore[index]
    table.results = rows
    return table
