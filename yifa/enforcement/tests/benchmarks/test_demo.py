"""The demo: the market regulation bureau's benchmarks with the laws' own ranges, 2016 and 2023 versions."""

import datetime as dt
from decimal import Decimal

import pytest

from yifa.enforcement.benchmarks import selectors
from yifa.enforcement.benchmarks.calculator import recommend
from yifa.enforcement.benchmarks.declaration import figures
from yifa.enforcement.benchmarks.demo import load_benchmarks_demo
from yifa.enforcement.benchmarks.models import Benchmark
from yifa.org.models import Department

D = dt.date


@pytest.fixture
def demo(demo_lists):
    return load_benchmarks_demo()


@pytest.fixture
def demo_lists(db):
    from yifa.org.demo import load as load_org_demo
    from yifa.powers.demo import load_powers_demo

    load_org_demo()
    load_powers_demo()


def test_demo_loads_four_violations_with_two_versions_where_revised(demo):
    assert "4 项违法行为、6 个版本" in demo
    scjgj = Department.objects.get(code="scjgj")
    assert selectors.in_force(D(2016, 12, 31), department=scjgj).count() == 4
    assert list(selectors.in_force(D(2024, 1, 1)).filter(effective_from=D(2023, 1, 1)).values_list(
        "code", flat=True)) == ["SC-001", "SC-003"]
    assert load_benchmarks_demo() == "裁量基准演示数据已载入。"  # idempotent


def test_demo_benchmarks_follow_the_law_ranges(demo):
    health = Benchmark.objects.get(code="SC-003")
    # 食品安全法 art.126: 五千元以上五万元以下; 首违不罚 only in the 2023 version (行政处罚法 2021 art.33).
    assert recommend(health, circumstances={"first"}, on=D(2024, 5, 1)).tier == "none"
    with pytest.raises(Exception, match="不属于本裁量基准"):
        recommend(health, circumstances={"first"}, on=D(2019, 5, 1))
    ordinary = recommend(health, on=D(2019, 5, 1))
    assert (ordinary.minimum, ordinary.maximum) == (Decimal(15000), Decimal(35000))
    consumer = Benchmark.objects.get(code="SC-004")
    # 消费者权益保护法 art.56: 违法所得 2,000 × 3–7 = 6,000–14,000; no gain: 500,000 × 40–60 % = 200,000–300,000.
    gain = recommend(consumer, facts={"illegal_gain": 2000}, on=D(2024, 5, 1))
    assert (gain.minimum, gain.maximum) == (Decimal(6000), Decimal(14000))
    none = recommend(consumer, facts={"illegal_gain": 0}, on=D(2024, 5, 1))
    assert (none.minimum, none.maximum) == (Decimal(200000), Decimal(300000))


def test_figures_count_benchmarks_in_force(demo):
    scjgj = Department.objects.get(code="scjgj")
    assert figures(2016)["benchmarks_in_force"] == 4
    assert figures(2016)["benchmark_versions_adopted"] == 4
    assert figures(2023, scjgj)["benchmark_versions_adopted"] == 2
    assert figures(2015)["benchmarks_in_force"] == 0


@pytest.mark.parametrize("year", [0, -5, 10000, 2**40])
def test_figures_of_an_impossible_year_are_zero_not_an_error(db, year):
    assert set(figures(year).values()) == {0}
