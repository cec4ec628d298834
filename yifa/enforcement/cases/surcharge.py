"""The late-payment surcharge (加处罚款): 3 % of the fine for each day after the payment period ends, never
more than the fine itself (行政处罚法 2021 art.72(一); before 2021-07-15, art.51(一) with the cap of 行政强制法
art.45, in force 2012-01-01). Shown with its arithmetic, so the party and the officer can check it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from yifa.calendar.engine import count_days
from yifa.calendar.periods import Unit
from yifa.calendar.workcalendar import WorkCalendar, current_calendar

RATE = Decimal("0.03")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Surcharge:
    fine: Decimal
    due_date: dt.date
    as_of: dt.date
    days: int
    uncapped: Decimal
    amount: Decimal
    capped: bool
    basis: str

    @property
    def total(self) -> Decimal:
        return self.fine + self.amount

    @property
    def lines(self) -> list[str]:
        if self.days == 0:
            return [_("缴纳期限 %(due)s 届满前（截至 %(day)s），不加处罚款。") % {"due": self.due_date, "day": self.as_of}]
        lines = [
            _("逾期日数：缴纳期限 %(due)s 届满次日起至 %(day)s，共 %(days)s 日。") % {
                "due": self.due_date, "day": self.as_of, "days": self.days},
            _("罚款 %(fine)s 元 × 3%% × %(days)s 日 = %(amount)s 元。") % {
                "fine": _money(self.fine), "days": self.days, "amount": _money(self.uncapped)},
        ]
        if self.capped:
            lines.append(_("加处罚款的数额不得超出罚款的数额，按 %(fine)s 元计。") % {"fine": _money(self.fine)})
        lines.append(_("加处罚款 %(amount)s 元，连同罚款合计 %(total)s 元（%(basis)s）。") % {
            "amount": _money(self.amount), "total": _money(self.total), "basis": self.basis})
        return lines


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def compute_surcharge(fine: Decimal, due_date: dt.date, as_of: dt.date, *, basis: str,
                      calendar: WorkCalendar | None = None) -> Surcharge:
    """The surcharge owed on `as_of` for `fine` whose payment period ended on `due_date` (that day counted as
    in time). The days are counted by the deadline engine, calendar days after the due date."""
    fine = Decimal(fine).quantize(CENT)
    days = count_days(calendar or current_calendar(), due_date, as_of, Unit.DAY) if as_of > due_date else 0
    uncapped = (fine * RATE * days).quantize(CENT, rounding=ROUND_HALF_UP)
    capped = uncapped > fine
    return Surcharge(fine, due_date, as_of, days, uncapped, fine if capped else uncapped, capped, basis)
