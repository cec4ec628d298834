"""The calculator against hand-worked examples (the arithmetic is written beside each assertion)."""

import datetime as dt
from decimal import Decimal

import pytest

from yifa.enforcement.benchmarks.calculator import CalculationRefused, Verdict, check_amount, recommend
from yifa.enforcement.benchmarks.content import BracketSpec

from .conftest import adopt, food_spec

D = dt.date
d = Decimal
TODAY = D(2024, 3, 1)


def test_no_circumstance_small_goods_value_gives_the_ordinary_tier_in_yuan(food_benchmark):
    # 货值金额 8,000 < 10,000: the first bracket (五万元以上十万元以下); no circumstance: 一般 65,000–85,000.
    rec = recommend(food_benchmark, facts={"goods_value": "8000"}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("ordinary", d(65000), d(85000))
    text = "\n".join(rec.reasons)
    assert "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项" in text
    assert "《中华人民共和国食品安全法》第三十四条第（十）项" in text
    assert "65,000元至85,000元" in text


def test_mitigating_circumstance_with_a_large_goods_value_multiplies_the_tier(food_benchmark):
    # 货值金额 30,000 ≥ 10,000: 十倍以上二十倍以下; 从轻 10–13 倍: 30,000 × 10 = 300,000; 30,000 × 13 = 390,000.
    rec = recommend(food_benchmark, circumstances={"remedied"}, facts={"goods_value": d(30000)}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("lenient", d(300000), d(390000))
    assert (rec.statutory_minimum, rec.statutory_maximum) == (d(300000), d(600000))  # 10 × / 20 × 30,000
    assert any("30,000 × 10 = 300,000" in line for line in rec.reasons)
    assert any("第三十二条第（一）项" in line for line in rec.reasons)


def test_aggravating_and_mitigating_together_give_the_ordinary_tier(food_benchmark):
    # 从重 and 从轻 at once: 一般, 13–17 倍: 30,000 × 13 = 390,000; 30,000 × 17 = 510,000.
    rec = recommend(food_benchmark, circumstances={"remedied", "refused"}, facts={"goods_value": 30000}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("ordinary", d(390000), d(510000))
    assert any("综合裁量" in line and "第三十四条" in line for line in rec.reasons)


def test_aggravating_alone_gives_the_severe_tier(food_benchmark):
    # 从重 17–20 倍 of 12,345.67: 209,876.39 (209,876.39) and 246,913.40.
    rec = recommend(food_benchmark, circumstances={"refused"}, facts={"goods_value": "12,345.67"}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("severe", d("209876.39"), d("246913.40"))


def test_mildest_mitigating_circumstance_wins(food_benchmark):
    # 减轻 (coerced) is milder than 从轻 (remedied): 5–10 倍 of 30,000 = 150,000–300,000.
    rec = recommend(food_benchmark, circumstances=["remedied", "coerced"], facts={"goods_value": 30000}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("mitigated", d(150000), d(300000))


def test_first_offence_exempts_under_the_2021_law_only(food_benchmark):
    rec = recommend(food_benchmark, circumstances={"first"}, facts={"goods_value": 8000}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("none", d(0), d(0))
    assert rec.no_penalty and any("第三十三条" in line for line in rec.reasons)
    # Before 2021-07-15 there was no 首违不罚 (行政处罚法 2017): the circumstance is set aside, 一般 applies.
    old = recommend(food_benchmark, circumstances={"first"}, facts={"goods_value": 8000}, on=D(2020, 5, 1))
    assert old.tier == "ordinary"
    assert any("2021年7月15日" in line for line in old.reasons)
    assert any("2017年修正" in line for line in old.reasons)


def test_no_penalty_by_law_even_where_the_bracket_lacks_that_tier(food_benchmark):
    # The multiple bracket tabulates no 不予处罚 tier; art.33 still answers 不予处罚 (0 元).
    rec = recommend(food_benchmark, circumstances={"first"}, facts={"goods_value": 20000}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("none", d(0), d(0))
    assert any("依法不予处罚" in line for line in rec.reasons)
    assert check_amount(rec, 0).verdict == Verdict.IN_RANGE


def test_a_mitigated_tier_the_bracket_lacks_falls_back_towards_the_ordinary_tier(department, penalty_power):
    # 价格法 art.42 (五千元以下): no 减轻 tier can exist below a minimum of 0; 减轻 falls back to 从轻, 0–1,000.
    [version] = adopt(department, food_spec(code="JG-003", brackets=(BracketSpec(statutory_max=d(5000)),)))
    rec = recommend(version, circumstances={"coerced"}, on=TODAY)
    assert (rec.tier, rec.minimum, rec.maximum) == ("lenient", d(0), d(1000))
    assert any("未设减轻处罚阶次" in line for line in rec.reasons)


def test_check_amount_inside_another_tier_or_outside_every_tier(food_benchmark):
    rec = recommend(food_benchmark, circumstances={"remedied"}, facts={"goods_value": 30000}, on=TODAY)
    inside = check_amount(rec, 350000)
    assert inside.verdict == Verdict.IN_RANGE and inside.allowed and not inside.needs_reason
    # 450,000 is in 一般 (390,000–510,000), not in the recommended 从轻: allowed with a reason and 法制审核.
    other = check_amount(rec, "450000")
    assert (other.verdict, other.tier, other.allowed, other.needs_reason) == (Verdict.OTHER_TIER, "ordinary", True, True)
    assert "法制审核" in other.message
    # 650,000 > 20 × 30,000 = 600,000, and 100,000 < 5 × 30,000 = 150,000: outside every tier, refused.
    for amount in (650000, 100000):
        outside = check_amount(rec, amount)
        assert outside.verdict == Verdict.OUTSIDE and not outside.allowed
        assert "任何阶次" in outside.message
    # A tier's ends are inside it: 390,000 is both 从轻's top and 一般's bottom, and counts as recommended.
    assert check_amount(rec, 390000).verdict == Verdict.IN_RANGE


def test_check_amount_refuses_malformed_amounts(food_benchmark):
    rec = recommend(food_benchmark, facts={"goods_value": 8000}, on=TODAY)
    for bad in ("abc", "-1", "NaN", "Infinity", "1e40"):
        with pytest.raises(CalculationRefused):
            check_amount(rec, bad)


@pytest.mark.parametrize(("facts", "circumstances", "message"), [
    ({}, set(), "请填写货值金额"),
    ({"goods_value": "-5"}, set(), "不小于零"),
    ({"goods_value": "十万"}, set(), "不是有效的金额"),
    ({"goods_value": "1e15"}, set(), "超出"),
    ({"goods_value": "100", "bribe": "1"}, set(), "未知的事实项"),
    ({"goods_value": "100"}, {"nonsense"}, "不属于本裁量基准"),
])
def test_bad_input_is_refused_with_a_message(food_benchmark, facts, circumstances, message):
    with pytest.raises(CalculationRefused) as refused:
        recommend(food_benchmark, circumstances=circumstances, facts=facts, on=TODAY)
    assert message in str(refused.value)


def test_the_version_in_force_on_the_date_is_used(department, food_benchmark):
    # The 2022 version narrows 一般 to 70,000–85,000; the 2016 one (65,000–85,000) governs acts before that day.
    adopt(department, food_spec(D(2022, 1, 1), ordinary_low="70000"))
    facts = {"goods_value": 8000}
    assert recommend(food_benchmark, facts=facts, on=D(2021, 12, 31)).minimum == d(65000)
    assert recommend(food_benchmark, facts=facts, on=D(2022, 1, 1)).minimum == d(70000)
    assert recommend(food_benchmark, facts=facts, on=TODAY).minimum == d(70000)
    with pytest.raises(CalculationRefused, match="没有有效的版本"):
        recommend(food_benchmark, facts=facts, on=D(2016, 6, 30))


def test_only_a_maximum_gets_the_default_split(department, penalty_power):
    # 价格法 art.42: 可以并处五千元以下的罚款. Default: 从轻 0–20 % = 0–1,000; 一般 40–60 % = 2,000–3,000; 从重 60–100 %.
    [version] = adopt(department, food_spec(code="JG-001", brackets=(BracketSpec(statutory_max=d(5000)),),
                                            circumstances=()))
    rec = recommend(version, on=TODAY)
    assert [(t.level, t.minimum, t.maximum) for t in rec.tiers] == [
        ("lenient", d(0), d(1000)), ("ordinary", d(2000), d(3000)), ("severe", d(3000), d(5000))]
    assert (rec.tier, rec.minimum, rec.maximum) == ("ordinary", d(2000), d(3000))
    # 1,500 lies between 从轻 and 一般 under the default split: outside every tier.
    assert check_amount(rec, 1500).verdict == Verdict.OUTSIDE


def test_the_default_split_is_a_setting(settings, department, penalty_power):
    # 从轻 0–30 % of 5,000 = 0–1,500; 一般 30–70 % = 1,500–3,500; 从重 70–100 % = 3,500–5,000.
    settings.YIFA_BENCHMARK_DEFAULT_SPLIT = {"lenient": [0, 30], "ordinary": [30, 70], "severe": [70, 100]}
    [version] = adopt(department, food_spec(code="JG-002", brackets=(BracketSpec(statutory_max=d(5000)),),
                                            circumstances=()))
    rec = recommend(version, on=TODAY)
    assert [(t.minimum, t.maximum) for t in rec.tiers] == [(0, 1500), (1500, 3500), (3500, 5000)]
    assert check_amount(rec, 1500).verdict == Verdict.IN_RANGE
