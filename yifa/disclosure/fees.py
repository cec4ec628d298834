"""Information-processing fees (国办函〔2020〕109号《政府信息公开信息处理费管理办法》).

An agency charges a request by one method, never both:
- by count (按件计收), per applicant per natural month: up to 10 requests free; the 11th to 30th
  100元 each; from the 31st, each further band of 10 requests costs 100元 more each;
- by pages (按量计收), per request: up to 30 pages free; pages 31–100 10元 a page; 101–200 20元 a
  page; from 201 40元 a page.
The calculator returns the amount and the lines that explain it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused

BY_COUNT = "count"
BY_PAGES = "pages"
METHODS = (BY_COUNT, BY_PAGES)
FREE_REQUESTS = 10
FREE_PAGES = 30
MAX_PAGES = 1_000_000


@dataclass(frozen=True)
class Fee:
    method: str
    amount: Decimal
    lines: tuple[str, ...]


def fee_by_count(nth_in_month: int) -> Fee:
    """The fee for an applicant's n-th request in a natural month."""
    if isinstance(nth_in_month, bool) or not isinstance(nth_in_month, int) or nth_in_month < 1:
        raise ActionRefused(_("本月第几件申请必须是正整数。"))
    if nth_in_month <= FREE_REQUESTS:
        amount = Decimal(0)
        line = _("本月第 %(n)s 件申请（10 件以内）：不收费。") % {"n": nth_in_month}
    elif nth_in_month <= 30:
        amount = Decimal(100)
        line = _("本月第 %(n)s 件申请（第 11—30 件）：100 元/件。") % {"n": nth_in_month}
    else:
        band = (nth_in_month - 31) // 10 + 1  # 31–40 is band 1: 200元; 41–50 band 2: 300元 …
        amount = Decimal(100 + 100 * band)
        low, high = 31 + (band - 1) * 10, 30 + band * 10
        line = _("本月第 %(n)s 件申请（第 %(low)s—%(high)s 件）：%(amount)s 元/件。") % {
            "n": nth_in_month, "low": low, "high": high, "amount": amount}
    return Fee(BY_COUNT, amount, (line, _("按件计收，合计 %(amount)s 元。") % {"amount": amount}))


PAGE_BANDS = ((31, 100, Decimal(10)), (101, 200, Decimal(20)), (201, None, Decimal(40)))


def fee_by_pages(pages: int) -> Fee:
    """The fee for one request of `pages` pages (each part of the page count at its own rate)."""
    if isinstance(pages, bool) or not isinstance(pages, int) or pages < 0:
        raise ActionRefused(_("页数必须是非负整数。"))
    if pages > MAX_PAGES:
        raise ActionRefused(_("页数 %(pages)s 过大，请核对。") % {"pages": pages})
    lines = [_("前 30 页（含）不收费。")]
    total = Decimal(0)
    for low, high, rate in PAGE_BANDS:
        if pages < low:
            break
        top = pages if high is None else min(pages, high)
        count = top - low + 1
        part = rate * count
        total += part
        lines.append(_("第 %(low)s—%(top)s 页共 %(count)s 页 × %(rate)s 元 = %(part)s 元。") % {
            "low": low, "top": top, "count": count, "rate": rate, "part": part})
    lines.append(_("按量计收，合计 %(amount)s 元。") % {"amount": total})
    return Fee(BY_PAGES, total, tuple(lines))


def calculate(method: str, *, pages: int | None = None, nth_in_month: int | None = None) -> Fee:
    """One method per request, never both (国办函〔2020〕109号)."""
    if method == BY_COUNT:
        if pages is not None:
            raise ActionRefused(_("按件计收和按量计收不能同时使用。"))
        return fee_by_count(nth_in_month or 0)
    if method == BY_PAGES:
        if nth_in_month is not None:
            raise ActionRefused(_("按件计收和按量计收不能同时使用。"))
        return fee_by_pages(pages if pages is not None else -1)
    raise ActionRefused(_("未知的收费方式“%(method)s”：请选择按件计收或按量计收。") % {"method": method})
