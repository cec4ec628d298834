"""The benchmarks tables: a violation's benchmark and its effective-dated versions (行政处罚裁量基准).

A `Benchmark` is the identity of one violation (违法行为) in one department's benchmark list and never
changes its code. What the benchmark says lives in `BenchmarkVersion`s, in force from `effective_from`
up to, not including, `effective_to` — as the power lists keep their versions (yifa.powers.models). A
version cites a 行政处罚 power item of the department's list and two articles: the article violated and
the article that sets the penalty. The penalty article may set different ranges for different facts
(食品安全法 art.124: 货值金额不足一万元的 五万元以上十万元以下; 一万元以上的 货值金额十倍以上二十倍以下):
each is a `Bracket` with its statutory range, in 元 or in multiples of the fact, and its tiers (`Tier`:
不予处罚 / 减轻 / 从轻 / 一般 / 从重; at least three). `Circumstance`s say which tier a fact of the case
leads to (行政处罚法 2021 art.32 从轻或减轻, art.33 不予处罚 and 首违不罚).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["Benchmark", "BenchmarkVersion", "Bracket", "Circumstance", "Tier"]


def amount_text(value: Decimal | None) -> str:
    """12,345.6 → "12,345.60"; whole amounts without decimals ("65,000")."""
    if value is None:
        return ""
    text = f"{Decimal(value):,.2f}"
    return text[:-3] if text.endswith(".00") else text


class TierLevel(models.TextChoices):
    """The tiers of a benchmark, mildest first (行政处罚法 2021 art.32–33; 国办发〔2022〕27号)."""

    NONE = "none", _("不予处罚")
    MITIGATED = "mitigated", _("减轻处罚")
    LENIENT = "lenient", _("从轻处罚")
    ORDINARY = "ordinary", _("一般处罚")
    SEVERE = "severe", _("从重处罚")


TIER_ORDER: list[str] = [TierLevel.NONE, TierLevel.MITIGATED, TierLevel.LENIENT, TierLevel.ORDINARY,
                         TierLevel.SEVERE]


class RangeKind(models.TextChoices):
    AMOUNT = "amount", _("罚款金额（元）")
    MULTIPLE = "multiple", _("事实金额的倍数")


class Fact(models.TextChoices):
    """The amounts a penalty article measures a fine by."""

    GOODS_VALUE = "goods_value", _("货值金额")
    ILLEGAL_GAIN = "illegal_gain", _("违法所得")
    PROCEEDS = "proceeds", _("违法经营额")


class PenaltyType(models.TextChoices):
    """The kinds of administrative penalty (行政处罚法 2021 art.9)."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAIN = "confiscate_gain", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_PERMIT = "suspend_permit", _("暂扣许可证件")
    LOWER_QUALIFICATION = "lower_qualification", _("降低资质等级")
    REVOKE_PERMIT = "revoke_permit", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")


class Benchmark(models.Model):
    """One violation in one department's benchmark list, across all its versions."""

    department = models.ForeignKey("org.Department", verbose_name=_("制定部门"), on_delete=models.PROTECT,
                                   related_name="+")
    code = models.CharField(_("基准编号"), max_length=40)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")
        ordering = ["department", "code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "code"], name="enforcement_benchmark_unique_code"),
        ]

    def __str__(self) -> str:
        return self.code


