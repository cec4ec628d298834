"""The benchmarks' demo: the market regulation bureau's (市市场监管局, scjgj) discretion benchmarks for four common
violations, with the articles and ranges of the laws themselves, as adopted in 2016 and revised in 2023
(after 国办发〔2022〕27号, and with 首违不罚 under 行政处罚法 2021 art.33 para.1). Idempotent.

The ranges (食品安全法 2015 text, unchanged by the 2018 and 2021 amendments):
* art.122 para.1 and art.124 para.1: 货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，
  并处货值金额十倍以上二十倍以下罚款;
* art.126 para.1: 责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款;
* 消费者权益保护法 art.56 para.1: 处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款 —
  the no-gain bracket has only a maximum, so the local default split gives its tiers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from yifa.audit.actors import SystemJob

from .content import BracketSpec, CircumstanceSpec, TierSpec, VersionSpec

DEMO_JOB = SystemJob("enforcement.benchmarks_demo", _("裁量基准演示数据"))
DEPARTMENT = "scjgj"
FIRST_ADOPTED = dt.date(2016, 7, 1)
REVISED = dt.date(2023, 1, 1)
DOCUMENT_2016 = "肇东市市场监督管理局行政处罚自由裁量权基准（2016年版）"
DOCUMENT_2023 = "肇东市市场监督管理局行政处罚裁量权基准（2023年修订）"
PENALTY_LAW = "《中华人民共和国行政处罚法》"
d = Decimal

FOOD_LAW = "中华人民共和国食品安全法"
CONSUMER_LAW = "中华人民共和国消费者权益保护法"


def _circumstances(*, first_offence: bool = False) -> tuple[CircumstanceSpec, ...]:
    found = [
        CircumstanceSpec("remedied", "主动消除或者减轻违法行为危害后果", "lenient", PENALTY_LAW + "第三十二条第（一）项"),
        CircumstanceSpec("coerced", "受他人胁迫或者诱骗实施违法行为", "mitigated", PENALTY_LAW + "第三十二条第（二）项"),
        CircumstanceSpec("confessed", "主动供述行政机关尚未掌握的违法行为", "lenient", PENALTY_LAW + "第三十二条第（三）项"),
        CircumstanceSpec("minor", "违法行为轻微并及时改正，没有造成危害后果", "none", PENALTY_LAW + "第三十三条第一款"),
        CircumstanceSpec("repeat", "一年内因同一种违法行为受过行政处罚", "severe", DOCUMENT_2016),
        CircumstanceSpec("vulnerable", "违法行为主要针对婴幼儿、老年人、学生等群体", "severe", DOCUMENT_2016),
        CircumstanceSpec("obstructed", "拒绝、阻碍或者以暴力威胁执法人员依法执行职务", "severe", DOCUMENT_2016),
    ]
    if first_offence:
        found.insert(0, CircumstanceSpec("first", "初次违法且危害后果轻微并及时改正", "none",
                                         PENALTY_LAW + "第三十三条第一款", first_offence=True))
    return tuple(found)


def _food_brackets(*, strict: bool) -> tuple[BracketSpec, ...]:
    """五万元以上十万元以下 (货值金额不足一万元) / 货值金额十倍以上二十倍以下 (一万元以上); 2023 narrows 从轻."""
    lenient_top = d(60000) if strict else d(65000)
    return (
        BracketSpec(statutory_min=d(50000), statutory_max=d(100000), fact="goods_value", fact_below=d(10000), tiers=(
            TierSpec("none", d(0), d(0), "违法行为轻微并及时改正，没有造成危害后果"),
            TierSpec("mitigated", d(20000), d(50000), "具有减轻处罚情节"),
            TierSpec("lenient", d(50000), lenient_top, "具有从轻处罚情节"),
            TierSpec("ordinary", lenient_top, d(85000), "无从重、从轻情节"),
            TierSpec("severe", d(85000), d(100000), "具有从重处罚情节"),
        )),
        BracketSpec(statutory_min=d(10), statutory_max=d(20), kind="multiple", fact="goods_value", fact_from=d(10000),
                    tiers=(
                        TierSpec("mitigated", d(5), d(10), "具有减轻处罚情节"),
                        TierSpec("lenient", d(10), d(12) if strict else d(13), "具有从轻处罚情节"),
                        TierSpec("ordinary", d(12) if strict else d(13), d(17), "无从重、从轻情节"),
                        TierSpec("severe", d(17), d(20), "具有从重处罚情节"),
                    )),
    )


def _health_bracket(*, first_offence: bool) -> BracketSpec:
    tiers: tuple[TierSpec, ...] = (
        TierSpec("mitigated", d(2000), d(5000), "具有减轻处罚情节"),
        TierSpec("lenient", d(5000), d(15000), "具有从轻处罚情节"),
        TierSpec("ordinary", d(15000), d(35000), "拒不改正，无从重、从轻情节"),
        TierSpec("severe", d(35000), d(50000), "拒不改正且涉及人员较多或者造成食源性疾病"),
    )
    if first_offence:
        tiers = (TierSpec("none", d(0), d(0), "初次违法且危害后果轻微并及时改正（首违不罚）"), *tiers)
    return BracketSpec(statutory_min=d(5000), statutory_max=d(50000), tiers=tiers)


def _consumer_brackets() -> tuple[BracketSpec, ...]:
    return (
        BracketSpec(statutory_min=d(1), statutory_max=d(10), kind="multiple", fact="illegal_gain", fact_from=d("0.01"),
                    tiers=(
                        TierSpec("lenient", d(1), d(3), "具有从轻处罚情节"),
                        TierSpec("ordinary", d(3), d(7), "无从重、从轻情节"),
                        TierSpec("severe", d(7), d(10), "具有从重处罚情节"),
                    )),
        # 没有违法所得的，处以五十万元以下的罚款: only a maximum — the default split fills the tiers.
        BracketSpec(statutory_max=d(500000), fact="illegal_gain", fact_below=d("0.01")),
    )


# (code, power item name in the demo list, violation, law, violated article, penalty article, penalty text,
#  penalty types, brackets 2016, brackets 2023 or None, first offence in 2023)
def _plan() -> list[tuple]:
    return [
        ("SC-001", "对生产经营标注虚假生产日期、保质期或者超过保质期的食品、食品添加剂的处罚",
         "经营超过保质期的食品", FOOD_LAW, "第三十四条第（十）项", "第一百二十四条第一款第（五）项",
         "违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，"
         "并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证。",
         ("fine", "confiscate_gain", "confiscate_property", "revoke_permit"),
         _food_brackets(strict=False), _food_brackets(strict=True), False),
        ("SC-002", "对未取得食品生产经营许可从事食品生产经营活动的处罚",
         "未取得食品经营许可从事食品经营活动", FOOD_LAW, "第三十五条第一款", "第一百二十二条第一款",
         "没收违法所得和违法生产经营的食品、食品添加剂以及用于违法生产经营的工具、设备、原料等物品；违法生产经营的"
         "食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上"
         "二十倍以下罚款。",
         ("fine", "confiscate_gain", "confiscate_property"), _food_brackets(strict=False), None, False),
        ("SC-003", "对食品生产经营者安排未取得健康证明或者患有国务院卫生行政部门规定的有碍食品安全疾病的人员从事接触直接入口食品的工作的处罚",
         "安排未取得健康证明的人员从事接触直接入口食品的工作", FOOD_LAW, "第四十五条第二款", "第一百二十六条第一款第（六）项",
         "由县级以上人民政府食品安全监督管理部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，"
         "责令停产停业，直至吊销许可证。",
         ("warning", "fine", "suspend_business", "revoke_permit"),
         (_health_bracket(first_offence=False),), (_health_bracket(first_offence=True),), True),
        ("SC-004", "对在商品中掺杂、掺假，以假充真，以次充好，或者以不合格商品冒充合格商品的处罚",
         "在商品中掺杂、掺假，以假充真，以次充好", CONSUMER_LAW, "第二十三条第一款", "第五十六条第一款第（二）项",
         "责令改正，可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款，没有违法所得的，"
         "处以五十万元以下的罚款；情节严重的，责令停业整顿、吊销营业执照。",
         ("warning", "fine", "confiscate_gain", "suspend_business", "revoke_permit"), _consumer_brackets(), None, False),
    ]


def load_benchmarks_demo() -> str:
    from yifa.org.models import Department
    from yifa.powers.models import PowerVersion

    from .actions import adopt_versions
    from .models import Benchmark

    department = Department.objects.filter(code=DEPARTMENT).first()
    if department is None:
        return _("没有市场监管局（先载入 org 的演示数据），跳过裁量基准。")
    if Benchmark.objects.filter(department=department).exists():
        return _("裁量基准演示数据已载入。")
    specs: list[VersionSpec] = []
    skipped = 0
    for code, power_name, violation, law, violated, penalty, text, kinds, old, new, first in _plan():
        power = PowerVersion.objects.filter(department=department, name=power_name, power_type="02",
                                            effective_from__lte=FIRST_ADOPTED).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gt=FIRST_ADOPTED)).first()
        if power is None:
            skipped += 1
            continue
        common = {"code": code, "violation": violation, "power_code": power.code, "law": law,
                  "violated_article": violated, "penalty_article": penalty, "penalty_text": text,
                  "penalty_types": kinds}
        specs.append(VersionSpec(**common, effective_from=FIRST_ADOPTED, document=DOCUMENT_2016,
                                 brackets=old, circumstances=_circumstances()))
        if new is not None:
            specs.append(VersionSpec(**common, effective_from=REVISED, document=DOCUMENT_2023, brackets=new,
                                     circumstances=_circumstances(first_offence=first)))
    if not specs:
        return _("市场监管局的权责清单中没有对应的行政处罚事项（先载入权责清单演示数据），跳过裁量基准。")
    versions = adopt_versions(actor=DEMO_JOB, department=department, specs=specs, source="demo")
    from .actions import take_effect

    take_effect(actor=DEMO_JOB)
    return _("裁量基准：市场监管局 %(n)s 项违法行为、%(v)s 个版本（2016 年版和 2023 年修订）%(skipped)s。") % {
        "n": len({v.code for v in versions}), "v": len(versions),
        "skipped": _("，%(n)s 项因权责清单中没有对应事项而未载入") % {"n": skipped} if skipped else ""}
