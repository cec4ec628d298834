"""What a benchmark version says, as plain values: read from a spreadsheet, the API or the demo, checked
(`check_specs`) and then written by `actions.adopt_versions`. Every refusal names the row it comes from.

The checks (国办发〔2022〕27号; 行政处罚法 2021 art.32–34): at least three tiers per statutory range; each
tier's minimum not above its maximum; tiers that do not overlap; 从轻 / 一般 / 从重 inside the statutory range,
减轻 below its minimum (and only where the law sets a minimum), 不予处罚 at zero; a 行政处罚 power item of the
department's list in force on the version's date. Where the law gives only a maximum and the tiers are left
out, the local default split (`YIFA_BENCHMARK_DEFAULT_SPLIT`: 从轻 ≤ 20 %, 一般 40–60 %, 从重 60–100 % of the
maximum) fills them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused

from .models import TIER_ORDER, Fact, PenaltyType, RangeKind, TierLevel

CENT = Decimal("0.01")
MIN_TIERS = 3
# 从轻 up to 20 % of the maximum, 一般 40–60 %, 从重 from 60 %: percentages of the statutory maximum.
DEFAULT_SPLIT: dict[str, tuple[int, int]] = {
    TierLevel.LENIENT: (0, 20), TierLevel.ORDINARY: (40, 60), TierLevel.SEVERE: (60, 100)}


def default_split() -> dict[str, tuple[Decimal, Decimal]]:
    """The setting `YIFA_BENCHMARK_DEFAULT_SPLIT` ({"lenient": [0, 20], …} in percent), else the default."""
    raw = getattr(settings, "YIFA_BENCHMARK_DEFAULT_SPLIT", None) or DEFAULT_SPLIT
    split: dict[str, tuple[Decimal, Decimal]] = {}
    for level, (low, high) in dict(raw).items():
        if level not in TierLevel.values:
            raise ValueError(f"YIFA_BENCHMARK_DEFAULT_SPLIT: unknown tier {level!r}")
        low_d, high_d = Decimal(str(low)), Decimal(str(high))
        if not (0 <= low_d <= high_d <= 100):
            raise ValueError(f"YIFA_BENCHMARK_DEFAULT_SPLIT: {level} must be 0 <= low <= high <= 100")
        split[level] = (low_d, high_d)
    return split


@dataclass(frozen=True)
class TierSpec:
    level: str
    minimum: Decimal
    maximum: Decimal
    conditions: str = ""
    row: int = 0


@dataclass(frozen=True)
class BracketSpec:
    statutory_max: Decimal
    statutory_min: Decimal = Decimal(0)
    kind: str = RangeKind.AMOUNT
    fact: str = ""
    fact_from: Decimal | None = None
    fact_below: Decimal | None = None
    tiers: tuple[TierSpec, ...] = ()
    row: int = 0


@dataclass(frozen=True)
class CircumstanceSpec:
    code: str
    label: str
    effect: str
    basis: str = ""
    first_offence: bool = False
    row: int = 0


@dataclass(frozen=True)
class VersionSpec:
    code: str
    violation: str
    power_code: str
    law: str
    violated_article: str
    penalty_article: str
    effective_from: dt.date
    penalty_types: tuple[str, ...] = (PenaltyType.FINE,)
    penalty_text: str = ""
    document: str = ""
    brackets: tuple[BracketSpec, ...] = ()
    circumstances: tuple[CircumstanceSpec, ...] = field(default=())
    row: int = 0


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


class BenchmarkRefused(ActionRefused):
    """The benchmarks were refused, nothing was written; `problems` says where and why, row by row."""

    MAX_LISTED = 200

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        where = _("第 %(row)s 行：") % {"row": first.row} if first.row else ""
        more = _("（共 %(n)s 处错误）") % {"n": len(problems)} if len(problems) > 1 else ""
        super().__init__(_("裁量基准有错误，未保存任何内容。") + where + first.message + more)


def with_default_tiers(bracket: BracketSpec) -> BracketSpec:
    """A bracket with only a statutory maximum and no tiers gets the local default split."""
    if bracket.tiers or bracket.statutory_min > 0:
        return bracket
    tiers = tuple(
        TierSpec(level, (bracket.statutory_max * low / 100).quantize(CENT, rounding=ROUND_HALF_UP),
                 (bracket.statutory_max * high / 100).quantize(CENT, rounding=ROUND_HALF_UP),
                 _("按本地默认划分：法定最高额的%(low)s%%至%(high)s%%") % {"low": low, "high": high}, bracket.row)
        for level, (low, high) in sorted(default_split().items(), key=lambda kv: TIER_ORDER.index(kv[0])))
    return replace(bracket, tiers=tiers)


def _check_bracket(bracket: BracketSpec, add: Any) -> None:
    labels = dict(TierLevel.choices)
    if bracket.kind not in RangeKind.values:
        add(bracket.row, "幅度单位", _("幅度单位须为“元”或“倍”。"))
        return
    if bracket.kind == RangeKind.MULTIPLE and not bracket.fact:
        add(bracket.row, "计罚事实", _("按倍数计罚的须写明计罚事实（货值金额、违法所得或违法经营额）。"))
    if bracket.fact and bracket.fact not in Fact.values:
        add(bracket.row, "计罚事实", _("未知的计罚事实。"))
    if bracket.statutory_min < 0 or bracket.statutory_max <= 0 or bracket.statutory_min > bracket.statutory_max:
        add(bracket.row, "法定最高", _("法定幅度有误：最低 %(min)s、最高 %(max)s。") % {
            "min": bracket.statutory_min, "max": bracket.statutory_max})
        return
    if bracket.fact_from is not None and bracket.fact_below is not None and bracket.fact_from >= bracket.fact_below:
        add(bracket.row, "事实金额不足", _("事实金额区间有误：下限须小于上限。"))
    if len(bracket.tiers) < MIN_TIERS:
        add(bracket.row, "裁量阶次", _("每个法定幅度至少须设三个裁量阶次，现有 %(n)s 个。") % {"n": len(bracket.tiers)})
    seen: set[str] = set()
    for tier in bracket.tiers:
        if tier.level not in TierLevel.values:
            add(tier.row, "裁量阶次", _("未知的裁量阶次。"))
            continue
        if tier.level in seen:
            add(tier.row, "裁量阶次", _("裁量阶次“%(tier)s”重复。") % {"tier": labels[tier.level]})
        seen.add(tier.level)
        if tier.minimum < 0 or tier.minimum > tier.maximum:
            add(tier.row, "下限", _("“%(tier)s”的下限 %(min)s 大于上限 %(max)s 或小于零。") % {
                "tier": labels[tier.level], "min": tier.minimum, "max": tier.maximum})
            continue
        if tier.level == TierLevel.NONE:
            if tier.maximum != 0:
                add(tier.row, "上限", _("“不予处罚”阶次的幅度须为零。"))
        elif tier.level == TierLevel.MITIGATED:
            # 减轻处罚: below the statutory minimum (行政处罚法 2021 art.32).
            if bracket.statutory_min <= 0:
                add(tier.row, "裁量阶次", _("法律只规定了最高额（没有最低额），不能设“减轻处罚”阶次。"))
            elif tier.maximum > bracket.statutory_min:
                add(tier.row, "上限", _("“减轻处罚”须低于法定最低 %(min)s，现上限为 %(max)s。") % {
                    "min": bracket.statutory_min, "max": tier.maximum})
        elif tier.minimum < bracket.statutory_min or tier.maximum > bracket.statutory_max:
            add(tier.row, "上限", _("“%(tier)s”的幅度 %(min)s–%(max)s 超出法定幅度 %(smin)s–%(smax)s。") % {
                "tier": labels[tier.level], "min": tier.minimum, "max": tier.maximum,
                "smin": bracket.statutory_min, "smax": bracket.statutory_max})
    ordered = sorted((t for t in bracket.tiers if t.level in TierLevel.values and t.minimum <= t.maximum),
                     key=lambda t: TIER_ORDER.index(t.level))
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        # Touching ends are allowed (从轻 up to 1,000, 一般 from 1,000); overlap or a reversed order is not.
        if upper.minimum < lower.maximum:
            add(upper.row, "下限", _("“%(upper)s”与“%(lower)s”的幅度重叠或顺序颠倒（%(lmin)s–%(lmax)s 与 %(umin)s–%(umax)s）。") % {
                "upper": labels[upper.level], "lower": labels[lower.level], "lmin": lower.minimum,
                "lmax": lower.maximum, "umin": upper.minimum, "umax": upper.maximum})


def check_specs(specs: list[VersionSpec], department: Any) -> list[Problem]:
    """Every problem of these versions; an empty list means they may be written."""
    from yifa.powers.models import Catalogue, PowerType, PowerVersion

    problems: list[Problem] = []

    def add(row: int, column: str, message: str) -> None:
        problems.append(Problem(row, column, message))

    seen: set[tuple[str, dt.date]] = set()
    for spec in specs:
        if not spec.code.strip() or len(spec.code) > 40:
            add(spec.row, "基准编号", _("基准编号必填，不超过 40 个字符。"))
        if not spec.violation.strip() or len(spec.violation) > 300:
            add(spec.row, "违法行为", _("违法行为必填，不超过 300 字。"))
        if not spec.law.strip() or not spec.violated_article.strip() or not spec.penalty_article.strip():
            add(spec.row, "处罚依据条款", _("须写明法律法规名称、违法条款和处罚依据条款。"))
        unknown = [t for t in spec.penalty_types if t not in PenaltyType.values]
        if unknown or not spec.penalty_types:
            add(spec.row, "处罚种类", _("处罚种类须为《行政处罚法》第九条所列种类。"))
        if (spec.code, spec.effective_from) in seen:
            add(spec.row, "基准编号", _("同一基准编号在同一生效日期出现了两次。"))
        seen.add((spec.code, spec.effective_from))
        day = spec.effective_from
        power = PowerVersion.objects.filter(
            item__catalogue=Catalogue.POWER, department=department, code=spec.power_code,
            effective_from__lte=day).filter(Q(effective_to__isnull=True) | Q(effective_to__gt=day)).first()
        if power is None:
            add(spec.row, "权力事项编码", _("权力事项“%(code)s”不在本部门 %(day)s 有效的权责清单中。") % {
                "code": spec.power_code[:40], "day": day})
        elif power.power_type != PowerType.PENALTY:
            add(spec.row, "权力事项编码", _("权力事项“%(code)s”不是行政处罚事项。") % {"code": spec.power_code})
        if not spec.brackets:
            add(spec.row, "法定最高", _("至少须有一个法定幅度。"))
        for bracket in spec.brackets:
            _check_bracket(bracket, add)
        codes: set[str] = set()
        levels = {t.level for b in spec.brackets for t in b.tiers}
        for c in spec.circumstances:
            if not c.code or c.code in codes:
                add(c.row, "情节代码", _("情节代码必填且不得重复。"))
            codes.add(c.code)
            if c.effect not in TierLevel.values or c.effect == TierLevel.ORDINARY:
                add(c.row, "适用阶次", _("情节须导向不予处罚、减轻、从轻或从重阶次。"))
            elif c.effect not in levels and c.effect not in (TierLevel.MITIGATED, TierLevel.NONE):
                add(c.row, "适用阶次", _("情节“%(label)s”导向的阶次本基准未设定。") % {"label": c.label[:60]})
            if c.first_offence and c.effect != TierLevel.NONE:
                add(c.row, "首违不罚", _("首违不罚情节须导向“不予处罚”阶次（《行政处罚法》第三十三条第一款）。"))
    return problems