class BenchmarkVersion(models.Model):
    """What a benchmark says from one date to another. Written once, never edited; a new version ends it."""

    benchmark = models.ForeignKey(Benchmark, verbose_name=_("裁量基准"), on_delete=models.CASCADE,
                                  related_name="versions")
    department = models.ForeignKey("org.Department", verbose_name=_("制定部门"), on_delete=models.PROTECT,
                                   related_name="+")
    code = models.CharField(_("基准编号"), max_length=40)
    violation = models.CharField(_("违法行为"), max_length=300)
    power_item = models.ForeignKey("powers.Item", verbose_name=_("对应权力事项"), on_delete=models.PROTECT,
                                   related_name="+")
    law = models.CharField(_("法律法规名称"), max_length=200)
    violated_article = models.CharField(_("违法条款"), max_length=80)
    penalty_article = models.CharField(_("处罚依据条款"), max_length=80)
    penalty_text = models.TextField(_("处罚依据条文"), blank=True)
    penalty_types = models.JSONField(_("处罚种类"), default=list)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    document = models.CharField(_("制定文件"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # When the public copy (site search) was brought up to date: on or after the effective date.
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("裁量基准版本")
        verbose_name_plural = _("裁量基准版本")
        ordering = ["code", "effective_from"]
        indexes = [
            models.Index(fields=["department", "code"], name="enf_bv_dept_code"),
            models.Index(fields=["effective_to", "effective_from"], name="enf_bv_dates"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "effective_from"], name="enforcement_bv_one_per_date"),
            models.CheckConstraint(condition=Q(effective_to__isnull=True) | Q(effective_to__gt=models.F("effective_from")),
                                   name="enforcement_bv_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.violation}（{self.effective_from}）"

    @property
    def violated_citation(self) -> str:
        return f"《{self.law}》{self.violated_article}"

    @property
    def penalty_citation(self) -> str:
        return f"《{self.law}》{self.penalty_article}"

    def penalty_type_labels(self) -> list[str]:
        labels = dict(PenaltyType.choices)
        return [str(labels.get(t, t)) for t in self.penalty_types]


class Bracket(models.Model):
    """One statutory range of a penalty article, for facts from `fact_from` (inclusive) up to `fact_below`."""

    version = models.ForeignKey(BenchmarkVersion, on_delete=models.CASCADE, related_name="brackets")
    position = models.PositiveSmallIntegerField(default=0)
    fact = models.CharField(_("计罚事实"), max_length=16, choices=Fact.choices, blank=True)
    fact_from = models.DecimalField(_("事实金额自（含）"), max_digits=16, decimal_places=2, null=True, blank=True)
    fact_below = models.DecimalField(_("事实金额不足"), max_digits=16, decimal_places=2, null=True, blank=True)
    kind = models.CharField(_("幅度单位"), max_length=16, choices=RangeKind.choices, default=RangeKind.AMOUNT)
    statutory_min = models.DecimalField(_("法定最低"), max_digits=16, decimal_places=2, default=0)
    statutory_max = models.DecimalField(_("法定最高"), max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = _("法定幅度")
        verbose_name_plural = _("法定幅度")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return f"{self.version_id}:{self.position}"

    @property
    def min_text(self) -> str:
        return amount_text(self.statutory_min)

    @property
    def max_text(self) -> str:
        return amount_text(self.statutory_max)

    @property
    def from_text(self) -> str:
        return amount_text(self.fact_from)

    @property
    def below_text(self) -> str:
        return amount_text(self.fact_below)

    def applies_to(self, value: object) -> bool:
        if not self.fact:
            return True
        if value is None:
            return False
        if self.fact_from is not None and value < self.fact_from:  # type: ignore[operator]
            return False
        return not (self.fact_below is not None and value >= self.fact_below)  # type: ignore[operator]


class Tier(models.Model):
    """A tier of a bracket with its quantified range (元, or multiples of the bracket's fact)."""

    bracket = models.ForeignKey(Bracket, on_delete=models.CASCADE, related_name="tiers")
    level = models.CharField(_("裁量阶次"), max_length=16, choices=TierLevel.choices)
    minimum = models.DecimalField(_("下限"), max_digits=16, decimal_places=2)
    maximum = models.DecimalField(_("上限"), max_digits=16, decimal_places=2)
    conditions = models.TextField(_("适用情形"), blank=True)

    class Meta:
        verbose_name = _("裁量阶次")
        verbose_name_plural = _("裁量阶次")
        ordering = ["bracket", "minimum"]
        constraints = [
            models.UniqueConstraint(fields=["bracket", "level"], name="enforcement_tier_one_per_level"),
            models.CheckConstraint(condition=Q(minimum__lte=models.F("maximum")), name="enforcement_tier_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.minimum}–{self.maximum}"

    @property
    def min_text(self) -> str:
        return amount_text(self.minimum)

    @property
    def max_text(self) -> str:
        return amount_text(self.maximum)


class Circumstance(models.Model):
    """A circumstance of a case and the tier it leads to, with the article that says so."""

    version = models.ForeignKey(BenchmarkVersion, on_delete=models.CASCADE, related_name="circumstances")
    code = models.CharField(_("情节代码"), max_length=40)
    label = models.CharField(_("情节"), max_length=300)
    effect = models.CharField(_("适用阶次"), max_length=16, choices=TierLevel.choices)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    # 首违不罚 (行政处罚法 2021 art.33 para.1): only where the law and the benchmark allow it.
    first_offence = models.BooleanField(_("首违不罚"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("裁量情节")
        verbose_name_plural = _("裁量情节")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="enforcement_circumstance_unique_code"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_aggravating(self) -> bool:
        return self.effect == TierLevel.SEVERE

    @property
    def is_mitigating(self) -> bool:
        return self.effect in (TierLevel.MITIGATED, TierLevel.LENIENT, TierLevel.NONE)
