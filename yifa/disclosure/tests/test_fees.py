"""The fee calculator of 国办函〔2020〕109号: by count or by pages, never both."""

from decimal import Decimal

import pytest

from yifa.core.errors import ActionRefused
from yifa.disclosure.fees import calculate, fee_by_count, fee_by_pages


@pytest.mark.parametrize(("nth", "amount"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)])
def test_by_count_per_applicant_per_month(nth, amount):
    assert fee_by_count(nth).amount == Decimal(amount)


@pytest.mark.parametrize(("pages", "amount"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)])
def test_by_pages_each_part_at_its_rate(pages, amount):
    assert fee_by_pages(pages).amount == Decimal(amount)


def test_the_breakdown_explains_the_amount():
    lines = fee_by_pages(160).lines
    assert "第 31—100 页共 70 页 × 10 元 = 700 元。" in lines
    assert "第 101—160 页共 60 页 × 20 元 = 1200 元。" in lines
    assert lines[-1] == "按量计收，合计 1900 元。"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"method": "count", "pages": 40, "nth_in_month": 3}, "不能同时使用"),
     ({"method": "pages", "pages": 40, "nth_in_month": 3}, "不能同时使用"),
     ({"method": "both"}, "未知的收费方式"),
     ({"method": "pages", "pages": -1}, "非负整数"),
     ({"method": "count", "nth_in_month": 0}, "正整数")],
)
def test_nonsense_is_refused(kwargs, message):
    method = kwargs.pop("method")
    with pytest.raises(ActionRefused, match=message):
        calculate(method, **kwargs)
