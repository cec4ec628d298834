"""The discretion calculator (裁量计算器): from a violation, the case's circumstances and facts, the tier
that applies, the recommended range in 元 and the reasons, citing the articles. Nothing here writes.

`recommend()` picks the benchmark version in force on the date of the case (a new version governs from its
own date; an act is judged by the benchmark in force when it was decided), the bracket of the penalty
article the facts fall in (e.g. 货值金额不足一万元 / 一万元以上) and the tier:

* a circumstance leading to 不予处罚 (whether or not the benchmark tabulates that tier) (行政处罚法 2021 art.33: 违法行为轻微并及时改正，没有造成危害后果;
  首违不罚: 初次违法且危害后果轻微并及时改正) gives 不予处罚, unless an aggravating circumstance is also present;
* with both aggravating and mitigating circumstances, the 一般 tier (综合裁量, 国办发〔2022〕27号 二(三));
* otherwise the mildest tier a mitigating circumstance leads to (art.32: 从轻或者减轻), or 从重 with an
  aggravating one, or 一般 with none.

`check_amount()` says whether a fine is inside the recommended range, inside another tier (allowed with a
written reason, and the decision then goes to 法制审核 — the cases part enforces that), or outside every
tier (refused). The names `recommend`, `Recommendation`, `check_amount`, `AmountCheck` are stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused

from .models import TIER_ORDER, Benchmark, BenchmarkVersion, Bracket, Fact, RangeKind, TierLevel

CENT = Decimal("0.01")
MAX_FACT = Decimal("1000000000000")  # 一万亿元: anything larger is a typing error
# 行政处罚法 2021 revision in force from this day (art.86); before it, the 2017 text applies.
PENALTY_LAW_2021 = dt.date(2021, 7, 15)


class CalculationRefused(ActionRefused):
    """The calculator cannot answer: unknown circumstance, a missing or malformed fact, no version in force."""


@dataclass(frozen=True)
class TierRange:
    level: str
    label: str
    minimum: Decimal  # 元
    maximum: Decimal  # 元
    conditions: str = ""

    def contains(self, amount: Decimal) -> bool:
        return self.minimum <= amount <= self.maximum


@dataclass(frozen=True)
class Recommendation:
    version_id: int
    code: str
    violation: str
    tier: str  # a TierLevel value
    tier_label: str
    minimum: Decimal  # 元
    maximum: Decimal  # 元
    reasons: list[str]
    tiers: tuple[TierRange, ...] = field(default=())  # every tier of the bracket, in 元, mildest first
    statutory_minimum: Decimal = Decimal(0)
    statutory_maximum: Decimal = Decimal(0)
    penalty_types: tuple[str, ...] = ()

    @property
    def no_penalty(self) -> bool:
        return self.tier == TierLevel.NONE

    def range_text(self) -> str:
        if self.no_penalty:
            return _("不予处罚")
        return _("%(min)s元至%(max)s元") % {"min": money(self.minimum), "max": money(self.maximum)}


class Verdict:
    IN_RANGE = "in_range"  # inside the recommended range
    OTHER_TIER = "other_tier"  # inside another tier: a written reason, and 法制审核
    OUTSIDE = "outside"  # outside every tier: refused


@dataclass(frozen=True)
class AmountCheck:
    verdict: str
    tier: str | None  # the tier the amount falls in, if any
    message: str

    @property
    def allowed(self) -> bool:
        return self.verdict != Verdict.OUTSIDE

    @property
    def needs_reason(self) -> bool:
        """Outside the recommended range: the decision needs a written reason and goes to 法制审核."""
        return self.verdict == Verdict.OTHER_TIER


def money(value: Decimal) -> str:
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{value:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def to_decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise CalculationRefused(_("%(what)s不是有效的金额：%(value)s") % {"what": what, "value": str(value)[:40]}) from None
    if not number.is_finite() or number < 0:
        raise CalculationRefused(_("%(what)s须为不小于零的金额。") % {"what": what})
    if number > MAX_FACT:
        raise CalculationRefused(_("%(what)s超出可受理的范围（一万亿元）。") % {"what": what})
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def version_in_force(benchmark: Benchmark, on: dt.date) -> BenchmarkVersion | None:
    return (BenchmarkVersion.objects.filter(benchmark=benchmark, effective_from__lte=on)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on)).first())


def _resolve(violation: Benchmark | BenchmarkVersion | int, on: dt.date) -> BenchmarkVersion:
    if isinstance(violation, BenchmarkVersion):
        return violation
    benchmark = violation if isinstance(violation, Benchmark) else Benchmark.objects.filter(pk=violation).first()
    if benchmark is None:
        raise CalculationRefused(_("找不到该裁量基准。"))
    version = version_in_force(benchmark, on)
    if version is None:
        raise CalculationRefused(_("裁量基准 %(code)s 在 %(day)s 没有有效的版本。") % {"code": benchmark.code, "day": on})
    return version


def _statute(on: dt.date) -> dict[str, str]:
    """The articles of 行政处罚法 the text in force on `on` uses for 从轻/减轻, 不予处罚 and 从重 (综合裁量)."""
    if on >= PENALTY_LAW_2021:
        return {"lighter": _("《中华人民共和国行政处罚法》（2021年修订）第三十二条"),
                "none": _("《中华人民共和国行政处罚法》（2021年修订）第三十三条"),
                "discretion": _("《中华人民共和国行政处罚法》（2021年修订）第三十四条")}
    return {"lighter": _("《中华人民共和国行政处罚法》（2017年修正）第二十七条第一款"),
            "none": _("《中华人民共和国行政处罚法》（2017年修正）第二十七条第二款"),
            "discretion": _("《中华人民共和国行政处罚法》（2017年修正）第四条第二款")}


def _pick_bracket(version: BenchmarkVersion, facts: Mapping[str, Decimal]) -> tuple[Bracket, list[str]]:
    brackets = list(version.brackets.prefetch_related("tiers").all())
    fact_labels = dict(Fact.choices)
    needed = sorted({b.fact for b in brackets if b.fact})
    for fact in needed:
        if fact not in facts:
            raise CalculationRefused(_("请填写%(fact)s：本违法行为的罚款按%(fact)s计算。") % {"fact": fact_labels[fact]})
    for bracket in brackets:
        if bracket.applies_to(facts.get(bracket.fact) if bracket.fact else None):
            lines = []
            if bracket.fact:
                lines.append(_("%(fact)s %(value)s 元，适用%(article)s规定的幅度：%(range)s。") % {
                    "fact": fact_labels[bracket.fact], "value": money(facts[bracket.fact]),
                    "article": version.penalty_citation, "range": statutory_text(bracket)})
            else:
                lines.append(_("%(article)s规定的幅度：%(range)s。") % {
                    "article": version.penalty_citation, "range": statutory_text(bracket)})
            return bracket, lines
    raise CalculationRefused(_("所填事实金额不在本基准任何法定幅度内，请核对。"))


def statutory_text(bracket: Bracket) -> str:
    unit = _("倍") if bracket.kind == RangeKind.MULTIPLE else _("元")
    prefix = dict(Fact.choices).get(bracket.fact, "") if bracket.kind == RangeKind.MULTIPLE else ""
    if bracket.statutory_min > 0:
        return _("%(prefix)s%(min)s%(unit)s以上%(max)s%(unit)s以下罚款") % {
            "prefix": prefix, "min": money(bracket.statutory_min), "max": money(bracket.statutory_max), "unit": unit}
    return _("%(prefix)s%(max)s%(unit)s以下罚款") % {"prefix": prefix, "max": money(bracket.statutory_max), "unit": unit}


def _in_yuan(bracket: Bracket, value: Decimal, facts: Mapping[str, Decimal]) -> Decimal:
    if bracket.kind == RangeKind.MULTIPLE:
        return (value * facts[bracket.fact]).quantize(CENT, rounding=ROUND_HALF_UP)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def recommend(
    violation: Benchmark | BenchmarkVersion | int,
    *,
    circumstances: Iterable[str] = (),
    facts: Mapping[str, Any] | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """The tier and range the benchmark in force on `on` recommends for these circumstances and facts.

    `violation` is a Benchmark (its version in force on `on` is used), a BenchmarkVersion, or a Benchmark's
    id; `circumstances` are Circumstance codes of that version; `facts` maps Fact values (goods_value,
    illegal_gain, proceeds) to amounts in 元. Raises CalculationRefused with a readable message."""
    on = on or timezone.localdate()
    version = _resolve(violation, on)
    labels = dict(TierLevel.choices)
    fact_labels = dict(Fact.choices)
    clean: dict[str, Decimal] = {}
    for key, value in (facts or {}).items():
        if value is None or str(value).strip() == "":
            continue
        if key not in fact_labels:
            raise CalculationRefused(_("未知的事实项：%(key)s") % {"key": str(key)[:40]})
        clean[key] = to_decimal(value, str(fact_labels[key]))
    known = {c.code: c for c in version.circumstances.all()}
    chosen = []
    for code in dict.fromkeys(circumstances):
        if code not in known:
            raise CalculationRefused(_("情节“%(code)s”不属于本裁量基准。") % {"code": str(code)[:40]})
        chosen.append(known[code])
    statute = _statute(on)
    reasons = [_("违法行为：%(violation)s，违反%(violated)s；依据%(penalty)s处罚（裁量基准 %(code)s，%(day)s起施行）。") % {
        "violation": version.violation, "violated": version.violated_citation, "penalty": version.penalty_citation,
        "code": version.code, "day": version.effective_from}]
    bracket, lines = _pick_bracket(version, clean)
    reasons += lines
    tiers = {t.level: t for t in bracket.tiers.all()}

    usable = []
    for c in chosen:
        if c.first_offence and on < PENALTY_LAW_2021:
            reasons.append(_("“%(label)s”：首违不罚自2021年7月15日起施行（%(article)s）；本案日期适用的"
                             "《中华人民共和国行政处罚法》（2017年修正）没有这一规定，不适用。") % {
                "label": c.label, "article": _("《中华人民共和国行政处罚法》（2021年修订）第三十三条第一款")})
            continue
        usable.append(c)
    aggravating = [c for c in usable if c.is_aggravating]
    mitigating = [c for c in usable if c.is_mitigating]

    def cite(c: Any) -> str:
        basis = c.basis or (statute["none"] if c.effect == TierLevel.NONE else statute["lighter"])
        return _("“%(label)s”（%(basis)s）") % {"label": c.label, "basis": basis}

    if aggravating and mitigating:
        level = TierLevel.ORDINARY
        reasons.append(_("同时具有从重情节%(agg)s和从轻、减轻或不予处罚情节%(mit)s，综合裁量，适用一般阶次（%(article)s）。") % {
            "agg": "、".join(cite(c) for c in aggravating), "mit": "、".join(cite(c) for c in mitigating),
            "article": statute["discretion"]})
    elif mitigating:
        mildest = min(mitigating, key=lambda c: TIER_ORDER.index(c.effect))
        level = TierLevel(mildest.effect)
        reasons.append(_("具有情节%(list)s，适用%(tier)s阶次。") % {
            "list": "、".join(cite(c) for c in mitigating), "tier": labels[level]})
    elif aggravating:
        level = TierLevel.SEVERE
        reasons.append(_("具有从重情节%(list)s，适用从重处罚阶次。") % {"list": "、".join(cite(c) for c in aggravating)})
    else:
        level = TierLevel.ORDINARY
        reasons.append(_("无从重、从轻或减轻情节，适用一般处罚阶次。"))

    none_by_law = level == TierLevel.NONE and level not in tiers
    if none_by_law:
        # 不予处罚 is the law's answer (行政处罚法 art.33), whether or not the benchmark tabulates it.
        reasons.append(_("本基准未单列不予处罚阶次，依法不予处罚。"))
    elif level not in tiers:
        # The benchmark does not set this tier for this bracket: the nearest tier towards 一般 applies.
        target = TIER_ORDER.index(TierLevel.ORDINARY)
        step = 1 if TIER_ORDER.index(level) < target else -1
        index = TIER_ORDER.index(level)
        while TIER_ORDER[index] not in tiers and index != target:
            index += step
        fallback = TierLevel(TIER_ORDER[index])
        if fallback not in tiers:
            raise CalculationRefused(_("裁量基准 %(code)s 未设定一般阶次，无法计算。") % {"code": version.code})
        reasons.append(_("本基准未设%(tier)s阶次，按%(fallback)s阶次裁量。") % {
            "tier": labels[level], "fallback": labels[fallback]})
        level = fallback

    ranges = tuple(
        TierRange(t.level, str(labels[t.level]), _in_yuan(bracket, t.minimum, clean), _in_yuan(bracket, t.maximum, clean),
                  t.conditions)
        for t in sorted(tiers.values(), key=lambda t: TIER_ORDER.index(t.level)))
    if none_by_law:
        ranges = (TierRange(TierLevel.NONE, str(labels[TierLevel.NONE]), Decimal(0), Decimal(0)), *ranges)
    chosen_range = next(r for r in ranges if r.level == level)
    if bracket.kind == RangeKind.MULTIPLE and level != TierLevel.NONE:
        tier = tiers[level]
        reasons.append(_("%(tier)s阶次为%(fact)s的%(min)s倍至%(max)s倍：%(value)s × %(min)s = %(ymin)s 元，%(value)s × %(max)s = %(ymax)s 元。") % {
            "tier": labels[level], "fact": fact_labels[bracket.fact], "min": money(tier.minimum),
            "max": money(tier.maximum), "value": money(clean[bracket.fact]),
            "ymin": money(chosen_range.minimum), "ymax": money(chosen_range.maximum)})
    if level == TierLevel.NONE:
        reasons.append(_("建议：不予行政处罚（%(article)s）；应当对当事人进行教育。") % {"article": statute["none"]})
    else:
        reasons.append(_("建议罚款幅度：%(min)s元至%(max)s元。") % {
            "min": money(chosen_range.minimum), "max": money(chosen_range.maximum)})
    return Recommendation(
        version_id=version.pk, code=version.code, violation=version.violation, tier=level,
        tier_label=str(labels[level]), minimum=chosen_range.minimum, maximum=chosen_range.maximum, reasons=reasons,
        tiers=ranges, statutory_minimum=_in_yuan(bracket, bracket.statutory_min, clean),
        statutory_maximum=_in_yuan(bracket, bracket.statutory_max, clean),
        penalty_types=tuple(version.penalty_types),
    )


def check_amount(recommendation: Recommendation, amount: Any) -> AmountCheck:
    """Where a proposed fine (元) stands against the recommendation: see `Verdict`."""
    value = to_decimal(amount, _("罚款金额"))
    if recommendation.minimum <= value <= recommendation.maximum:
        return AmountCheck(Verdict.IN_RANGE, recommendation.tier, _("罚款 %(amount)s 元在建议幅度（%(tier)s：%(range)s）内。") % {
            "amount": money(value), "tier": recommendation.tier_label, "range": recommendation.range_text()})
    for tier in recommendation.tiers:
        if tier.contains(value):
            return AmountCheck(Verdict.OTHER_TIER, tier.level, _(
                "罚款 %(amount)s 元不在建议幅度（%(tier)s：%(range)s）内，属于%(other)s阶次；须书面说明理由，并提交法制审核。") % {
                "amount": money(value), "tier": recommendation.tier_label, "range": recommendation.range_text(),
                "other": tier.label})
    spans = "；".join(f"{t.label} {money(t.minimum)}–{money(t.maximum)}元" for t in recommendation.tiers)
    return AmountCheck(Verdict.OUTSIDE, None, _(
        "罚款 %(amount)s 元不在裁量基准 %(code)s 的任何阶次内（%(spans)s），不能作出该决定。") % {
        "amount": money(value), "code": recommendation.code, "spans": spans})
