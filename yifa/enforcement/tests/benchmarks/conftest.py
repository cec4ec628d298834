"""Fixtures of the benchmarks part: a department with a 行政处罚 power item and a benchmark of it."""

import datetime as dt
from decimal import Decimal

import pytest

from yifa.audit.actors import SystemJob
from yifa.enforcement.benchmarks import actions
from yifa.enforcement.benchmarks.content import BracketSpec, CircumstanceSpec, TierSpec, VersionSpec
from yifa.powers.tests.conftest import approve, power, proposal

D = dt.date
JOB = SystemJob("test")
PENALTY_CODE = "0200101000"
d = Decimal


@pytest.fixture
def penalty_power(department):
    """A 行政处罚 item of `department` (经营超过保质期的食品), in force from 2016-06-30."""
    approve(department, proposal(power(code=PENALTY_CODE, name="对经营超过保质期食品的处罚", power_type="02",
                                       statutory_limit=None, statutory_unit="", promised_limit=None,
                                       promised_unit="")))
    from yifa.powers.models import PowerVersion

    return PowerVersion.objects.get(department=department, code=PENALTY_CODE)


CIRCUMSTANCES = (
    CircumstanceSpec("first", "初次违法且危害后果轻微并及时改正", "none",
                     "《中华人民共和国行政处罚法》第三十三条第一款", first_offence=True),
    CircumstanceSpec("remedied", "主动消除或者减轻违法行为危害后果", "lenient", "《中华人民共和国行政处罚法》第三十二条第（一）项"),
    CircumstanceSpec("coerced", "受他人胁迫或者诱骗实施违法行为", "mitigated", "《中华人民共和国行政处罚法》第三十二条第（二）项"),
    CircumstanceSpec("refused", "拒不改正或者多次违法", "severe", ""),
)


ADOPTED_ON = D(2016, 7, 1)


def food_spec(when=ADOPTED_ON, *, code="SC-001", ordinary_low="65000", brackets=None, **fields):
    """食品安全法 art.124 (2015): 货值金额不足一万元的 五万元以上十万元以下; 一万元以上的 十倍以上二十倍以下."""
    small = BracketSpec(
        statutory_min=d(50000), statutory_max=d(100000), fact="goods_value", fact_below=d(10000), tiers=(
            TierSpec("none", d(0), d(0)),
            TierSpec("mitigated", d(25000), d(50000)),
            TierSpec("lenient", d(50000), d(ordinary_low)),
            TierSpec("ordinary", d(ordinary_low), d(85000)),
            TierSpec("severe", d(85000), d(100000)),
        ))
    large = BracketSpec(
        statutory_min=d(10), statutory_max=d(20), kind="multiple", fact="goods_value", fact_from=d(10000), tiers=(
            TierSpec("mitigated", d(5), d(10)),
            TierSpec("lenient", d(10), d(13)),
            TierSpec("ordinary", d(13), d(17)),
            TierSpec("severe", d(17), d(20)),
        ))
    values = {"code": code, "violation": "经营超过保质期的食品", "power_code": PENALTY_CODE,
              "law": "中华人民共和国食品安全法", "violated_article": "第三十四条第（十）项",
              "penalty_article": "第一百二十四条第一款第（五）项", "effective_from": when,
              "penalty_types": ("fine", "confiscate_gain", "confiscate_property"),
              "brackets": brackets or (small, large), "circumstances": CIRCUMSTANCES, "document": "测试基准"}
    values.update(fields)
    return VersionSpec(**values)


def adopt(department, *specs):
    return actions.adopt_versions(actor=JOB, department=department, specs=list(specs))


@pytest.fixture
def food_benchmark(department, penalty_power):
    """SC-001 as adopted in 2016."""
    [version] = adopt(department, food_spec())
    return version.benchmark
