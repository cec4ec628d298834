"""The figures of the annual disclosure report, table 依申请公开 (国办公开办函〔2021〕30号), counted from records.

For a year, by applicant type (the template's columns):
  本年新收 (received in the year) + 上年结转 (received before, still open at its start)
  = 办理结果总计 (concluded in the year, by result and sub-result) + 结转下年度 (still open at its end).
The identity holds for every column by construction: a request belongs to exactly one of
"concluded in the year" and "open at the end of it" once it was received by then. Partial
disclosure counts once, as 部分公开. "Already public" replies count as 予以公开 (art.36(1)
answers them by telling the applicant where the information is).

Section 四 (行政复议、行政诉讼): the reconsiderations and lawsuits *filed in the year* about requests,
each with its result as it stood at the end of the year (维持 / 纠正 / 其他, or 尚未审结), so that a
year's report reads the same whenever it is generated. Litigation is split into 未经复议直接起诉 and
复议后起诉.

Fees: 国办函〔2020〕109号 asks every agency to report the information-processing fees it collected in
its annual report; `fees_collected` gives them for the year of payment, in 元 and in the report's 万元.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from .models import (
    REASONS_OF,
    ApplicantType,
    ChallengeKind,
    ChallengeResult,
    DisclosureRequest,
    Outcome,
    Reason,
    ReplyChallenge,
)

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


# The columns of each block of section 四, in the template's order.
PENDING = "pending"
CHALLENGE_COLUMNS: list[tuple[str, object]] = [
    (ChallengeResult.UPHELD, ChallengeResult.UPHELD.label),
    (ChallengeResult.CORRECTED, ChallengeResult.CORRECTED.label),
    (ChallengeResult.OTHER, ChallengeResult.OTHER.label),
    (PENDING, _("尚未审结")),
]


@dataclass
class ChallengeTable:
    """Section 四: for each kind (复议; 诉讼未经复议; 诉讼复议后), counts by result column, and the total."""

    year: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def total(self, kind: str) -> int:
        return sum(self.counts.get(kind, {}).values())


def challenge_table(year: int, *, requests: QuerySet[DisclosureRequest] | None = None) -> ChallengeTable:
    """The 复议诉讼 table for `year`: challenges filed in it, by result at its end (see the module's docstring)."""
    end = dt.date(year, 12, 31)
    qs = ReplyChallenge.objects.filter(filed_on__year=year)
    if requests is not None:
        qs = qs.filter(request__in=requests)
    table = ChallengeTable(year, {kind: dict.fromkeys([c for c, _label in CHALLENGE_COLUMNS], 0)
                                  for kind in ChallengeKind.values})
    for kind, result, decided_on in qs.values_list("kind", "result", "decided_on"):
        column = result if result and decided_on is not None and decided_on <= end else PENDING
        table.counts[kind][column] += 1
    return table


@dataclass(frozen=True)
class FeesCollected:
    requests: int
    yuan: Decimal

    @property
    def wan_yuan(self) -> Decimal:
        """万元, to four decimal places (one 元), as the report states money."""
        return (self.yuan / Decimal(10000)).quantize(Decimal("0.0001"))


def fees_collected(year: int, *, requests: QuerySet[DisclosureRequest] | None = None) -> FeesCollected:
    """Information-processing fees paid in `year` (by the day of payment), over `requests` (default: all)."""
    qs = (requests if requests is not None else DisclosureRequest.objects.all()).filter(
        fee_paid_on__year=year, fee_amount__gt=0)
    found = qs.aggregate(n=Count("id"), total=Sum("fee_amount"))
    return FeesCollected(found["n"] or 0, Decimal(found["total"] or 0).quantize(Decimal("0.01")))
